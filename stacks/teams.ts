import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ExampleStack } from './common';
import {
  AksCluster,
  KubernetesAuth,
  MlflowBackendStore,
  MlflowCheckId,
  MlflowChecks,
  MlflowIngressController,
  MlflowSignIn,
  MlflowTeams,
  StorageReplication,
} from '../lib';

/**
 * mlflow-teams: one cluster, three teams, each with its own MLflow (namespace, release, network
 * policy, identity, sign-in groups, database). vision and nlp share one storage account, each in
 * its own container with a role on it only; forecasting keeps its artifacts in an account of its
 * own. Everyone signs in with Entra ID through one application registered by an administrator
 * (one redirect URI per team host), each team with its own groups.
 */
export class MlflowTeamsStack extends ExampleStack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { sharedKeys: false });
    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-mlflow-teams', location: 'westeurope' });

    const dbPassword = this.secretVariable('mlflow_db_password', 'Password of the MLflow PostgreSQL user (one server, a database per team)');
    const tenantId = this.inputVariable('entra_tenant_id', 'Directory (tenant) id of the Entra application MLflow signs people in with');
    const clientId = this.inputVariable('entra_client_id', 'Application (client) id of that application');
    const clientSecret = this.secretVariable('entra_client_secret', 'Client secret of that application');
    const platformAdmins = this.inputVariable('mlflow_admin_group_ids', 'Object ids of the Entra groups of the MLflow platform admins', 'list(string)');

    const cluster = AksCluster.fromLookup(this, 'Aks', { name: 'aks-mlflow-teams', resourceGroupName: 'rg-aks-teams' });
    cluster.configureProviders(KubernetesAuth.kubelogin());

    const team = (name: string, storageAccountName?: string) => ({
      name,
      storageAccountName,
      backendStore: MlflowBackendStore.postgres({
        host: 'psql-mlflow-teams.postgres.database.azure.com',
        database: `mlflow_${name}`,
        user: 'mlflow',
        password: dbPassword.stringValue,
      }),
      signIn: MlflowSignIn.entraId({
        tenantId: tenantId.stringValue,
        clientId: clientId.stringValue,
        clientSecret: clientSecret.stringValue,
        userGroupObjectIds: this.inputVariable(`mlflow_${name}_group_ids`, `Object ids of the Entra groups of team ${name}`, 'list(string)').listValue,
        adminGroupObjectIds: platformAdmins.listValue,
        database: { database: `mlflow_${name}_auth` },
      }),
      release: {
        // each team's host on the platform's Gateway (its HTTPS listener holds a wildcard certificate)
        ingress: {
          host: `${name}.mlflow.example.com`,
          controller: MlflowIngressController.GATEWAY_API,
          gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' },
        },
        networkPolicy: { clientNamespaces: [`ml-${name}`] },
      },
    });

    const teams = new MlflowTeams(this, 'Teams', {
      resourceGroupName: rg.name,
      location: rg.location,
      cluster,
      sharedStorageAccountName: 'stmlflowteams001',
      sharedStorage: { replication: StorageReplication.ZRS },
      release: { image: { repository: 'crmlflowteams.azurecr.io/mlflow-azure', tag: '3.15.1' } },
      teams: [team('vision'), team('nlp'), team('forecasting', 'stmlflowforecast001')],
      tags: { environment: 'staging', workload: 'mlflow' },
    });
    for (const [name, instance] of Object.entries(teams.instances)) instance.addOutputs(`${name}_`);

    MlflowChecks.suppress(this, MlflowCheckId.NO_DIAGNOSTICS, 'mlflow-teams shows the layout of a shared platform; diagnostics and alerts are shown in mlflow-prod (add ArtifactMonitoring for each account before running it for real)');
  }
}
