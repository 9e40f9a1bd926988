import { SignInOidcValues } from '../signin/binding';

// ---------------------------------------------------------------------------------------------
// The chart values we emit. Every key exists in the community-charts `mlflow` chart 1.11.5
// values.schema.json (which rejects unknown keys): the schema test validates full outputs.
// ---------------------------------------------------------------------------------------------

/** `image` of the chart. */
export interface MlflowChartImage {
  /** Image repository. */
  readonly repository: string;
  /** Image tag. */
  readonly tag: string;
  /** Image digest (`sha256:...`), appended to the tag. */
  readonly digest?: string;
  /** Pull policy. */
  readonly pullPolicy: string;
}

/** `serviceAccount` of the chart. */
export interface MlflowChartServiceAccount {
  /** Create the service account. */
  readonly create: boolean;
  /** `automountServiceAccountToken` of the service account. */
  readonly automount: boolean;
  /** Annotations (e.g. `azure.workload.identity/client-id`). */
  readonly annotations: { [key: string]: string };
  /** The service account name. */
  readonly name: string;
}

/** A seccomp profile. */
export interface MlflowChartSeccompProfile {
  /** Profile type, e.g. `RuntimeDefault`. */
  readonly type: string;
}

/** Linux capabilities. */
export interface MlflowChartCapabilities {
  /** Capabilities dropped. */
  readonly drop: string[];
}

/** `podSecurityContext` of the chart (every field explicit: never left to the chart's defaults). */
export interface MlflowChartPodSecurityContext {
  /** Refuse to run as root. */
  readonly runAsNonRoot: boolean;
  /** The numeric user id. */
  readonly runAsUser: number;
  /** The numeric group id. */
  readonly runAsGroup: number;
  /** The group that owns the pod's volumes. */
  readonly fsGroup: number;
  /** Change volume ownership only when it differs (`OnRootMismatch`). */
  readonly fsGroupChangePolicy: string;
  /** Seccomp profile of the pod. */
  readonly seccompProfile: MlflowChartSeccompProfile;
}

/** `securityContext` of the chart's containers (merged with the chart's defaults). */
export interface MlflowChartSecurityContext {
  /** No privilege escalation. */
  readonly allowPrivilegeEscalation: boolean;
  /** Not privileged. */
  readonly privileged: boolean;
  /** Read-only root filesystem (the chart mounts an emptyDir on /tmp). */
  readonly readOnlyRootFilesystem: boolean;
  /** Refuse to run as root. */
  readonly runAsNonRoot: boolean;
  /** The numeric user id. */
  readonly runAsUser: number;
  /** The numeric group id. */
  readonly runAsGroup: number;
  /** Capabilities. */
  readonly capabilities: MlflowChartCapabilities;
  /** Seccomp profile of the container. */
  readonly seccompProfile: MlflowChartSeccompProfile;
}

/** `service` of the chart. */
export interface MlflowChartService {
  /** Service type. */
  readonly type: string;
  /** Service port. */
  readonly port: number;
  /** The port `mlflow server` listens on. */
  readonly containerPort: number;
  /** The container port's name (the Service's `targetPort` and the probes' port). */
  readonly containerPortName: string;
}

/** A `{ enabled }` toggle of the chart. */
export interface MlflowChartToggle {
  /** Whether the feature is on. */
  readonly enabled: boolean;
}

/** `backendStore.postgres` of the chart (never with a password). */
export interface MlflowChartPostgres {
  /** Use PostgreSQL. */
  readonly enabled: boolean;
  /** Server host. */
  readonly host?: string;
  /** Server port. */
  readonly port?: number;
  /** Database name. */
  readonly database?: string;
  /** User name (informational: the pod reads it from the existing secret). */
  readonly user?: string;
  /** SQLAlchemy driver. */
  readonly driver?: string;
}

/** `backendStore.existingDatabaseSecret` of the chart. */
export interface MlflowChartExistingDatabaseSecret {
  /** Secret name. */
  readonly name: string;
  /** Key of the user name. */
  readonly usernameKey: string;
  /** Key of the password. */
  readonly passwordKey: string;
}

/** `backendStore` of the chart. */
export interface MlflowChartBackendStore {
  /** The chart's migration init container in every pod: always off (the release runs a migration job instead). */
  readonly databaseMigration: boolean;
  /** The chart's busybox connection-check init container: always off. */
  readonly databaseConnectionCheck: boolean;
  /** SQLite file path (SQLite only). */
  readonly defaultSqlitePath?: string;
  /** PostgreSQL. */
  readonly postgres: MlflowChartPostgres;
  /** The secret holding the database user and password. */
  readonly existingDatabaseSecret?: MlflowChartExistingDatabaseSecret;
}

/** `artifactRoot.azureBlob` of the chart (never with `connectionString` or `accessKey`). */
export interface MlflowChartAzureBlob {
  /** Render `wasbs://<container>@<account>.blob.core.windows.net/<path>`. */
  readonly enabled: boolean;
  /** Container name. */
  readonly container?: string;
  /** Storage account name. */
  readonly storageAccount?: string;
  /** Path inside the container. */
  readonly path?: string;
}

