import { ALL_MODES, BINDINGS, buildValues, IMAGE, keyPaths, LOCATION, tok, VALUES_CASES } from './fixtures';
import { AzureCloud } from '../../lib/core/cloud';
import { ArtifactAuthMode } from '../../lib/identity/binding';
import {
  MlflowBackendStore,
  MlflowIngressController,
  PostgresSslMode,
} from '../../lib/mlflow';
import {
  allowedHostsFor,
  chartFullname,
  IGNORED_ENV_VARS,
  MANAGED_ENV_VARS,
  MlflowValuesInput,
  SECRET_ENV_VARS,
} from '../../lib/mlflow/values';

const build = buildValues;

const SERVICE_HOSTS = [
  'mlflow',
  'mlflow:80',
  'mlflow.mlflow',
  'mlflow.mlflow:80',
  'mlflow.mlflow.svc',
  'mlflow.mlflow.svc:80',
  'mlflow.mlflow.svc.cluster.local',
  'mlflow.mlflow.svc.cluster.local:80',
];
const LOCAL_HOSTS = ['localhost', 'localhost:*', '127.0.0.1', '127.0.0.1:*'];

const POD_SECURITY = {
  runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
};
const CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  runAsUser: 1001,
  runAsGroup: 1001,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};
const MIGRATION_LABELS = {
  'app.kubernetes.io/name': 'mlflow-db-migration',
  'app.kubernetes.io/instance': 'mlflow',
  'app.kubernetes.io/component': 'db-migration',
  'app.kubernetes.io/part-of': 'mlflow',
};
/** The migration job of the default build (PostgreSQL, require). */
const MIGRATION_JOB_OF_BUILD = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'mlflow-db-migration',
    labels: MIGRATION_LABELS,
    annotations: {
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-weight': '10',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    },
  },
  spec: {
    backoffLimit: 2,
    activeDeadlineSeconds: 600,
    template: {
      metadata: { labels: MIGRATION_LABELS, annotations: { 'cdktf-mlflow-azure/database-secret-revision': '1' } },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        securityContext: POD_SECURITY,
        containers: [{
          name: 'mlflow-db-migration',
          image: '{{ include "mlflow.containerImage" . }}',
          imagePullPolicy: '{{ .Values.image.pullPolicy }}',
          command: ['python', '-c', 'from mlflow.store.db import utils\nengine = utils.create_sqlalchemy_engine_with_retry("postgresql://")\nutils._initialize_tables(engine)'],
          securityContext: CONTAINER_SECURITY,
          env: [
            { name: 'PGHOST', value: 'pg-mlflow.postgres.database.azure.com' },
            { name: 'PGPORT', value: '5432' },
            { name: 'PGDATABASE', value: 'mlflow' },
            { name: 'PGSSLMODE', value: 'require' },
            { name: 'PGUSER', valueFrom: { secretKeyRef: { name: 'mlflow-database', key: 'username' } } },
            { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'mlflow-database', key: 'password' } } },
            { name: 'MLFLOW_DISABLE_TELEMETRY', value: 'true' },
          ],
          resources: {
            requests: { 'cpu': '100m', 'memory': '512Mi', 'ephemeral-storage': '256Mi' },
            limits: { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '1Gi' },
          },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        }],
        volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
      },
    },
  },
};

