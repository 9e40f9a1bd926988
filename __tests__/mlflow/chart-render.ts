import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

/*
 * Test helpers that reproduce what the community-charts `mlflow` chart 1.11.5 does with our
 * values: Helm's coalescing onto the chart defaults, and the `mlflow server` arguments of
 * templates/deployment.yaml (lines 384-402: log level, extraArgs, extraFlags), then how click and
 * MLflow read them (mlflow/server/__init__.py: `shlex.split(uvicorn_opts)` into
 * `python -m uvicorn ...`). The real templates are rendered by helm in rendered.test.ts.
 */

/** The chart, vendored whole with its licence and provenance (vendor/README.md). */
export const CHART_DIR = path.join(__dirname, '../../vendor/community-charts-mlflow-1.11.5');
export const SCHEMA_PATH = path.join(CHART_DIR, 'values.schema.json');
export const DEFAULTS_PATH = path.join(CHART_DIR, 'values.yaml');

/** A file of the vendored chart; fails with a clear message when it is missing (never a silent skip). */
export function readReference(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(
      `The MLflow chart file ${file} is missing: the chart tests read the vendored chart ` +
        '(community-charts mlflow 1.11.5) in vendor/community-charts-mlflow-1.11.5/ (see vendor/README.md).',
    );
  }
  return fs.readFileSync(file, 'utf8');
}

/** The chart's values.yaml. */
export function chartDefaults(): unknown {
  return yaml.load(readReference(DEFAULTS_PATH));
}

/** Helm's coalescing of user values onto chart defaults: maps merge deeply, everything else replaces. */
export function coalesce(defaults: unknown, values: unknown): unknown {
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

/** sprig `kebabcase` for the camelCase keys of `extraArgs`/`extraFlags` (`uvicornOpts` -> `uvicorn-opts`). */
export function kebabcase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

/**
 * The tail of the MLflow container's `args` as chart 1.11.5 renders it (templates/deployment.yaml
 * lines 384-402), from coalesced values; each item is a plain YAML scalar (`- {{ ... }}`), parsed
 * back with a YAML parser as the API server would.
 *
 * ```
 * {{- if and .Values.log.enabled (not (hasKey .Values.extraArgs "gunicornOpts")) (not (hasKey .Values.extraArgs "uvicornOpts")) }}
 *   - {{ printf "--uvicorn-opts='--log-level=%s'" .Values.log.level }}
 * {{- range $key, $value := .Values.extraArgs }}          (Go ranges over a map in key order)
 *   uvicornOpts/gunicornOpts with log.enabled, with "--log-level": "--<x>-opts='<value, log level replaced>'"
 *   uvicornOpts/gunicornOpts with log.enabled, without it:        "--<x>-opts='--log-level=<level> <value>'"
 *   anything else:                                                 "--<kebab key>=<value>"
 * {{- range .Values.extraFlags }}  - --{{ kebabcase . }}
 * ```
 */
export function renderServerArgTail(values: any): string[] {
  const log = values.log ?? {};
  const extraArgs: Record<string, unknown> = values.extraArgs ?? {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(extraArgs, k);
  const lines: string[] = [];
  if (log.enabled && !has('gunicornOpts') && !has('uvicornOpts')) lines.push(`--uvicorn-opts='--log-level=${log.level}'`);
  for (const key of Object.keys(extraArgs).sort()) {
    const value = String(extraArgs[key]);
    const opts = key === 'uvicornOpts' ? 'uvicorn-opts' : key === 'gunicornOpts' ? 'gunicorn-opts' : undefined;
    if (log.enabled && opts !== undefined && value.includes('--log-level')) {
      lines.push(`--${opts}='${value.replace(/--log-level=[^\s]*/g, `--log-level=${log.level}`)}'`);
    } else if (log.enabled && opts !== undefined) {
      lines.push(`--${opts}='--log-level=${log.level} ${value}'`);
    } else {
      lines.push(`--${kebabcase(key)}=${value}`);
    }
  }
  for (const flag of values.extraFlags ?? []) lines.push(`--${kebabcase(String(flag))}`);
  const doc = `args:\n${lines.map((l) => `  - ${l}\n`).join('')}`;
  return ((yaml.load(doc) as { args?: unknown[] }).args ?? []) as string[];
}

/**
 * Python's `shlex.split(s)` (POSIX mode, no comments): what MLflow does with `--uvicorn-opts`
 * and `--gunicorn-opts` before appending the result to the server's command line.
 */
export function shlexSplit(s: string): string[] {
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (' \t\r\n'.includes(c)) {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
      i++;
      continue;
    }
    inToken = true;
    if (c === '\'') {
      const end = s.indexOf('\'', i + 1);
      if (end < 0) throw new Error('No closing quotation');
      token += s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error('No closing quotation');
        const d = s[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
          token += s[i + 1];
          i += 2;
        } else {
          token += d;
          i++;
        }
      }
    } else if (c === '\\') {
      if (i + 1 >= s.length) throw new Error('No escaped character');
      token += s[i + 1];
      i += 2;
    } else {
      token += c;
      i++;
    }
  }
  if (inToken) tokens.push(token);
  return tokens;
}

/** uvicorn's `--log-level` choices (uvicorn/config.py LOG_LEVELS). */
export const UVICORN_LOG_LEVELS = ['critical', 'error', 'warning', 'info', 'debug', 'trace'];

/** One option token: `--name` or `--name=value`, the value without whitespace or quotes. */
const ONE_OPTION = /^--[a-z][a-z0-9-]*(=[^\s'"]+)?$/;

/**
 * Problems of the `mlflow server` argument tail as click and MLflow read it: every argument
 * must be one `--name[=value]` string (click takes everything after the first "="); the value of
 * `--uvicorn-opts`/`--gunicorn-opts` is `shlex.split` and each resulting argument must again be
 * one option (not two merged into one, not quoted), with a log level uvicorn accepts.
 */
export function serverArgProblems(args: unknown[]): string[] {
  const problems: string[] = [];
  for (const arg of args) {
    if (typeof arg !== 'string') {
      problems.push(`${JSON.stringify(arg)} is not one string argument (YAML parsed it as ${typeof arg})`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? undefined : arg.slice(eq + 1);
    if (!/^--[a-z][a-z0-9-]*$/.test(name)) problems.push(`${arg}: not a --option`);
    if (value === undefined) continue;
    if (name === '--uvicorn-opts' || name === '--gunicorn-opts') {
      let split: string[];
      try {
        split = shlexSplit(value);
      } catch (e) {
        problems.push(`${arg}: shlex.split fails (${(e as Error).message})`);
        continue;
      }
      for (const opt of split) {
        if (!ONE_OPTION.test(opt)) problems.push(`${arg}: shlex.split gives ${JSON.stringify(opt)}, not one option`);
        const level = /^--log-level=(.*)$/s.exec(opt);
        if (level && !UVICORN_LOG_LEVELS.includes(level[1])) {
          problems.push(`${arg}: --log-level ${JSON.stringify(level[1])} is not one of uvicorn's levels`);
        }
      }
    } else if (/[\s'"]/.test(value)) {
      problems.push(`${arg}: the value carries whitespace or quotes, which reach mlflow server verbatim`);
    }
  }
  return problems;
}

/** The value click gives an option of `mlflow server` (`--name=value`), if present. */
export function optionValue(args: string[], name: string): string | undefined {
  const arg = args.find((a) => a.startsWith(`${name}=`));
  return arg === undefined ? undefined : arg.slice(name.length + 1);
}
