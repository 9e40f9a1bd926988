import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack, TerraformVariable, Token } from 'cdktf';
import { AksCluster, AksClusterAttributes, KubernetesAuth } from '../../lib/cluster';
import { AzureCloud } from '../../lib/core/cloud';
import { ArtifactAuthBinding, ArtifactAuthMode } from '../../lib/identity/binding';
import { MlflowArtifactLocation, MlflowBackendStore, MlflowImage, MlflowIngressController, MlflowReleaseProps, PostgresSslMode } from '../../lib/mlflow';
import { buildMlflowValues, MlflowValuesInput } from '../../lib/mlflow/values';
import { basicAuthBinding, entraBinding } from '../../lib/signin/chart';
import { MlflowSignIn } from '../../lib/signin/props';

/** Bindings as the auth construct hands them over: plain objects, one per mode. */
export const BINDINGS: Record<ArtifactAuthMode, ArtifactAuthBinding> = {
  [ArtifactAuthMode.ACCOUNT_KEY]: {
    mode: ArtifactAuthMode.ACCOUNT_KEY,
    secretNamesForEnvFrom: ['mlflow-storage-key'],
    serviceAccountAnnotations: {},
    podLabels: {},
    supportsProxyMultipartUpload: true,
    requiresAzureIdentity: false,
  },
  [ArtifactAuthMode.CONNECTION_STRING]: {
    mode: ArtifactAuthMode.CONNECTION_STRING,
    secretNamesForEnvFrom: ['mlflow-storage-connection'],
    serviceAccountAnnotations: {},
    podLabels: {},
    supportsProxyMultipartUpload: true,
    requiresAzureIdentity: false,
  },
  [ArtifactAuthMode.SERVICE_PRINCIPAL]: {
    mode: ArtifactAuthMode.SERVICE_PRINCIPAL,
    secretNamesForEnvFrom: ['mlflow-service-principal'],
    serviceAccountAnnotations: {},
    podLabels: {},
    supportsProxyMultipartUpload: false,
    requiresAzureIdentity: true,
    principalId: '00000000-0000-0000-0000-0000000000aa',
  },
  [ArtifactAuthMode.WORKLOAD_IDENTITY]: {
    mode: ArtifactAuthMode.WORKLOAD_IDENTITY,
    secretNamesForEnvFrom: [],
    serviceAccountAnnotations: { 'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555' },
    podLabels: { 'azure.workload.identity/use': 'true' },
    supportsProxyMultipartUpload: false,
    requiresAzureIdentity: true,
    identityClientId: '11111111-2222-3333-4444-555555555555',
    principalId: '00000000-0000-0000-0000-0000000000bb',
  },
  [ArtifactAuthMode.KUBELET_IDENTITY]: {
    mode: ArtifactAuthMode.KUBELET_IDENTITY,
    secretNamesForEnvFrom: [],
    serviceAccountAnnotations: {},
    podLabels: {},
    supportsProxyMultipartUpload: false,
    requiresAzureIdentity: true,
    identityClientId: '99999999-8888-7777-6666-555555555555',
  },
};

export const ALL_MODES = Object.values(ArtifactAuthMode) as ArtifactAuthMode[];

export const LOCATION: MlflowArtifactLocation = {
  accountName: 'stmlflowtest01',
  containerName: 'mlflow',
  artifactPath: 'artifacts',
};

export const IMAGE: MlflowImage = {
  repository: 'myregistry.azurecr.io/mlflow-azure',
  tag: '3.15.1-azure.1',
};

/** Every key of an object tree, with its path. */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${prefix}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    return [path, ...keyPaths(v, path)];
  });
}

/** A string token (what a TerraformVariable or a resource attribute gives). */
export const tok = (name: string) => Token.asString(Token.asAny(name));

/** The usual PostgreSQL backend (its password a token). */
export const POSTGRES = MlflowBackendStore.postgres({
  host: 'pg-mlflow.postgres.database.azure.com',
  database: 'mlflow',
  user: 'mlflow',
  password: tok('db-password-token'),
});

/** The values builder with the usual input (workload identity, PostgreSQL, custom image). */
export function buildValues(overrides: Partial<MlflowValuesInput> = {}) {
  return buildMlflowValues({
    artifactLocation: LOCATION,
    auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
    backendStore: POSTGRES,
    namespace: 'mlflow',
    image: IMAGE,
    ...overrides,
  });
}

/** Entra ID sign-in as the sign-in resources hand it over (PostgreSQL user database or SQLite; Redis cache or not). */
export const ENTRA_BINDING = (databaseInSecret: boolean, redisInSecret = false, cloud = AzureCloud.PUBLIC) => entraBinding({
  cloud,
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  clientId: '0b1e3a7c-5d2f-4e6a-9c8b-1a2b3c4d5e6f',
  secretName: 'mlflow-sign-in',
  secretRevision: '1',
  redirectUri: 'https://mlflow.example.com/callback',
  groupsClaim: 'groups',
  userGroups: ['11111111-1111-1111-1111-111111111111'],
  adminGroups: ['22222222-2222-2222-2222-222222222222'],
  defaultPermission: 'READ',
  providerDisplayName: 'Sign in with Microsoft Entra ID',
  trustedProxies: ['10.0.0.0/8'],
  databaseInSecret,
  redisInSecret,
});

