import type { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { StorageAccount, StorageAccountBlobProperties, StorageAccountConfig, StorageAccountNetworkRules } from '@cdktf/provider-azurerm/lib/storage-account';
import type { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import type { StorageManagementPolicy, StorageManagementPolicyRuleActionsBaseBlob } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  ArtifactContainer,
  ArtifactContainerOptions,
  ExistingArtifactStore,
  ExistingArtifactStoreAttributes,
  ExistingArtifactStoreLookup,
} from './existing';
import { ContainerGrants } from './grants';
import {
  ArtifactLifecycleProps,
  ArtifactStoreProps,
  StorageAccessTier,
  StorageReplication,
} from './props';
import { ArtifactGrantOptions, IArtifactStore } from './reference';
import { artifactUriFor, blobEndpointFor } from './uri';
import { AzureCloud } from '../core/cloud';
import { checkArtifactPath, checkCloud, checkCustomBlobEndpoint, checkLocation, checkName, checkResourceGroupName, checkSubnetIds, checkTags } from '../core/names';
import { checkFirewallIpRules } from '../core/network';
import { azurermModules } from '../core/providers';
import { BuiltInRole } from '../core/roles';
import { isLiteral, Problems } from '../core/validation';
import { checkNamesAtSynth } from '../policy/collisions';
import { constructWarning, MlflowWarningId } from '../policy/warnings';

/** Defaults of {@link ArtifactStoreProps}, in one place for docs and tests. */
const ARTIFACT_STORE_DEFAULTS = {
  containerName: 'mlflow',
  artifactPath: 'artifacts',
  replication: StorageReplication.ZRS,
  accessTier: StorageAccessTier.HOT,
  softDeleteRetentionDays: 30,
} as const;


/**
 * The MLflow artifact store: a hardened storage account and its private container.
 *
 * Secure values are emitted explicitly (TLS 1.2, HTTPS only, no public blobs, no cross-tenant
 * replication, infrastructure encryption, shared keys off by default, firewall `Deny`); data
 * is safe by default (soft delete for blobs and containers, versioning unless hierarchical
 * namespace is on, `prevent_destroy` and a `CanNotDelete` lock: see `deletionProtection` for the
 * changes that need the lock lifted first).
 */
export class ArtifactStore extends Construct implements IArtifactStore {
  /**
   * A storage account and container that exist and that this library does not manage (no lock,
   * no lifecycle, no firewall: only the grants), given by attributes.
   */
  public static fromAttributes(scope: Construct, id: string, attributes: ExistingArtifactStoreAttributes): IArtifactStore {
    return new ExistingArtifactStore(scope, id, { attributes });
  }

  /**
   * A storage account and container that exist and that this library does not manage, looked
   * up by name (data source `azurerm_storage_account`: its id, key and connection string).
   */
  public static fromExisting(scope: Construct, id: string, lookup: ExistingArtifactStoreLookup): IArtifactStore {
    return new ExistingArtifactStore(scope, id, { lookup });
  }

  /** The storage account. */
  public readonly account: StorageAccount;
  /** The artifact container. */
  public readonly container: StorageContainer;
  /** The storage account name. */
  public readonly accountName: string;
  /** The storage account resource id. */
  public readonly accountId: string;
  /** The container name. */
  public readonly containerName: string;
  /**
   * The container's resource manager id (`…/blobServices/default/containers/<name>`): the scope
   * of blob role grants. It is the container's `id`, which is the ARM id because the container
   * is bound with `storage_account_id` (`resource_manager_id` is deprecated in azurerm 4 and
   * removed in 5).
   */
  public readonly containerResourceId: string;
  /** The path prefix of the artifacts inside the container ("" for the container root). */
  public readonly artifactPath: string;
  /** The URI MLflow stores artifacts under (`wasbs://` or `abfss://`). */
  public readonly artifactUri: string;
  /** The blob endpoint, e.g. `https://<account>.blob.core.windows.net/`. */
  public readonly blobEndpoint: string;
  /** The Azure cloud of the account. */
  public readonly cloud: AzureCloud;
  /** Whether a custom blob endpoint is used (MLflow then needs a connection string). */
  public readonly usesCustomEndpoint: boolean;
  /** Whether shared key access (account key, connection string) is allowed. */
  public readonly sharedAccessKeyEnabled: boolean;
  /** Whether hierarchical namespace (ADLS Gen2) is on. */
  public readonly hierarchicalNamespace: boolean;
  /** Whether deletion protection (prevent_destroy and the lock) is on. */
  public readonly deletionProtection: boolean;
  /** This library manages the account. */
  public readonly managed: boolean = true;
  /** The replication of the account. */
  public readonly replication: StorageReplication;
  /** The `CanNotDelete` lock, when deletion protection is on. */
  public readonly deleteLock?: ManagementLock;
  /** The lifecycle policy, when lifecycle rules are given. */
  public readonly managementPolicy?: StorageManagementPolicy;

  private readonly grants: ContainerGrants;

  constructor(scope: Construct, id: string, props: ArtifactStoreProps) {
    super(scope, id);
    const cfg = resolveArtifactStoreConfig(props);
    checkNamesAtSynth(this);
    validateArtifactStoreProps(this, props, cfg);
    if (cfg.allowArchive && isLiteral(props.lifecycle?.archiveAfterDays)) {
      constructWarning(this, MlflowWarningId.ARCHIVE_TIER_ALLOWED,
        `lifecycle.archiveAfterDays = ${props.lifecycle?.archiveAfterDays}: archived artifacts cannot be downloaded by MLflow until rehydrated (hours); runs and model serving that read them fail.`,
      );
    }
    if (props.network?.allowAllNetworks) {
      constructWarning(this, MlflowWarningId.STORAGE_FIREWALL_OPEN,
        'network.allowAllNetworks = true: the storage firewall allows every network. Use it only for throwaway environments. With the AzureServices bypass and no rules this is Azure\'s default, so no network_rules block is emitted (the provider drops it on read, azurerm 27860); an existing account whose firewall denies is not opened by removing the block: open it with `az storage account update --default-action Allow`.',
      );
    }

    this.cloud = cfg.cloud;
    this.containerName = cfg.containerName;
    this.artifactPath = cfg.artifactPath;
    this.sharedAccessKeyEnabled = cfg.sharedAccessKeyEnabled;
    this.hierarchicalNamespace = cfg.hierarchicalNamespace;
    this.deletionProtection = cfg.deletionProtection;
    this.replication = cfg.replication;
    this.usesCustomEndpoint = props.customBlobEndpoint !== undefined;

    this.account = new azurermModules.storageAccount.StorageAccount(this, 'Account', storageAccountConfig(props, cfg));
    this.accountName = this.account.name;
    this.accountId = this.account.id;

    this.container = new azurermModules.storageContainer.StorageContainer(this, 'Container', {
      name: cfg.containerName,
      storageAccountId: this.account.id,
      containerAccessType: 'private',
      lifecycle: { preventDestroy: cfg.deletionProtection },
    });
    // With storage_account_id the container's id is its ARM id; resource_manager_id is deprecated
    // (removed in azurerm 5) and warns on every reference.
    this.containerResourceId = this.container.id;
    this.grants = new ContainerGrants(this, this.containerResourceId, cfg.containerName);

    if (cfg.deletionProtection) {
      this.deleteLock = new azurermModules.managementLock.ManagementLock(this, 'DeleteLock', {
        name: `${props.accountName}-cannot-delete`,
        scope: this.account.id,
        lockLevel: 'CanNotDelete',
        notes:
          'MLflow artifact store: blocks deleting the storage account (control plane). Blob deletes are guarded by soft delete and versioning.',
      });
    }

    const rules = lifecycleRules(props.lifecycle, cfg.containerName, cfg.artifactPath);
    if (rules.length > 0) {
      this.managementPolicy = new azurermModules.storageManagementPolicy.StorageManagementPolicy(this, 'Lifecycle', {
        storageAccountId: this.account.id,
        rule: rules,
      });
    }

    this.artifactUri = artifactUriFor({
      accountName: props.accountName,
      containerName: cfg.containerName,
      artifactPath: cfg.artifactPath,
      hierarchicalNamespace: cfg.hierarchicalNamespace,
      cloud: cfg.cloud,
    });
    this.blobEndpoint = props.customBlobEndpoint ?? blobEndpointFor(props.accountName, cfg.cloud);
  }

  /** The account's primary access key (sensitive; it is in Terraform state whatever you do). */
  public get primaryAccessKey(): string | undefined {
    return this.account.primaryAccessKey;
  }

  /** The account's primary connection string (sensitive). */
  public get primaryConnectionString(): string | undefined {
    return this.account.primaryConnectionString;
  }

  /**
   * Grant read, write and delete on the artifact container ("Storage Blob Data Contributor",
   * scoped to the container, never wider).
   *
   * @param id a literal construct id for the role assignment, unique within this store
   * @param principalId the object (principal) id of the identity
   */
  public grantReadWrite(id: string, principalId: string, options: ArtifactGrantOptions = {}): RoleAssignment {
    return this.grants.grant(id, principalId, BuiltInRole.STORAGE_BLOB_DATA_CONTRIBUTOR, options);
  }

  /**
   * Grant read on the artifact container ("Storage Blob Data Reader", scoped to the container).
   *
   * @param id a literal construct id for the role assignment, unique within this store
   * @param principalId the object (principal) id of the identity
   */
  public grantRead(id: string, principalId: string, options: ArtifactGrantOptions = {}): RoleAssignment {
    return this.grants.grant(id, principalId, BuiltInRole.STORAGE_BLOB_DATA_READER, options);
  }

  /**
   * Another container in this account, for another MLflow instance (a team): its own container
   * (same deletion protection), its own grants scoped to it, the account's settings and guards.
   * Instances that share an account cannot read each other's artifacts.
   *
   * @param id a literal construct id
   */
  public addContainer(id: string, options: ArtifactContainerOptions): ArtifactContainer {
    return new ArtifactContainer(this, id, { ...options, account: this, deletionProtection: this.deletionProtection });
  }
}

interface ResolvedConfig {
  readonly containerName: string;
  readonly artifactPath: string;
  readonly replication: StorageReplication;
  readonly accessTier: StorageAccessTier;
  readonly sharedAccessKeyEnabled: boolean;
  readonly softDeleteRetentionDays: number;
  readonly versioning: boolean;
  readonly changeFeed: boolean;
  readonly deletionProtection: boolean;
  readonly infrastructureEncryption: boolean;
  readonly hierarchicalNamespace: boolean;
  readonly cloud: AzureCloud;
  readonly allowArchive: boolean;
}

function resolveArtifactStoreConfig(props: ArtifactStoreProps): ResolvedConfig {
  const d = ARTIFACT_STORE_DEFAULTS;
  return {
    containerName: props.containerName ?? d.containerName,
    artifactPath: props.artifactPath ?? d.artifactPath,
    replication: props.replication ?? d.replication,
    accessTier: props.accessTier ?? d.accessTier,
    sharedAccessKeyEnabled: props.sharedAccessKeyEnabled ?? false,
    softDeleteRetentionDays: props.softDeleteRetentionDays ?? d.softDeleteRetentionDays,
    // azurerm refuses versioning_enabled = true with is_hns_enabled = true
    versioning: props.versioning ?? !(props.hierarchicalNamespace ?? false),
    // On when something needs or configures it: point-in-time restore, or a retention for it
    // (a retention alone used to be emitted with the feed off, and silently did nothing).
    changeFeed: props.changeFeed ?? (props.pointInTimeRestoreDays !== undefined || props.changeFeedRetentionDays !== undefined),
    deletionProtection: props.deletionProtection ?? true,
    infrastructureEncryption: props.infrastructureEncryption ?? true,
    hierarchicalNamespace: props.hierarchicalNamespace ?? false,
    cloud: props.cloud ?? AzureCloud.PUBLIC,
    allowArchive: props.lifecycle?.allowArchiveTierForArtifacts ?? false,
  };
}

function validateArtifactStoreProps(scope: Construct, props: ArtifactStoreProps, cfg: ResolvedConfig): void {
  const p = new Problems(`ArtifactStore at ${scope.node.path}`, scope);
  checkName(p, 'storageAccount', 'accountName', props.accountName);
  checkResourceGroupName(p, 'resourceGroupName', props.resourceGroupName);
  checkLocation(p, 'location', props.location);
  checkTags(p, 'tags', props.tags);
  checkCloud(p, 'cloud', props.cloud);
  checkName(p, 'storageContainer', 'containerName', cfg.containerName);
  checkArtifactPath(p, 'artifactPath', props.artifactPath);
  p.inRange('softDeleteRetentionDays', props.softDeleteRetentionDays, 7, 365);
  p.inRange('changeFeedRetentionDays', props.changeFeedRetentionDays, 1, 146000);
  if (props.changeFeedRetentionDays !== undefined && props.changeFeed === false) {
    p.add('changeFeedRetentionDays', props.changeFeedRetentionDays, 'needs changeFeed: true');
  }
  if (isLiteral(props.pointInTimeRestoreDays)) {
    const days = props.pointInTimeRestoreDays;
    p.require(
      Number.isInteger(days) && days >= 1 && days < cfg.softDeleteRetentionDays,
      'pointInTimeRestoreDays',
      days,
      `must be a whole number from 1 to softDeleteRetentionDays - 1 (${cfg.softDeleteRetentionDays - 1})`,
    );
    // with hierarchicalNamespace versioning is off by default; the HNS problem below says so
    p.require(props.versioning !== false, 'pointInTimeRestoreDays', days, 'needs versioning (versioning: false was given)');
    p.require(props.changeFeed !== false, 'pointInTimeRestoreDays', days, 'needs the change feed (changeFeed: false was given)');
    p.require(!cfg.hierarchicalNamespace, 'pointInTimeRestoreDays', days, 'is not available with hierarchicalNamespace: true');
  }
  if (cfg.hierarchicalNamespace && props.versioning === true) {
    p.add('versioning', true, 'blob versioning is not available with hierarchicalNamespace: true');
  }
  if (props.customBlobEndpoint !== undefined) {
    checkCustomBlobEndpoint(p, 'customBlobEndpoint', props.customBlobEndpoint);
    p.require(!cfg.hierarchicalNamespace, 'customBlobEndpoint', props.customBlobEndpoint, 'cannot be combined with hierarchicalNamespace: true');
  }
  validateLifecycle(p, props.lifecycle, cfg);
  const net = props.network;
  if (net?.allowAllNetworks && net.disablePublicNetworkAccess) {
    p.add('network.allowAllNetworks', true, 'contradicts network.disablePublicNetworkAccess: true');
  }
  checkFirewallIpRules(p, 'storage', 'network.allowedIpRanges', net?.allowedIpRanges);
  checkSubnetIds(p, 'network.allowedSubnetIds', net?.allowedSubnetIds);
  const cmk = props.customerManagedKey;
  if (cmk && isLiteral(cmk.userAssignedIdentityId) && props.identityIds?.every((x) => isLiteral(x))) {
    p.require(
      props.identityIds.includes(cmk.userAssignedIdentityId),
      'customerManagedKey.userAssignedIdentityId',
      cmk.userAssignedIdentityId,
      'must also be listed in identityIds',
    );
  }
  if (cmk && (props.identityIds ?? []).length === 0) {
    p.add('identityIds', props.identityIds ?? [], 'must list the user-assigned identity of customerManagedKey');
  }
  p.throwIfAny();
}

function validateLifecycle(p: Problems, lc: ArtifactLifecycleProps | undefined, cfg: ResolvedConfig): void {
  if (!lc) return;
  if (lc.deleteNoncurrentVersionsAfterDays !== undefined && !cfg.versioning) {
    p.add(
      'lifecycle.deleteNoncurrentVersionsAfterDays',
      lc.deleteNoncurrentVersionsAfterDays,
      `needs versioning: without it there are no previous versions to delete (versioning is off${cfg.hierarchicalNamespace ? ': hierarchicalNamespace is true' : ''})`,
    );
  }
  p.inRange('lifecycle.coolAfterDays', lc.coolAfterDays, 0, 99999);
  p.inRange('lifecycle.coldAfterDays', lc.coldAfterDays, 0, 99999);
  p.inRange('lifecycle.archiveAfterDays', lc.archiveAfterDays, 0, 99999);
  p.inRange('lifecycle.deleteNoncurrentVersionsAfterDays', lc.deleteNoncurrentVersionsAfterDays, 1, 99999);
  if (lc.archiveAfterDays !== undefined && !lc.allowArchiveTierForArtifacts) {
    p.add(
      'lifecycle.archiveAfterDays',
      lc.archiveAfterDays,
      'archived artifacts cannot be downloaded by MLflow until rehydrated (hours); set lifecycle.allowArchiveTierForArtifacts: true to accept that',
    );
  }
  if (isLiteral(lc.coolAfterDays) && isLiteral(lc.coldAfterDays) && lc.coldAfterDays <= lc.coolAfterDays) {
    p.add('lifecycle.coldAfterDays', lc.coldAfterDays, `must be greater than lifecycle.coolAfterDays (${lc.coolAfterDays})`);
  }
  const before = isLiteral(lc.coldAfterDays) ? lc.coldAfterDays : lc.coolAfterDays;
  if (isLiteral(lc.archiveAfterDays) && isLiteral(before) && lc.archiveAfterDays <= before) {
    p.add('lifecycle.archiveAfterDays', lc.archiveAfterDays, `must be greater than the cool/cold days (${before})`);
  }
}

function storageAccountConfig(props: ArtifactStoreProps, cfg: ResolvedConfig): StorageAccountConfig {
  const blobProperties: StorageAccountBlobProperties = {
    versioningEnabled: cfg.versioning,
    changeFeedEnabled: cfg.changeFeed,
    changeFeedRetentionInDays: props.changeFeedRetentionDays,
    deleteRetentionPolicy: { days: cfg.softDeleteRetentionDays, permanentDeleteEnabled: false },
    containerDeleteRetentionPolicy: { days: cfg.softDeleteRetentionDays },
    restorePolicy: props.pointInTimeRestoreDays !== undefined ? { days: props.pointInTimeRestoreDays } : undefined,
  };
  const net = props.network ?? {};
  const networkRules: StorageAccountNetworkRules = {
    defaultAction: net.allowAllNetworks ? 'Allow' : 'Deny',
    bypass: (net.bypassAzureServices ?? true) ? ['AzureServices'] : ['None'],
    ipRules: net.allowedIpRanges ?? [],
    virtualNetworkSubnetIds: net.allowedSubnetIds ?? [],
  };
  const identityIds = props.identityIds ?? [];
  const cmk = props.customerManagedKey;
  return {
    name: props.accountName,
    resourceGroupName: props.resourceGroupName,
    location: props.location,
    accountKind: 'StorageV2',
    accountTier: 'Standard',
    accountReplicationType: cfg.replication,
    accessTier: cfg.accessTier,
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    crossTenantReplicationEnabled: false,
    infrastructureEncryptionEnabled: cfg.infrastructureEncryption,
    sharedAccessKeyEnabled: cfg.sharedAccessKeyEnabled,
    defaultToOauthAuthentication: !cfg.sharedAccessKeyEnabled,
    // With shared keys on, SAS tokens can be signed: cap their lifetime (1 day) and log longer ones.
    sasPolicy: cfg.sharedAccessKeyEnabled ? { expirationPeriod: '1.00:00:00', expirationAction: 'Log' } : undefined,
    publicNetworkAccessEnabled: !(net.disablePublicNetworkAccess ?? false),
    localUserEnabled: false,
    sftpEnabled: false,
    isHnsEnabled: cfg.hierarchicalNamespace,
    // Queue and table keys follow the account key, so a customer-managed key covers them too.
    queueEncryptionKeyType: 'Account',
    tableEncryptionKeyType: 'Account',
    blobProperties,
    // Azure's default rule set (Allow, AzureServices, no rules) is dropped by the provider on read
    // (azurerm 27860): emitted, it would show as a change in every plan. Omitted, the provider
    // creates exactly that default, and the block is Optional + Computed, so nothing differs.
    networkRules: isAzureDefaultNetworkRules(networkRules) ? undefined : networkRules,
    identity: identityIds.length > 0 ? { type: 'UserAssigned', identityIds } : undefined,
    customerManagedKey: cmk
      ? { keyVaultKeyId: cmk.keyVaultKeyId, userAssignedIdentityId: cmk.userAssignedIdentityId }
      : undefined,
    dependsOn: cmk?.dependsOn,
    tags: props.tags ?? {},
    lifecycle: { preventDestroy: cfg.deletionProtection },
  };
}

/**
 * True for the rule set Azure gives an account without rules: default action `Allow`, the
 * `AzureServices` bypass, no IP rule and no subnet (literally empty lists, not tokens).
 */
function isAzureDefaultNetworkRules(rules: StorageAccountNetworkRules): boolean {
  const empty = (list: string[] | undefined) => Array.isArray(list) && list.length === 0 && !Token.isUnresolved(list);
  return rules.defaultAction === 'Allow'
    && Array.isArray(rules.bypass) && rules.bypass.length === 1 && rules.bypass[0] === 'AzureServices'
    && empty(rules.ipRules)
    && empty(rules.virtualNetworkSubnetIds);
}

function lifecycleRules(lc: ArtifactLifecycleProps | undefined, container: string, path: string) {
  if (!lc) return [];
  const prefix = path ? `${container}/${path}/` : `${container}/`;
  const filters = { blobTypes: ['blockBlob'], prefixMatch: [prefix] };
  const rules = [];
  const baseBlob: StorageManagementPolicyRuleActionsBaseBlob = {
    tierToCoolAfterDaysSinceModificationGreaterThan: lc.coolAfterDays,
    tierToColdAfterDaysSinceModificationGreaterThan: lc.coldAfterDays,
    tierToArchiveAfterDaysSinceModificationGreaterThan: lc.archiveAfterDays,
  };
  if (lc.coolAfterDays !== undefined || lc.coldAfterDays !== undefined || lc.archiveAfterDays !== undefined) {
    rules.push({ name: 'artifact-tiering', enabled: true, filters, actions: { baseBlob } });
  }
  if (lc.deleteNoncurrentVersionsAfterDays !== undefined) {
    rules.push({
      name: 'delete-noncurrent-versions',
      enabled: true,
      filters,
      actions: { version: { deleteAfterDaysSinceCreation: lc.deleteNoncurrentVersionsAfterDays } },
    });
  }
  return rules;
}
