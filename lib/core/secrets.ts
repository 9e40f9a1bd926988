import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { kubernetesModules } from './providers';
import { requireTerraformForWriteOnly } from './terraform';
import { resolveInStack } from './tokens';
import { Problems } from './validation';

/** The rule a secret prop breaks when it is a literal. */
export const SECRET_RULE =
  'must be a Terraform reference (the value of a sensitive TerraformVariable without a default), never a literal: a literal would be written into the synthesized JSON';

/**
 * A secret must be a Terraform reference; when it is a variable of this stack, the variable
 * must be sensitive and have no default (a default is a literal in the synthesized JSON).
 */
export function checkSecretReference(scope: IConstruct, p: Problems, prop: string, value: string | undefined): void {
  if (value === undefined) return;
  if (!Token.isUnresolved(value)) {
    p.add(prop, value === '' ? '' : '<literal, not shown>', SECRET_RULE);
    return;
  }
  const variable = variableBehind(scope, value);
  if (variable === undefined) return;
  const name = `var.${variable.friendlyUniqueId}`;
  p.require(variable.sensitive === true, prop, name, `the variable "${variable.friendlyUniqueId}" must be declared sensitive: true`);
  p.require(variable.default === undefined, prop, name, `the variable "${variable.friendlyUniqueId}" must have no default (a default is a literal in the synthesized JSON)`);
}

/** The variable of the stack a token is exactly the value of, if any. */
function variableBehind(scope: IConstruct, token: string): TerraformVariable | undefined {
  const stack = TerraformStack.of(scope);
  const resolved = resolveInStack(stack, token);
  if (typeof resolved !== 'string') return undefined;
  const match = /^\$\{var\.([^}]+)\}$/.exec(resolved);
  if (!match) return undefined;
  return stack.node
    .findAll()
    .find((c): c is TerraformVariable => c instanceof TerraformVariable && c.friendlyUniqueId === match[1]);
}

/** What {@link writeOnlySecret} writes. */
export interface WriteOnlySecretInput {
  readonly name: string;
  readonly namespace: string;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** `app.kubernetes.io/instance`, the release, when the secret belongs to one. */
  readonly releaseName?: string;
  /** More labels, after the standard ones. */
  readonly labels?: { [key: string]: string };
  readonly data: { [key: string]: string };
  readonly revision: number;
}

/**
 * A Kubernetes secret written with `data_wo` (Terraform >= 1.11 keeps the values out of plan and
 * state; the stack's `required_version` says so). Bump `revision` to write new values.
 */
export function writeOnlySecret(scope: Construct, id: string, input: WriteOnlySecretInput): SecretV1 {
  requireTerraformForWriteOnly(scope);
  return new kubernetesModules.secretV1.SecretV1(scope, id, {
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: {
        'app.kubernetes.io/name': 'mlflow',
        ...(input.releaseName !== undefined ? { 'app.kubernetes.io/instance': input.releaseName } : {}),
        'app.kubernetes.io/component': input.component,
        'app.kubernetes.io/managed-by': 'terraform',
        ...(input.labels ?? {}),
      },
    },
    type: 'Opaque',
    // Write-only: Terraform >= 1.11 keeps these values out of plan and state.
    dataWo: input.data,
    dataWoRevision: input.revision,
  });
}
