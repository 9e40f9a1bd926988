import { Token } from 'cdktf';
import { AzureCloud } from '../../lib/core/cloud';
import { ArtifactAuthBinding, ArtifactAuthMode } from '../../lib/identity/binding';
import { MlflowArtifactLocation, MlflowBackendStore, MlflowImage, MlflowIngressController, PostgresSslMode } from '../../lib/mlflow';
import { buildMlflowValues, MlflowValuesInput } from '../../lib/mlflow/values';

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
];
