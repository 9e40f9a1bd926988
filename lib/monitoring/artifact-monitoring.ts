import type { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct } from 'constructs';
import { ArtifactAlert, ArtifactAlertThresholdsProps, ArtifactMonitoringProps } from './props';
import { checkLocation, checkResourceGroupName, checkTags } from '../core/names';
import { azurermModules } from '../core/providers';
import { isLiteral, Problems } from '../core/validation';
import { checkNamesAtSynth } from '../policy/collisions';
import { constructWarning, MlflowWarningId } from '../policy/warnings';

/** Defaults of {@link ArtifactAlertThresholdsProps} and the workspace, in one place for docs and tests. */
const MONITORING_DEFAULTS = {
  logRetentionDays: 90,
  availabilityPercent: 99.9,
  successE2ELatencyMs: 1000,
  usedCapacityGiB: 1024,
  serverErrorCount: 10,
  throttlingCount: 10,
} as const;

/** The metric namespace of storage account-level platform metrics. */
const ACCOUNT_NAMESPACE = 'Microsoft.Storage/storageAccounts';
/** Transactions ResponseType values counted as server errors. */
const SERVER_ERROR_TYPES = ['ServerOtherError', 'ServerTimeoutError'];
/** Transactions ResponseType values counted as throttling. */
const THROTTLING_TYPES = ['ServerBusyError', 'ClientThrottlingError', 'ClientAccountBandwidthThrottlingError', 'ClientAccountRequestThrottlingError'];
const GIB = 1024 * 1024 * 1024;

/**
 * Monitoring of the artifact store, replacing the classic hour/minute Storage Analytics
 * metrics (retired 2024-01-09; azurerm has no setting for them):
 *
 * - a Log Analytics workspace (or an existing one);
 * - diagnostic settings on the blob service (`<account>/blobServices/default`: StorageRead,
 *   StorageWrite, StorageDelete logs, Transaction and Capacity metrics) and on the account
 *   (Transaction and Capacity metrics), optionally on the key vault (AuditEvent), to the
 *   workspace and optionally a storage account and an Event Hub;
 * - an action group (e-mail and webhook receivers, common alert schema);
 * - metric alerts on availability, end-to-end latency, used capacity, server errors and throttling.
 */
export class ArtifactMonitoring extends Construct {
  /** The workspace, when this construct created it. */
  public readonly workspace?: LogAnalyticsWorkspace;
  /** Resource id of the workspace the diagnostics go to. */
  public readonly workspaceId: string;
  /** Resource id of the blob service (`<account id>/blobServices/default`). */
  public readonly blobServiceId: string;
  /** Diagnostic setting of the blob service (logs and metrics). */
  public readonly blobDiagnosticSetting: MonitorDiagnosticSetting;
  /** Diagnostic setting of the account (metrics). */
  public readonly accountDiagnosticSetting: MonitorDiagnosticSetting;
  /** Diagnostic setting of the key vault, when a key vault id is given. */
  public readonly keyVaultDiagnosticSetting?: MonitorDiagnosticSetting;
  /** The action group, when this construct created it. */
  public readonly actionGroup?: MonitorActionGroup;
  /** Every action group the alerts notify. */
  public readonly actionGroupIds: string[];
  /** The metric alerts, by {@link ArtifactAlert} value. */
  public readonly alerts: { [alert: string]: MonitorMetricAlert };

