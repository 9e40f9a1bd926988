import type { Release } from '@cdktf/provider-helm/lib/release';
import type { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { MlflowChartValues } from './chart-values';
import { createNetworkPolicy } from './network-policy';
import {
  MlflowArtifactLocation,
  MlflowReleaseOptions,
  MlflowBackendKind,
  MlflowBackendStore,
  MlflowIngress,
  MlflowIngressController,
  MlflowIngressTlsSource,
} from './props';
import { MLFLOW_SIZING, maxWorkersFor, memoryForWorkers, stagingStorage } from './sizing';
import {
  buildMlflowValues,
  chartFullname,
  fitsChartAzureBlob,
  IGNORED_ENV_VARS,
  ingressServesHttps,
  postgresSettings,
  trustedProxyCidrsFor,
  MANAGED_ENV_VARS,
  MLFLOW_CHART,
  MLFLOW_DEFAULTS,
  SECRET_ENV_VARS,
} from './values';
import { AzureCloud } from '../core/cloud';
import { checkArtifactPath, checkHost, checkImageRepository, checkName, POSTGRES_DATABASE } from '../core/names';
import { checkIpAddressOrCidr, checkIpAddressesOrCidrs } from '../core/network';
import { helmModules } from '../core/providers';
import { CPU_RULE, parseNginxSize, parseQuantity, SIZE_RULE } from '../core/quantity';
import { checkSecretReference, SECRET_RULE, writeOnlySecret } from '../core/secrets';
import { commaJoinedList } from '../core/tokens';
import { isLiteral, Problems } from '../core/validation';
import { ArtifactAuthBinding, ArtifactAuthMode } from '../identity/binding';
import { checkNamesAtSynth } from '../policy/collisions';
import { constructWarning, MlflowWarningId } from '../policy/warnings';
import { MlflowSignIn } from '../signin/props';
import { MlflowSignInResources } from '../signin/sign-in';
import { checkSignIn } from '../signin/validation';

/**
 * Props of {@link MlflowRelease}.
 */
export interface MlflowReleaseProps extends MlflowReleaseOptions {
  /** The namespace of the release (e.g. `MlflowNamespace.name`, so the release depends on it). */
  readonly namespaceName: string;
  /** Where the artifacts are (an `ArtifactStore` fits). */
  readonly artifactLocation: MlflowArtifactLocation;
  /** How MLflow authenticates to Blob Storage (produced by the auth construct). */
  readonly auth: ArtifactAuthBinding;
  /** The backend store: `MlflowBackendStore.postgres(...)` or `MlflowBackendStore.sqliteForDevelopment()`. */
  readonly backendStore: MlflowBackendStore;
  /**
   * How people and jobs sign in to MLflow (not to be confused with `auth`, how MLflow reaches
   * Blob Storage): `MlflowSignIn.entraId(...)` / `entraIdWithNewApplication(...)` (Entra ID
   * single sign-on), `MlflowSignIn.basicAuth(...)`, or `MlflowSignIn.none({ reason })` for a
   * server without ingress. Required: a missing choice fails at synth.
   * @default - none: an error names the choices
   */
  readonly signIn?: MlflowSignIn;
}

/**
 * MLflow on Kubernetes: the community-charts `mlflow` helm release with artifacts in Azure
 * Blob Storage, served through the tracking server (proxied), and, with PostgreSQL, the
 * database credentials in a Kubernetes secret written through `data_wo` (never in state or in
 * the helm values).
 *
 * The values go to helm as one JSON document; every key exists in the chart's schema. With
 * PostgreSQL the stack requires Terraform >= 1.11 (write-only attributes).
 *
 * The release must run in the namespace and as the service account its auth binding is bound to
 * (`auth.namespaceName`, `auth.serviceAccountName`, set by `ArtifactAccess`): construction fails
 * when both names are literals that differ. The same token on both sides is equal; otherwise an
 * unresolved reference on either side is not compared (it may still resolve to the same name).
 */
export class MlflowRelease extends Construct {
  /** The default chart version. */
  public static readonly DEFAULT_CHART_VERSION: string = MLFLOW_CHART.version;
  /** The default chart repository. */
  public static readonly DEFAULT_CHART_REPOSITORY: string = MLFLOW_CHART.repository;

  /** The helm release. */
  public readonly release: Release;
  /** The namespace of the release. */
  public readonly namespaceName: string;
  /** The name of the service account the chart creates. */
  public readonly serviceAccountName: string;
  /** The Kubernetes Service name. */
  public readonly serviceName: string;
  /** The Service port. */
  public readonly servicePort: number;
  /** The in-cluster URL: `http://<service>.<namespace>.svc.<cluster domain>:<port>`. */
  public readonly inClusterTrackingUri: string;
  /** The tracking URI clients use: the ingress URL when there is an ingress, else the in-cluster URL. */
  public readonly trackingUri: string;
  /** The chart values given to helm. */
  public readonly values: MlflowChartValues;
  /** The secret with the database user and password (PostgreSQL). */
  public readonly databaseSecret?: SecretV1;
  /** Sign-in: its secret and, when created here, its Entra application. */
  public readonly signIn: MlflowSignInResources;
  /** The network policy of the MLflow pods (none with `allowTrafficFromAllPods`). */
  public readonly networkPolicy?: NetworkPolicyV1;

  constructor(scope: Construct, id: string, props: MlflowReleaseProps) {
    super(scope, id);
    validateMlflowReleaseProps(this, props);
    checkNamesAtSynth(this);

    const releaseName = props.releaseName ?? MLFLOW_DEFAULTS.releaseName;
    const clusterDomain = props.clusterDomain ?? MLFLOW_DEFAULTS.clusterDomain;
    const postgres = postgresSettings(props.backendStore);

    if (!postgres) {
      constructWarning(this, MlflowWarningId.SQLITE_BACKEND,
        'backendStore = sqliteForDevelopment(): SQLite lives in the pod\'s /tmp volume; runs and models are lost when the pod is deleted, and replicas or autoscaling are impossible. Use MlflowBackendStore.postgres(...) for anything but development.',
      );
    }
    if (props.disableArtifactProxy) {
      constructWarning(this, MlflowWarningId.ARTIFACT_PROXY_OFF,
        'disableArtifactProxy = true: clients write artifacts to Blob Storage themselves and each needs Azure credentials (mlflow/mlflow#5480).',
      );
    }
    if (props.auth.mode === ArtifactAuthMode.KUBELET_IDENTITY && props.auth.identityClientId === undefined) {
      constructWarning(this, MlflowWarningId.KUBELET_WITHOUT_CLIENT_ID,
        'auth.identityClientId is not set for the kubelet identity: when the nodes carry several user-assigned identities (add-ons do), IMDS refuses a token request without AZURE_CLIENT_ID.',
      );
    }
    if (props.ingress?.trustedProxyCidrs?.some((c) => isLiteral(c) && /\/0$/.test(c))) {
      constructWarning(this, MlflowWarningId.TRUSTS_EVERY_PROXY,
        'ingress.trustedProxyCidrs lists a /0 range: uvicorn then trusts X-Forwarded-For and X-Forwarded-Proto from every client that reaches the pods, not only from the ingress controller.',
      );
    }
    if (props.automountServiceAccountToken) {
      constructWarning(this, MlflowWarningId.API_TOKEN_MOUNTED,
        'automountServiceAccountToken = true: the MLflow pods get a Kubernetes API token they do not need.',
      );
    }
    if (props.ingress?.allowInsecureHttp) {
      constructWarning(this, MlflowWarningId.PLAIN_HTTP_INGRESS,
        `ingress.allowInsecureHttp = true: ${props.ingress.host} is served over plain HTTP unless TLS terminates in front of the ingress.`,
      );
    }

    this.namespaceName = props.namespaceName;
    this.serviceAccountName = props.serviceAccountName ?? MLFLOW_DEFAULTS.serviceAccountName;
    this.serviceName = chartFullname(releaseName).name;
    this.servicePort = MLFLOW_CHART.servicePort;
    this.inClusterTrackingUri = `http://${this.serviceName}.${this.namespaceName}.svc.${clusterDomain}:${this.servicePort}`;
    const ingress = props.ingress;
    this.trackingUri = ingress ? `${ingressServesHttps(ingress) ? 'https' : 'http'}://${ingress.host}` : this.inClusterTrackingUri;

    const dependsOn: ITerraformDependable[] = [...(props.dependsOn ?? [])];
    const databaseSecretName = `${this.serviceName}-database`;
    if (postgres) {
      this.databaseSecret = writeOnlySecret(this, 'DatabaseSecret', {
        name: databaseSecretName,
        namespace: this.namespaceName,
        releaseName,
        component: 'database-credentials',
        data: {
          [MLFLOW_DEFAULTS.databaseSecretUsernameKey]: postgres.user,
          [MLFLOW_DEFAULTS.databaseSecretPasswordKey]: postgres.password,
        },
        revision: postgres.passwordRevision,
      });
      dependsOn.push(this.databaseSecret);
    }

    // (a list(string) variable becomes one item: a local joining it, as uvicorn and the plugin read it)
    const trustedProxyCidrs = commaJoinedList(this, 'TrustedProxyCidrs', ingress ? trustedProxyCidrsFor(ingress) : [...MLFLOW_DEFAULTS.trustedProxyCidrs]);
    this.signIn = new MlflowSignInResources(this, 'SignIn', {
      signIn: props.signIn!,
      namespaceName: this.namespaceName,
      fullname: this.serviceName,
      releaseName,
      ingressHost: ingress?.host,
      trustedProxyCidrs,
      cloud: props.artifactLocation.cloud ?? AzureCloud.PUBLIC,
      trackingDatabase: postgres
        ? {
          host: postgres.host,
          port: postgres.port,
          database: postgres.database,
          user: postgres.user,
          password: postgres.password,
          passwordRevision: postgres.passwordRevision,
          sslMode: postgres.sslMode,
          driver: postgres.driver,
        }
        : undefined,
    });
    if (this.signIn.secret) dependsOn.push(this.signIn.secret);

    if (props.allowTrafficFromAllPods) {
      constructWarning(this, MlflowWarningId.NO_NETWORK_POLICY,
        'allowTrafficFromAllPods = true: no network policy; every pod of the cluster can reach MLflow (and, without sign-in, use it).',
      );
    } else {
      const np = props.networkPolicy ?? {};
      this.networkPolicy = createNetworkPolicy(this, 'NetworkPolicy', this.serviceName, this.namespaceName, {
        podLabels: { 'app.kubernetes.io/name': MLFLOW_CHART.name, 'app.kubernetes.io/instance': releaseName },
        port: MLFLOW_CHART.containerPort,
        ingressControllerNamespaces: np.ingressControllerNamespaces ?? (ingress ? defaultIngressControllerNamespaces(ingress) ?? [] : []),
        allowedCidrs: np.allowedCidrs ?? [],
        clientNamespaces: np.clientNamespaces ?? [],
        egress: np.egress,
      });
    }

    this.values = buildMlflowValues({
      ...props,
      ingress: ingress ? { ...ingress, trustedProxyCidrs } : undefined,
      namespace: this.namespaceName,
      releaseName,
      serviceAccountName: this.serviceAccountName,
      databaseSecretName,
      clusterDomain,
      signInBinding: this.signIn.binding,
    });

    this.release = new helmModules.release.Release(this, 'Release', {
      name: releaseName,
      namespace: this.namespaceName,
      repository: props.chartRepository ?? MLFLOW_CHART.repository,
      chart: MLFLOW_CHART.name,
      version: props.chartVersion ?? MLFLOW_CHART.version,
      createNamespace: false,
      atomic: true,
      wait: true,
      cleanupOnFail: true,
      timeout: props.timeoutSeconds ?? 600,
      maxHistory: 10,
      values: [escapeTemplateSequences(JSON.stringify(this.values))],
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
  }
}

/**
 * Escape literal Terraform template sequences (`${`, `%{`) in the values document, leaving
 * cdktf tokens (`${TfToken[...]}`) to resolve into references.
 */
function escapeTemplateSequences(json: string): string {
  return json.replace(/\$\{(?!TfToken\[)/g, '$$${').replace(/%\{/g, '%%{');
}

const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOCKERFILE_HINT =
  'build an image that adds them (the recipe: node_modules/cdktf-mlflow-azure/docker/Dockerfile) and give it as image';

function validateMlflowReleaseProps(scope: Construct, props: MlflowReleaseProps): void {
  const p = new Problems(`MlflowRelease at ${scope.node.path}`, scope);
  if (props.backendStore === undefined) {
    p.add('backendStore', undefined, 'is required: MlflowBackendStore.postgres({ host, database, user, password }), or MlflowBackendStore.sqliteForDevelopment() for one replica');
  }
  const postgres = props.backendStore?.kind === MlflowBackendKind.POSTGRES ? props.backendStore.postgresOptions : undefined;
  const auth = props.auth;
  const location = props.artifactLocation;

  // Names and versions
  if (props.releaseName !== undefined) checkName(p, 'helmRelease', 'releaseName', props.releaseName);
  checkName(p, 'dnsLabel', 'namespaceName', props.namespaceName);
  checkName(p, 'dnsSubdomain', 'serviceAccountName', props.serviceAccountName);
  p.matches('chartVersion', props.chartVersion, SEMVER, 'must be a semantic version such as 1.11.5 (pin the chart)');
  p.matches('clusterDomain', props.clusterDomain, DNS_NAME, 'must be a DNS name such as cluster.local');
  if (isLiteral(props.chartRepository)) {
    p.require(/^(https|oci):\/\/\S+$/.test(props.chartRepository), 'chartRepository', props.chartRepository, 'must be an https:// or oci:// URL');
  }

  // Numbers are written into the values document: they must be literals.
  const numbers: [string, number | undefined, number, number][] = [
    ['replicas', props.replicas, 1, 1000],
    ['workers', props.workers, 1, 64],
    ['artifactTimeoutSeconds', props.artifactTimeoutSeconds, 1, 86400],
    ['keepAliveTimeoutSeconds', props.keepAliveTimeoutSeconds, 1, 7200],
    ['timeoutSeconds', props.timeoutSeconds, 1, 86400],
    ['concurrentArtifactTransfers', props.concurrentArtifactTransfers, 1, 64],
    ['image.runAsUser', props.image?.runAsUser, 1, 2147483647],
    ['image.runAsGroup', props.image?.runAsGroup, 1, 2147483647],
    ['autoscaling.minReplicas', props.autoscaling?.minReplicas, 1, 1000],
    ['autoscaling.maxReplicas', props.autoscaling?.maxReplicas, 1, 1000],
    ['autoscaling.targetCpuUtilization', props.autoscaling?.targetCpuUtilization, 1, 100],
    ['autoscaling.targetMemoryUtilization', props.autoscaling?.targetMemoryUtilization, 1, 100],
    ['backendStore.postgres.port', postgres?.port, 1, 65535],
    ['backendStore.postgres.passwordRevision', postgres?.passwordRevision, 1, Number.MAX_SAFE_INTEGER],
  ];
  for (const [prop, value, min, max] of numbers) p.literalInRange(prop, value, min, max);

  checkSizing(p, props);
  checkSignIn(scope, p, props.signIn, {
    prop: 'signIn',
    exposedBy: props.ingress ? `ingress (${props.ingress.host})` : undefined,
    ingressHost: props.ingress?.host,
    trackingDatabase: postgres?.database,
    severalPods: props.autoscaling ? 'autoscaling' : isLiteral(props.replicas) && props.replicas > 1 ? `replicas = ${props.replicas}` : undefined,
  });
  checkNetworkPolicy(p, props);

  // Backend store
  if (postgres) {
    p.nonEmpty('backendStore.postgres.host', postgres.host);
    if (isLiteral(postgres.host) && postgres.host.trim() !== '' && !postgres.host.includes('{{')) checkHost(p, 'backendStore.postgres.host', postgres.host);
    p.nonEmpty('backendStore.postgres.database', postgres.database);
    p.matches('backendStore.postgres.database', postgres.database, POSTGRES_DATABASE.pattern, POSTGRES_DATABASE.rule);
    p.nonEmpty('backendStore.postgres.user', postgres.user);
    // The migration job is an `extraDeploy` item, which the chart renders through helm's `tpl`.
    for (const [prop, value] of [['host', postgres.host], ['database', postgres.database], ['driver', postgres.driver]] as const) {
      if (isLiteral(value) && value.includes('{{')) {
        p.add(`backendStore.postgres.${prop}`, value, 'must not contain "{{" (the migration job is rendered through helm\'s tpl)');
      }
    }
    if (postgres.password === undefined) p.add('backendStore.postgres.password', undefined, SECRET_RULE);
    checkSecretReference(scope, p, 'backendStore.postgres.password', postgres.password);
  } else {
    if (isLiteral(props.replicas) && props.replicas > 1) {
      p.add('replicas', props.replicas, 'must be 1 with backendStore = sqliteForDevelopment() (each pod would have its own database); use MlflowBackendStore.postgres(...)');
    }
  }

  // Autoscaling
  const as = props.autoscaling;
  if (as) {
    if (isLiteral(as.minReplicas) && isLiteral(as.maxReplicas) && as.minReplicas > as.maxReplicas) {
      p.add('autoscaling.minReplicas', as.minReplicas, `must not exceed autoscaling.maxReplicas (${as.maxReplicas})`);
    }
    if (!postgres) {
      p.add('autoscaling', as, 'needs a database backend: the chart renders no autoscaler with SQLite (use MlflowBackendStore.postgres(...))');
    }
    if (!fitsChartAzureBlob(location)) {
      p.add('autoscaling', as, 'needs the chart\'s artifactRoot.azureBlob (public cloud wasbs://): the chart renders no autoscaler with a raw artifact URI (sovereign cloud or hierarchical namespace)');
    }
  }

  // Artifact location
  checkName(p, 'storageAccount', 'artifactLocation.accountName', location.accountName);
  checkName(p, 'storageContainer', 'artifactLocation.containerName', location.containerName);
  checkArtifactPath(p, 'artifactLocation.artifactPath', location.artifactPath);
  if (isLiteral(location.artifactUri)) {
    p.require(/^(wasbs|abfss):\/\/[^@/\s]+@[^/\s]+/.test(location.artifactUri), 'artifactLocation.artifactUri', location.artifactUri, 'must be a wasbs:// or abfss:// URI of the form <scheme>://<container>@<account>.<endpoint>/<path>');
  }
  const keyModes = [ArtifactAuthMode.ACCOUNT_KEY, ArtifactAuthMode.CONNECTION_STRING];
  if (location.hierarchicalNamespace && keyModes.includes(auth.mode)) {
    p.add('auth.mode', auth.mode, 'cannot authenticate abfss:// (hierarchicalNamespace: true): MLflow\'s ADLS repository uses a SAS token or DefaultAzureCredential only; use workload identity');
  }
  if (location.usesCustomEndpoint && auth.mode !== ArtifactAuthMode.CONNECTION_STRING) {
    p.add('auth.mode', auth.mode, 'must be connection-string with a custom blob endpoint: MLflow reaches a custom endpoint only through a connection string with BlobEndpoint=');
  }

  // Auth binding
  if (Token.isUnresolved(auth.secretNamesForEnvFrom)) {
    p.add('auth.secretNamesForEnvFrom', auth.secretNamesForEnvFrom, 'must be a list of literal names or string tokens, not a list token');
  } else {
    auth.secretNamesForEnvFrom.forEach((name, i) => checkName(p, 'dnsSubdomain', `auth.secretNamesForEnvFrom[${i}]`, name));
  }
  // The binding's namespace and service account (its secrets, its federated subject)
  checkSameName(p, 'namespaceName', props.namespaceName, 'auth.namespaceName', auth.namespaceName,
    'the auth binding is bound to that namespace (its secrets are there, or its workload identity is federated with a service account there)');
  checkSameName(p, 'serviceAccountName', props.serviceAccountName ?? MLFLOW_DEFAULTS.serviceAccountName, 'auth.serviceAccountName', auth.serviceAccountName,
    'the workload identity is federated with that service account only (system:serviceaccount:<namespace>:<name>): any other gets no Azure token');
  if (auth.mode === ArtifactAuthMode.WORKLOAD_IDENTITY) {
    const label = auth.podLabels['azure.workload.identity/use'];
    p.require(label === 'true', 'auth.podLabels["azure.workload.identity/use"]', label, 'must be the string "true" for workload identity (without it the webhook injects nothing)');
    p.require(
      auth.serviceAccountAnnotations['azure.workload.identity/client-id'] !== undefined,
      'auth.serviceAccountAnnotations["azure.workload.identity/client-id"]',
      undefined,
      'must be set for workload identity',
    );
  }
  if (props.image === undefined && (auth.requiresAzureIdentity || location.hierarchicalNamespace)) {
    const hns = location.hierarchicalNamespace ?? false;
    const why = [auth.requiresAzureIdentity ? `auth mode ${auth.mode}` : '', hns ? 'hierarchicalNamespace: true (abfss://)' : ''].filter((x) => x).join(' and ');
    const lacks = hns ? 'azure-identity and azure-storage-file-datalake' : 'azure-identity';
    p.add(
      'image',
      undefined,
      `must be set with ${why}: the chart's default image (burakince/mlflow) lacks ${lacks}, and MLflow fails with "No module named 'azure.identity'" (community-charts/helm-charts#423); ${DOCKERFILE_HINT}`,
    );
  }
  if (props.proxyMultipartUpload) {
    p.require(
      auth.supportsProxyMultipartUpload,
      'proxyMultipartUpload',
      true,
      `needs an account-key binding: the server signs the upload URLs with the account key (mlflow/mlflow#25974); auth mode ${auth.mode} cannot`,
    );
    p.require(!props.disableArtifactProxy, 'proxyMultipartUpload', true, 'needs proxied artifact serving (disableArtifactProxy: true was given)');
  }

  // Image
  const image = props.image;
  if (image) {
    p.nonEmpty('image.repository', image.repository);
    checkImageRepository(p, 'image.repository', image.repository);
    p.matches('image.tag', image.tag, /^[\w][\w.-]{0,127}$/, 'must be an image tag (letters, digits, "_", "." and "-", at most 128)');
    p.matches('image.digest', image.digest, /^sha256:[a-f0-9]{64}$/, 'must be sha256:<64 lowercase hex digits>');
    p.oneOf('image.pullPolicy', image.pullPolicy, ['IfNotPresent', 'Always', 'Never']);
  }

  // Ingress
  const ingress = props.ingress;
  if (ingress?.controller === MlflowIngressController.GATEWAY_API) {
    p.matches('ingress.host', ingress.host, DNS_NAME, 'must be a fully qualified DNS name in lowercase, e.g. mlflow.example.com');
    checkGatewayRoute(p, ingress, props);
  } else if (ingress) {
    if (ingress.requestTimeoutSeconds !== undefined) {
      p.add('ingress.requestTimeoutSeconds', ingress.requestTimeoutSeconds, 'is only for controller GATEWAY_API (an ingress controller gets artifactTimeoutSeconds as its read and send timeouts)');
    }
    if (ingress.gateway !== undefined) {
      p.add('ingress.gateway', ingress.gateway, `is only for controller: MlflowIngressController.GATEWAY_API (an HTTPRoute on that Gateway); controller is ${ingress.controller ?? MlflowIngressController.NGINX}`);
    }
    p.matches('ingress.host', ingress.host, DNS_NAME, 'must be a fully qualified DNS name in lowercase, e.g. mlflow.example.com');
    if (ingress.tlsSecretName === undefined && ingress.tls === undefined && !ingress.allowInsecureHttp) {
      p.add('ingress.tls', undefined, 'must be set (MlflowIngressTls.certManager(...), .keyVaultCertificate(...) or .existingSecret(name), or ingress.tlsSecretName), or set ingress.allowInsecureHttp: true when TLS terminates in front of the ingress');
    }
    checkIngressTls(p, ingress);
    checkName(p, 'dnsSubdomain', 'ingress.tlsSecretName', ingress.tlsSecretName);
    if ((ingress.controller ?? MlflowIngressController.NGINX) === MlflowIngressController.OTHER && ingress.className === undefined) {
      p.add('ingress.className', undefined, 'must be set with controller OTHER');
    }
    checkName(p, 'dnsSubdomain', 'ingress.className', ingress.className);
    checkIpAddressesOrCidrs(p, 'ingress.trustedProxyCidrs', ingress.trustedProxyCidrs);
    if (isLiteral(ingress.trustedProxyCidrs) && ingress.trustedProxyCidrs.length === 0) {
      p.add('ingress.trustedProxyCidrs', [], 'must list at least the ingress controller\'s addresses (behind an ingress MLflow would otherwise see http and the controller\'s address)');
    }
  }

  // Allowed hosts and environment
  (props.additionalAllowedHosts ?? []).forEach((host, i) =>
    p.matches(`additionalAllowedHosts[${i}]`, host, /^[^\s/,]+$/, 'must be a host (optionally :port or a * pattern), without scheme, path or comma'),
  );
  for (const [key, value] of Object.entries(props.extraEnvVars ?? {})) {
    const prop = `extraEnvVars["${key}"]`;
    if (!ENV_NAME.test(key)) p.add(prop, value, 'must have a valid environment variable name');
    if ((IGNORED_ENV_VARS as readonly string[]).includes(key)) {
      p.add(prop, value, 'is not read by MLflow (it reads AZURE_STORAGE_CONNECTION_STRING, AZURE_STORAGE_ACCESS_KEY or DefaultAzureCredential, and MLFLOW_DEFAULT_ARTIFACT_ROOT); the artifact location and auth binding configure storage');
    }
    if ((SECRET_ENV_VARS as readonly string[]).includes(key)) {
      p.add(prop, '<redacted>', 'carries a secret: plain environment variables are stored in the helm values and in state; secrets reach the pod only through Kubernetes secrets (the auth binding)');
    }
    const managedBy = Object.prototype.hasOwnProperty.call(MANAGED_ENV_VARS, key) ? MANAGED_ENV_VARS[key] : undefined;
    if (managedBy !== undefined) {
      p.add(prop, value, `is set by this construct; use ${managedBy}`);
    }
  }
  p.throwIfAny();
}

/**
 * A name of the release must equal the binding's: compared when both are literals, or both the
 * same token string; skipped when the binding has none or either side is an unresolved
 * reference (they may still resolve to the same name).
 */
function checkSameName(p: Problems, prop: string, ours: string | undefined, bindingProp: string, theirs: string | undefined, why: string): void {
  if (ours === undefined || theirs === undefined || ours === theirs) return;
  if (Token.isUnresolved(ours) || Token.isUnresolved(theirs)) return;
  p.add(prop, ours, `must equal ${bindingProp} (${JSON.stringify(theirs)}): ${why}`);
}

/**
 * Quantities and the sizes that depend on each other: workers against the memory limit,
 * requests against limits, the ingress body size and the ephemeral storage against the largest
 * artifact (see MLFLOW_SIZING).
 */
function checkSizing(p: Problems, props: MlflowReleaseProps): void {
  const r = props.resources ?? {};
  const size = (prop: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (Token.isUnresolved(value)) {
      p.add(prop, value, 'must be a literal quantity (it is written into the helm values)');
      return undefined;
    }
    const bytes = parseQuantity(value);
    if (bytes === undefined || bytes <= 0) p.add(prop, value, SIZE_RULE);
    return bytes !== undefined && bytes > 0 ? bytes : undefined;
  };
  const cpu = (prop: string, value: string | undefined): number | undefined => {
    if (!isLiteral(value)) return undefined;
    const cores = parseQuantity(value);
    if (cores === undefined || cores <= 0) p.add(prop, value, CPU_RULE);
    return cores !== undefined && cores > 0 ? cores : undefined;
  };
  const atMost = (prop: string, value: string | undefined, n: number | undefined, limitProp: string, limitText: string, limit?: number) => {
    if (n !== undefined && limit !== undefined && n > limit) p.add(prop, value, `must not exceed ${limitProp} (${limitText}): Kubernetes rejects a request above its limit`);
  };
  const d = MLFLOW_DEFAULTS.resources;
  const cpuRequest = cpu('resources.cpuRequest', r.cpuRequest);
  const cpuLimit = cpu('resources.cpuLimit', r.cpuLimit);
  atMost('resources.cpuRequest', r.cpuRequest, cpuRequest, 'resources.cpuLimit', r.cpuLimit ?? d.cpuLimit, cpuLimit ?? parseQuantity(d.cpuLimit));
  const memoryRequest = size('resources.memoryRequest', r.memoryRequest);
  const memoryLimit = size('resources.memoryLimit', r.memoryLimit);
  const memoryLimitText = r.memoryLimit ?? d.memoryLimit;
  atMost('resources.memoryRequest', r.memoryRequest, memoryRequest, 'resources.memoryLimit', memoryLimitText, memoryLimit ?? parseQuantity(d.memoryLimit));

  const fits = maxWorkersFor(memoryLimitText);
  if (isLiteral(props.workers) && fits !== undefined && props.workers > fits) {
    p.add(
      'workers',
      props.workers,
      `does not fit resources.memoryLimit (${memoryLimitText}): each uvicorn worker needs about 512Mi plus 512Mi for the server process, so ${props.workers} workers need ${memoryForWorkers(props.workers)}; raise resources.memoryLimit or lower workers${fits >= 1 ? ` (at most ${fits})` : ''}`,
    );
  } else if (props.workers === undefined && fits !== undefined && fits < 1) {
    p.add('resources.memoryLimit', memoryLimitText, `must be at least ${memoryForWorkers(1)} (one uvicorn worker of about 512Mi plus 512Mi for the server process)`);
  }

  const artifactText = props.maxArtifactSize ?? MLFLOW_SIZING.maxArtifactSize;
  const artifact = size('maxArtifactSize', props.maxArtifactSize) ?? parseQuantity(artifactText);
  if (artifact !== undefined && isLiteral(props.maxArtifactSize) && (artifact < 2 ** 20 || artifact > 2 ** 40)) {
    p.add('maxArtifactSize', props.maxArtifactSize, 'must be from 1Mi to 1Ti');
  }
  const ephemeralRequest = size('resources.ephemeralStorageRequest', r.ephemeralStorageRequest);
  const ephemeralLimit = size('resources.ephemeralStorageLimit', r.ephemeralStorageLimit);
  const staged = `proxied uploads and downloads are staged in full in /tmp, so the pod needs room for the largest artifact (maxArtifactSize = ${artifactText})`;
  if (artifact !== undefined) {
    if (ephemeralRequest !== undefined && ephemeralRequest < artifact) p.add('resources.ephemeralStorageRequest', r.ephemeralStorageRequest, `must be at least maxArtifactSize: ${staged}`);
    if (ephemeralLimit !== undefined && ephemeralLimit < artifact) p.add('resources.ephemeralStorageLimit', r.ephemeralStorageLimit, `must be at least maxArtifactSize: ${staged}`);
  }
  const transfers = isLiteral(props.concurrentArtifactTransfers) ? props.concurrentArtifactTransfers : MLFLOW_SIZING.concurrentArtifactTransfers;
  const limitText = r.ephemeralStorageLimit ?? stagingStorage(artifactText, transfers).limit;
  atMost('resources.ephemeralStorageRequest', r.ephemeralStorageRequest, ephemeralRequest, 'resources.ephemeralStorageLimit', limitText, ephemeralLimit ?? parseQuantity(limitText));

  const body = props.ingress?.maxBodySize;
  // (with GATEWAY_API maxBodySize does not apply, and says so)
  if (isLiteral(body) && props.ingress?.controller !== MlflowIngressController.GATEWAY_API) {
    const bytes = parseNginxSize(body);
    if (bytes === undefined) {
      p.add('ingress.maxBodySize', body, 'must be an nginx size such as 5g, 500m or 64k (1024-based units)');
    } else if (bytes === 0) {
      p.add('ingress.maxBodySize', body, `must not be 0 (unlimited): ${staged}; raise maxArtifactSize instead`);
    } else if (artifact !== undefined && bytes > artifact) {
      p.add('ingress.maxBodySize', body, `must not exceed maxArtifactSize (${artifactText}): ${staged}; raise maxArtifactSize instead`);
    }
  }
}

/**
 * The namespace an ingress controller's pods run in, where it is known; undefined where it cannot
 * be (Application Gateway, other controllers: the network policy needs them given).
 */
function defaultIngressControllerNamespaces(ingress: MlflowIngress): string[] | undefined {
  switch (ingress.controller ?? MlflowIngressController.NGINX) {
    case MlflowIngressController.NGINX:
      return ['ingress-nginx'];
    case MlflowIngressController.APP_ROUTING:
      return ['app-routing-system'];
    case MlflowIngressController.GATEWAY_API:
      // the application routing add-on's Gateway API mode and Istio run a Gateway's proxies in its
      // namespace (a missing gateway is reported as such)
      return ingress.gateway?.namespaceName !== undefined ? [ingress.gateway.namespaceName] : [];
    default:
      return undefined;
  }
}

/**
 * An HTTPRoute on a Gateway: the Gateway named (Kubernetes names), and none of the Ingress-only
 * props, which would do nothing (TLS is the Gateway listener's; there is no class and no
 * standard body limit).
 */
function checkGatewayRoute(p: Problems, ingress: MlflowIngress, props: MlflowReleaseProps): void {
  const g = ingress.gateway;
  if (g === undefined) {
    p.add('ingress.gateway', undefined, 'is required with controller GATEWAY_API: { name, namespaceName, sectionName? } of the Gateway the HTTPRoute attaches to');
  } else {
    checkName(p, 'dnsSubdomain', 'ingress.gateway.name', g.name);
    checkName(p, 'dnsLabel', 'ingress.gateway.namespaceName', g.namespaceName);
    if (g.sectionName === undefined) {
      p.add('ingress.gateway.sectionName', undefined, 'is required: the Gateway\'s HTTPS listener (without it the route attaches to every listener that admits it, plain HTTP included)');
    }
    checkName(p, 'dnsSubdomain', 'ingress.gateway.sectionName', g.sectionName);
  }
  const timeout = ingress.requestTimeoutSeconds;
  if (timeout !== undefined && Token.isUnresolved(timeout)) {
    p.add('ingress.requestTimeoutSeconds', timeout, 'must be a literal number (it is written into the helm values)');
  } else if (timeout !== undefined) {
    const artifact = isLiteral(props.artifactTimeoutSeconds) ? props.artifactTimeoutSeconds : MLFLOW_DEFAULTS.artifactTimeoutSeconds;
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 86400 || (timeout > 0 && timeout < artifact)) {
      p.add('ingress.requestTimeoutSeconds', timeout, `must be 0 (off) or a whole number of seconds from artifactTimeoutSeconds (${artifact}) to 86400: it bounds a whole response, a proxied model download included`);
    }
  }
  for (const [key, value] of Object.entries(ingress.annotations ?? {})) {
    // the chart renders extraDeploy through helm's tpl
    if (isLiteral(value) && value.includes('{{')) p.add(`ingress.annotations["${key}"]`, value, 'must not contain "{{": the route is rendered through helm\'s tpl, which would evaluate it');
  }
  const tlsIsTheGateways = 'does not apply with controller GATEWAY_API: the Gateway\'s listener terminates TLS (attach the route to its HTTPS listener with ingress.gateway.sectionName)';
  if (ingress.tls !== undefined) p.add('ingress.tls', '{...}', tlsIsTheGateways);
  if (ingress.tlsSecretName !== undefined) p.add('ingress.tlsSecretName', ingress.tlsSecretName, tlsIsTheGateways);
  if (ingress.allowInsecureHttp) p.add('ingress.allowInsecureHttp', ingress.allowInsecureHttp, tlsIsTheGateways);
  if (ingress.className !== undefined) p.add('ingress.className', ingress.className, 'does not apply with controller GATEWAY_API: the route names its Gateway (ingress.gateway)');
  if (ingress.maxBodySize !== undefined) {
    p.add('ingress.maxBodySize', ingress.maxBodySize, 'does not apply with controller GATEWAY_API: Gateway API has no standard body limit (the Gateway\'s own settings apply; maxArtifactSize still sizes the pods\' staging storage)');
  }
  checkIpAddressesOrCidrs(p, 'ingress.trustedProxyCidrs', ingress.trustedProxyCidrs);
  if (isLiteral(ingress.trustedProxyCidrs) && ingress.trustedProxyCidrs.length === 0) {
    p.add('ingress.trustedProxyCidrs', [], 'must list at least the gateway proxies\' addresses (behind a gateway MLflow would otherwise see http and the proxy\'s address)');
  }
}

/** Where the ingress certificate comes from: one source, and what each source needs. */
function checkIngressTls(p: Problems, ingress: MlflowIngress): void {
  const tls = ingress.tls;
  if (!tls) return;
  if (ingress.tlsSecretName !== undefined) {
    p.add('ingress.tlsSecretName', ingress.tlsSecretName, 'conflicts with ingress.tls: give one (tlsSecretName is MlflowIngressTls.existingSecret(name))');
  }
  if (ingress.allowInsecureHttp) p.add('ingress.allowInsecureHttp', true, 'contradicts ingress.tls');
  checkName(p, 'dnsSubdomain', 'ingress.tls.secretName', tls._secretName);
  if (tls.source === MlflowIngressTlsSource.EXISTING_SECRET && tls._secretName === undefined) {
    p.add('ingress.tls.secretName', undefined, 'is required for an existing secret');
  }
  if (tls.source === MlflowIngressTlsSource.CERT_MANAGER) {
    const cm = tls._certManager!;
    if ((cm.clusterIssuer === undefined) === (cm.issuer === undefined)) {
      p.add('ingress.tls.clusterIssuer', cm.clusterIssuer, 'give exactly one of clusterIssuer (a ClusterIssuer) and issuer (an Issuer in the release namespace)');
    }
    checkName(p, 'dnsSubdomain', 'ingress.tls.clusterIssuer', cm.clusterIssuer);
    checkName(p, 'dnsSubdomain', 'ingress.tls.issuer', cm.issuer);
  }
  if (tls.source === MlflowIngressTlsSource.KEY_VAULT) {
    const controller = ingress.controller ?? MlflowIngressController.NGINX;
    if (controller !== MlflowIngressController.APP_ROUTING) {
      p.add('ingress.tls', 'MlflowIngressTls.keyVaultCertificate(...)', `needs the application routing add-on (controller: MlflowIngressController.APP_ROUTING), which syncs Key Vault certificates; controller is ${controller}`);
    }
    p.matches('ingress.tls.certificateUri', tls._keyVault!.certificateUri, /^https:\/\/[a-zA-Z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/certificates\/[A-Za-z0-9-]{1,127}(\/[0-9a-fA-F]{32})?$/,
      'must be a Key Vault certificate URI: https://<vault>.vault.azure.net/certificates/<name>');
  }
}

/**
 * Who the network policy admits: never everyone (an empty namespace, "*", a /0 range), and
 * someone where the ingress controller cannot be known (Application Gateway, other controllers).
 */
function checkNetworkPolicy(p: Problems, props: MlflowReleaseProps): void {
  const np = props.networkPolicy;
  if (props.allowTrafficFromAllPods) {
    if (np !== undefined) p.add('networkPolicy', '{...}', 'contradicts allowTrafficFromAllPods: true (no network policy is created)');
    return;
  }
  const everyone = 'would admit every namespace: list namespaces by name (allowTrafficFromAllPods: true turns the policy off, and says so)';
  // The policy has one peer per item, written at synth: a list reference (a list(string) variable)
  // cannot be expanded into peers; its items may be references.
  const listToken = 'must be a list of literal items or string tokens, not a list token (the network policy has one peer per item)';
  for (const list of ['ingressControllerNamespaces', 'clientNamespaces', 'allowedCidrs'] as const) {
    const items = np?.[list];
    if (items !== undefined && Token.isUnresolved(items)) p.add(`networkPolicy.${list}`, items, listToken);
  }
  for (const list of ['ingressControllerNamespaces', 'clientNamespaces'] as const) {
    if (Token.isUnresolved(np?.[list])) continue;
    (np?.[list] ?? []).forEach((name, i) => {
      if (isLiteral(name) && (name === '*' || name.trim() === '')) p.add(`networkPolicy.${list}[${i}]`, name, everyone);
      else checkName(p, 'dnsLabel', `networkPolicy.${list}[${i}]`, name);
    });
  }
  checkIpAddressesOrCidrs(p, 'networkPolicy.allowedCidrs', np?.allowedCidrs);
  (np?.allowedCidrs ?? []).forEach((cidr, i) => {
    if (isLiteral(cidr) && /\/0$/.test(cidr)) p.add(`networkPolicy.allowedCidrs[${i}]`, cidr, 'would admit every address: give the ingress controller\'s or gateway\'s subnet');
  });
  const ingress = props.ingress;
  const controller = ingress?.controller ?? MlflowIngressController.NGINX;
  const known = ingress !== undefined && defaultIngressControllerNamespaces(ingress) !== undefined;
  if (ingress && !known && np?.ingressControllerNamespaces === undefined && (np?.allowedCidrs ?? []).length === 0) {
    p.add(
      'networkPolicy.allowedCidrs',
      undefined,
      controller === MlflowIngressController.APPLICATION_GATEWAY
        ? 'must list the Application Gateway\'s subnet: the gateway reaches the pods from outside the cluster, and the network policy would drop its traffic'
        : 'must list where the ingress controller reaches the pods from (or give networkPolicy.ingressControllerNamespaces): it cannot be derived for controller OTHER',
    );
  }
  (np?.egress?.rules ?? []).forEach((rule, i) => {
    checkIpAddressOrCidr(p, `networkPolicy.egress.rules[${i}].cidr`, rule.cidr);
    if (isLiteral(rule.ports) && rule.ports.length === 0) p.add(`networkPolicy.egress.rules[${i}].ports`, [], 'must list at least one port');
    (rule.ports ?? []).forEach((port, j) => p.inRange(`networkPolicy.egress.rules[${i}].ports[${j}]`, port, 1, 65535));
  });
}
