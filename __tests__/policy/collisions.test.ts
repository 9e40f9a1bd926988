import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AksCluster, KubernetesAuth, MlflowBackendStore, MlflowOnAzure, MlflowOnAzureProps } from '../../lib';
import { clusterWithProviders, NO_SIGN_IN, sensitiveVariable } from '../mlflow/fixtures';
import { errorOf, testApp } from '../util';

/* Two resources of one type with one name in one scope fail synth, naming both constructs. */

const IMAGE = { repository: 'acr.azurecr.io/mlflow-azure', tag: '3.15.1' };

const cluster = clusterWithProviders;

function instance(stack: TerraformStack, id: string, overrides: Partial<MlflowOnAzureProps> = {}): MlflowOnAzure {
  return new MlflowOnAzure(stack, id, {
    resourceGroupName: 'rg-mlflow',
    location: 'westeurope',
    storageAccountName: `st${id.toLowerCase()}001`,
    cluster: cluster(stack),
    backendStore: MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: id.toLowerCase(), user: 'mlflow', password: sensitiveVariable(stack, 'db_password').stringValue }),
    release: { image: IMAGE },
    signIn: NO_SIGN_IN,
    ...overrides,
  });
}

const validate = (stack: TerraformStack) => errorOf(() => Testing.synth(stack, true));

