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
   * Delete previous (noncurrent) blob versions under the artifact prefix once they are more
   * than this many days old (cost control; current versions are never touched). Needs
   * versioning.
   *
   * The age of a previous version counts from its creation, which is when that content was
   * written (its version id is that time), not from when it was overwritten or deleted: the
   * rule is the lifecycle condition `version.delete_after_days_since_creation`
   * (`daysAfterCreationGreaterThan`). Azure offers no "days since it became a previous
   * version" condition for versions (only days since creation and since the last tier change).
   * So an artifact written 100 days ago and overwritten or deleted today (e.g. by
   * `mlflow gc`) loses its old content at the next lifecycle run (about once a day) with a
   * value of 90. Soft delete still keeps a version the rule deletes restorable for
   * `softDeleteRetentionDays`.
   * @default - previous versions are kept
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
   * Public IPv4 addresses or CIDR ranges allowed through the firewall. Azure Storage rejects
   * /31 and /32 ranges (give a single address without a prefix) and private (RFC 1918) ranges.
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
   *
   * With the AzureServices bypass and no allowed subnet or IP range this is Azure's default
   * rule set, which the azurerm provider drops when it reads the account (azurerm 27860): the
   * `network_rules` block is then not emitted (it would show as a change in every plan), and
   * the provider creates the account with that default. Because the block is Optional and
   * Computed, switching an existing account from `Deny` to this does not open its firewall:
   * do that with `az storage account update --default-action Allow`.
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
   * Keep every overwritten or deleted blob as a version. Not available with
   * `hierarchicalNamespace: true` (azurerm refuses `versioning_enabled` with `is_hns_enabled`).
   * @default true, or false with hierarchicalNamespace: true
   */
  readonly versioning?: boolean;
  /**
   * Record every change in the change feed.
   * @default false (true when point-in-time restore is on, which needs it, or changeFeedRetentionDays is given)
   */
  readonly changeFeed?: boolean;
  /**
   * Days the change feed is kept: 1 to 146000. Giving it turns the change feed on (unless
   * `changeFeed: false`, which is an error with it).
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
   *
   * The lock is inherited by everything under the account, so it blocks every control-plane
   * delete there, not only the account's. Terraform changes that delete or replace one of these
   * fail with `ScopeLocked` while the lock is on:
   * - role assignments scoped to the container (removing a grant, or changing its principal or
   *   role, which replaces it);
   * - the diagnostic setting on `<account>/blobServices/default` (removing monitoring, or
   *   renaming the setting);
   * - the lifecycle management policy (removing `lifecycle`: updating its rules is fine);
   * - private endpoint connections of the account (deleting or replacing a private endpoint
   *   to it, e.g. moving it to another subnet);
   * - the container (renaming it; it also carries `prevent_destroy`).
   * For those: apply with `deletionProtection: false` (removes the lock and `prevent_destroy`),
   * apply the change, then apply with `deletionProtection: true` again. Data-plane deletes
   * (blobs) are not blocked by the lock: soft delete and versioning guard them.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Infrastructure (double) encryption.
   * @default true
   */
  readonly infrastructureEncryption?: boolean;
  /**
   * ADLS Gen2 (hierarchical namespace): the artifact URI becomes `abfss://`. Blob versioning
   * is not available with it (versioning then defaults to off; `versioning: true` is an error).
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
