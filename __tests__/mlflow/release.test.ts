import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { basicSignIn, BINDINGS, IMAGE, LOCATION, NO_SIGN_IN, sensitiveVariable } from './fixtures';
import { AzureCloud } from '../../lib/core/cloud';
import { ArtifactAuthMode } from '../../lib/identity/binding';
import {
  MlflowBackendStore,
  MlflowIngressController,
  MlflowIngressTls,
  MlflowNamespace,
  MlflowRelease,
  MlflowReleaseProps,
  PostgresSslMode,
} from '../../lib/mlflow';
import { BasicAuthSignInOptions, EntraIdNewApplicationSignInOptions, EntraIdSignInOptions, MlflowPermission, MlflowSignIn } from '../../lib/signin';
import { errorOf, onlyResource, ref, resourcesOf, synthJson, testStack, warningsOf } from '../util';

function passwordVariable(stack: TerraformStack, id = 'db_password'): TerraformVariable {
  return new TerraformVariable(stack, id, { type: 'string', sensitive: true, nullable: false });
}

function baseProps(stack: TerraformStack, overrides: Partial<MlflowReleaseProps> = {}): MlflowReleaseProps {
  return {
    namespaceName: 'mlflow',
    artifactLocation: LOCATION,
    auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
    image: IMAGE,
    ...overrides,
    signIn: 'signIn' in overrides ? overrides.signIn : overrides.ingress ? basicSignIn(stack) : NO_SIGN_IN,
    backendStore: overrides.backendStore ?? MlflowBackendStore.postgres({
      host: 'pg-mlflow.postgres.database.azure.com',
      database: 'mlflow',
      user: 'mlflow',
      password: passwordVariable(stack).stringValue,
    }),
  };
}

function synthRelease(overrides: (stack: TerraformStack) => Partial<MlflowReleaseProps> = () => ({})) {
  const stack = testStack();
  const release = new MlflowRelease(stack, 'Mlflow', baseProps(stack, overrides(stack)));
  const synth = Testing.synth(stack);
  return { stack, release, synth, json: JSON.parse(synth) };
}

describe('MlflowRelease: the helm release', () => {
  const { synth, json, release } = synthRelease();

  test('pinned community chart, atomic, waits, cleans up on failure, in the given namespace', () => {
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'helm_release' }, {
      name: 'mlflow',
      chart: 'mlflow',
      repository: 'https://community-charts.github.io/helm-charts',
      version: '1.11.5',
      namespace: 'mlflow',
      create_namespace: false,
      atomic: true,
      wait: true,
      cleanup_on_fail: true,
      timeout: 600,
      max_history: 10,
    });
  });

  test('the values are one JSON document that names what the other resources and outputs are; no set, no set_sensitive', () => {
    const helm = onlyResource(json, 'helm_release');
    expect(helm.values).toHaveLength(1);
    expect(helm.set).toBeUndefined();
    expect(helm.set_sensitive).toBeUndefined();
    expect(helm.set_wo).toBeUndefined();
    const values = JSON.parse(helm.values[0]);
    // the chart reads the password from the secret this construct writes
    const secret = onlyResource(json, 'kubernetes_secret_v1');
    const { name, usernameKey, passwordKey } = values.backendStore.existingDatabaseSecret;
    expect(name).toBe(secret.metadata.name);
    expect(secret.data_wo[usernameKey]).toBe('mlflow');
    expect(secret.data_wo[passwordKey]).toBe('${var.db_password}');
    // the chart creates the service account the outputs name, with the binding's annotation
    expect(values.serviceAccount).toEqual({
      create: true,
      automount: false,
      name: release.serviceAccountName,
      annotations: { 'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555' },
    });
    expect(values.extraPodLabels).toEqual({ 'azure.workload.identity/use': 'true' });
    // MLflow accepts the Host of the in-cluster tracking URI
    expect(values.serverAllowedHosts).toContain(new URL(release.inClusterTrackingUri).host);
    expect(values.artifactRoot.azureBlob).toEqual({ enabled: true, container: 'mlflow', storageAccount: 'stmlflowtest01', path: 'artifacts' });
    expect(values.extraEnvVars).toMatchObject({ PGSSLMODE: 'require', UVICORN_TIMEOUT_KEEP_ALIVE: '75' });
    // The schema migration runs once per install/upgrade in a hook job, not in every pod.
    expect(values.backendStore.databaseMigration).toBe(false);
    expect(values.extraDeploy).toEqual([expect.objectContaining({ kind: 'Job', metadata: expect.objectContaining({ name: 'mlflow-db-migration' }) })]);
  });

  test('the database secret is written only through data_wo, and the release waits for it', () => {
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'kubernetes_secret_v1' }, {
      metadata: expect.objectContaining({ name: 'mlflow-database', namespace: 'mlflow' }),
      type: 'Opaque',
      data_wo: { username: 'mlflow', password: '${var.db_password}' },
      data_wo_revision: 1,
    });
    const secret = onlyResource(json, 'kubernetes_secret_v1');
    expect(secret.data).toBeUndefined();
    expect(secret.binary_data).toBeUndefined();
    expect(onlyResource(json, 'helm_release').depends_on).toEqual([`kubernetes_secret_v1.${resourcesOf(json, 'kubernetes_secret_v1')[0][0]}`]);
    expect(release.values.backendStore.existingDatabaseSecret).toEqual({ name: 'mlflow-database', usernameKey: 'username', passwordKey: 'password' });
  });

  test('the password appears nowhere but the write-only attribute', () => {
    expect(synth.match(/\$\{var\.db_password\}/g)).toHaveLength(1);
    expect(onlyResource(json, 'helm_release').values[0]).not.toContain('db_password');
  });

  test('Terraform >= 1.11 is required (write-only attributes)', () => {
    expect(json.terraform.required_version).toBe('>= 1.11.0');
  });

  test('outputs: service, service account, tracking URI', () => {
    expect(release.serviceName).toBe('mlflow');
    expect(release.servicePort).toBe(80);
    expect(release.serviceAccountName).toBe('mlflow');
    expect(release.namespaceName).toBe('mlflow');
    expect(release.inClusterTrackingUri).toBe('http://mlflow.mlflow.svc.cluster.local:80');
    expect(release.trackingUri).toBe(release.inClusterTrackingUri);
  });

  test('no warning for a production setup', () => {
    const { stack } = synthRelease();
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('MlflowRelease options', () => {
  test('several releases in one stack set required_version once, each with its own secret', () => {
    const stack = testStack();
    new MlflowRelease(stack, 'A', baseProps(stack, { releaseName: 'mlflow-a', namespaceName: 'team-a' }));
    new MlflowRelease(stack, 'B', { ...baseProps(stack, { backendStore: MlflowBackendStore.sqliteForDevelopment() }), releaseName: 'mlflow-b', namespaceName: 'team-b', backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'b', user: 'b', password: passwordVariable(stack, 'db_password_b').stringValue }) });
    const json = synthJson(stack);
    expect(json.terraform.required_version).toBe('>= 1.11.0');
    expect(resourcesOf(json, 'kubernetes_secret_v1').map(([, s]) => s.metadata.name).sort()).toEqual(['mlflow-a-database', 'mlflow-b-database']);
  });

  test('the namespace construct: the release references the created namespace (implicit dependency)', () => {
    const stack = testStack();
    const ns = new MlflowNamespace(stack, 'Ns', { name: 'mlflow' });
    const release = new MlflowRelease(stack, 'Mlflow', baseProps(stack, { namespaceName: ns.name }));
    const json = synthJson(stack);
    const nsRef = ref(stack, ns.name);
    expect(nsRef).toMatch(/^\$\{kubernetes_namespace_v1\.\w+\.metadata\[0\]\.name\}$/);
    expect(onlyResource(json, 'helm_release').namespace).toBe(nsRef);
    expect(onlyResource(json, 'kubernetes_secret_v1').metadata.namespace).toBe(nsRef);
    expect(onlyResource(json, 'helm_release').values[0]).toContain(`mlflow.${nsRef}.svc.cluster.local:80`);
    expect(ref(stack, release.inClusterTrackingUri)).toBe(`http://mlflow.${nsRef}.svc.cluster.local:80`);
  });

  test('SQLite for development: no secret, no Terraform version requirement, a warning', () => {
    const { json, stack, release } = synthRelease(() => ({ backendStore: MlflowBackendStore.sqliteForDevelopment() }));
    expect(resourcesOf(json, 'kubernetes_secret_v1')).toHaveLength(0);
    expect(json.terraform?.required_version).toBeUndefined();
    expect(onlyResource(json, 'helm_release').depends_on).toBeUndefined();
    expect(release.databaseSecret).toBeUndefined();
    expect(warningsOf(stack).join('\n')).toMatch(/SQLite .* lost when the pod is deleted/);
  });

  test('ingress: the tracking URI is the https ingress URL', () => {
    const { release } = synthRelease(() => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' } }));
    expect(release.trackingUri).toBe('https://mlflow.example.com');
    expect(release.values.serverAllowedHosts).toContain('mlflow.example.com');
  });

  test('plain HTTP ingress: http URL and a warning', () => {
    const { release, stack } = synthRelease(() => ({ ingress: { host: 'mlflow.example.com', allowInsecureHttp: true } }));
    expect(release.trackingUri).toBe('http://mlflow.example.com');
    expect(warningsOf(stack).join('\n')).toMatch(/allowInsecureHttp = true/);
  });

  test('release name, chart version and repository, timeout, service account, depends_on', () => {
    const { json, release, stack } = synthRelease((s) => ({
      releaseName: 'team',
      chartVersion: '1.12.0',
      chartRepository: 'oci://myregistry.azurecr.io/helm',
      timeoutSeconds: 900,
      serviceAccountName: 'mlflow-server',
      dependsOn: [new TerraformVariable(s, 'marker', {})],
    }));
    const helm = onlyResource(json, 'helm_release');
    expect(helm).toMatchObject({ name: 'team', version: '1.12.0', repository: 'oci://myregistry.azurecr.io/helm', timeout: 900 });
    expect(helm.depends_on).toContain('var.marker');
    expect(release.serviceName).toBe('team-mlflow');
    expect(release.values.serviceAccount.name).toBe('mlflow-server');
    expect(onlyResource(json, 'kubernetes_secret_v1').metadata.name).toBe('team-mlflow-database');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('password revision rolls the secret and the pods', () => {
    const { json, release } = synthRelease((s) => ({
      backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: passwordVariable(s, 'pw').stringValue, passwordRevision: 4 }),
    }));
    expect(onlyResource(json, 'kubernetes_secret_v1').data_wo_revision).toBe(4);
    expect(release.values.podAnnotations['cdktf-mlflow-azure/database-secret-revision']).toBe('4');
  });

  test('literal template sequences in values are escaped; tokens are not', () => {
    const { json } = synthRelease(() => ({
      ingress: { host: 'mlflow.example.com', tlsSecretName: 't', annotations: { 'example.com/snippet': 'x ${host} %{if}' } },
    }));
    const values = onlyResource(json, 'helm_release').values[0];
    expect(values).toContain('x $${host} %%{if}');
  });

  test('storage account name as a token resolves to a reference in the values', () => {
    const { json } = synthRelease((s) => ({
      artifactLocation: { ...LOCATION, accountName: new TerraformVariable(s, 'account', { type: 'string' }).stringValue },
    }));
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    expect(values.artifactRoot.azureBlob.storageAccount).toBe('${var.account}');
  });

  test('kubelet identity without a client id warns; automounting the API token warns', () => {
    const { identityClientId: _unused, ...kubelet } = BINDINGS[ArtifactAuthMode.KUBELET_IDENTITY];
    const { stack } = synthRelease(() => ({ auth: kubelet, automountServiceAccountToken: true }));
    const warnings = warningsOf(stack).join('\n');
    expect(warnings).toMatch(/auth.identityClientId is not set for the kubelet identity/);
    expect(warnings).toMatch(/automountServiceAccountToken = true/);
    expect(warningsOf(synthRelease(() => ({ auth: BINDINGS[ArtifactAuthMode.KUBELET_IDENTITY] })).stack)).toEqual([]);
  });

  test.each([PostgresSslMode.VERIFY_CA, PostgresSslMode.VERIFY_FULL])('sslMode %s: PGSSLMODE reaches MLflow and the migration job; no warning (nothing connects without it)', (sslMode) => {
    const { json, stack } = synthRelease((s) => ({
      backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: passwordVariable(s, 'pw').stringValue, sslMode }),
    }));
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    expect(values.extraEnvVars.PGSSLMODE).toBe(sslMode);
    expect(values.backendStore.databaseMigration).toBe(false);
    expect(values.extraDeploy[0].spec.template.spec.containers[0].env).toContainEqual({ name: 'PGSSLMODE', value: sslMode });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('the migration job runs within the helm timeout', () => {
    const { json } = synthRelease(() => ({ timeoutSeconds: 1200 }));
    const release = onlyResource(json, 'helm_release');
    expect(release.timeout).toBe(1200);
    expect(JSON.parse(release.values[0]).extraDeploy[0].spec.activeDeadlineSeconds).toBe(1200);
  });

  test('trusting every address as a proxy warns', () => {
    const { stack } = synthRelease(() => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', trustedProxyCidrs: ['0.0.0.0/0'] } }));
    expect(warningsOf(stack).join('\n')).toMatch(/ingress.trustedProxyCidrs lists a \/0 range/);
  });

  test('disabling the artifact proxy warns', () => {
    const { stack } = synthRelease(() => ({ disableArtifactProxy: true }));
    expect(warningsOf(stack).join('\n')).toMatch(/each needs Azure credentials/);
  });

  test('synthesis is deterministic', () => {
    const a = synthRelease(() => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't' } })).synth;
    const b = synthRelease(() => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't' } })).synth;
    expect(a).toBe(b);
  });
});

