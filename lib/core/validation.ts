import { Token } from 'cdktf';

/**
 * Collects every problem with a construct's props, so that one error lists them all.
 *
 * Each problem names the prop, the value and the rule. Values that are unresolved
 * tokens are never checked as literals.
 */
export class Problems {
  private readonly problems: string[] = [];

  constructor(private readonly owner: string) {}

  /** Record a problem: `prop` (the path of the prop), the value given and the rule it breaks. */
  public add(prop: string, value: unknown, rule: string): void {
    this.problems.push(`${prop} = ${describe(value)}: ${rule}`);
  }

  /** Record a problem when `ok` is false. */
  public require(ok: boolean, prop: string, value: unknown, rule: string): void {
    if (!ok) this.add(prop, value, rule);
  }

  /** Check a string against a pattern, unless it is unset or an unresolved token. */
  public matches(prop: string, value: string | undefined, pattern: RegExp, rule: string): void {
    if (!isLiteral(value)) return;
    if (!pattern.test(value)) this.add(prop, value, rule);
  }

  /** Check a whole number lies in [min, max], unless it is unset or an unresolved token. */
  public inRange(prop: string, value: number | undefined, min: number, max: number): void {
    if (!isLiteral(value)) return;
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(prop, value, `must be a whole number from ${min} to ${max}`);
    }
  }

  /** Check a number lies in [min, max] (fractions allowed), unless unset or a token. */
  public inRangeReal(prop: string, value: number | undefined, min: number, max: number): void {
    if (!isLiteral(value)) return;
    if (!Number.isFinite(value) || value < min || value > max) {
      this.add(prop, value, `must be a number from ${min} to ${max}`);
    }
  }

  /** Check a value is one of the allowed literals, unless unset or a token. */
  public oneOf<T>(prop: string, value: T | undefined, allowed: readonly T[]): void {
    if (!isLiteral(value)) return;
    if (!allowed.includes(value)) this.add(prop, value, `must be one of ${allowed.map((a) => describe(a)).join(', ')}`);
  }

  /** Record every prop of `entries` that is set although `rule` says it does not apply. */
  public notApplicable(entries: [string, unknown][], rule: string): void {
    for (const [prop, value] of entries) {
      if (value !== undefined) this.add(prop, value, rule);
    }
  }

  /** Check that a construct id is a literal (never a token, so that a refactor never replaces a resource). */
  public literalId(prop: string, value: string): void {
    if (Token.isUnresolved(value)) this.add(prop, value, 'must be a literal string, not a token (it becomes a construct id)');
    else if (value.length === 0) this.add(prop, value, 'must not be empty');
  }

  public get count(): number {
    return this.problems.length;
  }

  /** Throw one error listing every problem, if there is any. */
  public throwIfAny(): void {
    if (this.problems.length === 0) return;
    const n = this.problems.length;
    throw new Error(
      `${this.owner}: ${n} invalid prop${n === 1 ? '' : 's'}:\n${this.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** True when the value is set and is not an unresolved token (so it can be validated as a literal). */
export function isLiteral<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

function describe(value: unknown): string {
  if (Token.isUnresolved(value)) return '<token>';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
