/**
 * Azure built-in role names this library assigns (by name, so they resolve in every cloud).
 */
export class BuiltInRole {
  /** Read, write and delete blobs and containers. */
  public static readonly STORAGE_BLOB_DATA_CONTRIBUTOR = 'Storage Blob Data Contributor';
  /** Read blobs and containers. */
  public static readonly STORAGE_BLOB_DATA_READER = 'Storage Blob Data Reader';
  /** Wrap and unwrap with a Key Vault key: what a storage account needs for customer-managed keys. */
  public static readonly KEY_VAULT_CRYPTO_SERVICE_ENCRYPTION_USER = 'Key Vault Crypto Service Encryption User';
  /** Manage keys in an RBAC key vault. */
  public static readonly KEY_VAULT_CRYPTO_OFFICER = 'Key Vault Crypto Officer';
}

/**
 * The kind of principal a role is assigned to. Giving it lets Azure skip a directory
 * lookup, which avoids replication-delay failures right after an identity is created.
 */
export enum PrincipalType {
  /** A service principal or a managed identity. */
  SERVICE_PRINCIPAL = 'ServicePrincipal',
  /** A user. */
  USER = 'User',
  /** A group. */
  GROUP = 'Group',
}
