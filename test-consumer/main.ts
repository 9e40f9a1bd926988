import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AksCluster, ArtifactAuth, KubernetesAuth, MlflowBackendStore, MlflowChecks, MlflowOnAzure } from 'cdktf-mlflow-azure';

// A user's own cdktf app: the ten-line case with workload identity, importing only the
// package entry point.
const app = new App({ outdir: 'out' });
const stack = new TerraformStack(app, 'mlflow');
new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
const cluster = AksCluster.fromLookup(stack, 'Aks', { name: 'aks-prod', resourceGroupName: 'rg-aks' });
cluster.configureProviders(KubernetesAuth.kubelogin());
const dbPassword = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
new MlflowOnAzure(stack, 'Mlflow', {
  resourceGroupName: 'rg-mlflow', location: 'westeurope', storageAccountName: 'stmlflowconsumer1', cluster,
  auth: ArtifactAuth.workloadIdentity(),
  backendStore: MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: 'mlflow', user: 'mlflow', password: dbPassword.stringValue }),
  release: { image: { repository: 'myacr.azurecr.io/mlflow-azure', tag: '3.15.1' } },
  storage: { network: { allowedSubnetIds: ['/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/aks'] } },
});
MlflowChecks.addTo(stack);
app.synth();
console.log('synthesized');
