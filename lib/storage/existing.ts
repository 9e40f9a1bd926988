import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Construct } from 'constructs';
import { ContainerGrants } from './grants';
import { ArtifactGrantOptions, IArtifactStore } from './reference';
import { artifactUriFor, blobEndpointFor } from './uri';
import { AzureCloud } from '../core/cloud';
import { checkArtifactPath, checkCloud, checkCustomBlobEndpoint, checkName, checkResourceGroupName } from '../core/names';
import { azurermModules } from '../core/providers';
import { BuiltInRole } from '../core/roles';
import { checkSecretReference } from '../core/secrets';
import { isLiteral, Problems } from '../core/validation';

/** Options of `ArtifactStore.addContainer`. */
export interface ArtifactContainerOptions {
  /** The container name: 3 to 63 lowercase letters, digits and single hyphens. */
  readonly containerName: string;
  /**
   * Path prefix of the artifacts inside the container.
   * @default "artifacts"
   */
  readonly artifactPath?: string;
}

/** Props of {@link ArtifactContainer}. */
export interface ArtifactContainerProps extends ArtifactContainerOptions {
  /** The store whose account the container is in (its account facts are inherited). */
  readonly account: IArtifactStore;
  /**
   * `prevent_destroy` on the container.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * One more container in a managed account, with grants scoped to it: an artifact store of its
 * own for another MLflow instance (see `ArtifactStore.addContainer`).
 */
export class ArtifactContainer extends Construct implements IArtifactStore {
  /** The container. */
  public readonly container: StorageContainer;
  public readonly accountName: string;
  public readonly accountId: string;
  public readonly containerName: string;
  public readonly containerResourceId: string;
  public readonly artifactPath: string;
  public readonly artifactUri: string;
  public readonly blobEndpoint: string;
  public readonly cloud: AzureCloud;
  public readonly usesCustomEndpoint: boolean;
  public readonly sharedAccessKeyEnabled: boolean;
  public readonly hierarchicalNamespace: boolean;
  public readonly managed: boolean = true;
  public readonly primaryAccessKey?: string;
  public readonly primaryConnectionString?: string;
  private readonly grants: ContainerGrants;

  constructor(scope: Construct, id: string, props: ArtifactContainerProps) {
    super(scope, id);
    const p = new Problems(`ArtifactContainer at ${this.node.path}`, this);
    checkName(p, 'storageContainer', 'containerName', props.containerName);
    checkArtifactPath(p, 'artifactPath', props.artifactPath);
    p.throwIfAny();
    const a = props.account;
    this.container = new azurermModules.storageContainer.StorageContainer(this, 'Container', {
      name: props.containerName,
      storageAccountId: a.accountId,
      containerAccessType: 'private',
      lifecycle: { preventDestroy: props.deletionProtection ?? true },
    });
    this.accountName = a.accountName;
    this.accountId = a.accountId;
    this.containerName = props.containerName;
    this.containerResourceId = this.container.id;
    this.artifactPath = props.artifactPath ?? 'artifacts';
    this.cloud = a.cloud;
    this.blobEndpoint = a.blobEndpoint;
    this.usesCustomEndpoint = a.usesCustomEndpoint;
    this.sharedAccessKeyEnabled = a.sharedAccessKeyEnabled;
    this.hierarchicalNamespace = a.hierarchicalNamespace;
    this.primaryAccessKey = a.primaryAccessKey;
    this.primaryConnectionString = a.primaryConnectionString;
    this.artifactUri = artifactUriFor(this);
    this.grants = new ContainerGrants(this, this.containerResourceId, props.containerName);
  }

  public grantReadWrite(id: string, principalId: string, options: ArtifactGrantOptions = {}): RoleAssignment {
    return this.grants.grant(id, principalId, BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR, options);
  }

