import { Annotations, Aspects, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { suppressionReason } from './suppressions';

/**
 * The stable ids of the warnings the constructs give about their own props (the policy findings
 * are {@link MlflowCheckId}). Suppress one like a finding:
 * `MlflowChecks.suppress(scope, MlflowWarningId.SQLITE_BACKEND, 'why')`.
 *
 * Ids never change meaning and are never reused.
 */
export class MlflowWarningId {
  /** The backend store is SQLite in the pod (development only). */
  public static readonly SQLITE_BACKEND = 'MLF-C001';
  /** Proxied artifact serving is off: every client needs Azure credentials. */
  public static readonly ARTIFACT_PROXY_OFF = 'MLF-C002';
  /** The kubelet identity mode without the kubelet identity's client id. */
  public static readonly KUBELET_WITHOUT_CLIENT_ID = 'MLF-C003';
  /** uvicorn trusts forwarded headers from every address (`/0`). */
  public static readonly TRUSTS_EVERY_PROXY = 'MLF-C004';
  /** The MLflow pods mount a Kubernetes API token. */
  public static readonly API_TOKEN_MOUNTED = 'MLF-C005';
  /** The ingress serves plain HTTP. */
  public static readonly PLAIN_HTTP_INGRESS = 'MLF-C006';
  /** No network policy: every pod of the cluster reaches MLflow. */
  public static readonly NO_NETWORK_POLICY = 'MLF-C007';
  /** The kubelet identity gets the blob role (every pod on the nodes can use it). */
  public static readonly KUBELET_IDENTITY_GRANT = 'MLF-C008';
  /** Alerts without anyone to notify. */
  public static readonly ALERTS_NOTIFY_NOBODY = 'MLF-C009';
  /** A literal webhook URL (usually a secret) in the configuration. */
  public static readonly LITERAL_WEBHOOK_URL = 'MLF-C010';
  /** Private endpoints without a private DNS zone group. */
  public static readonly PRIVATE_ENDPOINT_WITHOUT_DNS = 'MLF-C011';
  /** Private DNS zones linked to no virtual network. */
  public static readonly DNS_ZONES_NOT_LINKED = 'MLF-C012';
  /** Lifecycle rules move artifacts to the Archive tier (allowed explicitly). */
  public static readonly ARCHIVE_TIER_ALLOWED = 'MLF-C013';
  /** The storage firewall allows every network. */
  public static readonly STORAGE_FIREWALL_OPEN = 'MLF-C014';
  /** The new key vault denies every network and gives Terraform no way in. */
  public static readonly VAULT_UNREACHABLE = 'MLF-C015';
  /** The vault's public access is off without a private endpoint of this construct. */
  public static readonly VAULT_PRIVATE_ELSEWHERE = 'MLF-C016';
  /** The key vault firewall allows every network. */
  public static readonly VAULT_FIREWALL_OPEN = 'MLF-C017';
  /** The key vault firewall does not let trusted Azure services (Azure Storage) through. */
  public static readonly VAULT_BYPASS_OFF = 'MLF-C018';
  /** The key vault and the key can be destroyed. */
  public static readonly KEY_DELETION_UNPROTECTED = 'MLF-C019';
  /** Rotation before expiry without an expiration date: the first version never rotates. */
  public static readonly KEY_NEVER_ROTATES = 'MLF-C020';
  /** The cluster runs no network policy engine (the policy is ignored). */
  public static readonly NO_NETWORK_POLICY_ENGINE = 'MLF-C021';
  /** The providers are configured from a cluster created in the same stack. */
  public static readonly PROVIDERS_FROM_SAME_STACK = 'MLF-C022';
  /** Read access to the secondary region that nothing can reach. */
  public static readonly SECONDARY_UNREACHABLE = 'MLF-C023';
  /** Storage firewall rules without effect (public access is off). */
  public static readonly FIREWALL_RULES_WITHOUT_EFFECT = 'MLF-C024';

  private constructor() {}
}

/** A warning of a construct about its props: its stable id and a short title. */
export interface MlflowWarningInfo {
  /** The stable id, e.g. `MLF-C001`. */
  readonly warningId: string;
  /** What it is about. */
  readonly title: string;
}

/** Every construct warning id with its title (the docs of {@link MlflowWarningId}), for listings. */
export const CONSTRUCT_WARNINGS: readonly MlflowWarningInfo[] = [
  ['SQLITE_BACKEND', 'SQLite backend store (development only)'],
  ['ARTIFACT_PROXY_OFF', 'Artifact proxy off: clients need Azure credentials'],
  ['KUBELET_WITHOUT_CLIENT_ID', 'Kubelet identity without its client id'],
  ['TRUSTS_EVERY_PROXY', 'Forwarded headers trusted from every address'],
  ['API_TOKEN_MOUNTED', 'Kubernetes API token mounted in the MLflow pods'],
  ['PLAIN_HTTP_INGRESS', 'Ingress without TLS'],
  ['NO_NETWORK_POLICY', 'No network policy'],
  ['KUBELET_IDENTITY_GRANT', 'Kubelet identity granted blob access'],
  ['ALERTS_NOTIFY_NOBODY', 'Alerts notify nobody'],
  ['LITERAL_WEBHOOK_URL', 'Literal webhook URL'],
  ['PRIVATE_ENDPOINT_WITHOUT_DNS', 'Private endpoints without DNS zone group'],
  ['DNS_ZONES_NOT_LINKED', 'Private DNS zones linked to no virtual network'],
  ['ARCHIVE_TIER_ALLOWED', 'Artifacts moved to the Archive tier'],
  ['STORAGE_FIREWALL_OPEN', 'Storage firewall allows every network'],
  ['VAULT_UNREACHABLE', 'New key vault unreachable for Terraform'],
  ['VAULT_PRIVATE_ELSEWHERE', 'Key vault reachable only through a private endpoint managed elsewhere'],
  ['VAULT_FIREWALL_OPEN', 'Key vault firewall allows every network'],
  ['VAULT_BYPASS_OFF', 'Key vault firewall blocks Azure Storage'],
  ['KEY_DELETION_UNPROTECTED', 'Key vault and key without deletion protection'],
  ['KEY_NEVER_ROTATES', 'The first key version never rotates'],
  ['NO_NETWORK_POLICY_ENGINE', 'Cluster without a network policy engine'],
  ['PROVIDERS_FROM_SAME_STACK', 'Providers configured from a cluster of the same stack'],
  ['SECONDARY_UNREACHABLE', 'Read access to an unreachable secondary'],
  ['FIREWALL_RULES_WITHOUT_EFFECT', 'Storage firewall rules without effect'],
].map(([key, title]) => ({ warningId: (MlflowWarningId as unknown as Record<string, string>)[key], title }));

interface Pending {
  readonly id: string;
  readonly message: string;
  emitted: boolean;
}

const PENDING = new WeakMap<IConstruct, Pending[]>();
const STACKS = new WeakSet<TerraformStack>();

/**
 * A warning of a construct about its props, with its stable id. It is added when the stack
 * synthesizes (an aspect), so that a suppression made after the construct (with
 * `MlflowChecks.suppress`) turns it into an info with the reason.
 */
export function constructWarning(scope: IConstruct, id: string, message: string): void {
  const list = PENDING.get(scope) ?? [];
  if (list.some((w) => w.id === id && w.message === message)) return;
  list.push({ id, message, emitted: false });
  PENDING.set(scope, list);
  const stack = TerraformStack.of(scope);
  if (!STACKS.has(stack)) {
    STACKS.add(stack);
    Aspects.of(stack).add(new ConstructWarnings());
  }
}

class ConstructWarnings implements IAspect {
  public visit(node: IConstruct): void {
    for (const w of PENDING.get(node) ?? []) {
      if (w.emitted) continue;
      w.emitted = true;
      const reason = suppressionReason(node, w.id);
      if (reason !== undefined) Annotations.of(node).addInfo(`[${w.id}] suppressed (${reason}): ${w.message}`);
      else Annotations.of(node).addWarning(`[${w.id}] ${w.message}`);
    }
  }
}
