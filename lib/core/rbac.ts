import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { Sleep } from '@cdktf/provider-time/lib/sleep';
import { TerraformProvider, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { timeModules } from './providers';
import { isLiteral, Problems } from './validation';

/** How long a data-plane use waits after the role assignment it needs, by default. */
export const RBAC_PROPAGATION_DEFAULT_SECONDS = 120;
/** The longest wait accepted (30 minutes). */
const RBAC_PROPAGATION_MAX_SECONDS = 1800;

/** The construct id of the time provider this library adds to a stack that has none. */
export const TIME_PROVIDER_ID = 'MlflowAzureTimeProvider';

/**
 * Check the two props that control an RBAC propagation wait: `seconds` is a whole number from 1
 * to 1800 (0 is not "off": turning the wait off is `skipProp: true`), and not both.
 */
export function checkRbacPropagation(
  p: Problems,
  secondsProp: string,
  seconds: number | undefined,
  skipProp: string,
  skip: boolean | undefined,
): void {
  if (isLiteral(seconds) && (!Number.isInteger(seconds) || seconds < 1 || seconds > RBAC_PROPAGATION_MAX_SECONDS)) {
    p.add(secondsProp, seconds, `must be a whole number of seconds from 1 to ${RBAC_PROPAGATION_MAX_SECONDS}; to not wait at all, set ${skipProp}: true`);
  }
  if (skip === true && seconds !== undefined) {
    p.add(secondsProp, seconds, `conflicts with ${skipProp}: true (there is no wait to time)`);
  }
}

/**
 * Wait for a role assignment to take effect before a data-plane use that needs it: a
 * `time_sleep` (hashicorp/time) after the grant, whose `create_duration` runs once when it is
 * created and again whenever the grant is replaced (the grant's id is a trigger). What uses
 * the grant depends on the returned sleep.
 *
 * Azure role assignments take minutes to reach the data plane: a key created right after the
 * deployer's "Key Vault Crypto Officer" grant, or a storage account created with a
 * customer-managed key right after its identity's "Key Vault Crypto Service Encryption User"
 * grant, fails on the first apply (403, `KeyVaultAuthenticationFailure`) without it.
 */
export function waitForRbacPropagation(scope: Construct, id: string, grant: RoleAssignment, seconds: number): Sleep {
  ensureTimeProvider(scope);
  return new timeModules.sleep.Sleep(scope, id, {
    createDuration: `${seconds}s`,
    triggers: { role_assignment_id: grant.id },
    dependsOn: [grant],
  });
}

/**
 * Make sure the stack of `scope` has a default (unaliased) `time` provider: add one at the
 * stack root when there is none. The time provider has no settings. A second default one
 * declared later fails the synth with an error that says which to remove.
 */
function ensureTimeProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (defaultTimeProviders(stack).length > 0) return;
  const provider = new timeModules.provider.TimeProvider(stack, TIME_PROVIDER_ID, {});
  provider.node.addValidation({
    validate: () => {
      const others = defaultTimeProviders(stack).filter((p) => p !== provider);
      if (others.length === 0) return [];
      return [
        `cdktf-mlflow-azure added this default time provider (for its RBAC propagation waits) because the stack had none, and another one was declared later at ${others.map((o) => o.node.path).join(', ')}: Terraform refuses two default configurations of one provider. Declare your TimeProvider before the first CustomerManagedKey (or MlflowOnAzure with encryption), or remove it.`,
      ];
    },
  });
}

function defaultTimeProviders(stack: TerraformStack): TerraformProvider[] {
  return stack.node
    .findAll()
    .filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c))
    .filter((c) => c.terraformResourceType === 'time' && c.alias === undefined);
}