  constructor(scope: Construct, id: string, props: ArtifactMonitoringProps) {
    super(scope, id);
    validateArtifactMonitoringProps(this, props);
    checkNamesAtSynth(this);
    const tags = props.tags ?? {};
    this.addWarnings(props);

    if (props.existingLogAnalyticsWorkspaceId !== undefined) {
      this.workspaceId = props.existingLogAnalyticsWorkspaceId;
    } else {
      this.workspace = new azurermModules.logAnalyticsWorkspace.LogAnalyticsWorkspace(this, 'Workspace', {
        name: props.logAnalyticsWorkspaceName ?? `${props.name}-logs`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        sku: 'PerGB2018',
        retentionInDays: props.logRetentionDays ?? MONITORING_DEFAULTS.logRetentionDays,
        localAuthenticationEnabled: props.allowWorkspaceLocalAuthentication ?? false,
        dailyQuotaGb: props.workspaceDailyQuotaGb,
        tags,
      });
      this.workspaceId = this.workspace.id;
    }

    const destinations = {
      logAnalyticsWorkspaceId: this.workspaceId,
      storageAccountId: props.archiveStorageAccountId,
      eventhubAuthorizationRuleId: props.eventHub?.authorizationRuleId,
      eventhubName: props.eventHub?.eventHubName,
    };
    const settingName = `${props.name}-diagnostics`;
    this.blobServiceId = `${props.storageAccountId}/blobServices/default`;
    this.blobDiagnosticSetting = new azurermModules.monitorDiagnosticSetting.MonitorDiagnosticSetting(this, 'BlobDiagnostics', {
      name: settingName,
      targetResourceId: this.blobServiceId,
      ...destinations,
      enabledLog: ['StorageRead', 'StorageWrite', 'StorageDelete'].map((category) => ({ category })),
      enabledMetric: ['Transaction', 'Capacity'].map((category) => ({ category })),
    });
    this.accountDiagnosticSetting = new azurermModules.monitorDiagnosticSetting.MonitorDiagnosticSetting(this, 'AccountDiagnostics', {
      name: settingName,
      targetResourceId: props.storageAccountId,
      ...destinations,
      enabledMetric: ['Transaction', 'Capacity'].map((category) => ({ category })),
    });
    if (props.keyVaultId !== undefined) {
      const categories = ['AuditEvent', ...(props.keyVaultPolicyEvaluationLogs ? ['AzurePolicyEvaluationDetails'] : [])];
      this.keyVaultDiagnosticSetting = new azurermModules.monitorDiagnosticSetting.MonitorDiagnosticSetting(this, 'KeyVaultDiagnostics', {
        name: settingName,
        targetResourceId: props.keyVaultId,
        ...destinations,
        enabledLog: categories.map((category) => ({ category })),
        enabledMetric: [{ category: 'AllMetrics' }],
      });
    }

    if (props.actionGroup) {
      const ag = props.actionGroup;
      this.actionGroup = new azurermModules.monitorActionGroup.MonitorActionGroup(this, 'ActionGroup', {
        name: ag.name,
        resourceGroupName: props.resourceGroupName,
        shortName: ag.shortName,
        location: 'global',
        enabled: true,
        emailReceiver: (ag.emailReceivers ?? []).map((r) => ({ name: r.name, emailAddress: r.emailAddress, useCommonAlertSchema: true })),
        webhookReceiver: (ag.webhookReceivers ?? []).map((r) => ({ name: r.name, serviceUri: r.serviceUri, useCommonAlertSchema: true })),
        tags,
      });
    }
    this.actionGroupIds = [...(this.actionGroup ? [this.actionGroup.id] : []), ...(props.existingActionGroupIds ?? [])];

    this.alerts = {};
    const disabled = new Set(props.disabledAlerts ?? []);
    for (const spec of alertSpecs(props.thresholds ?? {})) {
      if (disabled.has(spec.alert)) continue;
      this.alerts[spec.alert] = new azurermModules.monitorMetricAlert.MonitorMetricAlert(this, spec.id, {
        name: `${props.name}-${spec.alert}`,
        resourceGroupName: props.resourceGroupName,
        scopes: [props.storageAccountId],
        description: spec.description,
        severity: spec.severity,
        frequency: spec.frequency,
        windowSize: spec.windowSize,
        enabled: true,
        autoMitigate: true,
        criteria: [spec.criteria],
        action: this.actionGroupIds.map((actionGroupId) => ({ actionGroupId })),
        tags,
      });
    }
  }

  private addWarnings(props: ArtifactMonitoringProps): void {
    if (props.actionGroup === undefined && (props.existingActionGroupIds ?? []).length === 0) {
      constructWarning(this, MlflowWarningId.ALERTS_NOTIFY_NOBODY, 'No actionGroup and no existingActionGroupIds: the alerts fire without notifying anyone.');
    }
    (props.actionGroup?.webhookReceivers ?? []).forEach((r, i) => {
      if (isLiteral(r.serviceUri)) {
        constructWarning(this, MlflowWarningId.LITERAL_WEBHOOK_URL,
          `actionGroup.webhookReceivers[${i}].serviceUri is a literal: webhook URLs usually carry a secret, which then sits in the synthesized JSON. Pass it as a sensitive TerraformVariable.`,
        );
      }
    });
  }
}

interface AlertSpec {
  readonly alert: ArtifactAlert;
  readonly id: string;
  readonly description: string;
  readonly severity: number;
  readonly frequency: string;
  readonly windowSize: string;
  readonly criteria: MonitorMetricAlertCriteria;
}

