import { CheckRuleInfo, CheckSeverity, MlflowCheckId } from './model';
import { SECRET_KEY_NAMES } from './rules';

const E = CheckSeverity.ERROR;
const W = CheckSeverity.WARNING;

/** The rule catalog, in report order. Internal (exposed through `MlflowChecks.rules()`). */
export const RULES: readonly CheckRuleInfo[] = [
  {
    ruleId: MlflowCheckId.PUBLIC_NESTED_ITEMS,
    severity: E,
    title: 'Public blob access allowed on the storage account',
    description:
      'azurerm_storage_account whose allow_nested_items_to_be_public is true or missing (azurerm 4.55 defaults it to true, so any container can be made public).',
    fix: 'Set allowNestedItemsToBePublic: false on the storage account (ArtifactStore does).',
  },
  {
    ruleId: MlflowCheckId.PUBLIC_CONTAINER,
    severity: E,
    title: 'Anonymous read access on a container',
    description: "azurerm_storage_container whose container_access_type is set to anything but 'private' ('blob' or 'container').",
    fix: "Set containerAccessType: 'private' and grant access with a Storage Blob Data role on the container.",
  },
  {
    ruleId: MlflowCheckId.ARCHIVE_TIER,
    severity: E,
    title: 'Lifecycle rule moves artifacts to the Archive tier',
    description:
      'azurerm_storage_management_policy with a rule whose base_blob, snapshot or version actions set any tier_to_archive_* or change_tier_to_archive_* attribute. Archived blobs are unreadable until rehydrated (hours): MLflow downloads fail.',
    fix: 'Remove the archive actions (use Cool or Cold), or scope the rule to a prefix MLflow never reads.',
  },
  {
    ruleId: MlflowCheckId.CMK_WITHOUT_PURGE_PROTECTION,
    severity: E,
    title: 'Customer-managed key in a vault without purge protection',
    description:
      'azurerm_key_vault whose purge_protection_enabled is not true while a storage account of the stack is encrypted with one of its keys: azurerm_storage_account.customer_managed_key.key_vault_key_id, or azurerm_storage_account_customer_managed_key key_vault_id / key_vault_uri / key_vault_key_id / key_name, referring to the vault (id, vault_uri) or to an azurerm_key_vault_key whose key_vault_id refers to it. Vaults from data sources or literal ids are not judged. Purging the key makes every artifact unreadable.',
    fix: 'Set purgeProtectionEnabled: true on the vault (irreversible), keep soft delete, add prevent_destroy to vault and key, and set the provider feature purge_soft_deleted_keys_on_destroy = false.',
  },
  {
    ruleId: MlflowCheckId.LITERAL_SECRET,
    severity: E,
    title: 'Secret written as a literal',
    description:
      `A literal (not a \${...} reference) non-empty value in a secret field: kubernetes_secret(_v1) binary_data or binary_data_wo, or data or data_wo under a secret-looking key (password, secret, token, key, connection, credential, private, cert; plain settings such as a user name or AZURE_CLIENT_ID may be literals); helm_release set_sensitive, set_wo or repository_password; helm_release values or set entries under a secret key (${SECRET_KEY_NAMES.join(', ')}); azurerm_key_vault_secret value or value_wo. Also a secret field that refers to a Terraform variable (var.x) that is not sensitive or has a default; and a sensitive Terraform variable with a default.`,
    fix: 'Pass secrets in as sensitive Terraform variables without defaults (or reference the resource that creates them), and write Kubernetes secrets with dataWo + dataWoRevision.',
  },
  {
    ruleId: MlflowCheckId.KEY_IN_IDENTITY_MODE,
    severity: E,
    title: 'Account key or connection string set while MLflow uses workload identity',
    description:
      'The stack sets up workload identity (an azurerm_federated_identity_credential, an azure.workload.identity/use pod label in helm values or set, or a service account annotated azure.workload.identity/client-id) and a kubernetes_secret(_v1) carries AZURE_STORAGE_ACCESS_KEY or AZURE_STORAGE_CONNECTION_STRING, or helm values / set carry artifactRoot.azureBlob.accessKey or connectionString or those variables. MLflow tries the connection string and the key before DefaultAzureCredential, so identity auth is silently bypassed.',
    fix: 'Remove the key or connection string and grant the workload identity Storage Blob Data Contributor on the container (the MLflow image must include azure-identity).',
  },
  {
    ruleId: MlflowCheckId.TLS_BELOW_1_2,
    severity: E,
    title: 'TLS below 1.2 accepted',
    description: "azurerm_storage_account whose min_tls_version is missing, 'TLS1_0' or 'TLS1_1'.",
    fix: "Set minTlsVersion: 'TLS1_2' explicitly.",
  },
  {
    ruleId: MlflowCheckId.HTTPS_OFF,
    severity: E,
    title: 'Plain HTTP accepted',
    description: 'azurerm_storage_account whose https_traffic_only_enabled is false.',
    fix: 'Set httpsTrafficOnlyEnabled: true.',
  },
  {
    ruleId: MlflowCheckId.EXPOSED_WITHOUT_SIGN_IN,
    severity: E,
    title: 'MLflow exposed without sign-in',
    description:
      'helm_release of the MLflow chart (chart "mlflow") whose values or set entries turn ingress.enabled on, set service.type to LoadBalancer or NodePort, or add through extraDeploy a Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute), an Ingress, an Istio VirtualService or a LoadBalancer or NodePort Service, while none of its sign-in mechanisms is on (oidcAuth.enabled, auth.enabled, ldapAuth.enabled, oauth2Proxy.enabled, or an --app-name through extraArgs.appName). MLflow has no sign-in of its own: anyone who reaches it can read, change and delete every experiment and model, and with proxied artifacts download every artifact without Azure credentials.',
    fix: 'Turn one sign-in mechanism on (MlflowRelease / MlflowOnAzure signIn: MlflowSignIn.entraId(...) or MlflowSignIn.basicAuth(...)), or keep the server inside the cluster (no ingress or route, service type ClusterIP).',
  },
  {
    ruleId: MlflowCheckId.SEVERAL_SIGN_IN_MECHANISMS,
    severity: E,
    title: 'More than one MLflow sign-in mechanism',
    description:
      'helm_release of the MLflow chart with more than one of oidcAuth.enabled, auth.enabled, ldapAuth.enabled, oauth2Proxy.enabled and extraArgs.appName: the chart refuses some combinations when it renders, and the others give mlflow server two --app-name options or a proxy in front of a second login.',
    fix: 'Keep exactly one sign-in mechanism.',
  },
  {
    ruleId: MlflowCheckId.SIGN_IN_SECRET_IN_VALUES,
    severity: E,
    title: 'Sign-in secret in helm values',
    description:
      'helm_release of the MLflow chart with a non-empty auth.adminPassword, auth.postgres.password, oidcAuth.clientSecret, oidcAuth.database.postgres.password, oauth2Proxy.cookieSecret, oauth2Proxy.provider.clientSecret or flaskServerSecretKey, or an oidcAuth.database.uri / oidcAuth.cache.redisUrl with credentials, in values, set, set_sensitive or set_wo, literal or reference: helm values are stored in the Terraform state and in the release secret in the cluster.',
    fix: 'Write the secret to a Kubernetes secret with data_wo and reference it (oidcAuth.existingSecret, auth.existingAdminSecret, auth.postgres.existingSecret); MlflowSignIn does.',
  },
  {
    ruleId: MlflowCheckId.KUBELET_IDENTITY,
    severity: W,
    title: 'Kubelet identity used for blob access',
    description:
      "azurerm_role_assignment whose principal_id refers to an AKS cluster's kubelet_identity and whose role is a Storage Blob Data role or whose scope is a storage account or container; or helm values / set referring to kubelet_identity. Every pod on every node can use the kubelet identity (IMDS), and nothing federates it.",
    fix: 'Use a user-assigned identity federated to the MLflow service account (workload identity), scoped to the container.',
  },
  {
    ruleId: MlflowCheckId.WIDE_BLOB_ROLE_SCOPE,
    severity: W,
    title: 'Blob data role wider than one container',
    description:
      'azurerm_role_assignment with a Storage Blob Data Owner / Contributor / Reader role (by name or built-in id) whose scope is not a container: neither a reference to a storage container\'s id (bound with storage_account_id, so the id is its ARM id) or resource_manager_id (deprecated), nor a path ending in /blobServices/default/containers/<name>.',
    fix: 'Scope the assignment to the container: scope = container.id with storageAccountId set (ArtifactStore.grantReadWrite does; resource_manager_id is deprecated and removed in azurerm 5).',
  },
  {
    ruleId: MlflowCheckId.LRS_IN_PRODUCTION,
    severity: W,
    title: 'Locally redundant storage in production',
    description:
      "azurerm_storage_account with account_replication_type 'LRS' in production: MlflowChecksProps.production when given, else an environment (or env) tag equal to prod or production (any case) on the account.",
    fix: "Use 'ZRS' (zone failure) or 'GZRS' / 'RAGZRS' (region failure).",
  },
  {
    ruleId: MlflowCheckId.NO_DIAGNOSTICS,
    severity: W,
    title: 'No diagnostic setting on the storage account',
    description:
      'azurerm_storage_account without an azurerm_monitor_diagnostic_setting in the same stack whose target_resource_id refers to its id (the account or <id>/blobServices/default). Classic blob metrics were retired on 2024-01-09.',
    fix: 'Add a diagnostic setting on <account id>/blobServices/default with StorageRead, StorageWrite and StorageDelete logs and Transaction metrics.',
  },
  {
    ruleId: MlflowCheckId.NO_DELETE_PROTECTION,
    severity: W,
    title: 'Storage account without delete protection',
    description:
      'azurerm_storage_account without lifecycle.prevent_destroy = true, or without a CanNotDelete (or ReadOnly) azurerm_management_lock whose scope refers to the account or to its resource group (when resource_group_name refers to an azurerm_resource_group of the stack).',
    fix: 'Set lifecycle.preventDestroy: true and add a CanNotDelete management lock on the account (ArtifactStore deletionProtection: true does both).',
  },
];

/** The rule with an id, or undefined. */
export function ruleById(ruleId: string): CheckRuleInfo | undefined {
  return RULES.find((r) => r.ruleId === ruleId);
}
