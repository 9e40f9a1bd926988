import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { IAksCluster } from './cluster/reference';
import { checkCloud, checkLocation, checkResourceGroupName, checkTags } from './core/names';
import { applyProviders, MlflowProviders } from './core/provider-instances';
import { inheritedTagMappings, isLiteral, Problems, PropMapping, ValidationRound } from './core/validation';
import { CustomerManagedKey } from './encryption/customer-managed-key';
import { CustomerManagedKeyOptions } from './encryption/props';
import { ArtifactAccess } from './identity/artifact-access';
import { ArtifactAuth } from './identity/artifact-auth';
import { MODES_WITH_SECRET } from './identity/secret-revision';
import { MlflowNamespace } from './mlflow/namespace';
import { MlflowBackendStore, MlflowReleaseOptions } from './mlflow/props';
import { MlflowRelease } from './mlflow/release';
import { ArtifactMonitoring } from './monitoring/artifact-monitoring';
import { ArtifactMonitoringOptions } from './monitoring/props';
import { PrivateEndpoints, PrivateEndpointsOptions } from './network/private-endpoints';
import { constructWarning, MlflowWarningId } from './policy/warnings';
import { MlflowSignIn, MlflowSignInMechanism } from './signin/props';
import { ArtifactStore } from './storage/artifact-store';
import { ArtifactStoreOptions, StorageReplication } from './storage/props';
import { IArtifactStore } from './storage/reference';

/** Replications with read access to the secondary region (which has its own endpoint). */
const READ_ACCESS_REPLICATION: readonly StorageReplication[] = [StorageReplication.RAGRS, StorageReplication.RAGZRS];

/**
 * Props of {@link MlflowOnAzure}.
 */
