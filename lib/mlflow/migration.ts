import { MlflowChartPodSecurityContext, MlflowChartSecurityContext } from './chart-values';

/**
 * The schema migration of a PostgreSQL backend store, as a helm hook job. Internal: not part of
 * the jsii API.
 *
 * Why not the chart's `backendStore.databaseMigration` init container (chart 1.11.5):
 * - it gets neither `extraEnvVars` nor `extraSecretNamesForEnvFrom`, so `PGSSLMODE` never
 *   reaches it and libpq connects with its default `prefer` (no certificate check; plain text
 *   when the server allows it);
 * - it runs in every pod: on a first install (or an upgrade with `maxSurge: 100%`) every replica
 *   migrates the same database at once.
 *
 * The job runs once, before the pods of an install or an upgrade (`pre-install,pre-upgrade`, after
 * the chart's flask secret hook), with the server's image, `PGSSLMODE` and the database
 * credentials from the release's write-only secret. It does what the chart's `migrations.py` does:
 * create the tables of an empty database, then upgrade the schema to the image's MLflow version
 * (`mlflow.store.db.utils._initialize_tables`). Helm waits for it; a failure fails the release
 * (and `atomic` rolls it back). A succeeded job is deleted; a failed one stays until the next
 * attempt, for `kubectl logs`.
 *
 * Its pod carries none of the server's selector labels, so the Service never routes to it, and it
 * mounts no service account token.
 */
export interface MigrationJobInput {
  /** The chart's full name (the Service and Deployment name). */
  readonly fullname: string;
  /** The helm release name. */
  readonly releaseName: string;
  /** PostgreSQL host, port and database (plain settings). */
  readonly host: string;
  readonly port: number;
  readonly database: string;
  /** SQLAlchemy driver, e.g. `psycopg2` (none: SQLAlchemy's default). */
  readonly driver?: string;
  /** libpq `sslmode`. */
  readonly sslMode: string;
  /** The secret with the database user and password, and its keys. */
  readonly secretName: string;
  readonly usernameKey: string;
  readonly passwordKey: string;
  /** Pod annotations (the database secret revision). */
  readonly podAnnotations: { [key: string]: string };
  /** Security contexts of the server pod and container (the job uses the same). */
  readonly podSecurityContext: MlflowChartPodSecurityContext;
  readonly securityContext: MlflowChartSecurityContext;
  /** Seconds the job may run (the helm timeout: helm gives up then anyway). */
  readonly activeDeadlineSeconds: number;
}

/** Labels and hook annotations of the migration job, for docs and tests. */
export const MIGRATION_JOB = {
  suffix: 'db-migration',
  component: 'db-migration',
  hook: 'pre-install,pre-upgrade',
  /** After the chart's flask secret hook (weight 0). */
  hookWeight: '10',
  hookDeletePolicy: 'before-hook-creation,hook-succeeded',
  backoffLimit: 2,
  resources: {
    requests: { 'cpu': '100m', 'memory': '512Mi', 'ephemeral-storage': '256Mi' },
    limits: { 'cpu': '1', 'memory': '1Gi', 'ephemeral-storage': '1Gi' },
  },
} as const;

/** The chart's migrations.py (templates/configmap.yaml), with the driver. */
function migrationScript(driver: string | undefined): string {
  const url = `postgresql${driver ? `+${driver}` : ''}://`;
  return [
    'from mlflow.store.db import utils',
    `engine = utils.create_sqlalchemy_engine_with_retry("${url}")`,
    'utils._initialize_tables(engine)',
  ].join('\n');
}

/** A Kubernetes object name of at most 63 characters ending in `-<suffix>`. */
function suffixedName(base: string, suffix: string): string {
  const room = 63 - suffix.length - 1;
  return `${base.slice(0, room).replace(/-+$/, '')}-${suffix}`;
}

/**
 * The migration job manifest (an `extraDeploy` item). The image is the chart's own
 * `mlflow.containerImage` (rendered by helm's `tpl`), so the job migrates with exactly the MLflow
 * version that will serve: the given image, or the chart's `burakince/mlflow:<appVersion>`.
 */
export function buildMigrationJob(input: MigrationJobInput): { [key: string]: any } {
  const labels = {
    'app.kubernetes.io/name': `mlflow-${MIGRATION_JOB.suffix}`,
    'app.kubernetes.io/instance': input.releaseName,
    'app.kubernetes.io/component': MIGRATION_JOB.component,
    'app.kubernetes.io/part-of': 'mlflow',
  };
  const secretRef = (key: string) => ({ valueFrom: { secretKeyRef: { name: input.secretName, key } } });
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: suffixedName(input.fullname, MIGRATION_JOB.suffix),
      labels,
      annotations: {
        'helm.sh/hook': MIGRATION_JOB.hook,
        'helm.sh/hook-weight': MIGRATION_JOB.hookWeight,
        'helm.sh/hook-delete-policy': MIGRATION_JOB.hookDeletePolicy,
      },
    },
    spec: {
      backoffLimit: MIGRATION_JOB.backoffLimit,
      activeDeadlineSeconds: input.activeDeadlineSeconds,
      template: {
        metadata: { labels, annotations: { ...input.podAnnotations } },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: input.podSecurityContext,
          containers: [
            {
              name: 'mlflow-db-migration',
              image: '{{ include "mlflow.containerImage" . }}',
              imagePullPolicy: '{{ .Values.image.pullPolicy }}',
              command: ['python', '-c', migrationScript(input.driver)],
              securityContext: input.securityContext,
              env: [
                { name: 'PGHOST', value: input.host },
                { name: 'PGPORT', value: String(input.port) },
                { name: 'PGDATABASE', value: input.database },
                { name: 'PGSSLMODE', value: input.sslMode },
                { name: 'PGUSER', ...secretRef(input.usernameKey) },
                { name: 'PGPASSWORD', ...secretRef(input.passwordKey) },
                { name: 'MLFLOW_DISABLE_TELEMETRY', value: 'true' },
              ],
              resources: MIGRATION_JOB.resources,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: MIGRATION_JOB.resources.limits['ephemeral-storage'] } }],
        },
      },
    },
  };
}
