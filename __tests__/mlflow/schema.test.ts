import * as path from 'path';
import Ajv from 'ajv';
import * as yaml from 'js-yaml';
import { CHART_DIR, chartDefaults, coalesce, readReference, SCHEMA_PATH } from './chart-render';
import { buildValues, VALUES_CASES } from './fixtures';
import { MLFLOW_CHART } from '../../lib/mlflow/values';

describe('the vendored chart', () => {
  test('is the chart the library pins (version and appVersion), with its licence', () => {
    const chart = yaml.load(readReference(path.join(CHART_DIR, 'Chart.yaml'))) as { name: string; version: string; appVersion: string };
    expect({ name: chart.name, version: chart.version, appVersion: chart.appVersion })
      .toEqual({ name: MLFLOW_CHART.name, version: MLFLOW_CHART.version, appVersion: MLFLOW_CHART.appVersion });
    expect(readReference(path.join(CHART_DIR, 'LICENSE'))).toMatch(/^MIT License/);
    expect(path.basename(CHART_DIR)).toBe(`community-charts-mlflow-${MLFLOW_CHART.version}`);
  });
});

/*
 * Every emitted key must exist in the REAL chart schema (community-charts mlflow 1.11.5), which
 * has `additionalProperties: false` in most objects: one misspelt key fails the release.
 * Helm validates the chart's values.yaml coalesced with ours, so the test does the same.
 */

describe('chart values against the real values.schema.json (ajv, draft-07)', () => {
  let validate: Ajv.ValidateFunction;
  let defaults: unknown;

  beforeAll(() => {
    const schema = JSON.parse(readReference(SCHEMA_PATH));
    defaults = chartDefaults();
    validate = new Ajv({ allErrors: true }).compile(schema);
  });

  const check = (values: unknown) => {
    const ok = validate(coalesce(defaults, JSON.parse(JSON.stringify(values))));
    return ok ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`);
  };

  test('a missing reference file fails with a clear message (never a silent skip)', () => {
    expect(() => readReference(path.join(CHART_DIR, 'no-such-file.json'))).toThrow(/chart file .*no-such-file\.json is missing/);
  });

  test('the chart defaults themselves are valid (sanity)', () => {
    expect(check({})).toEqual([]);
  });

  test.each(VALUES_CASES)('%s', (_name, overrides) => {
    expect(check(buildValues(overrides))).toEqual([]);
  });

  test('the check can fail: misspelt or invented keys and wrong types are rejected', () => {
    const values = buildValues({}) as any;
    expect(check({ ...values, artifactRoot: { ...values.artifactRoot, azureBlob: { ...values.artifactRoot.azureBlob, storageAcount: 'x' } } })).not.toEqual([]);
    expect(check({ ...values, podLabels: { a: 'b' } })).not.toEqual([]);
    expect(check({ ...values, serviceAccount: { ...values.serviceAccount, automountServiceAccountToken: false } })).not.toEqual([]);
    expect(check({ ...values, replicaCount: '2' })).not.toEqual([]);
  });
});