describe('buildMlflowValues: the whole document', () => {
  test('workload identity, PostgreSQL, custom image, no ingress', () => {
    expect(build()).toEqual({
      replicaCount: 1,
      image: { repository: 'myregistry.azurecr.io/mlflow-azure', tag: '3.15.1-azure.1', pullPolicy: 'IfNotPresent' },
      serviceAccount: {
        create: true,
        automount: false,
        annotations: { 'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555' },
        name: 'mlflow',
      },
      podAnnotations: { 'cdktf-mlflow-azure/database-secret-revision': '1' },
      extraPodLabels: { 'azure.workload.identity/use': 'true' },
      podSecurityContext: POD_SECURITY,
      securityContext: CONTAINER_SECURITY,
      service: { type: 'ClusterIP', port: 80, containerPort: 5000, containerPortName: 'mlflow' },
      telemetry: { enabled: false },
      backendStore: {
        databaseMigration: false,
        databaseConnectionCheck: false,
        postgres: {
          enabled: true,
          host: 'pg-mlflow.postgres.database.azure.com',
          port: 5432,
          database: 'mlflow',
          user: 'mlflow',
        },
        existingDatabaseSecret: { name: 'mlflow-database', usernameKey: 'username', passwordKey: 'password' },
      },
      artifactRoot: {
        proxiedArtifactStorage: true,
        azureBlob: { enabled: true, container: 'mlflow', storageAccount: 'stmlflowtest01', path: 'artifacts' },
      },
      extraArgs: { workers: '2' },
      extraEnvVars: { MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT: '600', UVICORN_TIMEOUT_KEEP_ALIVE: '75', PGSSLMODE: 'require' },
      extraSecretNamesForEnvFrom: [],
      ingress: { enabled: false },
      serverAllowedHosts: [...LOCAL_HOSTS, ...SERVICE_HOSTS],
      resources: {
        requests: { 'cpu': '250m', 'memory': '1Gi', 'ephemeral-storage': '6Gi' },
        limits: { 'cpu': '1', 'memory': '2Gi', 'ephemeral-storage': '11Gi' },
      },
      autoscaling: { enabled: false },
      extraDeploy: [MIGRATION_JOB_OF_BUILD],
      extraVolumes: [],
      extraVolumeMounts: [],
    });
  });

  test('the schema migration job: once per install and upgrade, with PGSSLMODE and the secret\'s credentials', () => {
    const [job] = build().extraDeploy;
    expect(job).toEqual(MIGRATION_JOB_OF_BUILD);
    expect(build({ backendStore: MlflowBackendStore.sqliteForDevelopment() }).extraDeploy).toEqual([]);
  });

  test('the password never enters the values', () => {
    const values = build();
    expect(JSON.stringify(values)).not.toContain(tok('db-password-token'));
    expect(keyPaths(values).filter((k) => /password/i.test(k))).toEqual(['backendStore.existingDatabaseSecret.passwordKey']);
  });
});

describe('buildMlflowValues: auth modes', () => {
  test.each(ALL_MODES)('%s: secrets only through extraSecretNamesForEnvFrom, annotations and labels from the binding', (mode) => {
    const binding = BINDINGS[mode];
    const values = build({ auth: binding });
    expect(values.extraSecretNamesForEnvFrom).toEqual(binding.secretNamesForEnvFrom);
    expect(values.serviceAccount.annotations).toEqual(binding.serviceAccountAnnotations);
    expect(values.extraPodLabels).toEqual(binding.podLabels);
    expect(values.serviceAccount.automount).toBe(false);
    expect(Object.keys(values.artifactRoot.azureBlob).sort()).toEqual(['container', 'enabled', 'path', 'storageAccount']);
    expect(keyPaths(values).filter((k) => /connectionString|accessKey|podLabels/.test(k))).toEqual([]);
  });

  test('the binding\'s labels and annotations are copied into the values, never shared with the binding', () => {
    const binding = { ...BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY], podLabels: { 'azure.workload.identity/use': 'true' }, serviceAccountAnnotations: { a: 'b' }, secretNamesForEnvFrom: ['s'] };
    const values = build({ auth: binding });
    values.extraPodLabels.extra = 'x';
    values.serviceAccount.annotations.extra = 'x';
    values.extraSecretNamesForEnvFrom.push('x');
    expect(binding.podLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    expect(binding.serviceAccountAnnotations).toEqual({ a: 'b' });
    expect(binding.secretNamesForEnvFrom).toEqual(['s']);
  });

  test('kubelet identity: AZURE_CLIENT_ID picks the kubelet identity among the node identities', () => {
    expect(build({ auth: BINDINGS[ArtifactAuthMode.KUBELET_IDENTITY] }).extraEnvVars.AZURE_CLIENT_ID).toBe('99999999-8888-7777-6666-555555555555');
    const { identityClientId: _unused, ...withoutId } = BINDINGS[ArtifactAuthMode.KUBELET_IDENTITY];
    expect(build({ auth: withoutId }).extraEnvVars.AZURE_CLIENT_ID).toBeUndefined();
    // workload identity: the webhook injects AZURE_CLIENT_ID; the values do not. A service
    // principal's client id comes with its secret.
    expect(build().extraEnvVars.AZURE_CLIENT_ID).toBeUndefined();
    expect(build({ auth: BINDINGS[ArtifactAuthMode.SERVICE_PRINCIPAL] }).extraEnvVars.AZURE_CLIENT_ID).toBeUndefined();
  });
});

