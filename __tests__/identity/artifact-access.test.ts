import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AksCluster, AksClusterAttributes } from '../../lib/cluster';
import { AzureCloud } from '../../lib/core/cloud';
import {
  ArtifactAccess,
  ArtifactAccessProps,
  ArtifactAuth,
  ArtifactAuthMode,
  ServicePrincipalAuthOptions,
} from '../../lib/identity';
import { MlflowBackendStore, MlflowRelease } from '../../lib/mlflow';
import { ArtifactStore, ArtifactStoreProps } from '../../lib/storage';
import { NO_SIGN_IN } from '../mlflow/fixtures';
import { errorOf, onlyResource, ref, resourcesOf, testStack, warningsOf } from '../util';

const SP_CLIENT_ID = '0a0a0a0a-1111-2222-3333-444444444444';
const SP_TENANT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const SP_OBJECT_ID = 'bbbbbbbb-1111-2222-3333-444444444444';
const FORBIDDEN = ['AZURE_STORAGE_KEY', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_ENDPOINT', 'MLFLOW_ARTIFACT_ROOT'];
const ISSUER = 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/';

type ClusterKind = 'lookup' | 'attributes' | 'none';

interface Setup {
  readonly stack: TerraformStack;
  readonly store: ArtifactStore;
  readonly namespace: NamespaceV1;
  readonly cluster?: AksCluster;
  readonly access: ArtifactAccess;
  readonly json: any;
  readonly synth: string;
}

interface SetupOptions {
  readonly store?: Partial<ArtifactStoreProps>;
  readonly access?: Partial<ArtifactAccessProps>;
  readonly cluster?: ClusterKind;
  readonly attributes?: Partial<AksClusterAttributes>;
}

/** A stack with a store, a namespace resource, a cluster and the access construct under test. */
function build(auth: (stack: TerraformStack) => ArtifactAuth, options: SetupOptions = {}): Omit<Setup, 'json' | 'synth'> {
  const stack = testStack();
  const store = new ArtifactStore(stack, 'Store', {
    resourceGroupName: 'rg',
    location: 'westeurope',
    accountName: 'stmlflowtest01',
    ...options.store,
  });
  const namespace = new NamespaceV1(stack, 'Namespace', { metadata: { name: 'mlflow' } });
  const kind = options.cluster ?? 'lookup';
  const cluster = kind === 'lookup'
    ? AksCluster.fromLookup(stack, 'Aks', { name: 'aks-prod', resourceGroupName: 'rg-aks' })
    : kind === 'attributes'
      ? AksCluster.fromAttributes(stack, 'Aks', { name: 'aks-prod', oidcIssuerUrl: ISSUER, ...options.attributes })
      : undefined;
  const access = new ArtifactAccess(stack, 'ArtifactAccess', {
    auth: auth(stack),
    store,
    namespaceName: namespace.metadata.name,
    serviceAccountName: 'mlflow-server',
    cluster,
    resourceGroupName: 'rg',
    location: 'westeurope',
    ...options.access,
  });
  return { stack, store, namespace, cluster, access };
}

function setup(auth: (stack: TerraformStack) => ArtifactAuth, options: SetupOptions = {}): Setup {
  const built = build(auth, options);
  const synth = Testing.synth(built.stack);
  return { ...built, synth, json: JSON.parse(synth) };
}

function sensitiveVariable(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string', sensitive: true }).value;
}

function servicePrincipal(stack: TerraformStack, overrides: Partial<ServicePrincipalAuthOptions> = {}): ArtifactAuth {
  return ArtifactAuth.servicePrincipal({
    clientId: SP_CLIENT_ID,
    tenantId: SP_TENANT_ID,
    objectId: SP_OBJECT_ID,
    clientSecret: sensitiveVariable(stack, 'sp_client_secret'),
    ...overrides,
  });
}

const SHARED_KEYS = { store: { sharedAccessKeyEnabled: true } };

/** Checks every mode must pass: secrets are write-only, no forbidden variable, the secret labels. */
function expectSafeSecrets(s: Setup): void {
  for (const [, secret] of resourcesOf(s.json, 'kubernetes_secret_v1')) {
    expect(secret.data).toBeUndefined();
    expect(secret.binary_data).toBeUndefined();
    expect(secret.type).toBe('Opaque');
    expect(secret.data_wo_revision).toBe(1);
    expect(secret.metadata.namespace).toBe(ref(s.stack, s.namespace.metadata.name));
    expect(secret.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'mlflow',
      'app.kubernetes.io/component': 'artifact-credentials',
      'app.kubernetes.io/managed-by': 'terraform',
      'cdktf-mlflow-azure/auth-mode': s.access.mode,
    });
  }
  for (const name of FORBIDDEN) expect(s.synth).not.toContain(name);
}

