import { App, Testing } from 'cdktf';
import { chartDefaults, coalesce, optionValue, serverArgProblems } from './chart-render';
import { BASIC_BINDING, BINDINGS, buildValues, ENTRA_BINDING, IMAGE, LOCATION, POSTGRES, tok } from './fixtures';
import { findHelm, Helm, K8sObject, render, renderableChart, Rendered } from './helm';
import { podTemplates, restrictedViolations } from './pod-security';
import { AzureCloud } from '../../lib/core/cloud';
import { parseQuantity } from '../../lib/core/quantity';
import { ArtifactAuthMode } from '../../lib/identity/binding';
import { MlflowBackendStore, MlflowIngressController, MlflowIngressTls, PostgresSslMode } from '../../lib/mlflow';
import { MIGRATION_JOB } from '../../lib/mlflow/migration';
import { MLFLOW_SIZING } from '../../lib/mlflow/sizing';
import {
  artifactUriOf,
  chartAzureBlobUri,
  chartFullname,
  fitsChartAzureBlob,
  IGNORED_ENV_VARS,
  ingressClassNameFor,
  ingressTlsFor,
  MLFLOW_CHART,
  MLFLOW_DEFAULTS,
  MlflowValuesInput,
  SECRET_ENV_VARS,
} from '../../lib/mlflow/values';
import { SignInBinding } from '../../lib/signin/binding';
import { SIGN_IN } from '../../lib/signin/chart';
import { MlflowSignInMechanism } from '../../lib/signin/props';
import { buildExampleStacks } from '../../stacks/app';
import { resourcesOf, testApp } from '../util';

/*
 * The chart's real templates (community-charts mlflow 1.11.5, vendored) rendered by `helm
 * template` with the values this library emits: for the three example stacks and a matrix of
 * auth modes, backend stores, ingress controllers and clouds. What the pods really get is
 * asserted here, not what the values say: Pod Security "restricted", the server's arguments,
 * the environment, ports, allowed hosts, sizing, and the schema migration.
 */

const helm = findHelm();
const describeRendered = helm ? describe : describe.skip;
const renderedBy = helm ? `rendered by ${helm.description}` : 'SKIPPED: no helm on PATH and no ../shared/tools/bin/helm beside the repository';

// ---------------------------------------------------------------------------------------------
// What a case must render to
// ---------------------------------------------------------------------------------------------

interface Expectation {
  readonly releaseName: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly mode: ArtifactAuthMode;
  /** The auth binding's secrets, attached with envFrom. */
  readonly secretNames: string[];
  /** Workload identity: the service account annotation; kubelet identity: AZURE_CLIENT_ID. */
  readonly clientId?: string;
  readonly postgres?: { readonly sslMode: string; readonly driver?: string; readonly secretName: string };
  readonly artifactUri: string;
  readonly proxied: boolean;
  readonly ingress?: {
    readonly host: string;
    readonly className?: string;
    readonly tlsSecretName?: string;
    readonly trustedProxyCidrs: string[];
    /** Gateway API: an HTTPRoute on this Gateway instead of an Ingress. */
    readonly gateway?: { readonly name: string; readonly namespaceName: string; readonly sectionName?: string };
  };
  readonly maxArtifactSize: string;
  /** Sign-in: the mechanism, its secret, and what Entra ID sign-in must render to. */
  readonly signIn: SignInExpectation;
}

interface SignInExpectation {
  readonly mechanism: MlflowSignInMechanism;
  readonly secretName?: string;
  readonly redirectUri?: string;
  readonly defaultPermission?: string;
  /** Where the sign-in users live: PostgreSQL (a URL in the secret) or SQLite in /tmp. */
  readonly database?: 'postgres' | 'sqlite';
  /** The host of the token issuer the plugin checks bearer tokens against (Entra ID). */
  readonly issuerHost?: string;
}

/** The host in the `iss` of a cloud's v2.0 tokens (China: not its sign-in host). */
const ISSUER_HOSTS: Record<AzureCloud, string> = {
  [AzureCloud.PUBLIC]: 'login.microsoftonline.com',
  [AzureCloud.US_GOVERNMENT]: 'login.microsoftonline.us',
  [AzureCloud.CHINA]: 'login.partner.microsoftonline.cn',
};

interface Case {
  readonly name: string;
  readonly values: any;
  readonly expect: Expectation;
  /** The helm_release's own name and namespace (example stacks), which must match the expectation. */
  readonly release?: { readonly name: string; readonly namespace: string };
}

const IDENTITY_MODES = [ArtifactAuthMode.WORKLOAD_IDENTITY, ArtifactAuthMode.KUBELET_IDENTITY];

/** The expectation of a values-builder input (the matrix). */
function expectationOf(input: MlflowValuesInput): Expectation {
  const releaseName = input.releaseName ?? 'mlflow';
  const postgres = input.backendStore.postgresOptions;
  const location = input.artifactLocation;
  return {
    releaseName,
    namespace: input.namespace,
    serviceAccountName: input.serviceAccountName ?? 'mlflow',
    mode: input.auth.mode,
    secretNames: input.auth.secretNamesForEnvFrom,
    clientId: IDENTITY_MODES.includes(input.auth.mode) ? input.auth.identityClientId : undefined,
    postgres: postgres ? { sslMode: postgres.sslMode ?? 'require', driver: postgres.driver, secretName: `${chartFullname(releaseName).name}-database` } : undefined,
    artifactUri: fitsChartAzureBlob(location) ? chartAzureBlobUri(location) : artifactUriOf(location),
    proxied: !(input.disableArtifactProxy ?? false),
    ingress: input.ingress
      ? {
        host: input.ingress.host,
        className: ingressClassNameFor(input.ingress),
        tlsSecretName: ingressTlsFor(input.ingress, chartFullname(releaseName).name).secretName,
        trustedProxyCidrs: input.ingress.trustedProxyCidrs ?? [...MLFLOW_DEFAULTS.trustedProxyCidrs],
        ...(input.ingress.gateway ? { gateway: input.ingress.gateway } : {}),
      }
      : undefined,
    maxArtifactSize: input.maxArtifactSize ?? MLFLOW_SIZING.maxArtifactSize,
    signIn: signInExpectation(input.signInBinding, location.cloud ?? AzureCloud.PUBLIC),
  };
}

