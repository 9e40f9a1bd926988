import { findHelm } from './mlflow/helm';

/**
 * Says once, at the top of every test run, which helm renders the chart in the render tests, or
 * that they are skipped (never silently). With MLFLOW_REQUIRE_HELM=1 (.ci/run) a missing
 * renderer fails the run.
 */
export default function globalSetup(): void {
  const helm = findHelm();
  if (helm) {
    process.stdout.write(`\nchart render tests: ${helm.description}\n`);
    return;
  }
  const line = 'chart render tests SKIPPED: no helm on PATH (or HELM_BIN) and no ../shared/tools/bin/helm beside the repository; install helm 3 to run them';
  if (process.env.MLFLOW_REQUIRE_HELM === '1') throw new Error(`${line} (MLFLOW_REQUIRE_HELM=1 requires them)`);
  process.stdout.write(`\n${line}\n`);
}
