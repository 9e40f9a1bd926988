import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ExampleStack, exampleOutputs } from './common';
import {
  AksCluster,
  ArtifactAuth,
  KubernetesAuth,
  MlflowBackendStore,
  MlflowCheckId,
  MlflowChecks,
  MlflowOnAzure,
  MlflowSignIn,
  MlflowWarningId,
  StorageReplication,
} from '../lib';

/**
 * mlflow-dev: a throwaway development environment. Account key auth (works with the chart's
 * default image), SQLite in the pod, locally redundant storage, no deletion protection.
 */
export class MlflowDevStack extends ExampleStack {
  constructor(scope: Construct, id: string) {
    super(scope, id, { sharedKeys: true });
    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-mlflow-dev', location: 'westeurope' });

    const cluster = AksCluster.fromLookup(this, 'Aks', { name: 'aks-mlflow-dev', resourceGroupName: 'rg-aks-dev' });
    cluster.configureProviders(KubernetesAuth.clientCertificate());

    const mlflow = new MlflowOnAzure(this, 'Mlflow', {
      resourceGroupName: rg.name,
      location: rg.location,
      storageAccountName: 'stmlflowdev001',
      cluster,
      auth: ArtifactAuth.accountKey(),
      signIn: MlflowSignIn.none({ reason: 'dev has no ingress: MLflow is reached with kubectl port-forward, and the network policy admits only the ml-dev namespace' }),
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      storage: {
        replication: StorageReplication.LRS,
        sharedAccessKeyEnabled: true,
        deletionProtection: false,
        softDeleteRetentionDays: 7,
        network: { allowAllNetworks: true },
      },
      release: { proxyMultipartUpload: true, networkPolicy: { clientNamespaces: ['ml-dev'] } },
      tags: { environment: 'dev', workload: 'mlflow' },
    });
    exampleOutputs(this, mlflow, 'mlflow');

    MlflowChecks.suppress(this, MlflowCheckId.NO_DELETE_PROTECTION, 'dev is throwaway: deletionProtection is off so `cdktf destroy` works; soft delete (7 days) still guards blobs');
    MlflowChecks.suppress(this, MlflowWarningId.SQLITE_BACKEND, 'dev is throwaway: experiments live as long as the pod');
    MlflowChecks.suppress(this, MlflowWarningId.STORAGE_FIREWALL_OPEN, 'dev is throwaway and reached from developer machines; mlflow-prod keeps the firewall closed');
    MlflowChecks.suppress(this, MlflowCheckId.NO_DIAGNOSTICS, 'dev has no Log Analytics workspace to keep costs at zero; mlflow-prod has diagnostics and alerts');
  }
}
