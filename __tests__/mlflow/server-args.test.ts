import { chartDefaults, coalesce, optionValue, renderServerArgTail, serverArgProblems, shlexSplit } from './chart-render';
import { buildValues, VALUES_CASES } from './fixtures';
import { UVICORN_KEEP_ALIVE_ENV_VAR } from '../../lib/mlflow/values';

/*
 * chart 1.11.5 (templates/deployment.yaml lines 384-402) quotes `extraArgs.uvicornOpts` and
 * `gunicornOpts` when `log.enabled` (its default): `--uvicorn-opts='--log-level=info <ours>'`.
 * click passes the value with its quotes, MLflow `shlex.split`s it into ONE argument and uvicorn
 * rejects the log level "info <ours>" (CrashLoopBackOff). These tests render the arguments from
 * our values as the chart does and read them as click and MLflow do.
 */

const DEFAULTS = chartDefaults();
const rendered = (values: unknown) => renderServerArgTail(coalesce(DEFAULTS, JSON.parse(JSON.stringify(values))));

describe('mlflow server arguments rendered by the chart from our values', () => {
  test.each(VALUES_CASES)('%s: every argument is one option, and uvicorn gets only options it parses', (_name, overrides) => {
    const values = buildValues(overrides);
    const args = rendered(values);
    expect(serverArgProblems(args)).toEqual([]);
    // The chart's own log level option is the only uvicorn option, and it splits into one argument.
    expect(shlexSplit(optionValue(args, '--uvicorn-opts')!)).toEqual(['--log-level=info']);
    expect(optionValue(args, '--gunicorn-opts')).toBeUndefined();
    expect(Number.isInteger(Number(optionValue(args, '--workers')))).toBe(true);
  });

  test('the keep-alive reaches uvicorn through UVICORN_TIMEOUT_KEEP_ALIVE (click reads UVICORN_*), never through uvicornOpts', () => {
    const values = buildValues({ keepAliveTimeoutSeconds: 120, workers: 2 });
    expect(values.extraArgs).toEqual({ workers: '2' });
    expect(values.extraEnvVars[UVICORN_KEEP_ALIVE_ENV_VAR]).toBe('120');
    expect(UVICORN_KEEP_ALIVE_ENV_VAR).toBe('UVICORN_TIMEOUT_KEEP_ALIVE');
    expect(rendered(values)).toEqual(['--uvicorn-opts=\'--log-level=info\'', '--workers=2']);
    expect(buildValues().extraEnvVars[UVICORN_KEEP_ALIVE_ENV_VAR]).toBe('75');
  });
});

describe('the rendering and the checks can fail (they reproduce the chart)', () => {
  test('the former uvicornOpts value: one merged argument with an invalid log level', () => {
    const values = { ...buildValues(), extraArgs: { workers: '4', uvicornOpts: '--timeout-keep-alive=75' } };
    const args = rendered(values);
    expect(args).toEqual(['--uvicorn-opts=\'--log-level=info --timeout-keep-alive=75\'', '--workers=4']);
    expect(shlexSplit(optionValue(args, '--uvicorn-opts')!)).toEqual(['--log-level=info --timeout-keep-alive=75']);
    const problems = serverArgProblems(args);
    expect(problems.join('\n')).toMatch(/shlex\.split gives "--log-level=info --timeout-keep-alive=75", not one option/);
    expect(problems.join('\n')).toMatch(/--log-level "info --timeout-keep-alive=75" is not one of uvicorn's levels/);
  });

  test('gunicornOpts are quoted the same way; a log level already given is replaced', () => {
    expect(rendered({ extraArgs: { gunicornOpts: '--timeout 600' } })).toEqual(['--gunicorn-opts=\'--log-level=info --timeout 600\'']);
    expect(rendered({ extraArgs: { uvicornOpts: '--log-level=debug' } })).toEqual(['--uvicorn-opts=\'--log-level=info\'']);
    expect(serverArgProblems(rendered({ extraArgs: { gunicornOpts: '--timeout 600' } }))).not.toEqual([]);
  });

  test('with log.enabled false the chart renders --<kebab>=<value> without quotes', () => {
    const args = rendered({ log: { enabled: false }, extraArgs: { uvicornOpts: '--timeout-keep-alive=75', staticPrefix: '/mlflow' }, extraFlags: ['serveArtifacts'] });
    expect(args).toEqual(['--static-prefix=/mlflow', '--uvicorn-opts=--timeout-keep-alive=75', '--serve-artifacts']);
    expect(serverArgProblems(args)).toEqual([]);
  });

  test('a value with a space or a YAML-significant sequence is caught', () => {
    expect(serverArgProblems(rendered({ extraArgs: { workers: '4 8' } }))).toEqual([
      '--workers=4 8: the value carries whitespace or quotes, which reach mlflow server verbatim',
    ]);
    // ": " turns the plain YAML scalar into a map: not one string argument.
    expect(serverArgProblems(rendered({ extraArgs: { staticPrefix: 'a: b' } }))[0]).toMatch(/is not one string argument/);
  });

  test('shlexSplit follows Python shlex.split (POSIX)', () => {
    expect(shlexSplit('--a=1  --b="x y" \'--c=z w\' d\\ e')).toEqual(['--a=1', '--b=x y', '--c=z w', 'd e']);
    expect(shlexSplit('"a\\"b" \'\'')).toEqual(['a"b', '']);
    expect(() => shlexSplit('\'open')).toThrow(/No closing quotation/);
  });
});
