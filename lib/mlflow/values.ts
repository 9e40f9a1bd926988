import { Token } from 'cdktf';
import {
  MlflowChartArtifactRoot,
  MlflowChartAutoscaling,
  MlflowChartBackendStore,
  MlflowChartIngress,
  MlflowChartMetric,
  MlflowChartPodSecurityContext,
  MlflowChartSecurityContext,
  MlflowChartValues,
} from './chart-values';
import { buildHttpRoute } from './http-route';
import { buildMigrationJob } from './migration';
import {
  MlflowArtifactLocation,
  MlflowBackendKind,
  MlflowBackendStore,
  MlflowIngress,
  MlflowIngressController,
  MlflowIngressTlsSource,
  MlflowPostgresOptions,
  MlflowReleaseOptions,
  PostgresSslMode,
} from './props';
import { defaultWorkers, MLFLOW_SIZING, stagingStorage } from './sizing';
import { AzureCloud } from '../core/cloud';
import { formatNginxSize, parseQuantity } from '../core/quantity';
import { ArtifactAuthBinding, ArtifactAuthMode } from '../identity/binding';
import { ARTIFACT_SECRET_REVISION_ANNOTATION } from '../identity/secret-revision';
import { SignInBinding } from '../signin/binding';
import { NO_SIGN_IN } from '../signin/chart';
import { artifactUriFor } from '../storage/uri';

// ---------------------------------------------------------------------------------------------
// Chart facts (community-charts/helm-charts, charts/mlflow 1.11.5) and defaults.
// ---------------------------------------------------------------------------------------------

/** Facts of the chart this library targets. */
export const MLFLOW_CHART = {
  name: 'mlflow',
  repository: 'https://community-charts.github.io/helm-charts',
  version: '1.11.5',
  /** The chart's appVersion: the MLflow version of its default image. */
  appVersion: '3.15.1',
  /** `service.port` (the chart's default, emitted explicitly). */
  servicePort: 80,
  /** `service.containerPort`: where `mlflow server` listens (the chart's default). */
  containerPort: 5000,
  /** `service.containerPortName`: the container port's name, which the Service and the probes target. */
  containerPortName: 'mlflow',
} as const;

/** Defaults of the values input, in one place for docs and tests. */
export const MLFLOW_DEFAULTS = {
  releaseName: 'mlflow',
  serviceAccountName: 'mlflow',
  replicas: 1,
  artifactTimeoutSeconds: 600,
  keepAliveTimeoutSeconds: 75,
  /** Behind a Gateway: above Envoy's one-hour upstream idle timeout (Istio, the add-on, Envoy Gateway). */
  gatewayKeepAliveTimeoutSeconds: 3660,
  /** The route's request timeout: off (`0s`), as Istio's default. */
  gatewayRequestTimeoutSeconds: 0,
  clusterDomain: 'cluster.local',
  sqlitePath: '/tmp/mlflow.db',
  targetUtilization: 80,
  /** The image's user and group (the chart's `runAsUser`/`runAsGroup`/`fsGroup` defaults), always emitted. */
  runAsUser: 1001,
  runAsGroup: 1001,
  /**
   * Proxies uvicorn trusts for `X-Forwarded-*` behind an ingress: the private ranges, where AKS
   * pod and node addresses are (kubenet and overlay pod CIDRs, Azure CNI subnets).
   */
  trustedProxyCidrs: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
  resources: { cpuRequest: '250m', memoryRequest: '1Gi', cpuLimit: '1', memoryLimit: '2Gi' },
  nginxClassName: 'nginx',
  applicationGatewayClassName: 'azure-application-gateway',
  appRoutingClassName: 'webapprouting.kubernetes.azure.com',
  timeoutSeconds: 600,
  databaseSecretUsernameKey: 'username',
  databaseSecretPasswordKey: 'password',
} as const;

/**
 * Environment variables MLflow never reads (the guide this project grew from set them): never emitted.
 */