describe('ArtifactAuth.accountKey()', () => {
  const s = setup(() => ArtifactAuth.accountKey(), SHARED_KEYS);

  test('writes the account key into a write-only secret attached through extraSecretNamesForEnvFrom', () => {
    const secret = onlyResource(s.json, 'kubernetes_secret_v1');
    expect(secret.data_wo).toEqual({ AZURE_STORAGE_ACCESS_KEY: ref(s.stack, s.store.primaryAccessKey!) });
    expect(secret.data_wo.AZURE_STORAGE_ACCESS_KEY).toMatch(/^\$\{azurerm_storage_account\.Store_Account_[0-9A-F]+\.primary_access_key\}$/);
    expect(secret.metadata.name).toBe('mlflow-artifact-credentials');
    expect(s.access.binding.secretNamesForEnvFrom.map((n) => ref(s.stack, n))).toEqual([
      `\${kubernetes_secret_v1.${resourcesOf(s.json, 'kubernetes_secret_v1')[0][0]}.metadata[0].name}`,
    ]);
    expectSafeSecrets(s);
  });

  test('binding: key auth, proxied multipart upload works, no identity, no annotations or labels', () => {
    expect(ref(s.stack, s.access.binding.namespaceName!)).toBe('${kubernetes_namespace_v1.Namespace.metadata[0].name}');
    expect(s.access.binding.serviceAccountName).toBeUndefined();
    expect(s.access.binding).toMatchObject({
      mode: ArtifactAuthMode.ACCOUNT_KEY,
      serviceAccountAnnotations: {},
      podLabels: {},
      supportsProxyMultipartUpload: true,
      requiresAzureIdentity: false,
      identityClientId: undefined,
      principalId: undefined,
    });
    expect(resourcesOf(s.json, 'azurerm_role_assignment')).toHaveLength(0);
    expect(s.access.dependables).toEqual([]);
  });

  test('the secret depends on the namespace through its name reference', () => {
    const secret = onlyResource(s.json, 'kubernetes_secret_v1');
    expect(secret.metadata.namespace).toBe('${kubernetes_namespace_v1.Namespace.metadata[0].name}');
  });

  test('secretRevision rolls the write-only data', () => {
    const rolled = setup(() => ArtifactAuth.accountKey(), { ...SHARED_KEYS, access: { secretRevision: 3, namePrefix: 'team-a' } });
    const secret = onlyResource(rolled.json, 'kubernetes_secret_v1');
    expect(secret.data_wo_revision).toBe(3);
    expect(secret.metadata.name).toBe('team-a-artifact-credentials');
  });

  test('the binding carries the secret revision (the release rolls the pods with it) for every mode with a secret', () => {
    expect(setup(() => ArtifactAuth.accountKey(), { ...SHARED_KEYS, access: { secretRevision: 3 } }).access.binding.secretRevision).toBe(3);
    expect(setup(() => ArtifactAuth.accountKey(), SHARED_KEYS).access.binding.secretRevision).toBe(1);
    expect(setup(() => ArtifactAuth.connectionString(), { ...SHARED_KEYS, access: { secretRevision: 2 } }).access.binding.secretRevision).toBe(2);
    expect(setup((st) => servicePrincipal(st), { access: { secretRevision: 7 } }).access.binding.secretRevision).toBe(7);
  });

  test('the identity modes have no secret, so no secret revision in the binding', () => {
    expect(setup(() => ArtifactAuth.workloadIdentity()).access.binding.secretRevision).toBeUndefined();
    expect(setup(() => ArtifactAuth.kubeletIdentity()).access.binding.secretRevision).toBeUndefined();
  });
});