describe('MlflowRelease validation', () => {
  function errorFor(overrides: (stack: TerraformStack) => Partial<MlflowReleaseProps>): string {
    const stack = testStack();
    return errorOf(() => new MlflowRelease(stack, 'Mlflow', baseProps(stack, overrides(stack))));
  }

  test.each<[string, (stack: TerraformStack) => Partial<MlflowReleaseProps>, RegExp]>([
    ['release name longer than 53', () => ({ releaseName: 'a'.repeat(54) }), /releaseName = "a{54}": must be at most 53/],
    ['namespace not a DNS label', () => ({ namespaceName: 'ML_flow' }), /namespaceName = "ML_flow": must be a DNS-1123 label/],
    ['service account not a DNS subdomain', () => ({ serviceAccountName: 'Mlflow SA' }), /serviceAccountName = "Mlflow SA": must be a DNS-1123 subdomain/],
    ['chart version not semver', () => ({ chartVersion: 'latest' }), /chartVersion = "latest": must be a semantic version/],
    ['chart repository not https/oci', () => ({ chartRepository: 'http://charts.example.com' }), /chartRepository = "http:\/\/charts.example.com": must be an https:\/\/ or oci:\/\/ URL/],
    ['replicas below 1', () => ({ replicas: 0 }), /replicas = 0: must be a whole number from 1 to 1000/],
    ['SQLite with several replicas', () => ({ backendStore: MlflowBackendStore.sqliteForDevelopment(), replicas: 2 }), /replicas = 2: must be 1 with backendStore = sqliteForDevelopment\(\)/],
    ['autoscaling min above max', () => ({ autoscaling: { minReplicas: 5, maxReplicas: 2 } }), /autoscaling.minReplicas = 5: must not exceed autoscaling.maxReplicas \(2\)/],
    ['autoscaling with SQLite', () => ({ backendStore: MlflowBackendStore.sqliteForDevelopment(), autoscaling: { minReplicas: 1, maxReplicas: 2 } }), /autoscaling = .*: needs a database backend/],
    ['autoscaling with a raw URI', () => ({ artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA }, autoscaling: { minReplicas: 1, maxReplicas: 2 } }), /autoscaling = .*: needs the chart's artifactRoot.azureBlob/],
    ['ingress host not a DNS name', () => ({ ingress: { host: 'https://mlflow', tlsSecretName: 't' } }), /ingress.host = "https:\/\/mlflow": must be a fully qualified DNS name/],
    ['ingress without TLS', () => ({ ingress: { host: 'mlflow.example.com' } }), /ingress.tls = undefined: must be set \(MlflowIngressTls.certManager\(...\), .keyVaultCertificate\(...\) or .existingSecret\(name\), or ingress.tlsSecretName\), or set ingress.allowInsecureHttp: true/],
    ['ingress OTHER without class', () => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', controller: MlflowIngressController.OTHER }, networkPolicy: { allowedCidrs: ['10.1.0.0/24'] } }), /ingress.className = undefined: must be set with controller OTHER/],
    ['ingress body size', () => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', maxBodySize: '5 GB' } }), /ingress.maxBodySize = "5 GB": must be an nginx size such as 5g/],
    ['ingress body size unlimited', () => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', maxBodySize: '0' } }), /ingress.maxBodySize = "0": must not be 0 \(unlimited\): proxied uploads and downloads are staged in full in \/tmp.*raise maxArtifactSize instead/],
    ['ingress body size above the largest artifact', () => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', maxBodySize: '6g' } }), /ingress.maxBodySize = "6g": must not exceed maxArtifactSize \(5Gi\)/],
    ['trusted proxy not an address', () => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', trustedProxyCidrs: ['10.0.0.0/8', 'ingress-nginx'] } }), /ingress.trustedProxyCidrs\[1\] = "ingress-nginx": must be an IPv4 or IPv6 address or CIDR range/],
    ['no trusted proxy', () => ({ ingress: { host: 'mlflow.example.com', tlsSecretName: 't', trustedProxyCidrs: [] } }), /ingress.trustedProxyCidrs = \[\]: must list at least the ingress controller's addresses/],
    ['more workers than the memory limit fits', () => ({ workers: 4 }), /workers = 4: does not fit resources.memoryLimit \(2Gi\): each uvicorn worker needs about 512Mi plus 512Mi for the server process, so 4 workers need 2560Mi; raise resources.memoryLimit or lower workers \(at most 3\)/],
    ['a memory limit too small for one worker', () => ({ resources: { memoryLimit: '768Mi', memoryRequest: '512Mi' } }), /resources.memoryLimit = "768Mi": must be at least 1Gi \(one uvicorn worker/],
    ['memory not a quantity', () => ({ resources: { memoryLimit: '2 GB' } }), /resources.memoryLimit = "2 GB": must be a Kubernetes quantity such as 512Mi/],
    ['CPU not a quantity', () => ({ resources: { cpuRequest: 'half' } }), /resources.cpuRequest = "half": must be a Kubernetes CPU quantity/],
    ['memory request above the limit', () => ({ resources: { memoryRequest: '3Gi' } }), /resources.memoryRequest = "3Gi": must not exceed resources.memoryLimit \(2Gi\): Kubernetes rejects a request above its limit/],
    ['CPU request above the limit', () => ({ resources: { cpuRequest: '2', cpuLimit: '1500m' } }), /resources.cpuRequest = "2": must not exceed resources.cpuLimit \(1500m\)/],
    ['largest artifact not a quantity', () => ({ maxArtifactSize: '5GB' }), /maxArtifactSize = "5GB": must be a Kubernetes quantity/],
    ['largest artifact out of range', () => ({ maxArtifactSize: '2Ti' }), /maxArtifactSize = "2Ti": must be from 1Mi to 1Ti/],
    ['largest artifact as a token', (s) => ({ maxArtifactSize: new TerraformVariable(s, 'size', { type: 'string' }).stringValue }), /maxArtifactSize = <token>: must be a literal quantity/],
    ['ephemeral storage below the largest artifact', () => ({ resources: { ephemeralStorageLimit: '4Gi' } }), /resources.ephemeralStorageLimit = "4Gi": must be at least maxArtifactSize: proxied uploads and downloads are staged in full/],
    ['ephemeral storage request above the derived limit', () => ({ resources: { ephemeralStorageRequest: '12Gi' } }), /resources.ephemeralStorageRequest = "12Gi": must not exceed resources.ephemeralStorageLimit \(11Gi\)/],
    ['concurrent transfers out of range', () => ({ concurrentArtifactTransfers: 0 }), /concurrentArtifactTransfers = 0: must be a whole number from 1 to 64/],
    ['image user root', () => ({ image: { ...IMAGE, runAsUser: 0 } }), /image.runAsUser = 0: must be a whole number from 1 to 2147483647/],
    ['database host with a helm template', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: '{{ .Release.Name }}-pg', database: 'db', user: 'u', password: passwordVariable(s, 'p').stringValue }) }), /backendStore.postgres.host = "\{\{ .Release.Name \}\}-pg": must not contain "\{\{"/],
    ['artifact timeout not positive', () => ({ artifactTimeoutSeconds: 0 }), /artifactTimeoutSeconds = 0: must be a whole number from 1 to 86400/],
    ['keep-alive timeout not positive', () => ({ keepAliveTimeoutSeconds: -5 }), /keepAliveTimeoutSeconds = -5: must be a whole number from 1 to 7200/],
    ['helm timeout not positive', () => ({ timeoutSeconds: 0 }), /timeoutSeconds = 0: must be a whole number from 1 to 86400/],
    ['a token number', (s) => ({ workers: new TerraformVariable(s, 'w', { type: 'number' }).numberValue }), /workers = .*: must be a literal number/],
    ['literal database password', () => ({ backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: 'hunter2' }) }), /backendStore\.postgres\.password = "<literal, not shown>": must be a Terraform reference \(the value of a sensitive TerraformVariable without a default\), never a literal/],
    ['database password from a variable that is not sensitive', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: new TerraformVariable(s, 'plain_pw', { type: 'string' }).stringValue }) }), /backendStore\.postgres\.password = "var\.plain_pw": the variable "plain_pw" must be declared sensitive: true/],
    ['database password from a variable with a default', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: new TerraformVariable(s, 'default_pw', { type: 'string', sensitive: true, default: 'changeme' }).stringValue }) }), /backendStore\.postgres\.password = "var\.default_pw": the variable "default_pw" must have no default/],
    ['artifact path with ".."', () => ({ artifactLocation: { ...LOCATION, artifactPath: 'a/../b' } }), /artifactLocation\.artifactPath = "a\/\.\.\/b": must not contain "\.\." segments/],
    ['artifact path with "#"', () => ({ artifactLocation: { ...LOCATION, artifactPath: 'runs#1' } }), /artifactLocation\.artifactPath = "runs#1": must not contain "\\", "\?", "#" or "%"/],
    ['artifact path ending in "/"', () => ({ artifactLocation: { ...LOCATION, artifactPath: 'runs/' } }), /artifactLocation\.artifactPath = "runs\/": must not end with "\/"/],
    ['namespace other than the binding\'s', () => ({ namespaceName: 'team-b', auth: { ...BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY], namespaceName: 'team-a' } }), /namespaceName = "team-b": must equal auth\.namespaceName \("team-a"\): the auth binding is bound to that namespace/],
    ['service account other than the federated one', () => ({ serviceAccountName: 'mlflow-server', auth: { ...BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY], serviceAccountName: 'mlflow' } }), /serviceAccountName = "mlflow-server": must equal auth\.serviceAccountName \("mlflow"\): the workload identity is federated with that service account only/],
    ['default service account other than the federated one', () => ({ auth: { ...BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY], serviceAccountName: 'mlflow-server' } }), /serviceAccountName = "mlflow": must equal auth\.serviceAccountName \("mlflow-server"\)/],
    ['env var for the keep-alive', () => ({ extraEnvVars: { UVICORN_TIMEOUT_KEEP_ALIVE: '5' } }), /extraEnvVars\["UVICORN_TIMEOUT_KEEP_ALIVE"\] = "5": is set by this construct; use keepAliveTimeoutSeconds/],
    ['empty database host', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: '', database: 'db', user: 'u', password: passwordVariable(s, 'p').stringValue }) }), /backendStore.postgres.host = "": must not be empty/],
    ['database port out of range', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: 'pg', port: 70000, database: 'db', user: 'u', password: passwordVariable(s, 'p').stringValue }) }), /backendStore.postgres.port = 70000/],
    ['identity auth with the default image', () => ({ image: undefined }), /image = undefined: must be set with auth mode workload-identity: the chart's default image \(burakince\/mlflow\) lacks azure-identity.*community-charts\/helm-charts#423.*docker\/Dockerfile/],
    ['abfss with the default image', () => ({ image: undefined, artifactLocation: { ...LOCATION, hierarchicalNamespace: true } }), /image = undefined: must be set with auth mode workload-identity and hierarchicalNamespace: true \(abfss:\/\/\): the chart's default image \(burakince\/mlflow\) lacks azure-identity and azure-storage-file-datalake/],
    ['abfss with a key', () => ({ auth: BINDINGS[ArtifactAuthMode.CONNECTION_STRING], artifactLocation: { ...LOCATION, hierarchicalNamespace: true } }), /auth.mode = "connection-string": cannot authenticate abfss:\/\//],
    ['custom endpoint without a connection string', () => ({ artifactLocation: { ...LOCATION, usesCustomEndpoint: true } }), /auth.mode = "workload-identity": must be connection-string with a custom blob endpoint/],
    ['multipart upload without an account key', () => ({ proxyMultipartUpload: true }), /proxyMultipartUpload = true: needs an account-key binding.*mlflow\/mlflow#25974/],
    ['multipart upload without the proxy', () => ({ auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY], proxyMultipartUpload: true, disableArtifactProxy: true }), /proxyMultipartUpload = true: needs proxied artifact serving/],
    ['workload identity binding without the pod label', () => ({ auth: { ...BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY], podLabels: { 'azure.workload.identity/use': 'yes' } } }), /auth.podLabels\["azure.workload.identity\/use"\] = "yes": must be the string "true"/],
    ['workload identity binding without the client id', () => ({ auth: { ...BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY], serviceAccountAnnotations: {} } }), /client-id"\] = undefined: must be set for workload identity/],
    ['binding secret name invalid', () => ({ auth: { ...BINDINGS[ArtifactAuthMode.ACCOUNT_KEY], secretNamesForEnvFrom: ['Bad_Name'] } }), /auth.secretNamesForEnvFrom\[0\] = "Bad_Name": must be a DNS-1123 subdomain/],
    ['image digest invalid', () => ({ image: { ...IMAGE, digest: 'sha256:xyz' } }), /image.digest = "sha256:xyz": must be sha256:<64 lowercase hex digits>/],
    ['image pull policy invalid', () => ({ image: { ...IMAGE, pullPolicy: 'always' } }), /image.pullPolicy = "always": must be one of "IfNotPresent", "Always", "Never"/],
    ['image repository with a tag', () => ({ image: { ...IMAGE, repository: 'Registry/MLflow' } }), /image.repository = "Registry\/MLflow": must be an image repository/],
    ['image repository with its tag after a colon', () => ({ image: { ...IMAGE, repository: 'myregistry.azurecr.io/mlflow-azure:3.15.1' } }), /image.repository = "myregistry.azurecr.io\/mlflow-azure:3.15.1": must be an image repository .*no tag/],
    ['database host written as a URL', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: 'postgres://pg.example.com:5432', database: 'db', user: 'u', password: passwordVariable(s, 'p').stringValue }) }), /backendStore.postgres.host = "postgres:\/\/pg.example.com:5432": must be a host name .* or an IPv4 address, without scheme, port or path/],
    ['database name with a space', (s) => ({ backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'mlflow db', user: 'u', password: passwordVariable(s, 'p').stringValue }) }), /backendStore.postgres.database = "mlflow db": must be a PostgreSQL database name \(at most 63 letters, digits, "_", "\$" and "-", not starting with a digit\)/],
    ['storage account name invalid', () => ({ artifactLocation: { ...LOCATION, accountName: 'St-Mlflow' } }), /artifactLocation.accountName = "St-Mlflow": must be 3 to 24/],
    ['artifact URI not wasbs/abfss', () => ({ artifactLocation: { ...LOCATION, artifactUri: 'https://acct.blob.core.windows.net/c' } }), /artifactLocation.artifactUri = "https:\/\/acct.blob.core.windows.net\/c": must be a wasbs:\/\/ or abfss:\/\/ URI/],
    ['allowed host with a scheme', () => ({ additionalAllowedHosts: ['https://mlflow.example.com'] }), /additionalAllowedHosts\[0\] = "https:\/\/mlflow.example.com": must be a host/],
    ['env var MLflow never reads', () => ({ extraEnvVars: { AZURE_STORAGE_KEY: 'x' } }), /extraEnvVars\["AZURE_STORAGE_KEY"\] = "x": is not read by MLflow/],
    ['secret in a plain env var', () => ({ extraEnvVars: { AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountKey=abc' } }), /extraEnvVars\["AZURE_STORAGE_CONNECTION_STRING"\] = "<redacted>": carries a secret/],
    ['env var set by the construct', () => ({ extraEnvVars: { PGSSLMODE: 'disable' } }), /extraEnvVars\["PGSSLMODE"\] = "disable": is set by this construct; use backendStore sslMode/],
  ])('%s', (_name, overrides, message) => {
    const error = errorFor(overrides);
    expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 1 invalid prop:/);
    expect(error).toMatch(message);
  });

  test('image repositories with a registry port, nested paths or "__" pass; database hosts as names or addresses pass', () => {
    for (const repository of ['registry.local:5000/mlflow', 'myregistry.azurecr.io/ml/mlflow-azure', 'MyAcr.azurecr.io/mlflow-azure', 'localhost/ml__flow', 'mlflow']) {
      const stack = testStack();
      expect(() => new MlflowRelease(stack, 'Mlflow', baseProps(stack, { image: { ...IMAGE, repository } }))).not.toThrow();
    }
    for (const host of ['pg', 'mlflow-pg.postgres.database.azure.com', '10.0.0.4']) {
      const stack = testStack();
      expect(() => new MlflowRelease(stack, 'Mlflow', baseProps(stack, {
        backendStore: MlflowBackendStore.postgres({ host, database: 'db', user: 'u', password: passwordVariable(stack, 'p').stringValue }),
      }))).not.toThrow();
    }
  });

  test('a secret value never appears in an error', () => {
    const error = errorFor(() => ({ extraEnvVars: { AZURE_CLIENT_SECRET: 's3cr3t' } }));
    expect(error).not.toContain('s3cr3t');
    expect(errorFor(() => ({ backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: 'hunter2' }) }))).not.toContain('hunter2');
  });

  test('every problem is listed in one error', () => {
    const error = errorFor(() => ({ releaseName: 'a'.repeat(60), namespaceName: 'Bad', replicas: 0, image: undefined }));
    expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 4 invalid props:/);
    for (const prop of ['releaseName', 'namespaceName', 'replicas', 'image']) expect(error).toContain(`  - ${prop} = `);
  });

  test('the error names the construct path', () => {
    const stack = testStack();
    const outer = new Construct(stack, 'Platform');
    const error = errorOf(() => new MlflowRelease(outer, 'Mlflow', baseProps(stack, { replicas: 0 })));
    expect(error).toMatch(/^MlflowRelease at test\/Platform\/Mlflow: 1 invalid prop:\n {2}- replicas = 0: must be a whole number from 1 to 1000$/);
  });

  describe('the binding\'s namespace and service account', () => {
    const wi = BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY];
    const make = (build: (stack: TerraformStack) => Partial<MlflowReleaseProps>) => () => {
      const stack = testStack();
      return new MlflowRelease(stack, 'Mlflow', baseProps(stack, build(stack)));
    };

    test('equal literals pass', () => {
      expect(make(() => ({ namespaceName: 'team-a', serviceAccountName: 'mlflow-server', auth: { ...wi, namespaceName: 'team-a', serviceAccountName: 'mlflow-server' } }))).not.toThrow();
    });

    test('the same token passes; different tokens and token against literal are not compared', () => {
      expect(make((s) => {
        const ns = new MlflowNamespace(s, 'Ns', { name: 'team-a' });
        return { namespaceName: ns.name, auth: { ...wi, namespaceName: ns.name } };
      })).not.toThrow();
      expect(make((s) => ({
        namespaceName: new TerraformVariable(s, 'ns_a', { type: 'string' }).stringValue,
        auth: { ...wi, namespaceName: new TerraformVariable(s, 'ns_b', { type: 'string' }).stringValue },
      }))).not.toThrow();
      expect(make((s) => ({ auth: { ...wi, namespaceName: new TerraformVariable(s, 'ns', { type: 'string' }).stringValue, serviceAccountName: new TerraformVariable(s, 'sa', { type: 'string' }).stringValue } }))).not.toThrow();
    });

    test('a binding without names (e.g. built by hand) is not compared', () => {
      expect(make(() => ({ namespaceName: 'anything', serviceAccountName: 'any-sa', auth: wi }))).not.toThrow();
    });

    test('both mismatches are reported in one error', () => {
      const error = errorOf(make(() => ({ namespaceName: 'team-b', auth: { ...wi, namespaceName: 'team-a', serviceAccountName: 'mlflow-server' } })));
      expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 2 invalid props:/);
      expect(error).toContain('  - namespaceName = "team-b": must equal auth.namespaceName ("team-a")');
      expect(error).toContain('  - serviceAccountName = "mlflow": must equal auth.serviceAccountName ("mlflow-server")');
    });
  });

  test('tokens are not validated as literals', () => {
    const stack = testStack();
    const v = (id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
    expect(() => new MlflowRelease(stack, 'Mlflow', baseProps(stack, {
      namespaceName: v('ns'),
      serviceAccountName: v('sa'),
      artifactLocation: { accountName: v('acct'), containerName: v('container'), artifactPath: v('path') },
      ingress: { host: v('host'), tlsSecretName: v('tls') },
    }))).not.toThrow();
  });
});

