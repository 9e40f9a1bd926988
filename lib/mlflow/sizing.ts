import { Token } from 'cdktf';
import { formatBytes, parseQuantity } from '../core/quantity';

/**
 * How the MLflow pods are sized: worker processes from the memory limit, and ephemeral storage
 * from the largest artifact. Internal: not part of the jsii API.
 *
 * - **Workers.** `mlflow server` runs uvicorn with `--workers N`: N Python processes, each
 *   importing MLflow, Flask, FastAPI, SQLAlchemy and the Azure SDK (and a sign-in plugin), plus
 *   the supervisor. {@link MLFLOW_SIZING.workerMemory} per worker and
 *   {@link MLFLOW_SIZING.serverBaseMemory} for the rest must fit the memory limit, or the kernel
 *   kills a worker under load (OOMKilled, a 502 at the ingress). The default is what the memory
 *   limit fits, at most two per CPU of the CPU limit (requests are served from a thread pool in
 *   each worker; more processes than cores only add memory), between 1 and
 *   {@link MLFLOW_SIZING.maxDefaultWorkers}.
 * - **Ephemeral storage.** With proxied artifacts every upload is written in full to `/tmp` (an
 *   `emptyDir` without a size in the chart) before it goes to Blob Storage, and every download
 *   is fetched there in full before it is sent. Without an `ephemeral-storage` limit a large
 *   model fills the node's disk and the kubelet evicts whatever runs there. The request is one
 *   largest artifact plus {@link MLFLOW_SIZING.stagingBase} (logs, SQLite, Python's temp files);
 *   the limit is `concurrentArtifactTransfers` of them plus the same base: the pod is evicted
 *   (and restarted) only when more than that is staged at once.
 */
export const MLFLOW_SIZING = {
  /** Memory budget of one uvicorn worker process. */
  workerMemory: 512 * 2 ** 20,
  /** Memory of the uvicorn supervisor and headroom. */
  serverBaseMemory: 512 * 2 ** 20,
  /** The most workers the default picks (a larger explicit value is validated against memory). */
  maxDefaultWorkers: 8,
  /** Workers per core of the CPU limit that the default allows. */
  workersPerCpu: 2,
  /** The default when the limits are tokens (not known at synth). */
  workersWhenUnknown: 2,
  /** The largest artifact transferred through the server, by default. */
  maxArtifactSize: '5Gi',
  /** How many largest artifacts one pod stages at once, by default. */
  concurrentArtifactTransfers: 2,
  /** Ephemeral storage beyond the staged artifacts. */
  stagingBase: 2 ** 30,
} as const;

/** The most workers a memory limit fits; undefined when it is a token or malformed. */
export function maxWorkersFor(memoryLimit: string): number | undefined {
  if (Token.isUnresolved(memoryLimit)) return undefined;
  const bytes = parseQuantity(memoryLimit);
  if (bytes === undefined) return undefined;
  return Math.floor((bytes - MLFLOW_SIZING.serverBaseMemory) / MLFLOW_SIZING.workerMemory);
}

/** The default number of workers for the container's limits (see {@link MLFLOW_SIZING}). */
export function defaultWorkers(memoryLimit: string, cpuLimit: string): number {
  const byMemory = maxWorkersFor(memoryLimit);
  const cores = Token.isUnresolved(cpuLimit) ? undefined : parseQuantity(cpuLimit);
  if (byMemory === undefined && cores === undefined) return MLFLOW_SIZING.workersWhenUnknown;
  const byCpu = cores === undefined ? MLFLOW_SIZING.maxDefaultWorkers : Math.floor(cores * MLFLOW_SIZING.workersPerCpu);
  const n = Math.min(byMemory ?? MLFLOW_SIZING.maxDefaultWorkers, byCpu, MLFLOW_SIZING.maxDefaultWorkers);
  return Math.max(1, n);
}

/** The memory limit `workers` need, as a quantity (for error messages). */
export function memoryForWorkers(workers: number): string {
  return formatBytes(MLFLOW_SIZING.serverBaseMemory + workers * MLFLOW_SIZING.workerMemory);
}

/** Ephemeral storage request and limit for staging artifacts (see {@link MLFLOW_SIZING}). */
export function stagingStorage(maxArtifactSize: string, concurrentTransfers: number): { request: string; limit: string } {
  const largest = parseQuantity(maxArtifactSize);
  if (largest === undefined) return { request: maxArtifactSize, limit: maxArtifactSize };
  return {
    request: formatBytes(largest + MLFLOW_SIZING.stagingBase),
    limit: formatBytes(largest * concurrentTransfers + MLFLOW_SIZING.stagingBase),
  };
}
