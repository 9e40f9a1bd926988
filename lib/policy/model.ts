/**
 * How serious a finding of {@link MlflowChecks} is.
 */
export enum CheckSeverity {
  /** The configuration is unsafe or broken: synthesis fails unless the finding is suppressed. */
  ERROR = 'error',
  /** The configuration works but is weaker than it should be: reported as a warning. */
  WARNING = 'warning',
}

/**
 * One finding of {@link MlflowChecks} on one construct.
 */
export interface CheckFinding {
  /** The stable rule id, e.g. `MLF-E001` (see {@link MlflowCheckId}). */
  readonly ruleId: string;
  /** The severity of the rule. A suppressed finding keeps its severity and has `suppressed: true`. */
  readonly severity: CheckSeverity;
  /** The short title of the rule. */
  readonly title: string;
  /** The construct path of the resource the finding is about, e.g. `stack/Artifacts/Account`. */
  readonly path: string;
  /** The Terraform address of the resource, e.g. `azurerm_storage_account.Artifacts_Account_1A2B3C4D`. */
  readonly address: string;
  /** What is wrong, naming the attribute and (never secret) value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Whether the finding was suppressed (then it is reported as info, not as a warning or error). */
  readonly suppressed: boolean;
  /**
   * The reason given for the suppression.
   * @default - not suppressed
   */
  readonly suppressionReason?: string;
}

/**
 * A rule of {@link MlflowChecks}.
 */
export interface CheckRuleInfo {
  /** The stable rule id, e.g. `MLF-E001`. */
  readonly ruleId: string;
  /** The severity of every finding of the rule. */
  readonly severity: CheckSeverity;
  /** The short title. */
  readonly title: string;
  /** What the rule looks at, precisely. */
  readonly description: string;
  /** How to fix a finding. */
  readonly fix: string;
}

/**
 * The stable ids of the {@link MlflowChecks} rules, for suppressions.
 *
 * Ids never change meaning and are never reused: `E` rules are errors, `W` rules warnings.
 */
export class MlflowCheckId {
  /** Public blob access: `allow_nested_items_to_be_public` true or missing on a storage account. */
  public static readonly PUBLIC_NESTED_ITEMS = 'MLF-E001';
  /** Public blob access: a storage container whose `container_access_type` is not `private`. */
  public static readonly PUBLIC_CONTAINER = 'MLF-E002';
  /** A lifecycle rule that moves blobs to the Archive tier. */
  public static readonly ARCHIVE_TIER = 'MLF-E003';
  /** A key vault that holds a storage customer-managed key without purge protection. */
  public static readonly CMK_WITHOUT_PURGE_PROTECTION = 'MLF-E004';
  /** A secret written as a literal in the configuration. */
  public static readonly LITERAL_SECRET = 'MLF-E005';
  /** An account key or connection string given to MLflow while it uses workload identity. */
  public static readonly KEY_IN_IDENTITY_MODE = 'MLF-E006';
  /** A storage account accepting TLS below 1.2 (or not saying). */
  public static readonly TLS_BELOW_1_2 = 'MLF-E007';
  /** A storage account accepting plain HTTP. */
  public static readonly HTTPS_OFF = 'MLF-E008';
  /** The MLflow chart exposed (ingress, LoadBalancer or NodePort) with no sign-in mechanism on. */
  public static readonly EXPOSED_WITHOUT_SIGN_IN = 'MLF-E009';
  /** More than one sign-in mechanism of the MLflow chart on at once. */
  public static readonly SEVERAL_SIGN_IN_MECHANISMS = 'MLF-E010';
  /** A secret of a sign-in mechanism in the MLflow chart's helm values (literal or reference). */
  public static readonly SIGN_IN_SECRET_IN_VALUES = 'MLF-E011';
  /** The AKS kubelet identity used for blob access. */
  public static readonly KUBELET_IDENTITY = 'MLF-W001';
  /** A blob data role assigned wider than one container. */
  public static readonly WIDE_BLOB_ROLE_SCOPE = 'MLF-W002';
  /** Locally redundant storage (LRS) in production. */
  public static readonly LRS_IN_PRODUCTION = 'MLF-W003';
  /** No diagnostic setting on a storage account or its blob service. */
  public static readonly NO_DIAGNOSTICS = 'MLF-W004';
  /** A storage account without `prevent_destroy` or without a delete lock. */
  public static readonly NO_DELETE_PROTECTION = 'MLF-W005';

  private constructor() {}
}
