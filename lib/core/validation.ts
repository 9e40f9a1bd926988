import { Token } from 'cdktf';
import { IConstruct } from 'constructs';

/** One problem: the prop's path, the value as shown (never a secret), the rule it breaks. */
export interface Problem {
  readonly prop: string;
  readonly shown: string;
  readonly rule: string;
}

/** The error of an invalid construct: its message lists every problem. Internal. */
export class ValidationError extends Error {
  constructor(owner: string, public readonly problems: readonly Problem[]) {
    super(`${owner}: ${problems.length} invalid prop${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ValidationError';
  }
}

function formatProblem(p: Problem): string {
  return `${p.prop} = ${p.shown}: ${p.rule}`;
}

/**
 * Collects every problem with a construct's props, so that one error lists them all.
 *
 * Each problem names the prop, the value and the rule. Values that are unresolved
 * tokens are never checked as literals.
 *
 * Given the construct (`scope`), a construct inside a pattern's {@link ValidationRound} does not
 * throw: its problems join the round under the pattern's prop names, and the pattern throws them
 * all at once.
 */
export class Problems {
  private readonly problems: Problem[] = [];

  constructor(private readonly owner: string, private readonly scope?: IConstruct) {}

  /** Record a problem: `prop` (the path of the prop), the value given and the rule it breaks. */
  public add(prop: string, value: unknown, rule: string): void {
    this.problems.push({ prop, shown: describe(value), rule });
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

  /**
   * A number the library writes at synth (into the helm values, a connection URL): a literal
   * whole number in [min, max]; a token there would be written as its encoded double.
   */
  public literalInRange(prop: string, value: number | undefined, min: number, max: number, where: string = 'the helm values'): void {
    if (value !== undefined && Token.isUnresolved(value)) this.add(prop, value, `must be a literal number (it is written into ${where})`);
    else this.inRange(prop, value, min, max);
  }

  /** A literal string must not be empty or blank (tokens pass). */
  public nonEmpty(prop: string, value: string | undefined): void {
    if (isLiteral(value) && value.trim() === '') this.add(prop, value, 'must not be empty');
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

  /**
   * Throw one error listing every problem, if there is any; inside a pattern's validation round,
   * hand them to the round instead (the pattern throws them with its own).
   */
  public throwIfAny(): void {
    if (this.problems.length === 0) return;
    const round = this.scope ? ValidationRound.around(this.scope) : undefined;
    if (round) {
      round.record(this.scope!, this.problems);
      return;
    }
    throw new ValidationError(this.owner, this.problems);
  }
}

/** How a part's prop paths read in the pattern: `[part prefix, pattern prefix]`, most specific first. */
export type PropMapping = readonly (readonly [string, string])[];

/**
 * The tags a part inherits from the props the user wrote (their keys the part's own tags do not
 * override) read as those props: `tags["<key>"]` stays `tags["<key>"]` of the outer construct.
 * Token maps contribute nothing (their keys are unknown at synth).
 */
export function inheritedTagMappings(outer: { [key: string]: string } | undefined, own: { [key: string]: string } | undefined): PropMapping {
  if (!isLiteral(outer) || outer === undefined) return [];
  return Object.keys(outer)
    .filter((k) => !(isLiteral(own) && own !== undefined && k in own))
    .map((k): [string, string] => [`tags["${k}"]`, `tags["${k}"]`]);
}

const ROUNDS = new WeakMap<IConstruct, ValidationRound>();

/**
 * One round of validation for a pattern: every part (child construct) validates its own props as
 * usual, but records its problems here under the pattern's prop names (`storage.softDeleteRetentionDays`,
 * not `softDeleteRetentionDays`), and the pattern throws them all in one error when its
 * construction ends ({@link close}). A part that cannot be built because of a recorded problem
 * (it throws) is skipped ({@link part}): the recorded problems explain it. Internal.
 */
export class ValidationRound {
  /** Open a round on a pattern construct. */
  public static open(owner: IConstruct, label: string): ValidationRound {
    const round = new ValidationRound(owner, label);
    ROUNDS.set(owner, round);
    return round;
  }

  /** The round a construct is validated in: the nearest open round of it or an ancestor. */
  public static around(scope: IConstruct): ValidationRound | undefined {
    for (const s of [...scope.node.scopes].reverse()) {
      const round = ROUNDS.get(s);
      if (round && !round.closed) return round;
    }
    return undefined;
  }

  /**
   * Build a construct inside a part (`scope`) whose props the part fills from its own: its
   * problems read as the part's props (`mapping`), in the round around `scope` or, without one,
   * in the error thrown (labelled `owner`).
   */
  public static nested<T>(scope: IConstruct, childId: string, owner: string, mapping: PropMapping, build: () => T): T {
    const round = ValidationRound.around(scope);
    if (round) {
      round.mapNested(scope, childId, mapping);
      return build();
    }
    try {
      return build();
    } catch (e) {
      if (e instanceof ValidationError) throw new ValidationError(owner, e.problems.map((p) => ({ ...p, prop: mapProp(p.prop, mapping) })));
      throw e;
    }
  }

  private readonly problems: Problem[] = [];
  private readonly mappings = new Map<string, PropMapping>();
  /** Props the pattern itself reported on: a part's problem with one of them is dropped (the pattern says it in its terms). */
  private readonly ownProps = new Set<string>();
  private closed = false;

  private constructor(private readonly owner: IConstruct, private readonly label: string) {}

  /** Map the prop paths of the part with this construct id (a direct child of the pattern). */
  public map(childId: string, mapping: PropMapping): void {
    this.mappings.set(childId, mapping);
  }

  /**
   * Map the prop paths of a construct a part builds inside itself (`scope` is in the round,
   * `childId` its child): its problems are mapped by `mapping` first, then as `scope`'s.
   */
  public mapNested(scope: IConstruct, childId: string, mapping: PropMapping): void {
    this.mappings.set([...this.idsBelowOwner(scope), childId].join('/'), mapping);
  }

  /** Whether a problem was recorded. */
  public get failed(): boolean {
    return this.problems.length > 0;
  }

  /** Record the problems of a construct inside the pattern, under the pattern's prop names. */
  public record(scope: IConstruct, problems: readonly Problem[]): void {
    const scopes = scope.node.scopes;
    const child = scopes[scopes.indexOf(this.owner) + 1];
    if (!child) {
      for (const problem of problems) this.ownProps.add(problem.prop);
      this.problems.push(...problems);
      return;
    }
    // From the innermost registered construct out to the part: "subnetId" of a private endpoint
    // inside the encryption part reads "encryption.privateEndpoint.subnetId".
    const ids = this.idsBelowOwner(scope);
    const chain: PropMapping[] = [];
    for (let n = ids.length; n >= 1; n--) {
      const mapping = this.mappings.get(ids.slice(0, n).join('/'));
      if (mapping) chain.push(mapping);
    }
    for (const problem of problems) {
      const mapped = { ...problem, prop: chain.reduce((prop, mapping) => mapProp(prop, mapping), problem.prop) };
      if (!this.ownProps.has(mapped.prop)) this.addOnce(mapped);
    }
  }

  /**
   * Build a part. If it throws a validation error (e.g. from a construct outside the pattern, such
   * as the cluster), its problems join the round; if it throws anything else after a problem was
   * recorded, the recorded problems are the cause and the part is skipped (undefined).
   */
  public part<T>(build: () => T, childId?: string): T | undefined {
    try {
      return build();
    } catch (e) {
      if (e instanceof ValidationError) {
        // A part with a round of its own (a pattern inside a pattern) threw its problems: map them
        // as the child they came from.
        const mapping = childId !== undefined ? this.mappings.get(childId) ?? [] : [];
        for (const problem of e.problems) this.addOnce({ ...problem, prop: mapProp(problem.prop, mapping) });
        return undefined;
      }
      if (this.failed) return undefined;
      throw e;
    }
  }

  /** Record a problem unless the same prop already has the same rule (a part and the pattern may both find it). */
  private addOnce(problem: Problem): void {
    if (!this.problems.some((p) => p.prop === problem.prop && p.rule === problem.rule)) this.problems.push(problem);
  }

  private idsBelowOwner(scope: IConstruct): string[] {
    const scopes = scope.node.scopes;
    return scopes.slice(scopes.indexOf(this.owner) + 1).map((s) => s.node.id);
  }

  /** End the round: throw one error with every problem, if there is any. */
  public close(): void {
    this.closed = true;
    ROUNDS.delete(this.owner);
    if (this.problems.length > 0) throw new ValidationError(this.label, this.problems);
  }
}

function mapProp(prop: string, mapping: PropMapping): string {
  for (const [from, to] of mapping) {
    if (from === '') return `${to}${prop}`;
    if (prop === from) return to;
    if (prop.startsWith(`${from}.`) || prop.startsWith(`${from}[`)) return `${to}${prop.slice(from.length)}`;
  }
  return prop;
}

/** True when the value is set and is not an unresolved token (so it can be validated as a literal). */
export function isLiteral<T>(value: T | undefined): value is T {
  return value !== undefined && value !== null && !Token.isUnresolved(value);
}

/**
 * Strings that carry a secret whatever prop they were given to: an account key or SAS in a
 * connection string or URL, credentials in a URL, a webhook URL with its token (Slack, Teams,
 * Logic Apps `sig=`, a `code=` / `token=` query). Never shown in an error.
 */
const SECRET_LIKE = /AccountKey=|SharedAccessKey=|SharedAccessSignature=|[?&](sig|code|token|key|api[-_]?key)=|:\/\/[^/\s:@]+:[^/\s@]+@|hooks\.slack\.com\/|webhook\.office\.com\/|\.logic\.azure\.com/i;

function describe(value: unknown): string {
  if (Token.isUnresolved(value)) return '<token>';
  if (typeof value === 'string' && SECRET_LIKE.test(value)) return '"<looks like a secret, not shown>"';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
