import { Aspects, TerraformDataSource, TerraformProvider, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Explicit provider instances for what a construct creates, by provider: aliased providers for a
 * second subscription, tenant or cluster. A provider left unset is the stack's default one.
 */
export interface MlflowProviders {
  /**
   * The azurerm provider (storage, identities, Key Vault, monitoring, private endpoints).
   * @default - the stack's default azurerm provider
   */
  readonly azurerm?: TerraformProvider;
  /**
   * The kubernetes provider (namespace, secrets, network policy).
   * @default - the stack's default kubernetes provider
   */
  readonly kubernetes?: TerraformProvider;
  /**
   * The helm provider (the MLflow release).
   * @default - the stack's default helm provider
   */
  readonly helm?: TerraformProvider;
  /**
   * The azuread provider (an Entra application created for sign-in).
   * @default - the stack's default azuread provider
   */
  readonly azuread?: TerraformProvider;
  /**
   * The time provider (RBAC propagation waits, secret rotation).
   * @default - the stack's default time provider
   */
  readonly time?: TerraformProvider;
}

/**
 * Give every resource and data source under `scope` that has no provider of its own the
 * explicit provider of its kind (by the type's prefix: `azurerm_`, `kubernetes_`, `helm_`,
 * `azuread_`, `time_`): those there now, those added later (an aspect, at synth: a grant made
 * after the construct, `mlflow.store.grantRead(...)`), and `outside`, resources the construct
 * created elsewhere (its grant on a store it does not own).
 */
export function applyProviders(scope: IConstruct, providers: MlflowProviders | undefined, outside: readonly IConstruct[] = []): void {
  if (!providers) return;
  const byPrefix: [string, TerraformProvider | undefined][] = [
    ['azurerm_', providers.azurerm],
    ['kubernetes_', providers.kubernetes],
    ['helm_', providers.helm],
    ['azuread_', providers.azuread],
    ['time_', providers.time],
  ];
  const assign = (c: IConstruct): void => {
    if (!(c instanceof TerraformResource) && !(c instanceof TerraformDataSource)) return;
    if (c.provider !== undefined) return;
    const provider = byPrefix.find(([prefix]) => c.terraformResourceType.startsWith(prefix))?.[1];
    if (provider) c.provider = provider;
  };
  scope.node.findAll().forEach(assign);
  outside.forEach(assign);
  Aspects.of(scope).add({ visit: assign });
}
