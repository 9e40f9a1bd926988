import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import {
  AksCluster,
  ArtifactAuth,
  ArtifactStore,
  AzureCloud,
  MlflowBackendStore,
  MlflowIngressController,
  MlflowOnAzure,
  MlflowOnAzureProps,
  StorageReplication,
} from '../lib';
import { AKS_ATTRIBUTES, basicSignIn, NO_SIGN_IN } from './mlflow/fixtures';
import { errorOf, onlyResource, ref, resourcesOf, testStack, warningsOf } from './util';

const IMAGE = { repository: 'acr.azurecr.io/mlflow-azure', tag: '3.15.1' };

function make(stack: TerraformStack, overrides: Partial<MlflowOnAzureProps> = {}): MlflowOnAzure {
  const cluster = AksCluster.fromAttributes(stack, 'Aks', AKS_ATTRIBUTES);
  const password = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
  return new MlflowOnAzure(stack, 'Mlflow', {
    resourceGroupName: 'rg',
    location: 'westeurope',
    storageAccountName: 'stmlflowtest01',
    cluster,
    backendStore: MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: 'mlflow', user: 'mlflow', password: password.stringValue }),
    release: { image: IMAGE },
    signIn: overrides.release?.ingress ? basicSignIn(stack) : NO_SIGN_IN,
    ...overrides,
  });
}

function synth(overrides: Partial<MlflowOnAzureProps> = {}) {
  const stack = testStack();
  const mlflow = make(stack, overrides);
  return { stack, mlflow, json: JSON.parse(Testing.synth(stack)) };
}

describe('MlflowOnAzure: the ten-line case', () => {
  const { stack, mlflow, json } = synth();

  test('workload identity is the default auth, with no key or secret for storage', () => {
    expect(mlflow.access.binding.mode).toBe('workload-identity');
    expect(onlyResource(json, 'azurerm_federated_identity_credential').subject).toBe(
      `system:serviceaccount:${ref(stack, mlflow.kubernetesNamespace.name)}:${mlflow.release.serviceAccountName}`,
    );
    expect(JSON.stringify(json)).not.toMatch(/primary_access_key|primary_connection_string/);
  });

  test('the store is secure by default: shared keys off, firewall Deny, deletion protection', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account).toMatchObject({ shared_access_key_enabled: false, lifecycle: { prevent_destroy: true } });
    expect(account.network_rules.default_action).toBe('Deny');
    expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(1);
  });

  test('the release depends on the role assignment and the federated credential', () => {
    const release = onlyResource(json, 'helm_release');
    expect(release.depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^azurerm_role_assignment\./),
      expect.stringMatching(/^azurerm_federated_identity_credential\./),
    ]));
  });

  test('outputs are the parts\' outputs', () => {
    expect(mlflow.artifactUri).toBe('wasbs://mlflow@stmlflowtest01.blob.core.windows.net/artifacts');
    expect(mlflow.trackingUri).toBe(mlflow.release.trackingUri);
    expect(mlflow.identityClientId).toBe(mlflow.access.identityClientId);
    expect(mlflow.encryption).toBeUndefined();
    expect(mlflow.monitoring).toBeUndefined();
    expect(mlflow.privateEndpoints).toBeUndefined();
  });

  test('tags reach every tagged resource, the store\'s own tags win', () => {
    const { json: tagged } = synth({ tags: { team: 'ml', env: 'x' }, storage: { tags: { env: 'prod' } } });
    expect(onlyResource(tagged, 'azurerm_storage_account').tags).toEqual({ team: 'ml', env: 'prod' });
    expect(onlyResource(tagged, 'azurerm_user_assigned_identity').tags).toEqual({ team: 'ml', env: 'x' });
  });
});

