import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccountCustomerManagedKeyA as StorageAccountCustomerManagedKey } from '@cdktf/provider-azurerm/lib/storage-account-customer-managed-key';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Release } from '@cdktf/provider-helm/lib/release';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Aspects, Fn, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { annotationsOf, check, cluster, compliantStore, of, ruleIds, vaultWithKey } from './fixtures';
import { SECRET_ENV_VARS } from '../../lib/mlflow/values';
import { CheckSeverity, MlflowCheckId, MlflowChecks } from '../../lib/policy';
import { KEY_VARIABLES, SECRET_KEY_NAMES } from '../../lib/policy/rules';
import { errorOf, testApp } from '../util';

/** A workload identity, federated to the mlflow service account: puts the stack in identity mode. */
function workloadIdentity(scope: Construct): UserAssignedIdentity {
  const identity = new UserAssignedIdentity(scope, 'Identity', { name: 'id-mlflow', location: 'westeurope', resourceGroupName: 'rg' });
  new FederatedIdentityCredential(scope, 'Federation', {
    name: 'mlflow',
    parentId: identity.id,
    resourceGroupName: 'rg',
    audience: ['api://AzureADTokenExchange'],
    issuer: 'https://oidc.example/issuer',
    subject: 'system:serviceaccount:mlflow:mlflow',
  });
  return identity;
}

function release(scope: Construct, values: string[], extra: Partial<ConstructorParameters<typeof Release>[2]> = {}): Release {
  return new Release(scope, 'Mlflow', { name: 'mlflow', chart: 'mlflow', namespace: 'mlflow', values, ...extra });
}

describe('compliant configurations produce no finding', () => {
  test('a hardened storage account with container, diagnostics and lock', () => {
    const { findings } = check((stack) => compliantStore(stack));
    expect(findings).toEqual([]);
  });

  test('workload identity, container-scoped grant, write-only secret, CMK with purge protection, clean helm values', () => {
    const { findings } = check((stack) => {
      const { account, container } = compliantStore(stack);
      const identity = workloadIdentity(stack);
      new RoleAssignment(stack, 'Grant', {
        principalId: identity.principalId,
        scope: container.id,
        roleDefinitionName: 'Storage Blob Data Contributor',
      });
      const { key } = vaultWithKey(stack, true);
      new StorageAccountCustomerManagedKey(stack, 'Cmk', { storageAccountId: account.id, keyVaultId: key.keyVaultId, keyName: key.name });
      const password = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
      new SecretV1(stack, 'DbSecret', {
        metadata: { name: 'mlflow-db', namespace: 'mlflow' },
        dataWo: { password: password.stringValue },
        dataWoRevision: 1,
      });
      release(stack, [
        JSON.stringify({
          serviceAccount: { create: true, name: 'mlflow', annotations: { 'azure.workload.identity/client-id': identity.clientId } },
          extraPodLabels: { 'azure.workload.identity/use': 'true' },
          artifactRoot: { azureBlob: { enabled: true, container: 'mlflow', storageAccount: account.name, path: 'artifacts' } },
          backendStore: { existingDatabaseSecret: { name: 'mlflow-db', usernameKey: 'username', passwordKey: 'password' } },
        }),
      ]);
    });
    expect(findings).toEqual([]);
  });
});

describe('MLF-E001 public nested items', () => {
  test('missing allow_nested_items_to_be_public is an error (azurerm 4.55 defaults it to true)', () => {
    const { findings } = check((stack) => compliantStore(stack, 'Store', { allowNestedItemsToBePublic: undefined }));
    expect(ruleIds(findings)).toEqual([MlflowCheckId.PUBLIC_NESTED_ITEMS]);
    const [f] = findings;
    expect(f).toMatchObject({ severity: CheckSeverity.ERROR, path: 'test/Store/Account', suppressed: false });
    expect(f.address).toMatch(/^azurerm_storage_account\.Store_Account_/);
    expect(f.message).toMatch(/allow_nested_items_to_be_public is not set/);
  });

  test('true is an error', () => {
    const { findings } = check((stack) => compliantStore(stack, 'Store', { allowNestedItemsToBePublic: true }));
    expect(of(findings, 'MLF-E001')[0].message).toMatch(/allow_nested_items_to_be_public = true/);
  });

  test('an escape-hatch override is seen (the synthesized form is checked)', () => {
    const { findings } = check((stack) => compliantStore(stack).account.addOverride('allow_nested_items_to_be_public', true));
    expect(ruleIds(findings)).toEqual(['MLF-E001']);
  });
});

describe('MLF-E002 container access', () => {
  test.each(['blob', 'container'])('container_access_type %s is an error', (access) => {
    const { findings } = check((stack) => compliantStore(stack).container.addOverride('container_access_type', access));
    expect(ruleIds(findings)).toEqual(['MLF-E002']);
    expect(findings[0].path).toBe('test/Store/Container');
    expect(findings[0].message).toContain(`container_access_type = "${access}"`);
  });
});