/** What a binding of the matrix must render to. */
function signInExpectation(binding: SignInBinding | undefined, cloud: AzureCloud): SignInExpectation {
  if (!binding || binding.mechanism === MlflowSignInMechanism.NONE) return { mechanism: MlflowSignInMechanism.NONE };
  if (binding.mechanism === MlflowSignInMechanism.BASIC_AUTH) {
    return { mechanism: binding.mechanism, secretName: binding.extraVolumes[0].secret.secretName };
  }
  const o = binding.oidcAuth!;
  return {
    mechanism: binding.mechanism,
    secretName: o.existingSecret.name,
    redirectUri: o.redirectUri,
    defaultPermission: o.defaultPermission,
    database: o.database ? 'sqlite' : 'postgres',
    issuerHost: ISSUER_HOSTS[cloud],
  };
}

const ENTRA = ENTRA_BINDING;
const BASIC = BASIC_BINDING;


const BASE: MlflowValuesInput = {
  artifactLocation: LOCATION,
  auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
  backendStore: POSTGRES,
  namespace: 'mlflow',
  image: IMAGE,
};
const NGINX = { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' };
const SQLITE = MlflowBackendStore.sqliteForDevelopment();

/** Auth modes x backend stores, ingress controllers, clouds, and the edges of the builder. */
const MATRIX: [string, Partial<MlflowValuesInput>][] = [
  ...Object.values(ArtifactAuthMode).flatMap((mode): [string, Partial<MlflowValuesInput>][] => [
    [`${mode}, postgres, ingress-nginx`, { auth: BINDINGS[mode], ingress: NGINX }],
    [`${mode}, sqlite, no ingress`, { auth: BINDINGS[mode], backendStore: SQLITE }],
  ]),
  ['account key, sqlite, the chart\'s image', { auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY], backendStore: SQLITE, image: undefined }],
  ['application gateway ingress', { ingress: { ...NGINX, controller: MlflowIngressController.APPLICATION_GATEWAY } }],
  ['other ingress controller, plain HTTP, narrowed proxies', {
    ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.OTHER, className: 'azure-alb-external', allowInsecureHttp: true, trustedProxyCidrs: ['10.244.0.0/16'] },
  }],
  ['China cloud', { artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA } }],
  ['US Government cloud, artifact proxy off', { artifactLocation: { ...LOCATION, cloud: AzureCloud.US_GOVERNMENT }, disableArtifactProxy: true }],
  ['abfss (hierarchical namespace)', { artifactLocation: { ...LOCATION, hierarchicalNamespace: true } }],
  ['verify-full, psycopg2, port 6432', {
    backendStore: MlflowBackendStore.postgres({ host: 'pg.example.com', port: 6432, database: 'db', user: 'u', password: tok('pw'), sslMode: PostgresSslMode.VERIFY_FULL, driver: 'psycopg2' }),
  }],
  ['autoscaling, 4Gi and 2 CPU, 20Gi artifacts', {
    autoscaling: { minReplicas: 2, maxReplicas: 5 },
    replicas: 2,
    resources: { memoryLimit: '4Gi', cpuLimit: '2' },
    maxArtifactSize: '20Gi',
    ingress: NGINX,
  }],
  ['release "team" (service team-mlflow), namespace ml-team', { releaseName: 'team', namespace: 'ml-team', serviceAccountName: 'team-mlflow' }],
  ['Entra ID sign-in: PostgreSQL user database, Redis cache, ingress-nginx', { signInBinding: ENTRA(true, true), ingress: NGINX, replicas: 2 }],
  ['Entra ID sign-in: SQLite user database (one pod)', { signInBinding: ENTRA(false), backendStore: SQLITE, ingress: NGINX }],
  ['Entra ID sign-in, China cloud', { signInBinding: ENTRA(true, false, AzureCloud.CHINA), artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA }, ingress: NGINX }],
  ['basic auth: PostgreSQL, ingress-nginx', { signInBinding: BASIC, ingress: NGINX }],
  ['basic auth: SQLite, no ingress', { signInBinding: BASIC, backendStore: SQLITE }],
  ['application routing add-on, Key Vault certificate', {
    signInBinding: ENTRA(true),
    ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: 'https://kv-ingress.vault.azure.net/certificates/mlflow' }) },
  }],
  ['cert-manager certificate', { signInBinding: BASIC, ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }) } }],
  ['Gateway API HTTPRoute, Entra ID sign-in, PostgreSQL', {
    signInBinding: ENTRA(true),
    ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.GATEWAY_API, gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' } },
  }],
  ['Gateway API HTTPRoute, release "team", basic auth', {
    signInBinding: BASIC,
    releaseName: 'team',
    ingress: { host: 'team.mlflow.example.com', controller: MlflowIngressController.GATEWAY_API, gateway: { name: 'internal', namespaceName: 'gateways', sectionName: 'https-internal' } },
  }],
];

const MATRIX_CASES: Case[] = MATRIX.map(([name, overrides]) => {
  const input = { ...BASE, ...overrides };
  return { name, values: buildValues(input), expect: expectationOf(input) };
});

// ---------------------------------------------------------------------------------------------
// The example stacks: their helm values with every Terraform reference replaced by the literal
// it refers to in the stack (names of namespaces, secrets, storage accounts), or a placeholder
// (identity ids, variables).
// ---------------------------------------------------------------------------------------------

for (const name of ['TFC_ORGANIZATION', 'TFC_WORKSPACE_PREFIX', 'TFC_PROJECT', 'TFC_HOSTNAME']) delete process.env[name];

function literalAt(json: any, expression: string): string | undefined {
  const [type, id, ...path] = expression.split('.');
  let node = json.resource?.[type]?.[id];
  for (const part of path.join('.').replace(/\[\d+\]/g, '').split('.')) node = node?.[part];
  return typeof node === 'string' && !node.includes('${') ? node : undefined;
}

