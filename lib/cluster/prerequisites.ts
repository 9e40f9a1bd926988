import type { IAksCluster } from './reference';
import { Problems } from '../core/validation';

/**
 * What an auth mode needs from a cluster given by attributes (a looked-up cluster is checked
 * by a postcondition at plan instead): one place for the rules, reported under the caller's
 * prop prefix (`attributes` on the cluster itself, `cluster` on the constructs that use it).
 * Internal: not part of the jsii API.
 */
export function checkClusterForWorkloadIdentity(p: Problems, cluster: IAksCluster, prefix: string): void {
  if (cluster.lookedUp) return;
  p.require(cluster.oidcIssuerEnabled !== false, `${prefix}.oidcIssuerEnabled`, false, 'workload identity needs the OIDC issuer on the cluster (oidc_issuer_enabled = true)');
  p.require(cluster.workloadIdentityEnabled !== false, `${prefix}.workloadIdentityEnabled`, false, 'workload identity needs workload_identity_enabled = true on the cluster (the workload identity webhook)');
  p.require(cluster.oidcIssuerUrl !== undefined, `${prefix}.oidcIssuerUrl`, undefined, 'workload identity needs the OIDC issuer URL of the cluster: give attributes.oidcIssuerUrl to the AksCluster');
}

/** What the kubelet identity mode needs from a cluster given by attributes. Internal. */
export function checkClusterForKubeletIdentity(p: Problems, cluster: IAksCluster, prefix: string): void {
  if (cluster.lookedUp) return;
  p.require(cluster.kubeletIdentityObjectId !== undefined, `${prefix}.kubeletIdentityObjectId`, undefined, 'the kubelet identity mode needs the object id of the kubelet identity: give attributes.kubeletIdentityObjectId to the AksCluster');
  p.require(cluster.kubeletIdentityClientId !== undefined, `${prefix}.kubeletIdentityClientId`, undefined, 'the kubelet identity mode needs the client id of the kubelet identity (AZURE_CLIENT_ID picks the identity on the node): give attributes.kubeletIdentityClientId to the AksCluster');
}