describe('MlflowOnAzure: composition of the hardening parts', () => {
  const { json, mlflow } = synth({
    encryption: { keyVaultName: 'kv-mlflow-test-01', tenantId: '00000000-0000-0000-0000-000000000003', deployerObjectId: '00000000-0000-0000-0000-000000000004' },
    privateEndpoints: { subnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', virtualNetworkIds: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'] },
    monitoring: { actionGroup: { name: 'ag', shortName: 'mlflow', emailReceivers: [{ name: 'oncall', emailAddress: 'oncall@example.com' }] } },
    storage: { replication: StorageReplication.GZRS, hierarchicalNamespace: true, versioning: false },
  });

  test('the account is created with the customer-managed key after the grant and its propagation wait', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.customer_managed_key.user_assigned_identity_id).toMatch(/^\$\{azurerm_user_assigned_identity\.\w+\.id\}$/);
    expect(account.identity.identity_ids).toEqual([account.customer_managed_key.user_assigned_identity_id]);
    expect(account.depends_on).toEqual([
      expect.stringMatching(/^azurerm_role_assignment\.Mlflow_Encryption_/),
      expect.stringMatching(/^time_sleep\.Mlflow_Encryption_StorageEncryptionUserPropagation_/),
    ]);
  });

  test('encryption.rbacPropagationSeconds reaches both waits', () => {
    const { json: slow } = synth({ encryption: { keyVaultName: 'kv-mlflow-test-01', tenantId: '00000000-0000-0000-0000-000000000003', deployerObjectId: '00000000-0000-0000-0000-000000000004', rbacPropagationSeconds: 240 } });
    expect(resourcesOf(slow, 'time_sleep').map(([, w]) => w.create_duration)).toEqual(['240s', '240s']);
  });

  test('private endpoints for blob and dfs (hierarchical namespace) turn public access off', () => {
    expect(onlyResource(json, 'azurerm_storage_account').public_network_access_enabled).toBe(false);
    const subresources = resourcesOf(json, 'azurerm_private_endpoint').flatMap(([, pe]) => pe.private_service_connection.subresource_names);
    expect(subresources.sort()).toEqual(['blob', 'dfs']);
  });

  test('monitoring targets the store and the key vault', () => {
    const targets = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map(([, d]) => d.target_resource_id);
    expect(targets).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\$\{azurerm_storage_account\.\w+\.id\}\/blobServices\/default$/),
      expect.stringMatching(/^\$\{azurerm_key_vault\.\w+\.id\}$/),
    ]));
    expect(mlflow.monitoring).toBeDefined();
  });

  test('abfss with private endpoints: the raw URI goes to the chart', () => {
    expect(mlflow.artifactUri).toBe('abfss://mlflow@stmlflowtest01.dfs.core.windows.net/artifacts');
    expect(mlflow.release.values.artifactRoot.azureBlob?.enabled).toBe(false);
  });
});