describe('MLF-E003 archive tier', () => {
  function policy(stack: TerraformStack, archive: boolean): void {
    const { account } = compliantStore(stack);
    new StorageManagementPolicy(stack, 'Lifecycle', {
      storageAccountId: account.id,
      rule: [
        {
          name: 'age-out',
          enabled: true,
          filters: { blobTypes: ['blockBlob'], prefixMatch: ['mlflow/artifacts'] },
          actions: {
            baseBlob: archive
              ? { tierToCoolAfterDaysSinceModificationGreaterThan: 30, tierToArchiveAfterDaysSinceModificationGreaterThan: 180 }
              : { tierToCoolAfterDaysSinceModificationGreaterThan: 30, tierToColdAfterDaysSinceModificationGreaterThan: 90 },
          },
        },
      ],
    });
  }

  test('tier_to_archive_* is an error naming the rule and attribute', () => {
    const { findings } = check((stack) => policy(stack, true));
    expect(ruleIds(findings)).toEqual(['MLF-E003']);
    expect(findings[0].message).toContain('age-out: base_blob.tier_to_archive_after_days_since_modification_greater_than');
  });

  test('cool and cold tiers are fine', () => {
    expect(check((stack) => policy(stack, false)).findings).toEqual([]);
  });

  test('archive actions on versions are caught too', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      new StorageManagementPolicy(stack, 'Lifecycle', {
        storageAccountId: account.id,
        rule: [{ name: 'versions', enabled: true, filters: { blobTypes: ['blockBlob'] }, actions: { version: { changeTierToArchiveAfterDaysSinceCreation: 90 } } }],
      });
    });
    expect(findings[0].message).toContain('versions: version.change_tier_to_archive_after_days_since_creation');
  });
});

describe('MLF-E004 customer-managed key without purge protection', () => {
  test('customer_managed_key on the account -> key -> vault without purge protection: error on the vault', () => {
    const { findings } = check((stack) => {
      const { key } = vaultWithKey(stack, undefined);
      const uai = new UserAssignedIdentity(stack, 'StorageIdentity', { name: 'id-st', location: 'westeurope', resourceGroupName: 'rg' });
      compliantStore(stack, 'Store', {
        identity: { type: 'UserAssigned', identityIds: [uai.id] },
        customerManagedKey: { keyVaultKeyId: key.versionlessId, userAssignedIdentityId: uai.id },
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E004']);
    expect(findings[0].path).toBe('test/Vault');
    expect(findings[0].message).toMatch(/holds the customer-managed key of azurerm_storage_account\.Store_Account_\w+ but purge_protection_enabled is not set/);
  });

  test('azurerm_storage_account_customer_managed_key with purge protection false: error', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      const { key } = vaultWithKey(stack, false);
      new StorageAccountCustomerManagedKey(stack, 'Cmk', { storageAccountId: account.id, keyVaultId: key.keyVaultId, keyName: key.name });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E004']);
    expect(findings[0].message).toContain('purge_protection_enabled = false');
  });

  test('a vault without purge protection that holds no CMK is not flagged', () => {
    expect(check((stack) => vaultWithKey(stack, false)).findings).toEqual([]);
  });
});

describe('MLF-E005 secrets as literals', () => {
  test('kubernetes_secret_v1 data and data_wo literals are errors; the value is never printed', () => {
    const { findings } = check((stack) => {
      new SecretV1(stack, 'Secret', {
        metadata: { name: 's', namespace: 'mlflow' },
        data: { password: 'hunter2-literal' },
        dataWo: { token: 'tok-literal' },
        dataWoRevision: 1,
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
    expect(findings[0].message).toContain('data.password, data_wo.token are literals');
    expect(JSON.stringify(findings)).not.toMatch(/hunter2-literal|tok-literal/);
  });

  test('references in data_wo are fine', () => {
    const { findings } = check((stack) => {
      const v = new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true });
      new SecretV1(stack, 'Secret', { metadata: { name: 's' }, dataWo: { password: v.stringValue }, dataWoRevision: 1 });
    });
    expect(findings).toEqual([]);
  });

  test('helm set_sensitive literal is an error, a variable is fine', () => {
    const literal = check((stack) => release(stack, [], { setSensitive: [{ name: 'backendStore.postgres.password', value: 'lit' }] }));
    expect(ruleIds(literal.findings)).toEqual(['MLF-E005']);
    expect(literal.findings[0].message).toContain('set_sensitive: backendStore.postgres.password');
    const ref = check((stack) => {
      const v = new TerraformVariable(stack, 'pw', { type: 'string', sensitive: true });
      release(stack, [], { setSensitive: [{ name: 'backendStore.postgres.password', value: v.stringValue }] });
    });
    expect(ref.findings).toEqual([]);
  });

  test.each([
    ['JSON values', JSON.stringify({ backendStore: { postgres: { password: 'pw-literal' } } }), 'values[0]: backendStore.postgres.password'],
    ['yamlencode values', Fn.yamlencode({ artifactRoot: { azureBlob: { accessKey: 'key-literal' } } }), 'values[0]: artifactRoot.azureBlob.accessKey'],
    ['YAML values', 'auth:\n  enabled: true\n  adminPassword: "pw-literal"\n', 'values[0]: auth.adminPassword'],
    ['extraEnvVars', JSON.stringify({ extraEnvVars: { AZURE_CLIENT_SECRET: 'sec-literal' } }), 'values[0]: extraEnvVars.AZURE_CLIENT_SECRET'],
  ])('helm %s with a literal secret key is an error', (_name, doc, where) => {
    const { findings } = check((stack) => release(stack, [doc]));
    // A sign-in secret (auth.adminPassword) is also MLF-E011, literal or not.
    expect(ruleIds(findings)).toEqual(where.includes('adminPassword') ? ['MLF-E005', 'MLF-E011'] : ['MLF-E005']);
    expect(findings[0].message).toContain(where);
    expect(findings[0].message).not.toMatch(/-literal/);
  });

  test('empty secret keys, key names (passwordKey) and references in helm values are fine', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      release(stack, [
        'backendStore:\n  postgres:\n    password: ""\n  existingDatabaseSecret:\n    passwordKey: password\n',
        Fn.yamlencode({ artifactRoot: { azureBlob: { accessKey: account.primaryAccessKey } } }),
      ]);
    });
    expect(findings).toEqual([]);
  });

  test('a sensitive variable with a default is an error; without one it is fine', () => {
    const withDefault = check((stack) => new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true, default: 'changeme' }));
    expect(ruleIds(withDefault.findings)).toEqual(['MLF-E005']);
    expect(withDefault.findings[0]).toMatchObject({ path: 'test/db_password', address: 'var.db_password' });
    expect(withDefault.findings[0].message).not.toContain('changeme');
    expect(check((stack) => new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true })).findings).toEqual([]);
    expect(check((stack) => new TerraformVariable(stack, 'region', { type: 'string', default: 'westeurope' })).findings).toEqual([]);
  });

  test('a key vault secret with a literal value is an error', () => {
    const { findings } = check((stack) => new KeyVaultSecret(stack, 'Secret', { name: 's', keyVaultId: 'kv', value: 'literal' }));
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
  });
});

