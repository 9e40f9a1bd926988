import type { NetworkPolicyV1, NetworkPolicyV1Spec, NetworkPolicyV1SpecIngressFrom } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { Construct } from 'constructs';
import { MlflowEgressOptions } from './props';
import { kubernetesModules } from '../core/providers';

/** What {@link buildNetworkPolicySpec} takes, resolved. */
export interface NetworkPolicySpecInput {
  /** Labels selecting the MLflow server pods (the chart's selector labels). */
  readonly podLabels: { [key: string]: string };
  readonly port: number;
  readonly ingressControllerNamespaces: string[];
  readonly allowedCidrs: string[];
  readonly clientNamespaces: string[];
  readonly egress?: MlflowEgressOptions;
}

/** The label every namespace carries with its own name (Kubernetes >= 1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The network policy's spec (pure, for tests). */
export function buildNetworkPolicySpec(input: NetworkPolicySpecInput): NetworkPolicyV1Spec {
  const namespaces = [...new Set([...input.ingressControllerNamespaces, ...input.clientNamespaces])];
  const from: NetworkPolicyV1SpecIngressFrom[] = [
    ...namespaces.map((name) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } })),
    ...input.allowedCidrs.map((cidr) => ({ ipBlock: { cidr } })),
  ];
  const egress = input.egress;
  return {
    podSelector: { matchLabels: { ...input.podLabels } },
    policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
    // No source at all: nothing may reach the pods (an empty `from` would admit everyone).
    ingress: from.length > 0 ? [{ from, ports: [{ port: String(input.port), protocol: 'TCP' }] }] : [],
    ...(egress
      ? {
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }],
          },
          ...egress.rules.map((rule) => ({
            to: [{ ipBlock: { cidr: rule.cidr } }],
            ports: rule.ports.map((port) => ({ port: String(port), protocol: 'TCP' })),
          })),
        ],
      }
      : {}),
  };
}

/**
 * The network policy of an MLflow release: its pods are reached on their port only from the
 * ingress controller, the allowed ranges and the client namespaces (created by `MlflowRelease`,
 * which validates its options).
 */
export function createNetworkPolicy(
  scope: Construct,
  id: string,
  name: string,
  namespaceName: string,
  input: NetworkPolicySpecInput,
): NetworkPolicyV1 {
  return new kubernetesModules.networkPolicyV1.NetworkPolicyV1(scope, id, {
    metadata: {
      name,
      namespace: namespaceName,
      labels: { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/managed-by': 'terraform' },
    },
    spec: buildNetworkPolicySpec(input),
  });
}
