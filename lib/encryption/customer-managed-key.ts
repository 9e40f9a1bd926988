import type { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import type { KeyVaultKey, KeyVaultKeyRotationPolicy } from '@cdktf/provider-azurerm/lib/key-vault-key';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { Sleep } from '@cdktf/provider-time/lib/sleep';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DURATION_RULE, durationDays } from './duration';
import {
  CmkGrantScope,
  CmkKeyRotationProps,
  CmkKeyType,
  CustomerManagedKeyProps,
  KeyVaultSku,
} from './props';
import { AzureCloud } from '../core/cloud';
import { checkCloud, checkLocation, checkName, checkResourceGroupName, checkSubnetIds, checkTags } from '../core/names';
import { checkFirewallIpRules } from '../core/network';
import { azurermModules } from '../core/providers';
import { checkRbacPropagation, RBAC_PROPAGATION_DEFAULT_SECONDS, waitForRbacPropagation } from '../core/rbac';
import { assignRole, BuiltInRole, PrincipalType } from '../core/roles';
import { isLiteral, Problems, PropMapping, ValidationRound } from '../core/validation';
import { PrivateEndpoints } from '../network/private-endpoints';
import { PrivateLinkSubresource } from '../network/zones';
import { checkNamesAtSynth } from '../policy/collisions';
import { constructWarning, MlflowWarningId } from '../policy/warnings';
import { ArtifactStoreCustomerManagedKeyProps } from '../storage/props';

/** Defaults of {@link CustomerManagedKeyProps}, in one place for docs and tests. */
const CMK_DEFAULTS = {
  keyName: 'mlflow-artifacts-cmk',
  keySize: 3072,
  softDeleteRetentionDays: 90,
  keyOperations: ['unwrapKey', 'wrapKey'],
  expireAfter: 'P1Y',
  rotateAfterCreation: 'P11M',
  notifyBeforeExpiry: 'P29D',
} as const;

const KEY_SIZES = [2048, 3072, 4096];
const KEY_OPERATIONS = ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'];

/**
 * A customer-managed key for the artifact store, created before the store so that the
 * account is created encrypted with it.
 *
 * It makes (or uses) an RBAC Key Vault with purge protection, soft delete and a `Deny`
 * firewall; grants the deploying principal "Key Vault Crypto Officer" on a new vault so that
 * it can create the key (the key waits for that grant and for it to take effect); creates an
 * RSA key with a rotation policy; and creates the storage account's user-assigned identity with
 * "Key Vault Crypto Service Encryption User" on the key. Hand {@link storageIdentityIds} and
 * {@link artifactStoreCustomerManagedKey} to `ArtifactStore`: the account then waits for the
 * identity's grant and for it to take effect (`rbacPropagationSeconds`, a `time_sleep`).
 *
 * The key is created through the vault's data plane: the machine running Terraform needs a
 * way through the firewall (an allowed IP, an allowed subnet for a self-hosted agent, or the
 * private endpoint). Losing the key makes every artifact unreadable: the vault and the key
 * carry `prevent_destroy`, and the azurerm provider's `features { key_vault {
 * purge_soft_deleted_keys_on_destroy = false } }` should stay off.
 */
