'use strict';
// One MLflow instance as stacks/prod.ts builds it (workload identity, customer-managed key,
// private endpoints, monitoring, postgres, ingress, autoscaling), written against the COMPILED
// library (dist/), as a user of the npm package would. Shared by synth-pattern.js and scale.js.
//
// The stack mirrors MlflowProdStack + ExampleStack + exampleOutputs (stacks/prod.ts,
// stacks/common.ts) without the policy aspect (MlflowChecks): the comparison with
// synth-handwritten.js is about the pattern, and hand-written code has no checks either.
// BENCH_CHECKS=1 adds MlflowChecks (production) to every stack, as stacks/app.ts does, to
// measure what the checks cost.
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
const { TerraformOutput, TerraformStack, TerraformVariable } = require('cdktf');
const {
  AksCluster,
  ArtifactAuth,
  KubernetesAuth,
  MlflowBackendStore,
  MlflowChecks,
  MlflowIngressController,
  MlflowOnAzure,
  MlflowSignIn,
  StorageReplication,
  WorkspaceBackend,
} = require('../../dist/index.js');

/**
 * A production MLflow stack named `id`. `n` (a string, '' for the single stack) makes every
 * globally or cluster-unique name distinct: storage account, key vault, namespace, release,
 * action group, resource group.
 */
