import type { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { ArtifactAuth } from './artifact-auth';
import { ArtifactAuthBinding, ArtifactAuthMode } from './binding';
import { MODES_WITH_SECRET } from './secret-revision';
import { checkClusterForKubeletIdentity, checkClusterForWorkloadIdentity } from '../cluster/prerequisites';
import { IAksCluster } from '../cluster/reference';
import { entraAuthorityHost } from '../core/cloud';
import { checkName } from '../core/names';
import { azurermModules } from '../core/providers';
import { PrincipalType } from '../core/roles';
import { checkSecretReference, SECRET_RULE, writeOnlySecret } from '../core/secrets';
import { isLiteral, Problems } from '../core/validation';
import { checkNamesAtSynth } from '../policy/collisions';
import { constructWarning, MlflowWarningId } from '../policy/warnings';
import { IArtifactStore } from '../storage/reference';

/** Defaults of {@link ArtifactAccessProps}, in one place for docs and tests. */
const ARTIFACT_ACCESS_DEFAULTS = {
  namePrefix: 'mlflow',
  secretRevision: 1,
} as const;

/** The audience every AKS workload identity federation uses. */
const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';


const NAME_PREFIX = /^(?=.{1,40}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAME_PREFIX_RULE = 'must be 1 to 40 lowercase letters, digits and hyphens, starting and ending with a letter or digit (it starts Kubernetes and Azure names)';
const FIC_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;
const FIC_NAME_RULE = 'must be 3 to 120 letters, digits, hyphens and underscores, starting with a letter or digit';

/**
 * Props of {@link ArtifactAccess}.
 */
export interface ArtifactAccessProps {
  /** How MLflow authenticates to Blob Storage. */
  readonly auth: ArtifactAuth;
  /** The artifact store MLflow reads and writes. */
  readonly store: IArtifactStore;
  /**
   * The Kubernetes namespace of the MLflow release (may be a reference to a namespace
   * resource: the secret then depends on it). The same name must be given to the release: it
   * goes into the binding (`namespaceName`), and `MlflowRelease` fails on a known mismatch.
   */
  readonly namespaceName: string;
  /**
   * The name of the MLflow service account; the workload identity federation subject is
   * `system:serviceaccount:<namespaceName>:<serviceAccountName>`. The same name must be given to
   * the release: for workload identity it goes into the binding (`serviceAccountName`), and
   * `MlflowRelease` fails on a known mismatch.
   */
  readonly serviceAccountName: string;
  /**
   * A prefix for the names of the Kubernetes secret (`<namePrefix>-artifact-credentials`)
   * and of the user-assigned identity.
   * @default "mlflow"
   */
  readonly namePrefix?: string;
  /**
   * The AKS cluster: needed for workload identity (OIDC issuer) and the kubelet identity.
   * @default - none (only the key, connection string and service principal modes)
   */
  readonly cluster?: IAksCluster;
  /**
   * Resource group of the user-assigned identity (workload identity only).
   * @default - none (required for workload identity)
   */
  readonly resourceGroupName?: string;
  /**
   * Region of the user-assigned identity (workload identity only).
   * @default - none (required for workload identity)
   */
  readonly location?: string;
  /**
   * Tags on the user-assigned identity.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
  /**
   * The `data_wo_revision` of the Kubernetes secret (account key, connection string and
   * service principal modes): Terraform never reads write-only data back, so raise it to write
   * the secret again after rotating a key or a client secret. It also goes into the binding
   * (`secretRevision`), from which the release sets a pod annotation: the pods roll and read
   * the new credentials.
   * @default 1 (for the modes with a secret)
   */
  readonly secretRevision?: number;
}

/**
 * Gives MLflow access to the artifact store in one auth mode, and hands the release what
 * it needs as a plain {@link ArtifactAuthBinding}: secret names for `extraSecretNamesForEnvFrom`,
 * service account annotations and pod labels, and the namespace and service account it is
 * bound to (the release checks them against its own).
 *
 * - account key / connection string: a Kubernetes secret written with `data_wo` (never `data`);
 * - service principal: "Storage Blob Data Contributor" on the container and a secret with the
 *   `AZURE_CLIENT_*` variables;
 * - workload identity: a user-assigned identity, its federated credential for the MLflow
 *   service account, the container role, the client-id annotation and the `use` pod label;
 * - kubelet identity: the container role for the kubelet identity (with a warning) and its
 *   client id in the binding (`identityClientId`), which the release sets as the plain
 *   environment variable `AZURE_CLIENT_ID`: no secret, so no Terraform >= 1.11 requirement.
 */
export class ArtifactAccess extends Construct {
  /** What the MLflow release needs. */
  public readonly binding: ArtifactAuthBinding;
  /** The auth mode. */
  public readonly mode: ArtifactAuthMode;
  /** The Kubernetes secret, where the mode has one (account key, connection string, service principal). */
  public readonly secret?: SecretV1;
  /** The user-assigned identity (workload identity). */
  public readonly identity?: UserAssignedIdentity;
  /** The federated identity credential (workload identity). */
  public readonly federatedCredential?: FederatedIdentityCredential;
  /** The container role assignment (service principal, workload identity, kubelet identity). */
  public readonly roleAssignment?: RoleAssignment;
  /** The client id of the identity MLflow authenticates as, where there is one. */
  public readonly identityClientId?: string;
  /** The principal (object) id that got the container role, where there is one. */
  public readonly principalId?: string;
  /**
   * What the MLflow release should depend on (`depends_on`) so that its pods start after the
   * access exists: the role assignment and the federated credential, where there are.
   */
  public readonly dependables: ITerraformDependable[];

  private readonly secretName: string;
  private readonly secretRevision: number;
  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: ArtifactAccessProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? ARTIFACT_ACCESS_DEFAULTS.namePrefix;
    validateArtifactAccessProps(this, props, namePrefix);
    checkNamesAtSynth(this);

    this.mode = props.auth.mode;
    this.namespace = props.namespaceName;
    this.secretName = `${namePrefix}-artifact-credentials`;
    this.secretRevision = props.secretRevision ?? ARTIFACT_ACCESS_DEFAULTS.secretRevision;
    const { auth, store } = props;
    // The grant's id on the store: this construct's id when the store is in the same scope (an
    // instance's own store), else its path below the stack, so that several instances (or access
    // constructs) can be granted on one shared or existing store.
    const grantId = sharesScopeWith(this, store) ? this.node.id : pathBelowStack(this);

    let serviceAccountAnnotations: { [key: string]: string } = {};
    let podLabels: { [key: string]: string } = {};
    let supportsProxyMultipartUpload = false;

    switch (auth.mode) {
      case ArtifactAuthMode.ACCOUNT_KEY:
        this.secret = this.createSecret({ AZURE_STORAGE_ACCESS_KEY: store.primaryAccessKey! });
        supportsProxyMultipartUpload = true;
        break;
      case ArtifactAuthMode.CONNECTION_STRING: {
        const own = auth._connectionString?.connectionString;
        this.secret = this.createSecret({ AZURE_STORAGE_CONNECTION_STRING: (own ?? store.primaryConnectionString)! });
        // The account's connection string carries the key that proxied multipart upload signs with;
        // a connection string of your own may be a SAS one.
        supportsProxyMultipartUpload = own === undefined;
        break;
      }
      case ArtifactAuthMode.SERVICE_PRINCIPAL: {
        const sp = auth._servicePrincipal!;
        this.roleAssignment = store.grantReadWrite(grantId, sp.objectId, { principalType: PrincipalType.SERVICE_PRINCIPAL });
        this.secret = this.createSecret({
          AZURE_CLIENT_ID: sp.clientId,
          AZURE_TENANT_ID: sp.tenantId,
          AZURE_CLIENT_SECRET: sp.clientSecret,
          AZURE_AUTHORITY_HOST: entraAuthorityHost(store.cloud),
        });
        this.identityClientId = sp.clientId;
        this.principalId = sp.objectId;
        break;
      }
      case ArtifactAuthMode.WORKLOAD_IDENTITY: {
        const cluster = props.cluster!;
        cluster.requireWorkloadIdentity();
        const options = auth._workloadIdentity ?? {};
        const identity = new azurermModules.userAssignedIdentity.UserAssignedIdentity(this, 'Identity', {
          name: options.identityName ?? `id-${namePrefix}-artifacts`,
          resourceGroupName: props.resourceGroupName!,
          location: props.location!,
          tags: props.tags ?? {},
        });
        this.identity = identity;
        this.federatedCredential = new azurermModules.federatedIdentityCredential.FederatedIdentityCredential(this, 'FederatedCredential', {
          name: options.federatedCredentialName ?? `${namePrefix}-service-account`,
          resourceGroupName: props.resourceGroupName!,
          parentId: identity.id,
          audience: [TOKEN_EXCHANGE_AUDIENCE],
          issuer: cluster.oidcIssuerUrl!,
          subject: `system:serviceaccount:${props.namespaceName}:${props.serviceAccountName}`,
        });
        this.roleAssignment = store.grantReadWrite(grantId, identity.principalId, { principalType: PrincipalType.SERVICE_PRINCIPAL });
        serviceAccountAnnotations = { 'azure.workload.identity/client-id': identity.clientId };
        podLabels = { 'azure.workload.identity/use': 'true' };
        this.identityClientId = identity.clientId;
        this.principalId = identity.principalId;
        break;
      }
      case ArtifactAuthMode.KUBELET_IDENTITY: {
        const cluster = props.cluster!;
        cluster.requireKubeletIdentity();
        this.roleAssignment = store.grantReadWrite(grantId, cluster.kubeletIdentityObjectId!, {
          principalType: PrincipalType.SERVICE_PRINCIPAL,
          // The kubelet identity exists already: let Azure check it.
          skipServicePrincipalAadCheck: false,
        });
        // AKS nodes often carry several user-assigned identities (add-ons): the release names the
        // kubelet one with the plain AZURE_CLIENT_ID from the binding's identityClientId (a client
        // id is not a secret: no Kubernetes secret, no write-only attribute).
        this.identityClientId = cluster.kubeletIdentityClientId;
        this.principalId = cluster.kubeletIdentityObjectId;
        constructWarning(this, MlflowWarningId.KUBELET_IDENTITY_GRANT,
          `ArtifactAuth.kubeletIdentity(): the kubelet identity of cluster ${cluster.clusterName} gets Storage Blob Data Contributor on the artifact container, so every pod on every node of the cluster (not only MLflow) can read, write and delete the artifacts through IMDS. Prefer ArtifactAuth.workloadIdentity(), which federates an identity with the MLflow service account only.`,
        );
        break;
      }
    }

    this.dependables = [this.roleAssignment, this.federatedCredential]
      .filter((d): d is RoleAssignment | FederatedIdentityCredential => d !== undefined);
    const federated = this.federatedCredential !== undefined;
    this.binding = {
      mode: this.mode,
      secretNamesForEnvFrom: this.secret ? [this.secret.metadata.name] : [],
      serviceAccountAnnotations,
      podLabels,
      supportsProxyMultipartUpload,
      requiresAzureIdentity: auth.requiresAzureIdentity,
      identityClientId: this.identityClientId,
      principalId: this.principalId,
      // The pods read the secret only when they start: its revision in the pod template rolls them.
      ...(this.secret !== undefined ? { secretRevision: this.secretRevision } : {}),
      // The secret lives in the namespace, and the federated subject names it: the release must be there.
      ...(this.secret !== undefined || federated ? { namespaceName: props.namespaceName } : {}),
      ...(federated ? { serviceAccountName: props.serviceAccountName } : {}),
    };
  }

  private createSecret(data: { [key: string]: string }): SecretV1 {
    return writeOnlySecret(this, 'Secret', {
      name: this.secretName,
      namespace: this.namespace,
      component: 'artifact-credentials',
      labels: { 'cdktf-mlflow-azure/auth-mode': this.mode },
      data,
      revision: this.secretRevision,
    });
  }
}

function validateArtifactAccessProps(scope: Construct, props: ArtifactAccessProps, namePrefix: string): void {
  const p = new Problems(`ArtifactAccess at ${scope.node.path}`, scope);
  const { auth, store, cluster } = props;
  const mode = auth.mode;

  checkName(p, 'dnsLabel', 'namespaceName', props.namespaceName);
  checkName(p, 'dnsSubdomain', 'serviceAccountName', props.serviceAccountName);
  p.matches('namePrefix', props.namePrefix, NAME_PREFIX, NAME_PREFIX_RULE);
  p.inRange('secretRevision', props.secretRevision, 1, Number.MAX_SAFE_INTEGER);
  if (!MODES_WITH_SECRET.includes(mode)) {
    p.notApplicable([['secretRevision', props.secretRevision]], `applies to the modes with a Kubernetes secret (${MODES_WITH_SECRET.join(', ')}), not ${mode}: it has no credential to rotate`);
  }

  if (auth.usesSharedKey && !store.sharedAccessKeyEnabled) {
    const what = mode === ArtifactAuthMode.ACCOUNT_KEY ? 'the account key mode' : 'the connection string mode';
    p.add('store.sharedAccessKeyEnabled', false, `${what} needs sharedAccessKeyEnabled: true on the ArtifactStore`);
  }
  if (auth.usesSharedKey && store.hierarchicalNamespace) {
    p.add('store.hierarchicalNamespace', true, `MLflow's abfss:// repository authenticates with a SAS token or DefaultAzureCredential only, never with an account key or connection string: use ArtifactAuth.workloadIdentity() (or another identity mode) with ${mode}`);
  }
  if (store.usesCustomEndpoint && mode !== ArtifactAuthMode.CONNECTION_STRING) {
    p.add('store.usesCustomEndpoint', true, `MLflow reaches a custom blob endpoint only through a connection string with BlobEndpoint= (its wasbs:// URI names the cloud's host): use ArtifactAuth.connectionString({ connectionString }) instead of ${mode}`);
  }

  switch (mode) {
    case ArtifactAuthMode.ACCOUNT_KEY:
      if (store.primaryAccessKey === undefined) {
        p.add('store.primaryAccessKey', undefined, 'the account key mode needs the account\'s key: this existing store was given without it (give primaryAccessKey to ArtifactStore.fromAttributes, or use ArtifactStore.fromExisting, which reads it)');
      }
      break;
    case ArtifactAuthMode.CONNECTION_STRING: {
      const own = auth._connectionString?.connectionString;
      if (own === undefined && store.primaryConnectionString === undefined) {
        p.add('store.primaryConnectionString', undefined, 'the connection string mode needs a connection string: give auth connectionString, or primaryConnectionString to ArtifactStore.fromAttributes (ArtifactStore.fromExisting reads it)');
      }
      if (own === undefined && store.usesCustomEndpoint) {
        p.add('auth.connectionString', undefined, 'the store uses a custom blob endpoint, which the account\'s primary connection string does not name: give a connection string with BlobEndpoint= (a sensitive variable)');
      }
      checkSecretReference(scope, p, 'auth.connectionString', own);
      break;
    }
    case ArtifactAuthMode.SERVICE_PRINCIPAL: {
      const sp = auth._servicePrincipal!;
      checkName(p, 'guid', 'auth.clientId', sp.clientId);
      checkName(p, 'guid', 'auth.tenantId', sp.tenantId);
      checkName(p, 'guid', 'auth.objectId', sp.objectId);
      if (sp.clientSecret === undefined) p.add('auth.clientSecret', undefined, SECRET_RULE);
      checkSecretReference(scope, p, 'auth.clientSecret', sp.clientSecret);
      break;
    }
    case ArtifactAuthMode.WORKLOAD_IDENTITY: {
      const options = auth._workloadIdentity ?? {};
      if (options.identityName === undefined) {
        p.require(isLiteral(namePrefix), 'auth.identityName', undefined, 'has no default when namePrefix is a token: give it');
      }
      checkName(p, 'userAssignedIdentity', 'auth.identityName', options.identityName ?? `id-${namePrefix}-artifacts`);
      if (options.federatedCredentialName === undefined) {
        p.require(isLiteral(namePrefix), 'auth.federatedCredentialName', undefined, 'has no default when namePrefix is a token: give it');
      }
      p.matches('auth.federatedCredentialName', options.federatedCredentialName ?? `${namePrefix}-service-account`, FIC_NAME, FIC_NAME_RULE);
      p.require(props.resourceGroupName !== undefined, 'resourceGroupName', undefined, 'is needed for the user-assigned identity of workload identity');
      p.require(props.location !== undefined, 'location', undefined, 'is needed for the user-assigned identity of workload identity');
      if (cluster === undefined) {
        p.add('cluster', undefined, 'is needed for workload identity (its OIDC issuer URL)');
      } else {
        checkClusterForWorkloadIdentity(p, cluster, 'cluster');
      }
      break;
    }
    case ArtifactAuthMode.KUBELET_IDENTITY:
      if (cluster === undefined) {
        p.add('cluster', undefined, 'is needed for the kubelet identity mode (its kubelet identity)');
      } else {
        checkClusterForKubeletIdentity(p, cluster, 'cluster');
      }
      break;
    default:
      break;
  }
  p.throwIfAny();
}

/** Whether the store is inside the scope of `access` (its parent), as a pattern's own store is. */
function sharesScopeWith(access: IConstruct, store: IConstruct): boolean {
  const parent = access.node.scope;
  return parent !== undefined && store.node.scopes.includes(parent);
}

/** The construct's path below its stack, as one id (`team-a/ArtifactAccess` -> `TeamAArtifactAccess`). */
function pathBelowStack(c: IConstruct): string {
  const stackIndex = c.node.scopes.findIndex((s) => TerraformStack.isStack(s));
  return c.node.scopes.slice(stackIndex + 1)
    .map((s) => s.node.id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(''))
    .join('');
}