export class CustomerManagedKey extends Construct {
  /** The vault, when this construct created it. */
  public readonly keyVault?: KeyVault;
  /** Resource id of the vault. */
  public readonly keyVaultId: string;
  /** The key. */
  public readonly key: KeyVaultKey;
  /** Name of the key. */
  public readonly keyName: string;
  /**
   * Versionless id (URI) of the key, `https://<vault>.vault.azure.net/keys/<name>`: what the
   * storage account takes, so that every rotation reaches storage.
   */
  public readonly keyVaultKeyId: string;
  /** Versionless resource manager id of the key (the scope of key-level role assignments). */
  public readonly keyResourceVersionlessId: string;
  /** The storage account's user-assigned identity. */
  public readonly storageIdentity: UserAssignedIdentity;
  /** Resource id of the storage identity (for `identityIds` and `userAssignedIdentityId`). */
  public readonly storageIdentityId: string;
  /** Principal (object) id of the storage identity. */
  public readonly storageIdentityPrincipalId: string;
  /** Client id of the storage identity. */
  public readonly storageIdentityClientId: string;
  /** The storage identity's "Key Vault Crypto Service Encryption User" grant. */
  public readonly storageGrant: RoleAssignment;
  /** The deploying principal's "Key Vault Crypto Officer" grant, when made. */
  public readonly deployerGrant?: RoleAssignment;
  /** The wait for the deployer's grant to take effect, which the key depends on (unless skipped). */
  public readonly deployerGrantPropagation?: Sleep;
  /** The wait for the storage identity's grant to take effect, which the storage account depends on (unless skipped). */
  public readonly storageGrantPropagation?: Sleep;
  /** The vault's private endpoint, when asked for. */
  public readonly privateEndpoint?: PrivateEndpoints;
  /** What the storage account must wait for: the storage identity's grant and its propagation wait. */
  public readonly dependables: ITerraformDependable[];
  /** The key type. */
  public readonly keyType: CmkKeyType;
  /** The key size in bits. */
  public readonly keySize: number;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    validateCustomerManagedKeyProps(this, props);
    checkNamesAtSynth(this);
    const tags = props.tags ?? {};
    const deletionProtection = props.deletionProtection ?? true;
    const isNew = props.existingKeyVault === undefined;
    const keyType = props.keyType ?? CmkKeyType.RSA;
    this.keyType = keyType;
    this.keySize = props.keySize ?? CMK_DEFAULTS.keySize;
    this.keyName = props.keyName ?? CMK_DEFAULTS.keyName;
    this.addWarnings(props, isNew, deletionProtection);

    const grantDeployer = props.grantDeployerCryptoOfficer ?? isNew;
    const waitSeconds = props.skipRbacPropagationWait === true ? undefined : (props.rbacPropagationSeconds ?? RBAC_PROPAGATION_DEFAULT_SECONDS);
    let clientConfig: DataAzurermClientConfig | undefined;
    const config = (): DataAzurermClientConfig => {
      clientConfig ??= new azurermModules.dataAzurermClientConfig.DataAzurermClientConfig(this, 'ClientConfig', {});
      return clientConfig;
    };

    if (isNew) {
      const net = props.network ?? {};
      this.keyVault = new azurermModules.keyVault.KeyVault(this, 'Vault', {
        name: props.keyVaultName!,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        tenantId: props.tenantId ?? config().tenantId,
        skuName: props.keyVaultSku ?? (keyType === CmkKeyType.RSA_HSM ? KeyVaultSku.PREMIUM : KeyVaultSku.STANDARD),
        rbacAuthorizationEnabled: true,
        purgeProtectionEnabled: true,
        softDeleteRetentionDays: props.softDeleteRetentionDays ?? CMK_DEFAULTS.softDeleteRetentionDays,
        publicNetworkAccessEnabled: !(net.disablePublicNetworkAccess ?? false),
        enabledForDeployment: false,
        enabledForDiskEncryption: false,
        enabledForTemplateDeployment: false,
        networkAcls: {
          defaultAction: net.allowAllNetworks ? 'Allow' : 'Deny',
          bypass: (net.bypassAzureServices ?? true) ? 'AzureServices' : 'None',
          ipRules: net.allowedIpRanges ?? [],
          virtualNetworkSubnetIds: net.allowedSubnetIds ?? [],
        },
        tags,
        lifecycle: { preventDestroy: deletionProtection },
      });
      this.keyVaultId = this.keyVault.id;
    } else {
      this.keyVaultId = props.existingKeyVault!.keyVaultId;
    }

    if (grantDeployer) {
      this.deployerGrant = assignRole(this, 'DeployerCryptoOfficer', {
        scope: this.keyVaultId,
        roleDefinitionName: BuiltInRole.KEY_VAULT_CRYPTO_OFFICER,
        principalId: props.deployerObjectId ?? config().objectId,
        principalType: props.deployerPrincipalType,
        description: 'MLflow artifact CMK: lets the principal running Terraform create and rotate the key',
      });
      if (waitSeconds !== undefined) {
        // The key is created through the data plane right after this grant.
        this.deployerGrantPropagation = waitForRbacPropagation(this, 'DeployerCryptoOfficerPropagation', this.deployerGrant, waitSeconds);
      }
    }