/** Basic auth as the sign-in resources hand it over. */
export const BASIC_BINDING = basicAuthBinding('mlflow-sign-in', '1');

/** Inputs covering every branch of the values builder (for the chart schema and rendering tests). */
export const VALUES_CASES: [string, Partial<MlflowValuesInput>][] = [
  ...ALL_MODES.map((mode): [string, Partial<MlflowValuesInput>] => [`auth ${mode}, postgres`, { auth: BINDINGS[mode] }]),
  ['sqlite, default image', { backendStore: MlflowBackendStore.sqliteForDevelopment(), image: undefined, auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY] }],
  ['ingress-nginx with TLS', { ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' } }],
  ['AGIC ingress', { ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls', controller: MlflowIngressController.APPLICATION_GATEWAY } }],
  ['other ingress, plain HTTP', { ingress: { host: 'mlflow.example.com', allowInsecureHttp: true, controller: MlflowIngressController.OTHER, className: 'azure-alb-external' } }],
  ['autoscaling', { autoscaling: { minReplicas: 2, maxReplicas: 5 }, replicas: 2 }],
  ['China cloud', { artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA } }],
  ['US Government cloud, proxy off', { artifactLocation: { ...LOCATION, cloud: AzureCloud.US_GOVERNMENT }, disableArtifactProxy: true }],
  ['abfss (hierarchical namespace)', { artifactLocation: { ...LOCATION, hierarchicalNamespace: true } }],
  ['multipart upload, digest, driver', {
    auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY],
    proxyMultipartUpload: true,
    image: { ...IMAGE, digest: `sha256:${'0'.repeat(64)}`, pullPolicy: 'Always' },
    backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: tok('pw'), driver: 'psycopg2', port: 6432 }),
  }],
  ['verify-full (no migration init container)', {
    backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: tok('pw'), sslMode: PostgresSslMode.VERIFY_FULL }),
  }],
  ['workers and keep-alive', { workers: 16, keepAliveTimeoutSeconds: 650 }],
  ['release team (service team-mlflow)', { releaseName: 'team' }],
  ['token release name (fullnameOverride)', { releaseName: tok('release') }],
  ['Entra ID sign-in, PostgreSQL users, Redis cache', { signInBinding: ENTRA_BINDING(true, true), ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' } }],
  ['Entra ID sign-in, SQLite users', { signInBinding: ENTRA_BINDING(false), backendStore: MlflowBackendStore.sqliteForDevelopment() }],
  ['basic auth', { signInBinding: BASIC_BINDING }],
  ['Gateway API route', { signInBinding: BASIC_BINDING, ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.GATEWAY_API, gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' } } }],
];

/** A release's props without sign-in and ingress: namespace mlflow, workload identity, the test image, SQLite. */
export const RELEASE_BASE: Omit<MlflowReleaseProps, 'signIn'> = {
  namespaceName: 'mlflow',
  artifactLocation: LOCATION,
  auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
  image: IMAGE,
  backendStore: MlflowBackendStore.sqliteForDevelopment(),
};

/** No sign-in, for releases without ingress in unit tests. */
export const NO_SIGN_IN = MlflowSignIn.none({ reason: 'unit test: reached inside the cluster only' });

/** An AKS cluster given by attributes: OIDC issuer and workload identity on, kubelet identity known. */
export const AKS_ATTRIBUTES: AksClusterAttributes = {
  name: 'aks',
  oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
  oidcIssuerEnabled: true,
  workloadIdentityEnabled: true,
  kubeletIdentityObjectId: '00000000-0000-0000-0000-000000000001',
  kubeletIdentityClientId: '00000000-0000-0000-0000-000000000002',
};

/** A sensitive variable of the stack (created once per id). */
export function sensitiveVariable(stack: TerraformStack, id: string): TerraformVariable {
  return (stack.node.tryFindChild(id) as TerraformVariable | undefined) ?? new TerraformVariable(stack, id, { type: 'string', sensitive: true });
}

/** Basic auth with the admin password from a sensitive variable. */
export function basicSignIn(stack: TerraformStack): MlflowSignIn {
  return MlflowSignIn.basicAuth({ adminPassword: sensitiveVariable(stack, 'mlflow_admin_password').stringValue });
}

/**
 * The stack's cluster (workload identity on) with the providers a valid stack needs: azurerm,
 * and kubernetes and helm through kubelogin. Created once per stack.
 */
export function clusterWithProviders(stack: TerraformStack): AksCluster {
  const existing = stack.node.tryFindChild('Aks') as AksCluster | undefined;
  if (existing) return existing;
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  const aks = AksCluster.fromAttributes(stack, 'Aks', {
    name: 'aks',
    oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,
    host: 'https://aks.example.com',
    clusterCaCertificate: sensitiveVariable(stack, 'ca').stringValue,
  });
  aks.configureProviders(KubernetesAuth.kubelogin());
  return aks;
}
