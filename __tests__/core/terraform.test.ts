import { TerraformStack, Testing } from 'cdktf';
import { requiredVersionWithWriteOnly, requireTerraformForWriteOnly } from '../../lib/core/terraform';
import { Problems } from '../../lib/core/validation';
import { ArtifactAccess, ArtifactAuth } from '../../lib/identity';
import { ArtifactStore } from '../../lib/storage';
import { errorOf, testStack } from '../util';

/** The synthesized required_version of a stack that writes secrets, with the user's own set before or after. */
function requiredVersion(own: string | undefined, when: 'before' | 'after' = 'before'): string {
  const stack = testStack();
  if (own !== undefined && when === 'before') stack.addOverride('terraform.required_version', own);
  requireTerraformForWriteOnly(stack);
  if (own !== undefined && when === 'after') stack.addOverride('terraform.required_version', own);
  return JSON.parse(Testing.synth(stack)).terraform.required_version;
}

describe('required_version of a stack with write-only secrets', () => {
  test('none set: >= 1.11.0', () => {
    expect(requiredVersion(undefined)).toBe('>= 1.11.0');
  });

  test.each(['before', 'after'] as const)('a stricter ">= 1.12.0" set %s the constructs is kept', (when) => {
    expect(requiredVersion('>= 1.12.0', when)).toBe('>= 1.12.0');
  });

  test.each(['before', 'after'] as const)('"~> 1.13" set %s the constructs is kept', (when) => {
    expect(requiredVersion('~> 1.13', when)).toBe('~> 1.13');
  });

  test.each(['before', 'after'] as const)('a looser ">= 1.5" set %s the constructs is combined with >= 1.11.0', (when) => {
    expect(requiredVersion('>= 1.5', when)).toBe('>= 1.11.0, >= 1.5');
  });

  test.each([
    ['1.11.4', '1.11.4'],
    ['= 1.12.0', '= 1.12.0'],
    ['> 1.11.0', '> 1.11.0'],
    ['>= 1.11', '>= 1.11'],
    ['>= 1.9, < 2.0', '>= 1.11.0, >= 1.9, < 2.0'],
    ['~> 1.10', '>= 1.11.0, ~> 1.10'],
    ['~> 1.11.0', '~> 1.11.0'],
    ['< 2.0.0', '>= 1.11.0, < 2.0.0'],
  ])('"%s" becomes "%s"', (own, expected) => {
    expect(requiredVersion(own)).toBe(expected);
  });

  test.each(['< 1.10', '<= 1.10.9', '= 1.10.5', '~> 1.10.0', '>= 1.5, < 1.11.0'])('"%s" allows no 1.11: a clear error at synth', (own) => {
    expect(errorOf(() => requiredVersion(own))).toMatch(
      new RegExp(`^TerraformStack test: 1 invalid prop:\\n  - terraform.required_version = "${own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}": allows no Terraform >= 1.11.0, which this stack needs: its secrets are write-only attributes`),
    );
  });

  test('a constraint that is not a string is an error', () => {
    const p = new Problems('TerraformStack test');
    requiredVersionWithWriteOnly(p, 1.12);
    expect(() => p.throwIfAny()).toThrow(/terraform.required_version = 1.12: must be a version constraint string/);
  });

  test('synthesizing twice gives the same constraint (the combination is settled once)', () => {
    const stack = testStack();
    stack.addOverride('terraform.required_version', '>= 1.5');
    requireTerraformForWriteOnly(stack);
    const first = JSON.parse(Testing.synth(stack)).terraform.required_version;
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe(first);
    expect(first).toBe('>= 1.11.0, >= 1.5');
  });

  test('a construct that writes a secret keeps the user\'s stricter constraint', () => {
    const stack: TerraformStack = testStack();
    stack.addOverride('terraform.required_version', '>= 1.12.0');
    const store = new ArtifactStore(stack, 'Store', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'stmlflowtest01', sharedAccessKeyEnabled: true });
    new ArtifactAccess(stack, 'Access', { auth: ArtifactAuth.accountKey(), store, namespaceName: 'mlflow', serviceAccountName: 'mlflow' });
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe('>= 1.12.0');
  });
});