    if (props.privateEndpoint) {
      const pe = props.privateEndpoint;
      const mapping: PropMapping = [
        ['name', 'privateEndpoint.name'], ['subnetId', 'privateEndpoint.subnetId'], ['virtualNetworkIds', 'privateEndpoint.virtualNetworkIds'],
        ['privateDnsZoneIds.vault', 'privateEndpoint.privateDnsZoneId'],
        ['resourceGroupName', pe.resourceGroupName !== undefined ? 'privateEndpoint.resourceGroupName' : 'resourceGroupName'],
        ['location', pe.location !== undefined ? 'privateEndpoint.location' : 'location'],
        ['targetResourceId', 'existingKeyVault.keyVaultId'],
      ];
      this.privateEndpoint = ValidationRound.nested(this, 'VaultPrivateEndpoint', `CustomerManagedKey at ${this.node.path}`, mapping, () => new PrivateEndpoints(this, 'VaultPrivateEndpoint', {
        name: pe.name ?? vaultNameOf(props)!,
        resourceGroupName: pe.resourceGroupName ?? props.resourceGroupName,
        location: pe.location ?? props.location,
        targetResourceId: this.keyVaultId,
        subresources: [PrivateLinkSubresource.VAULT],
        subnetId: pe.subnetId,
        privateDnsZoneIds: pe.privateDnsZoneId !== undefined ? { [PrivateLinkSubresource.VAULT]: pe.privateDnsZoneId } : undefined,
        virtualNetworkIds: pe.virtualNetworkIds,
        cloud: props.cloud ?? AzureCloud.PUBLIC,
        tags,
      }));
    }

    const keyDependsOn: ITerraformDependable[] = [
      ...(this.deployerGrant ? [this.deployerGrant] : []),
      ...(this.deployerGrantPropagation ? [this.deployerGrantPropagation] : []),
      ...(this.privateEndpoint?.dependables ?? []),
    ];
    this.key = new azurermModules.keyVaultKey.KeyVaultKey(this, 'Key', {
      name: this.keyName,
      keyVaultId: this.keyVaultId,
      keyType,
      keySize: this.keySize,
      keyOpts: props.keyOperations ?? [...CMK_DEFAULTS.keyOperations],
      expirationDate: props.expirationDate,
      rotationPolicy: rotationPolicy(props.rotation),
      tags,
      dependsOn: keyDependsOn.length > 0 ? keyDependsOn : undefined,
      // The provider reads the latest version's expiration_date; every rotation sets one (the
      // policy's expireAfter), and a configuration that differs would replace the key, which
      // prevent_destroy refuses: every plan would fail after the first rotation (azurerm
      // 22838, 24965). expirationDate therefore only applies when the key is created.
      lifecycle: { preventDestroy: deletionProtection, ignoreChanges: ['expiration_date'] },
    });
    this.keyVaultKeyId = this.key.versionlessId;
    this.keyResourceVersionlessId = this.key.resourceVersionlessId;

