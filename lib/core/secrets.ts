import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { IConstruct } from 'constructs';
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