function alertSpecs(t: ArtifactAlertThresholdsProps): AlertSpec[] {
  const d = MONITORING_DEFAULTS;
  const availability = t.availabilityPercent ?? d.availabilityPercent;
  const latency = t.successE2ELatencyMs ?? d.successE2ELatencyMs;
  const capacityGiB = t.usedCapacityGiB ?? d.usedCapacityGiB;
  const serverErrors = t.serverErrorCount ?? d.serverErrorCount;
  const throttling = t.throttlingCount ?? d.throttlingCount;
  const criteria = (
    metricName: string,
    aggregation: string,
    operator: string,
    threshold: number,
    responseTypes?: string[],
  ): MonitorMetricAlertCriteria => ({
    metricNamespace: ACCOUNT_NAMESPACE,
    metricName,
    aggregation,
    operator,
    threshold,
    dimension: responseTypes ? [{ name: 'ResponseType', operator: 'Include', values: responseTypes }] : undefined,
  });
  return [
    {
      alert: ArtifactAlert.AVAILABILITY,
      id: 'AvailabilityAlert',
      description: `MLflow artifact store availability below ${availability} % (average over 15 minutes)`,
      severity: 1,
      frequency: 'PT5M',
      windowSize: 'PT15M',
      criteria: criteria('Availability', 'Average', 'LessThan', availability),
    },
    {
      alert: ArtifactAlert.LATENCY,
      id: 'LatencyAlert',
      description: `MLflow artifact store end-to-end latency of successful requests above ${latency} ms (average over 15 minutes)`,
      severity: 2,
      frequency: 'PT5M',
      windowSize: 'PT15M',
      criteria: criteria('SuccessE2ELatency', 'Average', 'GreaterThan', latency),
    },
    {
      alert: ArtifactAlert.CAPACITY,
      id: 'CapacityAlert',
      description: `MLflow artifact store used capacity above ${capacityGiB} GiB (average over 1 day)`,
      severity: 3,
      frequency: 'PT1H',
      windowSize: 'P1D',
      criteria: criteria('UsedCapacity', 'Average', 'GreaterThan', capacityGiB * GIB),
    },
    {
      alert: ArtifactAlert.SERVER_ERRORS,
      id: 'ServerErrorsAlert',
      description: `MLflow artifact store: more than ${serverErrors} server errors (ServerOtherError or ServerTimeoutError, each type counted on its own) in 15 minutes`,
      severity: 1,
      frequency: 'PT5M',
      windowSize: 'PT15M',
      criteria: criteria('Transactions', 'Total', 'GreaterThan', serverErrors, SERVER_ERROR_TYPES),
    },
    {
      alert: ArtifactAlert.THROTTLING,
      id: 'ThrottlingAlert',
      description: `MLflow artifact store: more than ${throttling} throttled requests (per throttling response type) in 15 minutes`,
      severity: 2,
      frequency: 'PT5M',
      windowSize: 'PT15M',
      criteria: criteria('Transactions', 'Total', 'GreaterThan', throttling, THROTTLING_TYPES),
    },
  ];
}

