/* eslint-disable @typescript-eslint/no-require-imports */
// Provider classes are loaded when the first construct that needs them is created, not when
// the library is imported: 23 provider modules cost ~25 ms, and `require('cdktf-mlflow-azure')`
// must stay within 1.3x of `require('cdktf')`. Types come from `import type` in each file;
// Node caches each module after its first require.
import type * as AppRoleAssignment from '@cdktf/provider-azuread/lib/app-role-assignment';
import type * as Application from '@cdktf/provider-azuread/lib/application';
import type * as ApplicationPassword from '@cdktf/provider-azuread/lib/application-password';
import type * as DataAzureadClientConfig from '@cdktf/provider-azuread/lib/data-azuread-client-config';
import type * as ServicePrincipal from '@cdktf/provider-azuread/lib/service-principal';
import type * as DataAzurermClientConfig from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import type * as DataAzurermKubernetesCluster from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import type * as DataAzurermStorageAccount from '@cdktf/provider-azurerm/lib/data-azurerm-storage-account';
import type * as FederatedIdentityCredential from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type * as KeyVault from '@cdktf/provider-azurerm/lib/key-vault';
import type * as KeyVaultKey from '@cdktf/provider-azurerm/lib/key-vault-key';
import type * as LogAnalyticsWorkspace from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import type * as ManagementLock from '@cdktf/provider-azurerm/lib/management-lock';
import type * as MonitorActionGroup from '@cdktf/provider-azurerm/lib/monitor-action-group';
import type * as MonitorDiagnosticSetting from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import type * as MonitorMetricAlert from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import type * as PrivateDnsZone from '@cdktf/provider-azurerm/lib/private-dns-zone';
import type * as PrivateDnsZoneVirtualNetworkLink from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import type * as PrivateEndpoint from '@cdktf/provider-azurerm/lib/private-endpoint';
import type * as RoleAssignment from '@cdktf/provider-azurerm/lib/role-assignment';
import type * as StorageAccount from '@cdktf/provider-azurerm/lib/storage-account';
import type * as StorageContainer from '@cdktf/provider-azurerm/lib/storage-container';
import type * as StorageManagementPolicy from '@cdktf/provider-azurerm/lib/storage-management-policy';
import type * as UserAssignedIdentity from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type * as HelmProvider from '@cdktf/provider-helm/lib/provider';
import type * as Release from '@cdktf/provider-helm/lib/release';
import type * as NamespaceV1 from '@cdktf/provider-kubernetes/lib/namespace-v1';
import type * as NetworkPolicyV1 from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type * as KubernetesProvider from '@cdktf/provider-kubernetes/lib/provider';
import type * as SecretV1 from '@cdktf/provider-kubernetes/lib/secret-v1';
import type * as TimeProvider from '@cdktf/provider-time/lib/provider';
import type * as Rotating from '@cdktf/provider-time/lib/rotating';
import type * as Sleep from '@cdktf/provider-time/lib/sleep';

/** azurerm provider modules, each loaded on first use. */
export const azurermModules = {
  get dataAzurermClientConfig(): typeof DataAzurermClientConfig { return require('@cdktf/provider-azurerm/lib/data-azurerm-client-config'); },
  get dataAzurermKubernetesCluster(): typeof DataAzurermKubernetesCluster { return require('@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster'); },
  get dataAzurermStorageAccount(): typeof DataAzurermStorageAccount { return require('@cdktf/provider-azurerm/lib/data-azurerm-storage-account'); },
  get federatedIdentityCredential(): typeof FederatedIdentityCredential { return require('@cdktf/provider-azurerm/lib/federated-identity-credential'); },
  get keyVault(): typeof KeyVault { return require('@cdktf/provider-azurerm/lib/key-vault'); },
  get keyVaultKey(): typeof KeyVaultKey { return require('@cdktf/provider-azurerm/lib/key-vault-key'); },
  get logAnalyticsWorkspace(): typeof LogAnalyticsWorkspace { return require('@cdktf/provider-azurerm/lib/log-analytics-workspace'); },
  get managementLock(): typeof ManagementLock { return require('@cdktf/provider-azurerm/lib/management-lock'); },
  get monitorActionGroup(): typeof MonitorActionGroup { return require('@cdktf/provider-azurerm/lib/monitor-action-group'); },
  get monitorDiagnosticSetting(): typeof MonitorDiagnosticSetting { return require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting'); },
  get monitorMetricAlert(): typeof MonitorMetricAlert { return require('@cdktf/provider-azurerm/lib/monitor-metric-alert'); },
  get privateDnsZone(): typeof PrivateDnsZone { return require('@cdktf/provider-azurerm/lib/private-dns-zone'); },
  get privateDnsZoneVirtualNetworkLink(): typeof PrivateDnsZoneVirtualNetworkLink { return require('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link'); },
  get privateEndpoint(): typeof PrivateEndpoint { return require('@cdktf/provider-azurerm/lib/private-endpoint'); },
  get roleAssignment(): typeof RoleAssignment { return require('@cdktf/provider-azurerm/lib/role-assignment'); },
  get storageAccount(): typeof StorageAccount { return require('@cdktf/provider-azurerm/lib/storage-account'); },
  get storageContainer(): typeof StorageContainer { return require('@cdktf/provider-azurerm/lib/storage-container'); },
  get storageManagementPolicy(): typeof StorageManagementPolicy { return require('@cdktf/provider-azurerm/lib/storage-management-policy'); },
  get userAssignedIdentity(): typeof UserAssignedIdentity { return require('@cdktf/provider-azurerm/lib/user-assigned-identity'); },
};

/** helm provider modules, each loaded on first use. */
export const helmModules = {
  get provider(): typeof HelmProvider { return require('@cdktf/provider-helm/lib/provider'); },
  get release(): typeof Release { return require('@cdktf/provider-helm/lib/release'); },
};

/** kubernetes provider modules, each loaded on first use. */
export const kubernetesModules = {
  get provider(): typeof KubernetesProvider { return require('@cdktf/provider-kubernetes/lib/provider'); },
  get namespaceV1(): typeof NamespaceV1 { return require('@cdktf/provider-kubernetes/lib/namespace-v1'); },
  get networkPolicyV1(): typeof NetworkPolicyV1 { return require('@cdktf/provider-kubernetes/lib/network-policy-v1'); },
  get secretV1(): typeof SecretV1 { return require('@cdktf/provider-kubernetes/lib/secret-v1'); },
};

/** azuread provider modules (the Entra application of MLflow sign-in), each loaded on first use. */
export const azureadModules = {
  get application(): typeof Application { return require('@cdktf/provider-azuread/lib/application'); },
  get applicationPassword(): typeof ApplicationPassword { return require('@cdktf/provider-azuread/lib/application-password'); },
  get appRoleAssignment(): typeof AppRoleAssignment { return require('@cdktf/provider-azuread/lib/app-role-assignment'); },
  get dataAzureadClientConfig(): typeof DataAzureadClientConfig { return require('@cdktf/provider-azuread/lib/data-azuread-client-config'); },
  get servicePrincipal(): typeof ServicePrincipal { return require('@cdktf/provider-azuread/lib/service-principal'); },
};

/** time provider modules (RBAC propagation waits, secret rotation), each loaded on first use. */
export const timeModules = {
  get provider(): typeof TimeProvider { return require('@cdktf/provider-time/lib/provider'); },
  get rotating(): typeof Rotating { return require('@cdktf/provider-time/lib/rotating'); },
  get sleep(): typeof Sleep { return require('@cdktf/provider-time/lib/sleep'); },
};
