import { IConstruct } from 'constructs';

/** The network policy engine of an AKS cluster (`network_policy`). */
export enum AksNetworkPolicyEngine {
  /** None: network policies are accepted and ignored. */
  NONE = 'none',
  /** Azure Network Policy Manager. */
  AZURE = 'azure',
  /** Calico. */
  CALICO = 'calico',
  /** Cilium (Azure CNI powered by Cilium). */
  CILIUM = 'cilium',
}

/**
 * An AKS cluster MLflow runs on, whoever manages it: `AksCluster.fromLookup`,
 * `AksCluster.fromAttributes`, or your own implementation. Everything that needs a cluster
 * (`ArtifactAccess`, `MlflowOnAzure`, `MlflowTeams`) takes this interface.
 */
export interface IAksCluster extends IConstruct {
  /** The cluster name (messages). */
  readonly clusterName: string;
  /** The OIDC issuer URL, when known (workload identity). */
  readonly oidcIssuerUrl?: string;
  /** Object id of the kubelet identity, when known. */
  readonly kubeletIdentityObjectId?: string;
  /** Client id of the kubelet identity, when known. */
  readonly kubeletIdentityClientId?: string;
  /** Whether the OIDC issuer is on, when known at synth. */
  readonly oidcIssuerEnabled?: boolean;
  /** Whether workload identity is on, when known at synth. */
  readonly workloadIdentityEnabled?: boolean;
  /** The network policy engine, when known at synth. */
  readonly networkPolicyEngine?: AksNetworkPolicyEngine;
  /** Whether the cluster is looked up (its properties are known only at plan). */
  readonly lookedUp: boolean;

  /** Record that workload identity is needed (fails at synth or at plan when it is off). */
  requireWorkloadIdentity(): void;
  /** Record that the kubelet identity is needed. */
  requireKubeletIdentity(): void;
  /** Record that network policies are relied on: warn when the cluster runs no engine. */
  warnIfNoNetworkPolicyEngine(user: IConstruct): void;
}
