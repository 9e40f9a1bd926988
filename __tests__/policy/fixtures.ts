import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultKey } from '@cdktf/provider-azurerm/lib/key-vault-key';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { StorageAccount, StorageAccountConfig } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CheckFinding, MlflowChecks, MlflowChecksProps } from '../../lib/policy';
import { testApp } from '../util';

/** A storage account that passes every check, with its container, diagnostic setting and lock. */
export interface CompliantStore {
  readonly rg: ResourceGroup;
  readonly account: StorageAccount;
  readonly container: StorageContainer;
}

/** Which protective resources {@link compliantStore} adds. */
export interface StoreParts {
  readonly diagnostics?: boolean;
  readonly lock?: boolean;
}

export function compliantStore(
  scope: Construct,
  id = 'Store',
  overrides: Partial<StorageAccountConfig> = {},
  parts: StoreParts = {},
): CompliantStore {
  const store = new Construct(scope, id);
  const rg = new ResourceGroup(store, 'Rg', { name: `rg-${id.toLowerCase()}`, location: 'westeurope' });
  const account = new StorageAccount(store, 'Account', {
    name: `st${id.toLowerCase()}001`,
    resourceGroupName: rg.name,
    location: rg.location,
    accountTier: 'Standard',
    accountReplicationType: 'ZRS',
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    lifecycle: { preventDestroy: true },
    ...overrides,
  });
  const container = new StorageContainer(store, 'Container', {
    name: 'mlflow',
    storageAccountId: account.id,
    containerAccessType: 'private',
  });
  if (parts.diagnostics !== false) {
    new MonitorDiagnosticSetting(store, 'BlobDiagnostics', {
      name: 'blob',
      targetResourceId: `${account.id}/blobServices/default`,
      logAnalyticsWorkspaceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/logs',
      enabledLog: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
      enabledMetric: [{ category: 'Transaction' }],
    });
  }
  if (parts.lock !== false) {
    new ManagementLock(store, 'Lock', { name: 'cannot-delete', scope: account.id, lockLevel: 'CanNotDelete' });
  }
  return { rg, account, container };
}

/** A key vault with purge protection on or off, and an RSA key in it. */
export function vaultWithKey(scope: Construct, purgeProtection: boolean | undefined): { vault: KeyVault; key: KeyVaultKey } {
  const vault = new KeyVault(scope, 'Vault', {
    name: 'kv-mlflow-test',
    location: 'westeurope',
    resourceGroupName: 'rg',
    skuName: 'standard',
    tenantId: '00000000-0000-0000-0000-000000000000',
    ...(purgeProtection === undefined ? {} : { purgeProtectionEnabled: purgeProtection }),
  });
  const key = new KeyVaultKey(scope, 'Key', {
    name: 'cmk',
    keyVaultId: vault.id,
    keyType: 'RSA',
    keySize: 3072,
    keyOpts: ['wrapKey', 'unwrapKey'],
  });
  return { vault, key };
}

export function cluster(scope: Construct): KubernetesCluster {
  return new KubernetesCluster(scope, 'Aks', {
    name: 'aks',
    location: 'westeurope',
    resourceGroupName: 'rg',
    dnsPrefix: 'aks',
    defaultNodePool: { name: 'system', vmSize: 'Standard_D4s_v5', nodeCount: 1 },
    identity: { type: 'SystemAssigned' },
  });
}

/** Build a stack, add the checks to it, synthesize (aspects run) and return the findings. */
export function check(
  build: (stack: TerraformStack) => void,
  props: MlflowChecksProps = {},
): { stack: TerraformStack; checks: MlflowChecks; findings: CheckFinding[] } {
  const app = testApp();
  const stack = new TerraformStack(app, 'test');
  build(stack);
  const checks = new MlflowChecks(props);
  Aspects.of(stack).add(checks);
  Testing.synth(stack);
  return { stack, checks, findings: checks.findings };
}

/** The rule ids of findings, sorted and de-duplicated. */
export function ruleIds(findings: CheckFinding[], includeSuppressed = false): string[] {
  return [...new Set(findings.filter((f) => includeSuppressed || !f.suppressed).map((f) => f.ruleId))].sort();
}

/** The findings of one rule. */
export function of(findings: CheckFinding[], ruleId: string): CheckFinding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** Every annotation of a type in a stack's tree, as `[path] message`. */
export function annotationsOf(stack: TerraformStack, type: 'error' | 'warn' | 'info'): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === `@cdktf/${type}`).map((m) => `[${c.node.path}] ${String(m.data)}`));
}
