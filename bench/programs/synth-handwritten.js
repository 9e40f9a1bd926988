'use strict';
// The resources of synth-pattern.js (one production MLflow stack: workload identity, CMK,
// private endpoints, monitoring, postgres, Entra ID sign-in, network policy, an HTTPRoute on a
// Gateway, autoscaling) written by hand with plain
// cdktf and deep provider imports, no library code. Synthesized the same way; prints
// {"resources": N} (resources + data sources) on stdout.
//
// The construct ids and scopes are those of the pattern, so that the two synthesized
// cdk.tf.json files are byte-for-byte equal (check: BENCH_KEEP_OUTDIR=<dir> on both).
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { DataAzurermClientConfig } = require('@cdktf/provider-azurerm/lib/data-azurerm-client-config');
const { DataAzurermKubernetesCluster } = require('@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster');
const { FederatedIdentityCredential } = require('@cdktf/provider-azurerm/lib/federated-identity-credential');
const { KeyVault } = require('@cdktf/provider-azurerm/lib/key-vault');
const { KeyVaultKey } = require('@cdktf/provider-azurerm/lib/key-vault-key');
const { LogAnalyticsWorkspace } = require('@cdktf/provider-azurerm/lib/log-analytics-workspace');
const { ManagementLock } = require('@cdktf/provider-azurerm/lib/management-lock');
const { MonitorActionGroup } = require('@cdktf/provider-azurerm/lib/monitor-action-group');
const { MonitorDiagnosticSetting } = require('@cdktf/provider-azurerm/lib/monitor-diagnostic-setting');
const { MonitorMetricAlert } = require('@cdktf/provider-azurerm/lib/monitor-metric-alert');
const { PrivateDnsZone } = require('@cdktf/provider-azurerm/lib/private-dns-zone');
const { PrivateDnsZoneVirtualNetworkLink } = require('@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link');
const { PrivateEndpoint } = require('@cdktf/provider-azurerm/lib/private-endpoint');
const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
const { RoleAssignment } = require('@cdktf/provider-azurerm/lib/role-assignment');
const { StorageAccount } = require('@cdktf/provider-azurerm/lib/storage-account');
const { StorageContainer } = require('@cdktf/provider-azurerm/lib/storage-container');
const { StorageManagementPolicy } = require('@cdktf/provider-azurerm/lib/storage-management-policy');
const { UserAssignedIdentity } = require('@cdktf/provider-azurerm/lib/user-assigned-identity');
const { HelmProvider } = require('@cdktf/provider-helm/lib/provider');
const { Release } = require('@cdktf/provider-helm/lib/release');
const { KubernetesProvider } = require('@cdktf/provider-kubernetes/lib/provider');
const { NamespaceV1 } = require('@cdktf/provider-kubernetes/lib/namespace-v1');
const { NetworkPolicyV1 } = require('@cdktf/provider-kubernetes/lib/network-policy-v1');
const { SecretV1 } = require('@cdktf/provider-kubernetes/lib/secret-v1');
const { TimeProvider } = require('@cdktf/provider-time/lib/provider');
const { Sleep } = require('@cdktf/provider-time/lib/sleep');
const { Fn, LocalBackend, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } = require('cdktf');
const { Construct } = require('constructs');
const { synthInTemp, stackFiles, countResources } = require('./synth');

const tags = { 'environment': 'production', 'workload': 'mlflow', 'data-classification': 'confidential' };

