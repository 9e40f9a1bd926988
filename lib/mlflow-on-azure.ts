import { Construct } from 'constructs';
import { AksCluster } from './cluster/aks-cluster';
import { ArtifactAccess } from './identity/artifact-access';
import { ArtifactAuth } from './identity/artifact-auth';
import { MlflowNamespace } from './mlflow/namespace';
import { MlflowBackendStore } from './mlflow/props';
import { MlflowRelease, MlflowReleaseOptions } from './mlflow/release';
import { ArtifactStore } from './storage/artifact-store';
import { ArtifactStoreOptions } from './storage/props';

/**
 * Props of {@link MlflowOnAzure}.
 */
export interface MlflowOnAzureProps {
  /** Resource group of the storage account (and of the workload identity). */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** Storage account name: 3 to 24 lowercase letters and digits, globally unique. */
  readonly storageAccountName: string;
  /** The AKS cluster MLflow runs on (`AksCluster.fromLookup` or `AksCluster.fromAttributes`). */
  readonly cluster: AksCluster;
  /** The backend store: `MlflowBackendStore.postgres(...)`, or `sqliteForDevelopment()` for a dev stack. */
  readonly backendStore: MlflowBackendStore;
  /**
   * How MLflow authenticates to Blob Storage. Workload identity needs an image with
   * `azure-identity` (`release.image`; see docker/Dockerfile).
   * @default ArtifactAuth.workloadIdentity()
   */
  readonly auth?: ArtifactAuth;
  /**
   * Settings of the artifact store (replication, retention, lifecycle, network, ...).
   * @default - the ArtifactStore defaults: ZRS, soft delete 30 days, versioning, deletion protection, shared keys off, firewall Deny
   */
  readonly storage?: ArtifactStoreOptions;
  /**
   * Settings of the MLflow helm release (image, ingress, resources, replicas, timeouts, ...).
   * @default - the MlflowRelease defaults
   */
  readonly release?: MlflowReleaseOptions;
  /**
   * The Kubernetes namespace of MLflow.
   * @default "mlflow"
   */
  readonly namespace?: string;
  /**
   * Create the namespace (with the `restricted` Pod Security labels), or use an existing one.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Prefix of the names this construct gives (secret, identity, federated credential).
   * @default "mlflow"
   */
  readonly namePrefix?: string;
  /**
   * Tags on every Azure resource that takes them.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A production MLflow tracking server on AKS with its artifacts in Azure Blob Storage.
 *
 * Composes the artifact store, the auth mode and the helm release: it has no logic of its
 * own beyond passing each part the plain outputs of the others.
 *
 * ```ts
 * const cluster = AksCluster.fromLookup(this, 'Aks', { name: 'aks-prod', resourceGroupName: 'rg-aks' });
 * cluster.configureProviders(KubernetesAuth.kubelogin());
 * new MlflowOnAzure(this, 'Mlflow', {
 *   resourceGroupName: 'rg-mlflow',
 *   location: 'westeurope',
 *   storageAccountName: 'stmlflowprod001',
 *   cluster,
 *   backendStore: MlflowBackendStore.postgres({ host, database: 'mlflow', user: 'mlflow', password: dbPassword.stringValue }),
 *   release: { image: { repository: 'myacr.azurecr.io/mlflow-azure', tag: '3.15.1' } },
 * });
 * ```
 */
export class MlflowOnAzure extends Construct {
  /** The artifact store. */
  public readonly store: ArtifactStore;
  /** The namespace (created or existing). */
  public readonly namespace: MlflowNamespace;
  /** MLflow's access to the artifact store. */
  public readonly access: ArtifactAccess;
  /** The MLflow helm release. */
  public readonly release: MlflowRelease;

  constructor(scope: Construct, id: string, props: MlflowOnAzureProps) {
    super(scope, id);
    const tags = props.tags ?? {};
    const namePrefix = props.namePrefix ?? 'mlflow';

    this.store = new ArtifactStore(this, 'ArtifactStore', {
      ...props.storage,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountName: props.storageAccountName,
      tags: { ...tags, ...props.storage?.tags },
    });

    this.namespace = new MlflowNamespace(this, 'Namespace', {
      name: props.namespace ?? 'mlflow',
      create: props.createNamespace ?? true,
    });

    const serviceAccountName = props.release?.serviceAccountName ?? 'mlflow';
    this.access = new ArtifactAccess(this, 'ArtifactAccess', {
      auth: props.auth ?? ArtifactAuth.workloadIdentity(),
      store: this.store,
      namespaceName: this.namespace.name,
      serviceAccountName,
      namePrefix,
      cluster: props.cluster,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags,
    });

    this.release = new MlflowRelease(this, 'Release', {
      ...props.release,
      serviceAccountName,
      namespace: this.namespace.name,
      artifactLocation: this.store,
      auth: this.access.binding,
      backendStore: props.backendStore,
      dependsOn: [...this.access.dependables, ...(props.release?.dependsOn ?? [])],
    });
  }

  /** The URL clients set as `MLFLOW_TRACKING_URI` (the ingress URL, or the in-cluster service URL). */
  public get trackingUri(): string {
    return this.release.trackingUri;
  }

  /** Where MLflow stores artifacts (`wasbs://` or `abfss://`). */
  public get artifactUri(): string {
    return this.store.artifactUri;
  }

  /** The storage account name. */
  public get storageAccountName(): string {
    return this.store.accountName;
  }

  /** The client id of the identity MLflow authenticates as, where there is one. */
  public get identityClientId(): string | undefined {
    return this.access.identityClientId;
  }
}
