import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { basicSignIn, RELEASE_BASE } from './fixtures';
import {
  MlflowIngress,
  MlflowIngressController,
  MlflowIngressTls,
  MlflowIngressTlsSource,
  MlflowRelease,
  MlflowReleaseProps,
} from '../../lib/mlflow';
import { ingressAnnotationsFor, ingressClassNameFor, ingressHasTls, ingressTlsFor } from '../../lib/mlflow/values';
import { MlflowSignIn } from '../../lib/signin';
import { errorOf, onlyResource, testStack } from '../util';

const HOST = 'mlflow.example.com';
const KV_CERTIFICATE = 'https://kv-ingress.vault.azure.net/certificates/mlflow';
const NGINX_ANNOTATIONS = {
  'nginx.ingress.kubernetes.io/proxy-body-size': '5g',
  'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
  'nginx.ingress.kubernetes.io/proxy-send-timeout': '600',
  'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
  'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
};

/** A release behind the given ingress (basic auth sign-in); the values as helm gets them. */
function synthRelease(ingress: MlflowIngress, overrides: Partial<MlflowReleaseProps> = {}) {
  const stack: TerraformStack = testStack();
  const release = new MlflowRelease(stack, 'Mlflow', {
    ...RELEASE_BASE,
    signIn: basicSignIn(stack),
    ingress,
    ...overrides,
  });
  const json = JSON.parse(Testing.synth(stack));
  return { release, values: JSON.parse(onlyResource(json, 'helm_release').values[0]) };
}

describe('the application routing add-on', () => {
  const ingress: MlflowIngress = {
    host: HOST,
    controller: MlflowIngressController.APP_ROUTING,
    tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: KV_CERTIFICATE }),
  };

  test('its class, webapprouting.kubernetes.azure.com', () => {
    expect(ingressClassNameFor(ingress)).toBe('webapprouting.kubernetes.azure.com');
  });

  test('the ingress-nginx annotations (managed NGINX), and the Key Vault certificate annotation', () => {
    expect(ingressAnnotationsFor(ingress, 600, '5Gi', 'mlflow')).toEqual({
      ...NGINX_ANNOTATIONS,
      'kubernetes.azure.com/tls-cert-keyvault-uri': KV_CERTIFICATE,
    });
  });

  test('the release: class, annotations, and the TLS secret the add-on writes, keyvault-<fullname>', () => {
    const { values, release } = synthRelease(ingress, { releaseName: 'team' });
    expect(values.ingress).toEqual({
      enabled: true,
      className: 'webapprouting.kubernetes.azure.com',
      annotations: {
        ...NGINX_ANNOTATIONS,
        'kubernetes.azure.com/tls-cert-keyvault-uri': KV_CERTIFICATE,
      },
      hosts: [{ host: HOST, paths: [{ path: '/', pathType: 'Prefix' }] }],
      tls: [{ secretName: 'keyvault-team-mlflow', hosts: [HOST] }],
    });
    expect(release.trackingUri).toBe(`https://${HOST}`);
  });

  test('an existing secret with the add-on: no Key Vault annotation', () => {
    const existing = { host: HOST, controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.existingSecret('mlflow-tls') };
    expect(ingressAnnotationsFor(existing, 600)).toEqual(NGINX_ANNOTATIONS);
    expect(ingressTlsFor(existing, 'mlflow')).toEqual({ secretName: 'mlflow-tls', annotations: {} });
  });
});

describe('the class of each controller', () => {
  test.each<[MlflowIngressController | undefined, string | undefined]>([
    [undefined, 'nginx'],
    [MlflowIngressController.NGINX, 'nginx'],
    [MlflowIngressController.APP_ROUTING, 'webapprouting.kubernetes.azure.com'],
    [MlflowIngressController.APPLICATION_GATEWAY, 'azure-application-gateway'],
    [MlflowIngressController.OTHER, undefined],
  ])('controller %s: class %s', (controller, className) => {
    expect(ingressClassNameFor({ host: HOST, controller })).toBe(className);
  });

  test('a given class wins', () => {
    expect(ingressClassNameFor({ host: HOST, controller: MlflowIngressController.APP_ROUTING, className: 'nginx-internal' })).toBe('nginx-internal');
  });
});