describe('MLF-E005 secrets taken from weak variables', () => {
  const WEAK = /a variable that carries a secret must be sensitive .* and have no default/;

  test('a non-sensitive variable feeding a secret-looking key of data_wo is an error', () => {
    const { findings } = check((stack) => {
      const v = new TerraformVariable(stack, 'db_password', { type: 'string' });
      new SecretV1(stack, 'Secret', { metadata: { name: 's' }, dataWo: { password: v.stringValue }, dataWoRevision: 1 });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ path: 'test/Secret' });
    expect(findings[0].message).toContain('data_wo.password takes var.db_password, which is not sensitive');
    expect(findings[0].message).toMatch(WEAK);
  });

  test('a sensitive variable with a default feeding data is reported where it is used too', () => {
    const { findings } = check((stack) => {
      const v = new TerraformVariable(stack, 'client_secret', { type: 'string', sensitive: true, default: 'changeme' });
      new SecretV1(stack, 'Secret', { metadata: { name: 's' }, data: { AZURE_CLIENT_SECRET: v.stringValue } });
    });
    const e005 = of(findings, 'MLF-E005');
    expect(e005.map((f) => f.address).sort()).toEqual(['kubernetes_secret_v1.Secret', 'var.client_secret']);
    const usage = e005.find((f) => f.address === 'kubernetes_secret_v1.Secret')!;
    expect(usage.message).toContain('data.AZURE_CLIENT_SECRET takes var.client_secret, which has a default');
    expect(JSON.stringify(findings)).not.toContain('changeme');
  });

  test('a variable inside an expression, a binary key, and a non-sensitive variable with a default', () => {
    const { findings } = check((stack) => {
      const v = new TerraformVariable(stack, 'pfx', { type: 'string', default: 'x' });
      new SecretV1(stack, 'Secret', { metadata: { name: 's' }, binaryDataWo: { 'client.pfx': Fn.base64encode(v.stringValue) }, dataWoRevision: 1 });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
    expect(findings[0].message).toContain('binary_data_wo.client.pfx takes var.pfx, which is not sensitive and has a default');
  });

  test('a non-sensitive variable under a plain key (a user name) is fine', () => {
    const { findings } = check((stack) => {
      const user = new TerraformVariable(stack, 'db_user', { type: 'string', default: 'mlflow' });
      const pw = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
      new SecretV1(stack, 'Secret', { metadata: { name: 's' }, dataWo: { username: user.stringValue, password: pw.stringValue }, dataWoRevision: 1 });
    });
    expect(findings).toEqual([]);
  });

  test('helm set_sensitive, secret keys in values and repository_password taking non-sensitive variables are errors', () => {
    const { findings } = check((stack) => {
      const pw = new TerraformVariable(stack, 'pw', { type: 'string' });
      const key = new TerraformVariable(stack, 'key', { type: 'string' });
      const repo = new TerraformVariable(stack, 'repo_pw', { type: 'string' });
      release(stack, [Fn.yamlencode({ artifactRoot: { azureBlob: { accessKey: key.stringValue } } })], {
        setSensitive: [{ name: 'backendStore.postgres.password', value: pw.stringValue }],
        repositoryPassword: repo.stringValue,
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
    const message = of(findings, 'MLF-E005').map((f) => f.message).join('\n');
    expect(message).toContain('values[0]: artifactRoot.azureBlob.accessKey takes var.key, which is not sensitive');
    expect(message).toContain('set_sensitive: backendStore.postgres.password takes var.pw, which is not sensitive');
    expect(message).toContain('repository_password takes var.repo_pw, which is not sensitive');
  });

  test('a key vault secret value_wo from a non-sensitive variable is an error', () => {
    const { findings } = check((stack) => {
      const v = new TerraformVariable(stack, 'sp_secret', { type: 'string' });
      new KeyVaultSecret(stack, 'Secret', { name: 's', keyVaultId: 'kv', valueWo: v.stringValue, valueWoVersion: 1 });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
    expect(findings[0].message).toContain('value_wo takes var.sp_secret, which is not sensitive');
  });
});

describe('secret key lists', () => {
  test('every secret-carrying MLflow variable (lib/mlflow SECRET_ENV_VARS) is a secret key; identity-bypassing keys are among them', () => {
    const keys = SECRET_KEY_NAMES.map((k) => k.toLowerCase());
    for (const name of SECRET_ENV_VARS) expect(keys).toContain(name.toLowerCase());
    for (const name of KEY_VARIABLES) expect(SECRET_ENV_VARS as readonly string[]).toContain(name);
    const description = MlflowChecks.rules().find((r) => r.ruleId === MlflowCheckId.LITERAL_SECRET)!.description;
    for (const name of SECRET_KEY_NAMES) expect(description).toContain(name);
  });

  test('a literal PGPASSWORD or MLFLOW_FLASK_SERVER_SECRET_KEY in helm values is an error', () => {
    const { findings } = check((stack) => release(stack, [JSON.stringify({ extraEnvVars: { PGPASSWORD: 'pg-literal', MLFLOW_FLASK_SERVER_SECRET_KEY: 'flask-literal' } })]));
    expect(ruleIds(findings)).toEqual(['MLF-E005']);
    expect(findings[0].message).toContain('values[0]: extraEnvVars.PGPASSWORD; values[0]: extraEnvVars.MLFLOW_FLASK_SERVER_SECRET_KEY');
    expect(findings[0].message).not.toMatch(/-literal/);
  });
});

describe('public cdktf API only', () => {
  test('no file of lib/policy (nor the other folders these checks cover) imports a cdktf internal module', () => {
    const dirs = ['policy', 'storage', 'encryption', 'cluster', 'network', 'monitoring'].map((d) => join(__dirname, '..', '..', 'lib', d));
    const files = [
      ...dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts')).map((f) => join(d, f))),
      join(__dirname, '..', '..', 'lib', 'core', 'network.ts'),
      join(__dirname, '..', '..', 'lib', 'core', 'roles.ts'),
    ];
    const offenders = files.filter((f) => /from ['"]cdktf\/lib\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('MLF-E006 key or connection string in identity mode', () => {
  test('federated credential + secret carrying AZURE_STORAGE_ACCESS_KEY: error on the secret', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      workloadIdentity(stack);
      new SecretV1(stack, 'StorageKey', {
        metadata: { name: 'mlflow-storage', namespace: 'mlflow' },
        dataWo: { AZURE_STORAGE_ACCESS_KEY: account.primaryAccessKey },
        dataWoRevision: 1,
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E006']);
    expect(findings[0].path).toBe('test/StorageKey');
    expect(findings[0].message).toMatch(/data_wo\.AZURE_STORAGE_ACCESS_KEY is set while the stack uses workload identity \(azurerm_federated_identity_credential\.Federation\)/);
  });

  test('pod label in helm values + artifactRoot.azureBlob.connectionString: error on the release', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      release(stack, [
        Fn.yamlencode({
          extraPodLabels: { 'azure.workload.identity/use': 'true' },
          artifactRoot: { azureBlob: { enabled: true, connectionString: account.primaryConnectionString } },
        }),
      ]);
    });
    expect(ruleIds(findings)).toEqual(['MLF-E006']);
    expect(findings[0].message).toContain('values[0]: artifactRoot.azureBlob.connectionString is set');
    expect(findings[0].message).toContain('extraPodLabels.azure.workload.identity/use = "true"');
  });

  test('identity label given with helm set (escaped dots) is detected', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      release(stack, [], {
        set: [{ name: 'extraPodLabels.azure\\.workload\\.identity/use', value: 'true', type: 'string' }],
        setSensitive: [{ name: 'artifactRoot.azureBlob.accessKey', value: account.primaryAccessKey }],
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E006']);
  });

  test('a service account annotated with a client id puts the stack in identity mode', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      new ServiceAccountV1(stack, 'Sa', { metadata: { name: 'mlflow', annotations: { 'azure.workload.identity/client-id': 'x' } } });
      new SecretV1(stack, 'Key', { metadata: { name: 'k' }, dataWo: { AZURE_STORAGE_CONNECTION_STRING: account.primaryConnectionString }, dataWoRevision: 1 });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E006']);
  });

  test('without workload identity a key secret is not an E006 finding', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      new SecretV1(stack, 'Key', { metadata: { name: 'k' }, dataWo: { AZURE_STORAGE_ACCESS_KEY: account.primaryAccessKey }, dataWoRevision: 1 });
    });
    expect(findings).toEqual([]);
  });
});

describe('MLF-E007 TLS and MLF-E008 HTTPS', () => {
  test('missing min_tls_version is an error', () => {
    const { findings } = check((stack) => compliantStore(stack, 'Store', { minTlsVersion: undefined }));
    expect(ruleIds(findings)).toEqual(['MLF-E007']);
    expect(findings[0].message).toMatch(/min_tls_version is not set/);
  });

  test.each(['TLS1_0', 'TLS1_1'])('%s is an error', (tls) => {
    const { findings } = check((stack) => compliantStore(stack, 'Store', { minTlsVersion: tls }));
    expect(ruleIds(findings)).toEqual(['MLF-E007']);
    expect(findings[0].message).toContain(`min_tls_version = "${tls}"`);
  });

  test('https_traffic_only_enabled = false is an error', () => {
    const { findings } = check((stack) => compliantStore(stack, 'Store', { httpsTrafficOnlyEnabled: false }));
    expect(ruleIds(findings)).toEqual(['MLF-E008']);
  });
});

describe('MLF-W001 kubelet identity', () => {
  test('a blob role for the kubelet identity is a warning', () => {
    const { findings } = check((stack) => {
      const { container } = compliantStore(stack);
      const aks = cluster(stack);
      new RoleAssignment(stack, 'KubeletBlob', {
        principalId: aks.kubeletIdentity.objectId,
        scope: container.resourceManagerId,
        roleDefinitionName: 'Storage Blob Data Contributor',
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-W001']);
    expect(findings[0]).toMatchObject({ severity: CheckSeverity.WARNING, path: 'test/KubeletBlob' });
  });

  test('helm values that use the kubelet client id are a warning', () => {
    const { findings } = check((stack) => {
      const aks = cluster(stack);
      release(stack, [Fn.yamlencode({ serviceAccount: { annotations: { 'azure.workload.identity/client-id': aks.kubeletIdentity.clientId } } })]);
    });
    expect(ruleIds(findings)).toEqual(['MLF-W001']);
  });

  test('AcrPull for the kubelet identity is not blob access', () => {
    const { findings } = check((stack) => {
      const aks = cluster(stack);
      new RoleAssignment(stack, 'Pull', { principalId: aks.kubeletIdentity.objectId, scope: '/subscriptions/0/resourceGroups/rg', roleDefinitionName: 'AcrPull' });
    });
    expect(findings).toEqual([]);
  });
});

describe('MLF-W002 blob role scope', () => {
  test.each([
    ['the storage account', (s: ReturnType<typeof compliantStore>) => s.account.id],
    ['the resource group', (s: ReturnType<typeof compliantStore>) => s.rg.id],
    ['a subscription', () => '/subscriptions/00000000-0000-0000-0000-000000000000'],
  ])('a blob data role on %s is a warning', (_name, scopeOf) => {
    const { findings } = check((stack) => {
      const store = compliantStore(stack);
      new RoleAssignment(stack, 'Grant', { principalId: 'p', scope: scopeOf(store), roleDefinitionName: 'Storage Blob Data Reader' });
    });
    expect(ruleIds(findings)).toEqual(['MLF-W002']);
    expect(findings[0].message).toContain('"Storage Blob Data Reader" is assigned at scope');
  });

  test('a blob data role by built-in id is recognised', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      new RoleAssignment(stack, 'Grant', {
        principalId: 'p',
        scope: account.id,
        roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe',
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-W002']);
  });

  test('container scopes are fine: the id of a container bound by storage_account_id, resource_manager_id (deprecated) or a .../blobServices/default/containers/<name> path', () => {
    const { findings } = check((stack) => {
      const { account, container } = compliantStore(stack);
      new RoleAssignment(stack, 'A', { principalId: 'p', scope: container.resourceManagerId, roleDefinitionName: 'Storage Blob Data Contributor' });
      new RoleAssignment(stack, 'B', { principalId: 'p', scope: `${account.id}/blobServices/default/containers/mlflow`, roleDefinitionName: 'Storage Blob Data Reader' });
      new RoleAssignment(stack, 'C', { principalId: 'p', scope: container.id, roleDefinitionName: 'Storage Blob Data Contributor' });
    });
    expect(findings).toEqual([]);
  });

  test('the id of a container bound by storage_account_name is its data-plane URL, not a container scope', () => {
    const { findings } = check((stack) => {
      const { account } = compliantStore(stack);
      const legacy = new StorageContainer(stack, 'Legacy', { name: 'legacy', storageAccountName: account.name, containerAccessType: 'private' });
      new RoleAssignment(stack, 'Grant', { principalId: 'p', scope: legacy.id, roleDefinitionName: 'Storage Blob Data Reader' });
    });
    expect(ruleIds(findings)).toEqual(['MLF-W002']);
    expect(findings[0].message).toContain('"${azurerm_storage_container.Legacy.id}"');
  });
});

describe('MLF-W003 LRS in production', () => {
  test('LRS with an environment=prod tag is a warning', () => {
    const { findings } = check((stack) => compliantStore(stack, 'Store', { accountReplicationType: 'LRS', tags: { Environment: 'Prod' } }));
    expect(ruleIds(findings)).toEqual(['MLF-W003']);
    expect(findings[0].message).toContain('(tag Environment = "Prod")');
  });

  test('LRS without a production tag is fine', () => {
    expect(check((stack) => compliantStore(stack, 'Store', { accountReplicationType: 'LRS', tags: { environment: 'dev' } })).findings).toEqual([]);
  });

  test('the production prop wins over tags, both ways', () => {
    const prod = check((stack) => compliantStore(stack, 'Store', { accountReplicationType: 'LRS' }), { production: true });
    expect(ruleIds(prod.findings)).toEqual(['MLF-W003']);
    const notProd = check((stack) => compliantStore(stack, 'Store', { accountReplicationType: 'LRS', tags: { env: 'production' } }), { production: false });
    expect(notProd.findings).toEqual([]);
  });
});

describe('MLF-W004 diagnostics and MLF-W005 delete protection', () => {
  function account(stack: TerraformStack, o: { diagnostics: boolean; lock: 'none' | 'account' | 'group'; preventDestroy: boolean }): void {
    const store = compliantStore(stack, 'Store', o.preventDestroy ? {} : { lifecycle: {} }, { diagnostics: o.diagnostics, lock: false });
    const target = o.lock === 'account' ? store.account.id : o.lock === 'group' ? store.rg.id : undefined;
    if (target) new ManagementLock(stack, 'Lock', { name: 'cannot-delete', scope: target, lockLevel: 'CanNotDelete' });
  }

  test('no diagnostic setting is a warning', () => {
    const { findings } = check((stack) => account(stack, { diagnostics: false, lock: 'account', preventDestroy: true }));
    expect(ruleIds(findings)).toEqual(['MLF-W004']);
    expect(findings[0].message).toMatch(/no azurerm_monitor_diagnostic_setting targets azurerm_storage_account\.Store_Account_\w+\.id/);
  });

  test('no prevent_destroy and no lock: one warning naming both', () => {
    const { findings } = check((stack) => account(stack, { diagnostics: true, lock: 'none', preventDestroy: false }));
    expect(ruleIds(findings)).toEqual(['MLF-W005']);
    expect(findings[0].message).toMatch(/^lifecycle\.prevent_destroy is not true and no CanNotDelete azurerm_management_lock/);
  });

  test('prevent_destroy without a lock is a warning', () => {
    const { findings } = check((stack) => account(stack, { diagnostics: true, lock: 'none', preventDestroy: true }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^no CanNotDelete azurerm_management_lock/)]);
  });

  test('a lock without prevent_destroy is a warning', () => {
    const { findings } = check((stack) => account(stack, { diagnostics: true, lock: 'account', preventDestroy: false }));
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^lifecycle\.prevent_destroy is not true:/)]);
  });

  test('a lock on the resource group counts', () => {
    expect(check((stack) => account(stack, { diagnostics: true, lock: 'group', preventDestroy: true })).findings).toEqual([]);
  });
});

describe('scope', () => {
  test('findings are reported only for resources under the construct the aspect is added to', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'test');
    const good = compliantStore(stack, 'Good');
    compliantStore(stack, 'Bad', { minTlsVersion: 'TLS1_0' });
    const checks = new MlflowChecks();
    Aspects.of(good.account.node.scope!).add(checks);
    Testing.synth(stack);
    expect(checks.findings).toEqual([]);
  });

  test('MlflowChecks.addTo(app) covers every stack', () => {
    const app = testApp();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    compliantStore(a, 'Store', { minTlsVersion: 'TLS1_0' });
    compliantStore(b, 'Store', { httpsTrafficOnlyEnabled: false });
    const checks = MlflowChecks.addTo(app);
    Testing.synth(a);
    Testing.synth(b);
    expect(checks.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['MLF-E007 a/Store/Account', 'MLF-E008 b/Store/Account']);
  });

  test('addTo without any stack fails', () => {
    expect(errorOf(() => MlflowChecks.addTo(testApp()))).toMatch(/no TerraformStack in scope/);
  });

  test('a second synth does not duplicate findings or annotations', () => {
    const { stack, checks } = check((s) => compliantStore(s, 'Store', { minTlsVersion: 'TLS1_0' }));
    Testing.synth(stack);
    expect(checks.findings).toHaveLength(1);
    expect(annotationsOf(stack, 'error')).toHaveLength(1);
  });
});

describe('suppressions', () => {
  test('suppressed on the stack: info with the reason, not a warning', () => {
    const { findings, stack, checks } = check((s) => {
      compliantStore(s, 'Store', { accountReplicationType: 'LRS' });
      MlflowChecks.suppress(s, MlflowCheckId.LRS_IN_PRODUCTION, 'dev stack: throwaway data');
    }, { production: true });
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'MLF-W003', suppressed: true, suppressionReason: 'dev stack: throwaway data' })]);
    expect(checks.warnings).toEqual([]);
    expect(annotationsOf(stack, 'warn')).toEqual([]);
    expect(annotationsOf(stack, 'info')).toEqual([
      expect.stringMatching(/^\[test\/Store\/Account\] \[MLF-W003\] suppressed \(dev stack: throwaway data\): Locally redundant storage in production/),
    ]);
  });

  test('a suppression on a construct covers its children only', () => {
    const { findings } = check((s) => {
      const one = compliantStore(s, 'One', { minTlsVersion: 'TLS1_1' });
      compliantStore(s, 'Two', { minTlsVersion: 'TLS1_1' });
      MlflowChecks.suppress(one.account.node.scope!, 'MLF-E007', 'legacy client, tracked in OPS-1');
    });
    expect(findings.map((f) => [f.path, f.suppressed])).toEqual([
      ['test/One/Account', true],
      ['test/Two/Account', false],
    ]);
  });

  test('a suppression is per rule', () => {
    const { findings } = check((s) => {
      compliantStore(s, 'Store', { minTlsVersion: 'TLS1_1', httpsTrafficOnlyEnabled: false });
      MlflowChecks.suppress(s, 'MLF-E007', 'reason');
    });
    expect(ruleIds(findings)).toEqual(['MLF-E008']);
    expect(ruleIds(findings, true)).toEqual(['MLF-E007', 'MLF-E008']);
  });

  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['missing', undefined as unknown as string],
  ])('a %s reason is rejected, naming prop, value and rule', (_name, reason) => {
    const stack = new TerraformStack(testApp(), 'test');
    const message = errorOf(() => MlflowChecks.suppress(stack, 'MLF-W003', reason));
    expect(message).toMatch(/^MlflowChecks\.suppress\(test\): 1 invalid prop:/);
    expect(message).toContain(`reason = ${reason === undefined ? 'undefined' : JSON.stringify(reason)}: is mandatory: a non-empty literal string`);
  });

  test('an unknown rule id is rejected, listing the valid ids; every problem in one error', () => {
    const stack = new TerraformStack(testApp(), 'test');
    const message = errorOf(() => MlflowChecks.suppress(stack, 'MLF-W999', ''));
    expect(message).toContain('2 invalid props');
    expect(message).toContain('ruleId = "MLF-W999": must be a rule id of MlflowChecks (MLF-E001, MLF-E002,');
  });
});

