import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ExampleStack, exampleOutputs } from './common';
import {
  AksCluster,
  ArtifactAuth,
  KubernetesAuth,
  MlflowBackendStore,
  MlflowIngressController,
  MlflowOnAzure,
  MlflowSignIn,
  StorageReplication,
} from '../lib';

/**
 * mlflow-prod: what a security review signs. Workload identity (no key or secret for
 * storage anywhere), shared keys off, customer-managed key in a firewalled Key Vault with
 * purge protection, private endpoints for blob storage and the vault, diagnostics and alerts,
 * geo-zone-redundant storage with point-in-time restore, delete lock and prevent_destroy.
 */
export class MlflowProdStack extends ExampleStack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { sharedKeys: false });
    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-mlflow-prod', location: 'westeurope' });

    const dbPassword = this.secretVariable('mlflow_db_password', 'Password of the MLflow PostgreSQL user');
    const privateEndpointSubnetId = this.inputVariable('private_endpoint_subnet_id', 'Subnet for the private endpoints of storage and Key Vault');
    const vnetId = this.inputVariable('vnet_id', 'VNet the private DNS zones are linked to (the AKS VNet)');
    const alertEmail = this.inputVariable('alert_email', 'E-mail address that receives the storage alerts');
    // Sign-in: an Entra application registered by an administrator, given by variables.
    const tenantId = this.inputVariable('entra_tenant_id', 'Directory (tenant) id of the Entra application MLflow signs people in with');
    const clientId = this.inputVariable('entra_client_id', 'Application (client) id of that application');
    const clientSecret = this.secretVariable('entra_client_secret', 'Client secret of that application');
    const userGroups = this.inputVariable('mlflow_user_group_ids', 'Object ids of the Entra groups whose members may sign in', 'list(string)');
    const adminGroups = this.inputVariable('mlflow_admin_group_ids', 'Object ids of the Entra groups of the MLflow admins', 'list(string)');

    const cluster = AksCluster.fromLookup(this, 'Aks', { name: 'aks-mlflow-prod', resourceGroupName: 'rg-aks-prod' });
    cluster.configureProviders(KubernetesAuth.kubelogin());

    const mlflow = new MlflowOnAzure(this, 'Mlflow', {
      resourceGroupName: rg.name,
      location: rg.location,
      storageAccountName: 'stmlflowprod001',
      cluster,
      auth: ArtifactAuth.workloadIdentity(),
      signIn: MlflowSignIn.entraId({
        tenantId: tenantId.stringValue,
        clientId: clientId.stringValue,
        clientSecret: clientSecret.stringValue,
        userGroupObjectIds: userGroups.listValue,
        adminGroupObjectIds: adminGroups.listValue,
        // The plugin's users and permissions: its own database on the tracking server.
        database: { database: 'mlflow_auth' },
      }),
      backendStore: MlflowBackendStore.postgres({
        host: 'psql-mlflow-prod.postgres.database.azure.com',
        database: 'mlflow',
        user: 'mlflow',
        password: dbPassword.stringValue,
      }),
      storage: {
        // Geo-zone-redundant. Not RAGZRS: public access is off (private endpoints), so a
        // read-access secondary would be paid for and unreachable without a blob_secondary
        // endpoint (privateEndpoints.readAccessSecondary: true adds one).
        replication: StorageReplication.GZRS,
        softDeleteRetentionDays: 30,
        pointInTimeRestoreDays: 29,
        changeFeedRetentionDays: 90,
        lifecycle: { coolAfterDays: 90, deleteNoncurrentVersionsAfterDays: 90 },
      },
      encryption: {
        keyVaultName: 'kv-mlflow-prod-001',
        privateEndpoint: { subnetId: privateEndpointSubnetId.stringValue, virtualNetworkIds: [vnetId.stringValue] },
        network: { disablePublicNetworkAccess: true },
      },
      privateEndpoints: {
        subnetId: privateEndpointSubnetId.stringValue,
        virtualNetworkIds: [vnetId.stringValue],
      },
      monitoring: {
        logRetentionDays: 90,
        actionGroup: {
          name: 'ag-mlflow-prod',
          shortName: 'mlflowprod',
          emailReceivers: [{ name: 'platform-oncall', emailAddress: alertEmail.stringValue }],
        },
      },
      release: {
        image: { repository: 'crmlflowprod.azurecr.io/mlflow-azure', tag: '3.15.1' },
        // An HTTPRoute on the platform's Gateway (the application routing add-on's Gateway API mode,
        // namespace gateways), whose HTTPS listener holds the certificate: the NGINX controllers
        // are out of support.
        ingress: {
          host: 'mlflow.example.com',
          controller: MlflowIngressController.GATEWAY_API,
          gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' },
        },
        // Training jobs in ml-training log to MLflow; nothing else but the gateway reaches it.
        networkPolicy: { clientNamespaces: ['ml-training'] },
        autoscaling: { minReplicas: 2, maxReplicas: 6 },
        resources: { cpuRequest: '500m', memoryRequest: '2Gi', cpuLimit: '2', memoryLimit: '4Gi' },
      },
      tags: { 'environment': 'production', 'workload': 'mlflow', 'data-classification': 'confidential' },
    });
    exampleOutputs(this, mlflow, 'mlflow');
  }
}