function prodStack(app, id, n = '') {
  const stack = new TerraformStack(app, id);
  // Local state: the bench never reads TFC_* from the environment.
  WorkspaceBackend.configure(stack, { env: {} });
  new AzurermProvider(stack, 'azurerm', {
    storageUseAzuread: true,
    features: [
      {
        keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedKeysOnDestroy: false }],
        resourceGroup: [{ preventDeletionIfContainsResources: true }],
        storage: [{ dataPlaneAvailable: false }],
      },
    ],
  });
  const rg = new ResourceGroup(stack, 'ResourceGroup', { name: `rg-mlflow-prod${n}`, location: 'westeurope' });

  const variable = (name, description, sensitive, type = 'string') =>
    new TerraformVariable(stack, name, { type, nullable: false, description, ...(sensitive ? { sensitive: true } : {}) });
  const dbPassword = variable('mlflow_db_password', 'Password of the MLflow PostgreSQL user', true);
  const subnetId = variable('private_endpoint_subnet_id', 'Subnet for the private endpoints of storage and Key Vault');
  const vnetId = variable('vnet_id', 'VNet the private DNS zones are linked to (the AKS VNet)');
  const alertEmail = variable('alert_email', 'E-mail address that receives the storage alerts');
  const tenantId = variable('entra_tenant_id', 'Directory (tenant) id of the Entra application MLflow signs people in with');
  const clientId = variable('entra_client_id', 'Application (client) id of that application');
  const clientSecret = variable('entra_client_secret', 'Client secret of that application', true);
  const userGroups = variable('mlflow_user_group_ids', 'Object ids of the Entra groups whose members may sign in', false, 'list(string)');
  const adminGroups = variable('mlflow_admin_group_ids', 'Object ids of the Entra groups of the MLflow admins', false, 'list(string)');

  const cluster = AksCluster.fromLookup(stack, 'Aks', { name: 'aks-mlflow-prod', resourceGroupName: 'rg-aks-prod' });
  cluster.configureProviders(KubernetesAuth.kubelogin());

  const namespace = n === '' ? 'mlflow' : `mlflow-${n}`;
  const mlflow = new MlflowOnAzure(stack, 'Mlflow', {
    resourceGroupName: rg.name,
    location: rg.location,
    storageAccountName: n === '' ? 'stmlflowprod001' : `stmlflowbench${n}`,
    cluster,
    auth: ArtifactAuth.workloadIdentity(),
    signIn: MlflowSignIn.entraId({
      tenantId: tenantId.stringValue,
      clientId: clientId.stringValue,
      clientSecret: clientSecret.stringValue,
      userGroupObjectIds: userGroups.listValue,
      adminGroupObjectIds: adminGroups.listValue,
      database: { database: n === '' ? 'mlflow_auth' : `mlflow_auth${n}` },
    }),
    backendStore: MlflowBackendStore.postgres({
      host: 'psql-mlflow-prod.postgres.database.azure.com',
      database: n === '' ? 'mlflow' : `mlflow${n}`,
      user: 'mlflow',
      password: dbPassword.stringValue,
    }),
    storage: {
      replication: StorageReplication.GZRS,
      softDeleteRetentionDays: 30,
      pointInTimeRestoreDays: 29,
      changeFeedRetentionDays: 90,
      lifecycle: { coolAfterDays: 90, deleteNoncurrentVersionsAfterDays: 90 },
    },
    encryption: {
      keyVaultName: n === '' ? 'kv-mlflow-prod-001' : `kv-mlflow-bench-${n}`,
      privateEndpoint: { subnetId: subnetId.stringValue, virtualNetworkIds: [vnetId.stringValue] },
      network: { disablePublicNetworkAccess: true },
    },
    privateEndpoints: { subnetId: subnetId.stringValue, virtualNetworkIds: [vnetId.stringValue] },
    monitoring: {
      logRetentionDays: 90,
      actionGroup: {
        name: `ag-mlflow-prod${n}`,
        shortName: 'mlflowprod',
        emailReceivers: [{ name: 'platform-oncall', emailAddress: alertEmail.stringValue }],
      },
    },
    namespaceName: namespace,
    release: {
      releaseName: n === '' ? undefined : `mlflow-${n}`,
      image: { repository: 'crmlflowprod.azurecr.io/mlflow-azure', tag: '3.15.1' },
      ingress: {
        host: n === '' ? 'mlflow.example.com' : `mlflow-${n}.example.com`,
        controller: MlflowIngressController.GATEWAY_API,
        gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' },
      },
      networkPolicy: { clientNamespaces: ['ml-training'] },
      autoscaling: { minReplicas: 2, maxReplicas: 6 },
      resources: { cpuRequest: '500m', memoryRequest: '2Gi', cpuLimit: '2', memoryLimit: '4Gi' },
    },
    tags: { 'environment': 'production', 'workload': 'mlflow', 'data-classification': 'confidential' },
  });

  // exampleOutputs (stacks/common.ts)
  const release = mlflow.release;
  new TerraformOutput(stack, 'tracking_url', { value: mlflow.trackingUri, description: 'MLFLOW_TRACKING_URI for clients' });
  new TerraformOutput(stack, 'artifact_uri', { value: mlflow.artifactUri, description: 'Where MLflow stores artifacts' });
  new TerraformOutput(stack, 'storage_account', { value: mlflow.storageAccountName });
  new TerraformOutput(stack, 'identity_client_id', { value: mlflow.identityClientId, description: 'The identity MLflow authenticates to Blob Storage as' });
  new TerraformOutput(stack, 'verify_commands', {
    description: 'Run these to check the deployment',
    value: [
      `kubectl -n ${namespace} rollout status deployment/${release.serviceName}`,
      `kubectl -n ${namespace} get serviceaccount ${release.serviceAccountName} -o jsonpath='{.metadata.annotations}'`,
      `kubectl -n ${namespace} port-forward svc/${release.serviceName} 5000:${release.servicePort}`,
      "MLFLOW_TRACKING_URI=http://localhost:5000 python -c \"import mlflow; mlflow.set_experiment('smoke'); r = mlflow.start_run(); mlflow.log_text('ok', 'smoke.txt'); mlflow.end_run(); print(r.info.artifact_uri)\"",
      `az storage blob list --account-name ${mlflow.storageAccountName} --container-name ${mlflow.store.containerName} --auth-mode login --query "[].name" -o tsv`,
      `az role assignment list --scope ${mlflow.store.containerResourceId} -o table`,
      `kubectl -n ${namespace} get httproute ${release.serviceName} -o jsonpath='{range .status.parents[*].conditions[*]}{.type}={.status} {.reason}{"\\n"}{end}'`,
    ],
  });
  if (process.env.BENCH_CHECKS === '1') MlflowChecks.addTo(stack, { production: true });
  return stack;
}

module.exports = { prodStack };