describe('MlflowOnAzure: one cloud for the deployment', () => {
  const VAULT_PE = {
    subnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    virtualNetworkIds: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'],
  };
  const encryption = { keyVaultName: 'kv-mlflow-test-01', tenantId: '00000000-0000-0000-0000-000000000003', deployerObjectId: '00000000-0000-0000-0000-000000000004' };
  const zoneNames = (json: any) => resourcesOf(json, 'azurerm_private_dns_zone').map(([, z]) => z.name).sort();

  test('encryption.cloud alone is not overwritten by an unset storage.cloud: the China vault zone, and the store in China too', () => {
    const { json, mlflow } = synth({ encryption: { ...encryption, cloud: AzureCloud.CHINA, privateEndpoint: VAULT_PE } });
    expect(zoneNames(json)).toEqual(['privatelink.vaultcore.azure.cn']);
    expect(mlflow.store.cloud).toBe(AzureCloud.CHINA);
    expect(mlflow.artifactUri).toBe('wasbs://mlflow@stmlflowtest01.blob.core.chinacloudapi.cn/artifacts');
  });

  test('storage.cloud reaches the vault and the storage private endpoints', () => {
    const { json } = synth({
      storage: { cloud: AzureCloud.US_GOVERNMENT },
      encryption: { ...encryption, privateEndpoint: VAULT_PE },
      privateEndpoints: { subnetId: VAULT_PE.subnetId, privateDnsZoneResourceGroupName: 'rg-dns', virtualNetworkIds: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/aks'] },
    });
    expect(zoneNames(json)).toEqual(['privatelink.blob.core.usgovcloudapi.net', 'privatelink.vaultcore.usgovcloudapi.net']);
  });

  test('an unknown encryption.cloud (storage.cloud unset) is reported once, under encryption.cloud', () => {
    const error = errorOf(() => synth({ encryption: { keyVaultName: 'kv-mlflow-test', cloud: 'mars' as AzureCloud, network: { allowedIpRanges: ['203.0.113.10'] } } }));
    expect(error).toMatch(/^MlflowOnAzure at test\/Mlflow: 1 invalid prop:\n  - encryption\.cloud = "mars": must be one of "public", "china", "usgovernment"$/);
  });

  test('storage.cloud and encryption.cloud that differ', () => {
    expect(errorOf(() => make(testStack(), { storage: { cloud: AzureCloud.CHINA }, encryption: { ...encryption, cloud: AzureCloud.PUBLIC } })))
      .toMatch(/encryption.cloud = "public": differs from storage.cloud \("china"\): the key vault and the storage account are in one cloud/);
  });
});

describe('MlflowOnAzure: read access to the secondary region', () => {
  const PE = {
    subnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe',
    virtualNetworkIds: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'],
  };

  test.each([StorageReplication.RAGZRS, StorageReplication.RAGRS])('%s with private endpoints, no secondary endpoint: a warning', (replication) => {
    const stack = testStack();
    make(stack, { privateEndpoints: PE, storage: { replication } });
    const expected = replication === StorageReplication.RAGZRS ? 'GZRS' : 'GRS';
    expect(warningsOf(stack).join('\n')).toMatch(new RegExp(`storage.replication = ${replication}: you pay for read access to the secondary region.*Use ${expected} .*or set privateEndpoints.readAccessSecondary: true`));
  });

  test('RAGZRS with readAccessSecondary: a blob_secondary endpoint, no warning', () => {
    const stack = testStack();
    make(stack, { privateEndpoints: { ...PE, readAccessSecondary: true }, storage: { replication: StorageReplication.RAGZRS } });
    const json = JSON.parse(Testing.synth(stack));
    expect(resourcesOf(json, 'azurerm_private_endpoint').map(([, r]) => r.private_service_connection.subresource_names[0]).sort()).toEqual(['blob', 'blob_secondary']);
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toHaveLength(1);
    expect(warningsOf(stack).join('\n')).not.toMatch(/read access to the secondary/);
  });

  test('GZRS with private endpoints: no secondary endpoint, no warning', () => {
    const stack = testStack();
    make(stack, { privateEndpoints: PE, storage: { replication: StorageReplication.GZRS } });
    expect(warningsOf(stack).join('\n')).not.toMatch(/read access to the secondary/);
  });

  test('readAccessSecondary needs a read-access replication', () => {
    const withSecondary = { ...PE, readAccessSecondary: true };
    expect(errorOf(() => make(testStack(), { privateEndpoints: withSecondary, storage: { replication: StorageReplication.GZRS } })))
      .toMatch(/privateEndpoints.readAccessSecondary = true: needs storage.replication RAGRS or RAGZRS \(it is GZRS\)/);
    expect(errorOf(() => make(testStack(), { privateEndpoints: { ...PE, readAccessSecondary: true } })))
      .toMatch(/privateEndpoints.readAccessSecondary = true: needs storage.replication RAGRS or RAGZRS \(it is ZRS, the default\)/);
  });
});

describe('MlflowOnAzure: rotating the artifact credentials', () => {
  test('artifactSecretRevision rewrites the write-only secret and rolls the pods (pod annotation)', () => {
    const { json } = synth({ auth: ArtifactAuth.accountKey(), storage: { sharedAccessKeyEnabled: true }, artifactSecretRevision: 5 });
    const secret = resourcesOf(json, 'kubernetes_secret_v1').map(([, v]) => v).find((v) => 'AZURE_STORAGE_ACCESS_KEY' in v.data_wo);
    expect(secret.data_wo_revision).toBe(5);
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    expect(values.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBe('5');
  });

  test('by default the revision is 1 in the secret and the pod annotation', () => {
    const { json } = synth({ auth: ArtifactAuth.accountKey(), storage: { sharedAccessKeyEnabled: true } });
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    expect(values.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBe('1');
  });

  test('workload identity: no credentials secret, no annotation', () => {
    const { json } = synth();
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    expect(values.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBeUndefined();
  });
});

describe('MlflowOnAzure: validation names the pattern\'s props', () => {
  const bad = (overrides: Partial<MlflowOnAzureProps>) => errorOf(() => make(testStack(), overrides));

  test.each<[string, Partial<MlflowOnAzureProps>, RegExp]>([
    ['storage account name', { storageAccountName: 'Bad_Name' }, /storageAccountName = "Bad_Name": must be 3 to 24 lowercase letters/],
    ['key mode with shared keys off', { auth: ArtifactAuth.accountKey() }, /storage.sharedAccessKeyEnabled = false: the account-key auth mode reads the account key/],
    ['identity mode without an image', { release: {} }, /release.image = undefined: the workload-identity auth mode needs an MLflow image with azure-identity/],
    ['encryption and an explicit key', { encryption: { keyVaultName: 'kv-x-01' }, storage: { identityIds: ['/id'], customerManagedKey: { keyVaultKeyId: 'k', userAssignedIdentityId: '/id' } } }, /storage.customerManagedKey = "<given>": conflicts with encryption/],
    ['private endpoints and allow-all', { privateEndpoints: { subnetId: '/subnets/pe' }, storage: { network: { allowAllNetworks: true } } }, /storage.network.allowAllNetworks = true: conflicts with privateEndpoints/],
  ])('%s', (_name, overrides, message) => {
    expect(bad(overrides)).toMatch(message);
  });

  test('artifactSecretRevision with an auth mode that has no secret', () => {
    expect(bad({ artifactSecretRevision: 2 })).toMatch(
      /artifactSecretRevision = 2: applies to the auth modes with a credentials secret \(account-key, connection-string, service-principal\), not workload-identity/,
    );
  });

  test('artifactSecretRevision is a positive whole number', () => {
    expect(bad({ auth: ArtifactAuth.accountKey(), storage: { sharedAccessKeyEnabled: true }, artifactSecretRevision: 0 })).toMatch(
      /artifactSecretRevision = 0: must be a whole number from 1 to/,
    );
  });

  test('the error names the construct path and lists every problem', () => {
    const msg = bad({ storageAccountName: 'X', auth: ArtifactAuth.connectionString() });
    expect(msg).toMatch(/^MlflowOnAzure at test\/Mlflow: 2 invalid props:/);
  });

  test('allowed networks with private endpoints: a warning, since they have no effect', () => {
    const stack = testStack();
    make(stack, { privateEndpoints: { subnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', virtualNetworkIds: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v'] }, storage: { network: { allowedIpRanges: ['203.0.113.0/24'] } } });
    expect(warningsOf(stack).join('\n')).toMatch(/allowedIpRanges \/ allowedSubnetIds have no effect/);
  });
});

describe('MlflowOnAzure: one round of errors, named by the props the user wrote', () => {
  test('mistakes in the storage, the encryption, the namespace, the release and the sign-in come in one error', () => {
    const error = errorOf(() => synth({
      storage: { softDeleteRetentionDays: 3, containerName: 'Artifacts' },
      encryption: { keyVaultName: '1-bad-vault' },
      namespaceName: 'ML_flow',
      release: { image: IMAGE, workers: 0, ingress: { host: 'https://mlflow' } },
      signIn: undefined,
    }));
    expect(error).toMatch(/^MlflowOnAzure at test\/Mlflow: \d+ invalid props:/);
    for (const expected of [
      /  - storage\.softDeleteRetentionDays = 3: must be a whole number from 7 to 365/,
      /  - storage\.containerName = "Artifacts": must be 3 to 63 lowercase letters/,
      /  - encryption\.keyVaultName = "1-bad-vault": must be 3 to 24 characters/,
      /  - namespaceName = "ML_flow": must be a DNS-1123 label/,
      /  - release\.workers = 0: must be a whole number from 1 to 64/,
      /  - release\.ingress\.host = "https:\/\/mlflow": must be a fully qualified DNS name/,
      /  - signIn = undefined: is required: .*exposes MLflow/,
    ]) expect(error).toMatch(expected);
    // Nothing is reported under a part's own prop names.
    expect(error).not.toMatch(/  - (softDeleteRetentionDays|keyVaultName|name|workers) =/);
  });

  test('the key vault\'s private endpoint, built inside the encryption part, reports under encryption.privateEndpoint', () => {
    const error = errorOf(() => synth({
      encryption: { keyVaultName: 'kv-mlflow-test', privateEndpoint: { subnetId: 'endpoints' } },
      location: 'west-europe',
    }));
    expect(error).toMatch(/  - encryption\.privateEndpoint\.subnetId = "endpoints": must be a subnet resource id/);
    // The region is the pattern's: one problem, however many parts (and the endpoint) use it.
    expect(error.match(/location = "west-europe"/g)).toHaveLength(1);
    expect(error).toMatch(/  - location = "west-europe": must be an Azure region/);
    expect(error).not.toMatch(/  - (subnetId|encryption\.subnetId) =/);
  });

  test('a value the pattern derives is reported once, under the prop the user wrote', () => {
    const prefix = errorOf(() => synth({ namePrefix: 'MLflow_A' }));
    expect(prefix).toMatch(/  - namePrefix = "MLflow_A": /);
    expect(prefix).not.toMatch(/  - (namespaceName|release\.releaseName|release\.serviceAccountName|namespaceName\.name) =/);
    const tags = errorOf(() => synth({ tags: { 'a?b': 'x' }, encryption: { keyVaultName: 'kv-mlflow-test' } }));
    expect(tags.split('\n').filter((l) => l.includes('a?b'))).toEqual(['  - tags["a?b"] = "x": the tag name must be 1 to 512 characters without <, >, %, &, \\, ? or /']);
    const vault = errorOf(() => synth({
      encryption: { existingKeyVault: { keyVaultId: 'kv-x' } },
      monitoring: { actionGroup: { name: 'ag', shortName: 'mlflow', emailReceivers: [{ name: 'oncall', emailAddress: 'oncall@example.com' }] } },
    }));
    expect(vault).toMatch(/  - encryption\.existingKeyVault\.keyVaultId = "kv-x": /);
    expect(vault).not.toMatch(/  - monitoring\.keyVaultId =/);
    // a tag the part sets itself is the part's
    expect(errorOf(() => synth({ storage: { tags: { 'c&d': 'y' } } }))).toMatch(/  - storage\.tags\["c&d"\] = "y"/);
  });

  test('what JavaScript callers or variables can pass is reported, not a crash that hides the rest', () => {
    const error = errorOf(() => {
      const stack = testStack();
      const list = new TerraformVariable(stack, 'vnets', { type: 'list(string)' }).listValue;
      const map = new TerraformVariable(stack, 'tags', { type: 'map(string)' });
      make(stack, {
        storage: { cloud: 'mars' as AzureCloud, softDeleteRetentionDays: 3 },
        backendStore: undefined as unknown as MlflowBackendStore,
        privateEndpoints: { subnetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe', virtualNetworkIds: list },
        tags: Token.asStringMap(map.value),
      });
    });
    expect(error).toMatch(/^MlflowOnAzure at test\/Mlflow: \d+ invalid props:/);
    for (const expected of [
      /  - storage\.cloud = "mars": must be one of "public", "china", "usgovernment"/,
      /  - backendStore = undefined: is required: MlflowBackendStore\.postgres/,
      /  - privateEndpoints\.virtualNetworkIds = <token>: must be a literal list/,
      /  - tags = <token>: must be a literal map/,
      /  - storage\.softDeleteRetentionDays = 3: must be a whole number from 7 to 365/,
    ]) expect(error).toMatch(expected);
    expect(error).not.toMatch(/TypeError|Cannot read/);
  });

  test('a secret is never echoed, whatever part reports it', () => {
    const error = errorOf(() => synth({
      backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'mlflow', user: 'mlflow', password: 'hunter2-literal' }),
      storage: { softDeleteRetentionDays: 3 },
    }));
    expect(error).toMatch(/  - backendStore\.postgres\.password = "<literal, not shown>"/);
    expect(error).toMatch(/  - storage\.softDeleteRetentionDays = 3/);
    expect(error).not.toContain('hunter2-literal');
  });
});

describe('MlflowOnAzure: explicit providers', () => {
  test('every resource and data source of the instance gets the provider of its kind, later grants and the grant on a store it does not own too', () => {
    const stack = testStack();
    const azurerm = new AzurermProvider(stack, 'azurerm-ml', { alias: 'ml', features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000001' });
    const kubernetes = new KubernetesProvider(stack, 'kubernetes-ml', { alias: 'ml' });
    const helm = new HelmProvider(stack, 'helm-ml', { alias: 'ml' });
    const time = new TimeProvider(stack, 'time-ml', { alias: 'ml' });
    const providers = { azurerm, kubernetes, helm, time };
    const own = make(stack, { encryption: { keyVaultName: 'kv-mlflow-test', network: { allowedIpRanges: ['203.0.113.10'] } }, providers });
    own.store.grantRead('Readers', '33333333-3333-3333-3333-333333333333');
    const store = ArtifactStore.fromAttributes(stack, 'Shared', {
      accountName: 'stshared001', accountId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stshared001', containerName: 'mlflow',
    });
    new MlflowOnAzure(stack, 'Other', {
      resourceGroupName: 'rg',
      location: 'westeurope',
      store,
      namePrefix: 'mlflow-other',
      cluster: stack.node.findChild('Aks') as AksCluster,
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      release: { image: IMAGE },
      signIn: NO_SIGN_IN,
      providers,
    });
    const json = JSON.parse(Testing.synth(stack));
    const expected: Record<string, string> = { azurerm: 'azurerm.ml', kubernetes: 'kubernetes.ml', helm: 'helm.ml', time: 'time.ml' };
    const checked: string[] = [];
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byId] of Object.entries<Record<string, any>>(json[kind] ?? {})) {
        for (const [id, config] of Object.entries<any>(byId)) {
          if (id.startsWith('Aks')) continue; // the cluster lookup is the user's, outside the instances
          expect(`${kind}.${type}.${id}: ${config.provider}`).toBe(`${kind}.${type}.${id}: ${expected[type.split('_')[0]]}`);
          checked.push(type);
        }
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['azurerm_role_assignment', 'azurerm_key_vault', 'time_sleep', 'kubernetes_namespace_v1', 'helm_release', 'azurerm_client_config']));
    const grants = resourcesOf(json, 'azurerm_role_assignment').map(([id]) => id).join(' ');
    expect(grants).toMatch(/Mlflow_ArtifactStore_GrantReaders_/);
    expect(grants).toMatch(/Shared_GrantOtherArtifactAccess_/);
  });
});

describe('addOutputs', () => {
  const outputsOf = (json: any) => json.output as Record<string, { value: unknown }>;

  test('tracking URL, artifact URI, account, identity and the verify commands; a prefix for several instances', () => {
    const stack = testStack();
    const mlflow = make(stack);
    mlflow.addOutputs('team_a_');
    const outputs = outputsOf(JSON.parse(Testing.synth(stack)));
    expect(Object.keys(outputs).sort()).toEqual(['team_a_artifact_uri', 'team_a_identity_client_id', 'team_a_storage_account', 'team_a_tracking_url', 'team_a_verify_commands']);
    const ns = ref(stack, mlflow.kubernetesNamespace.name);
    expect(outputs.team_a_tracking_url.value).toBe(`http://mlflow.${ns}.svc.cluster.local:80`);
    const commands = outputs.team_a_verify_commands.value as string[];
    expect(commands[0]).toBe(`kubectl -n ${ns} rollout status deployment/mlflow`);
    expect(commands.some((c) => c.includes('httproute'))).toBe(false);
  });

  test('behind a Gateway: the route\'s acceptance is among the verify commands (helm does not wait for it)', () => {
    const stack = testStack();
    const mlflow = make(stack, {
      release: {
        image: IMAGE,
        ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.GATEWAY_API, gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' } },
      },
    });
    mlflow.addOutputs();
    const outputs = outputsOf(JSON.parse(Testing.synth(stack)));
    expect(outputs.tracking_url.value).toBe('https://mlflow.example.com');
    const ns = ref(stack, mlflow.kubernetesNamespace.name);
    expect(outputs.verify_commands.value).toContain(
      `kubectl -n ${ns} get httproute mlflow -o jsonpath='{range .status.parents[*].conditions[*]}{.type}={.status} {.reason}{"\\n"}{end}'`,
    );
  });

  test('a prefix that is no Terraform output name fails', () => {
    const stack = testStack();
    expect(errorOf(() => make(stack).addOutputs('1 bad'))).toMatch(/prefix = "1 bad": must be empty or start with a letter/);
  });
});