export interface MlflowOnAzureProps {
  /** Resource group of the storage account (and of the workload identity). */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * Storage account name of the artifact store this construct creates: 3 to 24 lowercase letters
   * and digits, globally unique. Give it, or `store`.
   * @default - none: `store` must be given
   */
  readonly storageAccountName?: string;
  /**
   * An artifact store that exists (`ArtifactStore.fromAttributes`, `ArtifactStore.fromExisting`:
   * an account this library does not manage, only the grant) or is shared
   * (`ArtifactStore.addContainer`), instead of creating one. `storage` and `encryption` configure
   * a created account and cannot be given with it.
   * @default - a new ArtifactStore named storageAccountName
   */
  readonly store?: IArtifactStore;
  /** The AKS cluster MLflow runs on (`AksCluster.fromLookup`, `AksCluster.fromAttributes`, or any `IAksCluster`). */
  readonly cluster: IAksCluster;
  /** The backend store: `MlflowBackendStore.postgres(...)`, or `sqliteForDevelopment()` for a dev stack. */
  readonly backendStore: MlflowBackendStore;
  /**
   * How MLflow authenticates to Blob Storage. Workload identity needs an image with
   * `azure-identity` (`release.image`; see docker/Dockerfile).
   * @default ArtifactAuth.workloadIdentity()
   */
  readonly auth?: ArtifactAuth;
  /**
   * How people and jobs sign in to MLflow (not to be confused with `auth`, how MLflow reaches
   * Blob Storage): `MlflowSignIn.entraId(...)` or `entraIdWithNewApplication(...)` (Entra ID
   * single sign-on, the choice for a server behind an ingress), `MlflowSignIn.basicAuth(...)`, or
   * `MlflowSignIn.none({ reason })` for a server only reached inside the cluster. Required: a
   * missing choice fails at synth with the choices.
   * @default - none: an error names the choices
   */
  readonly signIn?: MlflowSignIn;
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
   * Customer-managed key encryption of the artifacts: a Key Vault (new or existing) with purge
   * protection, an RSA key with automatic rotation, and a user-assigned identity for the
   * storage account that is granted the key before the account is created with it.
   *
   * The deployment has one cloud: `storage.cloud`, or `encryption.cloud` when only that is
   * given (then the storage account and its private endpoints use it too); both given and
   * different is an error.
   * @default - Microsoft-managed keys (infrastructure encryption stays on)
   */
  readonly encryption?: CustomerManagedKeyOptions;
  /**
   * Private endpoints for the storage account (`blob`, plus `dfs` with hierarchical namespace)
   * with private DNS. The account's public network access is then turned off.
   * @default - no private endpoint: the storage firewall (default Deny) filters the public endpoint
   */
  readonly privateEndpoints?: PrivateEndpointsOptions;
  /**
   * Diagnostic settings (blob logs and metrics to Log Analytics), an action group and metric
   * alerts (availability, latency, capacity, server errors, throttling). The Key Vault's audit
   * logs go to the same workspace when `encryption` is on.
   * @default - no monitoring
   */
  readonly monitoring?: ArtifactMonitoringOptions;
  /**
   * The Kubernetes namespace of MLflow.
   * @default - the instance name (`namePrefix`, "mlflow" by default)
   */
  readonly namespaceName?: string;
  /**
   * Create the namespace (with the `restricted` Pod Security labels), or use an existing one.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * The name of this MLflow instance: it starts every name the instance creates (the identity
   * `id-<name>-artifacts`, its federated credential, the secrets, the monitoring resources), and is
   * the default namespace and helm release name. Give each instance in a stack or cluster its own
   * (two instances with one name collide, and synth fails naming both).
   * @default "mlflow"
   */
  readonly namePrefix?: string;
  /**
   * Explicit provider instances (e.g. aliased ones, for a second subscription or cluster): every
   * resource and data source this construct creates uses them, by provider.
   * @default - the stack's default providers
   */
  readonly providers?: MlflowProviders;
  /**
   * Revision of the artifact credentials secret (the account key, connection string or service
   * principal modes). The secret is write-only: Terraform never sees a rotated key or client
   * secret by itself. After rotating one, raise this number: the next apply rewrites the secret
   * (`data_wo_revision`) and changes the pods' `cdktf-mlflow-azure/artifact-secret-revision`
   * annotation, so the MLflow pods roll and read the new value. Not for the identity modes.
   * @default 1 (for the modes with a secret)
   */
  readonly artifactSecretRevision?: number;
  /**
   * Tags on every Azure resource that takes them.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/**
 * A production MLflow tracking server on AKS with its artifacts in Azure Blob Storage.
 *
 * Composes the artifact store, its encryption, private endpoints and monitoring, the auth
 * mode and the helm release: it has no logic of its own beyond passing each part the plain
 * outputs of the others.
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
  /** The artifact store (created here, or the `store` given). */
  public readonly store: IArtifactStore;
  /** The artifact store this construct created (none when `store` is given). */
  public readonly managedStore?: ArtifactStore;
  /** The instance name (`namePrefix`). */
  public readonly instanceName: string;
  /** The customer-managed key, when `encryption` is given. */
  public readonly encryption?: CustomerManagedKey;
  /** The storage private endpoints, when `privateEndpoints` is given. */
  public readonly privateEndpoints?: PrivateEndpoints;
  /** Diagnostics and alerts, when `monitoring` is given. */
  public readonly monitoring?: ArtifactMonitoring;
  /** The namespace (created or existing). */
  public readonly kubernetesNamespace: MlflowNamespace;
  /** MLflow's access to the artifact store. */
  public readonly access: ArtifactAccess;
  /** The MLflow helm release. */
  public readonly release: MlflowRelease;

