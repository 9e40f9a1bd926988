import { ArtifactAuthMode } from './binding';

/**
 * Pod annotation whose value is the artifact credentials secret's revision
 * (`ArtifactAuthBinding.secretRevision`): raising the revision rewrites the write-only secret and
 * changes the pod template, so the pods roll and read the new credentials (a pod reads
 * `envFrom` secrets only when it starts). Not part of the jsii API.
 */
export const ARTIFACT_SECRET_REVISION_ANNOTATION = 'cdktf-mlflow-azure/artifact-secret-revision';

/** The auth modes whose credentials live in a Kubernetes secret with a revision. Not part of the jsii API. */
export const MODES_WITH_SECRET: readonly ArtifactAuthMode[] = [
  ArtifactAuthMode.ACCOUNT_KEY,
  ArtifactAuthMode.CONNECTION_STRING,
  ArtifactAuthMode.SERVICE_PRINCIPAL,
];