describe('ArtifactAuth.connectionString()', () => {
  test('the account connection string, write-only', () => {
    const s = setup(() => ArtifactAuth.connectionString(), SHARED_KEYS);
    const secret = onlyResource(s.json, 'kubernetes_secret_v1');
    expect(secret.data_wo).toEqual({ AZURE_STORAGE_CONNECTION_STRING: ref(s.stack, s.store.primaryConnectionString!) });
    expect(secret.data_wo.AZURE_STORAGE_CONNECTION_STRING).toMatch(/\.primary_connection_string\}$/);
    expect(s.access.binding).toMatchObject({
      mode: ArtifactAuthMode.CONNECTION_STRING,
      supportsProxyMultipartUpload: true,
      requiresAzureIdentity: false,
      serviceAccountAnnotations: {},
      podLabels: {},
    });
    expectSafeSecrets(s);
  });

  test('a custom endpoint takes a connection string of your own from a sensitive variable', () => {
    const s = setup((stack) => ArtifactAuth.connectionString({ connectionString: sensitiveVariable(stack, 'blob_connection_string') }), {
      store: { sharedAccessKeyEnabled: true, customBlobEndpoint: 'https://stmlflowtest01.blob.local.azurestack.external/' },
    });
    expect(onlyResource(s.json, 'kubernetes_secret_v1').data_wo).toEqual({ AZURE_STORAGE_CONNECTION_STRING: '${var.blob_connection_string}' });
    expect(s.json.variable.blob_connection_string).toEqual({ type: 'string', sensitive: true });
    // A connection string of your own may be a SAS one: proxied multipart upload is not promised.
    expect(s.access.binding.supportsProxyMultipartUpload).toBe(false);
    expectSafeSecrets(s);
  });
});

describe('ArtifactAuth.servicePrincipal()', () => {
  const s = setup((stack) => servicePrincipal(stack), { cluster: 'none' });

  test('grants Storage Blob Data Contributor on the container to the service principal', () => {
    expect(s.synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, {
      scope: ref(s.stack, s.store.containerResourceId),
      role_definition_name: 'Storage Blob Data Contributor',
      principal_id: SP_OBJECT_ID,
      principal_type: 'ServicePrincipal',
    });
    expect(resourcesOf(s.json, 'azurerm_role_assignment')).toHaveLength(1);
  });

  test('the client secret stays a variable reference in a write-only secret', () => {
    const secret = onlyResource(s.json, 'kubernetes_secret_v1');
    expect(secret.data_wo).toEqual({
      AZURE_CLIENT_ID: SP_CLIENT_ID,
      AZURE_TENANT_ID: SP_TENANT_ID,
      AZURE_CLIENT_SECRET: '${var.sp_client_secret}',
      AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.com/',
    });
    expect(s.json.variable.sp_client_secret).toEqual({ type: 'string', sensitive: true });
    expectSafeSecrets(s);
  });

  test('binding: identity auth through azure-identity, no multipart upload', () => {
    expect(s.access.binding).toMatchObject({
      mode: ArtifactAuthMode.SERVICE_PRINCIPAL,
      serviceAccountAnnotations: {},
      podLabels: {},
      supportsProxyMultipartUpload: false,
      requiresAzureIdentity: true,
      identityClientId: SP_CLIENT_ID,
      principalId: SP_OBJECT_ID,
    });
    // its secret is in the namespace; no service account is federated
    expect(ref(s.stack, s.access.binding.namespaceName!)).toBe(onlyResource(s.json, 'kubernetes_secret_v1').metadata.namespace);
    expect(s.access.binding.serviceAccountName).toBeUndefined();
    expect(s.access.dependables).toEqual([s.access.roleAssignment]);
  });

  test('the authority host follows the store cloud', () => {
    const china = setup((stack) => servicePrincipal(stack), { cluster: 'none', store: { cloud: AzureCloud.CHINA } });
    expect(onlyResource(china.json, 'kubernetes_secret_v1').data_wo.AZURE_AUTHORITY_HOST).toBe('https://login.chinacloudapi.cn/');
  });
});

