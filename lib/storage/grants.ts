import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { ArtifactGrantOptions } from './reference';
import { assignRole, PrincipalType } from '../core/roles';
import { Problems } from '../core/validation';

/**
 * The role grants of one container: literal, unique construct ids; the scope is the container,
 * never wider. The one place the stores build their grants. Internal.
 */
export class ContainerGrants {
  private readonly ids = new Set<string>();

  constructor(private readonly scope: Construct, private readonly containerResourceId: string, private readonly containerName: string) {}

  public grant(id: string, principalId: string, role: string, options: ArtifactGrantOptions): RoleAssignment {
    const problems = new Problems(`${this.scope.constructor.name} at ${this.scope.node.path}: grant`);
    problems.literalId('id', id);
    problems.require(!this.ids.has(id), 'id', id, 'is already used by another grant on this store');
    const principalType = options.principalType ?? PrincipalType.SERVICE_PRINCIPAL;
    if (options.skipServicePrincipalAadCheck === true && principalType !== PrincipalType.SERVICE_PRINCIPAL) {
      problems.add('options.skipServicePrincipalAadCheck', true, `is only valid for a service principal (principalType is ${JSON.stringify(principalType)})`);
    }
    problems.throwIfAny();
    this.ids.add(id);
    return assignRole(this.scope, `Grant${id}`, {
      scope: this.containerResourceId,
      roleDefinitionName: role,
      principalId,
      principalType,
      skipServicePrincipalAadCheck: options.skipServicePrincipalAadCheck,
      description: `MLflow artifact store ${this.containerName}: ${role}`,
    });
  }
}

