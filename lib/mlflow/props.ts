import { ITerraformDependable } from 'cdktf';
import { AzureCloud } from '../core/cloud';

/**
 * Where MLflow stores its artifacts: plain values, matching the public properties of
 * `ArtifactStore` (so a store can be passed as it is).
 */
export interface MlflowArtifactLocation {
  /** Storage account name (a token is fine). */
  readonly accountName: string;
  /** Blob container name. */
  readonly containerName: string;
  /**
   * Path prefix of the artifacts inside the container ("" for the container root).
   * @default ""
   */
  readonly artifactPath?: string;
  /**
   * The artifact URI (`wasbs://` or `abfss://`). Used as it is when the chart cannot express the
   * location (sovereign clouds, hierarchical namespace).
   * @default - derived from the account, container, path, cloud and hierarchicalNamespace
   */
  readonly artifactUri?: string;
  /**
   * The Azure cloud of the account.
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
  /**
   * Whether the account has hierarchical namespace (ADLS Gen2): MLflow then uses `abfss://`,
   * which authenticates only through `azure-identity` (`DefaultAzureCredential`).
   * @default false
   */
  readonly hierarchicalNamespace?: boolean;
  /**
   * Whether the account is reached through a custom blob endpoint. MLflow reaches such an
   * endpoint only through a connection string with `BlobEndpoint=` (connection-string auth).
   * @default false
   */
  readonly usesCustomEndpoint?: boolean;
}

/**
 * A container image for MLflow that replaces the chart's default (`burakince/mlflow`).
 *
 * Identity auth modes (workload identity, service principal, kubelet identity) and `abfss://`
 * need an image that adds `azure-identity` (and `azure-storage-file-datalake` for `abfss://`);
 * see the `docker/Dockerfile` recipe (in the package: `node_modules/cdktf-mlflow-azure/docker/`). The image must run as a non-root user
 * (the chart runs it as uid/gid 1001 with a read-only root filesystem).
 */
export interface MlflowImage {
  /** Image repository, e.g. `myregistry.azurecr.io/mlflow-azure`. */
  readonly repository: string;
  /**
   * Image tag. Also used for the database migration init container, so that the schema is
   * migrated by the same MLflow version that serves it.
   */
  readonly tag: string;
  /**
   * Image digest (`sha256:<64 hex>`): pins the server image immutably (the chart appends it to the tag).
   * @default - none (the tag alone)
   */
  readonly digest?: string;
  /**
   * Image pull policy: `IfNotPresent`, `Always` or `Never`.
   * @default "IfNotPresent"
   */
  readonly pullPolicy?: string;
  /**
   * The numeric user id the containers run as (`runAsUser`). The chart's image runs as the user
   * `mlflow`, which is not numeric, so Kubernetes can only enforce `runAsNonRoot` with a numeric
   * id: it is always emitted, never left to the chart's defaults. Images built `FROM` the chart's
   * image (docker/Dockerfile) keep its user.
   * @default 1001
   */
  readonly runAsUser?: number;
  /**
   * The numeric group id the containers run as (`runAsGroup`, and the pod's `fsGroup`).
   * @default 1001
   */
  readonly runAsGroup?: number;
}

/** The ingress controller that serves the MLflow ingress: it decides which annotations are emitted. */
export enum MlflowIngressController {
  /**
   * ingress-nginx (class `nginx`, namespace `ingress-nginx`): `proxy-body-size`,
   * `proxy-read-timeout`, `proxy-send-timeout`, `proxy-request-buffering: "off"`, `ssl-redirect`.
   * The community ingress-nginx project was retired in March 2026 (no security fixes since).
   */
  NGINX = 'nginx',
  /**
   * The AKS application routing add-on (managed NGINX, class `webapprouting.kubernetes.azure.com`,
   * namespace `app-routing-system`): the ingress-nginx annotations, and TLS certificates from Key
   * Vault (`MlflowIngressTls.keyVaultCertificate`). Azure's support for the add-on's NGINX ended
   * in November 2026 (its successor is the add-on's Gateway API mode).
   */
  APP_ROUTING = 'app-routing',
  /**
   * Application Gateway Ingress Controller (AGIC): `request-timeout`, `health-probe-path: /health`,
   * `ssl-redirect`. The body size is bounded by the gateway's WAF policy, not by an annotation.
   */
  APPLICATION_GATEWAY = 'application-gateway',
  /**
   * Any other controller, including Application Gateway for Containers (whose timeouts are set
   * with a `RoutePolicy`, not annotations): only the annotations you give are emitted.
   */
  OTHER = 'other',
  /**
   * A Kubernetes Gateway API `Gateway` your platform runs (the application routing add-on's
   * Gateway API mode, Istio, Application Gateway for Containers, Envoy Gateway, ...): no Ingress;
   * an `HTTPRoute` (`gateway.networking.k8s.io/v1`) for the host, attached to the HTTPS listener
   * `ingress.gateway.sectionName` (which terminates TLS), to the MLflow service. Its request
   * timeout is off unless `ingress.requestTimeoutSeconds` is set (a gateway's request timeout
   * bounds a whole response, a proxied model download included). uvicorn's keep-alive defaults
   * above the gateways' one-hour upstream idle timeout. No body limit at the edge: the pods'
   * staging storage (`maxArtifactSize`) is the limit.
   */
  GATEWAY_API = 'gateway-api',
}