  constructor(scope: Construct, id: string, props: MlflowOnAzureProps) {
    super(scope, id);
    const auth = props.auth ?? ArtifactAuth.workloadIdentity();
    // One round of errors: every part validates its props as usual, and its problems are reported
    // here, together, under the props the user wrote (see PART_PROPS).
    const round = ValidationRound.open(this, `MlflowOnAzure at ${this.node.path}`);
    for (const [part, mapping] of Object.entries(partMappings(props))) round.map(part, mapping);
    validateMlflowOnAzureProps(this, props, auth);
    const tags = props.tags ?? {};
    const namePrefix = props.namePrefix ?? 'mlflow';

    const storage = props.storage ?? {};
    // One cloud for the whole deployment: storage.cloud, else encryption.cloud (validated to agree
    // when both are given). Never `cloud: undefined` over a part's own setting.
    const cloud = storage.cloud ?? props.encryption?.cloud;
    const common = { resourceGroupName: props.resourceGroupName, location: props.location, ...(cloud !== undefined ? { cloud } : {}) };

    const encryption = props.encryption;
    if (encryption) {
      this.encryption = round.part(() => new CustomerManagedKey(this, 'Encryption', {
        ...encryption,
        ...common,
        tags: { ...tags, ...encryption.tags },
      }));
    }

    this.instanceName = namePrefix;
    if (props.store) {
      this.store = props.store;
    } else {
      this.managedStore = round.part(() => new ArtifactStore(this, 'ArtifactStore', {
        ...storage,
        ...common,
        accountName: props.storageAccountName!,
        identityIds: this.encryption ? [...this.encryption.storageIdentityIds, ...(storage.identityIds ?? [])] : storage.identityIds,
        customerManagedKey: this.encryption?.artifactStoreCustomerManagedKey() ?? storage.customerManagedKey,
        network: props.privateEndpoints ? { ...storage.network, disablePublicNetworkAccess: true } : storage.network,
        tags: { ...tags, ...storage.tags },
      }));
      this.store = this.managedStore!;
    }

    const privateEndpoints = props.privateEndpoints;
    if (privateEndpoints) {
      this.privateEndpoints = round.part(() => new PrivateEndpoints(this, 'StoragePrivateEndpoints', {
        ...privateEndpoints,
        ...common,
        // A store of its own: named after the account; a given store (shared, existing) may get
        // endpoints from several instances: named after the instance.
        name: props.store ? `pe-${namePrefix}` : `pe-${props.storageAccountName}`,
        targetResourceId: this.store.accountId,
        // (privateEndpoints.readAccessSecondary, spread above, adds blob_secondary / dfs_secondary)
        subresources: PrivateEndpoints.storageSubresources(this.store.hierarchicalNamespace),
        tags: { ...tags, ...privateEndpoints.tags },
      }));
    }

    const monitoring = props.monitoring;
    if (monitoring) {
      this.monitoring = round.part(() => new ArtifactMonitoring(this, 'Monitoring', {
        ...monitoring,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        storageAccountId: this.store.accountId,
        name: namePrefix,
        keyVaultId: monitoring.keyVaultId ?? this.encryption?.keyVaultId,
        tags: { ...tags, ...monitoring.tags },
      }));
    }

    this.kubernetesNamespace = round.part(() => new MlflowNamespace(this, 'Namespace', {
      name: props.namespaceName ?? namePrefix,
      create: props.createNamespace ?? true,
    }))!;

    // The service account is the instance's too: two instances in one namespace get two.
    const serviceAccountName = props.release?.serviceAccountName ?? namePrefix;
    this.access = round.part(() => new ArtifactAccess(this, 'ArtifactAccess', {
      auth,
      store: this.store,
      namespaceName: this.kubernetesNamespace.name,
      serviceAccountName,
      namePrefix,
      cluster: props.cluster,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags,
      secretRevision: props.artifactSecretRevision,
    }))!;

    this.release = round.part(() => new MlflowRelease(this, 'Release', {
      ...props.release,
      releaseName: props.release?.releaseName ?? namePrefix,
      serviceAccountName,
      namespaceName: this.kubernetesNamespace.name,
      artifactLocation: this.store,
      auth: this.access.binding,
      backendStore: props.backendStore,
      signIn: props.signIn,
      dependsOn: [...this.access.dependables, ...(props.release?.dependsOn ?? [])],
    }))!;
    round.close();
    if (this.release.networkPolicy) props.cluster.warnIfNoNetworkPolicyEngine(this);
    // The grant on a store this instance does not own lives in the store's scope.
    const grant = this.access.roleAssignment;
    applyProviders(this, props.providers, grant && !grant.node.scopes.includes(this) ? [grant] : []);
  }