describe('buildMlflowValues: artifact location', () => {
  test('China cloud: the raw URI key (the chart hard-codes blob.core.windows.net)', () => {
    const values = build({ artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA } });
    expect(values.artifactRoot).toEqual({
      proxiedArtifactStorage: true,
      defaultArtifactsDestination: 'wasbs://mlflow@stmlflowtest01.blob.core.chinacloudapi.cn/artifacts',
      azureBlob: { enabled: false },
    });
  });

  test('US Government cloud: the raw URI key', () => {
    const values = build({ artifactLocation: { ...LOCATION, cloud: AzureCloud.US_GOVERNMENT } });
    expect(values.artifactRoot.defaultArtifactsDestination).toBe('wasbs://mlflow@stmlflowtest01.blob.core.usgovcloudapi.net/artifacts');
    expect(values.artifactRoot.azureBlob).toEqual({ enabled: false });
  });

  test('hierarchical namespace: abfss:// through the raw URI key', () => {
    const values = build({ artifactLocation: { ...LOCATION, hierarchicalNamespace: true } });
    expect(values.artifactRoot.defaultArtifactsDestination).toBe('abfss://mlflow@stmlflowtest01.dfs.core.windows.net/artifacts');
    expect(values.artifactRoot.azureBlob).toEqual({ enabled: false });
  });

  test('a given artifact URI is used as it is when it differs from the chart form', () => {
    const uri = 'abfss://mlflow@stmlflowtest01.dfs.core.chinacloudapi.cn/team-a';
    const values = build({ artifactLocation: { ...LOCATION, artifactUri: uri } });
    expect(values.artifactRoot.defaultArtifactsDestination).toBe(uri);
  });

  test('a given URI equal to the chart form keeps azureBlob', () => {
    const uri = 'wasbs://mlflow@stmlflowtest01.blob.core.windows.net/artifacts';
    expect(build({ artifactLocation: { ...LOCATION, artifactUri: uri } }).artifactRoot.azureBlob.enabled).toBe(true);
  });

  test('a custom endpoint keeps azureBlob (MLflow parses the URI; the connection string carries BlobEndpoint=)', () => {
    const values = build({ artifactLocation: { ...LOCATION, usesCustomEndpoint: true }, auth: BINDINGS[ArtifactAuthMode.CONNECTION_STRING] });
    expect(values.artifactRoot.azureBlob.enabled).toBe(true);
  });

  test('the container root: empty path', () => {
    const values = build({ artifactLocation: { accountName: 'stmlflowtest01', containerName: 'mlflow' } });
    expect(values.artifactRoot.azureBlob.path).toBe('');
  });

  test('artifact proxy off: proxiedArtifactStorage false, and the raw key becomes defaultArtifactRoot', () => {
    expect(build({ disableArtifactProxy: true }).artifactRoot.proxiedArtifactStorage).toBe(false);
    const raw = build({ disableArtifactProxy: true, artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA } }).artifactRoot;
    expect(raw).toEqual({
      proxiedArtifactStorage: false,
      defaultArtifactRoot: 'wasbs://mlflow@stmlflowtest01.blob.core.chinacloudapi.cn/artifacts',
      azureBlob: { enabled: false },
    });
  });
});

describe('buildMlflowValues: backend store', () => {
  test('SQLite: a file in /tmp shared by the workers, no migration, no PGSSLMODE, no database secret', () => {
    const values = build({ backendStore: MlflowBackendStore.sqliteForDevelopment() });
    expect(values.backendStore).toEqual({ databaseMigration: false, databaseConnectionCheck: false, defaultSqlitePath: '/tmp/mlflow.db', postgres: { enabled: false } });
    expect(values.extraEnvVars).toEqual({ MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT: '600', UVICORN_TIMEOUT_KEEP_ALIVE: '75' });
    expect(values.podAnnotations).toEqual({});
  });

  test('PostgreSQL options: port, driver, sslMode, password revision', () => {
    const values = build({
      backendStore: MlflowBackendStore.postgres({
        host: 'pg',
        database: 'db',
        user: 'u',
        password: tok('p'),
        port: 6432,
        driver: 'psycopg2',
        sslMode: PostgresSslMode.VERIFY_FULL,
        passwordRevision: 3,
      }),
      databaseSecretName: 'custom-db',
    });
    expect(values.backendStore.postgres).toEqual({ enabled: true, host: 'pg', port: 6432, database: 'db', user: 'u', driver: 'psycopg2' });
    expect(values.backendStore.existingDatabaseSecret?.name).toBe('custom-db');
    expect(values.extraEnvVars.PGSSLMODE).toBe('verify-full');
    expect(values.podAnnotations).toEqual({ 'cdktf-mlflow-azure/database-secret-revision': '3' });
  });

  test.each<[PostgresSslMode | undefined, string]>([
    [undefined, 'require'],
    [PostgresSslMode.REQUIRE, 'require'],
    [PostgresSslMode.VERIFY_CA, 'verify-ca'],
    [PostgresSslMode.VERIFY_FULL, 'verify-full'],
  ])('sslMode %s: PGSSLMODE=%s in the server and the migration job; the chart\'s per-pod migration (which cannot get it) is off', (sslMode, env) => {
    const values = build({ backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: tok('p'), sslMode, driver: 'psycopg2' }) });
    expect(values.extraEnvVars.PGSSLMODE).toBe(env);
    expect(values.backendStore.databaseMigration).toBe(false);
    const container = values.extraDeploy[0].spec.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'PGSSLMODE', value: env });
    expect(container.command[2]).toContain('create_sqlalchemy_engine_with_retry("postgresql+psycopg2://")');
  });
});