function validateArtifactMonitoringProps(scope: Construct, props: ArtifactMonitoringProps): void {
  const p = new Problems(`ArtifactMonitoring at ${scope.node.path}`, scope);
  p.matches('name', props.name, /^[A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9]$/, 'must be 3 to 50 letters, digits and hyphens, starting and ending with a letter or digit');
  p.matches('storageAccountId', props.storageAccountId, /\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/i, 'must be a storage account resource id (…/providers/Microsoft.Storage/storageAccounts/<name>)');

  if (props.existingLogAnalyticsWorkspaceId !== undefined) {
    p.matches('existingLogAnalyticsWorkspaceId', props.existingLogAnalyticsWorkspaceId, /\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i, 'must be a Log Analytics workspace resource id (…/providers/Microsoft.OperationalInsights/workspaces/<name>)');
    p.notApplicable([
      ['logAnalyticsWorkspaceName', props.logAnalyticsWorkspaceName],
      ['logRetentionDays', props.logRetentionDays],
      ['allowWorkspaceLocalAuthentication', props.allowWorkspaceLocalAuthentication],
      ['workspaceDailyQuotaGb', props.workspaceDailyQuotaGb],
    ], 'applies to a new workspace only (existingLogAnalyticsWorkspaceId is given)');
  }
  p.matches('logAnalyticsWorkspaceName', props.logAnalyticsWorkspaceName, /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/, 'must be 4 to 63 letters, digits and hyphens, not starting or ending with a hyphen');
  p.inRange('logRetentionDays', props.logRetentionDays, 30, 730);
  if (isLiteral(props.workspaceDailyQuotaGb)) {
    p.require(props.workspaceDailyQuotaGb > 0, 'workspaceDailyQuotaGb', props.workspaceDailyQuotaGb, 'must be more than 0');
  }

  if (props.archiveStorageAccountId !== undefined) {
    p.matches('archiveStorageAccountId', props.archiveStorageAccountId, /\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/i, 'must be a storage account resource id');
    p.require(props.archiveStorageAccountId !== props.storageAccountId, 'archiveStorageAccountId', props.archiveStorageAccountId, 'must not be the monitored artifact account (its own log writes would be logged again)');
  }
  if (props.eventHub) {
    p.matches('eventHub.authorizationRuleId', props.eventHub.authorizationRuleId, /\/providers\/Microsoft\.EventHub\/namespaces\/[^/]+\/authorizationRules\/[^/]+$/i, 'must be an Event Hub namespace authorization rule id (…/namespaces/<ns>/authorizationRules/<rule>)');
  }
  p.matches('keyVaultId', props.keyVaultId, /\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/i, 'must be a key vault resource id (…/providers/Microsoft.KeyVault/vaults/<name>)');
  if (props.keyVaultPolicyEvaluationLogs && props.keyVaultId === undefined) {
    p.add('keyVaultPolicyEvaluationLogs', true, 'needs keyVaultId');
  }

  if (props.existingActionGroupIds !== undefined && !isLiteral(props.existingActionGroupIds)) {
    p.add('existingActionGroupIds', props.existingActionGroupIds, 'must be a literal list (its items may be references): every alert gets one action per group');
  }
  checkTags(p, 'tags', props.tags);
  checkResourceGroupName(p, 'resourceGroupName', props.resourceGroupName);
  checkLocation(p, 'location', props.location);

  const ag = props.actionGroup;
  if (ag) {
    p.require(isLiteral(ag.name) ? ag.name.trim().length > 0 && ag.name.length <= 260 : true, 'actionGroup.name', ag.name, 'must be 1 to 260 characters');
    if (isLiteral(ag.shortName)) {
      p.require(ag.shortName.length >= 1 && ag.shortName.length <= 12, 'actionGroup.shortName', ag.shortName, 'must be 1 to 12 characters (Azure Monitor limit)');
    }
    const emails = ag.emailReceivers ?? [];
    const hooks = ag.webhookReceivers ?? [];
    p.require(emails.length + hooks.length > 0, 'actionGroup', { emailReceivers: emails.length, webhookReceivers: hooks.length }, 'must have at least one e-mail or webhook receiver (an action group without receivers notifies no one)');
    emails.forEach((r, i) => {
      p.matches(`actionGroup.emailReceivers[${i}].emailAddress`, r.emailAddress, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address (local@domain.tld)');
    });
    hooks.forEach((r, i) => {
      // a webhook URL usually carries its token: never shown
      if (isLiteral(r.serviceUri) && !/^https:\/\/[^\s/]+/.test(r.serviceUri)) {
        p.add(`actionGroup.webhookReceivers[${i}].serviceUri`, '<literal, not shown>', 'must be an https:// URL');
      }
    });
    const names = [...emails, ...hooks].map((r) => r.name);
    const seen = new Set<string>();
    names.forEach((n) => {
      if (!isLiteral(n)) return;
      if (n.trim() === '') p.add('actionGroup receiver name', n, 'must not be empty');
      const key = n.toLowerCase();
      if (seen.has(key)) p.add('actionGroup receiver name', n, 'must be unique (case-insensitive) across the action group\'s receivers');
      seen.add(key);
    });
  }

  const t = props.thresholds ?? {};
  if (isLiteral(t.availabilityPercent)) {
    p.require(Number.isFinite(t.availabilityPercent) && t.availabilityPercent > 0 && t.availabilityPercent <= 100, 'thresholds.availabilityPercent', t.availabilityPercent, 'must be a percentage: more than 0, at most 100');
  }
  const positive = (prop: string, v: number | undefined) => {
    if (isLiteral(v)) p.require(Number.isFinite(v) && v > 0, prop, v, 'must be more than 0');
  };
  positive('thresholds.successE2ELatencyMs', t.successE2ELatencyMs);
  positive('thresholds.usedCapacityGiB', t.usedCapacityGiB);
  p.inRange('thresholds.serverErrorCount', t.serverErrorCount, 0, 1_000_000_000);
  p.inRange('thresholds.throttlingCount', t.throttlingCount, 0, 1_000_000_000);
  (props.disabledAlerts ?? []).forEach((a, i) => p.oneOf<string>(`disabledAlerts[${i}]`, a, Object.values(ArtifactAlert)));
  p.throwIfAny();
}
