import { Annotations, Aspects, IAspect, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { RULES, ruleById } from './catalog';
import { StackModel } from './config';
import { CheckFinding, CheckRuleInfo, CheckSeverity } from './model';
import { evaluate, RawFinding } from './rules';
import { SUPPRESSION_METADATA, SuppressionData, suppressionReason } from './suppressions';
import { CONSTRUCT_WARNINGS, MlflowWarningInfo } from './warnings';
import { Problems } from '../core/validation';


/**
 * Props of {@link MlflowChecks}.
 */
export interface MlflowChecksProps {
  /**
   * Whether the checked resources are production. Decides MLF-W003 (locally redundant storage).
   *
   * @default - decided per storage account: production when it has an `environment` (or `env`)
   * tag equal to `prod` or `production`, in any case
   */
  readonly production?: boolean;
}

/**
 * Security and reliability checks for MLflow on Azure, like cdk-nag for cdktf:
 * `Aspects.of(stack).add(new MlflowChecks())` (or `MlflowChecks.addTo(app)`).
 *
 * It reads every resource, data source and variable in the scope it is added to, in synthesized
 * (snake_case) form with references as `${...}` strings, and reports findings with stable ids
 * (see {@link MlflowCheckId} and `MlflowChecks.rules()`):
 *
 * - errors are added with `Annotations.addError`: `app.synth()` then throws
 *   `Encountered Annotations with level "ERROR"` listing `[<construct path>] [<id>] <text>`,
 *   so `npm run synth` exits non-zero (the cdktf CLI prints them as `ERROR` and fails);
 * - warnings are added with `Annotations.addWarning`;
 * - suppressed findings (`MlflowChecks.suppress`) are added as info, with their reason.
 *
 * Every finding is also in `findings`. Rules that relate resources to each other (key vault
 * to customer-managed key, diagnostic setting or lock to storage account, workload identity
 * to keys) look at the whole stack; findings are only reported for resources in the scope.
 * Aspects added to an `App` are not run by cdktf: add the checks to each stack (`addTo` does).
 */
export class MlflowChecks implements IAspect {
  /**
   * Add a new `MlflowChecks` to a stack, or to every stack under an app (or other construct).
   *
   * Stacks created after this call are not covered.
   *
   * @returns the aspect, to read `findings` after synthesis
   */
  public static addTo(scope: IConstruct, props: MlflowChecksProps = {}): MlflowChecks {
    const checks = new MlflowChecks(props);
    const insideStack = scope.node.scopes.some((s) => TerraformStack.isStack(s));
    const targets = insideStack ? [scope] : scope.node.findAll().filter((c) => TerraformStack.isStack(c));
    if (targets.length === 0) {
      throw new Error(`MlflowChecks.addTo(${scope.node.path || '<root>'}): no TerraformStack in scope; create the stacks first.`);
    }
    targets.forEach((t) => Aspects.of(t).add(checks));
    return checks;
  }

  /**
   * Suppress one rule on a construct and everything under it (a stack, a construct or one
   * resource). Suppressed findings are reported as info with the reason.
   *
   * @param scope the construct (and its children) the rule does not apply to
   * @param ruleId the rule id, e.g. `MlflowCheckId.LRS_IN_PRODUCTION` (`MLF-W003`), or a construct warning id, e.g. `MlflowWarningId.SQLITE_BACKEND` (`MLF-C001`)
   * @param reason why the finding is accepted; mandatory (non-empty)
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    const problems = new Problems(`MlflowChecks.suppress(${scope.node.path || '<root>'})`);
    const known = typeof ruleId === 'string' && (ruleById(ruleId) !== undefined || CONSTRUCT_WARNINGS.some((w) => w.warningId === ruleId));
    problems.require(
      known,
      'ruleId',
      ruleId,
      `must be a rule id of MlflowChecks (${RULES.map((r) => r.ruleId).join(', ')}) or a construct warning id (MLF-C001 to MLF-C${String(CONSTRUCT_WARNINGS.length).padStart(3, '0')}, MlflowWarningId)`,
    );
    const literal = typeof reason === 'string' && !Token.isUnresolved(reason);
    problems.require(
      literal && reason.trim().length > 0,
      'reason',
      reason,
      'is mandatory: a non-empty literal string saying why the finding is accepted',
    );
    problems.throwIfAny();
    const data: SuppressionData = { ruleId, reason: reason.trim() };
    scope.node.addMetadata(SUPPRESSION_METADATA, data, { stackTrace: false });
  }

  /** Every rule: id, severity, title, what it looks at and the fix. */
  public static rules(): CheckRuleInfo[] {
    return RULES.map((r) => ({ ...r }));
  }

  /** Every warning the constructs give about their props (`MlflowWarningId`): id and title. */
  public static constructWarnings(): MlflowWarningInfo[] {
    return CONSTRUCT_WARNINGS.map((w) => ({ ...w }));
  }

  private readonly found: CheckFinding[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly props: MlflowChecksProps = {}) {}

  /** Every finding so far (suppressed ones included), in stack, resource and rule order. */
  public get findings(): CheckFinding[] {
    return this.found.map((f) => ({ ...f }));
  }

  /** The unsuppressed error findings. */
  public get errors(): CheckFinding[] {
    return this.findings.filter((f) => !f.suppressed && f.severity === CheckSeverity.ERROR);
  }

  /** The unsuppressed warning findings. */
  public get warnings(): CheckFinding[] {
    return this.findings.filter((f) => !f.suppressed && f.severity === CheckSeverity.WARNING);
  }

  /**
   * Check the scope: called by cdktf for every construct; the work is done once, on the
   * construct(s) the aspect was added to.
   */
  public visit(node: IConstruct): void {
    if (!Aspects.of(node).all.includes(this)) return;
    const stack = [...node.node.scopes].reverse().find((s) => TerraformStack.isStack(s)) as TerraformStack | undefined;
    if (!stack) return;
    const model = StackModel.read(stack);
    const inScope = new Set<IConstruct>(node.node.findAll());
    const targets = model.elements.filter((e) => inScope.has(e.construct));
    for (const raw of evaluate({ model, targets, production: this.props.production })) this.report(raw);
  }

  private report(raw: RawFinding): void {
    const rule = ruleById(raw.ruleId);
    if (!rule) throw new Error(`MlflowChecks: unknown rule ${raw.ruleId}`);
    const construct = raw.element.construct;
    const key = `${rule.ruleId}|${raw.element.address}|${raw.message}`;
    if (this.reported.has(key)) return; // a second synth of the same app
    this.reported.add(key);

    const reason = suppressionReason(construct, rule.ruleId);
    const finding: CheckFinding = {
      ruleId: rule.ruleId,
      severity: rule.severity,
      title: rule.title,
      path: construct.node.path,
      address: raw.element.address,
      message: raw.message,
      fix: rule.fix,
      suppressed: reason !== undefined,
      ...(reason !== undefined ? { suppressionReason: reason } : {}),
    };
    this.found.push(finding);

    const text = `[${rule.ruleId}] ${rule.title} (${finding.address}): ${finding.message} Fix: ${finding.fix}`;
    const annotations = Annotations.of(construct);
    if (reason !== undefined) annotations.addInfo(`[${rule.ruleId}] suppressed (${reason}): ${rule.title} (${finding.address}): ${finding.message}`);
    else if (rule.severity === CheckSeverity.ERROR) annotations.addError(text);
    else annotations.addWarning(text);
  }
}