describe('reporting and synthesis', () => {
  function appWithError(): { app: ReturnType<typeof Testing.app>; stack: TerraformStack } {
    const app = testApp();
    const stack = new TerraformStack(app, 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    compliantStore(stack, 'Store', { allowNestedItemsToBePublic: true });
    Aspects.of(stack).add(new MlflowChecks());
    return { app, stack };
  }

  test('app.synth() fails on an error finding, printing id, path and text', () => {
    const { app } = appWithError();
    const message = errorOf(() => app.synth());
    expect(message).toMatch(/^Encountered Annotations with level "ERROR":/);
    expect(message).toMatch(
      /\[test\/Store\/Account\] \[MLF-E001\] Public blob access allowed on the storage account \(azurerm_storage_account\.Store_Account_\w+\): allow_nested_items_to_be_public = true: .* Fix: Set allowNestedItemsToBePublic: false/,
    );
  });

  test('a suppressed error does not fail app.synth()', () => {
    const { app, stack } = appWithError();
    MlflowChecks.suppress(stack, 'MLF-E001', 'public sample data, reviewed');
    expect(() => app.synth()).not.toThrow();
  });

  test('warnings do not fail app.synth() and are annotations', () => {
    const app = testApp();
    const stack = new TerraformStack(app, 'test');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    compliantStore(stack, 'Store', { accountReplicationType: 'LRS' });
    Aspects.of(stack).add(new MlflowChecks({ production: true }));
    expect(() => app.synth()).not.toThrow();
    expect(annotationsOf(stack, 'warn')).toEqual([expect.stringMatching(/^\[test\/Store\/Account\] \[MLF-W003\] Locally redundant storage in production/)]);
  });

  test('with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS (what the cdktf CLI sets) app.synth() records the error without throwing', () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    try {
      const { app, stack } = appWithError();
      expect(() => app.synth()).not.toThrow();
      expect(annotationsOf(stack, 'error')).toHaveLength(1);
    } finally {
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    }
  });

  test('Testing.synth does not fail: read errors from findings / annotations', () => {
    const { checks, stack } = check((s) => compliantStore(s, 'Store', { allowNestedItemsToBePublic: true }));
    expect(checks.errors.map((f) => f.ruleId)).toEqual(['MLF-E001']);
    expect(annotationsOf(stack, 'error')).toEqual([expect.stringMatching(/^\[test\/Store\/Account\] \[MLF-E001\]/)]);
  });
});

