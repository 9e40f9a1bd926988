import { ArtifactAuthBinding, ArtifactAuthMode } from '../../lib/identity/binding';
import { MlflowArtifactLocation, MlflowImage } from '../../lib/mlflow';

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
