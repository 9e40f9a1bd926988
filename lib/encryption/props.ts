import { AzureCloud } from '../core/cloud';
import { PrincipalType } from '../core/roles';

/** The SKU of a Key Vault. */
export enum KeyVaultSku {
  /** Software-protected keys (RSA). */
  STANDARD = 'standard',
  /** Adds HSM-protected keys (RSA-HSM). */
  PREMIUM = 'premium',
}

/** The type of the customer-managed key. */
export enum CmkKeyType {
  /** A software-protected RSA key (standard or premium vault). */
  RSA = 'RSA',
  /** An HSM-protected RSA key (premium vault only). */
  RSA_HSM = 'RSA-HSM',
}

/** What the storage identity's "Key Vault Crypto Service Encryption User" grant is scoped to. */
export enum CmkGrantScope {
  /** The key only (least privilege; `resource_versionless_id`, so every rotated version is covered). */
  KEY = 'key',
  /** The whole vault (every key in it). */
  VAULT = 'vault',
}

/**
 * An existing Key Vault to create the key in. What you know about it is checked: the
 * construct cannot read it at synth time.
 */
export interface ExistingKeyVaultProps {
  /** Resource id of the vault. */
  readonly keyVaultId: string;
  /**
   * Whether purge protection is on; `false` is an error (customer-managed keys require it).
   * @default - unknown (Azure rejects the key at apply time if it is off)
   */
  readonly purgeProtectionEnabled?: boolean;
  /**
   * The vault's SKU; `standard` with an RSA-HSM key is an error.
   * @default - unknown
   */
  readonly sku?: KeyVaultSku;
  /**
   * Whether the vault uses Azure RBAC for data-plane access; `false` (access policies) is an
   * error: the grants this construct makes are role assignments.
   * @default - unknown (assumed true)
   */
  readonly rbacAuthorizationEnabled?: boolean;
}

/**
 * The new vault's firewall. It denies by default and lets trusted Azure services (Azure
 * Storage, for the customer-managed key) through.
 *
 * The machine running Terraform creates the key through the vault's data plane, so it must
 * get through too: list its public IP in `allowedIpRanges`, run it in a subnet listed in
 * `allowedSubnetIds` (a self-hosted agent), or reach the vault through the private endpoint.
 */
export interface CmkKeyVaultNetworkProps {
  /**
   * Public IPv4 addresses or CIDR ranges allowed through (e.g. the Terraform runner's egress
   * IP). Key Vault takes single addresses (with or without /32) and CIDR ranges, but no private
   * (RFC 1918) ranges.
   * @default []
   */
  readonly allowedIpRanges?: string[];
  /**
   * Subnet ids allowed through (they need the `Microsoft.KeyVault` service endpoint).
   * @default []
   */
  readonly allowedSubnetIds?: string[];
  /**
   * Let trusted Azure services through the firewall. Azure Storage reaches the key this way;
   * turning it off breaks the customer-managed key unless storage reaches the vault otherwise.
   * @default true
   */
  readonly bypassAzureServices?: boolean;
  /**
   * Turn the public endpoint off entirely (private endpoint only). The Terraform runner then
   * needs the private endpoint to create the key.
   * @default false
   */
  readonly disablePublicNetworkAccess?: boolean;
  /**
   * Loosen the firewall to allow every network (default action `Allow`). Throwaway
   * environments only; scanners flag it.
   * @default false
   */
  readonly allowAllNetworks?: boolean;
}

/**
 * A private endpoint for the vault (`vault` sub-resource) with a private DNS zone group
 * (`privatelink.vaultcore.azure.net`).
 */
