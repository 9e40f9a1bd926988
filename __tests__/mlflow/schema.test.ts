import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Token } from 'cdktf';
import * as yaml from 'js-yaml';
import { ALL_MODES, BINDINGS, IMAGE, LOCATION } from './fixtures';
import { AzureCloud } from '../../lib/core/cloud';
import { ArtifactAuthMode } from '../../lib/identity/binding';
import { MlflowBackendStore, MlflowIngressController } from '../../lib/mlflow';
import { buildMlflowValues, MlflowValuesInput } from '../../lib/mlflow/values';

/*
 * Every emitted key must exist in the REAL chart schema (community-charts mlflow 1.11.5), which
 * has `additionalProperties: false` in most objects: one misspelt key fails the release.
 * Helm validates the chart's values.yaml coalesced with ours, so the test does the same.
 */
const CHART_DIR = path.join(__dirname, '../../../shared/reference/mlflow-chart');
const SCHEMA_PATH = path.join(CHART_DIR, 'values.schema.json');
const DEFAULTS_PATH = path.join(CHART_DIR, 'values.yaml');

function readReference(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(
      `The MLflow chart reference file ${file} is missing: the schema test needs the chart's values.schema.json and values.yaml ` +
        '(community-charts mlflow 1.11.5) in shared/reference/mlflow-chart/ beside the repository.',
    );
  }
  return fs.readFileSync(file, 'utf8');
}

function parseYaml(text: string): unknown {
  return yaml.load(text);
}

/** Helm's coalescing of user values onto chart defaults: maps merge deeply, everything else replaces. */
function coalesce(defaults: unknown, values: unknown): unknown {
  if (isMap(defaults) && isMap(values)) {
    const out: Record<string, unknown> = { ...defaults };
    for (const [k, v] of Object.entries(values)) out[k] = k in defaults ? coalesce(defaults[k], v) : v;
    return out;
  }
  return values === undefined ? defaults : values;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const tok = (name: string) => Token.asString(Token.asAny(name));
const POSTGRES = MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: 'mlflow', user: 'mlflow', password: tok('pw') });

function build(overrides: Partial<MlflowValuesInput>) {
  return buildMlflowValues({
    artifactLocation: LOCATION,
    auth: BINDINGS[ArtifactAuthMode.WORKLOAD_IDENTITY],
    backendStore: POSTGRES,
    namespace: 'mlflow',
    image: IMAGE,
    ...overrides,
  });
}

const OUTPUTS: [string, Partial<MlflowValuesInput>][] = [
  ...ALL_MODES.map((mode): [string, Partial<MlflowValuesInput>] => [`auth ${mode}, postgres`, { auth: BINDINGS[mode] }]),
  ['sqlite, default image', { backendStore: MlflowBackendStore.sqliteForDevelopment(), image: undefined, auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY] }],
  ['ingress-nginx with TLS', { ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' } }],
  ['AGIC ingress', { ingress: { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls', controller: MlflowIngressController.APPLICATION_GATEWAY } }],
  ['other ingress, plain HTTP', { ingress: { host: 'mlflow.example.com', allowInsecureHttp: true, controller: MlflowIngressController.OTHER, className: 'azure-alb-external' } }],
  ['autoscaling', { autoscaling: { minReplicas: 2, maxReplicas: 5 }, replicas: 2 }],
  ['China cloud', { artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA } }],
  ['US Government cloud, proxy off', { artifactLocation: { ...LOCATION, cloud: AzureCloud.US_GOVERNMENT }, disableArtifactProxy: true }],
  ['abfss (hierarchical namespace)', { artifactLocation: { ...LOCATION, hierarchicalNamespace: true } }],
  ['multipart upload, digest, driver', {
    auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY],
    proxyMultipartUpload: true,
    image: { ...IMAGE, digest: `sha256:${'0'.repeat(64)}`, pullPolicy: 'Always' },
    backendStore: MlflowBackendStore.postgres({ host: 'pg', database: 'db', user: 'u', password: tok('pw'), driver: 'psycopg2', port: 6432 }),
  }],
  ['release team (service team-mlflow)', { releaseName: 'team' }],
  ['token release name (fullnameOverride)', { releaseName: tok('release') }],
];

describe('chart values against the real values.schema.json (ajv, draft-07)', () => {
  let validate: Ajv.ValidateFunction;
  let defaults: unknown;

  beforeAll(() => {
    const schema = JSON.parse(readReference(SCHEMA_PATH));
    defaults = parseYaml(readReference(DEFAULTS_PATH));
    validate = new Ajv({ allErrors: true }).compile(schema);
  });

  const check = (values: unknown) => {
    const ok = validate(coalesce(defaults, JSON.parse(JSON.stringify(values))));
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`);
  };

  test('a missing reference file fails with a clear message (never a silent skip)', () => {
    expect(() => readReference(path.join(CHART_DIR, 'no-such-file.json'))).toThrow(/reference file .*no-such-file\.json is missing/);
  });

  test('the chart defaults themselves are valid (sanity)', () => {
    expect(check({})).toEqual([]);
  });

  test.each(OUTPUTS)('%s', (_name, overrides) => {
    expect(check(build(overrides))).toEqual([]);
  });

  test('the check can fail: misspelt or invented keys and wrong types are rejected', () => {
    const values = build({}) as any;
    expect(check({ ...values, artifactRoot: { ...values.artifactRoot, azureBlob: { ...values.artifactRoot.azureBlob, storageAcount: 'x' } } })).not.toEqual([]);
    expect(check({ ...values, podLabels: { a: 'b' } })).not.toEqual([]);
    expect(check({ ...values, serviceAccount: { ...values.serviceAccount, automountServiceAccountToken: false } })).not.toEqual([]);
    expect(check({ ...values, replicaCount: '2' })).not.toEqual([]);
  });
});
