import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { MlflowOnAzure, WorkspaceBackend } from '../lib';

/** Settings every example stack shares. */
export interface ExampleStackOptions {
  /** Shared key access on the storage account: off means the provider must use Entra ID for storage. */
  readonly sharedKeys: boolean;
}

/**
 * Base of the example stacks: the backend (local state, or a Terraform Cloud workspace when
 * TFC_ORGANIZATION is set) and the azurerm provider with data-safe features.
 */
export abstract class ExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string, options: ExampleStackOptions) {
    super(scope, id);
    WorkspaceBackend.configure(this);
    new AzurermProvider(this, 'azurerm', {
      // With shared keys off, Terraform must reach the storage data plane with Entra ID.
      storageUseAzuread: !options.sharedKeys,
      features: [
        {
          // Losing the key makes every artifact unreadable: never purge on destroy.
          keyVault: [{ purgeSoftDeleteOnDestroy: false, purgeSoftDeletedKeysOnDestroy: false }],
          resourceGroup: [{ preventDeletionIfContainsResources: true }],
          // Nothing here needs the storage data plane (the container goes through Azure Resource
          // Manager). With it on, azurerm polls blob/queue endpoints on create and read, which a
          // firewall-Deny or private-only account answers with 403: the create fails after the
          // account exists, and prevent_destroy then blocks the replacement.
          storage: [{ dataPlaneAvailable: false }],
        },
      ],
    });
  }

  /** A sensitive input variable without a default: set it with TF_VAR_<name> (or a workspace variable). */
  protected secretVariable(name: string, description: string): TerraformVariable {
    return new TerraformVariable(this, name, { type: 'string', sensitive: true, nullable: false, description });
  }

  /** A plain input variable without a default. */
  protected inputVariable(name: string, description: string, type = 'string'): TerraformVariable {
    return new TerraformVariable(this, name, { type, nullable: false, description });
  }
}

/** What a person reads after `cdktf deploy`: where MLflow is, and the commands that prove it works. */
export function exampleOutputs(stack: TerraformStack, mlflow: MlflowOnAzure, namespace: string): void {
  const release = mlflow.release;
  new TerraformOutput(stack, 'tracking_url', { value: mlflow.trackingUri, description: 'MLFLOW_TRACKING_URI for clients' });
  new TerraformOutput(stack, 'artifact_uri', { value: mlflow.artifactUri, description: 'Where MLflow stores artifacts' });
  new TerraformOutput(stack, 'storage_account', { value: mlflow.storageAccountName });
  if (mlflow.identityClientId !== undefined) {
    new TerraformOutput(stack, 'identity_client_id', { value: mlflow.identityClientId, description: 'The identity MLflow authenticates to Blob Storage as' });
  }
  new TerraformOutput(stack, 'verify_commands', {
    description: 'Run these to check the deployment',
    value: [
      `kubectl -n ${namespace} rollout status deployment/${release.serviceName}`,
      `kubectl -n ${namespace} get serviceaccount ${release.serviceAccountName} -o jsonpath='{.metadata.annotations}'`,
      `kubectl -n ${namespace} port-forward svc/${release.serviceName} 5000:${release.servicePort}`,
      "MLFLOW_TRACKING_URI=http://localhost:5000 python -c \"import mlflow; mlflow.set_experiment('smoke'); r = mlflow.start_run(); mlflow.log_text('ok', 'smoke.txt'); mlflow.end_run(); print(r.info.artifact_uri)\"",
      `az storage blob list --account-name ${mlflow.storageAccountName} --container-name ${mlflow.store.containerName} --auth-mode login --query "[].name" -o tsv`,
      `az role assignment list --scope ${mlflow.store.containerResourceId} -o table`,
      // behind a Gateway: whether it accepted the route (helm's wait does not check)
      ...(!release.values.extraDeploy.some((m) => m.kind === 'HTTPRoute') ? [] : [
        `kubectl -n ${namespace} get httproute ${release.serviceName} -o jsonpath='{range .status.parents[*].conditions[*]}{.type}={.status} {.reason}{"\\n"}{end}'`,
      ]),
    ],
  });
}
