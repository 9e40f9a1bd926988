import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { IConstruct } from 'constructs';
import { AzureCloud } from '../core/cloud';
import { PrincipalType } from '../core/roles';

/**
 * Options of a role grant on the artifact container.
 */
export interface ArtifactGrantOptions {
  /**
   * The kind of principal.
   * @default PrincipalType.SERVICE_PRINCIPAL
   */
  readonly principalType?: PrincipalType;
  /**
   * Skip the directory check for a principal created in the same apply (replication delay).
   * Only valid for service principals (and managed identities).
   * @default true for service principals, false otherwise
   */
  readonly skipServicePrincipalAadCheck?: boolean;
}

/**
 * An artifact store: a storage account and the blob container MLflow writes to, whether this
 * library manages them (`ArtifactStore`, `ArtifactStore.addContainer`) or they exist already
 * (`ArtifactStore.fromAttributes`, `ArtifactStore.fromExisting`). Everything that needs a store
 * (`ArtifactAccess`, `MlflowOnAzure`, `MlflowTeams`) takes this interface.
 */
export interface IArtifactStore extends IConstruct {
  /** The storage account name. */
  readonly accountName: string;
  /** The storage account's resource id. */
  readonly accountId: string;
  /** The container name. */
  readonly containerName: string;
  /** The container's resource id: the scope of blob role grants. */
  readonly containerResourceId: string;
  /** The path prefix of the artifacts inside the container ("" for the container root). */
  readonly artifactPath: string;
  /** The URI MLflow stores artifacts under (`wasbs://` or `abfss://`). */
  readonly artifactUri: string;
  /** The blob endpoint, e.g. `https://<account>.blob.core.windows.net/`. */
  readonly blobEndpoint: string;
  /** The Azure cloud of the account. */
  readonly cloud: AzureCloud;
  /** Whether a custom blob endpoint is used (MLflow then needs a connection string). */
  readonly usesCustomEndpoint: boolean;
  /** Whether shared key access (account key, connection string) is allowed. */
  readonly sharedAccessKeyEnabled: boolean;
  /** Whether hierarchical namespace (ADLS Gen2) is on. */
  readonly hierarchicalNamespace: boolean;
  /** Whether this library manages the account (its lock, lifecycle rules and firewall). */
  readonly managed: boolean;
  /**
   * The account's primary access key (sensitive), where it is known: needed by the account key
   * auth mode.
   */
  readonly primaryAccessKey?: string;
  /** The account's primary connection string (sensitive), where it is known. */
  readonly primaryConnectionString?: string;

  /**
   * Grant read, write and delete on the artifact container ("Storage Blob Data Contributor",
   * scoped to the container, never wider).
   *
   * @param id a literal construct id for the role assignment, unique within this store
   * @param principalId the object (principal) id of the identity
   */
  grantReadWrite(id: string, principalId: string, options?: ArtifactGrantOptions): RoleAssignment;

  /**
   * Grant read on the artifact container ("Storage Blob Data Reader", scoped to the container).
   *
   * @param id a literal construct id for the role assignment, unique within this store
   * @param principalId the object (principal) id of the identity
   */
  grantRead(id: string, principalId: string, options?: ArtifactGrantOptions): RoleAssignment;
}
