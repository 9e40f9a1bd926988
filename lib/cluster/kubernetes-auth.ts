import type { HelmProviderKubernetesExec } from '@cdktf/provider-helm/lib/provider';
import { AzureCloud } from '../core/cloud';
import { checkName } from '../core/names';
import { isLiteral, Problems } from '../core/validation';

/** The Entra ID application of the AKS API server (the same for every managed-AAD cluster). */
const AKS_AAD_SERVER_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** kubelogin's `--environment` names of the Azure clouds. */
const KUBELOGIN_ENVIRONMENT: Record<AzureCloud, string> = {
  [AzureCloud.PUBLIC]: 'AzurePublicCloud',
  [AzureCloud.CHINA]: 'AzureChinaCloud',
  [AzureCloud.US_GOVERNMENT]: 'AzureUSGovernmentCloud',
};

/** How Terraform's kubernetes and helm providers authenticate to the cluster. */
export enum KubernetesAuthMethod {
  /** The client certificate of the cluster's kube config (local accounts). */
  CLIENT_CERTIFICATE = 'client-certificate',
  /** An Entra ID token from the `kubelogin get-token` exec plugin (Entra-ID-only clusters). */
  KUBELOGIN = 'kubelogin',
}

/** kubelogin's `--login` modes that run without a person at the keyboard. */
export enum KubeloginLoginMode {
  /** The Azure CLI's signed-in account (`az login`): workstations and pipelines that log in with the CLI. */
  AZURE_CLI = 'azurecli',
  /** Workload identity federation (`AZURE_CLIENT_ID`, `AZURE_TENANT_ID`, `AZURE_FEDERATED_TOKEN_FILE` in the environment): GitHub Actions OIDC, pods. */
  WORKLOAD_IDENTITY = 'workloadidentity',
  /** A service principal; its secret or certificate comes from the environment (`AAD_SERVICE_PRINCIPAL_CLIENT_SECRET`, `AZURE_CLIENT_SECRET`, or `ARM_CLIENT_SECRET` with `useAzurermEnvVars`). */
  SERVICE_PRINCIPAL = 'spn',
  /** The managed identity of the machine running Terraform (IMDS). */
  MANAGED_IDENTITY = 'msi',
}

/**
 * Options of {@link KubernetesAuth.clientCertificate}.
 */
export interface ClientCertificateAuthOptions {
  /**
   * Use the cluster admin credentials (`kube_admin_config`) instead of the user credentials
   * (`kube_config`). Only for a looked-up cluster; needs local accounts.
   * @default false
   */
  readonly admin?: boolean;
}

/**
 * Options of {@link KubernetesAuth.kubelogin}.
 *
 * No secret is ever passed as an argument: kubelogin reads a service principal's secret
 * from the environment of the process that runs Terraform.
 */
export interface KubeloginAuthOptions {
  /**
   * How kubelogin gets its Entra ID token.
   * @default KubeloginLoginMode.AZURE_CLI
   */
  readonly loginMode?: KubeloginLoginMode;
  /**
   * The Azure cloud (kubelogin's `--environment`).
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * The Entra ID application of the AKS API server (`--server-id`).
   * @default "6dae42f8-4368-4678-94ff-3960e28e3630" (AKS managed Entra ID)
   */
  readonly serverId?: string;
  /**
   * The tenant (`--tenant-id`).
   * @default - from the environment (`AZURE_TENANT_ID`) or the login
   */
  readonly tenantId?: string;
  /**
   * The client id (`--client-id`) of the service principal, the managed identity or the
   * federated identity. Only for `SERVICE_PRINCIPAL`, `MANAGED_IDENTITY` and `WORKLOAD_IDENTITY`.
   * @default - from the environment (`AAD_SERVICE_PRINCIPAL_CLIENT_ID`, `AZURE_CLIENT_ID`), or the only managed identity
   */
  readonly clientId?: string;
  /**
   * Read the service principal from the azurerm provider's variables (`ARM_CLIENT_ID`,
   * `ARM_CLIENT_SECRET`, `ARM_TENANT_ID`...) with `--use-azurerm-env-vars`. Only for `SERVICE_PRINCIPAL`.
   * @default false
   */
  readonly useAzurermEnvVars?: boolean;
  /**
   * The kubelogin executable.
   * @default "kubelogin" (on the PATH)
   */
  readonly command?: string;
}