describe('buildMlflowValues: large artifacts', () => {
  test('timeouts reach the environment, uvicorn (through its environment) and the ingress', () => {
    const values = build({
      artifactTimeoutSeconds: 1800,
      keepAliveTimeoutSeconds: 120,
      workers: 2,
      ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' },
    });
    expect(values.extraEnvVars.MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT).toBe('1800');
    expect(values.extraEnvVars.UVICORN_TIMEOUT_KEEP_ALIVE).toBe('120');
    // The chart quotes uvicornOpts/gunicornOpts into one argument (see server-args.test.ts): never emitted.
    expect(Object.keys(values.extraArgs)).toEqual(['workers']);
    expect(JSON.stringify(values)).not.toMatch(/uvicornOpts|gunicornOpts|timeout-keep-alive/);
    expect(values.ingress.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('1800');
    expect(values.ingress.annotations?.['nginx.ingress.kubernetes.io/proxy-send-timeout']).toBe('1800');
  });

  test('proxied multipart upload: only with a binding that supports it and the prop', () => {
    const key = BINDINGS[ArtifactAuthMode.ACCOUNT_KEY];
    const multipart = (input: Partial<MlflowValuesInput>) => build(input).extraEnvVars.MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD;
    expect(multipart({ auth: key, proxyMultipartUpload: true })).toBe('true');
    expect(multipart({ auth: key })).toBeUndefined();
    expect(multipart({ proxyMultipartUpload: true })).toBeUndefined();
    expect(multipart({ auth: key, proxyMultipartUpload: true, disableArtifactProxy: true })).toBeUndefined();
  });
});

describe('buildMlflowValues: ingress', () => {
  test('ingress-nginx: class, TLS, body size, timeouts, request buffering off, allowed host', () => {
    const values = build({ ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' } });
    expect(values.ingress).toEqual({
      enabled: true,
      className: 'nginx',
      annotations: {
        'nginx.ingress.kubernetes.io/proxy-body-size': '5g',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '600',
        'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
      },
      hosts: [{ host: 'mlflow.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ secretName: 'mlflow-tls', hosts: ['mlflow.example.com'] }],
    });
    expect(values.serverAllowedHosts).toEqual([...LOCAL_HOSTS, ...SERVICE_HOSTS, 'mlflow.example.com']);
  });

  test('Application Gateway Ingress Controller: request timeout and /health probe', () => {
    const values = build({
      ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls', controller: MlflowIngressController.APPLICATION_GATEWAY },
    });
    expect(values.ingress.className).toBe('azure-application-gateway');
    expect(values.ingress.annotations).toEqual({
      'appgw.ingress.kubernetes.io/request-timeout': '600',
      'appgw.ingress.kubernetes.io/health-probe-path': '/health',
      'appgw.ingress.kubernetes.io/ssl-redirect': 'true',
    });
  });

  test('other controllers: only the given annotations, which also win over ours', () => {
    const other = build({
      ingress: { host: 'mlflow.example.com', tlsSecretName: 't', controller: MlflowIngressController.OTHER, className: 'azure-alb-external', annotations: { a: 'b' } },
    });
    expect(other.ingress.className).toBe('azure-alb-external');
    expect(other.ingress.annotations).toEqual({ a: 'b' });
    const nginx = build({
      ingress: { host: 'mlflow.example.com', tlsSecretName: 't', maxBodySize: '500m', annotations: { 'nginx.ingress.kubernetes.io/proxy-read-timeout': '30' } },
    });
    expect(nginx.ingress.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('500m');
    expect(nginx.ingress.annotations?.['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('30');
  });

  test('plain HTTP ingress: no TLS entry, no redirect', () => {
    const values = build({ ingress: { host: 'mlflow.example.com', allowInsecureHttp: true } });
    expect(values.ingress.tls).toEqual([]);
    expect(values.ingress.annotations?.['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('false');
  });
});

describe('buildMlflowValues: scaling, resources, image', () => {
  test('autoscaling on CPU and memory utilisation', () => {
    const values = build({ autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 70 } });
    expect(values.autoscaling).toEqual({
      enabled: true,
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
  });

  test('replicas and resources', () => {
    const values = build({ replicas: 3, resources: { cpuRequest: '1', memoryLimit: '4Gi' } });
    expect(values.replicaCount).toBe(3);
    expect(values.resources).toEqual({
      requests: { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '6Gi' },
      limits: { 'cpu': '1', 'memory': '4Gi', 'ephemeral-storage': '11Gi' },
    });
  });

  test.each<[string, Partial<MlflowValuesInput>, string]>([
    ['the defaults (2Gi, 1 CPU): 3 fit the memory, 2 per CPU', {}, '2'],
    ['4Gi and 2 CPU', { resources: { memoryLimit: '4Gi', cpuLimit: '2' } }, '4'],
    ['2Gi and 4 CPU: the memory decides', { resources: { memoryLimit: '2Gi', cpuLimit: '4' } }, '3'],
    ['64Gi and 16 CPU: at most 8 by default', { resources: { memoryLimit: '64Gi', cpuLimit: '16' } }, '8'],
    ['1Gi and 500m: at least 1', { resources: { memoryLimit: '1Gi', cpuLimit: '500m' } }, '1'],
    ['limits as tokens: 2', { resources: { memoryLimit: tok('mem'), cpuLimit: tok('cpu') } }, '2'],
    ['given', { workers: 5, resources: { memoryLimit: '4Gi' } }, '5'],
  ])('workers: %s', (_name, input, workers) => {
    expect(build(input).extraArgs.workers).toBe(workers);
  });

  test.each<[string, Partial<MlflowValuesInput>, string, string]>([
    ['default: one 5Gi artifact plus 1Gi requested, two plus 1Gi the limit', {}, '6Gi', '11Gi'],
    ['20Gi artifacts, 3 at once', { maxArtifactSize: '20Gi', concurrentArtifactTransfers: 3 }, '21Gi', '61Gi'],
    ['512Mi artifacts', { maxArtifactSize: '512Mi' }, '1536Mi', '2Gi'],
    ['given explicitly', { resources: { ephemeralStorageRequest: '8Gi', ephemeralStorageLimit: '30Gi' } }, '8Gi', '30Gi'],
  ])('ephemeral storage: %s', (_name, input, request, limit) => {
    const values = build(input);
    expect(values.resources.requests['ephemeral-storage']).toBe(request);
    expect(values.resources.limits['ephemeral-storage']).toBe(limit);
  });

  test('the ingress-nginx body size follows the largest artifact (nginx units are 1024-based)', () => {
    const ingress = { host: 'mlflow.example.com', tlsSecretName: 't' };
    const size = (input: Partial<MlflowValuesInput>) => build({ ingress, ...input }).ingress.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size'];
    expect(size({})).toBe('5g');
    expect(size({ maxArtifactSize: '1536Mi' })).toBe('1536m');
    expect(size({ maxArtifactSize: '20G' })).toBe('19531250k');
    expect(size({ ingress: { ...ingress, maxBodySize: '1g' } })).toBe('1g');
  });

  test('behind an ingress uvicorn trusts the forwarded headers of the private ranges, or of the given proxies', () => {
    const ingress = { host: 'mlflow.example.com', tlsSecretName: 't' };
    expect(build({ ingress }).extraEnvVars.FORWARDED_ALLOW_IPS).toBe('10.0.0.0/8,172.16.0.0/12,192.168.0.0/16');
    expect(build({ ingress: { ...ingress, trustedProxyCidrs: ['10.244.0.0/16', 'fd00::/8'] } }).extraEnvVars.FORWARDED_ALLOW_IPS).toBe('10.244.0.0/16,fd00::/8');
    expect(build().extraEnvVars.FORWARDED_ALLOW_IPS).toBeUndefined();
  });

  test('no image override: the chart image', () => {
    const values = build({ image: undefined, auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY] });
    expect(values.image).toBeUndefined();
    expect(values.podSecurityContext.runAsUser).toBe(1001);
  });

  test('image digest, pull policy, user and group', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const values = build({ image: { ...IMAGE, digest, pullPolicy: 'Always', runAsUser: 2000, runAsGroup: 3000 } });
    expect(values.image).toEqual({ repository: IMAGE.repository, tag: IMAGE.tag, digest, pullPolicy: 'Always' });
    expect(values.podSecurityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 3000 });
    expect(values.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000 });
    expect(values.extraDeploy[0].spec.template.spec.securityContext).toEqual(values.podSecurityContext);
  });
});

describe('service naming (mlflow.fullname)', () => {
  test.each([
    ['mlflow', 'mlflow'],
    ['team-mlflow-prod', 'team-mlflow-prod'],
    ['team', 'team-mlflow'],
  ])('release %s names the service %s', (release, service) => {
    expect(chartFullname(release)).toEqual({ name: service });
  });

  test('a token release name pins fullnameOverride', () => {
    const token = tok('release-name');
    expect(chartFullname(token)).toEqual({ name: token, override: token });
    expect(build({ releaseName: token }).fullnameOverride).toBe(token);
  });

  test('allowed hosts follow the service name, namespace, cluster domain and extras', () => {
    const values = build({ releaseName: 'team', namespace: 'ml', clusterDomain: 'corp.local', additionalAllowedHosts: ['mlflow.internal'] });
    expect(values.serverAllowedHosts).toEqual(allowedHostsFor('team-mlflow', 'ml', 'corp.local', undefined, ['mlflow.internal']));
    expect(values.serverAllowedHosts).toContain('team-mlflow.ml.svc.corp.local:80');
    expect(values.serverAllowedHosts).toContain('mlflow.internal');
  });
});

describe('environment variables MLflow never reads are never emitted', () => {
  const inputs: Partial<MlflowValuesInput>[] = [
    ...ALL_MODES.map((mode) => ({ auth: BINDINGS[mode] })),
    { backendStore: MlflowBackendStore.sqliteForDevelopment() },
    { artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA } },
    { artifactLocation: { ...LOCATION, hierarchicalNamespace: true } },
    { auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY], proxyMultipartUpload: true },
    { ingress: { host: 'mlflow.example.com', tlsSecretName: 't' } },
    // even when a caller passes them (the release rejects them; the builder drops them)
    { extraEnvVars: Object.fromEntries([...IGNORED_ENV_VARS, ...SECRET_ENV_VARS].map((k) => [k, 'x'])) },
  ];

  test.each(inputs.map((input, i) => [i, input] as const))('output %i', (_i, input) => {
    const { extraDeploy, ...values } = build(input);
    const json = JSON.stringify(values);
    // The migration job names PGUSER/PGPASSWORD only with a reference into the database secret.
    for (const env of extraDeploy.flatMap((job) => job.spec.template.spec.containers[0].env)) {
      if ((SECRET_ENV_VARS as readonly string[]).includes(env.name)) expect(Object.keys(env)).toEqual(['name', 'valueFrom']);
    }
    for (const name of [...IGNORED_ENV_VARS, ...SECRET_ENV_VARS]) {
      expect(Object.keys(values.extraEnvVars)).not.toContain(name);
      expect(json).not.toContain(name);
    }
    expect(IGNORED_ENV_VARS).toEqual(['AZURE_STORAGE_KEY', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_ENDPOINT', 'MLFLOW_ARTIFACT_ROOT']);
  });

  test('a harmless extra variable is kept, and ours win over a caller\'s', () => {
    const values = build({ extraEnvVars: { MLFLOW_SQLALCHEMYSTORE_POOL_SIZE: '10', PGSSLMODE: 'disable', UVICORN_TIMEOUT_KEEP_ALIVE: '5' } });
    expect(values.extraEnvVars.MLFLOW_SQLALCHEMYSTORE_POOL_SIZE).toBe('10');
    expect(values.extraEnvVars.PGSSLMODE).toBe('require');
    expect(values.extraEnvVars.UVICORN_TIMEOUT_KEEP_ALIVE).toBe('75');
  });

  test('every variable the builder sets from a prop is listed as managed (the release rejects it in extraEnvVars)', () => {
    const set = new Set<string>();
    for (const [, input] of VALUES_CASES) for (const key of Object.keys(buildValues(input).extraEnvVars)) set.add(key);
    expect([...set].sort()).toEqual(Object.keys(MANAGED_ENV_VARS).sort());
  });
});