describe('ArtifactAuth.workloadIdentity()', () => {
  const s = setup(() => ArtifactAuth.workloadIdentity(), { access: { tags: { env: 'prod' } } });
  const identityId = () => resourcesOf(s.json, 'azurerm_user_assigned_identity')[0][0];

  test('creates a user-assigned identity with the default name', () => {
    expect(s.synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_user_assigned_identity' }, {
      name: 'id-mlflow-artifacts',
      resource_group_name: 'rg',
      location: 'westeurope',
      tags: { env: 'prod' },
    });
  });

  test('federates it with the MLflow service account of the same namespace, through the cluster OIDC issuer', () => {
    const fic = onlyResource(s.json, 'azurerm_federated_identity_credential');
    const clusterId = Object.keys(s.json.data.azurerm_kubernetes_cluster)[0];
    expect(fic).toEqual({
      name: 'mlflow-service-account',
      resource_group_name: 'rg',
      parent_id: `\${azurerm_user_assigned_identity.${identityId()}.id}`,
      audience: ['api://AzureADTokenExchange'],
      issuer: `\${data.azurerm_kubernetes_cluster.${clusterId}.oidc_issuer_url}`,
      subject: 'system:serviceaccount:${kubernetes_namespace_v1.Namespace.metadata[0].name}:mlflow-server',
    });
    expect(fic.subject).toBe(`system:serviceaccount:${ref(s.stack, s.namespace.metadata.name)}:mlflow-server`);
    expect(fic.issuer).toBe(ref(s.stack, s.cluster!.oidcIssuerUrl!));
  });

  test('the blob role goes to the same identity, on the container', () => {
    expect(onlyResource(s.json, 'azurerm_role_assignment')).toMatchObject({
      scope: ref(s.stack, s.store.containerResourceId),
      role_definition_name: 'Storage Blob Data Contributor',
      principal_id: `\${azurerm_user_assigned_identity.${identityId()}.principal_id}`,
      principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: true,
    });
  });

  test('binding: the client-id annotation of the same identity and the use label as a string', () => {
    const b = s.access.binding;
    expect(b.mode).toBe(ArtifactAuthMode.WORKLOAD_IDENTITY);
    expect(Object.keys(b.serviceAccountAnnotations)).toEqual(['azure.workload.identity/client-id']);
    expect(ref(s.stack, b.serviceAccountAnnotations['azure.workload.identity/client-id'])).toBe(`\${azurerm_user_assigned_identity.${identityId()}.client_id}`);
    expect(b.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(typeof b.podLabels['azure.workload.identity/use']).toBe('string');
    expect(b.secretNamesForEnvFrom).toEqual([]);
    expect(b.supportsProxyMultipartUpload).toBe(false);
    expect(b.requiresAzureIdentity).toBe(true);
    expect(ref(s.stack, b.identityClientId!)).toBe(`\${azurerm_user_assigned_identity.${identityId()}.client_id}`);
    expect(ref(s.stack, b.principalId!)).toBe(`\${azurerm_user_assigned_identity.${identityId()}.principal_id}`);
    expect(s.access.dependables).toEqual([s.access.roleAssignment, s.access.federatedCredential]);
  });

  test('binding: the namespace and service account of the federated subject', () => {
    const fic = onlyResource(s.json, 'azurerm_federated_identity_credential');
    const b = s.access.binding;
    expect(b.serviceAccountName).toBe('mlflow-server');
    expect(ref(s.stack, b.namespaceName!)).toBe('${kubernetes_namespace_v1.Namespace.metadata[0].name}');
    expect(fic.subject).toBe(`system:serviceaccount:${ref(s.stack, b.namespaceName!)}:${b.serviceAccountName}`);
  });

  test('a release with another service account or namespace than the federated ones fails, naming them', () => {
    const literal = build(() => ArtifactAuth.workloadIdentity(), { access: { namespaceName: 'team-a' } });
    const props = {
      artifactLocation: literal.store,
      auth: literal.access.binding,
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      image: { repository: 'myregistry.azurecr.io/mlflow-azure', tag: '3.15.1-azure.1' },
      signIn: NO_SIGN_IN,
    };
    const error = errorOf(() => new MlflowRelease(literal.stack, 'Wrong', { ...props, namespaceName: 'team-b' }));
    expect(error).toMatch(/^MlflowRelease at test\/Wrong: 2 invalid props:/);
    expect(error).toContain('  - namespaceName = "team-b": must equal auth.namespaceName ("team-a")');
    expect(error).toContain('  - serviceAccountName = "mlflow": must equal auth.serviceAccountName ("mlflow-server")');
    expect(() => new MlflowRelease(literal.stack, 'Right', { ...props, namespaceName: 'team-a', serviceAccountName: 'mlflow-server' })).not.toThrow();
  });

  test('no key, connection string or secret anywhere', () => {
    expect(resourcesOf(s.json, 'kubernetes_secret_v1')).toHaveLength(0);
    expect(s.synth).not.toMatch(/primary_access_key|primary_connection_string|AZURE_STORAGE_ACCESS_KEY|AZURE_STORAGE_CONNECTION_STRING|AZURE_CLIENT_SECRET/);
    for (const name of FORBIDDEN) expect(s.synth).not.toContain(name);
  });

  test('the looked-up cluster gets the OIDC issuer postcondition', () => {
    const ds = Object.values(s.json.data.azurerm_kubernetes_cluster)[0] as any;
    expect(ds.lifecycle.postcondition.map((c: any) => c.condition)).toEqual([
      '${self.oidc_issuer_enabled == true && try(length(self.oidc_issuer_url) > 0, false)}',
    ]);
  });

  test('names can be given; a cluster given by attributes uses its literal issuer', () => {
    const named = setup(() => ArtifactAuth.workloadIdentity({ identityName: 'id_MLflow_prod', federatedCredentialName: 'mlflow-prod' }), { cluster: 'attributes' });
    expect(onlyResource(named.json, 'azurerm_user_assigned_identity').name).toBe('id_MLflow_prod');
    const fic = onlyResource(named.json, 'azurerm_federated_identity_credential');
    expect(fic.name).toBe('mlflow-prod');
    expect(fic.issuer).toBe(ISSUER);
    expect(named.json.data).toBeUndefined();
  });

  test('the workload identity chain matches the snapshot', () => {
    const r = s.json.resource;
    expect({
      data: s.json.data,
      azurerm_user_assigned_identity: r.azurerm_user_assigned_identity,
      azurerm_federated_identity_credential: r.azurerm_federated_identity_credential,
      azurerm_role_assignment: r.azurerm_role_assignment,
    }).toMatchSnapshot();
  });
});