describe('name collisions', () => {
  test('two instances with the defaults: identities, namespaces, releases and secrets collide, each naming both constructs', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A');
    instance(stack, 'B');
    const error = validate(stack);
    expect(error).toMatch(/azurerm_user_assigned_identity "id-mlflow-artifacts" in resource group "rg-mlflow", created by test\/A\/ArtifactAccess\/Identity and test\/B\/ArtifactAccess\/Identity/);
    expect(error).toMatch(/namespace "mlflow" in the cluster, created by test\/A\/Namespace\/Namespace and test\/B\/Namespace\/Namespace/);
    expect(error).toMatch(/give each MLflow instance its own namePrefix/);
  });

  test('two instances with their own names: no collision', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A', { namePrefix: 'team-a' });
    instance(stack, 'B', { namePrefix: 'team-b' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('one name through different providers (another subscription, another cluster): no collision', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A');
    const other = AksCluster.fromAttributes(stack, 'OtherAks', {
      name: 'aks-other',
      oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/other/',
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      host: 'https://aks-other.example.com',
      clusterCaCertificate: sensitiveVariable(stack, 'ca_other').stringValue,
    });
    const { kubernetes, helm } = other.configureProviders(KubernetesAuth.kubelogin(), { alias: 'other' });
    const azurerm = new AzurermProvider(stack, 'azurerm-other', { alias: 'other', features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000001' });
    instance(stack, 'B', { cluster: other, providers: { azurerm, kubernetes, helm } });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    // The same names through the default providers do collide (the test above can fail).
    const same = new TerraformStack(testApp(), 'same');
    instance(same, 'A');
    instance(same, 'B', { providers: { azurerm: new AzurermProvider(same, 'azurerm-other', { alias: 'other', features: [{}] }) } });
    const error = validate(same);
    expect(error).not.toMatch(/azurerm_user_assigned_identity/);
    expect(error).toMatch(/namespace "mlflow" in the cluster, created by same\/A\/Namespace\/Namespace and same\/B\/Namespace\/Namespace/);
  });

  test('two releases in one namespace with one name collide', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A', { namePrefix: 'team-a', namespaceName: 'ml', createNamespace: false, release: { image: IMAGE, releaseName: 'mlflow' } });
    instance(stack, 'B', { namePrefix: 'team-b', namespaceName: 'ml', createNamespace: false, release: { image: IMAGE, releaseName: 'mlflow' } });
    expect(validate(stack)).toMatch(/helm release "mlflow" in namespace "ml", created by test\/A\/Release\/Release and test\/B\/Release\/Release/);
  });

  test('the same storage account name in two stacks of one app fails at app synth (the name is global)', () => {
    const app = new App({ outdir: testApp().outdir, skipValidation: false });
    const one = new TerraformStack(app, 'one');
    const two = new TerraformStack(app, 'two');
    instance(one, 'A', { storageAccountName: 'stmlflowshared1' });
    instance(two, 'A', { storageAccountName: 'stmlflowshared1' });
    const errors = app.node.validate();
    expect(errors.join('\n')).toMatch(/storage account "stmlflowshared1" \(the name is global in Azure\), created by one\/A\/ArtifactStore\/Account and two\/A\/ArtifactStore\/Account/);
  });

  test('only the types the library creates are judged: hand-written subnets, NSG rules and DNS records scoped by a parent name pass', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A');
    new Subnet(stack, 'SnA', { resourceGroupName: 'rg-net', name: 'default', virtualNetworkName: 'vnet-a', addressPrefixes: ['10.0.0.0/24'] });
    new Subnet(stack, 'SnB', { resourceGroupName: 'rg-net', name: 'default', virtualNetworkName: 'vnet-b', addressPrefixes: ['10.1.0.0/24'] });
    new PrivateDnsARecord(stack, 'RecA', { resourceGroupName: 'rg-dns', zoneName: 'a.example.internal', name: 'mlflow', ttl: 300, records: ['10.0.0.4'] });
    new PrivateDnsARecord(stack, 'RecB', { resourceGroupName: 'rg-dns', zoneName: 'b.example.internal', name: 'mlflow', ttl: 300, records: ['10.1.0.4'] });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('one name given by one reference expression is one name; count and for_each are not compared', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A');
    const name = new TerraformVariable(stack, 'identity_name', { type: 'string' }).stringValue;
    new UserAssignedIdentity(stack, 'IdA', { resourceGroupName: 'rg-mlflow', location: 'westeurope', name });
    new UserAssignedIdentity(stack, 'IdB', { resourceGroupName: 'rg-mlflow', location: 'westeurope', name });
    expect(validate(stack)).toMatch(/azurerm_user_assigned_identity \$\{var.identity_name\} in resource group "rg-mlflow", created by test\/IdA and test\/IdB/);
    const counted = new TerraformStack(testApp(), 'counted');
    instance(counted, 'A');
    const c1 = new UserAssignedIdentity(counted, 'IdA', { resourceGroupName: 'rg-mlflow', location: 'westeurope', name: 'id-x' });
    c1.count = 2;
    // the same literal name: one of them counted (count.index may make it distinct), so no collision
    new UserAssignedIdentity(counted, 'IdB', { resourceGroupName: 'rg-mlflow', location: 'westeurope', name: 'id-x' });
    expect(() => Testing.synth(counted, true)).not.toThrow();
  });

  test('a second private DNS zone of one name in one resource group: the fix says to create it once', () => {
    const stack = new TerraformStack(testApp(), 'test');
    instance(stack, 'A');
    new PrivateDnsZone(stack, 'ZoneA', { resourceGroupName: 'rg-dns', name: 'privatelink.blob.core.windows.net' });
    new PrivateDnsZone(stack, 'ZoneB', { resourceGroupName: 'rg-dns', name: 'privatelink.blob.core.windows.net' });
    expect(validate(stack)).toMatch(/azurerm_private_dns_zone "privatelink.blob.core.windows.net" in resource group "rg-dns", created by test\/ZoneA and test\/ZoneB: a zone name is unique in a resource group: create the zone once/);
  });

  test('scopes given by references: different references are different scopes, one reference is one scope', () => {
    // two instances whose releases are both named "mlflow"
    const release = { image: IMAGE, releaseName: 'mlflow' };
    const apart = new TerraformStack(testApp(), 'apart');
    instance(apart, 'A', { namePrefix: 'team-a', release, namespaceName: sensitiveVariable(apart, 'ns_a').stringValue, createNamespace: false });
    instance(apart, 'B', { namePrefix: 'team-b', release, namespaceName: sensitiveVariable(apart, 'ns_b').stringValue, createNamespace: false });
    expect(() => Testing.synth(apart, true)).not.toThrow();
    const together = new TerraformStack(testApp(), 'together');
    const ns = sensitiveVariable(together, 'ns').stringValue;
    instance(together, 'A', { namePrefix: 'team-a', release, namespaceName: ns, createNamespace: false });
    instance(together, 'B', { namePrefix: 'team-b', release, namespaceName: ns, createNamespace: false });
    expect(validate(together)).toMatch(/helm release "mlflow" in namespace \$\{var\.ns\}, created by together\/A\/Release\/Release and together\/B\/Release\/Release/);
  });
});