function resolveReferences(json: any, text: string): string {
  const seen = new Map<string, string>();
  const replaced = text.replace(/(?<!\$)\$\{([^}]+)\}/g, (_m, expression: string) => {
    if (!seen.has(expression)) {
      const n = String(seen.size + 1).padStart(12, '0');
      const attr = expression.split('.').pop()!;
      seen.set(expression, literalAt(json, expression) ?? (/(_id|_ids)$/.test(attr) ? `00000000-0000-4000-8000-${n}` : `tfref${n}`));
    }
    return seen.get(expression)!;
  });
  return replaced.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

const STACK_EXPECTATIONS: Record<string, Omit<Expectation, 'clientId'> & { clientIdFromValues?: boolean }> = {
  'mlflow-dev': {
    releaseName: 'mlflow',
    namespace: 'mlflow',
    serviceAccountName: 'mlflow',
    mode: ArtifactAuthMode.ACCOUNT_KEY,
    secretNames: ['mlflow-artifact-credentials'],
    artifactUri: 'wasbs://mlflow@stmlflowdev001.blob.core.windows.net/artifacts',
    proxied: true,
    maxArtifactSize: '5Gi',
    signIn: { mechanism: MlflowSignInMechanism.NONE },
  },
  'mlflow-sp': {
    releaseName: 'mlflow',
    namespace: 'mlflow',
    serviceAccountName: 'mlflow',
    mode: ArtifactAuthMode.SERVICE_PRINCIPAL,
    secretNames: ['mlflow-artifact-credentials'],
    postgres: { sslMode: 'require', secretName: 'mlflow-database' },
    artifactUri: 'wasbs://mlflow@stmlflowsp001.blob.core.windows.net/artifacts',
    proxied: true,
    maxArtifactSize: '5Gi',
    signIn: { mechanism: MlflowSignInMechanism.BASIC_AUTH, secretName: 'mlflow-sign-in' },
  },
  'mlflow-prod': {
    releaseName: 'mlflow',
    namespace: 'mlflow',
    serviceAccountName: 'mlflow',
    mode: ArtifactAuthMode.WORKLOAD_IDENTITY,
    secretNames: [],
    clientIdFromValues: true,
    postgres: { sslMode: 'require', secretName: 'mlflow-database' },
    artifactUri: 'wasbs://mlflow@stmlflowprod001.blob.core.windows.net/artifacts',
    proxied: true,
    ingress: {
      host: 'mlflow.example.com',
      trustedProxyCidrs: [...MLFLOW_DEFAULTS.trustedProxyCidrs],
      gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' },
    },
    maxArtifactSize: '5Gi',
    signIn: {
      mechanism: MlflowSignInMechanism.ENTRA_ID,
      secretName: 'mlflow-sign-in',
      redirectUri: 'https://mlflow.example.com/callback',
      defaultPermission: 'READ',
      database: 'postgres',
      issuerHost: ISSUER_HOSTS[AzureCloud.PUBLIC],
    },
  },
};

/** A team of mlflow-teams: its instance `mlflow-<team>` (vision's container is the shared account's own). */
function teamExpectation(team: string, account: string, container: string): Omit<Expectation, 'clientId'> & { clientIdFromValues?: boolean } {
  const instance = `mlflow-${team}`;
  return {
    releaseName: instance,
    namespace: instance,
    serviceAccountName: instance,
    mode: ArtifactAuthMode.WORKLOAD_IDENTITY,
    secretNames: [],
    clientIdFromValues: true,
    postgres: { sslMode: 'require', secretName: `${instance}-database` },
    artifactUri: `wasbs://${container}@${account}.blob.core.windows.net/artifacts`,
    proxied: true,
    ingress: {
      host: `${team}.mlflow.example.com`,
      trustedProxyCidrs: [...MLFLOW_DEFAULTS.trustedProxyCidrs],
      gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' },
    },
    maxArtifactSize: '5Gi',
    signIn: {
      mechanism: MlflowSignInMechanism.ENTRA_ID,
      secretName: `${instance}-sign-in`,
      redirectUri: `https://${team}.mlflow.example.com/callback`,
      defaultPermission: 'READ',
      database: 'postgres',
      issuerHost: ISSUER_HOSTS[AzureCloud.PUBLIC],
    },
  };
}
STACK_EXPECTATIONS['mlflow-teams/mlflow-vision'] = teamExpectation('vision', 'stmlflowteams001', 'vision');
STACK_EXPECTATIONS['mlflow-teams/mlflow-nlp'] = teamExpectation('nlp', 'stmlflowteams001', 'nlp');
STACK_EXPECTATIONS['mlflow-teams/mlflow-forecasting'] = teamExpectation('forecasting', 'stmlflowforecast001', 'mlflow');

function stackCases(): { cases: Case[]; secretKeys: Map<string, string[]> } {
  const app: App = testApp();
  const secretKeys = new Map<string, string[]>();
  const cases = buildExampleStacks(app).flatMap((stack) => {
    const json = JSON.parse(Testing.synth(stack));
    for (const secret of Object.values(json.resource.kubernetes_secret_v1 ?? {}) as any[]) {
      secretKeys.set(`${stack.node.id}/${secret.metadata.name}`, Object.keys(secret.data_wo ?? secret.data ?? {}));
    }
    const releases = resourcesOf(json, 'helm_release').map(([, r]) => r);
    return releases.map((release): Case => {
      const name = releases.length === 1 ? stack.node.id : `${stack.node.id}/${release.name}`;
      const values = JSON.parse(resolveReferences(json, release.values[0]));
      const e = STACK_EXPECTATIONS[name];
      const clientId = e.clientIdFromValues ? values.serviceAccount.annotations['azure.workload.identity/client-id'] : undefined;
      const namespace = resolveReferences(json, release.namespace);
      return { name, values, expect: { ...e, clientId }, release: { name: release.name, namespace } };
    });
  });
  return { cases, secretKeys };
}

// ---------------------------------------------------------------------------------------------
// The checks: each returns every problem of a rendered release (an empty list passes)
// ---------------------------------------------------------------------------------------------