describe('ArtifactAuth.kubeletIdentity()', () => {
  const s = setup(() => ArtifactAuth.kubeletIdentity());
  const clusterId = () => Object.keys(s.json.data.azurerm_kubernetes_cluster)[0];

  test('grants the container role to the kubelet identity of the cluster', () => {
    expect(onlyResource(s.json, 'azurerm_role_assignment')).toMatchObject({
      scope: ref(s.stack, s.store.containerResourceId),
      role_definition_name: 'Storage Blob Data Contributor',
      principal_id: `\${data.azurerm_kubernetes_cluster.${clusterId()}.kubelet_identity[0].object_id}`,
      principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: false,
    });
  });

  test('hands the kubelet client id over in the binding only: no secret, no write-only attribute, no Terraform version requirement', () => {
    expect(resourcesOf(s.json, 'kubernetes_secret_v1')).toHaveLength(0);
    expect(s.access.secret).toBeUndefined();
    expect(s.access.binding.secretNamesForEnvFrom).toEqual([]);
    expect(ref(s.stack, s.access.binding.identityClientId!)).toBe(`\${data.azurerm_kubernetes_cluster.${clusterId()}.kubelet_identity[0].client_id}`);
    expect(s.json.terraform?.required_version).toBeUndefined();
  });

  test('the release sets it once, as the plain AZURE_CLIENT_ID (nodes carry several identities)', () => {
    const k = build(() => ArtifactAuth.kubeletIdentity());
    new MlflowRelease(k.stack, 'Release', {
      namespaceName: 'mlflow',
      artifactLocation: k.store,
      auth: k.access.binding,
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
      image: { repository: 'myregistry.azurecr.io/mlflow-azure', tag: '3.15.1-azure.1' },
      signIn: NO_SIGN_IN,
    });
    const json = JSON.parse(Testing.synth(k.stack));
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    const id = Object.keys(json.data.azurerm_kubernetes_cluster)[0];
    expect(values.extraEnvVars.AZURE_CLIENT_ID).toBe(`\${data.azurerm_kubernetes_cluster.${id}.kubelet_identity[0].client_id}`);
    expect(values.extraSecretNamesForEnvFrom).toEqual([]);
    expect(resourcesOf(json, 'kubernetes_secret_v1')).toHaveLength(0);
    expect(json.terraform?.required_version).toBeUndefined();
  });

  test('warns that every pod on the nodes gets the access and that workload identity is better', () => {
    const warnings = warningsOf(s.stack);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/every pod on every node of the cluster .* through IMDS/);
    expect(warnings[0]).toMatch(/Prefer ArtifactAuth\.workloadIdentity\(\)/);
  });

  test('binding and the kubelet identity postcondition', () => {
    expect(s.access.binding).toMatchObject({
      mode: ArtifactAuthMode.KUBELET_IDENTITY,
      serviceAccountAnnotations: {},
      podLabels: {},
      supportsProxyMultipartUpload: false,
      requiresAzureIdentity: true,
    });
    // bound to no namespace or service account: nothing of it lives in the namespace
    expect(s.access.binding.namespaceName).toBeUndefined();
    expect(s.access.binding.serviceAccountName).toBeUndefined();
    expect(ref(s.stack, s.access.binding.principalId!)).toMatch(/kubelet_identity\[0\]\.object_id\}$/);
    const ds = s.json.data.azurerm_kubernetes_cluster[clusterId()];
    expect(ds.lifecycle.postcondition.map((c: any) => c.condition)).toEqual(['${try(length(self.kubelet_identity[0].object_id) > 0, false)}']);
  });
});

