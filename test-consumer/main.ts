import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AksCluster, ArtifactAuth, KubernetesAuth, MlflowBackendStore, MlflowChecks, MlflowIngressTls, MlflowOnAzure, MlflowSignIn } from 'cdktf-mlflow-azure';

// A user's own cdktf app: the ten-line case with workload identity, importing only the
// package entry point.
const app = new App({ outdir: 'out' });
const stack = new TerraformStack(app, 'mlflow');
new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
const cluster = AksCluster.fromLookup(stack, 'Aks', { name: 'aks-prod', resourceGroupName: 'rg-aks' });
cluster.configureProviders(KubernetesAuth.kubelogin());
const dbPassword = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
const clientSecret = new TerraformVariable(stack, 'entra_client_secret', { type: 'string', sensitive: true });
new MlflowOnAzure(stack, 'Mlflow', {
  resourceGroupName: 'rg-mlflow', location: 'westeurope', storageAccountName: 'stmlflowconsumer1', cluster,
  auth: ArtifactAuth.workloadIdentity(),
  backendStore: MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: 'mlflow', user: 'mlflow', password: dbPassword.stringValue }),
  signIn: MlflowSignIn.entraId({
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', clientId: '0b1e3a7c-5d2f-4e6a-9c8b-1a2b3c4d5e6f', clientSecret: clientSecret.stringValue,
    userGroupObjectIds: ['11111111-1111-1111-1111-111111111111'], adminGroupObjectIds: ['22222222-2222-2222-2222-222222222222'],
    database: { database: 'mlflow_auth' },
  }),
  release: {
    image: { repository: 'myacr.azurecr.io/mlflow-azure', tag: '3.15.1' },
    ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt' }) },
  },
  storage: { network: { allowedSubnetIds: ['/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/aks'] } },
});
MlflowChecks.addTo(stack);
app.synth();
console.log('synthesized');