const byKind = (r: Rendered, kind: string) => r.objects.filter((o) => o.kind === kind);
const one = (r: Rendered, kind: string): K8sObject => {
  const all = byKind(r, kind);
  if (all.length !== 1) throw new Error(`expected one ${kind}, rendered ${all.length}`);
  return all[0];
};

/** Who reads each variable the release adds to the MLflow container (nothing else may be added). */
const READERS: Record<string, string> = {
  MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT: 'MLflow (mlflow/environment_variables.py)',
  UVICORN_TIMEOUT_KEEP_ALIVE: 'uvicorn (click auto_envvar_prefix UVICORN)',
  FORWARDED_ALLOW_IPS: 'uvicorn (--forwarded-allow-ips)',
  PGSSLMODE: 'libpq',
  MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD: 'MLflow',
  AZURE_CLIENT_ID: 'azure-identity (ManagedIdentityCredential)',
  MLFLOW_AUTH_CONFIG_PATH: 'MLflow basic auth (mlflow/server/auth/config.py)',
  OIDC_ISSUER: 'mlflow-oidc-auth',
  OIDC_CODE_CHALLENGE: 'mlflow-oidc-auth',
  OIDC_ALEMBIC_VERSION_TABLE: 'mlflow-oidc-auth',
  CACHE_BACKEND: 'mlflow-oidc-auth',
};
/** What the chart sets for Entra ID sign-in (templates/deployment.yaml, oidcAuth), all read by mlflow-oidc-auth. */
const CHART_OIDC_ENV = [
  'OIDC_DISCOVERY_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_SCOPE', 'OIDC_AUDIENCE',
  'OIDC_PROVIDER_DISPLAY_NAME', 'OIDC_GROUPS_ATTRIBUTE', 'OIDC_GROUP_NAME', 'OIDC_ADMIN_GROUP_NAME', 'DEFAULT_MLFLOW_PERMISSION',
  'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_SAMESITE', 'SECRET_KEY', 'OIDC_USERS_DB_URI', 'TRUSTED_PROXIES',
];
/** What the chart itself puts there (its templates, not our values). */
const CHART_ENV = ['MLFLOW_VERSION', 'PGUSER', 'PGPASSWORD', ...CHART_OIDC_ENV];
/** The keys of the binding's secrets, by who reads them. */
const SECRET_READERS: Record<string, string> = {
  AZURE_STORAGE_ACCESS_KEY: 'MLflow azure_blob_artifact_repo',
  AZURE_STORAGE_CONNECTION_STRING: 'MLflow azure_blob_artifact_repo',
  AZURE_CLIENT_ID: 'azure-identity EnvironmentCredential',
  AZURE_TENANT_ID: 'azure-identity EnvironmentCredential',
  AZURE_CLIENT_SECRET: 'azure-identity EnvironmentCredential',
  AZURE_AUTHORITY_HOST: 'azure-identity',
  OIDC_CLIENT_SECRET: 'mlflow-oidc-auth (also through the chart\'s secretKeyRef)',
  OIDC_USERS_DB_URI: 'mlflow-oidc-auth',
  CACHE_REDIS_URL: 'mlflow-oidc-auth',
};

const names = (env: any[] | undefined) => (env ?? []).map((e) => e.name as string);
const envValue = (c: any, name: string) => (c.env ?? []).find((e: any) => e.name === name);

function wildcardMatch(pattern: string, host: string): boolean {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(host);
}

