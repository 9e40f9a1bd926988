import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { ArtifactAlert, ArtifactMonitoring, ArtifactMonitoringProps } from '../../lib/monitoring';
import { ArtifactStore } from '../../lib/storage';
import { errorOf, onlyResource, ref, resourcesOf, synthJson, testStack, warningsOf } from '../util';

const ACCOUNT_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmlflowtest01';
const ARCHIVE_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stlogsarchive01';
const VAULT_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-mlflow';
const WORKSPACE_ID = '/subscriptions/s/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/law-central';
const RULE_ID = '/subscriptions/s/resourceGroups/ops/providers/Microsoft.EventHub/namespaces/ehns/authorizationRules/send';

const base: ArtifactMonitoringProps = {
  resourceGroupName: 'rg',
  location: 'westeurope',
  storageAccountId: ACCOUNT_ID,
  name: 'mlflow-prod',
  actionGroup: {
    name: 'mlflow-prod-oncall',
    shortName: 'mlflowops',
    emailReceivers: [{ name: 'oncall', emailAddress: 'oncall@example.com' }],
  },
};

function synth(props: Partial<ArtifactMonitoringProps> = {}): { stack: TerraformStack; mon: ArtifactMonitoring; json: any; out: string } {
  const stack = testStack();
  const mon = new ArtifactMonitoring(stack, 'Monitoring', { ...base, ...props });
  const out = Testing.synth(stack);
  return { stack, mon, json: JSON.parse(out), out };
}

function settingFor(json: any, target: string): any {
  const found = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').filter(([, r]) => r.target_resource_id === target);
  if (found.length !== 1) throw new Error(`expected one diagnostic setting on ${target}, found ${found.length}`);
  return found[0][1];
}