/**
 * The Gateway (Kubernetes Gateway API) an `HTTPRoute` attaches to (its `parentRefs` entry). The
 * Gateway belongs to the platform: its listener must admit routes from the release namespace
 * (`allowedRoutes.namespaces`) and serve HTTPS for the host.
 */
export interface MlflowGatewayReference {
  /** The Gateway's name. */
  readonly name: string;
  /**
   * The Gateway's namespace (`parentRefs[].namespace`; named so because `namespace` is reserved in
   * C#). With the application routing add-on's Gateway API mode and Istio the gateway proxies run
   * there, so the network policy admits it by default.
   */
  readonly namespaceName: string;
  /**
   * The listener to attach to: the Gateway's HTTPS listener for the host. Required: without it
   * the route attaches to every listener that admits it, a plain HTTP one included, and sign-in
   * cookies, tokens and passwords would cross it in clear text.
   */
  readonly sectionName: string;
}

/** Options of {@link MlflowIngressTls.certManager}. */
export interface CertManagerTlsOptions {
  /**
   * A `ClusterIssuer` (`cert-manager.io/cluster-issuer`). Give exactly one of `clusterIssuer` and `issuer`.
   * @default - none
   */
  readonly clusterIssuer?: string;
  /**
   * An `Issuer` in the release namespace (`cert-manager.io/issuer`).
   * @default - none
   */
  readonly issuer?: string;
  /**
   * The secret cert-manager writes the certificate to.
   * @default "<service name>-tls"
   */
  readonly secretName?: string;
}

/** Options of {@link MlflowIngressTls.keyVaultCertificate}. */
export interface KeyVaultCertificateTlsOptions {
  /**
   * The certificate's Key Vault URI, e.g. `https://kv-ingress.vault.azure.net/certificates/mlflow`
   * (the add-on's identity needs "Key Vault Certificate User" on it, and the vault must be
   * attached to the add-on: `az aks approuting update --attach-kv`).
   */
  readonly certificateUri: string;
}

/** Where the ingress's TLS secret comes from. */
export enum MlflowIngressTlsSource {
  /** A secret that exists already (created and renewed by you). */
  EXISTING_SECRET = 'existing-secret',
  /** cert-manager issues and renews it (an issuer annotation on the ingress). */
  CERT_MANAGER = 'cert-manager',
  /** The application routing add-on syncs it from a Key Vault certificate. */
  KEY_VAULT = 'key-vault',
}

/**
 * The TLS certificate of the ingress: the secret it names is produced by cert-manager or the
 * application routing add-on, or declared as existing.
 */
export class MlflowIngressTls {
  /** A TLS secret that exists in the release namespace (e.g. created by your own pipeline). */
  public static existingSecret(secretName: string): MlflowIngressTls {
    return new MlflowIngressTls(MlflowIngressTlsSource.EXISTING_SECRET, { secretName });
  }

  /** cert-manager issues the certificate (a `ClusterIssuer` or `Issuer` annotation). */
  public static certManager(options: CertManagerTlsOptions): MlflowIngressTls {
    return new MlflowIngressTls(MlflowIngressTlsSource.CERT_MANAGER, { certManager: options, secretName: options.secretName });
  }

  /**
   * The application routing add-on serves a Key Vault certificate
   * (`kubernetes.azure.com/tls-cert-keyvault-uri`; it writes the secret `keyvault-<ingress name>`).
   * Only with `MlflowIngressController.APP_ROUTING`.
   */
  public static keyVaultCertificate(options: KeyVaultCertificateTlsOptions): MlflowIngressTls {
    return new MlflowIngressTls(MlflowIngressTlsSource.KEY_VAULT, { keyVault: options });
  }

