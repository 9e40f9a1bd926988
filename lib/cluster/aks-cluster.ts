import type { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import type { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import type { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import {

  Fn,
  Postcondition,
  TerraformResource,
  TerraformStack,
  Token,
} from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { KubernetesAuth, KubernetesAuthMethod } from './kubernetes-auth';
import { checkClusterForKubeletIdentity, checkClusterForWorkloadIdentity } from './prerequisites';
import { AksNetworkPolicyEngine, IAksCluster } from './reference';
import { checkName, checkResourceGroupName } from '../core/names';
import { azurermModules, helmModules, kubernetesModules } from '../core/providers';
import { resolveInStack } from '../core/tokens';
import { isLiteral, Problems } from '../core/validation';
import { constructWarning, MlflowWarningId } from '../policy/warnings';

const AKS_NAME = /^(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/;
const AKS_NAME_RULE = 'must be 1 to 63 letters, digits, hyphens and underscores, starting and ending with a letter or digit';

/** The Terraform conditions the looked-up cluster must meet, with their messages. */
const POSTCONDITIONS = {
  oidcIssuer: {
    condition: '${self.oidc_issuer_enabled == true && try(length(self.oidc_issuer_url) > 0, false)}',
    errorMessage:
      'MLflow workload identity needs the AKS OIDC issuer: this cluster has oidc_issuer_enabled = false (or no oidc_issuer_url). Enable it (az aks update --enable-oidc-issuer --enable-workload-identity, or oidc_issuer_enabled = true and workload_identity_enabled = true on azurerm_kubernetes_cluster), or choose another ArtifactAuth mode.',
  },
  kubeletIdentity: {
    condition: '${try(length(self.kubelet_identity[0].object_id) > 0, false)}',
    errorMessage:
      'The MLflow kubelet identity mode needs a cluster with a managed kubelet identity: this cluster has none (it uses a service principal). Choose ArtifactAuth.workloadIdentity() instead.',
  },
} as const;


/**
 * An existing cluster, looked up by name with the `azurerm_kubernetes_cluster` data source.
 */
export interface AksClusterLookup {
  /** The cluster name. */
  readonly name: string;
  /** The cluster's resource group. */
  readonly resourceGroupName: string;
}

/**
 * What is known about a cluster without looking it up: typically the outputs of the stack
 * that created the cluster (cross-stack references or variables).
 *
 * The connection attributes (`host`, `clusterCaCertificate`, `clientCertificate`,
 * `clientKey`) configure the kubernetes and helm providers: they must not come from an
 * `azurerm_kubernetes_cluster` resource created in the same stack. Terraform configures
 * providers before it creates resources, so they are unknown on the first apply (and after
 * any change that replaces the cluster), and the kubernetes provider's documentation warns
 * against it. Create the cluster in a separate stack (or apply), then look it up
 * ({@link AksCluster.fromLookup}) or pass that stack's outputs here; a warning is added when
 * one of them refers to a resource of this stack. The identity attributes (OIDC issuer,
 * kubelet identity) are used by resources, not providers, and may come from anywhere.
 *
 * The booleans are plain values known at synth, so that a contradicting auth mode fails at
 * construction.
 */
export interface AksClusterAttributes {
  /** The cluster name (documentation and error messages). */
  readonly name: string;
  /**
   * The OIDC issuer URL (`oidc_issuer_url`); needed for workload identity.
   * @default - unknown: workload identity cannot be used
   */
  readonly oidcIssuerUrl?: string;
  /**
   * Whether the OIDC issuer is on (`oidc_issuer_enabled`).
   * @default - unknown
   */
  readonly oidcIssuerEnabled?: boolean;
  /**
   * Whether the workload identity webhook is on (`workload_identity_enabled`).
   * @default - unknown
   */
  readonly workloadIdentityEnabled?: boolean;
  /**
   * Object (principal) id of the kubelet identity (`kubelet_identity[0].object_id`); needed for the kubelet identity mode.
   * @default - unknown: the kubelet identity mode cannot be used
   */
  readonly kubeletIdentityObjectId?: string;
  /**
   * Client id of the kubelet identity (`kubelet_identity[0].client_id`); needed for the kubelet identity mode.
   * @default - unknown: the kubelet identity mode cannot be used
   */
  readonly kubeletIdentityClientId?: string;
  /**
   * The API server URL, e.g. `kube_config[0].host` of the cluster, output by the stack that
   * created it; needed to configure the providers. Not from a cluster resource of this stack.
   * @default - unknown: the providers cannot be configured from this cluster
   */
  readonly host?: string;
  /**
   * The cluster CA certificate, base64-encoded PEM as AKS returns it (`kube_config[0].cluster_ca_certificate`).
   * @default - unknown: the providers cannot be configured from this cluster
   */
  readonly clusterCaCertificate?: string;
  /**
   * The client certificate, base64-encoded PEM (`kube_config[0].client_certificate`): a
   * Terraform reference. Only for {@link KubernetesAuth.clientCertificate}.
   * @default - none
   */
  readonly clientCertificate?: string;
  /**
   * The client key, base64-encoded PEM (`kube_config[0].client_key`): a Terraform reference
   * (a sensitive variable, or an output of the stack that created the cluster), never a
   * literal. Only for {@link KubernetesAuth.clientCertificate}.
   * @default - none
   */
  readonly clientKey?: string;
  /**
   * The cluster's network policy engine (`network_profile[0].network_policy`): with
   * `AksNetworkPolicyEngine.NONE` the network policies MLflow creates are accepted and ignored,
   * and the release warns.
   * @default - unknown
   */
  readonly networkPolicyEngine?: AksNetworkPolicyEngine;
}

/**
 * Props of {@link AksCluster}: exactly one of `lookup` and `attributes`.
 */
export interface AksClusterProps {
  /**
   * Look the cluster up by name (data source `azurerm_kubernetes_cluster`).
   * @default - not looked up: `attributes` must be given
   */
  readonly lookup?: AksClusterLookup;
  /**
   * The cluster's attributes, given explicitly.
   * @default - not given: `lookup` must be given
   */
  readonly attributes?: AksClusterAttributes;
  /**
   * The cluster must support workload identity: with `lookup`, a postcondition on the data
   * source fails the plan when the OIDC issuer is off; with `attributes`, a known `false`
   * fails at construction. `ArtifactAccess` in workload identity mode turns this on itself.
   * @default false
   */
  readonly requireWorkloadIdentity?: boolean;
}

/**
 * Options of {@link AksCluster.configureProviders}.
 */
export interface AksProvidersOptions {
  /**
   * A provider alias, for a second cluster in the same stack (pass the providers to the
   * resources with `provider:`). Also makes the construct ids unique.
   * @default - the default (unaliased) providers
   */
  readonly alias?: string;
  /**
   * The scope the providers are created in (providers apply to their whole stack wherever they are).
   * @default - this cluster construct
   */
  readonly scope?: Construct;
}

/**
 * The providers {@link AksCluster.configureProviders} created.
 */
export interface AksProviders {
  /** The kubernetes provider (2.x: `exec` is a block list). */
  readonly kubernetes: KubernetesProvider;
  /** The helm provider (3.x: `kubernetes` is an object). */
  readonly helm: HelmProvider;
}

interface Connection {
  readonly host: string;
  readonly clusterCaCertificate: string;
  readonly clientCertificate?: string;
  readonly clientKey?: string;
}

/**
 * An existing AKS cluster: looked up by name, or given as attributes. It hands the identity
 * and release constructs plain values (OIDC issuer, kubelet identity) and configures the
 * kubernetes and helm providers.
 *
 * Note: the azurerm 4.55 data source does not export `workload_identity_enabled`
 * (hashicorp/terraform-provider-azurerm#27761); a looked-up cluster is checked for the OIDC
 * issuer only.
 */
export class AksCluster extends Construct implements IAksCluster {
  /** Look a cluster up by name and resource group. */
  public static fromLookup(scope: Construct, id: string, lookup: AksClusterLookup): AksCluster {
    return new AksCluster(scope, id, { lookup });
  }

  /** A cluster given by its attributes. */
  public static fromAttributes(scope: Construct, id: string, attributes: AksClusterAttributes): AksCluster {
    return new AksCluster(scope, id, { attributes });
  }

  /** The cluster name. */
  public readonly clusterName: string;
  /** The data source, when the cluster is looked up. */
  public readonly dataSource?: DataAzurermKubernetesCluster;
  /** The OIDC issuer URL (a reference when looked up; undefined when unknown). */
  public readonly oidcIssuerUrl?: string;
  /** Object id of the kubelet identity (a reference when looked up; undefined when unknown). */
  public readonly kubeletIdentityObjectId?: string;
  /** Client id of the kubelet identity (a reference when looked up; undefined when unknown). */
  public readonly kubeletIdentityClientId?: string;
  /** Whether the OIDC issuer is on, when known at synth (attributes); undefined otherwise. */
  public readonly oidcIssuerEnabled?: boolean;
  /** Whether workload identity is on, when known at synth (attributes); undefined otherwise. */
  public readonly workloadIdentityEnabled?: boolean;
  /** The API server URL (a reference), when known. */
  public readonly host?: string;
  /** The network policy engine, when known at synth (attributes); undefined otherwise. */
  public readonly networkPolicyEngine?: AksNetworkPolicyEngine;

  private readonly attributes?: AksClusterAttributes;
  private readonly postconditions = new Map<string, Postcondition>();
  private readonly providersConfigured = new Set<string>();
  private networkPolicyCheckAdded = false;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    validateAksClusterProps(`AksCluster at ${this.node.path}`, props);
    const { lookup, attributes } = props;
    if (lookup) {
      const ds = new azurermModules.dataAzurermKubernetesCluster.DataAzurermKubernetesCluster(this, 'Cluster', {
        name: lookup.name,
        resourceGroupName: lookup.resourceGroupName,
      });
      this.dataSource = ds;
      this.clusterName = lookup.name;
      this.oidcIssuerUrl = ds.oidcIssuerUrl;
      this.kubeletIdentityObjectId = ds.kubeletIdentity.get(0).objectId;
      this.kubeletIdentityClientId = ds.kubeletIdentity.get(0).clientId;
      this.host = ds.kubeConfig.get(0).host;
    } else {
      const a = attributes!;
      this.attributes = a;
      this.clusterName = a.name;
      this.oidcIssuerUrl = a.oidcIssuerUrl;
      this.oidcIssuerEnabled = a.oidcIssuerEnabled;
      this.workloadIdentityEnabled = a.workloadIdentityEnabled;
      this.kubeletIdentityObjectId = a.kubeletIdentityObjectId;
      this.kubeletIdentityClientId = a.kubeletIdentityClientId;
      this.host = a.host;
      this.networkPolicyEngine = a.networkPolicyEngine;
    }
    if (props.requireWorkloadIdentity) this.requireWorkloadIdentity();
  }

  /** Whether the cluster is looked up (its properties are then known only at plan). */
  public get lookedUp(): boolean {
    return this.dataSource !== undefined;
  }

  /**
   * Record that workload identity is needed. A looked-up cluster gets a postcondition that
   * fails the plan when the OIDC issuer is off; a cluster given by attributes fails here
   * when they say the OIDC issuer or workload identity is off, or give no issuer URL.
   */
  public requireWorkloadIdentity(): void {
    if (this.dataSource) {
      this.addPostcondition('oidcIssuer');
      return;
    }
    const p = new Problems(`AksCluster at ${this.node.path}: workload identity`);
    checkClusterForWorkloadIdentity(p, this, 'attributes');
    p.throwIfAny();
  }

  /**
   * Record that network policies are relied on: a cluster given by attributes with
   * `networkPolicyEngine: NONE` warns on `user` (they would be accepted and ignored); a looked-up
   * cluster gets a Terraform `check` block whose assertion warns at plan when the cluster's
   * `network_policy` is empty or `none`.
   */
  public warnIfNoNetworkPolicyEngine(user: IConstruct): void {
    if (!this.dataSource) {
      if (this.networkPolicyEngine === AksNetworkPolicyEngine.NONE) {
        constructWarning(user, MlflowWarningId.NO_NETWORK_POLICY_ENGINE,
          `cluster ${this.clusterName} runs no network policy engine (networkPolicyEngine: none): the network policy of MLflow is accepted and ignored, so every pod of the cluster can reach it. Enable one (azure, calico or cilium) on the cluster.`,
        );
      }
      return;
    }
    if (this.networkPolicyCheckAdded) return;
    this.networkPolicyCheckAdded = true;
    const policy = resolveInStack(this, this.dataSource.networkProfile.get(0).networkPolicy) as string;
    const expression = policy.replace(/^\$\{(.*)\}$/, '$1');
    TerraformStack.of(this).addOverride(`check.${this.dataSource.friendlyUniqueId}_network_policy_engine`, {
      assert: [{
        condition: `\${!contains(["", "none"], try(${expression}, ""))}`,
        error_message: `AKS cluster ${this.clusterName} runs no network policy engine (network_policy is empty or none): the network policies of MLflow are accepted and ignored, so every pod of the cluster can reach it. Enable Azure Network Policy Manager, Calico or Cilium on the cluster.`,
      }],
    });
  }

  /**
   * Record that the kubelet identity is needed. A looked-up cluster gets a postcondition
   * that fails the plan when it has no managed kubelet identity; a cluster given by
   * attributes fails here when they do not give its object and client ids.
   */
  public requireKubeletIdentity(): void {
    if (this.dataSource) {
      this.addPostcondition('kubeletIdentity');
      return;
    }
    const p = new Problems(`AksCluster at ${this.node.path}: kubelet identity`);
    checkClusterForKubeletIdentity(p, this, 'attributes');
    p.throwIfAny();
  }

  /**
   * Create the kubernetes and helm providers for this cluster.
   *
   * Every credential stays a Terraform reference: the host, CA certificate and client
   * certificate come from the cluster's kube config (decoded with `base64decode`), and the
   * kubelogin exec plugin takes no secret argument.
   *
   * The cluster must exist before this stack is applied: look it up, or create it in a
   * separate stack. Providers configured from a cluster resource of the same stack are
   * unknown on the first apply; a warning says so when the attributes refer to one.
   */
  public configureProviders(auth: KubernetesAuth, options: AksProvidersOptions = {}): AksProviders {
    const p = new Problems(`AksCluster at ${this.node.path}: configureProviders`);
    if (options.alias !== undefined) {
      p.literalId('options.alias', options.alias);
      p.matches('options.alias', options.alias, /^[A-Za-z][A-Za-z0-9_-]{0,62}$/, 'must start with a letter, then letters, digits, "_" and "-" (at most 63)');
    }
    const key = options.alias ?? '';
    p.require(!this.providersConfigured.has(key), 'options.alias', options.alias, 'providers with this alias were already configured for this cluster');
    const connection = this.connection(auth, p);
    p.throwIfAny();
    this.providersConfigured.add(key);
    this.warnIfCreatedInThisStack(auth);

    const scope = options.scope ?? this;
    const suffix = options.alias ? `-${options.alias}` : '';
    const exec = auth._exec;
    const kubernetes = new kubernetesModules.provider.KubernetesProvider(scope, `KubernetesProvider${suffix}`, {
      alias: options.alias,
      host: connection.host,
      clusterCaCertificate: connection.clusterCaCertificate,
      clientCertificate: connection.clientCertificate,
      clientKey: connection.clientKey,
      exec: exec ? [{ apiVersion: exec.apiVersion, command: exec.command, args: exec.args }] : undefined,
    });
    const helm = new helmModules.provider.HelmProvider(scope, `HelmProvider${suffix}`, {
      alias: options.alias,
      kubernetes: {
        host: connection.host,
        clusterCaCertificate: connection.clusterCaCertificate,
        clientCertificate: connection.clientCertificate,
        clientKey: connection.clientKey,
        exec: exec ? { apiVersion: exec.apiVersion, command: exec.command, args: exec.args } : undefined,
      },
    });
    return { kubernetes, helm };
  }

  private connection(auth: KubernetesAuth, p: Problems): Connection {
    const certificate = auth.method === KubernetesAuthMethod.CLIENT_CERTIFICATE;
    if (this.dataSource) {
      const config = auth.admin ? this.dataSource.kubeAdminConfig.get(0) : this.dataSource.kubeConfig.get(0);
      return {
        host: config.host,
        clusterCaCertificate: Fn.base64decode(config.clusterCaCertificate),
        clientCertificate: certificate ? Fn.base64decode(config.clientCertificate) : undefined,
        clientKey: certificate ? Fn.base64decode(config.clientKey) : undefined,
      };
    }
    const a = this.attributes!;
    p.require(a.host !== undefined, 'attributes.host', undefined, 'is needed to configure the providers');
    p.require(a.clusterCaCertificate !== undefined, 'attributes.clusterCaCertificate', undefined, 'is needed to configure the providers');
    if (certificate) {
      p.require(a.clientCertificate !== undefined, 'attributes.clientCertificate', undefined, 'is needed for KubernetesAuth.clientCertificate()');
      p.require(a.clientKey !== undefined, 'attributes.clientKey', undefined, 'is needed for KubernetesAuth.clientCertificate()');
    }
    if (auth.admin) {
      p.add('auth', 'clientCertificate({ admin: true })', 'admin credentials can only be read from a looked-up cluster; give the admin certificate and key as attributes and use clientCertificate()');
    }
    const decode = (v: string | undefined) => (v === undefined ? undefined : Fn.base64decode(v));
    return {
      host: a.host ?? '',
      clusterCaCertificate: decode(a.clusterCaCertificate) ?? '',
      clientCertificate: certificate ? decode(a.clientCertificate) : undefined,
      clientKey: certificate ? decode(a.clientKey) : undefined,
    };
  }

  /** Warn when a connection attribute refers to a resource (not a data source or variable) of this stack. */
  private warnIfCreatedInThisStack(auth: KubernetesAuth): void {
    const a = this.attributes;
    if (!a) return;
    const fields: [string, string | undefined][] = [
      ['host', a.host],
      ['clusterCaCertificate', a.clusterCaCertificate],
    ];
    if (auth.method === KubernetesAuthMethod.CLIENT_CERTIFICATE) {
      fields.push(['clientCertificate', a.clientCertificate], ['clientKey', a.clientKey]);
    }
    const hits = fields.flatMap(([name, value]) => {
      const resources = resourcesOfThisStackIn(this, value);
      return resources.length > 0 ? [`attributes.${name} (${resources.join(', ')})`] : [];
    });
    if (hits.length === 0) return;
    constructWarning(this, MlflowWarningId.PROVIDERS_FROM_SAME_STACK,
      `${hits.join(', ')} ${hits.length === 1 ? 'refers' : 'refer'} to a resource created in this stack: the kubernetes and helm providers would be configured from values that are unknown until it exists (first apply, or a change that replaces the cluster), which the kubernetes provider docs warn against. Create the cluster in a separate stack and look it up (AksCluster.fromLookup) or pass that stack's outputs.`,
    );
  }

  private addPostcondition(kind: keyof typeof POSTCONDITIONS): void {
    if (this.postconditions.has(kind)) return;
    this.postconditions.set(kind, POSTCONDITIONS[kind]);
    const ds = this.dataSource!;
    ds.lifecycle = { ...ds.lifecycle, postcondition: [...this.postconditions.values()] };
  }
}

/** A reference to a resource in a resolved expression: `<provider>_<type>.<name>.` (not `data.`, `var.`, `local.`, `module.`). */
const RESOURCE_REFERENCE = /(?<![\w.$-])([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][\w-]*)\./g;

/** The addresses of the resources of the stack of `scope` that a token refers to (none for literals, data sources, variables, other stacks). */
function resourcesOfThisStackIn(scope: IConstruct, value: string | undefined): string[] {
  if (value === undefined || !Token.isUnresolved(value)) return [];
  const stack = TerraformStack.of(scope);
  let resolved: unknown;
  try {
    resolved = resolveInStack(stack, value);
  } catch {
    return [];
  }
  if (typeof resolved !== 'string') return [];
  const addresses = new Set<string>();
  for (const m of resolved.matchAll(RESOURCE_REFERENCE)) addresses.add(`${m[1]}.${m[2]}`);
  if (addresses.size === 0) return [];
  return stack.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && TerraformStack.of(c) === stack)
    .map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`)
    .filter((address) => addresses.has(address));
}

function validateAksClusterProps(owner: string, props: AksClusterProps): void {
  const p = new Problems(owner);
  const { lookup, attributes } = props;
  if (lookup === undefined && attributes === undefined) {
    p.add('lookup', undefined, 'give exactly one of lookup (look the cluster up by name) and attributes');
  }
  if (lookup !== undefined && attributes !== undefined) {
    p.add('attributes', '{...}', 'give exactly one of lookup and attributes, not both');
  }
  if (lookup) {
    p.matches('lookup.name', lookup.name, AKS_NAME, AKS_NAME_RULE);
    checkResourceGroupName(p, 'lookup.resourceGroupName', lookup.resourceGroupName);
  }
  if (attributes) {
    p.matches('attributes.name', attributes.name, AKS_NAME, AKS_NAME_RULE);
    p.matches('attributes.oidcIssuerUrl', attributes.oidcIssuerUrl, /^https:\/\/\S+$/, 'must be an https:// URL');
    checkName(p, 'guid', 'attributes.kubeletIdentityObjectId', attributes.kubeletIdentityObjectId);
    checkName(p, 'guid', 'attributes.kubeletIdentityClientId', attributes.kubeletIdentityClientId);
    p.matches('attributes.host', attributes.host, /^https:\/\/\S+$/, 'must be an https:// URL');
    if (isLiteral(attributes.clientKey)) {
      p.add('attributes.clientKey', '<literal, not shown>', 'must be a Terraform reference (a sensitive variable, or an output of the stack that created the cluster), never a literal: it would be written into the synthesized JSON');
    }
    if (attributes.oidcIssuerEnabled === false && isLiteral(attributes.oidcIssuerUrl) && attributes.oidcIssuerUrl !== '') {
      p.add('attributes.oidcIssuerUrl', attributes.oidcIssuerUrl, 'contradicts attributes.oidcIssuerEnabled: false');
    }
    if (attributes.workloadIdentityEnabled === true && attributes.oidcIssuerEnabled === false) {
      p.add('attributes.workloadIdentityEnabled', true, 'contradicts attributes.oidcIssuerEnabled: false (workload identity needs the OIDC issuer)');
    }
  }
  p.throwIfAny();
}