describe('MlflowRelease validation: sign-in, network policy, ingress TLS', () => {
  const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  const CLIENT = '0b1e3a7c-5d2f-4e6a-9c8b-1a2b3c4d5e6f';
  const USERS = '11111111-1111-1111-1111-111111111111';
  const ADMINS = '22222222-2222-2222-2222-222222222222';
  const INGRESS = { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' };
  const REDIRECT = 'https://mlflow.internal.example.com/callback';
  const KV_CERTIFICATE = 'https://kv-ingress.vault.azure.net/certificates/mlflow';
  type Overrides = (stack: TerraformStack) => Partial<MlflowReleaseProps>;

  const secret = (stack: TerraformStack, id: string) => sensitiveVariable(stack, id).stringValue;
  const text = (stack: TerraformStack, id: string) => new TerraformVariable(stack, id, { type: 'string' }).stringValue;
  const list = (stack: TerraformStack, id: string) => new TerraformVariable(stack, id, { type: 'list(string)' }).listValue;
  const number = (stack: TerraformStack, id: string) => new TerraformVariable(stack, id, { type: 'number' }).numberValue;
  /** Entra ID with an existing application; valid with the default PostgreSQL tracking store and no ingress. */
  const entra = (stack: TerraformStack, options: Partial<EntraIdSignInOptions> = {}) => MlflowSignIn.entraId({
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: secret(stack, 'client_secret'),
    userGroupObjectIds: [USERS],
    adminGroupObjectIds: [ADMINS],
    redirectUri: REDIRECT,
    database: { database: 'mlflow_auth' },
    ...options,
  });
  const newApp = (options: Partial<EntraIdNewApplicationSignInOptions> = {}) => MlflowSignIn.entraIdWithNewApplication({
    userGroupObjectIds: [USERS],
    adminGroupObjectIds: [ADMINS],
    redirectUri: REDIRECT,
    database: { database: 'mlflow_auth' },
    ...options,
  });
  const basic = (stack: TerraformStack, options: Partial<BasicAuthSignInOptions> = {}) =>
    MlflowSignIn.basicAuth({ adminPassword: secret(stack, 'admin_password'), ...options });

  function errorFor(overrides: Overrides): string {
    const stack = testStack();
    return errorOf(() => new MlflowRelease(stack, 'Mlflow', baseProps(stack, overrides(stack))));
  }
  function make(overrides: Overrides): () => MlflowRelease {
    return () => {
      const stack = testStack();
      return new MlflowRelease(stack, 'Mlflow', baseProps(stack, overrides(stack)));
    };
  }

  describe('one rule per test: the error names the prop, the value and the rule', () => {
    test.each<[string, Overrides, RegExp]>([
      // sign-in: the choice
      ['sign-in missing, no ingress', () => ({ signIn: undefined }),
        /signIn = undefined: is required: choose how people and jobs sign in: MlflowSignIn\.entraId\(\{\.\.\.\}\) \(Entra ID single sign-on\), MlflowSignIn\.basicAuth\(\{\.\.\.\}\), or MlflowSignIn\.none\(\{ reason \}\) for a server only reached inside the cluster/],
      ['sign-in missing behind an ingress', () => ({ ingress: INGRESS, signIn: undefined }),
        /signIn = undefined: is required: ingress \(mlflow\.example\.com\) exposes MLflow, and MLflow has no sign-in of its own \(anyone who reaches it can read, change and delete every experiment and model\): give signIn: MlflowSignIn\.entraId/],
      ['no sign-in with an empty reason', () => ({ signIn: MlflowSignIn.none({ reason: ' ' }) }),
        /signIn\.reason = " ": is mandatory: a non-empty literal saying why MLflow may run without sign-in/],
      ['no sign-in with a reason that is a reference', (s) => ({ signIn: MlflowSignIn.none({ reason: text(s, 'why') }) }),
        /signIn\.reason = <token>: is mandatory: a non-empty literal/],
      ['no sign-in behind an ingress', () => ({ ingress: INGRESS, signIn: NO_SIGN_IN }),
        /signIn = "MlflowSignIn\.none\(\.\.\.\)": is not allowed while ingress \(mlflow\.example\.com\) exposes MLflow outside the cluster/],
      // sign-in: permissions
      ['MANAGE by default without the opt-in (basic auth)', (s) => ({ signIn: basic(s, { defaultPermission: MlflowPermission.MANAGE }) }),
        /signIn\.defaultPermission = "MANAGE": lets every signed-in user delete every experiment and model and change its permissions: use READ \(the default\) or NO_PERMISSIONS, or set signIn\.allowManageByDefault: true to accept it/],
      ['MANAGE by default without the opt-in (Entra ID)', (s) => ({ signIn: entra(s, { defaultPermission: MlflowPermission.MANAGE }) }),
        /signIn\.defaultPermission = "MANAGE": lets every signed-in user delete/],
      ['the MANAGE opt-in without MANAGE', (s) => ({ signIn: basic(s, { allowManageByDefault: true }) }),
        /signIn\.allowManageByDefault = true: applies only with defaultPermission: MANAGE/],
      ['a default permission that is not one', (s) => ({ signIn: basic(s, { defaultPermission: 'ALL' as MlflowPermission }) }),
        /signIn\.defaultPermission = "ALL": must be one of "NO_PERMISSIONS", "READ", "EDIT", "MANAGE"/],
      // sign-in: basic auth
      ['admin user name with a space', (s) => ({ signIn: basic(s, { adminUsername: 'ml admin' }) }),
        /signIn\.adminUsername = "ml admin": must be 1 to 64 letters, digits, "\.", "_", "@" and "-"/],
      ['literal admin password', () => ({ signIn: MlflowSignIn.basicAuth({ adminPassword: 'correct-horse-battery' }) }),
        /signIn\.adminPassword = "<literal, not shown>": must be a Terraform reference \(the value of a sensitive TerraformVariable without a default\), never a literal/],
      ['admin password missing (plain JavaScript)', () => ({ signIn: MlflowSignIn.basicAuth({} as BasicAuthSignInOptions) }),
        /signIn\.adminPassword = undefined: must be a Terraform reference/],
      ['admin password from a variable that is not sensitive', (s) => ({ signIn: MlflowSignIn.basicAuth({ adminPassword: text(s, 'plain_admin') }) }),
        /signIn\.adminPassword = "var\.plain_admin": the variable "plain_admin" must be declared sensitive: true/],
      ['secret revision 0', (s) => ({ signIn: basic(s, { secretRevision: 0 }) }),
        /signIn\.secretRevision = 0: must be a whole number from 1 to 9007199254740991/],
      ['secret revision as a reference', (s) => ({ signIn: basic(s, { secretRevision: number(s, 'revision') }) }),
        /signIn\.secretRevision = <token>: must be a literal number \(it is written into the helm values\)/],
      // sign-in: Entra ID secrets
      ['literal client secret', (s) => ({ signIn: entra(s, { clientSecret: 'sup3r-s3cret' }) }),
        /signIn\.clientSecret = "<literal, not shown>": must be a Terraform reference/],
      ['client secret revision 0', (s) => ({ signIn: entra(s, { clientSecretRevision: 0 }) }),
        /signIn\.clientSecretRevision = 0: must be a whole number from 1 to 9007199254740991/],
      ['client secret revision as a reference', (s) => ({ signIn: entra(s, { clientSecretRevision: number(s, 'revision') }) }),
        /signIn\.clientSecretRevision = <token>: must be a literal number \(it is written into the helm values\)/],
      ['literal Redis URL', (s) => ({ signIn: entra(s, { cacheRedisUrl: 'rediss://:k3y@cache.redis.cache.windows.net:6380/0' }) }),
        /signIn\.cacheRedisUrl = "<literal, not shown>": must be a Terraform reference/],
      ['literal sign-in database password', (s) => ({ signIn: entra(s, { database: { database: 'mlflow_auth', user: 'auth', password: 'hunter2-auth' } }) }),
        /signIn\.database\.password = "<literal, not shown>": must be a Terraform reference/],
      // sign-in: Entra ID ids
      ['tenant id not a GUID', (s) => ({ signIn: entra(s, { tenantId: 'contoso.onmicrosoft.com' }) }),
        /signIn\.tenantId = "contoso\.onmicrosoft\.com": must be a GUID \(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\)/],
      ['client id not a GUID', (s) => ({ signIn: entra(s, { clientId: 'mlflow-app' }) }),
        /signIn\.clientId = "mlflow-app": must be a GUID/],
      ['tenant id of a new application not a GUID', () => ({ signIn: newApp({ tenantId: 'contoso' }) }),
        /signIn\.tenantId = "contoso": must be a GUID/],
      ['owner not a GUID', () => ({ signIn: newApp({ ownerObjectIds: ['alice@contoso.com'] }) }),
        /signIn\.ownerObjectIds\[0\] = "alice@contoso\.com": must be a GUID/],
      ['user group by name', (s) => ({ signIn: entra(s, { userGroupObjectIds: ['mlflow-users'] }) }),
        /signIn\.userGroupObjectIds\[0\] = "mlflow-users": must be a GUID/],
      ['admin group by name', (s) => ({ signIn: entra(s, { adminGroupObjectIds: [ADMINS, 'mlflow-admins'] }) }),
        /signIn\.adminGroupObjectIds\[1\] = "mlflow-admins": must be a GUID/],
      ['role value with a space (groupsClaim roles)', (s) => ({ signIn: entra(s, { groupsClaim: 'roles', userGroupObjectIds: ['MLflow User'] }) }),
        /signIn\.userGroupObjectIds\[0\] = "MLflow User": must be a role value without spaces/],
      ['groups claim not a claim name', (s) => ({ signIn: entra(s, { groupsClaim: 'group claim' }) }),
        /signIn\.groupsClaim = "group claim": must be a claim name such as groups or roles/],
      ['no user group', (s) => ({ signIn: entra(s, { userGroupObjectIds: [] }) }),
        /signIn\.userGroupObjectIds = \[\]: must list at least one group: only members of these groups \(and the admin groups\) can sign in/],
      ['no admin group', (s) => ({ signIn: entra(s, { adminGroupObjectIds: [] }) }),
        /signIn\.adminGroupObjectIds = \[\]: must list at least one group: its members are the MLflow admins who grant permissions/],
      // sign-in: Entra ID URLs and names
      ['redirect URI missing without an ingress', (s) => ({ signIn: entra(s, { redirectUri: undefined }) }),
        /signIn\.redirectUri = undefined: is required without an ingress \(it is derived from the ingress host: https:\/\/<host>\/callback\)/],
      ['redirect URI over http', (s) => ({ signIn: entra(s, { redirectUri: 'http://mlflow.example.com/callback' }) }),
        /signIn\.redirectUri = "http:\/\/mlflow\.example\.com\/callback": must be an https:\/\/ URL \(or http:\/\/localhost\[:port\]\/\.\.\.\) ending in the plugin's callback path/],
      ['redirect URI without a path', (s) => ({ signIn: entra(s, { redirectUri: 'https://mlflow.example.com' }) }),
        /signIn\.redirectUri = "https:\/\/mlflow\.example\.com": must be an https:\/\/ URL/],
      ['issuer not https', (s) => ({ signIn: entra(s, { issuer: `http://login.microsoftonline.com/${TENANT}/v2.0` }) }),
        /signIn\.issuer = "http:\/\/login\.microsoftonline\.com\/[-0-9a-f]+\/v2\.0": must be an https:\/\/ URL, e\.g\. https:\/\/login\.microsoftonline\.com\/<tenant>\/v2\.0/],
      ['cloud that is not one', (s) => ({ signIn: entra(s, { cloud: 'azure' as AzureCloud }) }),
        /signIn\.cloud = "azure": must be one of "public", "china", "usgovernment"/],
      ['empty sign-in button label', (s) => ({ signIn: entra(s, { providerDisplayName: ' ' }) }),
        /signIn\.providerDisplayName = " ": must not be empty/],
      ['secret rotation of 0 days', () => ({ signIn: newApp({ secretRotationDays: 0 }) }),
        /signIn\.secretRotationDays = 0: must be a whole number from 1 to 730/],
      ['secret rotation beyond two years', () => ({ signIn: newApp({ secretRotationDays: 731 }) }),
        /signIn\.secretRotationDays = 731: must be a whole number from 1 to 730/],
      ['empty application name', () => ({ signIn: newApp({ displayName: '' }) }),
        /signIn\.displayName = "": must be 1 to 120 characters/],
      ['application name longer than 120', () => ({ signIn: newApp({ displayName: 'M'.repeat(121) }) }),
        /signIn\.displayName = "M{121}": must be 1 to 120 characters/],
      // sign-in: the user database
      ['Entra ID without its own database on PostgreSQL', (s) => ({ signIn: entra(s, { database: undefined }) }),
        /signIn\.database\.database = undefined: is required with a PostgreSQL tracking store: the name of the plugin's own database on that server \(it must exist and differ from the tracking database "mlflow"\)/],
      ['Entra ID sharing the tracking database', (s) => ({ signIn: entra(s, { database: { database: 'mlflow' } }) }),
        /signIn\.database\.database = "mlflow": must differ from the tracking database: the plugin and MLflow would share their schema version table \(mlflow-oidc-auth issue 76\)/],
      ['sign-in database user without a password', (s) => ({ signIn: basic(s, { database: { user: 'auth' } }) }),
        /signIn\.database\.password = undefined: give user and password together \(without them, the tracking store's are used\)/],
      ['sign-in database password without a user', (s) => ({ signIn: basic(s, { database: { password: secret(s, 'auth_password') } }) }),
        /signIn\.database\.user = undefined: give user and password together/],
      ['sign-in database name with a space', (s) => ({ signIn: basic(s, { database: { database: 'mlflow auth' } }) }),
        /signIn\.database\.database = "mlflow auth": must be a PostgreSQL database name/],
      ['sign-in database host with a path', (s) => ({ signIn: basic(s, { database: { host: 'pg/auth' } }) }),
        /signIn\.database\.host = "pg\/auth": must be a host name/],
      ['sign-in database port out of range', (s) => ({ signIn: basic(s, { database: { port: 0 } }) }),
        /signIn\.database\.port = 0: must be a whole number from 1 to 65535/],
      ['sign-in database port as a reference', (s) => ({ signIn: basic(s, { database: { port: number(s, 'port') } }) }),
        /signIn\.database\.port = <token>: must be a literal number \(it is written into the connection URL\)/],
      ['sign-in database user name with a space', (s) => ({ signIn: basic(s, { database: { user: 'auth user', password: secret(s, 'auth_password') } }) }),
        /signIn\.database\.user = "auth user": must be a PostgreSQL user name/],
      ['sign-in database with a SQLite tracking store', (s) => ({ backendStore: MlflowBackendStore.sqliteForDevelopment(), signIn: basic(s, { database: { database: 'users' } }) }),
        /signIn\.database = "\{\.\.\.\}": needs a PostgreSQL tracking store \(backendStore = MlflowBackendStore\.postgres\(\.\.\.\)\)/],
      // network policy
      ['"*" as ingress controller namespace', () => ({ networkPolicy: { ingressControllerNamespaces: ['*'] } }),
        /networkPolicy\.ingressControllerNamespaces\[0\] = "\*": would admit every namespace: list namespaces by name \(allowTrafficFromAllPods: true turns the policy off, and says so\)/],
      ['empty client namespace', () => ({ networkPolicy: { clientNamespaces: [''] } }),
        /networkPolicy\.clientNamespaces\[0\] = "": would admit every namespace/],
      ['client namespace not a DNS label', () => ({ networkPolicy: { clientNamespaces: ['jobs', 'Team_A'] } }),
        /networkPolicy\.clientNamespaces\[1\] = "Team_A": must be a DNS-1123 label/],
      ['ingress controller namespace not a DNS label', () => ({ networkPolicy: { ingressControllerNamespaces: ['ingress nginx'] } }),
        /networkPolicy\.ingressControllerNamespaces\[0\] = "ingress nginx": must be a DNS-1123 label/],
      ['client namespaces as a list reference', (s) => ({ networkPolicy: { clientNamespaces: list(s, 'namespaces') } }),
        /networkPolicy\.clientNamespaces = <token>: must be a list of literal items or string tokens, not a list token \(the network policy has one peer per item\)/],
      ['allowed range that is not one', () => ({ networkPolicy: { allowedCidrs: ['10.1.0.0/33'] } }),
        /networkPolicy\.allowedCidrs\[0\] = "10\.1\.0\.0\/33": must be an IPv4 or IPv6 address or CIDR range/],
      ['allowed range /0', () => ({ networkPolicy: { allowedCidrs: ['0.0.0.0/0'] } }),
        /networkPolicy\.allowedCidrs\[0\] = "0\.0\.0\.0\/0": would admit every address: give the ingress controller's or gateway's subnet/],
      ['allowed IPv6 range /0', () => ({ networkPolicy: { allowedCidrs: ['::/0'] } }),
        /networkPolicy\.allowedCidrs\[0\] = "::\/0": would admit every address/],
      ['allowed ranges as a list reference', (s) => ({ networkPolicy: { allowedCidrs: list(s, 'ranges') } }),
        /networkPolicy\.allowedCidrs = <token>: must be a list of literal items or string tokens, not a list token/],
      ['Application Gateway without its subnet', () => ({ ingress: { ...INGRESS, controller: MlflowIngressController.APPLICATION_GATEWAY } }),
        /networkPolicy\.allowedCidrs = undefined: must list the Application Gateway's subnet: the gateway reaches the pods from outside the cluster/],
      ['another controller without a source', () => ({ ingress: { ...INGRESS, controller: MlflowIngressController.OTHER, className: 'azure-alb-external' } }),
        /networkPolicy\.allowedCidrs = undefined: must list where the ingress controller reaches the pods from \(or give networkPolicy\.ingressControllerNamespaces\): it cannot be derived for controller OTHER/],
      ['egress rule without a port', () => ({ networkPolicy: { egress: { rules: [{ cidr: '10.2.0.0/24', ports: [] }] } } }),
        /networkPolicy\.egress\.rules\[0\]\.ports = \[\]: must list at least one port/],
      ['egress port out of range', () => ({ networkPolicy: { egress: { rules: [{ cidr: '10.2.0.0/24', ports: [443, 70000] }] } } }),
        /networkPolicy\.egress\.rules\[0\]\.ports\[1\] = 70000: must be a whole number from 1 to 65535/],
      ['egress range that is not one', () => ({ networkPolicy: { egress: { rules: [{ cidr: 'storage', ports: [443] }] } } }),
        /networkPolicy\.egress\.rules\[0\]\.cidr = "storage": must be an IPv4 or IPv6 address or CIDR range/],
      ['network policy options with allowTrafficFromAllPods', () => ({ allowTrafficFromAllPods: true, networkPolicy: { clientNamespaces: ['jobs'] } }),
        /networkPolicy = "\{\.\.\.\}": contradicts allowTrafficFromAllPods: true \(no network policy is created\)/],
      // ingress TLS
      ['TLS secret name and TLS together', () => ({ ingress: { ...INGRESS, tls: MlflowIngressTls.existingSecret('mlflow-tls') } }),
        /ingress\.tlsSecretName = "mlflow-tls": conflicts with ingress\.tls: give one \(tlsSecretName is MlflowIngressTls\.existingSecret\(name\)\)/],
      ['TLS with plain HTTP', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.existingSecret('mlflow-tls'), allowInsecureHttp: true } }),
        /ingress\.allowInsecureHttp = true: contradicts ingress\.tls/],
      ['existing secret without a name (plain JavaScript)', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.existingSecret(undefined as unknown as string) } }),
        /ingress\.tls\.secretName = undefined: is required for an existing secret/],
      ['existing secret name not a DNS subdomain', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.existingSecret('MLflow_TLS') } }),
        /ingress\.tls\.secretName = "MLflow_TLS": must be a DNS-1123 subdomain/],
      ['cert-manager secret name not a DNS subdomain', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod', secretName: 'Bad_Name' }) } }),
        /ingress\.tls\.secretName = "Bad_Name": must be a DNS-1123 subdomain/],
      ['cert-manager with both issuers', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod', issuer: 'team-ca' }) } }),
        /ingress\.tls\.clusterIssuer = "letsencrypt-prod": give exactly one of clusterIssuer \(a ClusterIssuer\) and issuer \(an Issuer in the release namespace\)/],
      ['cert-manager without an issuer', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({}) } }),
        /ingress\.tls\.clusterIssuer = undefined: give exactly one of clusterIssuer/],
      ['cert-manager issuer not a DNS subdomain', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ issuer: 'Team CA' }) } }),
        /ingress\.tls\.issuer = "Team CA": must be a DNS-1123 subdomain/],
      ['Key Vault certificate with ingress-nginx', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: KV_CERTIFICATE }) } }),
        /ingress\.tls = "MlflowIngressTls\.keyVaultCertificate\(\.\.\.\)": needs the application routing add-on \(controller: MlflowIngressController\.APP_ROUTING\), which syncs Key Vault certificates; controller is nginx/],
      ['Key Vault certificate with Application Gateway', () => ({
        ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.APPLICATION_GATEWAY, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: KV_CERTIFICATE }) },
        networkPolicy: { allowedCidrs: ['10.1.0.0/24'] },
      }), /ingress\.tls = "MlflowIngressTls\.keyVaultCertificate\(\.\.\.\)": needs the application routing add-on .*controller is application-gateway/],
      ['Key Vault secret URI instead of a certificate URI', () => ({
        ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: 'https://kv-ingress.vault.azure.net/secrets/mlflow' }) },
      }), /ingress\.tls\.certificateUri = "https:\/\/kv-ingress\.vault\.azure\.net\/secrets\/mlflow": must be a Key Vault certificate URI: https:\/\/<vault>\.vault\.azure\.net\/certificates\/<name>/],
      ['Key Vault certificate URI on another host', () => ({
        ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: 'https://kv-ingress.example.com/certificates/mlflow' }) },
      }), /ingress\.tls\.certificateUri = "https:\/\/kv-ingress\.example\.com\/certificates\/mlflow": must be a Key Vault certificate URI/],
    ])('%s', (_name, overrides, message) => {
      const error = errorFor(overrides);
      expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 1 invalid prop:/);
      expect(error).toMatch(message);
    });
  });

  describe('rules that come with another one', () => {
    test('SQLite sign-in with replicas: the release refuses the replicas, the sign-in refuses SQLite for several pods', () => {
      const error = errorFor((s) => ({ backendStore: MlflowBackendStore.sqliteForDevelopment(), replicas: 2, signIn: basic(s) }));
      expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 2 invalid props:/);
      expect(error).toContain('  - replicas = 2: must be 1 with backendStore = sqliteForDevelopment()');
      expect(error).toContain('  - signIn.database = undefined: must be PostgreSQL with replicas = 2: the sign-in users and permissions would be in a SQLite file in each pod; use MlflowBackendStore.postgres(...)');
    });

    test('SQLite sign-in with autoscaling: the same, for autoscaling', () => {
      const error = errorFor((s) => ({
        backendStore: MlflowBackendStore.sqliteForDevelopment(),
        autoscaling: { minReplicas: 1, maxReplicas: 3 },
        signIn: entra(s, { database: undefined }),
      }));
      expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 2 invalid props:/);
      expect(error).toMatch(/ {2}- autoscaling = .*: needs a database backend/);
      expect(error).toContain('  - signIn.database = undefined: must be PostgreSQL with autoscaling: the sign-in users and permissions would be in a SQLite file in each pod');
    });
  });

  test('all problems of one sign-in come in one error, the literal password not shown', () => {
    const error = errorFor(() => ({
      signIn: MlflowSignIn.basicAuth({ adminUsername: 'ml admin', adminPassword: 'correct-horse-battery', defaultPermission: MlflowPermission.MANAGE }),
    }));
    expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 3 invalid props:/);
    expect(error).toContain('  - signIn.defaultPermission = "MANAGE": lets every signed-in user delete');
    expect(error).toContain('  - signIn.adminUsername = "ml admin": must be 1 to 64');
    expect(error).toContain('  - signIn.adminPassword = "<literal, not shown>": must be a Terraform reference');
    expect(error).not.toContain('correct-horse-battery');
  });

  test('sign-in, network policy and TLS problems come in one error with the release\'s own', () => {
    const error = errorFor(() => ({
      replicas: 0,
      ingress: { ...INGRESS, tls: MlflowIngressTls.certManager({}) },
      signIn: NO_SIGN_IN,
      networkPolicy: { clientNamespaces: ['*'] },
    }));
    expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 5 invalid props:/);
    for (const prop of ['replicas', 'signIn', 'networkPolicy.clientNamespaces[0]', 'ingress.tlsSecretName', 'ingress.tls.clusterIssuer']) {
      expect(error).toContain(`  - ${prop} = `);
    }
  });

  test('no secret of the sign-in ever appears in an error', () => {
    const error = errorFor((s) => ({
      signIn: entra(s, {
        clientSecret: 'sup3r-s3cret',
        cacheRedisUrl: 'rediss://:r3dis-k3y@cache.redis.cache.windows.net:6380/0',
        database: { database: 'mlflow_auth', user: 'auth', password: 'hunter2-auth' },
      }),
    }));
    expect(error).toMatch(/^MlflowRelease at test\/Mlflow: 3 invalid props:/);
    for (const value of ['sup3r-s3cret', 'r3dis-k3y', 'hunter2-auth']) expect(error).not.toContain(value);
  });

  describe('what the rules accept', () => {
    test.each<[string, Overrides]>([
      ['role values with groupsClaim roles', (s) => ({ signIn: entra(s, { groupsClaim: 'roles', userGroupObjectIds: ['MLflow.User'], adminGroupObjectIds: ['MLflow.Admin'] }) })],
      ['MANAGE by default with the opt-in', (s) => ({ signIn: basic(s, { defaultPermission: MlflowPermission.MANAGE, allowManageByDefault: true }) })],
      ['redirect URI on localhost over http', (s) => ({ signIn: entra(s, { redirectUri: 'http://localhost:5000/callback' }) })],
      ['basic auth on PostgreSQL without a database (the tracking database)', (s) => ({ signIn: basic(s) })],
      ['Entra ID on SQLite without a database (SQLite in /tmp, one pod)', (s) => ({ backendStore: MlflowBackendStore.sqliteForDevelopment(), signIn: entra(s, { database: undefined }) })],
      ['a new application with its defaults behind an ingress', () => ({ ingress: INGRESS, signIn: newApp({ redirectUri: undefined }) })],
      ['no sign-in with a reason, no ingress', () => ({ signIn: NO_SIGN_IN })],
      ['cert-manager with an issuer only', () => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ issuer: 'team-ca' }) } })],
      ['a versioned Key Vault certificate with the application routing add-on', () => ({
        ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: `${KV_CERTIFICATE}/${'0a'.repeat(16)}` }) },
      })],
      ['Application Gateway with its subnet', () => ({ ingress: { ...INGRESS, controller: MlflowIngressController.APPLICATION_GATEWAY }, networkPolicy: { allowedCidrs: ['10.1.0.0/24'] } })],
      ['another controller with its namespace', () => ({ ingress: { ...INGRESS, controller: MlflowIngressController.OTHER, className: 'traefik' }, networkPolicy: { ingressControllerNamespaces: ['traefik'] } })],
      ['every pod, without network policy options', () => ({ allowTrafficFromAllPods: true })],
    ])('%s', (_name, overrides) => {
      expect(make(overrides)).not.toThrow();
    });
  });

  describe('tokens are not validated as literals', () => {
    test.each<[string, Overrides]>([
      ['Entra ID ids, URLs, names, claim and group items', (s) => ({
        signIn: entra(s, {
          tenantId: text(s, 'tenant'),
          clientId: text(s, 'client'),
          userGroupObjectIds: [text(s, 'users')],
          adminGroupObjectIds: [text(s, 'admins')],
          redirectUri: text(s, 'redirect'),
          issuer: text(s, 'issuer'),
          providerDisplayName: text(s, 'label'),
          groupsClaim: text(s, 'claim'),
        }),
      })],
      ['group lists as list references', (s) => ({ signIn: entra(s, { userGroupObjectIds: list(s, 'users'), adminGroupObjectIds: list(s, 'admins') }) })],
      ['the sign-in database', (s) => ({ signIn: entra(s, { database: { database: text(s, 'db'), host: text(s, 'host'), user: text(s, 'user'), password: secret(s, 'auth_password') } }) })],
      ['a new application\'s tenant, name and owner items', (s) => ({ signIn: newApp({ tenantId: text(s, 'tenant'), displayName: text(s, 'name'), ownerObjectIds: [text(s, 'owner')] }) })],
      ['a new application\'s owners as a list reference', (s) => ({ signIn: newApp({ ownerObjectIds: list(s, 'owners') }) })],
      ['the basic auth admin name', (s) => ({ signIn: basic(s, { adminUsername: text(s, 'admin') }) })],
      ['network policy namespace and range items, egress range', (s) => ({
        networkPolicy: {
          ingressControllerNamespaces: [text(s, 'controller_ns')],
          clientNamespaces: [text(s, 'client_ns')],
          allowedCidrs: [text(s, 'range')],
          egress: { rules: [{ cidr: text(s, 'egress_range'), ports: [443] }] },
        },
      })],
      ['an existing TLS secret', (s) => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.existingSecret(text(s, 'tls')) } })],
      ['cert-manager issuer and secret', (s) => ({ ingress: { host: 'mlflow.example.com', tls: MlflowIngressTls.certManager({ clusterIssuer: text(s, 'issuer'), secretName: text(s, 'tls') }) } })],
      ['a Key Vault certificate URI', (s) => ({
        ingress: { host: 'mlflow.example.com', controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: text(s, 'certificate') }) },
      })],
    ])('%s', (_name, overrides) => {
      expect(make(overrides)).not.toThrow();
    });
  });
});