function problemsOf(r: Rendered, e: Expectation, secretKeys?: (name: string) => string[] | undefined): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(what);
  const fullname = chartFullname(e.releaseName).name;

  // Every document parses into a named object.
  for (const o of r.objects) if (!o.apiVersion || !o.kind || !o.metadata?.name) fail(`an object without apiVersion, kind or name: ${JSON.stringify(o).slice(0, 120)}`);

  // Pod Security "restricted" for every pod (server, init containers, jobs).
  for (const t of podTemplates(r.objects)) for (const v of restrictedViolations(t.spec, t.metadata)) fail(`${t.owner}: ${v}`);

  const deployment = one(r, 'Deployment');
  const pod = deployment.spec.template.spec;
  const server = pod.containers.find((c: any) => c.name === 'mlflow');
  if (!server) return [...problems, 'no mlflow container'];

  // Numeric user and group (the image's user is not numeric).
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const uid = c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    if (!Number.isInteger(uid) || uid === 0) fail(`${c.name}: no numeric non-root runAsUser (${uid})`);
  }

  // The server's arguments.
  const args: string[] = server.args;
  const backend = e.postgres ? `postgresql${e.postgres.driver ? `+${e.postgres.driver}` : ''}://` : `sqlite:///${MLFLOW_DEFAULTS.sqlitePath}`;
  const artifactArg = e.proxied ? `--artifacts-destination=${e.artifactUri}` : `--default-artifact-root=${e.artifactUri}`;
  const head = ['server', '--host=0.0.0.0', `--port=${MLFLOW_CHART.containerPort}`, `--backend-store-uri=${backend}`, artifactArg];
  if (JSON.stringify(server.command) !== '["mlflow"]') fail(`command ${JSON.stringify(server.command)}`);
  if (JSON.stringify(args.slice(0, head.length)) !== JSON.stringify(head)) fail(`args start ${JSON.stringify(args.slice(0, head.length))}, expected ${JSON.stringify(head)}`);
  if (args.includes('--serve-artifacts') !== e.proxied) fail(`--serve-artifacts ${args.includes('--serve-artifacts')} but proxied ${e.proxied}`);
  const appName = optionValue(args, '--app-name');
  const apps = { [MlflowSignInMechanism.ENTRA_ID]: 'oidc-auth', [MlflowSignInMechanism.BASIC_AUTH]: 'basic-auth', [MlflowSignInMechanism.NONE]: undefined };
  if (appName !== apps[e.signIn.mechanism]) fail(`--app-name ${appName}, expected ${apps[e.signIn.mechanism]} (sign-in ${e.signIn.mechanism})`);
  for (const p of serverArgProblems(args.slice(1))) fail(`argument: ${p}`);

  // Workers fit the memory limit; ephemeral storage holds the largest artifact.
  const workers = Number(optionValue(args, '--workers'));
  const memoryLimit = parseQuantity(server.resources?.limits?.memory ?? '')!;
  if (!(workers >= 1)) fail(`--workers ${workers}`);
  if (!(memoryLimit >= MLFLOW_SIZING.serverBaseMemory + workers * MLFLOW_SIZING.workerMemory)) fail(`${workers} workers do not fit the memory limit ${server.resources?.limits?.memory}`);
  const largest = parseQuantity(e.maxArtifactSize)!;
  const ephemeralRequest = parseQuantity(server.resources?.requests?.['ephemeral-storage'] ?? '');
  const ephemeralLimit = parseQuantity(server.resources?.limits?.['ephemeral-storage'] ?? '');
  if (!(ephemeralRequest! >= largest)) fail(`ephemeral-storage request ${server.resources?.requests?.['ephemeral-storage']} < the largest artifact ${e.maxArtifactSize}`);
  if (!(ephemeralLimit! >= ephemeralRequest!)) fail(`ephemeral-storage limit ${server.resources?.limits?.['ephemeral-storage']} below the request`);
  const tmp = (server.volumeMounts ?? []).find((m: any) => m.mountPath === '/tmp');
  const tmpVolume = (pod.volumes ?? []).find((v: any) => v.name === tmp?.name);
  if (!tmpVolume?.emptyDir) fail('/tmp is not an emptyDir (the staging area)');

  // Environment: what the release adds is read by someone; nothing MLflow ignores anywhere.
  const configMap = byKind(r, 'ConfigMap').find((c) => c.metadata.name === `${fullname}-env-configmap`);
  if (!configMap) fail(`no ConfigMap ${fullname}-env-configmap`);
  for (const name of names(server.env)) {
    if (!CHART_ENV.includes(name) && !(name in READERS)) fail(`env ${name}: nobody reads it`);
  }
  const everywhere = [...names(server.env), ...Object.keys(configMap?.data ?? {}), ...byKind(r, 'Secret').flatMap((s) => Object.keys(s.data ?? {}))];
  for (const ignored of IGNORED_ENV_VARS) if (everywhere.includes(ignored)) fail(`${ignored} is set: MLflow never reads it`);
  const envSecret = byKind(r, 'Secret').find((s) => s.metadata.name === `${fullname}-env-secret`);
  for (const key of Object.keys(envSecret?.data ?? {})) fail(`the chart's env secret carries ${key} (it came from the values)`);
  const envFrom = (server.envFrom ?? []).map((f: any) => f.secretRef?.name ?? f.configMapRef?.name);
  const attachesSignIn = (server.envFrom ?? []).some((f: any) => f.secretRef?.name === e.signIn.secretName);
  const signInEnvFrom = e.signIn.mechanism === MlflowSignInMechanism.ENTRA_ID && attachesSignIn
    ? [e.signIn.secretName!] : [];
  const expectedEnvFrom = [`${fullname}-env-configmap`, `${fullname}-env-secret`, `${fullname}-flask-server-secret-key`, ...e.secretNames, ...signInEnvFrom];
  if (JSON.stringify(envFrom) !== JSON.stringify(expectedEnvFrom)) fail(`envFrom ${JSON.stringify(envFrom)}, expected ${JSON.stringify(expectedEnvFrom)}`);
  for (const secret of e.secretNames) {
    for (const key of secretKeys?.(secret) ?? []) if (!(key in SECRET_READERS)) fail(`secret ${secret} key ${key}: nobody reads it`);
  }

  // No secret as a plain value in any container (secrets come from Kubernetes secrets).
  for (const t of podTemplates(r.objects)) {
    for (const c of [...(t.spec.initContainers ?? []), ...t.spec.containers]) {
      for (const env of c.env ?? []) {
        if ((SECRET_ENV_VARS as readonly string[]).includes(env.name) && env.value !== undefined && !String(env.value).startsWith('sqlite:')) {
          fail(`${t.owner} ${c.name}: ${env.name} is a plain value (it carries a secret)`);
        }
      }
    }
  }
  problems.push(...signInProblems(r, e, server, pod, fullname));

  // The auth mode's wiring.
  const serviceAccount = one(r, 'ServiceAccount');
  if (serviceAccount.metadata.name !== e.serviceAccountName || pod.serviceAccountName !== e.serviceAccountName) {
    fail(`service account ${serviceAccount.metadata.name} / pod ${pod.serviceAccountName}, expected ${e.serviceAccountName}`);
  }
  if (serviceAccount.automountServiceAccountToken !== false) fail('the service account automounts its token');
  const wiAnnotation = serviceAccount.metadata.annotations?.['azure.workload.identity/client-id'];
  const wiLabel = deployment.spec.template.metadata.labels?.['azure.workload.identity/use'];
  if (e.mode === ArtifactAuthMode.WORKLOAD_IDENTITY) {
    if (wiAnnotation !== e.clientId) fail(`workload identity annotation ${wiAnnotation}, expected ${e.clientId}`);
    if (wiLabel !== 'true') fail(`workload identity pod label ${wiLabel}`);
  } else if (wiAnnotation !== undefined || wiLabel !== undefined) {
    fail(`workload identity wiring in mode ${e.mode}`);
  }
  const clientIdEnv = envValue(server, 'AZURE_CLIENT_ID')?.value;
  if (e.mode === ArtifactAuthMode.KUBELET_IDENTITY ? clientIdEnv !== e.clientId : clientIdEnv !== undefined) fail(`AZURE_CLIENT_ID ${clientIdEnv} in mode ${e.mode}`);

  // PostgreSQL: every container that gets the password gets PGSSLMODE; one migration job, no per-pod migration.
  const jobs = byKind(r, 'Job');
  for (const t of podTemplates(r.objects)) {
    for (const c of [...(t.spec.initContainers ?? []), ...t.spec.containers]) {
      if (!names(c.env).includes('PGPASSWORD')) continue;
      const mode = envValue(c, 'PGSSLMODE')?.value;
      if (mode !== e.postgres?.sslMode) fail(`${t.owner} ${c.name}: connects to PostgreSQL with PGSSLMODE ${mode}, expected ${e.postgres?.sslMode}`);
    }
  }
  if ((pod.initContainers ?? []).length > 0) fail(`init containers in every pod: ${(pod.initContainers ?? []).map((c: any) => c.name).join(', ')}`);
  if (e.postgres) {
    if (jobs.length !== 1) {
      fail(`${jobs.length} migration jobs`);
    } else {
      const job = jobs[0];
      const annotations = job.metadata.annotations ?? {};
      if (annotations['helm.sh/hook'] !== MIGRATION_JOB.hook) fail(`migration job hook ${annotations['helm.sh/hook']}`);
      const container = job.spec.template.spec.containers[0];
      if (container.image !== server.image) fail(`migration image ${container.image}, server ${server.image}`);
      for (const [name, value] of [['PGHOST', configMap?.data?.PGHOST], ['PGPORT', configMap?.data?.PGPORT], ['PGDATABASE', configMap?.data?.PGDATABASE]]) {
        if (envValue(container, name!)?.value !== value) fail(`migration ${name} ${envValue(container, name!)?.value}, the server's ${value}`);
      }
      if (envValue(container, 'PGPASSWORD')?.valueFrom?.secretKeyRef?.name !== e.postgres.secretName) fail('migration password not from the database secret');
      if (job.spec.template.spec.automountServiceAccountToken !== false) fail('the migration pod mounts a service account token');
      const selector = one(r, 'Service').spec.selector as Record<string, string>;
      const jobLabels = job.spec.template.metadata.labels ?? {};
      if (Object.entries(selector).every(([k, v]) => jobLabels[k] === v)) fail('the Service selects the migration pod');
    }
  } else if (jobs.length > 0) {
    fail('a migration job without a database');
  }

  // Service, probes and ingress ports.
  const service = one(r, 'Service');
  const port = service.spec.ports?.[0];
  if (service.metadata.name !== fullname || port?.port !== MLFLOW_CHART.servicePort || port?.targetPort !== MLFLOW_CHART.containerPortName) {
    fail(`service ${service.metadata.name} ${JSON.stringify(port)}`);
  }
  const podLabels = deployment.spec.template.metadata.labels ?? {};
  if (!Object.entries(service.spec.selector ?? {}).every(([k, v]) => podLabels[k] === v)) fail('the Service does not select the MLflow pods');
  const containerPort = (server.ports ?? []).find((p: any) => p.name === MLFLOW_CHART.containerPortName);
  if (containerPort?.containerPort !== MLFLOW_CHART.containerPort) fail(`container port ${JSON.stringify(server.ports)}`);
  for (const probe of ['livenessProbe', 'readinessProbe']) {
    const get = server[probe]?.httpGet;
    if (get?.path !== '/health' || get?.port !== MLFLOW_CHART.containerPortName) fail(`${probe} ${JSON.stringify(get)}`);
  }
  const ingresses = byKind(r, 'Ingress');
  const routes = byKind(r, 'HTTPRoute');
  if (e.ingress?.gateway) {
    // Gateway API: no Ingress; one HTTPRoute from the Gateway's listener to the service
    if (ingresses.length > 0) fail('an Ingress was rendered next to the HTTPRoute');
    const route = routes[0];
    const parent = route?.spec.parentRefs?.[0];
    const g = e.ingress.gateway;
    if (routes.length !== 1 || parent?.kind !== 'Gateway' || parent?.name !== g.name || parent?.namespace !== g.namespaceName || parent?.sectionName !== g.sectionName) {
      fail(`HTTPRoute parents ${JSON.stringify(route?.spec.parentRefs)}, expected the Gateway ${JSON.stringify(g)}`);
    }
    if (route?.metadata.namespace !== undefined && route.metadata.namespace !== e.namespace) fail(`HTTPRoute in namespace ${route.metadata.namespace}`);
    if (JSON.stringify(route?.spec.hostnames) !== JSON.stringify([e.ingress.host])) fail(`HTTPRoute hostnames ${JSON.stringify(route?.spec.hostnames)}`);
    const rule = route?.spec.rules?.[0];
    const routeBackend = rule?.backendRefs?.[0];
    if (routeBackend?.name !== fullname || routeBackend?.port !== MLFLOW_CHART.servicePort) fail(`HTTPRoute backend ${JSON.stringify(routeBackend)}, expected the service ${fullname}:${MLFLOW_CHART.servicePort}`);
    if (!/^[0-9]+s$/.test(rule?.timeouts?.request ?? '')) fail(`HTTPRoute request timeout ${JSON.stringify(rule?.timeouts)}: large artifacts would meet the gateway's default`);
    const forwarded = envValue(server, 'FORWARDED_ALLOW_IPS')?.value;
    if (forwarded !== e.ingress.trustedProxyCidrs.join(',')) fail(`FORWARDED_ALLOW_IPS ${forwarded}: uvicorn would not trust the gateway's X-Forwarded-Proto`);
  } else if (e.ingress) {
    if (routes.length > 0) fail('an HTTPRoute was rendered next to the Ingress');
    const ingress = ingresses[0];
    const rule = ingress?.spec.rules?.[0];
    const target = rule?.http?.paths?.[0]?.backend?.service;
    if (rule?.host !== e.ingress.host || target?.name !== fullname || target?.port?.number !== MLFLOW_CHART.servicePort) fail(`ingress rule ${JSON.stringify(rule)}`);
    if (ingress?.spec.ingressClassName !== e.ingress.className) fail(`ingress class ${ingress?.spec.ingressClassName}, expected ${e.ingress.className}`);
    const tls = ingress?.spec.tls?.[0];
    if (e.ingress.tlsSecretName ? tls?.secretName !== e.ingress.tlsSecretName || !tls?.hosts?.includes(e.ingress.host) : tls !== undefined) fail(`ingress tls ${JSON.stringify(tls)}`);
    const forwarded = envValue(server, 'FORWARDED_ALLOW_IPS')?.value;
    if (forwarded !== e.ingress.trustedProxyCidrs.join(',')) fail(`FORWARDED_ALLOW_IPS ${forwarded}: uvicorn would not trust the ingress controller's X-Forwarded-Proto`);
  } else {
    if (ingresses.length > 0) fail('an ingress was rendered');
    if (envValue(server, 'FORWARDED_ALLOW_IPS')) fail('FORWARDED_ALLOW_IPS without a proxy in front');
  }

  // Allowed hosts: every name the service answers to (and the ingress host).
  const allowed = String(configMap?.data?.MLFLOW_SERVER_ALLOWED_HOSTS ?? '').split(',');
  const svc = [fullname, `${fullname}.${e.namespace}`, `${fullname}.${e.namespace}.svc`, `${fullname}.${e.namespace}.svc.cluster.local`];
  const hosts = [...svc, ...svc.map((h) => `${h}:${MLFLOW_CHART.servicePort}`), 'localhost:5000', ...(e.ingress ? [e.ingress.host] : [])];
  for (const host of hosts) if (!allowed.some((p) => wildcardMatch(p, host))) fail(`Host ${host} is not allowed (MLFLOW_SERVER_ALLOWED_HOSTS ${allowed.join(',')})`);
  return problems;
}

