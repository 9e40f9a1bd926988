/**
 * How MLflow authenticates to Blob Storage.
 */
export enum ArtifactAuthMode {
  /** The account key in a Kubernetes secret (`AZURE_STORAGE_ACCESS_KEY`). Needs shared keys on. */
  ACCOUNT_KEY = 'account-key',
  /** The connection string in a Kubernetes secret (`AZURE_STORAGE_CONNECTION_STRING`). Needs shared keys on. */
  CONNECTION_STRING = 'connection-string',
  /** A service principal's client id, tenant id and secret in a Kubernetes secret (`AZURE_CLIENT_*`). */
  SERVICE_PRINCIPAL = 'service-principal',
  /** AKS workload identity: a user-assigned identity federated with the MLflow service account. */
  WORKLOAD_IDENTITY = 'workload-identity',
  /** The cluster's kubelet identity (every pod on the nodes gets it: prefer workload identity). */
  KUBELET_IDENTITY = 'kubelet-identity',
}

/**
 * What an auth mode hands to the MLflow release: plain data, no internals.
 *
 * The release attaches the secrets with the chart's `extraSecretNamesForEnvFrom`, puts the
 * annotations on its service account and the labels on its pods.
 */
export interface ArtifactAuthBinding {
  /** The auth mode. */
  readonly mode: ArtifactAuthMode;
  /** Kubernetes secrets (in the release namespace) whose keys become environment variables of the MLflow pods. */
  readonly secretNamesForEnvFrom: string[];
  /** Annotations on the MLflow service account (e.g. `azure.workload.identity/client-id`). */
  readonly serviceAccountAnnotations: { [key: string]: string };
  /** Labels on the MLflow pods (e.g. `azure.workload.identity/use: "true"`). */
  readonly podLabels: { [key: string]: string };
  /** Proxied multipart upload works only with an account key (mlflow/mlflow#25974). */
  readonly supportsProxyMultipartUpload: boolean;
  /** The mode authenticates through `azure-identity`, which the chart's default image lacks. */
  readonly requiresAzureIdentity: boolean;
  /**
   * The client id of the identity MLflow authenticates as, where the mode has one (workload
   * identity, service principal, kubelet identity). For the kubelet identity the release sets it
   * as the plain environment variable `AZURE_CLIENT_ID` (a client id is not a secret): AKS nodes
   * carry several user-assigned identities and IMDS needs to be told which one.
   * @default - none
   */
  readonly identityClientId?: string;
  /**
   * The principal (object) id the blob role was granted to, where the mode has one.
   * @default - none
   */
  readonly principalId?: string;
  /**
   * The revision of the credentials secret in `secretNamesForEnvFrom` (its `data_wo_revision`),
   * where the mode has one (account key, connection string, service principal). The release
   * puts it on the pods as the annotation `cdktf-mlflow-azure/artifact-secret-revision`, so
   * raising it after a credential rotation rewrites the secret and rolls the pods, which read
   * `envFrom` secrets only when they start.
   * @default - none: no secret, no annotation
   */
  readonly secretRevision?: number;
  /**
   * The Kubernetes namespace the binding is bound to: where its secrets are and, for workload
   * identity, the namespace of the federated subject
   * (`system:serviceaccount:<namespaceName>:<serviceAccountName>`). The release must be in this
   * namespace; `MlflowRelease` fails when both names are known and differ.
   * @default - none: the binding does not depend on a namespace
   */
  readonly namespaceName?: string;
  /**
   * The service account the identity is federated with (workload identity). The release's
   * service account must have this name, or the token exchange fails at run time;
   * `MlflowRelease` fails when both names are known and differ.
   * @default - none: the binding does not depend on a service account
   */
  readonly serviceAccountName?: string;
}
