import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { CHART_DIR } from './chart-render';

/*
 * `helm template` of the vendored chart, for the render tests.
 *
 * Which helm: `HELM_BIN` when set; else a real `helm` on PATH (what users and release pipelines
 * have); else the stand-in `../shared/tools/bin/helm` beside the repository (our machines and CI:
 * the chart's templates rendered offline, see its README there). With none, the render tests
 * are skipped, and the run says so (__tests__/global-setup.ts). `MLFLOW_REQUIRE_HELM=1` (set by
 * .ci/run) turns a missing helm into a failure instead.
 */

const REPO_ROOT = path.resolve(__dirname, '../..');
const STAND_IN = path.resolve(REPO_ROOT, '..', 'shared', 'tools', 'bin', 'helm');
/** The Kubernetes version templates are rendered for (`.Capabilities.KubeVersion`): a supported AKS version. */
const KUBE_VERSION = 'v1.31.0';

/** The helm that renders the chart. */
export interface Helm {
  /** Absolute path of the executable. */
  readonly path: string;
  /** `real` (a helm binary) or `stand-in` (../shared/tools/bin/helm). */
  readonly kind: 'real' | 'stand-in';
  /** What `helm version --short` printed. */
  readonly version: string;
  /** One line for the test output. */
  readonly description: string;
}

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function versionOf(file: string): string | undefined {
  const out = spawnSync(file, ['version', '--short'], { encoding: 'utf8', timeout: 10_000 });
  if (out.status !== 0) return undefined;
  // `v3.16.2+g13654a5`, or the stand-in's `version.BuildInfo{Version:"v3.17.3-render", ...}`
  const m = /v\d+\.\d+\.\d+[^\s",}]*/.exec(out.stdout);
  return m ? m[0] : out.stdout.trim().split('\n')[0];
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

let found: Helm | null | undefined;

/** The helm to render with, or undefined when there is none (the render tests are then skipped). */
export function findHelm(): Helm | undefined {
  if (found !== undefined) return found ?? undefined;
  const candidates: [string | undefined, string][] = [
    [process.env.HELM_BIN, 'HELM_BIN'],
    [onPath('helm'), 'PATH'],
    [executable(STAND_IN) ? STAND_IN : undefined, 'beside the repository'],
  ];
  found = null;
  for (const [file, where] of candidates) {
    if (!file) continue;
    const version = versionOf(file);
    if (version === undefined) continue;
    const kind = file === STAND_IN || version.includes('-render') ? 'stand-in' : 'real';
    const shown = kind === 'stand-in' && file === STAND_IN ? '../shared/tools/bin/helm' : file;
    found = {
      path: file,
      kind,
      version,
      description: kind === 'real'
        ? `real helm ${version} (${shown}, from ${where})`
        : `the helm template stand-in ${shown} (${version}, no helm on PATH)`,
    };
    break;
  }
  return found ?? undefined;
}

let chartCopy: string | undefined;

/**
 * A temporary copy of the vendored chart that helm accepts offline: the chart lists three
 * subcharts (postgresql, mysql, minio; all disabled by their `condition`) whose archives are not
 * in `charts/`, and real helm refuses a chart whose `Chart.yaml` dependencies are missing. The
 * copy has no `dependencies` and no `Chart.lock`; a disabled subchart renders nothing either way.
 * `mutate` may change the copy's values.yaml defaults (for tests that prove a value is ours).
 */
export function renderableChart(mutateDefaults?: (defaults: any) => void): string {
  if (chartCopy === undefined || mutateDefaults) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-mlflow-azure-chart-'));
    fs.cpSync(CHART_DIR, dir, { recursive: true });
    // Writable (a checkout may keep the vendored files read-only), removed when the process ends.
    for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
      const full = path.join(dir, file);
      fs.chmodSync(full, fs.statSync(full).isDirectory() ? 0o755 : 0o644);
    }
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const chartYaml = path.join(dir, 'Chart.yaml');
    const chart = yaml.load(fs.readFileSync(chartYaml, 'utf8')) as Record<string, unknown>;
    delete chart.dependencies;
    fs.writeFileSync(chartYaml, yaml.dump(chart));
    fs.rmSync(path.join(dir, 'Chart.lock'), { force: true });
    if (mutateDefaults) {
      const valuesYaml = path.join(dir, 'values.yaml');
      const defaults = yaml.load(fs.readFileSync(valuesYaml, 'utf8'));
      mutateDefaults(defaults);
      fs.writeFileSync(valuesYaml, yaml.dump(defaults));
      return dir;
    }
    chartCopy = dir;
  }
  return chartCopy;
}

/** One rendered Kubernetes object. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
}

/** The result of `helm template`. */
export interface Rendered {
  readonly objects: K8sObject[];
  readonly stdout: string;
}

/** Options of {@link render}. */
export interface RenderOptions {
  readonly releaseName: string;
  readonly namespace: string;
  /** Another chart directory (e.g. with changed defaults). */
  readonly chartDir?: string;
}

/** `helm template <release> <chart> -n <ns> -f values.json --kube-version ...`; throws with helm's message on failure. */
export function render(helm: Helm, values: unknown, options: RenderOptions): Rendered {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-mlflow-azure-values-'));
  try {
    const file = path.join(dir, 'values.json');
    fs.writeFileSync(file, JSON.stringify(values));
    const args = ['template', options.releaseName, options.chartDir ?? renderableChart(), '-n', options.namespace, '-f', file, '--kube-version', KUBE_VERSION];
    const out = spawnSync(helm.path, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 2 ** 20 });
    if (out.status !== 0) throw new Error(`helm template failed (${helm.description}):\n${out.stderr || out.error?.message}`);
    const objects = yaml.loadAll(out.stdout).filter((o): o is K8sObject => o !== null && typeof o === 'object');
    return { objects, stdout: out.stdout };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