    this.storageIdentity = new azurermModules.userAssignedIdentity.UserAssignedIdentity(this, 'StorageIdentity', {
      name: props.storageIdentityName ?? `id-${this.keyName}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags,
    });
    this.storageIdentityId = this.storageIdentity.id;
    this.storageIdentityPrincipalId = this.storageIdentity.principalId;
    this.storageIdentityClientId = this.storageIdentity.clientId;

    const grantScope = props.storageGrantScope ?? CmkGrantScope.KEY;
    this.storageGrant = assignRole(this, 'StorageEncryptionUser', {
      scope: grantScope === CmkGrantScope.KEY ? this.keyResourceVersionlessId : this.keyVaultId,
      roleDefinitionName: BuiltInRole.KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER,
      principalId: this.storageIdentityPrincipalId,
      principalType: PrincipalType.SERVICE_PRINCIPAL,
      // The identity is created in the same apply: skip the directory lookup (replication delay).
      skipServicePrincipalAadCheck: true,
      description: 'MLflow artifact store: wrap and unwrap the account encryption key with the customer-managed key',
    });
    if (waitSeconds !== undefined) {
      // Azure Storage checks the key with this identity as the account is created.
      this.storageGrantPropagation = waitForRbacPropagation(this, 'StorageEncryptionUserPropagation', this.storageGrant, waitSeconds);
    }
    this.dependables = [this.storageGrant, ...(this.storageGrantPropagation ? [this.storageGrantPropagation] : [])];
  }

  /** The identities the storage account needs (`ArtifactStoreProps.identityIds`). */
  public get storageIdentityIds(): string[] {
    return [this.storageIdentityId];
  }

  /**
   * What `ArtifactStoreProps.customerManagedKey` takes: the versionless key id, the storage
   * identity, and what to wait for (the identity's grant and its propagation wait).
   */
  public artifactStoreCustomerManagedKey(): ArtifactStoreCustomerManagedKeyProps {
    return {
      keyVaultKeyId: this.keyVaultKeyId,
      userAssignedIdentityId: this.storageIdentityId,
      dependsOn: [...this.dependables],
    };
  }

  private addWarnings(props: CustomerManagedKeyProps, isNew: boolean, deletionProtection: boolean): void {
    const warn = (id: string, m: string) => constructWarning(this, id, m);
    const net = props.network ?? {};
    if (isNew && !net.allowAllNetworks && (net.allowedIpRanges ?? []).length === 0
      && (net.allowedSubnetIds ?? []).length === 0 && props.privateEndpoint === undefined) {
      warn(MlflowWarningId.VAULT_UNREACHABLE,
        'The new key vault denies every network and no way in is given: the machine running Terraform creates the key through the data plane and needs network.allowedIpRanges (its egress IP), network.allowedSubnetIds (a self-hosted agent) or privateEndpoint, unless it reaches the vault through a private endpoint managed elsewhere.',
      );
    }
    if (net.disablePublicNetworkAccess && props.privateEndpoint === undefined) {
      warn(MlflowWarningId.VAULT_PRIVATE_ELSEWHERE, 'network.disablePublicNetworkAccess = true without privateEndpoint: the vault is reachable only through a private endpoint managed elsewhere.');
    }
    if (net.allowAllNetworks) {
      warn(MlflowWarningId.VAULT_FIREWALL_OPEN, 'network.allowAllNetworks = true: the key vault firewall allows every network. Use it only for throwaway environments.');
    }
    if (net.bypassAzureServices === false && !net.allowAllNetworks) {
      warn(MlflowWarningId.VAULT_BYPASS_OFF, 'network.bypassAzureServices = false: Azure Storage reaches the key as a trusted service; without the bypass the storage account cannot use the key.');
    }
    if (!deletionProtection) {
      warn(MlflowWarningId.KEY_DELETION_UNPROTECTED, 'deletionProtection = false: the key vault and the key can be destroyed; losing the key makes every artifact unreadable.');
    }
    if (props.rotation?.rotateBeforeExpiry !== undefined && props.expirationDate === undefined) {
      warn(MlflowWarningId.KEY_NEVER_ROTATES, 'rotation.rotateBeforeExpiry without expirationDate: the first key version has no expiration date, so it is never rotated automatically (use rotateAfterCreation, or rotate it once by hand).');
    }
  }
}

function rotationPolicy(r: CmkKeyRotationProps | undefined): KeyVaultKeyRotationPolicy {
  const rotation = r ?? {};
  const beforeExpiry = rotation.rotateBeforeExpiry;
  return {
    expireAfter: rotation.expireAfter ?? CMK_DEFAULTS.expireAfter,
    notifyBeforeExpiry: rotation.notifyBeforeExpiry ?? CMK_DEFAULTS.notifyBeforeExpiry,
    automatic: beforeExpiry !== undefined
      ? { timeBeforeExpiry: beforeExpiry }
      : { timeAfterCreation: rotation.rotateAfterCreation ?? CMK_DEFAULTS.rotateAfterCreation },
  };
}

/** The vault's name: the new vault's, or the last segment of a literal existing vault id. */
function vaultNameOf(props: CustomerManagedKeyProps): string | undefined {
  if (props.keyVaultName !== undefined) return props.keyVaultName;
  const id = props.existingKeyVault?.keyVaultId;
  if (isLiteral(id)) {
    const m = /\/vaults\/([^/]+)\/?$/i.exec(id);
    if (m) return m[1];
  }
  return undefined;
}

function validateCustomerManagedKeyProps(scope: Construct, props: CustomerManagedKeyProps): void {
  const p = new Problems(`CustomerManagedKey at ${scope.node.path}`, scope);
  const existing = props.existingKeyVault;
  const keyType = props.keyType ?? CmkKeyType.RSA;

  if (props.keyVaultName !== undefined && existing !== undefined) {
    p.add('keyVaultName', props.keyVaultName, 'conflicts with existingKeyVault: give exactly one');
  }
  if (props.keyVaultName === undefined && existing === undefined) {
    p.add('keyVaultName', undefined, 'is required unless existingKeyVault is given');
  }
  checkName(p, 'keyVault', 'keyVaultName', props.keyVaultName);
  p.oneOf<string>('keyType', props.keyType, Object.values(CmkKeyType));
  p.oneOf<string>('keyVaultSku', props.keyVaultSku, Object.values(KeyVaultSku));

  if (existing !== undefined) {
    p.matches('existingKeyVault.keyVaultId', existing.keyVaultId, /\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+\/?$/i, 'must be a key vault resource id (…/providers/Microsoft.KeyVault/vaults/<name>)');
    if (existing.purgeProtectionEnabled === false) {
      p.add('existingKeyVault.purgeProtectionEnabled', false, 'customer-managed keys for Azure Storage require a vault with purge protection (and soft delete) on');
    }
    if (existing.rbacAuthorizationEnabled === false) {
      p.add('existingKeyVault.rbacAuthorizationEnabled', false, 'the vault must use Azure RBAC: this construct grants access with role assignments, which an access-policy vault ignores');
    }
    if (keyType === CmkKeyType.RSA_HSM && existing.sku === KeyVaultSku.STANDARD) {
      p.add('keyType', keyType, 'RSA-HSM keys need a premium vault, but existingKeyVault.sku is "standard"');
    }
    p.notApplicable([
      ['keyVaultSku', props.keyVaultSku],
      ['softDeleteRetentionDays', props.softDeleteRetentionDays],
      ['network', props.network],
      ['tenantId', props.tenantId],
    ], 'applies to a new vault only (existingKeyVault is given)');
    if (props.privateEndpoint && props.privateEndpoint.name === undefined && vaultNameOf(props) === undefined) {
      p.add('privateEndpoint.name', undefined, 'is required when existingKeyVault.keyVaultId is not a literal id');
    }
  }
  if (keyType === CmkKeyType.RSA_HSM && props.keyVaultSku === KeyVaultSku.STANDARD) {
    p.add('keyVaultSku', props.keyVaultSku, 'a standard vault cannot hold RSA-HSM keys: use premium (the default for RSA-HSM) or keyType RSA');
  }
  p.inRange('softDeleteRetentionDays', props.softDeleteRetentionDays, 7, 90);
  checkRbacPropagation(p, 'rbacPropagationSeconds', props.rbacPropagationSeconds, 'skipRbacPropagationWait', props.skipRbacPropagationWait);

  const net = props.network;
  if (net?.allowAllNetworks && net.disablePublicNetworkAccess) {
    p.add('network.allowAllNetworks', true, 'contradicts network.disablePublicNetworkAccess: true');
  }
  checkFirewallIpRules(p, 'keyVault', 'network.allowedIpRanges', net?.allowedIpRanges);
  checkSubnetIds(p, 'network.allowedSubnetIds', net?.allowedSubnetIds);
  checkResourceGroupName(p, 'resourceGroupName', props.resourceGroupName);
  checkLocation(p, 'location', props.location);
  checkTags(p, 'tags', props.tags);
  checkCloud(p, 'cloud', props.cloud);
  if (!existing) checkName(p, 'guid', 'tenantId', props.tenantId);
  checkName(p, 'guid', 'deployerObjectId', props.deployerObjectId);

  p.matches('keyName', props.keyName, /^[0-9A-Za-z-]{1,127}$/, 'must be 1 to 127 letters, digits and hyphens');
  if (isLiteral(props.keySize)) {
    if (props.keySize < 2048) {
      p.add('keySize', props.keySize, 'is below 2048 bits: Azure Storage customer-managed keys must be RSA 2048, 3072 or 4096');
    } else if (!KEY_SIZES.includes(props.keySize)) {
      p.add('keySize', props.keySize, 'must be 2048, 3072 or 4096 (RSA key sizes Azure Storage accepts)');
    }
  }
  if (props.keyOperations !== undefined) {
    const ops = props.keyOperations;
    ops.forEach((op, i) => p.oneOf<string>(`keyOperations[${i}]`, op, KEY_OPERATIONS));
    if (ops.every((op) => isLiteral(op))) {
      p.require(ops.includes('wrapKey') && ops.includes('unwrapKey'), 'keyOperations', ops, 'must include "wrapKey" and "unwrapKey" (Azure Storage wraps its account key with them)');
      p.require(new Set(ops).size === ops.length, 'keyOperations', ops, 'must not list an operation twice');
    }
  }
  p.matches('expirationDate', props.expirationDate, /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/, 'must be an RFC 3339 UTC date-time, e.g. "2027-01-31T00:00:00Z"');
  checkName(p, 'userAssignedIdentity', 'storageIdentityName', props.storageIdentityName);
  p.oneOf<string>('storageGrantScope', props.storageGrantScope, Object.values(CmkGrantScope));

  if (props.privateEndpoint?.privateDnsZoneId !== undefined && (props.privateEndpoint.virtualNetworkIds ?? []).length > 0) {
    p.add('privateEndpoint.virtualNetworkIds', props.privateEndpoint.virtualNetworkIds, 'conflicts with privateEndpoint.privateDnsZoneId: links are created only for a zone this construct creates');
  }
  validateRotation(p, props.rotation);
  p.throwIfAny();
}

function validateRotation(p: Problems, r: CmkKeyRotationProps | undefined): void {
  const rotation = r ?? {};
  const parse = (prop: string, value: string | undefined) => {
    if (!isLiteral(value)) return undefined;
    const days = durationDays(value);
    if (days === undefined) p.add(prop, value, DURATION_RULE);
    return days;
  };
  const expire = parse('rotation.expireAfter', rotation.expireAfter ?? CMK_DEFAULTS.expireAfter);
  const notify = parse('rotation.notifyBeforeExpiry', rotation.notifyBeforeExpiry ?? CMK_DEFAULTS.notifyBeforeExpiry);
  const after = parse('rotation.rotateAfterCreation', rotation.rotateAfterCreation);
  const before = parse('rotation.rotateBeforeExpiry', rotation.rotateBeforeExpiry);

  if (rotation.rotateAfterCreation !== undefined && rotation.rotateBeforeExpiry !== undefined) {
    p.add('rotation.rotateBeforeExpiry', rotation.rotateBeforeExpiry, 'conflicts with rotation.rotateAfterCreation: give one rotation trigger');
  }
  if (expire) {
    p.require(expire.min >= 28 && expire.max <= 36600, 'rotation.expireAfter', rotation.expireAfter ?? CMK_DEFAULTS.expireAfter, 'must be from 28 days (P28D) to 100 years (P100Y)');
  }
  const limit = expire ? expire.min - 7 : undefined;
  const checkTrigger = (prop: string, value: string | undefined, d: { min: number; max: number } | undefined) => {
    if (!d || value === undefined) return;
    p.require(d.min >= 7, prop, value, 'must be at least 7 days (P7D)');
    if (limit !== undefined && d.max > limit) {
      p.add(prop, value, `must end at least 7 days before expiry: at most rotation.expireAfter (${rotation.expireAfter ?? CMK_DEFAULTS.expireAfter}) minus 7 days`);
    }
  };
  checkTrigger('rotation.notifyBeforeExpiry', rotation.notifyBeforeExpiry ?? CMK_DEFAULTS.notifyBeforeExpiry, notify);
  checkTrigger('rotation.rotateAfterCreation', rotation.rotateAfterCreation, after);
  checkTrigger('rotation.rotateBeforeExpiry', rotation.rotateBeforeExpiry, before);
}
