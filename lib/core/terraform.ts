import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** Terraform keeps write-only attributes (`data_wo`, `value_wo`) out of plan and state from 1.11 on. */
export const WRITE_ONLY_TERRAFORM_VERSION = '>= 1.11.0';

const stacksWithRequiredVersion = new WeakSet<TerraformStack>();

/**
 * Require Terraform >= 1.11 in the stack of `scope` (write-only attributes): set once per
 * stack, however many constructs write secrets.
 */
export function requireTerraformForWriteOnly(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (stacksWithRequiredVersion.has(stack)) return;
  stacksWithRequiredVersion.add(stack);
  stack.addOverride('terraform.required_version', WRITE_ONLY_TERRAFORM_VERSION);
}