// ---------------------------------------------------------------------------------------------

/** What each sign-in mechanism must render to. */
function signInProblems(r: Rendered, e: Expectation, server: any, pod: any, fullname: string): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(what);
  const env = (name: string) => envValue(server, name);
  const s = e.signIn;
  const secrets = byKind(r, 'Secret').map((x) => x.metadata.name);
  for (const chartSecret of [`${fullname}-oidc-auth-secret`, `${fullname}-oidc-auth-db-secret`, `${fullname}-auth-admin-secret`, `${fullname}-auth-pg-secret`]) {
    if (secrets.includes(chartSecret)) fail(`the chart rendered its own secret ${chartSecret} (from values)`);
  }
  if ((pod.initContainers ?? []).some((c: any) => c.name === 'ini-file-initializer')) fail('the chart\'s ini-file-initializer (sed on passwords) runs');
  if (s.mechanism === MlflowSignInMechanism.ENTRA_ID) {
    const ref = env('OIDC_CLIENT_SECRET')?.valueFrom?.secretKeyRef;
    if (ref?.name !== s.secretName || ref?.key !== SIGN_IN.clientSecretKey) fail(`OIDC_CLIENT_SECRET from ${JSON.stringify(ref)}`);
    if (env('OIDC_REDIRECT_URI')?.value !== s.redirectUri) fail(`OIDC_REDIRECT_URI ${env('OIDC_REDIRECT_URI')?.value}, expected ${s.redirectUri}`);
    if (!env('OIDC_AUDIENCE')?.value || env('OIDC_AUDIENCE')?.value !== env('OIDC_CLIENT_ID')?.value) fail('OIDC_AUDIENCE is not the client id: bearer tokens of any audience would pass');
    const issuer = String(env('OIDC_ISSUER')?.value ?? '');
    if (!s.issuerHost || !issuer.startsWith(`https://${s.issuerHost}/`) || !issuer.endsWith('/v2.0')) {
      fail(`OIDC_ISSUER ${JSON.stringify(env('OIDC_ISSUER')?.value)}, expected https://${s.issuerHost}/<tenant>/v2.0: bearer tokens of other tenants would pass`);
    }
    if (env('DEFAULT_MLFLOW_PERMISSION')?.value !== s.defaultPermission) fail(`DEFAULT_MLFLOW_PERMISSION ${env('DEFAULT_MLFLOW_PERMISSION')?.value}`);
    if (env('SESSION_COOKIE_SECURE')?.value !== 'true' || env('SESSION_COOKIE_SAMESITE')?.value !== 'lax') fail('session cookies not secure and lax');
    if (!env('TRUSTED_PROXIES')?.value) fail('TRUSTED_PROXIES empty: the plugin trusts X-Forwarded-* from everyone');
    if (env('OIDC_CODE_CHALLENGE')?.value !== 'S256') fail('no PKCE');
    if (env('SECRET_KEY')?.valueFrom?.secretKeyRef?.name !== `${fullname}-flask-server-secret-key`) fail('SECRET_KEY is not the shared flask secret (sessions would not survive across replicas)');
    const users = env('OIDC_USERS_DB_URI');
    if (s.database === 'postgres') {
      if (users !== undefined) fail(`OIDC_USERS_DB_URI is in the values (${JSON.stringify(users)}), not in the secret`);
      if (!(server.envFrom ?? []).some((f: any) => f.secretRef?.name === s.secretName)) fail('the sign-in secret (user database URL) is not attached');
    } else if (!String(users?.value ?? '').startsWith('sqlite:////tmp/')) {
      fail(`OIDC_USERS_DB_URI ${users?.value}: SQLite must be in the writable /tmp (the root filesystem is read-only)`);
    }
  } else if (s.mechanism === MlflowSignInMechanism.BASIC_AUTH) {
    if (env('MLFLOW_AUTH_CONFIG_PATH')?.value !== `${SIGN_IN.basicAuthConfigDir}/${SIGN_IN.basicAuthConfigFile}`) fail(`MLFLOW_AUTH_CONFIG_PATH ${env('MLFLOW_AUTH_CONFIG_PATH')?.value}`);
    const mount = (server.volumeMounts ?? []).find((m: any) => m.mountPath === SIGN_IN.basicAuthConfigDir);
    const volume = (pod.volumes ?? []).find((v: any) => v.name === mount?.name);
    if (!mount?.readOnly || volume?.secret?.secretName !== s.secretName) fail(`basic auth configuration not mounted read-only from ${s.secretName}: ${JSON.stringify(mount)} ${JSON.stringify(volume)}`);
  } else if (CHART_OIDC_ENV.some((n) => env(n) !== undefined) || env('MLFLOW_AUTH_CONFIG_PATH')) {
    fail('sign-in settings without sign-in');
  }
  return problems;
}