/** `artifactRoot` of the chart. */
export interface MlflowChartArtifactRoot {
  /** Serve artifacts through the tracking server (`--serve-artifacts`, `--artifacts-destination`). */
  readonly proxiedArtifactStorage: boolean;
  /** Raw artifact root URI (`--default-artifact-root`), used when not proxied and azureBlob is off. */
  readonly defaultArtifactRoot?: string;
  /** Raw artifacts destination URI (`--artifacts-destination`), used when proxied and azureBlob is off. */
  readonly defaultArtifactsDestination?: string;
  /** Azure Blob Storage (public cloud). */
  readonly azureBlob: MlflowChartAzureBlob;
}

/** A path of an ingress host. */
export interface MlflowChartIngressPath {
  /** The path. */
  readonly path: string;
  /** The path type. */
  readonly pathType: string;
}

/** A host of the ingress. */
export interface MlflowChartIngressHost {
  /** Host name. */
  readonly host: string;
  /** Paths. */
  readonly paths: MlflowChartIngressPath[];
}

/** A TLS entry of the ingress. */
export interface MlflowChartIngressTls {
  /** TLS secret name. */
  readonly secretName: string;
  /** Hosts it covers. */
  readonly hosts: string[];
}

/** `ingress` of the chart. */
export interface MlflowChartIngress {
  /** Create the ingress. */
  readonly enabled: boolean;
  /** Ingress class name. */
  readonly className?: string;
  /** Annotations. */
  readonly annotations?: { [key: string]: string };
  /** Hosts. */
  readonly hosts?: MlflowChartIngressHost[];
  /** TLS. */
  readonly tls?: MlflowChartIngressTls[];
}

/** `resources` of the chart: `cpu`, `memory` and `ephemeral-storage` quantities. */
export interface MlflowChartResources {
  /** Requests. */
  readonly requests: { [resource: string]: string };
  /** Limits. */
  readonly limits: { [resource: string]: string };
}

/** A metric target of the autoscaler. */
export interface MlflowChartMetricTarget {
  /** Target type (`Utilization`). */
  readonly type: string;
  /** Average utilisation in percent. */
  readonly averageUtilization: number;
}

/** A resource metric of the autoscaler. */
export interface MlflowChartResourceMetricSource {
  /** `cpu` or `memory`. */
  readonly name: string;
  /** The target. */
  readonly target: MlflowChartMetricTarget;
}

/** A metric of the autoscaler. */
export interface MlflowChartMetric {
  /** Metric type (`Resource`). */
  readonly type: string;
  /** The resource metric. */
  readonly resource: MlflowChartResourceMetricSource;
}

/** `autoscaling` of the chart. */
export interface MlflowChartAutoscaling {
  /** Create the autoscaler. */
  readonly enabled: boolean;
  /** Fewest replicas. */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas?: number;
  /** Metrics. */
  readonly metrics?: MlflowChartMetric[];
}

/**
 * The values this library gives the community-charts `mlflow` chart (1.11.5). Unlisted keys
 * keep the chart's defaults.
 */
export interface MlflowChartValues {
  /** Overrides the chart's full name (only when the release name is a token). */
  readonly fullnameOverride?: string;
  /** Replicas (ignored by the chart with autoscaling). */
  readonly replicaCount: number;
  /** The MLflow image, when overridden. */
  readonly image?: MlflowChartImage;
  /** The service account. */
  readonly serviceAccount: MlflowChartServiceAccount;
  /** Pod annotations. */
  readonly podAnnotations: { [key: string]: string };
  /** Pod labels (the chart has no `podLabels`). */
  readonly extraPodLabels: { [key: string]: string };
  /** Pod security context. */
  readonly podSecurityContext: MlflowChartPodSecurityContext;
  /** Container security context. */
  readonly securityContext: MlflowChartSecurityContext;
  /** The service. */
  readonly service: MlflowChartService;
  /** MLflow usage telemetry. */
  readonly telemetry: MlflowChartToggle;
  /** The backend store. */
  readonly backendStore: MlflowChartBackendStore;
  /** The artifact store. */
  readonly artifactRoot: MlflowChartArtifactRoot;
  /** `mlflow server` options (camelCase keys, values as strings). */
  readonly extraArgs: { [key: string]: string };
  /** Plain environment variables (never secrets). */
  readonly extraEnvVars: { [key: string]: string };
  /** Secrets whose keys become environment variables (the auth binding's secrets). */
  readonly extraSecretNamesForEnvFrom: string[];
  /** The ingress. */
  readonly ingress: MlflowChartIngress;
  /** Host headers MLflow accepts (`MLFLOW_SERVER_ALLOWED_HOSTS`). */
  readonly serverAllowedHosts: string[];
  /** Container resources. */
  readonly resources: MlflowChartResources;
  /** The autoscaler. */
  readonly autoscaling: MlflowChartAutoscaling;
  /**
   * More Kubernetes objects the chart deploys (rendered through helm's `tpl`): the schema
   * migration job.
   */
  readonly extraDeploy: { [key: string]: any }[];
  /** Entra ID sign-in (the mlflow-oidc-auth plugin), when chosen. */
  readonly oidcAuth?: SignInOidcValues;
  /** More volumes of the pod (basic auth's configuration). */
  readonly extraVolumes: { [key: string]: any }[];
  /** More volume mounts of the MLflow container. */
  readonly extraVolumeMounts: { [key: string]: any }[];
}