  public grantRead(id: string, principalId: string, options: ArtifactGrantOptions = {}): RoleAssignment {
    return this.grants.grant(id, principalId, BuiltInRole.STORAGE_BLOB_DATA_READER, options);
  }
}

/** What is true of an existing store whichever way it is given. */
export interface ExistingArtifactStoreCommon {
  /** The container MLflow writes to (it must exist). */
  readonly containerName: string;
  /**
   * Path prefix of the artifacts inside the container ("" for the container root).
   * @default ""
   */
  readonly artifactPath?: string;
  /**
   * The Azure cloud of the account.
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * Whether the account has hierarchical namespace (the artifact URI is then `abfss://`).
   * @default false
   */
  readonly hierarchicalNamespace?: boolean;
  /**
   * Whether the account allows shared key access: declare it to use the account key or
   * connection string auth modes (an existing account cannot be read at synth).
   * @default false
   */
  readonly sharedAccessKeyEnabled?: boolean;
  /**
   * A custom blob endpoint (Azure Stack, a proxy), e.g. `https://acct.blob.local.azurestack.external/`.
   * @default - the cloud's endpoint
   */
  readonly customBlobEndpoint?: string;
}

/** An existing store given by attributes (`ArtifactStore.fromAttributes`). */
export interface ExistingArtifactStoreAttributes extends ExistingArtifactStoreCommon {
  /** The storage account name. */
  readonly accountName: string;
  /** The storage account's resource id (`/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Storage/storageAccounts/<name>`). */
  readonly accountId: string;
  /**
   * The account's primary access key, as a Terraform reference (a sensitive variable), for the
   * account key auth mode.
   * @default - unknown: the account key mode cannot be used
   */
  readonly primaryAccessKey?: string;
  /**
   * The account's primary connection string, as a Terraform reference, for the connection string
   * auth mode without a connection string of its own.
   * @default - unknown
   */
  readonly primaryConnectionString?: string;
}

/** An existing store looked up by name (`ArtifactStore.fromExisting`). */
export interface ExistingArtifactStoreLookup extends ExistingArtifactStoreCommon {
  /** The storage account name. */
  readonly accountName: string;
  /** The account's resource group. */
  readonly resourceGroupName: string;
}

/** Props of {@link ExistingArtifactStore}: exactly one of `attributes` and `lookup`. */
export interface ExistingArtifactStoreProps {
  /** Given by attributes. @default - looked up */
  readonly attributes?: ExistingArtifactStoreAttributes;
  /** Looked up by name. @default - given by attributes */
  readonly lookup?: ExistingArtifactStoreLookup;
}

const ACCOUNT_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/i;

/**
 * A storage account and container this library does not manage: no lock, no lifecycle, no
 * firewall, no deletion protection of its own. It hands the auth modes what they need and makes
 * container-scoped grants.
 */
export class ExistingArtifactStore extends Construct implements IArtifactStore {
  public readonly accountName: string;
  public readonly accountId: string;
  public readonly containerName: string;
  public readonly containerResourceId: string;
  public readonly artifactPath: string;
  public readonly artifactUri: string;
  public readonly blobEndpoint: string;
  public readonly cloud: AzureCloud;
  public readonly usesCustomEndpoint: boolean;
  public readonly sharedAccessKeyEnabled: boolean;
  public readonly hierarchicalNamespace: boolean;
  public readonly managed: boolean = false;
  public readonly primaryAccessKey?: string;
  public readonly primaryConnectionString?: string;
  private readonly grants: ContainerGrants;

  constructor(scope: Construct, id: string, props: ExistingArtifactStoreProps) {
    super(scope, id);
    const p = new Problems(`ExistingArtifactStore at ${this.node.path}`, this);
    const { attributes, lookup } = props;
    if ((attributes === undefined) === (lookup === undefined)) p.add('attributes', undefined, 'give exactly one of attributes and lookup');
    const common: ExistingArtifactStoreCommon = (attributes ?? lookup)!;
    checkName(p, 'storageAccount', 'accountName', (attributes ?? lookup)?.accountName);
    checkName(p, 'storageContainer', 'containerName', common?.containerName);
    checkArtifactPath(p, 'artifactPath', common?.artifactPath);
    checkCloud(p, 'cloud', common?.cloud);
    checkCustomBlobEndpoint(p, 'customBlobEndpoint', common?.customBlobEndpoint);
    if (attributes) {
      p.matches('accountId', attributes.accountId, ACCOUNT_ID, 'must be a storage account resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>');
      if (isLiteral(attributes.accountId) && isLiteral(attributes.accountName) && ACCOUNT_ID.test(attributes.accountId)) {
        p.require(attributes.accountId.toLowerCase().endsWith(`/${attributes.accountName.toLowerCase()}`), 'accountId', attributes.accountId, `must end with the account name (${attributes.accountName})`);
      }
      checkSecretReference(this, p, 'primaryAccessKey', attributes.primaryAccessKey);
      checkSecretReference(this, p, 'primaryConnectionString', attributes.primaryConnectionString);
    }
    if (lookup) checkResourceGroupName(p, 'resourceGroupName', lookup.resourceGroupName);
    p.throwIfAny();

    this.cloud = common.cloud ?? AzureCloud.PUBLIC;
    this.containerName = common.containerName;
    this.artifactPath = common.artifactPath ?? '';
    this.hierarchicalNamespace = common.hierarchicalNamespace ?? false;
    this.sharedAccessKeyEnabled = common.sharedAccessKeyEnabled ?? false;
    this.usesCustomEndpoint = common.customBlobEndpoint !== undefined;
    if (attributes) {
      this.accountName = attributes.accountName;
      this.accountId = attributes.accountId;
      this.primaryAccessKey = attributes.primaryAccessKey;
      this.primaryConnectionString = attributes.primaryConnectionString;
    } else {
      const account = new azurermModules.dataAzurermStorageAccount.DataAzurermStorageAccount(this, 'Account', {
        name: lookup!.accountName,
        resourceGroupName: lookup!.resourceGroupName,
      });
      this.accountName = lookup!.accountName;
      this.accountId = account.id;
      this.primaryAccessKey = account.primaryAccessKey;
      this.primaryConnectionString = account.primaryConnectionString;
    }
    // The container's ARM id (what azurerm_storage_container.id is with storage_account_id).
    this.containerResourceId = `${this.accountId}/blobServices/default/containers/${this.containerName}`;
    this.blobEndpoint = common.customBlobEndpoint ?? blobEndpointFor(this.accountName, this.cloud);
    this.artifactUri = artifactUriFor(this);
    this.grants = new ContainerGrants(this, this.containerResourceId, this.containerName);
  }

  public grantReadWrite(id: string, principalId: string, options: ArtifactGrantOptions = {}): RoleAssignment {
    return this.grants.grant(id, principalId, BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR, options);
  }

  public grantRead(id: string, principalId: string, options: ArtifactGrantOptions = {}): RoleAssignment {
    return this.grants.grant(id, principalId, BuiltInRole.STORAGE_BLOB_DATA_READER, options);
  }
}
