import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ExampleStack, exampleOutputs } from './common';
import { AksCluster, ArtifactAuth, KubernetesAuth, MlflowBackendStore, MlflowCheckId, MlflowChecks, MlflowOnAzure, MlflowSignIn, StorageReplication } from '../lib';

/**
 * mlflow-sp: MLflow authenticates to Blob Storage as a service principal (for clusters
 * without workload identity). Shared keys are off; the client secret and the database
 * password come from sensitive variables and reach the cluster through write-only secrets.
 */
export class MlflowSpStack extends ExampleStack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { sharedKeys: false });
    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-mlflow-sp', location: 'westeurope' });

    const clientId = this.inputVariable('mlflow_sp_client_id', 'Application (client) id of the service principal MLflow uses');
    const tenantId = this.inputVariable('mlflow_sp_tenant_id', 'Tenant id of the service principal');
    const objectId = this.inputVariable('mlflow_sp_object_id', 'Object id of the service principal (enterprise application)');
    const clientSecret = this.secretVariable('mlflow_sp_client_secret', 'Client secret of the service principal');
    const dbPassword = this.secretVariable('mlflow_db_password', 'Password of the MLflow PostgreSQL user');
    const adminPassword = this.secretVariable('mlflow_admin_password', 'Password of the MLflow basic auth admin (at least 12 characters)');

    const cluster = AksCluster.fromLookup(this, 'Aks', { name: 'aks-mlflow', resourceGroupName: 'rg-aks' });
    cluster.configureProviders(KubernetesAuth.kubelogin());

    const mlflow = new MlflowOnAzure(this, 'Mlflow', {
      resourceGroupName: rg.name,
      location: rg.location,
      storageAccountName: 'stmlflowsp001',
      cluster,
      // MLflow basic auth: the admin from a write-only secret; users and permissions in the tracking database.
      signIn: MlflowSignIn.basicAuth({ adminPassword: adminPassword.stringValue }),
      auth: ArtifactAuth.servicePrincipal({
        clientId: clientId.stringValue,
        tenantId: tenantId.stringValue,
        objectId: objectId.stringValue,
        clientSecret: clientSecret.stringValue,
      }),
      backendStore: MlflowBackendStore.postgres({
        host: 'psql-mlflow.postgres.database.azure.com',
        database: 'mlflow',
        user: 'mlflow',
        password: dbPassword.stringValue,
      }),
      storage: {
        replication: StorageReplication.ZRS,
        network: { allowedSubnetIds: [this.inputVariable('aks_node_subnet_id', 'AKS node subnet (with the Microsoft.Storage service endpoint)').stringValue] },
      },
      release: {
        image: { repository: 'crmlflowexample.azurecr.io/mlflow-azure', tag: '3.15.1' },
        replicas: 2,
      },
      // After rotating the client secret (a new TF_VAR_mlflow_sp_client_secret), raise this: the
      // write-only Kubernetes secret is rewritten and the MLflow pods roll to read it.
      artifactSecretRevision: 1,
      tags: { environment: 'staging', workload: 'mlflow' },
    });
    exampleOutputs(this, mlflow, 'mlflow');

    MlflowChecks.suppress(this, MlflowCheckId.NO_DIAGNOSTICS, 'mlflow-sp shows the service principal mode alone; diagnostics and alerts are shown in mlflow-prod (add `monitoring` before running it for real)');
  }
}