describe('cert-manager', () => {
  test('a ClusterIssuer: its annotation, and the default secret <fullname>-tls', () => {
    expect(ingressTlsFor({ host: HOST, tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }) }, 'team-mlflow')).toEqual({
      secretName: 'team-mlflow-tls',
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    });
  });

  test('an Issuer in the release namespace: its annotation', () => {
    expect(ingressTlsFor({ host: HOST, tls: MlflowIngressTls.certManager({ issuer: 'team-ca' }) }, 'mlflow')).toEqual({
      secretName: 'mlflow-tls',
      annotations: { 'cert-manager.io/issuer': 'team-ca' },
    });
  });

  test('a given secret name wins', () => {
    expect(ingressTlsFor({ host: HOST, tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod', secretName: 'mlflow-cert' }) }, 'mlflow').secretName).toBe('mlflow-cert');
  });

  test('the release: ingress-nginx annotations with the issuer\'s, the TLS entry for the host, an https tracking URI', () => {
    const { values, release } = synthRelease({ host: HOST, tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }) });
    expect(values.ingress.className).toBe('nginx');
    expect(values.ingress.annotations).toEqual({ ...NGINX_ANNOTATIONS, 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(values.ingress.tls).toEqual([{ secretName: 'mlflow-tls', hosts: [HOST] }]);
    expect(release.trackingUri).toBe(`https://${HOST}`);
  });

  test('annotations given on the ingress win over the TLS source\'s', () => {
    const annotations = ingressAnnotationsFor({
      host: HOST,
      tls: MlflowIngressTls.certManager({ clusterIssuer: 'letsencrypt-prod' }),
      annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-staging' },
    }, 600);
    expect(annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-staging');
  });
});

describe('an existing secret', () => {
  test('MlflowIngressTls.existingSecret(name) and tlsSecretName give the same values', () => {
    const viaTls = synthRelease({ host: HOST, tls: MlflowIngressTls.existingSecret('mlflow-tls') }).values;
    const viaName = synthRelease({ host: HOST, tlsSecretName: 'mlflow-tls' }).values;
    expect(viaTls.ingress).toEqual(viaName.ingress);
    expect(viaTls.ingress.tls).toEqual([{ secretName: 'mlflow-tls', hosts: [HOST] }]);
    expect(viaTls.ingress.annotations).toEqual(NGINX_ANNOTATIONS);
  });

  test('the factories record their source', () => {
    expect(MlflowIngressTls.existingSecret('t').source).toBe(MlflowIngressTlsSource.EXISTING_SECRET);
    expect(MlflowIngressTls.certManager({ issuer: 'i' }).source).toBe(MlflowIngressTlsSource.CERT_MANAGER);
    expect(MlflowIngressTls.keyVaultCertificate({ certificateUri: KV_CERTIFICATE }).source).toBe(MlflowIngressTlsSource.KEY_VAULT);
  });
});

describe('the tracking URI', () => {
  test.each<[string, MlflowIngress]>([
    ['tlsSecretName', { host: HOST, tlsSecretName: 'mlflow-tls' }],
    ['an existing secret', { host: HOST, tls: MlflowIngressTls.existingSecret('mlflow-tls') }],
    ['cert-manager', { host: HOST, tls: MlflowIngressTls.certManager({ issuer: 'team-ca' }) }],
    ['a Key Vault certificate', { host: HOST, controller: MlflowIngressController.APP_ROUTING, tls: MlflowIngressTls.keyVaultCertificate({ certificateUri: KV_CERTIFICATE }) }],
  ])('is https with %s, and the ingress redirects to https', (_name, ingress) => {
    const { release, values } = synthRelease(ingress);
    expect(ingressHasTls(ingress)).toBe(true);
    expect(release.trackingUri).toBe(`https://${HOST}`);
    expect(values.ingress.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('true');
  });

  test('is http without TLS (allowInsecureHttp), with no redirect and no TLS entry', () => {
    const ingress = { host: HOST, allowInsecureHttp: true };
    const { release, values } = synthRelease(ingress);
    expect(ingressHasTls(ingress)).toBe(false);
    expect(release.trackingUri).toBe(`http://${HOST}`);
    expect(values.ingress.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('false');
    expect(values.ingress.tls).toEqual([]);
  });
});

describe('trusted proxies from a list(string) variable', () => {
  test('a local joins the list in Terraform and uvicorn\'s FORWARDED_ALLOW_IPS reads it (it failed at synth before)', () => {
    const stack: TerraformStack = testStack();
    const proxies = new TerraformVariable(stack, 'proxies', { type: 'list(string)' });
    new MlflowRelease(stack, 'Mlflow', {
      ...RELEASE_BASE,
      signIn: basicSignIn(stack),
      ingress: { host: HOST, tls: MlflowIngressTls.existingSecret('mlflow-tls'), trustedProxyCidrs: proxies.listValue },
    });
    const json = JSON.parse(Testing.synth(stack));
    const locals = Object.entries<string>(json.locals);
    const join = locals.find(([, v]) => v === '${join(",", var.proxies)}');
    expect(join).toBeDefined();
    const values = JSON.parse(onlyResource(json, 'helm_release').values[0]);
    expect(values.extraEnvVars.FORWARDED_ALLOW_IPS).toBe(`\${local.${join![0]}}`);
  });
});

describe('Gateway API: an HTTPRoute on the platform\'s Gateway', () => {
  const GATEWAY = { name: 'public', namespaceName: 'gateways', sectionName: 'https' };
  const gatewayIngress: MlflowIngress = { host: HOST, controller: MlflowIngressController.GATEWAY_API, gateway: GATEWAY };

  test('no Ingress: the chart\'s ingress is off and the route is an extra manifest of the release', () => {
    const { values } = synthRelease(gatewayIngress);
    expect(values.ingress).toEqual({ enabled: false });
    const routes = values.extraDeploy.filter((m: any) => m.kind === 'HTTPRoute');
    expect(routes).toHaveLength(1);
  });

  test('the route: the host on the Gateway\'s HTTPS listener, every path to the MLflow service, no request timeout (it would cut long downloads)', () => {
    const { values, release } = synthRelease(gatewayIngress);
    const route = values.extraDeploy.find((m: any) => m.kind === 'HTTPRoute');
    expect(route).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'mlflow', labels: { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/instance': 'mlflow', 'app.kubernetes.io/part-of': 'mlflow' } },
      spec: {
        parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateways', sectionName: 'https' }],
        hostnames: [HOST],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: release.serviceName, port: release.servicePort }],
          timeouts: { request: '0s' },
        }],
      },
    });
  });

  test('a request timeout when asked for; annotations go on the route', () => {
    const { values } = synthRelease({ ...gatewayIngress, requestTimeoutSeconds: 7200, annotations: { 'example.com/team': 'ml' } }, { artifactTimeoutSeconds: 1800 });
    const route = values.extraDeploy.find((m: any) => m.kind === 'HTTPRoute');
    expect(route.spec.rules[0].timeouts).toEqual({ request: '7200s' });
    expect(route.metadata.annotations).toEqual({ 'example.com/team': 'ml' });
  });

  test('uvicorn\'s keep-alive outlasts the gateways\' one-hour upstream idle timeout (75 s behind an ingress)', () => {
    expect(synthRelease(gatewayIngress).values.extraEnvVars.UVICORN_TIMEOUT_KEEP_ALIVE).toBe('3660');
    expect(synthRelease(gatewayIngress, { keepAliveTimeoutSeconds: 4000 }).values.extraEnvVars.UVICORN_TIMEOUT_KEEP_ALIVE).toBe('4000');
    expect(synthRelease({ host: HOST, tlsSecretName: 'mlflow-tls' }).values.extraEnvVars.UVICORN_TIMEOUT_KEEP_ALIVE).toBe('75');
  });

  test('behind the gateway: the host in MLflow\'s allowed hosts, forwarded headers trusted from the proxies, an https tracking URI', () => {
    const { values, release } = synthRelease(gatewayIngress);
    expect(values.serverAllowedHosts).toContain(HOST);
    expect(values.extraEnvVars.FORWARDED_ALLOW_IPS).toBe('10.0.0.0/8,172.16.0.0/12,192.168.0.0/16');
    expect(release.trackingUri).toBe(`https://${HOST}`);
  });

  test('a route exposes MLflow: without sign-in it fails at synth', () => {
    const error = errorOf(() => synthRelease(gatewayIngress, { signIn: MlflowSignIn.none({ reason: 'test' }) }));
    expect(error).toMatch(/signIn = "MlflowSignIn\.none\(\.\.\.\)": is not allowed while ingress \(mlflow\.example\.com\) exposes MLflow outside the cluster/);
  });

  describe('bad input, all in one error', () => {
    const errorFor = (ingress: MlflowIngress) => errorOf(() => synthRelease(ingress));

    test('the Gateway is required with GATEWAY_API', () => {
      const error = errorFor({ host: HOST, controller: MlflowIngressController.GATEWAY_API });
      expect(error).toMatch(/1 invalid prop:\n\s+- ingress\.gateway = undefined: is required with controller GATEWAY_API/);
    });

    test('a Gateway with another controller does nothing, and says so', () => {
      expect(errorFor({ host: HOST, tlsSecretName: 'mlflow-tls', gateway: GATEWAY }))
        .toMatch(/ingress\.gateway = \{"name":"public",[^\n]*\}: is only for controller: MlflowIngressController\.GATEWAY_API/);
    });

    test('the listener is required: without it the route would take plain HTTP listeners too', () => {
      const gateway = { name: 'public', namespaceName: 'gateways' } as MlflowIngress['gateway'];
      expect(errorFor({ ...gatewayIngress, gateway })).toMatch(/ingress\.gateway\.sectionName = undefined: is required: the Gateway's HTTPS listener/);
    });

    test('a request timeout is 0 or at least the artifact timeout, a whole number, and only for GATEWAY_API', () => {
      for (const bad of [-1, 1.5, 60, 86401]) {
        expect(errorFor({ ...gatewayIngress, requestTimeoutSeconds: bad })).toMatch(new RegExp(`ingress\\.requestTimeoutSeconds = ${bad}: must be 0 \\(off\\) or a whole number of seconds from artifactTimeoutSeconds \\(600\\)`));
      }
      expect(() => synthRelease({ ...gatewayIngress, requestTimeoutSeconds: 0 })).not.toThrow();
      expect(errorFor({ host: HOST, tlsSecretName: 'mlflow-tls', requestTimeoutSeconds: 900 })).toMatch(/ingress\.requestTimeoutSeconds = 900: is only for controller GATEWAY_API/);
    });

    test('route annotations cannot carry helm template syntax (the chart renders extra manifests through tpl)', () => {
      expect(errorFor({ ...gatewayIngress, annotations: { 'example.com/x': '{{ .Release.Name }}' } })).toMatch(/ingress\.annotations\["example\.com\/x"\] = "\{\{ \.Release\.Name \}\}": must not contain "\{\{"/);
    });

    test('the Gateway\'s names are Kubernetes names', () => {
      const error = errorFor({ ...gatewayIngress, gateway: { name: 'Public_GW', namespaceName: 'gate.ways', sectionName: 'HTTPS' } });
      expect(error).toMatch(/ingress\.gateway\.name = "Public_GW"/);
      expect(error).toMatch(/ingress\.gateway\.namespaceName = "gate\.ways"/);
      expect(error).toMatch(/ingress\.gateway\.sectionName = "HTTPS"/);
    });

    test('TLS, class and body size are the Gateway\'s: each is refused by name', () => {
      const error = errorFor({
        ...gatewayIngress,
        tls: MlflowIngressTls.existingSecret('mlflow-tls'),
        tlsSecretName: 'mlflow-tls',
        allowInsecureHttp: true,
        className: 'nginx',
        maxBodySize: '5g',
      });
      for (const prop of ['ingress.tls', 'ingress.tlsSecretName', 'ingress.allowInsecureHttp', 'ingress.className', 'ingress.maxBodySize']) {
        expect(error).toMatch(new RegExp(`${prop.replace('.', '\\.')}( = [^:]+)?: does not apply with controller GATEWAY_API`));
      }
    });

    test('no trusted proxies at all is refused as for an ingress', () => {
      expect(errorFor({ ...gatewayIngress, trustedProxyCidrs: [] })).toMatch(/ingress\.trustedProxyCidrs = \[\]: must list at least the gateway proxies/);
    });
  });
});