function alertNamed(json: any, name: string): any {
  const found = resourcesOf(json, 'azurerm_monitor_metric_alert').filter(([, r]) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one alert ${name}, found ${found.length}`);
  return found[0][1];
}

describe('ArtifactMonitoring defaults', () => {
  const { stack, mon, json, out } = synth();
  const workspaceId = ref(stack, mon.workspace!.id);

  test('a PerGB2018 workspace, 90 days, Entra-only', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_log_analytics_workspace' }, {
      name: 'mlflow-prod-logs',
      sku: 'PerGB2018',
      retention_in_days: 90,
      local_authentication_enabled: false,
    });
    expect(onlyResource(json, 'azurerm_log_analytics_workspace').local_authentication_disabled).toBeUndefined();
  });

  test('blob service diagnostics: target ends with /blobServices/default, read/write/delete logs, metrics', () => {
    const blob = settingFor(json, `${ACCOUNT_ID}/blobServices/default`);
    expect(blob.target_resource_id).toMatch(/\/blobServices\/default$/);
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_monitor_diagnostic_setting' }, {
      name: 'mlflow-prod-diagnostics',
      target_resource_id: `${ACCOUNT_ID}/blobServices/default`,
      log_analytics_workspace_id: workspaceId,
      enabled_log: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
      enabled_metric: [{ category: 'Transaction' }, { category: 'Capacity' }],
    });
    expect(blob.metric).toBeUndefined();
    expect(blob.storage_account_id).toBeUndefined();
    expect(blob.eventhub_authorization_rule_id).toBeUndefined();
    expect(mon.blobServiceId).toBe(`${ACCOUNT_ID}/blobServices/default`);
  });

  test('account diagnostics: metrics only', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_monitor_diagnostic_setting' }, {
      target_resource_id: ACCOUNT_ID,
      log_analytics_workspace_id: workspaceId,
      enabled_metric: [{ category: 'Transaction' }, { category: 'Capacity' }],
    });
    expect(settingFor(json, ACCOUNT_ID).enabled_log).toBeUndefined();
  });

  test('the action group: e-mail with the common alert schema, short name', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_monitor_action_group' }, {
      name: 'mlflow-prod-oncall',
      short_name: 'mlflowops',
      location: 'global',
      enabled: true,
      email_receiver: [{ name: 'oncall', email_address: 'oncall@example.com', use_common_alert_schema: true }],
    });
  });

  test('availability alert: below 99.9 %, severity 1, account scope and namespace', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_monitor_metric_alert' }, {
      name: 'mlflow-prod-availability',
      scopes: [ACCOUNT_ID],
      severity: 1,
      frequency: 'PT5M',
      window_size: 'PT15M',
      enabled: true,
      auto_mitigate: true,
      criteria: [{
        metric_namespace: 'Microsoft.Storage/storageAccounts',
        metric_name: 'Availability',
        aggregation: 'Average',
        operator: 'LessThan',
        threshold: 99.9,
      }],
      action: [{ action_group_id: ref(stack, mon.actionGroup!.id) }],
    });
  });

  test('latency alert: SuccessE2ELatency above 1000 ms', () => {
    expect(alertNamed(json, 'mlflow-prod-latency')).toMatchObject({
      severity: 2,
      criteria: [{ metric_name: 'SuccessE2ELatency', aggregation: 'Average', operator: 'GreaterThan', threshold: 1000 }],
    });
  });

  test('capacity alert: UsedCapacity above 1 TiB in bytes, hourly over a day', () => {
    expect(alertNamed(json, 'mlflow-prod-capacity')).toMatchObject({
      severity: 3,
      frequency: 'PT1H',
      window_size: 'P1D',
      criteria: [{ metric_namespace: 'Microsoft.Storage/storageAccounts', metric_name: 'UsedCapacity', operator: 'GreaterThan', threshold: 1024 ** 4 }],
    });
  });

  test('server error and throttling alerts filter Transactions by ResponseType', () => {
    expect(alertNamed(json, 'mlflow-prod-server-errors').criteria).toEqual([{
      metric_namespace: 'Microsoft.Storage/storageAccounts',
      metric_name: 'Transactions',
      aggregation: 'Total',
      operator: 'GreaterThan',
      threshold: 10,
      dimension: [{ name: 'ResponseType', operator: 'Include', values: ['ServerOtherError', 'ServerTimeoutError'] }],
    }]);
    expect(alertNamed(json, 'mlflow-prod-throttling').criteria[0].dimension).toEqual([{
      name: 'ResponseType',
      operator: 'Include',
      values: ['ServerBusyError', 'ClientThrottlingError', 'ClientAccountBandwidthThrottlingError', 'ClientAccountRequestThrottlingError'],
    }]);
  });

  test('five alerts, no key vault setting, no warnings', () => {
    expect(Object.keys(mon.alerts).sort()).toEqual(['availability', 'capacity', 'latency', 'server-errors', 'throttling']);
    expect(resourcesOf(json, 'azurerm_monitor_diagnostic_setting')).toHaveLength(2);
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('ArtifactMonitoring options', () => {
  test('with an ArtifactStore: the blob target is the account id plus /blobServices/default', () => {
    const stack = testStack();
    const store = new ArtifactStore(stack, 'Store', { resourceGroupName: 'rg', location: 'westeurope', accountName: 'stmlflowtest01' });
    new ArtifactMonitoring(stack, 'Monitoring', { ...base, storageAccountId: store.accountId });
    const json = synthJson(stack);
    const targets = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map(([, r]) => r.target_resource_id).sort();
    expect(targets).toEqual([ref(stack, store.account.id), `${ref(stack, store.account.id)}/blobServices/default`]);
    expect(targets[1]).toMatch(/^\$\{azurerm_storage_account\.[^.]+\.id\}\/blobServices\/default$/);
  });

  test('existing workspace, archive account, Event Hub, key vault with policy logs', () => {
    const { json, out } = synth({
      existingLogAnalyticsWorkspaceId: WORKSPACE_ID,
      archiveStorageAccountId: ARCHIVE_ID,
      eventHub: { authorizationRuleId: RULE_ID, eventHubName: 'diagnostics' },
      keyVaultId: VAULT_ID,
      keyVaultPolicyEvaluationLogs: true,
    });
    expect(resourcesOf(json, 'azurerm_log_analytics_workspace')).toHaveLength(0);
    const destinations = {
      log_analytics_workspace_id: WORKSPACE_ID,
      storage_account_id: ARCHIVE_ID,
      eventhub_authorization_rule_id: RULE_ID,
      eventhub_name: 'diagnostics',
    };
    for (const target of [`${ACCOUNT_ID}/blobServices/default`, ACCOUNT_ID, VAULT_ID]) {
      expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_monitor_diagnostic_setting' }, { target_resource_id: target, ...destinations });
    }
    expect(settingFor(json, VAULT_ID)).toMatchObject({
      enabled_log: [{ category: 'AuditEvent' }, { category: 'AzurePolicyEvaluationDetails' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
  });

  test('key vault audit logs only by default', () => {
    const { json } = synth({ keyVaultId: VAULT_ID });
    expect(settingFor(json, VAULT_ID).enabled_log).toEqual([{ category: 'AuditEvent' }]);
  });

  test('workspace settings', () => {
    const { out } = synth({ logAnalyticsWorkspaceName: 'law-mlflow', logRetentionDays: 365, allowWorkspaceLocalAuthentication: true, workspaceDailyQuotaGb: 5 });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_log_analytics_workspace' }, {
      name: 'law-mlflow',
      retention_in_days: 365,
      local_authentication_enabled: true,
      daily_quota_gb: 5,
    });
  });

  test('thresholds, disabled alerts and existing action groups', () => {
    const { json, mon } = synth({
      actionGroup: undefined,
      existingActionGroupIds: ['/subscriptions/s/resourceGroups/ops/providers/microsoft.insights/actionGroups/central'],
      thresholds: { availabilityPercent: 99, successE2ELatencyMs: 5000, usedCapacityGiB: 10, serverErrorCount: 0, throttlingCount: 50 },
      disabledAlerts: [ArtifactAlert.THROTTLING],
    });
    expect(Object.keys(mon.alerts).sort()).toEqual(['availability', 'capacity', 'latency', 'server-errors']);
    expect(resourcesOf(json, 'azurerm_monitor_action_group')).toHaveLength(0);
    expect(alertNamed(json, 'mlflow-prod-availability').criteria[0].threshold).toBe(99);
    expect(alertNamed(json, 'mlflow-prod-latency').criteria[0].threshold).toBe(5000);
    expect(alertNamed(json, 'mlflow-prod-capacity').criteria[0].threshold).toBe(10 * 1024 ** 3);
    expect(alertNamed(json, 'mlflow-prod-server-errors').criteria[0].threshold).toBe(0);
    expect(alertNamed(json, 'mlflow-prod-availability').action).toEqual([
      { action_group_id: '/subscriptions/s/resourceGroups/ops/providers/microsoft.insights/actionGroups/central' },
    ]);
  });

  test('webhook receivers: common alert schema; a literal URL warns, a sensitive variable does not', () => {
    const stack = testStack();
    const hook = new TerraformVariable(stack, 'hook', { type: 'string', sensitive: true });
    new ArtifactMonitoring(stack, 'Monitoring', {
      ...base,
      actionGroup: { name: 'ag', shortName: 'ag', webhookReceivers: [{ name: 'teams', serviceUri: hook.stringValue }] },
    });
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_monitor_action_group').webhook_receiver).toEqual([
      { name: 'teams', service_uri: '${var.hook}', use_common_alert_schema: true },
    ]);
    expect(warningsOf(stack)).toEqual([]);

    const { stack: literal } = synth({ actionGroup: { name: 'ag', shortName: 'ag', webhookReceivers: [{ name: 'x', serviceUri: 'https://hooks.example.com/abc' }] } });
    expect(warningsOf(literal).join('\n')).toMatch(/webhookReceivers\[0\].serviceUri is a literal/);
  });

  test('no action group at all warns', () => {
    const { stack, json } = synth({ actionGroup: undefined });
    expect(warningsOf(stack).join('\n')).toMatch(/alerts fire without notifying anyone/);
    expect(alertNamed(json, 'mlflow-prod-availability').action).toEqual([]);
  });
});

describe('ArtifactMonitoring validation', () => {
  const make = (props: Partial<ArtifactMonitoringProps>) => () => new ArtifactMonitoring(testStack(), 'Monitoring', { ...base, ...props });

  test('availability out of 0..100', () => {
    expect(errorOf(make({ thresholds: { availabilityPercent: 101 } }))).toMatch(/thresholds.availabilityPercent = 101: must be a percentage: more than 0, at most 100/);
    expect(errorOf(make({ thresholds: { availabilityPercent: 0 } }))).toMatch(/thresholds.availabilityPercent = 0: must be a percentage/);
  });

  test('latency and capacity must be positive; counts whole numbers', () => {
    const msg = errorOf(make({ thresholds: { successE2ELatencyMs: 0, usedCapacityGiB: -1, serverErrorCount: 1.5, throttlingCount: -2 } }));
    expect(msg).toMatch(/thresholds.successE2ELatencyMs = 0: must be more than 0/);
    expect(msg).toMatch(/thresholds.usedCapacityGiB = -1: must be more than 0/);
    expect(msg).toMatch(/thresholds.serverErrorCount = 1.5: must be a whole number from 0/);
    expect(msg).toMatch(/thresholds.throttlingCount = -2: must be a whole number from 0/);
    expect(msg).toMatch(/^ArtifactMonitoring at test\/Monitoring: 4 invalid props:/);
  });

  test('a receiver-less action group', () => {
    expect(errorOf(make({ actionGroup: { name: 'ag', shortName: 'ag' } })))
      .toMatch(/actionGroup = \{"emailReceivers":0,"webhookReceivers":0\}: must have at least one e-mail or webhook receiver/);
  });

  test('a bad e-mail', () => {
    expect(errorOf(make({ actionGroup: { name: 'ag', shortName: 'ag', emailReceivers: [{ name: 'a', emailAddress: 'oncall.example.com' }] } })))
      .toMatch(/actionGroup.emailReceivers\[0\].emailAddress = "oncall.example.com": must be an e-mail address/);
  });

  test('a short name over 12 characters', () => {
    expect(errorOf(make({ actionGroup: { ...base.actionGroup!, shortName: 'mlflow-artifacts' } })))
      .toMatch(/actionGroup.shortName = "mlflow-artifacts": must be 1 to 12 characters/);
  });

  test('existing action groups from a list variable: a problem, not a crash at synth; resource group and region rules', () => {
    const stack = testStack();
    const ids = new TerraformVariable(stack, 'action_groups', { type: 'list(string)' }).listValue;
    expect(errorOf(() => new ArtifactMonitoring(stack, 'Monitoring', { ...base, existingActionGroupIds: ids })))
      .toMatch(/existingActionGroupIds = <token>: must be a literal list \(its items may be references\)/);
    const msg = errorOf(make({ resourceGroupName: 'rg.', location: 'west-europe' }));
    expect(msg).toMatch(/resourceGroupName = "rg.": must be 1 to 90/);
    expect(msg).toMatch(/location = "west-europe": must be an Azure region/);
  });

  test('a plain-http webhook and duplicate receiver names', () => {
    const msg = errorOf(make({
      actionGroup: {
        name: 'ag',
        shortName: 'ag',
        emailReceivers: [{ name: 'Ops', emailAddress: 'ops@example.com' }],
        webhookReceivers: [{ name: 'ops', serviceUri: 'http://hooks.example.com/x' }],
      },
    }));
    expect(msg).toMatch(/actionGroup.webhookReceivers\[0\].serviceUri = "<literal, not shown>": must be an https:\/\/ URL/);
    expect(msg).not.toContain('hooks.example.com'); // a webhook URL carries its token
    expect(msg).toMatch(/actionGroup receiver name = "ops": must be unique/);
  });

  test('workspace: retention out of 30..730, name, new-workspace props with an existing one', () => {
    expect(errorOf(make({ logRetentionDays: 7 }))).toMatch(/logRetentionDays = 7: must be a whole number from 30 to 730/);
    expect(errorOf(make({ logAnalyticsWorkspaceName: '-law' }))).toMatch(/logAnalyticsWorkspaceName = "-law": must be 4 to 63/);
    expect(errorOf(make({ existingLogAnalyticsWorkspaceId: WORKSPACE_ID, logRetentionDays: 30 })))
      .toMatch(/logRetentionDays = 30: applies to a new workspace only/);
    expect(errorOf(make({ existingLogAnalyticsWorkspaceId: '/subscriptions/s/law' }))).toMatch(/existingLogAnalyticsWorkspaceId = .*: must be a Log Analytics workspace resource id/);
  });

  test('destinations and targets', () => {
    const msg = errorOf(make({
      archiveStorageAccountId: ACCOUNT_ID,
      eventHub: { authorizationRuleId: '/subscriptions/s/eventhub' },
      keyVaultId: '/subscriptions/s/vault',
    }));
    expect(msg).toMatch(/archiveStorageAccountId = .*: must not be the monitored artifact account/);
    expect(msg).toMatch(/eventHub.authorizationRuleId = .*: must be an Event Hub namespace authorization rule id/);
    expect(msg).toMatch(/keyVaultId = .*: must be a key vault resource id/);
    expect(errorOf(make({ keyVaultPolicyEvaluationLogs: true }))).toMatch(/keyVaultPolicyEvaluationLogs = true: needs keyVaultId/);
    expect(errorOf(make({ storageAccountId: '/subscriptions/s' }))).toMatch(/storageAccountId = "\/subscriptions\/s": must be a storage account resource id/);
  });

  test('base name and disabled alerts', () => {
    expect(errorOf(make({ name: 'a' }))).toMatch(/name = "a": must be 3 to 50 letters/);
    expect(errorOf(make({ disabledAlerts: ['cpu' as ArtifactAlert] }))).toMatch(/disabledAlerts\[0\] = "cpu": must be one of/);
  });
});