describeRendered(`the chart rendered with our values (${renderedBy})`, () => {
  const h = helm as Helm;
  const renderCase = (c: Case) => render(h, c.values, { releaseName: c.expect.releaseName, namespace: c.expect.namespace });

  describe('example stacks', () => {
    const { cases, secretKeys } = stackCases();
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(c.release).toEqual({ name: c.expect.releaseName, namespace: c.expect.namespace });
      const rendered = renderCase(c);
      expect(problemsOf(rendered, c.expect, (secret) => secretKeys.get(`${c.name}/${secret}`))).toEqual([]);
    });
  });

  describe('matrix', () => {
    test.each(MATRIX_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(problemsOf(renderCase(c), c.expect)).toEqual([]);
    });
  });

  describe('the checks can fail: what the chart does with its defaults alone', () => {
    const base = MATRIX_CASES[0];
    const rendered = (values: any) => render(h, values, { releaseName: 'mlflow', namespace: 'mlflow' });
    const problems = (values: any) => problemsOf(rendered(values), base.expect).join('\n');

    test('the chart\'s own migration init container gets PGPASSWORD without PGSSLMODE, in every pod', () => {
      const values = { ...base.values, backendStore: { ...base.values.backendStore, databaseMigration: true }, extraDeploy: [] };
      const text = problems(values);
      expect(text).toMatch(/mlflow-db-migration: connects to PostgreSQL with PGSSLMODE undefined, expected require/);
      expect(text).toMatch(/init containers in every pod: mlflow-db-migration/);
      expect(text).toMatch(/0 migration jobs/);
    });

    test('the chart\'s security defaults fail Pod Security "restricted" (no seccomp)', () => {
      const values = { ...base.values, podSecurityContext: {}, securityContext: {} };
      expect(problems(values)).toMatch(/seccompProfile.type must be RuntimeDefault or Localhost/);
    });

    test('without our sizing: no ephemeral storage, four workers in 1Gi', () => {
      const values = { ...base.values, resources: { limits: { memory: '1Gi' } }, extraArgs: { workers: '4' } };
      const text = problems(values);
      expect(text).toMatch(/4 workers do not fit the memory limit 1Gi/);
      expect(text).toMatch(/ephemeral-storage request undefined < the largest artifact 5Gi/);
    });

    test('without FORWARDED_ALLOW_IPS uvicorn trusts only 127.0.0.1', () => {
      const env = { ...base.values.extraEnvVars };
      delete env.FORWARDED_ALLOW_IPS;
      expect(problems({ ...base.values, extraEnvVars: env })).toMatch(/FORWARDED_ALLOW_IPS undefined/);
    });

    test('an ignored variable, an unknown one and a missing allowed host are caught', () => {
      const values = { ...base.values, extraEnvVars: { ...base.values.extraEnvVars, AZURE_STORAGE_KEY: 'x', FOO: 'bar' }, serverAllowedHosts: ['mlflow'] };
      const text = problems(values);
      expect(text).toMatch(/AZURE_STORAGE_KEY is set: MLflow never reads it/);
      expect(text).toMatch(/env FOO: nobody reads it/);
      expect(text).toMatch(/Host mlflow\.mlflow\.svc\.cluster\.local:80 is not allowed/);
    });
  });

  test('the user and group are ours, not the chart\'s defaults: the pods run as 1001 even when the chart drops them', () => {
    const chartDir = renderableChart((defaults) => {
      delete defaults.podSecurityContext;
      delete defaults.securityContext.runAsUser;
      delete defaults.securityContext.runAsGroup;
    });
    const ours = render(h, MATRIX_CASES[0].values, { releaseName: 'mlflow', namespace: 'mlflow', chartDir });
    const pod = one(ours, 'Deployment').spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001 });
    expect(pod.containers[0].securityContext).toMatchObject({ runAsUser: 1001, runAsGroup: 1001 });
    const chartOnly = render(h, { ...MATRIX_CASES[0].values, podSecurityContext: {}, securityContext: {} }, { releaseName: 'mlflow', namespace: 'mlflow', chartDir });
    expect(one(chartOnly, 'Deployment').spec.template.spec.containers[0].securityContext?.runAsUser).toBeUndefined();
  });

  test('a custom image user reaches every container, the migration job included', () => {
    const values = buildValues({ ...BASE, image: { ...IMAGE, runAsUser: 10001, runAsGroup: 10002 } });
    const rendered = render(h, values, { releaseName: 'mlflow', namespace: 'mlflow' });
    for (const t of podTemplates(rendered.objects)) {
      expect(t.spec.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10002, fsGroup: 10002 });
      for (const c of t.spec.containers) expect(c.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10002 });
    }
  });

  test('without an image the migration job runs the chart\'s image, the same as the server', () => {
    const values = buildValues({ ...BASE, image: undefined, auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY] });
    const rendered = render(h, values, { releaseName: 'mlflow', namespace: 'mlflow' });
    expect(one(rendered, 'Job').spec.template.spec.containers[0].image).toBe(`burakince/mlflow:${MLFLOW_CHART.appVersion}`);
  });

  test('the values the chart coalesces are the ones we validated (chart defaults + ours)', () => {
    // helm prints nothing of the values; the renderer and our coalesce agree on what reaches the templates.
    const merged = coalesce(chartDefaults(), JSON.parse(JSON.stringify(MATRIX_CASES[0].values))) as any;
    expect(merged.backendStore.databaseMigration).toBe(false);
    expect(merged.podSecurityContext.runAsUser).toBe(1001);
    // the chart's default is false too: with a default of true, our false must still switch the
    // per-pod migration init container off
    const chartDir = renderableChart((defaults) => {
      defaults.backendStore.databaseMigration = true;
    });
    const ours = render(h, MATRIX_CASES[0].values, { releaseName: 'mlflow', namespace: 'mlflow', chartDir });
    expect(one(ours, 'Deployment').spec.template.spec.initContainers ?? []).toEqual([]);
  });
});

// With no helm the block above is skipped: say so in a test name as well, never silently (and
// fail where a renderer is required: MLFLOW_REQUIRE_HELM=1 in .ci/run).
if (!helm) {
  test(`chart render tests ${renderedBy}`, () => {
    expect(process.env.MLFLOW_REQUIRE_HELM === '1' ? 'a renderer is required (MLFLOW_REQUIRE_HELM=1): install helm' : 'skipped').toBe('skipped');
  });
}