  /** Where the secret comes from. */
  public readonly source: MlflowIngressTlsSource;
  /** @internal */
  public readonly _secretName?: string;
  /** @internal */
  public readonly _certManager?: CertManagerTlsOptions;
  /** @internal */
  public readonly _keyVault?: KeyVaultCertificateTlsOptions;

  private constructor(
    source: MlflowIngressTlsSource,
    options: { secretName?: string; certManager?: CertManagerTlsOptions; keyVault?: KeyVaultCertificateTlsOptions },
  ) {
    this.source = source;
    this._secretName = options.secretName;
    this._certManager = options.certManager;
    this._keyVault = options.keyVault;
  }
}

/**
 * An ingress in front of MLflow.
 *
 * A private ingress is an ingress class whose controller listens on an internal load balancer:
 * for ingress-nginx a second controller installed with the service annotation
 * `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`; for the application routing
 * add-on an `NginxIngressController` with that annotation in `loadBalancerAnnotations`. Give its
 * class as `className` (and its namespace in `networkPolicy.ingressControllerNamespaces`).
 */
export interface MlflowIngress {
  /** The host name, e.g. `mlflow.example.com` (also added to MLflow's allowed hosts). */
  readonly host: string;
  /**
   * The ingress controller (decides the timeout and body-size annotations), or `GATEWAY_API` for
   * an `HTTPRoute` on a Gateway (`gateway`).
   * @default MlflowIngressController.NGINX
   */
  readonly controller?: MlflowIngressController;
  /**
   * The Gateway the `HTTPRoute` attaches to. Required with `controller: GATEWAY_API`, and only
   * there.
   * @default - none
   */
  readonly gateway?: MlflowGatewayReference;
  /**
   * GATEWAY_API only: the route's request timeout (`timeouts.request`), in seconds, at least
   * `artifactTimeoutSeconds`. Gateways start it when the request has arrived and stop it when the
   * whole response has been sent, so it bounds every download of a model through the proxy.
   * `0` turns it off.
   * @default 0 (off: Istio's and the application routing add-on's default; Envoy Gateway's own is 15 s)
   */
  readonly requestTimeoutSeconds?: number;
  /**
   * The ingress class name (not with GATEWAY_API: the route names its Gateway).
   * @default "nginx" for NGINX, "webapprouting.kubernetes.azure.com" for APP_ROUTING, "azure-application-gateway" for APPLICATION_GATEWAY; required for OTHER
   */
  readonly className?: string;
  /**
   * Name of an existing Kubernetes TLS secret for the host (the same as
   * `tls: MlflowIngressTls.existingSecret(name)`). Give `tlsSecretName` or `tls`, unless
   * `allowInsecureHttp` is true (neither with GATEWAY_API: the Gateway's listener terminates TLS).
   * @default - none
   */
  readonly tlsSecretName?: string;
  /**
   * The TLS certificate: from cert-manager, from Key Vault (application routing add-on), or an
   * existing secret.
   * @default - none (`tlsSecretName`, or `allowInsecureHttp`)
   */
  readonly tls?: MlflowIngressTls;
  /**
   * Serve the ingress without TLS (for example when TLS terminates in front of the ingress).
   * @default false
   */
  readonly allowInsecureHttp?: boolean;
  /**
   * The largest request body the ingress accepts (NGINX and APP_ROUTING; not with GATEWAY_API,
   * which has no standard body limit: the Gateway's own settings apply) (ingress-nginx `proxy-body-size`, an nginx size
   * such as `5g` or `500m`; nginx's units are 1024-based). Artifacts are uploaded in one request
   * unless proxied multipart upload is on. It may not exceed the release's `maxArtifactSize`,
   * which sizes the pods' ephemeral storage for staging uploads (`0`, unlimited, is refused for
   * the same reason).
   * @default - the release's maxArtifactSize (5Gi: "5g")
   */
  readonly maxBodySize?: string;
  /**
   * The addresses (IPv4 or IPv6 addresses or CIDR ranges) of the proxies in front of MLflow: the
   * ingress controller's pods. uvicorn trusts `X-Forwarded-Proto` and `X-Forwarded-For` only
   * from them (`FORWARDED_ALLOW_IPS`; without it only from 127.0.0.1), so that MLflow sees
   * `https` and the client's address behind the ingress (redirects and sign-in callbacks need
   * `https`). Narrow it to the cluster's pod CIDR (or the ingress controller's subnet) when you
   * know it; `0.0.0.0/0` trusts every client that can reach the pods and warns.
   * @default ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] (private ranges: AKS pod and node addresses)
   */
  readonly trustedProxyCidrs?: string[];
  /**
   * More ingress annotations (on the `HTTPRoute` with GATEWAY_API). They win over the ones this
   * library sets.
   * @default {}
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Resource requests and limits of the MLflow container.
 */
export interface MlflowResources {
  /**
   * CPU request.
   * @default "250m"
   */
  readonly cpuRequest?: string;
  /**
   * Memory request.
   * @default "1Gi"
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit.
   * @default "1"
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit.
   * @default "2Gi"
   */
  readonly memoryLimit?: string;
  /**
   * Ephemeral storage request (`ephemeral-storage`): what the scheduler reserves on the node for
   * `/tmp`, where proxied uploads and downloads are staged in full. At least `maxArtifactSize`.
   * @default - maxArtifactSize plus 1Gi (6Gi by default)
   */
  readonly ephemeralStorageRequest?: string;
  /**
   * Ephemeral storage limit: a pod that stages more is evicted (and restarted) instead of filling
   * the node's disk and getting other pods evicted. At least `maxArtifactSize`.
   * @default - maxArtifactSize times concurrentArtifactTransfers, plus 1Gi (11Gi by default)
   */
  readonly ephemeralStorageLimit?: string;
}

/**
 * A horizontal pod autoscaler. The chart renders it only with a database backend and its
 * `azureBlob` artifact store (public cloud `wasbs://`), so both are required.
 */
export interface MlflowAutoscaling {
  /** The fewest replicas. */
  readonly minReplicas: number;
  /** The most replicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilisation, in percent of the request.
   * @default 80
   */
  readonly targetCpuUtilization?: number;
  /**
   * Target average memory utilisation, in percent of the request.
   * @default 80
   */
  readonly targetMemoryUtilization?: number;
}

/**
 * The `sslmode` libpq uses to reach PostgreSQL (`PGSSLMODE` of every container that connects:
 * the MLflow server and the schema migration job).
 */
export enum PostgresSslMode {
  /**
   * Encrypt, without verifying the server certificate (what Azure Database for PostgreSQL
   * requires).
   */
  REQUIRE = 'require',
  /** Encrypt and verify the server certificate chain (the image needs the CA in `PGSSLROOTCERT`). */
  VERIFY_CA = 'verify-ca',
  /** Encrypt, verify the chain and the host name (the image needs the CA in `PGSSLROOTCERT`). */
  VERIFY_FULL = 'verify-full',
}

/**
 * A PostgreSQL backend store (e.g. Azure Database for PostgreSQL flexible server).
 */
export interface MlflowPostgresOptions {
  /** Server host name, e.g. `myserver.postgres.database.azure.com`. */
  readonly host: string;
  /**
   * Server port.
   * @default 5432
   */
  readonly port?: number;
  /** The database MLflow uses (it must exist). */
  readonly database: string;
  /** The database user. */
  readonly user: string;
  /**
   * The user's password: a Terraform reference, never a literal. When it is the value of a
   * `TerraformVariable` of the stack, the variable must be `sensitive: true` and have no default
   * (a default is a literal in the synthesized JSON); a resource attribute (a generated
   * password) is accepted as it is. It is written to a Kubernetes secret through the write-only
   * `data_wo` (never stored in Terraform state or in the helm values).
   */
  readonly password: string;
  /**
   * Revision of the password: increase it to write a new password into the secret (write-only
   * attributes are not compared) and to roll the MLflow pods.
   * @default 1
   */
  readonly passwordRevision?: number;
  /**
   * libpq `sslmode` (`PGSSLMODE`) of every container that connects to the database: the MLflow
   * server and the schema migration job.
   *
   * The chart's own migration init container (`backendStore.databaseMigration`) is never used:
   * chart 1.11.5 gives it neither `extraEnvVars` nor `extraSecretNamesForEnvFrom`, so it would
   * connect with libpq's default `prefer` (no certificate check, and plain text when the server
   * allows it), and every replica would run it at once on a first install. The release runs the
   * migration once per install and upgrade instead, in a helm hook job that gets `PGSSLMODE`.
   * @default PostgresSslMode.REQUIRE
   */
  readonly sslMode?: PostgresSslMode;
  /**
   * SQLAlchemy driver, e.g. `psycopg2`.
   * @default - the chart's default (SQLAlchemy's default PostgreSQL driver)
   */
  readonly driver?: string;
}

/** The kind of MLflow backend store. */
export enum MlflowBackendKind {
  /** PostgreSQL. */
  POSTGRES = 'postgres',
  /** SQLite in the pod (development only). */
  SQLITE = 'sqlite',
}

/**
 * The MLflow backend store (runs, experiments, the model registry).
 */
export class MlflowBackendStore {
  /**
   * A PostgreSQL database. The password travels only through a Kubernetes secret; schema
   * migrations run in an init container (`mlflow db upgrade`).
   */
  public static postgres(options: MlflowPostgresOptions): MlflowBackendStore {
    return new MlflowBackendStore(MlflowBackendKind.POSTGRES, options);
  }

