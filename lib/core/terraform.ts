import { Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Problems } from './validation';

/** Terraform keeps write-only attributes (`data_wo`, `value_wo`) out of plan and state from 1.11 on. */
export const WRITE_ONLY_TERRAFORM_VERSION = '>= 1.11.0';

const MINIMUM: Version = [1, 11, 0];

type Version = [number, number, number];

const stacksRequiringWriteOnly = new WeakSet<TerraformStack>();

/**
 * Require Terraform >= 1.11 in the stack of `scope` (write-only attributes), however many
 * constructs write secrets, without losing the user's own `terraform.required_version`:
 *
 * - none: `>= 1.11.0`;
 * - one that already requires 1.11 or later (`>= 1.12.0`, `~> 1.13`, `1.11.4`): kept as it is;
 * - one that allows older versions (`>= 1.5`): combined, `>= 1.11.0, >= 1.5`;
 * - one that allows no 1.11 or later version (`< 1.10`, `~> 1.10.0`): an error at synth.
 *
 * The constraint is settled when the stack is synthesized (an aspect), so the user may set
 * `stack.addOverride('terraform.required_version', ...)` before or after the constructs.
 */
export function requireTerraformForWriteOnly(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (stacksRequiringWriteOnly.has(stack)) return;
  stacksRequiringWriteOnly.add(stack);
  Aspects.of(stack).add(new WriteOnlyRequiredVersion(stack));
}

/** Sets the stack's `terraform.required_version` when the stack is synthesized. */
class WriteOnlyRequiredVersion implements IAspect {
  constructor(private readonly stack: TerraformStack) {}

  public visit(node: IConstruct): void {
    if (node !== this.stack) return;
    const own = userRequiredVersion(this.stack);
    const p = new Problems(`TerraformStack ${this.stack.node.path}`);
    const combined = requiredVersionWithWriteOnly(p, own);
    p.throwIfAny();
    this.stack.addOverride('terraform.required_version', combined);
  }
}

/**
 * The stack's own `terraform.required_version` (set with `addOverride`), if any. cdktf has no
 * public reader for stack overrides; `rawOverrides` is where `addOverride` keeps them.
 */
function userRequiredVersion(stack: TerraformStack): unknown {
  const overrides = (stack as unknown as { rawOverrides?: { terraform?: { required_version?: unknown } } }).rawOverrides;
  return overrides?.terraform?.required_version;
}

/**
 * The `required_version` a stack with write-only attributes needs, given the user's own (see
 * {@link requireTerraformForWriteOnly}). Problems go to `p`.
 */
export function requiredVersionWithWriteOnly(p: Problems, own: unknown): string {
  if (own === undefined || own === null || own === '') return WRITE_ONLY_TERRAFORM_VERSION;
  if (typeof own !== 'string') {
    p.add('terraform.required_version', own, 'must be a version constraint string, e.g. ">= 1.12.0"');
    return WRITE_ONLY_TERRAFORM_VERSION;
  }
  const conjuncts = own.split(',').map((c) => parseConstraint(c.trim()));
  if (conjuncts.some((c) => c === undefined)) {
    // Not a constraint we understand: keep it, and require 1.11 next to it (Terraform checks the syntax).
    return `${WRITE_ONLY_TERRAFORM_VERSION}, ${own}`;
  }
  const parsed = conjuncts as Constraint[];
  if (parsed.some((c) => excludesMinimum(c))) {
    p.add(
      'terraform.required_version',
      own,
      `allows no Terraform ${WRITE_ONLY_TERRAFORM_VERSION}, which this stack needs: its secrets are write-only attributes (data_wo, value_wo), kept out of plan and state from 1.11 on; require 1.11 or later`,
    );
    return own;
  }
  if (parsed.some((c) => guaranteesMinimum(c))) return own;
  return `${WRITE_ONLY_TERRAFORM_VERSION}, ${own}`;
}

interface Constraint {
  readonly op: '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';
  readonly version: Version;
  /** How many parts were given (`~> 1.13` has 2: it allows 1.13 up to, not including, 2.0). */
  readonly parts: number;
}

const CONSTRAINT = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?$/;

function parseConstraint(text: string): Constraint | undefined {
  const m = CONSTRAINT.exec(text);
  if (!m) return undefined;
  const parts = [m[2], m[3], m[4]].filter((x) => x !== undefined).length;
  const version: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  return { op: (m[1] ?? '=') as Constraint['op'], version, parts };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** True when every version the constraint allows is at least 1.11.0. */
function guaranteesMinimum(c: Constraint): boolean {
  switch (c.op) {
    case '>=':
    case '>':
    case '=':
    case '~>':
      return compare(c.version, MINIMUM) >= 0;
    default:
      return false;
  }
}

/** True when the constraint allows no version of 1.11.0 or later. */
function excludesMinimum(c: Constraint): boolean {
  switch (c.op) {
    case '<':
      return compare(c.version, MINIMUM) <= 0;
    case '<=':
    case '=':
      return compare(c.version, MINIMUM) < 0;
    case '~>': {
      // ~> 1.10.3 allows < 1.11.0; ~> 1.10 allows < 2.0.0; ~> 1 allows < 2.0.0
      const [major, minor] = c.version;
      const upper: Version = c.parts === 3 ? [major, minor + 1, 0] : [major + 1, 0, 0];
      return compare(upper, MINIMUM) <= 0;
    }
    default:
      return false;
  }
}
