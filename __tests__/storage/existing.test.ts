import { TerraformStack, Testing } from 'cdktf';
import { AksCluster, ArtifactAuth, ArtifactStore, IArtifactStore, MlflowBackendStore, MlflowOnAzure } from '../../lib';
import { AKS_ATTRIBUTES, NO_SIGN_IN, sensitiveVariable } from '../mlflow/fixtures';
import { errorOf, onlyResource, ref, resourcesOf, testStack } from '../util';

const ACCOUNT_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdatalake001';
const IMAGE = { repository: 'acr.azurecr.io/mlflow-azure', tag: '3.15.1' };

function cluster(stack: TerraformStack): AksCluster {
  return AksCluster.fromAttributes(stack, 'Aks', AKS_ATTRIBUTES);
}

function mlflowOn(stack: TerraformStack, store: IArtifactStore, auth: ArtifactAuth): MlflowOnAzure {
  return new MlflowOnAzure(stack, 'Mlflow', {
    resourceGroupName: 'rg-mlflow',
    location: 'westeurope',
    store,
    cluster: cluster(stack),
    auth,
    backendStore: MlflowBackendStore.sqliteForDevelopment(),
    release: { image: IMAGE },
    signIn: NO_SIGN_IN,
  });
}

describe('ArtifactStore.fromAttributes / fromExisting: a store this library does not manage', () => {
  test('attributes: no account, no lock, no lifecycle; the grant is scoped to the container', () => {
    const stack = testStack();
    const store = ArtifactStore.fromAttributes(stack, 'Store', { accountName: 'stdatalake001', accountId: ACCOUNT_ID, containerName: 'mlflow', artifactPath: 'runs' });
    store.grantReadWrite('Jobs', '11111111-1111-1111-1111-111111111111');
    const json = JSON.parse(Testing.synth(stack));
    expect(resourcesOf(json, 'azurerm_storage_account')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_management_lock')).toEqual([]);
    expect(resourcesOf(json, 'azurerm_storage_management_policy')).toEqual([]);
    expect(onlyResource(json, 'azurerm_role_assignment')).toMatchObject({
      scope: `${ACCOUNT_ID}/blobServices/default/containers/mlflow`,
      role_definition_name: 'Storage Blob Data Contributor',
    });
    expect(store.artifactUri).toBe('wasbs://mlflow@stdatalake001.blob.core.windows.net/runs');
    expect(store.managed).toBe(false);
  });

  test('two instances on one store (a primary and a disaster-recovery cluster): each its own grant on the container', () => {
    const stack = testStack();
    const store = ArtifactStore.fromAttributes(stack, 'Store', { accountName: 'stdatalake001', accountId: ACCOUNT_ID, containerName: 'mlflow' });
    const aks = cluster(stack);
    const props = {
      resourceGroupName: 'rg-mlflow',
      location: 'westeurope',
      store,
      cluster: aks,
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      release: { image: IMAGE },
      signIn: NO_SIGN_IN,
    };
    new MlflowOnAzure(stack, 'Primary', { ...props, namePrefix: 'mlflow-primary' });
    new MlflowOnAzure(stack, 'Dr', { ...props, namePrefix: 'mlflow-dr' });
    const grants = resourcesOf(JSON.parse(Testing.synth(stack)), 'azurerm_role_assignment');
    expect(grants.map(([id]) => id.replace(/_[0-9A-F]{8}$/, '')).sort()).toEqual(['Store_GrantDrArtifactAccess', 'Store_GrantPrimaryArtifactAccess']);
    expect(new Set(grants.map(([, g]) => g.scope))).toEqual(new Set([`${ACCOUNT_ID}/blobServices/default/containers/mlflow`]));
  });

  test('two instances on containers of one account, each with private endpoints: endpoints named after the instances, one zone', () => {
    const stack = testStack();
    const shared = new ArtifactStore(stack, 'Shared', { resourceGroupName: 'rg-mlflow', location: 'westeurope', accountName: 'stmlflowshared01', containerName: 'vision' });
    const aks = cluster(stack);
    const SUBNET = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe';
    const props = {
      resourceGroupName: 'rg-mlflow',
      location: 'westeurope',
      cluster: aks,
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      release: { image: IMAGE },
      signIn: NO_SIGN_IN,
    };
    const vision = new MlflowOnAzure(stack, 'Vision', { ...props, namePrefix: 'mlflow-vision', store: shared, privateEndpoints: { subnetId: SUBNET } });
    new MlflowOnAzure(stack, 'Nlp', {
      ...props,
      namePrefix: 'mlflow-nlp',
      store: shared.addContainer('Nlp', { containerName: 'nlp' }),
      privateEndpoints: { subnetId: SUBNET, privateDnsZoneIds: { blob: vision.privateEndpoints!.privateDnsZoneIds.blob } },
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(stack.node.validate().filter((e) => e.includes('two resources have one name'))).toEqual([]);
    expect(resourcesOf(json, 'azurerm_private_endpoint').map(([, pe]) => pe.name).sort()).toEqual(['pe-mlflow-nlp-blob-pe', 'pe-mlflow-vision-blob-pe']);
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toHaveLength(1);
  });

  test('lookup: the account is read with a data source (its id, key and connection string)', () => {
    const stack = testStack();
    const store = ArtifactStore.fromExisting(stack, 'Store', { accountName: 'stdatalake001', resourceGroupName: 'rg-data', containerName: 'mlflow', sharedAccessKeyEnabled: true });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.data.azurerm_storage_account).toBeDefined();
    expect(ref(stack, store.accountId)).toMatch(/^\$\{data\.azurerm_storage_account\.\w+\.id\}$/);
    expect(ref(stack, store.primaryAccessKey!)).toMatch(/^\$\{data\.azurerm_storage_account\.\w+\.primary_access_key\}$/);
  });

  test.each([
    ['account key', () => ArtifactAuth.accountKey()],
    ['connection string', () => ArtifactAuth.connectionString()],
    ['service principal', (s: TerraformStack) => ArtifactAuth.servicePrincipal({
      clientId: '22222222-2222-2222-2222-222222222222',
      tenantId: '33333333-3333-3333-3333-333333333333',
      objectId: '44444444-4444-4444-4444-444444444444',
      clientSecret: sensitiveVariable(s, 'sp_secret').stringValue,
    })],
    ['workload identity', () => ArtifactAuth.workloadIdentity()],
    ['kubelet identity', () => ArtifactAuth.kubeletIdentity()],
  ])('an existing account works with %s', (_name, auth) => {
    const stack = testStack();
    const store = ArtifactStore.fromExisting(stack, 'Store', { accountName: 'stdatalake001', resourceGroupName: 'rg-data', containerName: 'mlflow', sharedAccessKeyEnabled: true });
    const mlflow = mlflowOn(stack, store, auth(stack));
    const json = JSON.parse(Testing.synth(stack));
    expect(resourcesOf(json, 'azurerm_storage_account')).toEqual([]);
    expect(mlflow.managedStore).toBeUndefined();
    expect(JSON.parse(onlyResource(json, 'helm_release').values[0]).artifactRoot.azureBlob).toMatchObject({ container: 'mlflow', storageAccount: 'stdatalake001' });
  });

  test.each<[string, () => unknown, RegExp]>([
    ['account id that is not a storage account id', () => ArtifactStore.fromAttributes(testStack(), 'S', { accountName: 'stdatalake001', accountId: '/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', containerName: 'mlflow' }), /accountId = ".*vaults\/kv": must be a storage account resource id/],
    ['account id of another account', () => ArtifactStore.fromAttributes(testStack(), 'S', { accountName: 'stother001', accountId: ACCOUNT_ID, containerName: 'mlflow' }), /accountId = ".*stdatalake001": must end with the account name \(stother001\)/],
    ['a literal key', () => ArtifactStore.fromAttributes(testStack(), 'S', { accountName: 'stdatalake001', accountId: ACCOUNT_ID, containerName: 'mlflow', primaryAccessKey: 'abc==' }), /primaryAccessKey = "<literal, not shown>": must be a Terraform reference/],
    ['a bad container name', () => ArtifactStore.fromExisting(testStack(), 'S', { accountName: 'stdatalake001', resourceGroupName: 'rg', containerName: 'ML' }), /containerName = "ML": must be 3 to 63 lowercase/],
  ])('%s', (_name, build, message) => {
    expect(errorOf(build)).toMatch(message);
  });

  test('the account key mode needs the key: an existing store given without it fails, named by the pattern\'s store prop', () => {
    const stack = testStack();
    const store = ArtifactStore.fromAttributes(stack, 'Store', { accountName: 'stdatalake001', accountId: ACCOUNT_ID, containerName: 'mlflow', sharedAccessKeyEnabled: true });
    expect(errorOf(() => mlflowOn(stack, store, ArtifactAuth.accountKey()))).toMatch(/  - store\.primaryAccessKey = undefined: the account key mode needs the account's key/);
  });

  test('store with storage or encryption settings fails: they configure an account this construct creates', () => {
    const stack = testStack();
    const store = ArtifactStore.fromAttributes(stack, 'Store', { accountName: 'stdatalake001', accountId: ACCOUNT_ID, containerName: 'mlflow' });
    const error = errorOf(() => new MlflowOnAzure(stack, 'Mlflow', {
      resourceGroupName: 'rg-mlflow',
      location: 'westeurope',
      store,
      storageAccountName: 'stmlflow001',
      storage: { softDeleteRetentionDays: 30 },
      cluster: cluster(stack),
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      release: { image: IMAGE },
      signIn: NO_SIGN_IN,
    }));
    expect(error).toMatch(/storageAccountName = "stmlflow001": configures the storage account this construct creates/);
    expect(error).toMatch(/storage = .*: configures the storage account this construct creates/);
  });
});