test('the key modes emit no warning', () => {
  expect(warningsOf(setup(() => ArtifactAuth.accountKey(), SHARED_KEYS).stack)).toEqual([]);
});

describe('ArtifactAccess validation', () => {
  const fail = (auth: (stack: TerraformStack) => ArtifactAuth, options: SetupOptions = {}) => errorOf(() => build(auth, options));

  test('account key needs shared keys on the store', () => {
    expect(fail(() => ArtifactAuth.accountKey())).toMatch(/store\.sharedAccessKeyEnabled = false: the account key mode needs sharedAccessKeyEnabled: true on the ArtifactStore/);
  });

  test('connection string needs shared keys on the store', () => {
    expect(fail(() => ArtifactAuth.connectionString())).toMatch(/store\.sharedAccessKeyEnabled = false: the connection string mode needs sharedAccessKeyEnabled: true on the ArtifactStore/);
  });

  test('key modes do not work with hierarchical namespace (abfss)', () => {
    const msg = fail(() => ArtifactAuth.accountKey(), { store: { sharedAccessKeyEnabled: true, hierarchicalNamespace: true, versioning: false } });
    expect(msg).toMatch(/store\.hierarchicalNamespace = true: MLflow's abfss:\/\/ repository authenticates with a SAS token or DefaultAzureCredential only/);
  });

  test('a custom endpoint needs the connection string mode', () => {
    const msg = fail(() => ArtifactAuth.accountKey(), { store: { sharedAccessKeyEnabled: true, customBlobEndpoint: 'https://acct.blob.local.azurestack.external/' } });
    expect(msg).toMatch(/store\.usesCustomEndpoint = true: MLflow reaches a custom blob endpoint only through a connection string/);
  });

  test('a custom endpoint needs a connection string of your own', () => {
    const msg = fail(() => ArtifactAuth.connectionString(), { store: { sharedAccessKeyEnabled: true, customBlobEndpoint: 'https://acct.blob.local.azurestack.external/' } });
    expect(msg).toMatch(/auth\.connectionString = undefined: the store uses a custom blob endpoint/);
  });

  test('a literal connection string is refused, without echoing it', () => {
    const literal = 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0';
    const msg = fail(() => ArtifactAuth.connectionString({ connectionString: literal }), SHARED_KEYS);
    expect(msg).toMatch(/auth\.connectionString = "<literal, not shown>": must be a Terraform reference .* never a literal/);
    expect(msg).not.toContain('c2VjcmV0');
  });

  test('a literal client secret is refused, naming the prop, without echoing it', () => {
    const msg = fail((stack) => servicePrincipal(stack, { clientSecret: 'p@ssw0rd-literal' }), { cluster: 'none' });
    expect(msg).toMatch(/auth\.clientSecret = "<literal, not shown>": must be a Terraform reference \(the value of a sensitive TerraformVariable without a default\), never a literal/);
    expect(msg).not.toContain('p@ssw0rd-literal');
  });

  test('the client secret variable must be sensitive', () => {
    const msg = fail((stack) => servicePrincipal(stack, { clientSecret: new TerraformVariable(stack, 'plain', { type: 'string' }).stringValue }), { cluster: 'none' });
    expect(msg).toMatch(/auth\.clientSecret = "var\.plain": the variable "plain" must be declared sensitive: true/);
  });

  test('the client secret variable must have no default', () => {
    const msg = fail((stack) => servicePrincipal(stack, {
      clientSecret: new TerraformVariable(stack, 'defaulted', { type: 'string', sensitive: true, default: 'changeme' }).value,
    }), { cluster: 'none' });
    expect(msg).toMatch(/auth\.clientSecret = "var\.defaulted": the variable "defaulted" must have no default/);
  });

  test('service principal ids must be GUIDs', () => {
    const msg = fail((stack) => servicePrincipal(stack, { clientId: 'app', tenantId: 'contoso.com', objectId: 'sp' }), { cluster: 'none' });
    expect(msg).toMatch(/auth\.clientId = "app": must be a GUID/);
    expect(msg).toMatch(/auth\.tenantId = "contoso\.com": must be a GUID/);
    expect(msg).toMatch(/auth\.objectId = "sp": must be a GUID/);
  });

  test('workload identity needs a cluster', () => {
    expect(fail(() => ArtifactAuth.workloadIdentity(), { cluster: 'none' })).toMatch(/cluster = undefined: is needed for workload identity/);
  });

  test('workload identity needs a resource group and a location for the identity', () => {
    const msg = fail(() => ArtifactAuth.workloadIdentity(), { access: { resourceGroupName: undefined, location: undefined } });
    expect(msg).toMatch(/resourceGroupName = undefined: is needed for the user-assigned identity/);
    expect(msg).toMatch(/location = undefined: is needed for the user-assigned identity/);
  });

  test('workload identity fails on a cluster known to have the OIDC issuer off', () => {
    const msg = fail(() => ArtifactAuth.workloadIdentity(), { cluster: 'attributes', attributes: { oidcIssuerEnabled: false, oidcIssuerUrl: undefined } });
    expect(msg).toMatch(/cluster\.oidcIssuerEnabled = false: workload identity needs the OIDC issuer on the cluster/);
  });

  test('workload identity fails on a cluster known to have workload identity off', () => {
    const msg = fail(() => ArtifactAuth.workloadIdentity(), { cluster: 'attributes', attributes: { workloadIdentityEnabled: false } });
    expect(msg).toMatch(/cluster\.workloadIdentityEnabled = false: workload identity needs workload_identity_enabled = true on the cluster/);
  });

  test('workload identity needs the issuer URL of a cluster given by attributes', () => {
    const msg = fail(() => ArtifactAuth.workloadIdentity(), { cluster: 'attributes', attributes: { oidcIssuerUrl: undefined } });
    expect(msg).toMatch(/cluster\.oidcIssuerUrl = undefined: workload identity needs the OIDC issuer URL/);
  });

  test('the identity name is validated', () => {
    expect(fail(() => ArtifactAuth.workloadIdentity({ identityName: '-id' }))).toMatch(/auth\.identityName = "-id": must be 3 to 128 letters, digits, hyphens and underscores/);
  });

  test('the federated credential name is validated', () => {
    expect(fail(() => ArtifactAuth.workloadIdentity({ federatedCredentialName: 'a.b' }))).toMatch(/auth\.federatedCredentialName = "a\.b": must be 3 to 120 letters/);
  });

  test('the identity names have no default when namePrefix is a token', () => {
    const msg = errorOf(() => {
      const stack = testStack();
      const prefix = new TerraformVariable(stack, 'prefix', { type: 'string' }).value;
      build(() => ArtifactAuth.workloadIdentity(), { access: { namePrefix: prefix } });
    });
    expect(msg).toMatch(/auth\.identityName = undefined: has no default when namePrefix is a token/);
    expect(msg).toMatch(/auth\.federatedCredentialName = undefined: has no default when namePrefix is a token/);
  });

  test('the kubelet identity mode needs a cluster', () => {
    expect(fail(() => ArtifactAuth.kubeletIdentity(), { cluster: 'none' })).toMatch(/cluster = undefined: is needed for the kubelet identity mode/);
  });

  test('the kubelet identity mode needs the kubelet ids of a cluster given by attributes', () => {
    const msg = fail(() => ArtifactAuth.kubeletIdentity(), { cluster: 'attributes' });
    expect(msg).toMatch(/cluster\.kubeletIdentityObjectId = undefined: the kubelet identity mode needs the object id/);
    expect(msg).toMatch(/cluster\.kubeletIdentityClientId = undefined: the kubelet identity mode needs the client id/);
  });

  test('the namespace name must be a DNS label', () => {
    expect(fail(() => ArtifactAuth.accountKey(), { ...SHARED_KEYS, access: { namespaceName: 'MLflow' } })).toMatch(/namespaceName = "MLflow": must be a DNS-1123 label/);
  });

  test('the service account name must be a DNS subdomain', () => {
    expect(fail(() => ArtifactAuth.accountKey(), { ...SHARED_KEYS, access: { serviceAccountName: 'mlflow_sa' } })).toMatch(/serviceAccountName = "mlflow_sa": must be a DNS-1123 subdomain/);
  });

  test('the name prefix is validated', () => {
    expect(fail(() => ArtifactAuth.accountKey(), { ...SHARED_KEYS, access: { namePrefix: 'MLflow' } })).toMatch(/namePrefix = "MLflow": must be 1 to 40 lowercase letters/);
  });

  test('the secret revision is a positive whole number', () => {
    expect(fail(() => ArtifactAuth.accountKey(), { ...SHARED_KEYS, access: { secretRevision: 0 } })).toMatch(/secretRevision = 0: must be a whole number from 1 to/);
  });

  test('a secret revision with a mode that has no secret', () => {
    expect(fail(() => ArtifactAuth.workloadIdentity(), { access: { secretRevision: 2 } })).toMatch(
      /secretRevision = 2: applies to the modes with a Kubernetes secret \(account-key, connection-string, service-principal\), not workload-identity/,
    );
  });

  test('every problem is listed in one error', () => {
    const msg = fail(() => ArtifactAuth.accountKey(), { access: { namespaceName: 'MLflow', secretRevision: 1.5 } });
    expect(msg).toMatch(/^ArtifactAccess at test\/ArtifactAccess: 3 invalid props:/);
  });
});

test('synth is deterministic', () => {
  expect(setup(() => ArtifactAuth.workloadIdentity()).synth).toBe(setup(() => ArtifactAuth.workloadIdentity()).synth);
});
