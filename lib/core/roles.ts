import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { azurermModules } from './providers';

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

/**
 * One role assignment: what {@link assignRole} takes.
 */
export interface RoleGrant {
  /** The scope (a resource id, e.g. a container's `id` when it is bound with `storage_account_id`). */
  readonly scope: string;
  /** The role, by name (see {@link BuiltInRole}). */
  readonly roleDefinitionName: string;
  /** Object (principal) id of the identity. */
  readonly principalId: string;
  /**
   * The kind of principal.
   * @default - not given (Azure looks it up)
   */
  readonly principalType?: PrincipalType;
  /**
   * Skip the directory check (for a service principal created in the same apply: replication delay).
   * @default true for PrincipalType.SERVICE_PRINCIPAL, false for another given type, not set when principalType is not given
   */
  readonly skipServicePrincipalAadCheck?: boolean;
  /** What the assignment is for (shown in the portal). */
  readonly description: string;
}

/**
 * Create a role assignment: the one place where the library's role assignments are built
 * (scope, role by name, principal id and type, directory check, description).
 */
export function assignRole(scope: Construct, id: string, grant: RoleGrant): RoleAssignment {
  const type = grant.principalType;
  return new azurermModules.roleAssignment.RoleAssignment(scope, id, {
    scope: grant.scope,
    roleDefinitionName: grant.roleDefinitionName,
    principalId: grant.principalId,
    principalType: type,
    skipServicePrincipalAadCheck:
      grant.skipServicePrincipalAadCheck ?? (type === undefined ? undefined : type === PrincipalType.SERVICE_PRINCIPAL),
    description: grant.description,
  });
}
