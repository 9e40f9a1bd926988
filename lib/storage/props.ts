import { ITerraformDependable } from 'cdktf';
import { AzureCloud } from '../core/cloud';

/** How the storage account replicates data. */
export enum StorageReplication {
  /** Three copies in one datacenter. Not for production. */
  LRS = 'LRS',
  /** Three copies across availability zones in one region. */
  ZRS = 'ZRS',
  /** LRS plus an asynchronous copy in the paired region. */
  GRS = 'GRS',
  /** GRS with read access to the secondary. */
  RAGRS = 'RAGRS',
  /** ZRS plus an asynchronous copy in the paired region. */
  GZRS = 'GZRS',
  /** GZRS with read access to the secondary. */
  RAGZRS = 'RAGZRS',
}

/** The default access tier of the account. */
export enum StorageAccessTier {
  /** Frequently read data (MLflow artifacts that runs and serving read back). */
  HOT = 'Hot',
  /** Infrequently read data; 30-day minimum charge. */
  COOL = 'Cool',
  /** Rarely read data; 90-day minimum charge. */
  COLD = 'Cold',
}

/**
 * Lifecycle (management policy) rules for the artifact prefix.
 *
 * Archive is deliberately absent from the defaults: an archived blob cannot be read until it
 * is rehydrated (hours), so an MLflow download fails.
 */
export interface ArtifactLifecycleProps {
  /**
   * Move artifacts to the Cool tier this many days after their last modification.
   * @default - never
   */
  readonly coolAfterDays?: number;
  /**
   * Move artifacts to the Cold tier this many days after their last modification.
   * @default - never
   */
  readonly coldAfterDays?: number;
  /**
   * Move artifacts to the Archive tier this many days after their last modification.
   * Archived artifacts cannot be downloaded by MLflow until rehydrated; only allowed
   * together with `allowArchiveTierForArtifacts: true`.
   * @default - never
   */
  readonly archiveAfterDays?: number;
  /**
   * Explicitly allow `archiveAfterDays` (MLflow cannot read archived artifacts; you accept it).
   * @default false
   */
  readonly allowArchiveTierForArtifacts?: boolean;
  /**
   * Delete noncurrent blob versions this many days after they became noncurrent (cost
   * control; live artifacts are never touched).
   * @default - noncurrent versions are kept
   */
  readonly deleteNoncurrentVersionsAfterDays?: number;
}

/**
 * The storage firewall.
 */
export interface ArtifactStoreNetworkProps {
  /**
   * Subnet ids allowed through the firewall (for example the AKS node subnet, which needs
   * the `Microsoft.Storage` service endpoint).
   * @default []
   */
  readonly allowedSubnetIds?: string[];
  /**
   * Public IP addresses or CIDR ranges allowed through the firewall (no private ranges).
   * @default []
   */
  readonly allowedIpRanges?: string[];
  /**
   * Let trusted Azure services through the firewall (needed for customer-managed keys and
   * diagnostics).
   * @default true
   */
  readonly bypassAzureServices?: boolean;
  /**
   * Turn the public endpoint off entirely: the account is then reachable only through
   * private endpoints. The pattern sets this when it creates a private endpoint.
   * @default false
   */
  readonly disablePublicNetworkAccess?: boolean;
  /**
   * Loosen the firewall to allow every network (default action `Allow`). For throwaway
   * environments only; scanners flag it.
   * @default false
   */
  readonly allowAllNetworks?: boolean;
}

/**
 * A customer-managed key set on the account at creation.
 */
export interface ArtifactStoreCustomerManagedKeyProps {
  /** Versionless id of the Key Vault key, so that rotation reaches storage. */
  readonly keyVaultKeyId: string;
  /** Resource id of the user-assigned identity that reads the key (it must also be in `identityIds`). */
  readonly userAssignedIdentityId: string;
  /**
   * What must exist before the account is created with this key: the identity's grant on the vault.
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The optional settings of an {@link ArtifactStore} (what the pattern passes through).
 */
export interface ArtifactStoreOptions {
  /**
   * The blob container that holds the artifacts.
   * @default "mlflow"
   */
  readonly containerName?: string;
  /**
   * Path prefix of the artifacts inside the container: no leading slash, no `..`.
   * @default "artifacts"
   */
  readonly artifactPath?: string;
  /**
   * Replication.
   * @default StorageReplication.ZRS
   */
  readonly replication?: StorageReplication;
  /**
   * The account's default access tier.
   * @default StorageAccessTier.HOT
   */
  readonly accessTier?: StorageAccessTier;
  /**
   * Allow shared key (account key, connection string, SAS) access. Identity-only deployments
   * (workload identity, service principal, kubelet identity) leave it off; the account key and
   * connection string auth modes need it on.
   * @default false
   */
  readonly sharedAccessKeyEnabled?: boolean;
  /**
   * Days a deleted blob, and a deleted container, can be restored (soft delete): 7 to 365.
   * @default 30
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Keep every overwritten or deleted blob as a version.
   * @default true
   */
  readonly versioning?: boolean;
  /**
   * Record every change in the change feed.
   * @default false (true when point-in-time restore is on, which needs it)
   */
  readonly changeFeed?: boolean;
  /**
   * Days the change feed is kept: 1 to 146000.
   * @default - kept forever
   */
  readonly changeFeedRetentionDays?: number;
  /**
   * Point-in-time restore window in days (1 to softDeleteRetentionDays - 1). Needs versioning
   * and the change feed (turned on with it); not available with hierarchical namespace.
   * @default - off
   */
  readonly pointInTimeRestoreDays?: number;
  /**
   * Protect the account and container from deletion: Terraform `prevent_destroy` on both and a
   * `CanNotDelete` management lock on the account. Turn off only for throwaway environments.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Infrastructure (double) encryption.
   * @default true
   */
  readonly infrastructureEncryption?: boolean;
  /**
   * ADLS Gen2 (hierarchical namespace): the artifact URI becomes `abfss://`.
   * @default false
   */
  readonly hierarchicalNamespace?: boolean;
  /**
   * The Azure cloud, which decides the endpoint suffix of the artifact URI.
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * A custom blob endpoint (Azure Stack, an emulator, a proxy), e.g. `https://acct.blob.local.azurestack.external/`.
   * MLflow reaches it only through a connection string with `BlobEndpoint=`.
   * @default - the cloud's endpoint
   */
  readonly customBlobEndpoint?: string;
  /**
   * Lifecycle rules for the artifact prefix.
   * @default - none
   */
  readonly lifecycle?: ArtifactLifecycleProps;
  /**
   * The storage firewall: default action `Deny`, trusted Azure services through.
   * @default - Deny with AzureServices bypass and nothing else allowed
   */
  readonly network?: ArtifactStoreNetworkProps;
  /**
   * User-assigned identities of the account (for customer-managed keys).
   * @default - none
   */
  readonly identityIds?: string[];
  /**
   * A customer-managed key set at creation.
   * @default - Microsoft-managed keys
   */
  readonly customerManagedKey?: ArtifactStoreCustomerManagedKeyProps;
  /**
   * Tags on the account.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Props of {@link ArtifactStore}.
 */
export interface ArtifactStoreProps extends ArtifactStoreOptions {
  /** Resource group of the storage account. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** Storage account name: 3 to 24 lowercase letters and digits, globally unique. */
  readonly accountName: string;
}