describe('stable rule ids', () => {
  test('the catalog: ids, severities and titles never change meaning', () => {
    expect(MlflowChecks.rules().map((r) => `${r.ruleId} ${r.severity} ${r.title}`)).toEqual([
      'MLF-E001 error Public blob access allowed on the storage account',
      'MLF-E002 error Anonymous read access on a container',
      'MLF-E003 error Lifecycle rule moves artifacts to the Archive tier',
      'MLF-E004 error Customer-managed key in a vault without purge protection',
      'MLF-E005 error Secret written as a literal',
      'MLF-E006 error Account key or connection string set while MLflow uses workload identity',
      'MLF-E007 error TLS below 1.2 accepted',
      'MLF-E008 error Plain HTTP accepted',
      'MLF-E009 error MLflow exposed without sign-in',
      'MLF-E010 error More than one MLflow sign-in mechanism',
      'MLF-E011 error Sign-in secret in helm values',
      'MLF-W001 warning Kubelet identity used for blob access',
      'MLF-W002 warning Blob data role wider than one container',
      'MLF-W003 warning Locally redundant storage in production',
      'MLF-W004 warning No diagnostic setting on the storage account',
      'MLF-W005 warning Storage account without delete protection',
    ]);
  });

  test('MlflowCheckId constants match the catalog, E = error and W = warning', () => {
    const constants = Object.entries(MlflowCheckId).map(([, v]) => v as string).sort();
    expect(constants).toEqual(MlflowChecks.rules().map((r) => r.ruleId).sort());
    for (const r of MlflowChecks.rules()) {
      expect(r.ruleId).toMatch(/^MLF-[EW]\d{3}$/);
      expect(r.severity).toBe(r.ruleId.startsWith('MLF-E') ? CheckSeverity.ERROR : CheckSeverity.WARNING);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('MLF-E009, MLF-E010, MLF-E011: sign-in of hand-written MLflow releases', () => {
  const values = (doc: object) => [JSON.stringify(doc)];

  test.each<[string, object, { setSensitive?: { name: string; value: string }[] }]>([
    ['ingress without any mechanism', { ingress: { enabled: true } }, {}],
    ['a LoadBalancer service without any mechanism', { service: { type: 'LoadBalancer' } }, {}],
    ['a NodePort service, sign-in explicitly off', { service: { type: 'NodePort' }, oidcAuth: { enabled: false } }, {}],
    ['a Gateway API HTTPRoute among the extra manifests', { ingress: { enabled: false }, extraDeploy: [{ apiVersion: 'batch/v1', kind: 'Job' }, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' }] }, {}],
    ['an Ingress among the extra manifests', { extraDeploy: [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }] }, {}],
    ['a LoadBalancer Service among the extra manifests', { extraDeploy: [{ kind: 'Job', spec: {} }, { kind: 'Service', spec: { type: 'LoadBalancer' } }] }, {}],
  ])('MLF-E009: %s', (_name, doc) => {
    const { findings } = check((stack) => release(stack, values(doc)));
    expect(ruleIds(findings)).toEqual(['MLF-E009']);
    expect(findings[0].message).toMatch(/exposes MLflow outside the cluster, and no sign-in mechanism is on/);
  });

  test.each<[string, object]>([
    ['oidcAuth', { ingress: { enabled: true }, oidcAuth: { enabled: true, existingSecret: { name: 's' } } }],
    ['auth', { ingress: { enabled: true }, auth: { enabled: true, existingAdminSecret: { name: 'a' } } }],
    ['an --app-name through extraArgs', { ingress: { enabled: true }, extraArgs: { appName: 'basic-auth' } }],
    ['no exposure, no sign-in (inside the cluster)', { ingress: { enabled: false }, service: { type: 'ClusterIP' } }],
    ['an HTTPRoute with sign-in on', { extraDeploy: [{ kind: 'HTTPRoute' }], auth: { enabled: true, existingAdminSecret: { name: 'a' } } }],
    ['extra manifests that publish nothing', { extraDeploy: [{ kind: 'Job' }, { kind: 'ConfigMap' }, { kind: 'Service', spec: { type: 'ClusterIP' } }] }],
  ])('no finding: %s', (_name, doc) => {
    expect(check((stack) => release(stack, values(doc))).findings).toEqual([]);
  });

  test('MLF-E009: a route among the extra manifests through a set entry, and in a YAML values document', () => {
    const viaSet = check((stack) => release(stack, [], { set: [{ name: 'extraDeploy[0].kind', value: 'HTTPRoute' }] })).findings;
    expect(ruleIds(viaSet)).toEqual(['MLF-E009']);
    const viaYaml = check((stack) => release(stack, ['extraDeploy:\n  - apiVersion: gateway.networking.k8s.io/v1\n    kind: HTTPRoute\n'])).findings;
    expect(ruleIds(viaYaml)).toEqual(['MLF-E009']);
    expect(viaYaml[0].message).toMatch(/a HTTPRoute in extraDeploy exposes MLflow outside the cluster/);
  });

  test('a release of another chart is not judged', () => {
    const { findings } = check((stack) => new Release(stack, 'Other', { name: 'x', chart: 'ingress-nginx', namespace: 'x', values: values({ ingress: { enabled: true } }) }));
    expect(findings).toEqual([]);
  });

  test('MLF-E010: two mechanisms, from values and set', () => {
    const { findings } = check((stack) => release(stack, values({ oidcAuth: { enabled: true } }), { set: [{ name: 'auth.enabled', value: 'true' }] }));
    expect(ruleIds(findings)).toEqual(['MLF-E010']);
    expect(findings[0].message).toMatch(/oidcAuth.enabled, auth.enabled are on together/);
  });

  test('MLF-E011: a sign-in secret in values even as a reference, in set_sensitive, and credentials in a URL', () => {
    const { findings } = check((stack) => {
      const v = new TerraformVariable(stack, 'client_secret', { type: 'string', sensitive: true });
      release(stack, values({ oidcAuth: { enabled: true, clientSecret: v.stringValue, database: { uri: 'postgresql://u:p@db:5432/auth' } } }), {
        setSensitive: [{ name: 'auth.postgres.password', value: v.stringValue }],
      });
    });
    expect(ruleIds(findings)).toEqual(['MLF-E011']);
    expect(findings[0].message).toContain('values[0]: oidcAuth.clientSecret');
    expect(findings[0].message).toContain('values[0]: oidcAuth.database.uri (credentials in the URL)');
    expect(findings[0].message).toContain('set_sensitive: auth.postgres.password');
  });

  test('the releases MlflowRelease writes pass all three (the example stacks are checked too)', () => {
    const { findings } = check((stack) => release(stack, values({
      ingress: { enabled: true },
      oidcAuth: { enabled: true, existingSecret: { name: 'mlflow-sign-in', clientSecretKey: 'OIDC_CLIENT_SECRET' }, database: { uri: 'sqlite:////tmp/a.db' } },
    })));
    expect(findings).toEqual([]);
  });
});