/**
 * How Terraform's kubernetes and helm providers authenticate to an AKS cluster: a choice
 * made with one of the static factories.
 *
 * Prefer {@link KubernetesAuth.kubelogin}: it works on clusters with local accounts disabled
 * (Entra ID only), and no long-lived credential is read from the cluster.
 */
export class KubernetesAuth {
  /**
   * The client certificate and key of the cluster's kube config (`kube_config.0`, or
   * `kube_admin_config.0` with `admin: true`), decoded from base64. Needs local accounts on
   * the cluster; the values stay Terraform references.
   */
  public static clientCertificate(options: ClientCertificateAuthOptions = {}): KubernetesAuth {
    return new KubernetesAuth(KubernetesAuthMethod.CLIENT_CERTIFICATE, options.admin ?? false);
  }

  /**
   * An Entra ID token from the exec plugin `kubelogin get-token --login <mode>
   * --server-id <AKS server id> --environment <cloud>`. The machine running Terraform needs
   * kubelogin on its PATH.
   */
  public static kubelogin(options: KubeloginAuthOptions = {}): KubernetesAuth {
    const p = new Problems('KubernetesAuth.kubelogin');
    const mode = options.loginMode ?? KubeloginLoginMode.AZURE_CLI;
    p.oneOf('loginMode', options.loginMode, Object.values(KubeloginLoginMode));
    p.oneOf('cloud', options.cloud, Object.values(AzureCloud));
    checkName(p, 'guid', 'serverId', options.serverId);
    checkName(p, 'guid', 'tenantId', options.tenantId);
    checkName(p, 'guid', 'clientId', options.clientId);
    if (options.clientId !== undefined && mode === KubeloginLoginMode.AZURE_CLI) {
      p.add('clientId', options.clientId, 'is only used with loginMode SERVICE_PRINCIPAL, MANAGED_IDENTITY or WORKLOAD_IDENTITY (the Azure CLI mode uses the signed-in account)');
    }
    if (options.useAzurermEnvVars && mode !== KubeloginLoginMode.SERVICE_PRINCIPAL) {
      p.add('useAzurermEnvVars', true, 'is only used with loginMode SERVICE_PRINCIPAL');
    }
    if (isLiteral(options.command)) {
      p.require(options.command.trim().length > 0 && !/\s/.test(options.command), 'command', options.command, 'must be one executable name or path, without spaces or arguments');
    }
    p.throwIfAny();

    const args = [
      'get-token',
      '--login', mode,
      '--server-id', options.serverId ?? AKS_AAD_SERVER_ID,
      '--environment', KUBELOGIN_ENVIRONMENT[options.cloud ?? AzureCloud.PUBLIC],
    ];
    if (options.tenantId !== undefined) args.push('--tenant-id', options.tenantId);
    if (options.clientId !== undefined) args.push('--client-id', options.clientId);
    if (options.useAzurermEnvVars) args.push('--use-azurerm-env-vars');
    return new KubernetesAuth(KubernetesAuthMethod.KUBELOGIN, false, {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: options.command ?? 'kubelogin',
      args,
    });
  }

  /** The method chosen. */
  public readonly method: KubernetesAuthMethod;
  /** Whether the cluster admin credentials are used (client certificate only). */
  public readonly admin: boolean;
  /** @internal */
  public readonly _exec?: HelmProviderKubernetesExec;

  private constructor(method: KubernetesAuthMethod, admin: boolean, exec?: HelmProviderKubernetesExec) {
    this.method = method;
    this.admin = admin;
    this._exec = exec;
  }
}