export const IGNORED_ENV_VARS = ['AZURE_STORAGE_KEY', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_ENDPOINT', 'MLFLOW_ARTIFACT_ROOT'] as const;

/**
 * Environment variables that carry secrets: they reach the pod only through Kubernetes secrets,
 * never through `extraEnvVars` (which lands in the helm values, the release secret and state).
 * `MlflowRelease` rejects them in `extraEnvVars` and the values builder drops them. The policy
 * checks keep their own list of secret keys (lib/policy stays free of the constructs' modules):
 * a test requires every name here to be among them. Not part of the jsii API.
 */
export const SECRET_ENV_VARS = [
  'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_STORAGE_ACCESS_KEY',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'PGPASSWORD',
  'MLFLOW_FLASK_SERVER_SECRET_KEY',
  'OIDC_CLIENT_SECRET',
  'OIDC_USERS_DB_URI',
  'CACHE_REDIS_URL',
  'SECRET_KEY',
] as const;

/**
 * uvicorn's keep-alive timeout, read from the environment: uvicorn's CLI is a click command with
 * `auto_envvar_prefix="UVICORN"` (encode/uvicorn, uvicorn/main.py, since 0.16), and MLflow runs
 * `python -m uvicorn <opts> --host --port --workers <app>` with the server's environment
 * (mlflow/server/__init__.py `_build_uvicorn_command`, mlflow/utils/process.py `_exec_cmd`).
 *
 * Not `extraArgs.uvicornOpts`: with the chart's default `log.enabled: true`, chart 1.11.5
 * renders it as `--uvicorn-opts='--log-level=info <ours>'` (templates/deployment.yaml), MLflow
 * `shlex.split`s that into ONE argument, and uvicorn rejects the log level: CrashLoopBackOff.
 */
export const UVICORN_KEEP_ALIVE_ENV_VAR = 'UVICORN_TIMEOUT_KEEP_ALIVE';

/**
 * The proxies uvicorn trusts for `X-Forwarded-Proto` / `X-Forwarded-For` (uvicorn's
 * `--forwarded-allow-ips`, read from this variable; its default is 127.0.0.1 only, so behind an
 * ingress MLflow would see `http` and the controller's address).
 */
const FORWARDED_ALLOW_IPS_ENV_VAR = 'FORWARDED_ALLOW_IPS';

/**
 * Environment variables the values builder sets from props (so `extraEnvVars` may not set
 * them): each with the prop that sets it.
 */
export const MANAGED_ENV_VARS: { readonly [name: string]: string } = {
  MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT: 'artifactTimeoutSeconds',
  [UVICORN_KEEP_ALIVE_ENV_VAR]: 'keepAliveTimeoutSeconds',
  PGSSLMODE: 'backendStore sslMode',
  MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD: 'proxyMultipartUpload',
  AZURE_CLIENT_ID: 'the auth binding\'s identityClientId',
  [FORWARDED_ALLOW_IPS_ENV_VAR]: 'ingress.trustedProxyCidrs',
  MLFLOW_AUTH_CONFIG_PATH: 'signIn (MlflowSignIn.basicAuth)',
  OIDC_ISSUER: 'signIn (its issuer)',
  OIDC_CODE_CHALLENGE: 'signIn (PKCE is always on)',
  OIDC_ALEMBIC_VERSION_TABLE: 'signIn',
  CACHE_BACKEND: 'signIn (its cacheRedisUrl)',
};

/** Pod annotation whose change rolls the pods when the database password is rewritten. */
const DATABASE_SECRET_REVISION_ANNOTATION = 'cdktf-mlflow-azure/database-secret-revision';

/**
 * Input of {@link buildMlflowValues}: everything the values depend on, already validated.
 */
export interface MlflowValuesInput extends MlflowReleaseOptions {
  /** Where the artifacts are. */
  readonly artifactLocation: MlflowArtifactLocation;
  /** How MLflow authenticates to storage. */
  readonly auth: ArtifactAuthBinding;
  /** The backend store. */
  readonly backendStore: MlflowBackendStore;
  /** The namespace of the release (a token is fine). */
  readonly namespace: string;
  /** The Kubernetes secret with the database user and password (PostgreSQL). @default "<service name>-database" */
  readonly databaseSecretName?: string;
  /** What sign-in adds (from `MlflowSignInResources`). @default - no sign-in */
  readonly signInBinding?: SignInBinding;
}

/**
 * The chart's full name (`mlflow.fullname` in templates/_helpers.tpl): the release name when
 * it contains the chart name, else `<release>-mlflow`, cut to 63 characters without a trailing
 * hyphen. It names the Service, the Deployment and the Ingress. A token release name cannot be
 * evaluated: `fullnameOverride` then pins the name to the release name.
 */
export function chartFullname(releaseName: string): { name: string; override?: string } {
  if (Token.isUnresolved(releaseName)) return { name: releaseName, override: releaseName };
  const full = releaseName.includes(MLFLOW_CHART.name) ? releaseName : `${releaseName}-${MLFLOW_CHART.name}`;
  return { name: full.slice(0, 63).replace(/-+$/, '') };
}

/** The artifact URI the chart renders from `artifactRoot.azureBlob` (its suffix is hard-coded). */
export function chartAzureBlobUri(location: MlflowArtifactLocation): string {
  return `wasbs://${location.containerName}@${location.accountName}.blob.core.windows.net/${location.artifactPath ?? ''}`;
}

/** The artifact URI of a location (given, or derived like `ArtifactStore.artifactUri`). */
export function artifactUriOf(location: MlflowArtifactLocation): string {
  return (
    location.artifactUri ??
    artifactUriFor({
      accountName: location.accountName,
      containerName: location.containerName,
      artifactPath: location.artifactPath ?? '',
      hierarchicalNamespace: location.hierarchicalNamespace ?? false,
      cloud: location.cloud ?? AzureCloud.PUBLIC,
    })
  );
}

/**
 * Whether the chart's `artifactRoot.azureBlob` can express the location: public cloud, no
 * hierarchical namespace (`abfss://`), and a given literal URI equal to the chart's form. A
 * custom endpoint still fits: MLflow parses the public-form URI only for container and path and
 * reaches the endpoint through the connection string's `BlobEndpoint=`.
 */
export function fitsChartAzureBlob(location: MlflowArtifactLocation): boolean {
  if ((location.cloud ?? AzureCloud.PUBLIC) !== AzureCloud.PUBLIC) return false;
  if (location.hierarchicalNamespace) return false;
  const given = location.artifactUri;
  if (given === undefined || Token.isUnresolved(given)) return true;
  const trim = (uri: string) => uri.replace(/\/+$/, '');
  if (Token.isUnresolved(location.accountName)) {
    // The account name is a reference (e.g. ArtifactStore.accountName) while the given URI
    // names it literally: compare everything but the account.
    const [before, after] = trim(chartAzureBlobUri({ ...location, accountName: '\u0000' })).split('\u0000');
    const g = trim(given);
    return g.startsWith(before) && g.endsWith(after) && /^[a-z0-9]{3,24}$/.test(g.slice(before.length, g.length - after.length));
  }
  return trim(given) === trim(chartAzureBlobUri(location));
}

/**
 * The Host headers MLflow 3.x must accept. Setting `MLFLOW_SERVER_ALLOWED_HOSTS` replaces
 * MLflow's defaults (localhost and private IPs), so localhost (for `kubectl port-forward`) is
 * listed again; then every in-cluster name of the service, with and without the port, and the
 * ingress host.
 */
export function allowedHostsFor(
  serviceName: string,
  namespace: string,
  clusterDomain: string,
  ingressHost: string | undefined,
  additional: string[],
): string[] {
  const port = MLFLOW_CHART.servicePort;
  const names = [serviceName, `${serviceName}.${namespace}`, `${serviceName}.${namespace}.svc`, `${serviceName}.${namespace}.svc.${clusterDomain}`];
  const hosts = [
    'localhost',
    'localhost:*',
    '127.0.0.1',
    '127.0.0.1:*',
    ...names.flatMap((n) => [n, `${n}:${port}`]),
    ...(ingressHost !== undefined ? [ingressHost] : []),
    ...additional,
  ];
  return [...new Set(hosts)];
}

/**
 * The ingress-nginx body size: the given `maxBodySize`, else the largest artifact
 * (`maxArtifactSize`) in nginx units.
 */
function ingressBodySizeFor(ingress: MlflowIngress, maxArtifactSize: string): string {
  if (ingress.maxBodySize !== undefined) return ingress.maxBodySize;
  const bytes = parseQuantity(maxArtifactSize);
  return bytes === undefined ? maxArtifactSize : formatNginxSize(bytes);
}

/**
 * The ingress's TLS secret and the annotations that make it: an existing secret
 * (`tlsSecretName` or `MlflowIngressTls.existingSecret`), cert-manager's issuer annotation, or the
 * application routing add-on's Key Vault certificate (the add-on names the secret
 * `keyvault-<ingress name>`; the ingress is named after the chart's full name).
 */
export function ingressTlsFor(ingress: MlflowIngress, fullname: string): { secretName?: string; annotations: { [key: string]: string } } {
  const tls = ingress.tls;
  if (!tls) return { secretName: ingress.tlsSecretName, annotations: {} };
  switch (tls.source) {
    case MlflowIngressTlsSource.CERT_MANAGER: {
      const cm = tls._certManager!;
      const annotations: { [key: string]: string } = cm.clusterIssuer !== undefined
        ? { 'cert-manager.io/cluster-issuer': cm.clusterIssuer }
        : { 'cert-manager.io/issuer': cm.issuer ?? '' };
      return { secretName: tls._secretName ?? `${fullname}-tls`, annotations };
    }
    case MlflowIngressTlsSource.KEY_VAULT:
      return { secretName: `keyvault-${fullname}`, annotations: { 'kubernetes.azure.com/tls-cert-keyvault-uri': tls._keyVault!.certificateUri } };
    default:
      return { secretName: tls._secretName, annotations: {} };
  }
}

/** A PostgreSQL backend store's settings with the defaults applied. */
export interface PostgresSettings extends MlflowPostgresOptions {
  readonly port: number;
  readonly passwordRevision: number;
  readonly sslMode: PostgresSslMode;
}

/**
 * The PostgreSQL settings of a backend store (undefined for SQLite), defaults applied once: port
 * 5432, password revision 1, `sslmode=require`.
 */
export function postgresSettings(store: MlflowBackendStore): PostgresSettings | undefined {
  const o = store.kind === MlflowBackendKind.POSTGRES ? store.postgresOptions : undefined;
  if (!o) return undefined;
  return { ...o, port: o.port ?? 5432, passwordRevision: o.passwordRevision ?? 1, sslMode: o.sslMode ?? PostgresSslMode.REQUIRE };
}

/** Whether the ingress serves TLS itself (a secret from any source). */
export function ingressHasTls(ingress: MlflowIngress): boolean {
  return ingress.tlsSecretName !== undefined || ingress.tls !== undefined;
}

/** Whether clients reach the host over https: TLS on the ingress, or a Gateway's HTTPS listener (GATEWAY_API). */
export function ingressServesHttps(ingress: MlflowIngress): boolean {
  return ingress.controller === MlflowIngressController.GATEWAY_API || ingressHasTls(ingress);
}

/** The proxies uvicorn and the sign-in plugin trust for forwarded headers: given, or the private ranges. */
export function trustedProxyCidrsFor(ingress: MlflowIngress): string[] {
  return ingress.trustedProxyCidrs ?? [...MLFLOW_DEFAULTS.trustedProxyCidrs];
}

/** Ingress annotations for large artifact transfers, by controller, and those of the TLS source. */
export function ingressAnnotationsFor(
  ingress: MlflowIngress,
  timeoutSeconds: number,
  maxArtifactSize: string = MLFLOW_SIZING.maxArtifactSize,
  fullname: string = MLFLOW_DEFAULTS.releaseName,
): { [key: string]: string } {
  const controller = ingress.controller ?? MlflowIngressController.NGINX;
  const tls = ingressHasTls(ingress);
  const timeout = String(timeoutSeconds);
  let ours: { [key: string]: string } = {};
  if (controller === MlflowIngressController.NGINX || controller === MlflowIngressController.APP_ROUTING) {
    ours = {
      'nginx.ingress.kubernetes.io/proxy-body-size': ingressBodySizeFor(ingress, maxArtifactSize),
      'nginx.ingress.kubernetes.io/proxy-read-timeout': timeout,
      'nginx.ingress.kubernetes.io/proxy-send-timeout': timeout,
      'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
      'nginx.ingress.kubernetes.io/ssl-redirect': tls ? 'true' : 'false',
    };
  } else if (controller === MlflowIngressController.APPLICATION_GATEWAY) {
    ours = {
      'appgw.ingress.kubernetes.io/request-timeout': timeout,
      'appgw.ingress.kubernetes.io/health-probe-path': '/health',
      'appgw.ingress.kubernetes.io/ssl-redirect': tls ? 'true' : 'false',
    };
  }
  return { ...ours, ...ingressTlsFor(ingress, fullname).annotations, ...(ingress.annotations ?? {}) };
}

/** The ingress class name: given, or the controller's usual one. */
export function ingressClassNameFor(ingress: MlflowIngress): string | undefined {
  if (ingress.className !== undefined) return ingress.className;
  switch (ingress.controller ?? MlflowIngressController.NGINX) {
    case MlflowIngressController.NGINX:
      return MLFLOW_DEFAULTS.nginxClassName;
    case MlflowIngressController.APP_ROUTING:
      return MLFLOW_DEFAULTS.appRoutingClassName;
    case MlflowIngressController.APPLICATION_GATEWAY:
      return MLFLOW_DEFAULTS.applicationGatewayClassName;
    default:
      return undefined;
  }
}

/**
 * Build the whole chart values object. Pure: no constructs, no side effects; the input is
 * expected to be validated (see `MlflowRelease`).
 *
 * - Artifacts: `artifactRoot.azureBlob` {enabled, container, storageAccount, path} with
 *   `proxiedArtifactStorage: true` (clients need no Azure credentials, mlflow/mlflow#5480).
 *   The chart hard-codes `blob.core.windows.net`, so sovereign clouds (China, US Government)
 *   and `abfss://` (hierarchical namespace) use the chart's raw URI keys instead:
 *   `artifactRoot.defaultArtifactsDestination` (proxied, rendered as `--artifacts-destination`)
 *   or `artifactRoot.defaultArtifactRoot` (not proxied, `--default-artifact-root`), with
 *   `azureBlob.enabled: false`. `connectionString`/`accessKey` are never set: secrets reach
 *   the pod only through `extraSecretNamesForEnvFrom` (the binding's secrets).
 * - Backend store: PostgreSQL with the password from `existingDatabaseSecret` (never in the
 *   values) and `PGSSLMODE` in `extraEnvVars`. The schema is migrated once per install and
 *   upgrade by a helm hook job (`extraDeploy`, see {@link buildMigrationJob}) that also gets
 *   `PGSSLMODE`; the chart's per-pod migration init container, which cannot get it, is off.
 * - Pods: every security setting explicit (numeric user and group, seccomp, no privilege
 *   escalation, all capabilities dropped, read-only root filesystem), never left to the
 *   chart's defaults; workers sized from the memory limit and ephemeral storage from the
 *   largest artifact ({@link MLFLOW_SIZING}); behind an ingress uvicorn trusts the forwarded
 *   headers of the given proxies (`FORWARDED_ALLOW_IPS`).
 * - Large artifacts (mlflow/mlflow#7564, #8539): `MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT`;
 *   uvicorn (MLflow 3.x's default server, which has no worker timeout that kills slow
 *   requests, unlike gunicorn's `--timeout`) gets its keep-alive above the ingress
 *   controllers' upstream keep-alive (60 s) through `UVICORN_TIMEOUT_KEEP_ALIVE` (see
 *   {@link UVICORN_KEEP_ALIVE_ENV_VAR}: never `extraArgs.uvicornOpts`, which the chart quotes
 *   into one argument); ingress annotations raise the body size and the read/send timeouts.
 * - `extraArgs` holds only options the chart renders as `--<kebab-key>=<value>` with a value
 *   without spaces or quotes (`workers`): each stays one argument of `mlflow server`.
 * - The service account never automounts the Kubernetes API token: MLflow does not call the
 *   API, and the workload identity webhook injects its own projected token volume
 *   (`azure-identity-token`, audience `api://AzureADTokenExchange`) whatever
 *   `automountServiceAccountToken` says.
 */
export function buildMlflowValues(input: MlflowValuesInput): MlflowChartValues {
  const d = MLFLOW_DEFAULTS;
  const releaseName = input.releaseName ?? d.releaseName;
  const fullname = chartFullname(releaseName);
  const serviceName = fullname.name;
  const location = input.artifactLocation;
  const auth = input.auth;
  const proxied = !(input.disableArtifactProxy ?? false);
  const timeout = input.artifactTimeoutSeconds ?? d.artifactTimeoutSeconds;
  const postgres = postgresSettings(input.backendStore);
  const maxArtifactSize = input.maxArtifactSize ?? MLFLOW_SIZING.maxArtifactSize;

  // Artifacts
  let artifactRoot: MlflowChartArtifactRoot;
  if (fitsChartAzureBlob(location)) {
    artifactRoot = {
      proxiedArtifactStorage: proxied,
      azureBlob: {
        enabled: true,
        container: location.containerName,
        storageAccount: location.accountName,
        path: location.artifactPath ?? '',
      },
    };
  } else {
    const uri = artifactUriOf(location);
    artifactRoot = {
      proxiedArtifactStorage: proxied,
      ...(proxied ? { defaultArtifactsDestination: uri } : { defaultArtifactRoot: uri }),
      azureBlob: { enabled: false },
    };
  }

  // Backend store
  const databaseSecretName = input.databaseSecretName ?? `${serviceName}-database`;
  const backendStore: MlflowChartBackendStore = postgres
    ? {
      databaseMigration: false,
      databaseConnectionCheck: false,
      postgres: {
        enabled: true,
        host: postgres.host,
        port: postgres.port,
        database: postgres.database,
        user: postgres.user,
        ...(postgres.driver !== undefined ? { driver: postgres.driver } : {}),
      },
      existingDatabaseSecret: {
        name: databaseSecretName,
        usernameKey: d.databaseSecretUsernameKey,
        passwordKey: d.databaseSecretPasswordKey,
      },
    }
    : {
      databaseMigration: false,
      databaseConnectionCheck: false,
      defaultSqlitePath: d.sqlitePath,
      postgres: { enabled: false },
    };

  // Environment (plain strings only)
  // (the user's first, never one MLflow ignores or one that carries a secret; ours win)
  const extraEnvVars: { [key: string]: string } = {};
  const dropped: readonly string[] = [...IGNORED_ENV_VARS, ...SECRET_ENV_VARS];
  for (const [k, v] of Object.entries(input.extraEnvVars ?? {})) {
    if (!dropped.includes(k)) extraEnvVars[k] = v;
  }
  extraEnvVars.MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT = String(timeout);
  const behindGateway = input.ingress?.controller === MlflowIngressController.GATEWAY_API;
  const keepAlive = input.keepAliveTimeoutSeconds ?? (behindGateway ? d.gatewayKeepAliveTimeoutSeconds : d.keepAliveTimeoutSeconds);
  extraEnvVars[UVICORN_KEEP_ALIVE_ENV_VAR] = String(keepAlive);
  if (postgres) extraEnvVars.PGSSLMODE = postgres.sslMode;
  if (auth.mode === ArtifactAuthMode.KUBELET_IDENTITY && auth.identityClientId !== undefined) {
    // AKS nodes carry several user-assigned identities (kubelet, add-ons): IMDS needs the client id.
    extraEnvVars.AZURE_CLIENT_ID = auth.identityClientId;
  }
  if ((input.proxyMultipartUpload ?? false) && auth.supportsProxyMultipartUpload && proxied) {
    extraEnvVars.MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD = 'true';
  }
  if (input.ingress) {
    extraEnvVars[FORWARDED_ALLOW_IPS_ENV_VAR] = trustedProxyCidrsFor(input.ingress).join(',');
  }
  const signIn = input.signInBinding ?? NO_SIGN_IN;
  Object.assign(extraEnvVars, signIn.extraEnvVars);

  // Image
  const image = input.image;
  const pullPolicy = image?.pullPolicy ?? 'IfNotPresent';

  // Ingress (the chart's), or an HTTPRoute on a Gateway (an extraDeploy item)
  const ingress = input.ingress;
  let gatewayRoute: { [key: string]: any } | undefined;
  if (ingress?.controller === MlflowIngressController.GATEWAY_API) {
    if (!ingress.gateway) throw new Error('buildMlflowValues: ingress.gateway is required with controller GATEWAY_API (MlflowRelease validates it)');
    gatewayRoute = buildHttpRoute({
      fullname: serviceName,
      releaseName,
      host: ingress.host,
      gateway: ingress.gateway,
      servicePort: MLFLOW_CHART.servicePort,
      requestTimeoutSeconds: ingress.requestTimeoutSeconds ?? d.gatewayRequestTimeoutSeconds,
      annotations: { ...(ingress.annotations ?? {}) },
    });
  }
  const tlsSecretName = ingress ? ingressTlsFor(ingress, serviceName).secretName : undefined;
  const chartIngress: MlflowChartIngress = ingress && !gatewayRoute
    ? {
      enabled: true,
      ...(ingressClassNameFor(ingress) !== undefined ? { className: ingressClassNameFor(ingress) } : {}),
      annotations: ingressAnnotationsFor(ingress, timeout, maxArtifactSize, serviceName),
      hosts: [{ host: ingress.host, paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: tlsSecretName !== undefined ? [{ secretName: tlsSecretName, hosts: [ingress.host] }] : [],
    }
    : { enabled: false };

  // Autoscaling
  const as = input.autoscaling;
  const autoscaling: MlflowChartAutoscaling = as
    ? {
      enabled: true,
      minReplicas: as.minReplicas,
      maxReplicas: as.maxReplicas,
      metrics: [
        utilizationMetric('cpu', as.targetCpuUtilization ?? d.targetUtilization),
        utilizationMetric('memory', as.targetMemoryUtilization ?? d.targetUtilization),
      ],
    }
    : { enabled: false };

  // Pods: resources, workers, security
  const r = input.resources ?? {};
  const memoryLimit = r.memoryLimit ?? d.resources.memoryLimit;
  const cpuLimit = r.cpuLimit ?? d.resources.cpuLimit;
  const staging = stagingStorage(maxArtifactSize, input.concurrentArtifactTransfers ?? MLFLOW_SIZING.concurrentArtifactTransfers);
  const podAnnotations: { [key: string]: string } = {};
  if (postgres) podAnnotations[DATABASE_SECRET_REVISION_ANNOTATION] = String(postgres.passwordRevision);
  if (auth.secretRevision !== undefined) podAnnotations[ARTIFACT_SECRET_REVISION_ANNOTATION] = String(auth.secretRevision);
  Object.assign(podAnnotations, signIn.podAnnotations);
  const runAsUser = image?.runAsUser ?? d.runAsUser;
  const runAsGroup = image?.runAsGroup ?? d.runAsGroup;
  const podSecurityContext: MlflowChartPodSecurityContext = {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup,
    fsGroup: runAsGroup,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const securityContext: MlflowChartSecurityContext = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser,
    runAsGroup,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
  const extraDeploy = postgres
    ? [buildMigrationJob({
      fullname: serviceName,
      releaseName,
      host: postgres.host,
      port: postgres.port,
      database: postgres.database,
      driver: postgres.driver,
      sslMode: postgres.sslMode,
      secretName: databaseSecretName,
      usernameKey: d.databaseSecretUsernameKey,
      passwordKey: d.databaseSecretPasswordKey,
      podAnnotations: { [DATABASE_SECRET_REVISION_ANNOTATION]: String(postgres.passwordRevision) },
      podSecurityContext,
      securityContext,
      activeDeadlineSeconds: input.timeoutSeconds ?? d.timeoutSeconds,
    })]
    : [];
  if (gatewayRoute) extraDeploy.push(gatewayRoute);

  return {
    ...(fullname.override !== undefined ? { fullnameOverride: fullname.override } : {}),
    replicaCount: input.replicas ?? d.replicas,
    ...(image
      ? {
        image: {
          repository: image.repository,
          tag: image.tag,
          ...(image.digest !== undefined ? { digest: image.digest } : {}),
          pullPolicy,
        },
      }
      : {}),
    serviceAccount: {
      create: true,
      automount: input.automountServiceAccountToken ?? false,
      annotations: { ...auth.serviceAccountAnnotations },
      name: input.serviceAccountName ?? d.serviceAccountName,
    },
    podAnnotations,
    extraPodLabels: { ...auth.podLabels },
    podSecurityContext,
    securityContext,
    service: {
      type: 'ClusterIP',
      port: MLFLOW_CHART.servicePort,
      containerPort: MLFLOW_CHART.containerPort,
      containerPortName: MLFLOW_CHART.containerPortName,
    },
    telemetry: { enabled: false },
    backendStore,
    artifactRoot,
    // Only options the chart renders as one `--<kebab-key>=<value>` argument (no uvicornOpts).
    extraArgs: {
      workers: String(input.workers ?? defaultWorkers(memoryLimit, cpuLimit)),
      ...signIn.extraArgs,
    },
    extraEnvVars,
    extraSecretNamesForEnvFrom: [...auth.secretNamesForEnvFrom, ...signIn.secretNamesForEnvFrom],
    ...(signIn.oidcAuth ? { oidcAuth: signIn.oidcAuth } : {}),
    extraVolumes: [...signIn.extraVolumes],
    extraVolumeMounts: [...signIn.extraVolumeMounts],
    ingress: chartIngress,
    serverAllowedHosts: allowedHostsFor(
      serviceName,
      input.namespace,
      input.clusterDomain ?? d.clusterDomain,
      ingress?.host,
      input.additionalAllowedHosts ?? [],
    ),
    resources: {
      requests: {
        'cpu': r.cpuRequest ?? d.resources.cpuRequest,
        'memory': r.memoryRequest ?? d.resources.memoryRequest,
        'ephemeral-storage': r.ephemeralStorageRequest ?? staging.request,
      },
      limits: {
        'cpu': cpuLimit,
        'memory': memoryLimit,
        'ephemeral-storage': r.ephemeralStorageLimit ?? staging.limit,
      },
    },
    autoscaling,
    extraDeploy,
  };
}

function utilizationMetric(name: string, percent: number): MlflowChartMetric {
  return { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: percent } } };
}