function handwrittenStack(app, id) {
  const stack = new TerraformStack(app, id);
  new LocalBackend(stack, { path: `terraform.${id}.tfstate` });
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
  const rg = new ResourceGroup(stack, 'ResourceGroup', { name: 'rg-mlflow-prod', location: 'westeurope' });
  const rgName = rg.name;
  const location = rg.location;

  const dbPassword = new TerraformVariable(stack, 'mlflow_db_password', { type: 'string', nullable: false, sensitive: true, description: 'Password of the MLflow PostgreSQL user' });
  const subnetId = new TerraformVariable(stack, 'private_endpoint_subnet_id', { type: 'string', nullable: false, description: 'Subnet for the private endpoints of storage and Key Vault' });
  const vnetId = new TerraformVariable(stack, 'vnet_id', { type: 'string', nullable: false, description: 'VNet the private DNS zones are linked to (the AKS VNet)' });
  const alertEmail = new TerraformVariable(stack, 'alert_email', { type: 'string', nullable: false, description: 'E-mail address that receives the storage alerts' });
  // The Entra application MLflow signs people in with, and the groups allowed in.
  const tenantId = new TerraformVariable(stack, 'entra_tenant_id', {
    type: 'string', nullable: false, description: 'Directory (tenant) id of the Entra application MLflow signs people in with',
  });
  const clientId = new TerraformVariable(stack, 'entra_client_id', {
    type: 'string', nullable: false, description: 'Application (client) id of that application',
  });
  const clientSecret = new TerraformVariable(stack, 'entra_client_secret', {
    type: 'string', nullable: false, sensitive: true, description: 'Client secret of that application',
  });
  const userGroups = new TerraformVariable(stack, 'mlflow_user_group_ids', {
    type: 'list(string)', nullable: false, description: 'Object ids of the Entra groups whose members may sign in',
  });
  const adminGroups = new TerraformVariable(stack, 'mlflow_admin_group_ids', {
    type: 'list(string)', nullable: false, description: 'Object ids of the Entra groups of the MLflow admins',
  });

  // The AKS cluster, looked up, and the kubernetes + helm providers (kubelogin, Azure CLI).
  const aks = new Construct(stack, 'Aks');
  const cluster = new DataAzurermKubernetesCluster(aks, 'Cluster', {
    name: 'aks-mlflow-prod',
    resourceGroupName: 'rg-aks-prod',
    lifecycle: {
      postcondition: [
        {
          condition: '${self.oidc_issuer_enabled == true && try(length(self.oidc_issuer_url) > 0, false)}',
          errorMessage:
            'MLflow workload identity needs the AKS OIDC issuer: this cluster has oidc_issuer_enabled = false (or no oidc_issuer_url). Enable it (az aks update --enable-oidc-issuer --enable-workload-identity, or oidc_issuer_enabled = true and workload_identity_enabled = true on azurerm_kubernetes_cluster), or choose another ArtifactAuth mode.',
        },
      ],
    },
  });
  const kubeConfig = cluster.kubeConfig.get(0);
  const exec = {
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    command: 'kubelogin',
    args: ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630', '--environment', 'AzurePublicCloud'],
  };
  const ca = Fn.base64decode(kubeConfig.clusterCaCertificate);
  new KubernetesProvider(aks, 'KubernetesProvider', { host: kubeConfig.host, clusterCaCertificate: ca, exec: [exec] });
  new HelmProvider(aks, 'HelmProvider', { kubernetes: { host: kubeConfig.host, clusterCaCertificate: ca, exec } });

  const mlflow = new Construct(stack, 'Mlflow');

  // Customer-managed key: vault (private, purge protection), key with rotation, storage identity.
  const enc = new Construct(mlflow, 'Encryption');
  const client = new DataAzurermClientConfig(enc, 'ClientConfig', {});
  const vault = new KeyVault(enc, 'Vault', {
    name: 'kv-mlflow-prod-001',
    resourceGroupName: rgName,
    location,
    tenantId: client.tenantId,
    skuName: 'standard',
    purgeProtectionEnabled: true,
    softDeleteRetentionDays: 90,
    rbacAuthorizationEnabled: true,
    publicNetworkAccessEnabled: false,
    enabledForDeployment: false,
    enabledForDiskEncryption: false,
    enabledForTemplateDeployment: false,
    networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkSubnetIds: [] },
    tags,
    lifecycle: { preventDestroy: true },
  });
  const officer = new RoleAssignment(enc, 'DeployerCryptoOfficer', {
    scope: vault.id,
    roleDefinitionName: 'Key Vault Crypto Officer',
    principalId: client.objectId,
    description: 'MLflow artifact CMK: lets the principal running Terraform create and rotate the key',
  });
  const vaultPe = new Construct(enc, 'VaultPrivateEndpoint');
  const vaultZone = new PrivateDnsZone(vaultPe, 'ZoneVault', { name: 'privatelink.vaultcore.azure.net', resourceGroupName: rgName, tags });
  const vaultLink = new PrivateDnsZoneVirtualNetworkLink(vaultPe, 'LinkVault0', {
    name: 'vnet0-link',
    privateDnsZoneName: vaultZone.name,
    resourceGroupName: vaultZone.resourceGroupName,
    virtualNetworkId: vnetId.stringValue,
    registrationEnabled: false,
    tags,
  });
  const vaultEndpoint = new PrivateEndpoint(vaultPe, 'EndpointVault', {
    name: 'kv-mlflow-prod-001-vault-pe',
    resourceGroupName: rgName,
    location,
    subnetId: subnetId.stringValue,
    privateServiceConnection: {
      name: 'kv-mlflow-prod-001-vault-psc',
      privateConnectionResourceId: vault.id,
      subresourceNames: ['vault'],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [vaultZone.id] },
    tags,
  });
  // Role assignments take minutes to reach the data plane: wait before using them.
  // The library adds a default time provider for its waits when the stack has none.
  new TimeProvider(stack, 'MlflowAzureTimeProvider', {});
  const officerPropagation = new Sleep(enc, 'DeployerCryptoOfficerPropagation', {
    createDuration: '120s',
    triggers: { role_assignment_id: officer.id },
    dependsOn: [officer],
  });
  const key = new KeyVaultKey(enc, 'Key', {
    name: 'mlflow-artifacts-cmk',
    keyVaultId: vault.id,
    keyType: 'RSA',
    keySize: 3072,
    keyOpts: ['unwrapKey', 'wrapKey'],
    rotationPolicy: { automatic: { timeAfterCreation: 'P11M' }, expireAfter: 'P1Y', notifyBeforeExpiry: 'P29D' },
    tags,
    dependsOn: [officer, officerPropagation, vaultEndpoint, vaultLink],
    // Key Vault sets expiration_date on every rotated version: never plan to clear it.
    lifecycle: { preventDestroy: true, ignoreChanges: ['expiration_date'] },
  });
  const storageIdentity = new UserAssignedIdentity(enc, 'StorageIdentity', { name: 'id-mlflow-artifacts-cmk', resourceGroupName: rgName, location, tags });
  const encryptionUser = new RoleAssignment(enc, 'StorageEncryptionUser', {
    scope: key.resourceVersionlessId,
    roleDefinitionName: 'Key Vault Crypto Service Encryption User',
    principalId: storageIdentity.principalId,
    principalType: 'ServicePrincipal',
    skipServicePrincipalAadCheck: true,
    description: 'MLflow artifact store: wrap and unwrap the account encryption key with the customer-managed key',
  });
  const encryptionUserPropagation = new Sleep(enc, 'StorageEncryptionUserPropagation', {
    createDuration: '120s',
    triggers: { role_assignment_id: encryptionUser.id },
    dependsOn: [encryptionUser],
  });

  // The artifact store: account (no shared keys, no public access), container, lifecycle, lock.
  const store = new Construct(mlflow, 'ArtifactStore');
  const account = new StorageAccount(store, 'Account', {
    name: 'stmlflowprod001',
    resourceGroupName: rgName,
    location,
    accountKind: 'StorageV2',
    accountTier: 'Standard',
    accountReplicationType: 'GZRS',
    accessTier: 'Hot',
    isHnsEnabled: false,
    httpsTrafficOnlyEnabled: true,
    minTlsVersion: 'TLS1_2',
    allowNestedItemsToBePublic: false,
    sharedAccessKeyEnabled: false,
    defaultToOauthAuthentication: true,
    publicNetworkAccessEnabled: false,
    crossTenantReplicationEnabled: false,
    infrastructureEncryptionEnabled: true,
    localUserEnabled: false,
    sftpEnabled: false,
    queueEncryptionKeyType: 'Account',
    tableEncryptionKeyType: 'Account',
    identity: { type: 'UserAssigned', identityIds: [storageIdentity.id] },
    customerManagedKey: { keyVaultKeyId: key.versionlessId, userAssignedIdentityId: storageIdentity.id },
    networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'], ipRules: [], virtualNetworkSubnetIds: [] },
    blobProperties: {
      versioningEnabled: true,
      changeFeedEnabled: true,
      changeFeedRetentionInDays: 90,
      deleteRetentionPolicy: { days: 30, permanentDeleteEnabled: false },
      containerDeleteRetentionPolicy: { days: 30 },
      restorePolicy: { days: 29 },
    },
    tags,
    dependsOn: [encryptionUser, encryptionUserPropagation],
    lifecycle: { preventDestroy: true },
  });
  const container = new StorageContainer(store, 'Container', {
    name: 'mlflow',
    storageAccountId: account.id,
    containerAccessType: 'private',
    lifecycle: { preventDestroy: true },
  });
  const artifactFilters = { blobTypes: ['blockBlob'], prefixMatch: ['mlflow/artifacts/'] };
  new StorageManagementPolicy(store, 'Lifecycle', {
    storageAccountId: account.id,
    rule: [
      {
        name: 'artifact-tiering',
        enabled: true,
        filters: artifactFilters,
        actions: { baseBlob: { tierToCoolAfterDaysSinceModificationGreaterThan: 90 } },
      },
      {
        name: 'delete-noncurrent-versions',
        enabled: true,
        filters: artifactFilters,
        actions: { version: { deleteAfterDaysSinceCreation: 90 } },
      },
    ],
  });
  new ManagementLock(store, 'DeleteLock', {
    name: 'stmlflowprod001-cannot-delete',
    scope: account.id,
    lockLevel: 'CanNotDelete',
    notes: 'MLflow artifact store: blocks deleting the storage account (control plane). Blob deletes are guarded by soft delete and versioning.',
  });

  // Private endpoint for blob storage.
  const storagePe = new Construct(mlflow, 'StoragePrivateEndpoints');
  const blobZone = new PrivateDnsZone(storagePe, 'ZoneBlob', { name: 'privatelink.blob.core.windows.net', resourceGroupName: rgName, tags });
  new PrivateDnsZoneVirtualNetworkLink(storagePe, 'LinkBlob0', {
    name: 'vnet0-link',
    privateDnsZoneName: blobZone.name,
    resourceGroupName: blobZone.resourceGroupName,
    virtualNetworkId: vnetId.stringValue,
    registrationEnabled: false,
    tags,
  });
  new PrivateEndpoint(storagePe, 'EndpointBlob', {
    name: 'pe-stmlflowprod001-blob-pe',
    resourceGroupName: rgName,
    location,
    subnetId: subnetId.stringValue,
    privateServiceConnection: {
      name: 'pe-stmlflowprod001-blob-psc',
      privateConnectionResourceId: account.id,
      subresourceNames: ['blob'],
      isManualConnection: false,
    },
    privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: [blobZone.id] },
    tags,
  });

  // Monitoring: Log Analytics, diagnostics (account, blob service, vault), action group, alerts.
  const mon = new Construct(mlflow, 'Monitoring');
  const workspace = new LogAnalyticsWorkspace(mon, 'Workspace', {
    name: 'mlflow-logs',
    resourceGroupName: rgName,
    location,
    sku: 'PerGB2018',
    retentionInDays: 90,
    localAuthenticationEnabled: false,
    tags,
  });
  const metrics = [{ category: 'Transaction' }, { category: 'Capacity' }];
  new MonitorDiagnosticSetting(mon, 'AccountDiagnostics', {
    name: 'mlflow-diagnostics',
    targetResourceId: account.id,
    logAnalyticsWorkspaceId: workspace.id,
    enabledMetric: metrics,
  });
  new MonitorDiagnosticSetting(mon, 'BlobDiagnostics', {
    name: 'mlflow-diagnostics',
    targetResourceId: `${account.id}/blobServices/default`,
    logAnalyticsWorkspaceId: workspace.id,
    enabledLog: [{ category: 'StorageRead' }, { category: 'StorageWrite' }, { category: 'StorageDelete' }],
    enabledMetric: metrics,
  });
  new MonitorDiagnosticSetting(mon, 'KeyVaultDiagnostics', {
    name: 'mlflow-diagnostics',
    targetResourceId: vault.id,
    logAnalyticsWorkspaceId: workspace.id,
    enabledLog: [{ category: 'AuditEvent' }],
    enabledMetric: [{ category: 'AllMetrics' }],
  });
  const actionGroup = new MonitorActionGroup(mon, 'ActionGroup', {
    name: 'ag-mlflow-prod',
    resourceGroupName: rgName,
    location: 'global',
    shortName: 'mlflowprod',
    enabled: true,
    emailReceiver: [{ name: 'platform-oncall', emailAddress: alertEmail.stringValue, useCommonAlertSchema: true }],
    webhookReceiver: [],
    tags,
  });
  const alert = (id, name, severity, frequency, windowSize, description, criterion) =>
    new MonitorMetricAlert(mon, id, {
      name,
      resourceGroupName: rgName,
      scopes: [account.id],
      description,
      severity,
      frequency,
      windowSize,
      enabled: true,
      autoMitigate: true,
      criteria: [{ metricNamespace: 'Microsoft.Storage/storageAccounts', ...criterion }],
      action: [{ actionGroupId: actionGroup.id }],
      tags,
    });
  alert('AvailabilityAlert', 'mlflow-availability', 1, 'PT5M', 'PT15M', 'MLflow artifact store availability below 99.9 % (average over 15 minutes)',
    { metricName: 'Availability', aggregation: 'Average', operator: 'LessThan', threshold: 99.9 });
  alert('LatencyAlert', 'mlflow-latency', 2, 'PT5M', 'PT15M', 'MLflow artifact store end-to-end latency of successful requests above 1000 ms (average over 15 minutes)',
    { metricName: 'SuccessE2ELatency', aggregation: 'Average', operator: 'GreaterThan', threshold: 1000 });
  alert('CapacityAlert', 'mlflow-capacity', 3, 'PT1H', 'P1D', 'MLflow artifact store used capacity above 1024 GiB (average over 1 day)',
    { metricName: 'UsedCapacity', aggregation: 'Average', operator: 'GreaterThan', threshold: 1099511627776 });
  alert('ServerErrorsAlert', 'mlflow-server-errors', 1, 'PT5M', 'PT15M', 'MLflow artifact store: more than 10 server errors (ServerOtherError or ServerTimeoutError, each type counted on its own) in 15 minutes',
    { metricName: 'Transactions', aggregation: 'Total', operator: 'GreaterThan', threshold: 10,
      dimension: [{ name: 'ResponseType', operator: 'Include', values: ['ServerOtherError', 'ServerTimeoutError'] }] });
  alert('ThrottlingAlert', 'mlflow-throttling', 2, 'PT5M', 'PT15M', 'MLflow artifact store: more than 10 throttled requests (per throttling response type) in 15 minutes',
    { metricName: 'Transactions', aggregation: 'Total', operator: 'GreaterThan', threshold: 10,
      dimension: [{ name: 'ResponseType', operator: 'Include', values: ['ServerBusyError', 'ClientThrottlingError', 'ClientAccountBandwidthThrottlingError', 'ClientAccountRequestThrottlingError'] }] });

  // Kubernetes namespace with the restricted Pod Security labels.
  const nsScope = new Construct(mlflow, 'Namespace');
  const ns = new NamespaceV1(nsScope, 'Namespace', {
    metadata: {
      name: 'mlflow',
      annotations: {},
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  });
  const namespace = ns.metadata.name;

  // Workload identity: identity, federated credential, blob role on the container.
  const access = new Construct(mlflow, 'ArtifactAccess');
  const identity = new UserAssignedIdentity(access, 'Identity', { name: 'id-mlflow-artifacts', resourceGroupName: rgName, location, tags });
  const federated = new FederatedIdentityCredential(access, 'FederatedCredential', {
    name: 'mlflow-service-account',
    resourceGroupName: rgName,
    parentId: identity.id,
    audience: ['api://AzureADTokenExchange'],
    issuer: cluster.oidcIssuerUrl,
    subject: `system:serviceaccount:${namespace}:mlflow`,
  });
  const grant = new RoleAssignment(store, 'GrantArtifactAccess', {
    scope: container.id,
    roleDefinitionName: 'Storage Blob Data Contributor',
    principalId: identity.principalId,
    principalType: 'ServicePrincipal',
    skipServicePrincipalAadCheck: true,
    description: 'MLflow artifact store mlflow: Storage Blob Data Contributor',
  });

  // The MLflow release: database secret (write-only) and the chart values.
  const rel = new Construct(mlflow, 'Release');
  const dbSecret = new SecretV1(rel, 'DatabaseSecret', {
    metadata: {
      name: 'mlflow-database',
      namespace,
      labels: {
        'app.kubernetes.io/name': 'mlflow',
        'app.kubernetes.io/instance': 'mlflow',
        'app.kubernetes.io/component': 'database-credentials',
        'app.kubernetes.io/managed-by': 'terraform',
      },
    },
    type: 'Opaque',
    dataWo: { username: 'mlflow', password: dbPassword.stringValue },
    dataWoRevision: 1,
  });
  // Entra ID sign-in: the write-only secret with the client secret and the user database URL
  // (the password URL-encoded, spaces as %20), and the group lists joined by locals (a list
  // cannot be interpolated into the values document).
  const signIn = new Construct(rel, 'SignIn');
  const encodedPassword = Fn.replace(Fn.urlencode(dbPassword.stringValue), '+', '%20');
  const signInSecret = new SecretV1(signIn, 'Secret', {
    metadata: {
      name: 'mlflow-sign-in',
      namespace,
      labels: {
        'app.kubernetes.io/name': 'mlflow',
        'app.kubernetes.io/instance': 'mlflow',
        'app.kubernetes.io/component': 'sign-in',
        'app.kubernetes.io/managed-by': 'terraform',
        'cdktf-mlflow-azure/sign-in': 'entra-id',
      },
    },
    type: 'Opaque',
    dataWo: {
      OIDC_CLIENT_SECRET: clientSecret.stringValue,
      OIDC_USERS_DB_URI: `postgresql://mlflow:${encodedPassword}@psql-mlflow-prod.postgres.database.azure.com:5432/mlflow_auth?sslmode=require`,
    },
    dataWoRevision: 1,
  });
  const userGroupNames = new TerraformLocal(signIn, 'UserGroups', Fn.join(',', userGroups.listValue)).asString;
  const adminGroupNames = new TerraformLocal(signIn, 'AdminGroups', Fn.join(',', adminGroups.listValue)).asString;

  // Network policy: the MLflow pods are reached on their port only from the gateway's namespace
  // and the client namespace.
  const fromNamespace = (name) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
  new NetworkPolicyV1(rel, 'NetworkPolicy', {
    metadata: {
      name: 'mlflow',
      namespace,
      labels: { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/managed-by': 'terraform' },
    },
    spec: {
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/instance': 'mlflow' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [fromNamespace('gateways'), fromNamespace('ml-training')], ports: [{ port: '5000', protocol: 'TCP' }] }],
    },
  });

  const image = { repository: 'crmlflowprod.azurecr.io/mlflow-azure', tag: '3.15.1', pullPolicy: 'IfNotPresent' };
  const svc = ['mlflow', `mlflow.${namespace}`, `mlflow.${namespace}.svc`, `mlflow.${namespace}.svc.cluster.local`];
  const dbRevision = { 'cdktf-mlflow-azure/database-secret-revision': '1' };
  const podSecurityContext = {
    runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
  };
  const securityContext = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 1001,
    runAsGroup: 1001,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const migrationLabels = {
    'app.kubernetes.io/name': 'mlflow-db-migration',
    'app.kubernetes.io/instance': 'mlflow',
    'app.kubernetes.io/component': 'db-migration',
    'app.kubernetes.io/part-of': 'mlflow',
  };
  // The schema migration: a helm hook job, once per install and upgrade, with PGSSLMODE.
  const migrationJob = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'mlflow-db-migration',
      labels: migrationLabels,
      annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '10', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' },
    },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
      template: {
        metadata: { labels: migrationLabels, annotations: dbRevision },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurityContext,
          containers: [{
            name: 'mlflow-db-migration',
            image: '{{ include "mlflow.containerImage" . }}',
            imagePullPolicy: '{{ .Values.image.pullPolicy }}',
            command: ['python', '-c', 'from mlflow.store.db import utils\nengine = utils.create_sqlalchemy_engine_with_retry("postgresql://")\nutils._initialize_tables(engine)'],
            securityContext,
            env: [
              { name: 'PGHOST', value: 'psql-mlflow-prod.postgres.database.azure.com' },
              { name: 'PGPORT', value: '5432' },
              { name: 'PGDATABASE', value: 'mlflow' },
              { name: 'PGSSLMODE', value: 'require' },
              { name: 'PGUSER', valueFrom: { secretKeyRef: { name: 'mlflow-database', key: 'username' } } },
              { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'mlflow-database', key: 'password' } } },
              { name: 'MLFLOW_DISABLE_TELEMETRY', value: 'true' },
            ],
            resources: {
              requests: { 'cpu': '100m', 'memory': '512Mi', 'ephemeral-storage': '256Mi' },
              limits: { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '1Gi' },
            },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  };
  const trustedProxies = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
  const entraAuthority = `https://login.microsoftonline.com/${tenantId.stringValue}/v2.0`;
  const values = {
    replicaCount: 1,
    image,
    serviceAccount: { create: true, automount: false, annotations: { 'azure.workload.identity/client-id': identity.clientId }, name: 'mlflow' },
    podAnnotations: { ...dbRevision, 'cdktf-mlflow-azure/sign-in-secret-revision': '1' },
    extraPodLabels: { 'azure.workload.identity/use': 'true' },
    podSecurityContext,
    securityContext,
    service: { type: 'ClusterIP', port: 80, containerPort: 5000, containerPortName: 'mlflow' },
    telemetry: { enabled: false },
    backendStore: {
      databaseMigration: false,
      databaseConnectionCheck: false,
      postgres: { enabled: true, host: 'psql-mlflow-prod.postgres.database.azure.com', port: 5432, database: 'mlflow', user: 'mlflow' },
      existingDatabaseSecret: { name: 'mlflow-database', usernameKey: 'username', passwordKey: 'password' },
    },
    artifactRoot: {
      proxiedArtifactStorage: true,
      azureBlob: { enabled: true, container: 'mlflow', storageAccount: account.name, path: 'artifacts' },
    },
    extraArgs: { workers: '4' },
    extraEnvVars: {
      MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT: '600',
      UVICORN_TIMEOUT_KEEP_ALIVE: '3660',
      PGSSLMODE: 'require',
      FORWARDED_ALLOW_IPS: trustedProxies.join(','),
      OIDC_CODE_CHALLENGE: 'S256',
      OIDC_ALEMBIC_VERSION_TABLE: 'alembic_version_oidc_auth',
      OIDC_ISSUER: entraAuthority,
    },
    extraSecretNamesForEnvFrom: ['mlflow-sign-in'],
    // The chart's mlflow-oidc-auth plugin, its client secret from the sign-in secret.
    oidcAuth: {
      enabled: true,
      discoveryUrl: `${entraAuthority}/.well-known/openid-configuration`,
      clientId: clientId.stringValue,
      existingSecret: { name: 'mlflow-sign-in', clientSecretKey: 'OIDC_CLIENT_SECRET' },
      redirectUri: 'https://mlflow.example.com/callback',
      scope: 'openid,email,profile',
      audience: clientId.stringValue,
      providerDisplayName: 'Sign in with Microsoft Entra ID',
      groupsAttribute: 'groups',
      groupName: [userGroupNames],
      adminGroupName: [adminGroupNames],
      defaultPermission: 'READ',
      sessionCookieSecure: true,
      sessionCookieSamesite: 'lax',
      trustedProxies,
    },
    extraVolumes: [],
    extraVolumeMounts: [],
    // an HTTPRoute on the platform's Gateway (extraDeploy) instead of an Ingress
    ingress: { enabled: false },
    serverAllowedHosts: ['localhost', 'localhost:*', '127.0.0.1', '127.0.0.1:*', ...svc.flatMap((h) => [h, `${h}:80`]), 'mlflow.example.com'],
    resources: {
      requests: { 'cpu': '500m', 'memory': '2Gi', 'ephemeral-storage': '6Gi' },
      limits: { 'cpu': '2', 'memory': '4Gi', 'ephemeral-storage': '11Gi' },
    },
    autoscaling: {
      enabled: true,
      minReplicas: 2,
      maxReplicas: 6,
      metrics: ['cpu', 'memory'].map((name) => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: 80 } } })),
    },
    extraDeploy: [migrationJob, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'mlflow', labels: { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/instance': 'mlflow', 'app.kubernetes.io/part-of': 'mlflow' } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateways', sectionName: 'https' }],
        hostnames: ['mlflow.example.com'],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'mlflow', port: 80 }],
          timeouts: { request: '0s' },
        }],
      },
    }],
  };
  new Release(rel, 'Release', {
    name: 'mlflow',
    namespace,
    repository: 'https://community-charts.github.io/helm-charts',
    chart: 'mlflow',
    version: '1.11.5',
    values: [JSON.stringify(values)],
    createNamespace: false,
    atomic: true,
    cleanupOnFail: true,
    wait: true,
    timeout: 600,
    maxHistory: 10,
    dependsOn: [grant, federated, dbSecret, signInSecret],
  });

  // The network policy is ignored without a policy engine on the cluster: a Terraform check.
  const networkPolicy = `data.azurerm_kubernetes_cluster.${cluster.friendlyUniqueId}.network_profile[0].network_policy`;
  stack.addOverride(`check.${cluster.friendlyUniqueId}_network_policy_engine`, {
    assert: [{
      condition: `\${!contains(["", "none"], try(${networkPolicy}, ""))}`,
      error_message: 'AKS cluster aks-mlflow-prod runs no network policy engine (network_policy is empty or none): '
        + 'the network policies of MLflow are accepted and ignored, so every pod of the cluster can reach it. '
        + 'Enable Azure Network Policy Manager, Calico or Cilium on the cluster.',
    }],
  });

  // Write-only secret data needs Terraform >= 1.11. Set last, as the library sets it when the stack
  // is synthesized (the order of the overrides shows in the synthesized metadata).
  stack.addOverride('terraform.required_version', '>= 1.11.0');

  // The outputs of stacks/common.ts (exampleOutputs).
  new TerraformOutput(stack, 'tracking_url', { value: 'https://mlflow.example.com', description: 'MLFLOW_TRACKING_URI for clients' });
  new TerraformOutput(stack, 'artifact_uri', { value: 'wasbs://mlflow@stmlflowprod001.blob.core.windows.net/artifacts', description: 'Where MLflow stores artifacts' });
  new TerraformOutput(stack, 'storage_account', { value: account.name });
  new TerraformOutput(stack, 'identity_client_id', { value: identity.clientId, description: 'The identity MLflow authenticates to Blob Storage as' });
  new TerraformOutput(stack, 'verify_commands', {
    description: 'Run these to check the deployment',
    value: [
      'kubectl -n mlflow rollout status deployment/mlflow',
      "kubectl -n mlflow get serviceaccount mlflow -o jsonpath='{.metadata.annotations}'",
      'kubectl -n mlflow port-forward svc/mlflow 5000:80',
      "MLFLOW_TRACKING_URI=http://localhost:5000 python -c \"import mlflow; mlflow.set_experiment('smoke'); r = mlflow.start_run(); mlflow.log_text('ok', 'smoke.txt'); mlflow.end_run(); print(r.info.artifact_uri)\"",
      `az storage blob list --account-name ${account.name} --container-name mlflow --auth-mode login --query "[].name" -o tsv`,
      `az role assignment list --scope ${container.id} -o table`,
      `kubectl -n mlflow get httproute mlflow -o jsonpath='{range .status.parents[*].conditions[*]}{.type}={.status} {.reason}{"\\n"}{end}'`,
    ],
  });
  return stack;
}

// `synth-handwritten.js N`: N such stacks in one app (the yardstick of scale.js N; their names
// are the same in every stack: the time does not depend on them). Default: one, `mlflow-prod`.
const n = Number(process.argv[2] ?? 1);
if (!Number.isInteger(n) || n < 1 || n > 999) throw new Error(`usage: synth-handwritten.js [N] (1..999), got ${process.argv[2]}`);
const resources = synthInTemp(
  (app) => {
    if (n === 1) handwrittenStack(app, 'mlflow-prod');
    else for (let i = 1; i <= n; i++) handwrittenStack(app, `mlflow-${String(i).padStart(3, '0')}`);
  },
  (outdir) => stackFiles(outdir).reduce((count, f) => count + countResources(f), 0),
);
process.stdout.write(`${JSON.stringify({ resources })}\n`);
