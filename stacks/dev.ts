import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ArtifactStore, StorageReplication } from '../lib';

/**
 * mlflow-dev: a throwaway development environment (no deletion protection, LRS).
 */
export class MlflowDevStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    new AzurermProvider(this, 'azurerm', { features: [{}] });

    const rg = new ResourceGroup(this, 'ResourceGroup', { name: 'rg-mlflow-dev', location: 'westeurope' });
    const store = new ArtifactStore(this, 'Artifacts', {
      resourceGroupName: rg.name,
      location: rg.location,
      accountName: 'stmlflowdev001',
      replication: StorageReplication.LRS,
      sharedAccessKeyEnabled: true,
      deletionProtection: false,
      network: { allowAllNetworks: true },
      tags: { environment: 'dev', workload: 'mlflow' },
    });

    new TerraformOutput(this, 'artifact_uri', { value: store.artifactUri });
    new TerraformOutput(this, 'storage_account', { value: store.accountName });
  }
}