  /**
   * Add the stack outputs a person reads after `cdktf deploy`: `tracking_url`, `artifact_uri`,
   * `storage_account`, `identity_client_id` (where there is one) and `verify_commands` (the
   * `kubectl` and `az` commands that prove MLflow writes to the container).
   *
   * @param prefix prefix of the output names, for several instances in one stack (e.g. `team_a_`)
   */
  public addOutputs(prefix: string = ''): TerraformOutput[] {
    const p = new Problems(`MlflowOnAzure at ${this.node.path}: addOutputs`);
    p.matches('prefix', prefix, /^([A-Za-z_][A-Za-z0-9_-]*)?$/, 'must be empty or start with a letter or "_", then letters, digits, "_" and "-" (Terraform output names)');
    p.throwIfAny();
    const stack = TerraformStack.of(this);
    const release = this.release;
    const namespace = release.namespaceName;
    const outputs = [
      new TerraformOutput(stack, `${prefix}tracking_url`, { value: this.trackingUri, description: 'MLFLOW_TRACKING_URI for clients' }),
      new TerraformOutput(stack, `${prefix}artifact_uri`, { value: this.artifactUri, description: 'Where MLflow stores artifacts' }),
      new TerraformOutput(stack, `${prefix}storage_account`, { value: this.storageAccountName }),
    ];
    if (this.identityClientId !== undefined) {
      outputs.push(new TerraformOutput(stack, `${prefix}identity_client_id`, { value: this.identityClientId, description: 'The identity MLflow authenticates to Blob Storage as' }));
    }
    outputs.push(new TerraformOutput(stack, `${prefix}verify_commands`, {
      description: 'Run these to check the deployment',
      value: [
        `kubectl -n ${namespace} rollout status deployment/${release.serviceName}`,
        `kubectl -n ${namespace} get serviceaccount ${release.serviceAccountName} -o jsonpath='{.metadata.annotations}'`,
        `kubectl -n ${namespace} port-forward svc/${release.serviceName} 5000:${release.servicePort}`,
        `${this.release.signIn.binding.mechanism === MlflowSignInMechanism.NONE ? '' : 'MLFLOW_TRACKING_USERNAME=<user> MLFLOW_TRACKING_PASSWORD=<password or access token> '}MLFLOW_TRACKING_URI=http://localhost:5000 python -c "import mlflow; mlflow.set_experiment('smoke'); r = mlflow.start_run(); mlflow.log_text('ok', 'smoke.txt'); mlflow.end_run(); print(r.info.artifact_uri)"`,
        `az storage blob list --account-name ${this.storageAccountName} --container-name ${this.store.containerName} --auth-mode login --query "[].name" -o tsv`,
        `az role assignment list --scope ${this.store.containerResourceId} -o table`,
        // helm's wait does not wait for a Gateway to accept the route: its conditions say whether it did
        ...release.values.extraDeploy
          .filter((m) => m.kind === 'HTTPRoute')
          .map((route) => `kubectl -n ${namespace} get httproute ${route.metadata.name} -o jsonpath='{range .status.parents[*].conditions[*]}{.type}={.status} {.reason}{"\\n"}{end}'`),
      ],
    }));
    return outputs;
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

/**
 * How each part's prop paths read in the pattern's props (the part's construct id, then
 * `[part prefix, pattern prefix]` pairs, most specific first; `''` is the rest).
 */
const PART_PROPS: { readonly [part: string]: PropMapping } = {
  Encryption: [['resourceGroupName', 'resourceGroupName'], ['location', 'location'], ['', 'encryption.']],
  ArtifactStore: [
    ['accountName', 'storageAccountName'], ['resourceGroupName', 'resourceGroupName'], ['location', 'location'],
    ['identityIds', 'encryption'], ['customerManagedKey', 'encryption'], ['network.disablePublicNetworkAccess', 'privateEndpoints'], ['', 'storage.'],
  ],
  StoragePrivateEndpoints: [
    ['name', 'storageAccountName'], ['targetResourceId', 'storageAccountName'], ['resourceGroupName', 'resourceGroupName'],
    ['location', 'location'], ['', 'privateEndpoints.'],
  ],
  Monitoring: [['name', 'namePrefix'], ['resourceGroupName', 'resourceGroupName'], ['location', 'location'], ['storageAccountId', 'storageAccountName'], ['', 'monitoring.']],
  Namespace: [['name', 'namespaceName'], ['create', 'createNamespace'], ['', 'namespaceName.']],
  ArtifactAccess: [
    ['store', 'storage'], ['serviceAccountName', 'release.serviceAccountName'], ['secretRevision', 'artifactSecretRevision'],
    ['tags', 'tags'], ['', ''],
  ],
  Release: [
    ['signIn', 'signIn'], ['backendStore', 'backendStore'], ['namespaceName', 'namespaceName'], ['auth', 'auth'],
    ['artifactLocation.accountName', 'storageAccountName'], ['artifactLocation', 'storage'], ['', 'release.'],
  ],
};

/**
 * The parts' prop mappings for these props: a value the pattern derived reads as the prop the
 * user wrote (the namespace, release and service account names from `namePrefix` when not given,
 * a tag of the pattern's `tags` that the part's own do not override as `tags[...]`, the vault of
 * the monitoring from `encryption`, the store's facts from `store`).
 */
function partMappings(props: MlflowOnAzureProps): { [part: string]: PropMapping } {
  const inheritedTags = (own: { [key: string]: string } | undefined): PropMapping => inheritedTagMappings(props.tags, own);
  const derived = (given: unknown, from: string, to: string): PropMapping => (given === undefined ? [[from, to]] : []);
  const namespaceFromPrefix = derived(props.namespaceName, 'namespaceName', 'namePrefix');
  const serviceAccountFromPrefix = derived(props.release?.serviceAccountName, 'serviceAccountName', 'namePrefix');
  // One cloud for every part: storage.cloud, else encryption.cloud (see the constructor).
  const cloud: [string, string] = ['cloud', props.storage?.cloud === undefined && props.encryption?.cloud !== undefined ? 'encryption.cloud' : 'storage.cloud'];
  return {
    Encryption: [cloud, ...inheritedTags(props.encryption?.tags), ...PART_PROPS.Encryption],
    ArtifactStore: [cloud, ...inheritedTags(props.storage?.tags), ...PART_PROPS.ArtifactStore],
    StoragePrivateEndpoints: [
      cloud,
      ...inheritedTags(props.privateEndpoints?.tags),
      ...(props.store ? [['name', 'namePrefix'] as [string, string]] : []),
      ...PART_PROPS.StoragePrivateEndpoints,
    ],
    Monitoring: [
      ...inheritedTags(props.monitoring?.tags),
      ...derived(props.monitoring?.keyVaultId, 'keyVaultId', 'encryption.existingKeyVault.keyVaultId'),
      ...PART_PROPS.Monitoring,
    ],
    Namespace: [...derived(props.namespaceName, 'name', 'namePrefix'), ...PART_PROPS.Namespace],
    ArtifactAccess: [
      ...(props.store ? [['store', 'store'] as [string, string]] : []),
      ...namespaceFromPrefix, ...serviceAccountFromPrefix, ...inheritedTags(undefined), ...PART_PROPS.ArtifactAccess,
    ],
    Release: [
      ...(props.store ? [['artifactLocation', 'store'] as [string, string]] : []),
      ...derived(props.release?.releaseName, 'releaseName', 'namePrefix'),
      ...namespaceFromPrefix, ...serviceAccountFromPrefix, ...PART_PROPS.Release,
    ],
  };
}

/**
 * Cross-prop rules of the pattern, named by the pattern's own props (the parts validate
 * their own props again, with their names).
 */
function validateMlflowOnAzureProps(scope: Construct, props: MlflowOnAzureProps, auth: ArtifactAuth): void {
  const p = new Problems(`MlflowOnAzure at ${scope.node.path}`, scope);
  const storage = props.storage ?? {};
  checkResourceGroupName(p, 'resourceGroupName', props.resourceGroupName);
  checkLocation(p, 'location', props.location);
  checkTags(p, 'tags', props.tags);
  checkCloud(p, 'storage.cloud', props.storage?.cloud);
  checkCloud(p, 'encryption.cloud', props.encryption?.cloud);
  if (props.backendStore === undefined) {
    p.add('backendStore', undefined, 'is required: MlflowBackendStore.postgres({ host, database, user, password }), or MlflowBackendStore.sqliteForDevelopment() for one replica');
  }
  if (props.store === undefined && props.storageAccountName === undefined) {
    p.add('storageAccountName', undefined, 'is required unless store is given (an existing or shared artifact store)');
  }
  if (props.store !== undefined) {
    p.notApplicable([
      ['storageAccountName', props.storageAccountName],
      ['storage', props.storage],
      ['encryption', props.encryption],
    ], 'configures the storage account this construct creates: with store (an existing or shared store) none is created');
  }
  // (The parts report their own problems in the same round; where the pattern says it better, in
  // its own terms, the part's problem with the same prop is dropped.)
  if (auth.usesSharedKey && props.store === undefined && storage.sharedAccessKeyEnabled !== true) {
    p.add('storage.sharedAccessKeyEnabled', storage.sharedAccessKeyEnabled ?? false, `the ${auth.mode} auth mode reads the account key: set storage.sharedAccessKeyEnabled: true, or choose an identity auth mode`);
  }
  if (auth.usesSharedKey && props.store !== undefined && !props.store.sharedAccessKeyEnabled) {
    p.add('store.sharedAccessKeyEnabled', false, `the ${auth.mode} auth mode reads the account key: declare sharedAccessKeyEnabled: true on the existing store (if the account allows shared keys), or choose an identity auth mode`);
  }
  if (auth.requiresAzureIdentity && props.release?.image === undefined) {
    p.add('release.image', undefined, `the ${auth.mode} auth mode needs an MLflow image with azure-identity (the chart's default image lacks it, community-charts/helm-charts#423): build node_modules/cdktf-mlflow-azure/docker/Dockerfile and set release.image`);
  }
  const encryptionCloud = props.encryption?.cloud;
  if (isLiteral(storage.cloud) && isLiteral(encryptionCloud) && storage.cloud !== encryptionCloud) {
    p.add('encryption.cloud', encryptionCloud, `differs from storage.cloud (${JSON.stringify(storage.cloud)}): the key vault and the storage account are in one cloud; give one of them`);
  }
  if (props.encryption && storage.customerManagedKey) {
    p.add('storage.customerManagedKey', '<given>', 'conflicts with encryption: give one of them (encryption creates the key and sets it on the account)');
  }
  p.inRange('artifactSecretRevision', props.artifactSecretRevision, 1, Number.MAX_SAFE_INTEGER);
  if (!MODES_WITH_SECRET.includes(auth.mode)) {
    p.notApplicable([['artifactSecretRevision', props.artifactSecretRevision]], `applies to the auth modes with a credentials secret (${MODES_WITH_SECRET.join(', ')}), not ${auth.mode}: it has no credential to rotate`);
  }
  if (props.privateEndpoints && storage.network?.allowAllNetworks) {
    p.add('storage.network.allowAllNetworks', true, 'conflicts with privateEndpoints, which turn the public endpoint off');
  }
  const readAccess = isLiteral(storage.replication) && READ_ACCESS_REPLICATION.includes(storage.replication);
  if (props.privateEndpoints?.readAccessSecondary === true && isLiteral(storage.replication ?? 'ZRS') && !readAccess) {
    p.add('privateEndpoints.readAccessSecondary', true, `needs storage.replication RAGRS or RAGZRS (it is ${storage.replication ?? 'ZRS, the default'}): only a read-access secondary has an endpoint to connect`);
  }
  p.throwIfAny();
  if (props.privateEndpoints && readAccess && props.privateEndpoints.readAccessSecondary !== true) {
    constructWarning(scope, MlflowWarningId.SECONDARY_UNREACHABLE,
      `storage.replication = ${storage.replication}: you pay for read access to the secondary region, but privateEndpoints turn public access off and no blob_secondary endpoint exists, so nothing can read the secondary. Use ${storage.replication === StorageReplication.RAGZRS ? 'GZRS' : 'GRS'} (the same durability; an in-place change), or set privateEndpoints.readAccessSecondary: true to connect the secondary privately.`,
    );
  }
  const net = storage.network;
  if (props.privateEndpoints && ((net?.allowedIpRanges ?? []).length > 0 || (net?.allowedSubnetIds ?? []).length > 0)) {
    constructWarning(scope, MlflowWarningId.FIREWALL_RULES_WITHOUT_EFFECT,
      'storage.network.allowedIpRanges / allowedSubnetIds have no effect: privateEndpoints turn the storage account\'s public endpoint off, so only the private endpoints are reachable.',
    );
  }
}