  /**
   * SQLite in the pod's `/tmp` volume, for a single-replica development setup: the data is lost
   * when the pod is deleted, and neither replicas nor autoscaling are possible.
   */
  public static sqliteForDevelopment(): MlflowBackendStore {
    return new MlflowBackendStore(MlflowBackendKind.SQLITE, undefined);
  }

  /** The kind of store. */
  public readonly kind: MlflowBackendKind;
  /** The PostgreSQL options, for a PostgreSQL store. */
  public readonly postgresOptions?: MlflowPostgresOptions;

  private constructor(kind: MlflowBackendKind, postgresOptions: MlflowPostgresOptions | undefined) {
    this.kind = kind;
    this.postgresOptions = postgresOptions;
  }
}

/**
 * The optional settings of an {@link MlflowRelease} (what the pattern passes through).
 */
export interface MlflowReleaseOptions {
  /**
   * The helm release name (at most 53 characters). The Service is named after it: the release
   * name when it contains "mlflow", else `<release>-mlflow`.
   * @default "mlflow"
   */
  readonly releaseName?: string;
  /**
   * The chart version (pinned).
   * @default "1.11.5"
   */
  readonly chartVersion?: string;
  /**
   * The chart repository (e.g. an OCI mirror in your registry).
   * @default "https://community-charts.github.io/helm-charts"
   */
  readonly chartRepository?: string;
  /**
   * The service account the chart creates: the subject of the workload identity federation
   * (`system:serviceaccount:<namespace>:<name>`).
   * @default "mlflow"
   */
  readonly serviceAccountName?: string;
  /**
   * An MLflow image replacing the chart's default. Required for identity auth modes and
   * `abfss://`: the default image lacks `azure-identity` (community-charts/helm-charts#423).
   * @default - the chart's image (burakince/mlflow, the chart's appVersion)
   */
  readonly image?: MlflowImage;
  /**
   * An ingress.
   * @default - none: MLflow is reachable in the cluster only
   */
  readonly ingress?: MlflowIngress;
  /**
   * Container resources.
   * @default - requests 250m CPU and 1Gi memory, limits 1 CPU and 2Gi memory
   */
  readonly resources?: MlflowResources;
  /**
   * Replicas (more than one needs PostgreSQL). Ignored by the chart with autoscaling.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * A horizontal pod autoscaler (needs PostgreSQL and the public-cloud `wasbs://` store).
   * @default - none
   */
  readonly autoscaling?: MlflowAutoscaling;
  /**
   * uvicorn worker processes per pod. Each needs about 512Mi of the memory limit, plus 512Mi for
   * the server process: a larger value than `resources.memoryLimit` fits is an error.
   * @default - what the memory limit fits, at most 2 per CPU of the CPU limit, from 1 to 8 (2 with the default 2Gi and 1 CPU)
   */
  readonly workers?: number;
  /**
   * The largest artifact clients upload or download through the server (a Kubernetes quantity
   * such as `5Gi`). Proxied transfers are staged in full in the pod's `/tmp`: it sizes the
   * pods' ephemeral storage, and the ingress body size (ingress-nginx) follows it.
   * @default "5Gi"
   */
  readonly maxArtifactSize?: string;
  /**
   * How many of the largest artifacts one pod stages at once (uploads and downloads): the
   * ephemeral storage limit is this many times `maxArtifactSize`, plus 1Gi.
   * @default 2
   */
  readonly concurrentArtifactTransfers?: number;
  /**
   * Timeout of one artifact upload or download between MLflow and Azure
   * (`MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT`), and the ingress read/send timeouts, in seconds.
   * @default 600
   */
  readonly artifactTimeoutSeconds?: number;
  /**
   * uvicorn's keep-alive timeout, in seconds: keep it above the ingress controller's or gateway's
   * upstream idle timeout (60 s for ingress-nginx; 1 hour for Envoy-based gateways: Istio, the
   * application routing add-on's Gateway API mode, Envoy Gateway), or idle connections race and
   * fail with 502/503. Set as the environment variable `UVICORN_TIMEOUT_KEEP_ALIVE` (uvicorn reads
   * its options from `UVICORN_*`), not through the chart's `extraArgs.uvicornOpts`, which the chart
   * quotes into one argument.
   * @default 75; 3660 behind a Gateway (GATEWAY_API)
   */
  readonly keepAliveTimeoutSeconds?: number;
  /**
   * Proxied multipart upload of large artifacts (`MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD`). Only
   * with an account-key binding (the server signs SAS tokens with the key, mlflow/mlflow#25974).
   * @default false
   */
  readonly proxyMultipartUpload?: boolean;
  /**
   * Turn proxied artifact serving off: every client then writes to Blob Storage itself and
   * needs its own Azure credentials (mlflow/mlflow#5480).
   * @default false
   */
  readonly disableArtifactProxy?: boolean;
  /**
   * More Host headers MLflow accepts (it rejects other hosts than localhost and private IPs
   * unless listed). The in-cluster service names and the ingress host are always listed.
   * @default []
   */
  readonly additionalAllowedHosts?: string[];
  /**
   * More plain environment variables of the MLflow container. Never secrets: those reach the
   * pod through the auth binding's secrets.
   * @default {}
   */
  readonly extraEnvVars?: { [key: string]: string };
  /**
   * The cluster DNS domain (for the allowed hosts and the tracking URI).
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
  /**
   * Mount the Kubernetes API token in the MLflow pods. MLflow does not call the API, and the
   * workload identity webhook projects its own token whatever this says.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * How long helm waits for the release to become ready before rolling it back, in seconds. The
   * schema migration job (PostgreSQL) must also finish within it.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * What must exist before the release (e.g. the storage role assignment and the federated
   * identity credential, so the pods do not start without access).
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Who may reach the MLflow pods: a network policy admits only the ingress controller, the
   * given ranges and the client namespaces, on MLflow's port.
   * @default - a network policy admitting the ingress controller's namespace only (nothing without an ingress)
   */
  readonly networkPolicy?: MlflowNetworkPolicyOptions;
  /**
   * Create no network policy: every pod of the cluster can reach MLflow (warns).
   * @default false
   */
  readonly allowTrafficFromAllPods?: boolean;
}

/** One egress rule of the MLflow pods: a CIDR range and the TCP ports reached there. */
export interface MlflowEgressRule {
  /** An IPv4 or IPv6 CIDR range, e.g. the private endpoint subnet. */
  readonly cidr: string;
  /** TCP ports, e.g. `[443]` (Blob Storage, Key Vault, Entra ID) or `[5432]` (PostgreSQL). */
  readonly ports: number[];
}

/**
 * Egress of the MLflow pods: only DNS (the cluster's DNS service) and the rules given. Azure
 * services are reached by address: their private endpoints' subnets, or public ranges (Entra
 * ID's sign-in and token endpoints for workload identity and sign-in have no private endpoint).
 */
export interface MlflowEgressOptions {
  /** Where the pods may connect (besides DNS). */
  readonly rules: MlflowEgressRule[];
}

/**
 * Who may reach the MLflow pods (a `kubernetes_network_policy_v1` selecting them). Port 5000
 * only, from the ingress controller and from the namespaces of the jobs that log to MLflow.
 *
 * A network policy needs a policy engine in the cluster (AKS: `network_policy` azure, calico or
 * cilium); without one it is accepted and ignored.
 */
export interface MlflowNetworkPolicyOptions {
  /**
   * Namespaces of the ingress controller, whose pods forward to MLflow.
   * @default - from the ingress controller: ingress-nginx `["ingress-nginx"]`, the application routing add-on `["app-routing-system"]`; none without an ingress
   */
  readonly ingressControllerNamespaces?: string[];
  /**
   * Address ranges allowed in, e.g. the Application Gateway's subnet (AGIC and Application
   * Gateway for Containers reach the pods from outside the cluster).
   * @default []
   */
  readonly allowedCidrs?: string[];
  /**
   * Namespaces whose pods use MLflow (training jobs, pipelines, notebooks).
   * @default []
   */
  readonly clientNamespaces?: string[];
  /**
   * Restrict the pods' egress too.
   * @default - egress is not restricted
   */
  readonly egress?: MlflowEgressOptions;
}

