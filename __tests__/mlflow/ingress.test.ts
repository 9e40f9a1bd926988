import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { basicSignIn, BINDINGS, IMAGE, LOCATION } from './fixtures';
import { ArtifactAuthMode } from '../../lib/identity/binding';
import {
  MlflowBackendStore,
  MlflowIngress,
  MlflowIngressController,
  MlflowIngressTls,
  MlflowIngressTlsSource,
  MlflowRelease,
  MlflowReleaseProps,
} from '../../lib/mlflow';
import { ingressAnnotationsFor, ingressClassNameFor, ingressHasTls, ingressTlsFor } from '../../lib/mlflow/values';
import { onlyResource, testStack } from '../util';

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
    namespaceName: 'mlflow',
    artifactLocation: LOCATION,
    auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
    image: IMAGE,
    backendStore: MlflowBackendStore.sqliteForDevelopment(),
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
      namespaceName: 'mlflow',
      artifactLocation: LOCATION,
      auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
      image: IMAGE,
      backendStore: MlflowBackendStore.sqliteForDevelopment(),
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