export interface CmkKeyVaultPrivateEndpointProps {
  /** Subnet the endpoint is placed in. */
  readonly subnetId: string;
  /**
   * Base name of the endpoint (`<name>-vault-pe`).
   * @default - the vault's name (required when an existing vault's id is not a literal)
   */
  readonly name?: string;
  /**
   * An existing `privatelink.vaultcore.*` private DNS zone (a hub DNS zone, or one another stack
   * already links to your virtual network): the endpoint registers in it; no zone or link is
   * created.
   * @default - the zone is created and linked to `virtualNetworkIds`
   */
  readonly privateDnsZoneId?: string;
  /**
   * Virtual networks the created zone is linked to (not with `privateDnsZoneId`). A virtual
   * network can be linked to only one zone of a name: if one is already linked to a
   * `privatelink.vaultcore.*` zone, give that zone in `privateDnsZoneId` instead.
   * @default []
   */
  readonly virtualNetworkIds?: string[];
  /**
   * Resource group of the endpoint and of the created zone.
   * @default - the construct's resourceGroupName
   */
  readonly resourceGroupName?: string;
  /**
   * Region of the endpoint (the subnet's region).
   * @default - the construct's location
   */
  readonly location?: string;
}

/**
 * Rotation policy of the key, as ISO-8601 durations in years, months, weeks and days
 * (`P1Y`, `P90D`, `P1Y6M`).
 *
 * Rotation is triggered a time after each version's creation by default: a trigger before
 * expiry needs an expiration date on the current version, and this library emits no dates
 * (the first version would never rotate). Key Vault rules: expiry at least 28 days; triggers
 * at least 7 days after creation and at least 7 days before expiry; notification at least 7 days.
 */
export interface CmkKeyRotationProps {
  /**
   * Every new key version expires this long after it is created.
   * @default "P1Y"
   */
  readonly expireAfter?: string;
  /**
   * Rotate automatically this long after each version is created.
   * @default "P11M" (about a month before expiry); not used when rotateBeforeExpiry is given
   */
  readonly rotateAfterCreation?: string;
  /**
   * Rotate automatically this long before the current version expires instead. Only versions
   * with an expiration date rotate this way: the first one needs `expirationDate`.
   * @default - not used
   */
  readonly rotateBeforeExpiry?: string;
  /**
   * Send the near-expiry Event Grid notification this long before expiry.
   * @default "P29D"
   */
  readonly notifyBeforeExpiry?: string;
}

/**
 * The optional settings of a {@link CustomerManagedKey} (what the pattern passes through).
 */
export interface CustomerManagedKeyOptions {
  /**
   * Name of a new Key Vault: 3 to 24 characters, starting with a letter, letters, digits and
   * single hyphens, ending with a letter or digit; globally unique. Exactly one of
   * `keyVaultName` and `existingKeyVault`.
   * @default - none: existingKeyVault must be given
   */
  readonly keyVaultName?: string;
  /**
   * An existing Key Vault to create the key in instead of a new one.
   * @default - a new vault named keyVaultName
   */
  readonly existingKeyVault?: ExistingKeyVaultProps;
  /**
   * SKU of the new vault.
   * @default KeyVaultSku.STANDARD, or KeyVaultSku.PREMIUM for an RSA-HSM key
   */
  readonly keyVaultSku?: KeyVaultSku;
  /**
   * Days a deleted vault or key can be recovered (new vault): 7 to 90. Set once, never changed.
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * The new vault's firewall.
   * @default - Deny, trusted Azure services through, nothing else allowed
   */
  readonly network?: CmkKeyVaultNetworkProps;
  /**
   * A private endpoint for the vault.
   * @default - none
   */
  readonly privateEndpoint?: CmkKeyVaultPrivateEndpointProps;
  /**
   * Microsoft Entra tenant id of the new vault.
   * @default - the tenant Terraform runs as (`data.azurerm_client_config.tenant_id`)
   */
  readonly tenantId?: string;
  /**
   * Object id of the principal that runs Terraform: it gets "Key Vault Crypto Officer" on the
   * vault so that it can create the key.
   * @default - the principal Terraform runs as (`data.azurerm_client_config.object_id`)
   */
  readonly deployerObjectId?: string;
  /**
   * Kind of the deploying principal.
   * @default - not given (Azure looks it up)
   */
  readonly deployerPrincipalType?: PrincipalType;
  /**
   * Grant "Key Vault Crypto Officer" on the vault to the deploying principal.
   * @default true for a new vault, false for an existing one
   */
  readonly grantDeployerCryptoOfficer?: boolean;
  /**
   * Seconds to wait for a role assignment to take effect before the data-plane use that needs
   * it: the key is created that long after the deployer's "Key Vault Crypto Officer" grant,
   * and the storage account (which checks the key as it is created) that long after the
   * storage identity's "Key Vault Crypto Service Encryption User" grant. Azure RBAC takes
   * minutes to propagate; without a wait the first apply can fail with 403 or
   * `KeyVaultAuthenticationFailure`. Each wait is a `time_sleep` (hashicorp/time, added to the
   * stack when it has no time provider) that runs again when its grant is replaced.
   * A whole number from 1 to 1800; to not wait, set `skipRbacPropagationWait: true`.
   * @default 120
   */
  readonly rbacPropagationSeconds?: number;
  /**
   * Do not wait for RBAC propagation: no `time_sleep` and no time provider. For grants made
   * long before the data-plane use, or a pipeline that waits otherwise; the first apply can
   * then fail with 403 and succeed when run again.
   * @default false
   */
  readonly skipRbacPropagationWait?: boolean;
  /**
   * Name of the key: 1 to 127 letters, digits and hyphens.
   * @default "mlflow-artifacts-cmk"
   */
  readonly keyName?: string;
  /**
   * Key type.
   * @default CmkKeyType.RSA
   */
  readonly keyType?: CmkKeyType;
  /**
   * RSA key size in bits: 2048, 3072 or 4096.
   * @default 3072
   */
  readonly keySize?: number;
  /**
   * JSON web key operations the key allows. Azure Storage needs `wrapKey` and `unwrapKey`;
   * possible values: decrypt, encrypt, sign, unwrapKey, verify, wrapKey.
   * @default ["unwrapKey", "wrapKey"]
   */
  readonly keyOperations?: string[];
  /**
   * Expiration date of the first key version (RFC 3339 UTC, `2027-01-31T00:00:00Z`), set when
   * the key is created. Not set by default so that synthesis stays deterministic; rotated
   * versions expire per `rotation.expireAfter`.
   *
   * It is a creation-time setting only: the key ignores later changes of `expiration_date`
   * (`lifecycle.ignore_changes`), because every automatic rotation gives the new version an
   * expiry that the provider reads into state, and a differing configuration would replace the
   * key (refused by `prevent_destroy`; azurerm issues 22838, 24965). Changing or removing it
   * after the first apply does nothing; change the current version's expiry with
   * `az keyvault key set-attributes --expires`, or rotate.
   * @default - none
   */
  readonly expirationDate?: string;
  /**
   * Rotation policy.
   * @default - expire after P1Y, rotate P11M after creation, notify P29D before expiry
   */
  readonly rotation?: CmkKeyRotationProps;
  /**
   * Name of the storage account's user-assigned identity: 3 to 128 letters, digits, `-` and `_`,
   * starting with a letter or digit.
   * @default "id-<keyName>"
   */
  readonly storageIdentityName?: string;
  /**
   * Scope of the storage identity's "Key Vault Crypto Service Encryption User" grant.
   * @default CmkGrantScope.KEY
   */
  readonly storageGrantScope?: CmkGrantScope;
  /**
   * Protect the vault and the key from `terraform destroy` (`prevent_destroy`). Losing the
   * key makes every artifact unreadable.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * The Azure cloud (private DNS zone name of the vault endpoint).
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Props of {@link CustomerManagedKey}.
 */
export interface CustomerManagedKeyProps extends CustomerManagedKeyOptions {
  /** Resource group of the vault (when new) and of the storage identity. */
  readonly resourceGroupName: string;
  /** Azure region of the vault (when new) and of the storage identity. */
  readonly location: string;
}
