import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { AksCluster, AksClusterAttributes, KubernetesAuth, KubeloginLoginMode } from '../../lib/cluster';
import { AzureCloud } from '../../lib/core/cloud';
import { errorOf, ref, synthJson, testApp, testStack, warningsOf } from '../util';

const KUBELET_OBJECT_ID = '11111111-2222-3333-4444-555555555555';
const KUBELET_CLIENT_ID = '66666666-7777-8888-9999-000000000000';

function lookedUp(): { stack: TerraformStack; cluster: AksCluster } {
  const stack = testStack();
  const cluster = AksCluster.fromLookup(stack, 'Aks', { name: 'aks-prod', resourceGroupName: 'rg-aks' });
  return { stack, cluster };
}

/** Attributes as they come from the stack that created the cluster (variables here): references, not literals. */
function attributeRefs(stack: TerraformStack): AksClusterAttributes {
  const v = (name: string, sensitive = false) => new TerraformVariable(stack, name, { type: 'string', sensitive }).value;
  return {
    name: 'aks-prod',
    oidcIssuerUrl: v('oidc_issuer_url'),
    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,
    kubeletIdentityObjectId: KUBELET_OBJECT_ID,
    kubeletIdentityClientId: KUBELET_CLIENT_ID,
    host: v('host'),
    clusterCaCertificate: v('ca'),
    clientCertificate: v('client_certificate', true),
    clientKey: v('client_key', true),
  };
}

/** An azurerm_kubernetes_cluster resource created in `scope`'s stack. */
function clusterResource(scope: Construct): KubernetesCluster {
  return new KubernetesCluster(scope, 'AksResource', {
    name: 'aks-prod',
    location: 'westeurope',
    resourceGroupName: 'rg-aks',
    dnsPrefix: 'aks',
    defaultNodePool: { name: 'system', vmSize: 'Standard_D4s_v5', nodeCount: 1 },
    identity: { type: 'SystemAssigned' },
  });
}

function dataSourceOf(json: any): any {
  const all = Object.values(json.data?.azurerm_kubernetes_cluster ?? {});
  if (all.length !== 1) throw new Error(`expected one azurerm_kubernetes_cluster data source, found ${all.length}`);
  return all[0];
}

describe('AksCluster looked up by name', () => {
  test('reads the cluster with the azurerm_kubernetes_cluster data source, without conditions by default', () => {
    const { stack } = lookedUp();
    const ds = dataSourceOf(synthJson(stack));
    expect(ds).toEqual({ name: 'aks-prod', resource_group_name: 'rg-aks' });
  });

  test('outputs are references to the data source; the booleans are unknown at synth', () => {
    const { stack, cluster } = lookedUp();
    const id = Object.keys(synthJson(stack).data.azurerm_kubernetes_cluster)[0];
    expect(cluster.lookedUp).toBe(true);
    expect(ref(stack, cluster.oidcIssuerUrl!)).toBe(`\${data.azurerm_kubernetes_cluster.${id}.oidc_issuer_url}`);
    expect(ref(stack, cluster.kubeletIdentityObjectId!)).toBe(`\${data.azurerm_kubernetes_cluster.${id}.kubelet_identity[0].object_id}`);
    expect(ref(stack, cluster.kubeletIdentityClientId!)).toBe(`\${data.azurerm_kubernetes_cluster.${id}.kubelet_identity[0].client_id}`);
    expect(cluster.oidcIssuerEnabled).toBeUndefined();
    expect(cluster.workloadIdentityEnabled).toBeUndefined();
  });

  test('requireWorkloadIdentity adds a postcondition on the OIDC issuer that fails the plan with a clear message', () => {
    const { stack, cluster } = lookedUp();
    cluster.requireWorkloadIdentity();
    cluster.requireWorkloadIdentity(); // idempotent
    const ds = dataSourceOf(synthJson(stack));
    expect(ds.lifecycle.postcondition).toHaveLength(1);
    const [condition] = ds.lifecycle.postcondition;
    expect(condition.condition).toBe('${self.oidc_issuer_enabled == true && try(length(self.oidc_issuer_url) > 0, false)}');
    expect(condition.error_message).toMatch(/workload identity needs the AKS OIDC issuer/);
    expect(condition.error_message).toMatch(/oidc_issuer_enabled = true and workload_identity_enabled = true/);
  });

  test('requireWorkloadIdentity: true in the props adds the postcondition at once', () => {
    const stack = testStack();
    new AksCluster(stack, 'Aks', { lookup: { name: 'aks-prod', resourceGroupName: 'rg-aks' }, requireWorkloadIdentity: true });
    expect(dataSourceOf(synthJson(stack)).lifecycle.postcondition[0].condition).toMatch(/self\.oidc_issuer_enabled == true/);
  });

  test('requireKubeletIdentity adds a second postcondition next to the OIDC one', () => {
    const { stack, cluster } = lookedUp();
    cluster.requireWorkloadIdentity();
    cluster.requireKubeletIdentity();
    const conditions = dataSourceOf(synthJson(stack)).lifecycle.postcondition;
    expect(conditions.map((c: any) => c.condition)).toEqual([
      '${self.oidc_issuer_enabled == true && try(length(self.oidc_issuer_url) > 0, false)}',
      '${try(length(self.kubelet_identity[0].object_id) > 0, false)}',
    ]);
    expect(conditions[1].error_message).toMatch(/needs a cluster with a managed kubelet identity/);
  });
});

describe('AksCluster given by attributes', () => {
  test('creates no data source and exposes the attributes as given', () => {
    const stack = testStack();
    const cluster = AksCluster.fromAttributes(stack, 'Aks', {
      name: 'aks-prod',
      oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: false,
      kubeletIdentityObjectId: KUBELET_OBJECT_ID,
    });
    expect(synthJson(stack).data).toBeUndefined();
    expect(cluster.lookedUp).toBe(false);
    expect(cluster.clusterName).toBe('aks-prod');
    expect(cluster.oidcIssuerUrl).toBe('https://westeurope.oic.prod-aks.azure.com/tenant/issuer/');
    expect(cluster.oidcIssuerEnabled).toBe(true);
    expect(cluster.workloadIdentityEnabled).toBe(false);
    expect(cluster.kubeletIdentityObjectId).toBe(KUBELET_OBJECT_ID);
    expect(cluster.kubeletIdentityClientId).toBeUndefined();
  });

  test('requireWorkloadIdentity passes when the attributes allow it', () => {
    const stack = testStack();
    const cluster = AksCluster.fromAttributes(stack, 'Aks', attributeRefs(stack));
    expect(() => cluster.requireWorkloadIdentity()).not.toThrow();
    expect(() => cluster.requireKubeletIdentity()).not.toThrow();
  });
});

describe('AksCluster.configureProviders', () => {
  test('kubelogin: kubernetes exec is a block list, helm kubernetes is an object with an exec object', () => {
    const { stack, cluster } = lookedUp();
    cluster.configureProviders(KubernetesAuth.kubelogin());
    const json = synthJson(stack);
    const id = Object.keys(json.data.azurerm_kubernetes_cluster)[0];
    const exec = {
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'kubelogin',
      args: ['get-token', '--login', 'azurecli', '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630', '--environment', 'AzurePublicCloud'],
    };
    const host = `\${data.azurerm_kubernetes_cluster.${id}.kube_config[0].host}`;
    const ca = `\${base64decode(data.azurerm_kubernetes_cluster.${id}.kube_config[0].cluster_ca_certificate)}`;
    expect(json.provider.kubernetes).toEqual([{ host, cluster_ca_certificate: ca, exec: [exec] }]);
    expect(json.provider.helm).toEqual([{ kubernetes: { host, cluster_ca_certificate: ca, exec } }]);
    expect(Array.isArray(json.provider.helm[0].kubernetes)).toBe(false);
  });

  test('kubelogin options become arguments; no secret argument exists', () => {
    const { stack, cluster } = lookedUp();
    cluster.configureProviders(KubernetesAuth.kubelogin({
      loginMode: KubeloginLoginMode.SERVICE_PRINCIPAL,
      cloud: AzureCloud.CHINA,
      tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      clientId: KUBELET_CLIENT_ID,
      useAzurermEnvVars: true,
      command: '/usr/local/bin/kubelogin',
    }));
    const json = synthJson(stack);
    const exec = json.provider.kubernetes[0].exec[0];
    expect(exec.command).toBe('/usr/local/bin/kubelogin');
    expect(exec.args).toEqual([
      'get-token', '--login', 'spn',
      '--server-id', '6dae42f8-4368-4678-94ff-3960e28e3630',
      '--environment', 'AzureChinaCloud',
      '--tenant-id', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      '--client-id', KUBELET_CLIENT_ID,
      '--use-azurerm-env-vars',
    ]);
    expect(json.provider.helm[0].kubernetes.exec).toEqual(exec);
    expect(JSON.stringify(json)).not.toMatch(/client-secret|client_key|client_certificate/);
  });

  test('client certificate: base64-decoded references to kube_config, no exec', () => {
    const { stack, cluster } = lookedUp();
    cluster.configureProviders(KubernetesAuth.clientCertificate());
    const json = synthJson(stack);
    const id = Object.keys(json.data.azurerm_kubernetes_cluster)[0];
    const k = json.provider.kubernetes[0];
    expect(k.client_certificate).toBe(`\${base64decode(data.azurerm_kubernetes_cluster.${id}.kube_config[0].client_certificate)}`);
    expect(k.client_key).toBe(`\${base64decode(data.azurerm_kubernetes_cluster.${id}.kube_config[0].client_key)}`);
    expect(k.exec).toBeUndefined();
    expect(json.provider.helm[0].kubernetes.client_key).toBe(k.client_key);
    expect(json.provider.helm[0].kubernetes.exec).toBeUndefined();
  });

  test('client certificate with admin: true reads kube_admin_config', () => {
    const { stack, cluster } = lookedUp();
    cluster.configureProviders(KubernetesAuth.clientCertificate({ admin: true }));
    const k = synthJson(stack).provider.kubernetes[0];
    expect(k.host).toMatch(/\.kube_admin_config\[0\]\.host\}$/);
    expect(k.client_key).toMatch(/\.kube_admin_config\[0\]\.client_key\)\}$/);
  });

  test('attributes: the given references, decoded; the sensitive ones stay variable references', () => {
    const stack = testStack();
    const cluster = AksCluster.fromAttributes(stack, 'Aks', attributeRefs(stack));
    cluster.configureProviders(KubernetesAuth.clientCertificate());
    const json = synthJson(stack);
    expect(json.provider.kubernetes[0]).toEqual({
      host: '${var.host}',
      cluster_ca_certificate: '${base64decode(var.ca)}',
      client_certificate: '${base64decode(var.client_certificate)}',
      client_key: '${base64decode(var.client_key)}',
    });
    expect(json.variable.client_key).toEqual({ type: 'string', sensitive: true });
  });

  test('aliases let a second set of providers live in the same stack and scope', () => {
    const { stack, cluster } = lookedUp();
    const first = cluster.configureProviders(KubernetesAuth.kubelogin());
    const second = cluster.configureProviders(KubernetesAuth.clientCertificate({ admin: true }), { alias: 'admin', scope: stack });
    const json = synthJson(stack);
    expect(json.provider.kubernetes.map((p: any) => p.alias)).toEqual([undefined, 'admin']);
    expect(json.provider.helm.map((p: any) => p.alias)).toEqual([undefined, 'admin']);
    expect(first.helm.alias).toBeUndefined();
    expect(second.kubernetes.alias).toBe('admin');
    expect(second.helm.node.scope).toBe(stack);
  });
});

describe('AksCluster validation', () => {
  test('needs lookup or attributes', () => {
    expect(errorOf(() => new AksCluster(testStack(), 'Aks', {}))).toMatch(/lookup = undefined: give exactly one of lookup .* and attributes/);
  });

  test('rejects lookup and attributes together', () => {
    const msg = errorOf(() => new AksCluster(testStack(), 'Aks', {
      lookup: { name: 'aks', resourceGroupName: 'rg' },
      attributes: { name: 'aks' },
    }));
    expect(msg).toMatch(/attributes = .*: give exactly one of lookup and attributes, not both/);
  });

  test('lookup.name must be an AKS name', () => {
    const msg = errorOf(() => AksCluster.fromLookup(testStack(), 'Aks', { name: '-aks', resourceGroupName: 'rg' }));
    expect(msg).toMatch(/lookup\.name = "-aks": must be 1 to 63 letters, digits, hyphens and underscores/);
  });

  test('lookup.resourceGroupName must be a resource group name', () => {
    const msg = errorOf(() => AksCluster.fromLookup(testStack(), 'Aks', { name: 'aks', resourceGroupName: 'rg.' }));
    expect(msg).toMatch(/lookup\.resourceGroupName = "rg\.": must be 1 to 90 .* not ending with a period/);
  });

  test('attributes.name must be an AKS name', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'a'.repeat(64) }));
    expect(msg).toMatch(/attributes\.name = "a{64}": must be 1 to 63/);
  });

  test('attributes.oidcIssuerUrl must be https', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', oidcIssuerUrl: 'http://issuer/' }));
    expect(msg).toMatch(/attributes\.oidcIssuerUrl = "http:\/\/issuer\/": must be an https:\/\/ URL/);
  });

  test('attributes.host must be https', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', host: 'aks.example.com' }));
    expect(msg).toMatch(/attributes\.host = "aks\.example\.com": must be an https:\/\/ URL/);
  });

  test('attributes.kubeletIdentityObjectId must be a GUID', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', kubeletIdentityObjectId: 'kubelet' }));
    expect(msg).toMatch(/attributes\.kubeletIdentityObjectId = "kubelet": must be a GUID/);
  });

  test('attributes.kubeletIdentityClientId must be a GUID', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', kubeletIdentityClientId: 'kubelet' }));
    expect(msg).toMatch(/attributes\.kubeletIdentityClientId = "kubelet": must be a GUID/);
  });

  test('attributes.clientKey must not be a literal', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', clientKey: 'LS0tLS1CRUdJTi...' }));
    expect(msg).toMatch(/attributes\.clientKey = "<literal, not shown>": must be a Terraform reference .* never a literal/);
    expect(msg).not.toContain('LS0tLS1CRUdJTi');
  });

  test('attributes.oidcIssuerUrl contradicts oidcIssuerEnabled: false', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', oidcIssuerEnabled: false, oidcIssuerUrl: 'https://issuer/' }));
    expect(msg).toMatch(/attributes\.oidcIssuerUrl = "https:\/\/issuer\/": contradicts attributes\.oidcIssuerEnabled: false/);
  });

  test('attributes.workloadIdentityEnabled: true contradicts oidcIssuerEnabled: false', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', oidcIssuerEnabled: false, workloadIdentityEnabled: true }));
    expect(msg).toMatch(/attributes\.workloadIdentityEnabled = true: contradicts attributes\.oidcIssuerEnabled: false/);
  });

  test('every problem is listed in one error, owned by the construct path', () => {
    const msg = errorOf(() => AksCluster.fromAttributes(testStack(), 'Aks', { name: '-aks', oidcIssuerUrl: 'ftp://x', kubeletIdentityObjectId: 'x' }));
    expect(msg).toMatch(/^AksCluster at test\/Aks: 3 invalid props:/);
  });

  test('requireWorkloadIdentity fails on attributes that say workload identity is off', () => {
    const cluster = AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks', oidcIssuerUrl: 'https://issuer/', workloadIdentityEnabled: false });
    expect(errorOf(() => cluster.requireWorkloadIdentity())).toMatch(/attributes\.workloadIdentityEnabled = false: workload identity needs workload_identity_enabled/);
  });

  test('requireWorkloadIdentity fails on attributes without an issuer URL', () => {
    const cluster = AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks' });
    expect(errorOf(() => cluster.requireWorkloadIdentity())).toMatch(/attributes\.oidcIssuerUrl = undefined: workload identity needs the OIDC issuer URL/);
  });

  test('requireWorkloadIdentity: true with oidcIssuerEnabled: false fails at construction', () => {
    const msg = errorOf(() => new AksCluster(testStack(), 'Aks', { attributes: { name: 'aks', oidcIssuerEnabled: false }, requireWorkloadIdentity: true }));
    expect(msg).toMatch(/attributes\.oidcIssuerEnabled = false: workload identity needs the OIDC issuer on the cluster/);
  });

  test('requireKubeletIdentity fails on attributes without the kubelet ids', () => {
    const cluster = AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks' });
    const msg = errorOf(() => cluster.requireKubeletIdentity());
    expect(msg).toMatch(/attributes\.kubeletIdentityObjectId = undefined: the kubelet identity mode needs the object id/);
    expect(msg).toMatch(/attributes\.kubeletIdentityClientId = undefined: the kubelet identity mode needs the client id/);
  });

  test('configureProviders needs host and CA certificate from attributes', () => {
    const cluster = AksCluster.fromAttributes(testStack(), 'Aks', { name: 'aks' });
    const msg = errorOf(() => cluster.configureProviders(KubernetesAuth.kubelogin()));
    expect(msg).toMatch(/attributes\.host = undefined: is needed to configure the providers/);
    expect(msg).toMatch(/attributes\.clusterCaCertificate = undefined: is needed to configure the providers/);
  });

  test('configureProviders with a client certificate needs certificate and key from attributes', () => {
    const stack = testStack();
    const cluster = AksCluster.fromAttributes(stack, 'Aks', { ...attributeRefs(stack), clientCertificate: undefined, clientKey: undefined });
    const msg = errorOf(() => cluster.configureProviders(KubernetesAuth.clientCertificate()));
    expect(msg).toMatch(/attributes\.clientCertificate = undefined: is needed for KubernetesAuth\.clientCertificate\(\)/);
    expect(msg).toMatch(/attributes\.clientKey = undefined: is needed for KubernetesAuth\.clientCertificate\(\)/);
  });

  test('configureProviders rejects admin credentials for a cluster given by attributes', () => {
    const stack = testStack();
    const cluster = AksCluster.fromAttributes(stack, 'Aks', attributeRefs(stack));
    const msg = errorOf(() => cluster.configureProviders(KubernetesAuth.clientCertificate({ admin: true })));
    expect(msg).toMatch(/auth = "clientCertificate\(\{ admin: true \}\)": admin credentials can only be read from a looked-up cluster/);
  });

  test('configureProviders twice with the same alias fails', () => {
    const { cluster } = lookedUp();
    cluster.configureProviders(KubernetesAuth.kubelogin());
    expect(errorOf(() => cluster.configureProviders(KubernetesAuth.kubelogin()))).toMatch(/options\.alias = undefined: providers with this alias were already configured/);
  });

  test('configureProviders rejects an invalid alias', () => {
    const { cluster } = lookedUp();
    expect(errorOf(() => cluster.configureProviders(KubernetesAuth.kubelogin(), { alias: '1 admin' }))).toMatch(/options\.alias = "1 admin": must start with a letter/);
  });
});

describe('KubernetesAuth.kubelogin validation', () => {
  test('clientId is not used by the Azure CLI mode', () => {
    expect(errorOf(() => KubernetesAuth.kubelogin({ clientId: KUBELET_CLIENT_ID }))).toMatch(/clientId = "66666666-7777-8888-9999-000000000000": is only used with loginMode SERVICE_PRINCIPAL, MANAGED_IDENTITY or WORKLOAD_IDENTITY/);
  });

  test('useAzurermEnvVars is only for the service principal mode', () => {
    expect(errorOf(() => KubernetesAuth.kubelogin({ loginMode: KubeloginLoginMode.MANAGED_IDENTITY, useAzurermEnvVars: true }))).toMatch(/useAzurermEnvVars = true: is only used with loginMode SERVICE_PRINCIPAL/);
  });

  test('serverId, tenantId and clientId must be GUIDs', () => {
    const msg = errorOf(() => KubernetesAuth.kubelogin({ loginMode: KubeloginLoginMode.MANAGED_IDENTITY, serverId: 'aks', tenantId: 'contoso.com', clientId: 'id' }));
    expect(msg).toMatch(/serverId = "aks": must be a GUID/);
    expect(msg).toMatch(/tenantId = "contoso\.com": must be a GUID/);
    expect(msg).toMatch(/clientId = "id": must be a GUID/);
  });

  test('command must be one executable without arguments', () => {
    expect(errorOf(() => KubernetesAuth.kubelogin({ command: 'kubelogin --client-secret x' }))).toMatch(/command = "kubelogin --client-secret x": must be one executable name or path/);
  });

  test('loginMode must be a known mode', () => {
    expect(errorOf(() => KubernetesAuth.kubelogin({ loginMode: 'devicecode' as KubeloginLoginMode }))).toMatch(/loginMode = "devicecode": must be one of "azurecli", "workloadidentity", "spn", "msi"/);
  });
});

test('synth is deterministic', () => {
  const build = () => {
    const { stack, cluster } = lookedUp();
    cluster.requireWorkloadIdentity();
    cluster.configureProviders(KubernetesAuth.kubelogin());
    return Testing.synth(stack);
  };
  expect(build()).toBe(build());
});

describe('AksCluster providers from a cluster created in the same stack', () => {
  const SAME_STACK = /refers? to a resource created in this stack: the kubernetes and helm providers would be configured from values that are unknown until it exists/;

  test('host and CA certificate of an azurerm_kubernetes_cluster resource of this stack: a warning naming them', () => {
    const stack = testStack();
    const aks = clusterResource(stack);
    const cluster = AksCluster.fromAttributes(stack, 'Aks', {
      name: 'aks-prod',
      host: aks.kubeConfig.get(0).host,
      clusterCaCertificate: aks.kubeConfig.get(0).clusterCaCertificate,
    });
    expect(warningsOf(stack)).toEqual([]);
    cluster.configureProviders(KubernetesAuth.kubelogin());
    const warnings = warningsOf(stack);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(SAME_STACK);
    expect(warnings[0]).toContain(`attributes.host (azurerm_kubernetes_cluster.${aks.friendlyUniqueId}), attributes.clusterCaCertificate (azurerm_kubernetes_cluster.${aks.friendlyUniqueId}) refer`);
    expect(warnings[0]).toMatch(/AksCluster\.fromLookup/);
  });

  test('client certificate auth also names the client certificate and key', () => {
    const stack = testStack();
    const aks = clusterResource(stack);
    const config = aks.kubeConfig.get(0);
    const cluster = AksCluster.fromAttributes(stack, 'Aks', {
      name: 'aks-prod',
      host: new TerraformVariable(stack, 'host', { type: 'string' }).stringValue,
      clusterCaCertificate: new TerraformVariable(stack, 'ca', { type: 'string' }).stringValue,
      clientCertificate: config.clientCertificate,
      clientKey: config.clientKey,
    });
    cluster.configureProviders(KubernetesAuth.clientCertificate());
    const [warning] = warningsOf(stack);
    expect(warning).toMatch(/^\[MLF-C022\] attributes\.clientCertificate \(azurerm_kubernetes_cluster\.[^)]+\), attributes\.clientKey \(azurerm_kubernetes_cluster\.[^)]+\) refer to a resource created in this stack/);
    expect(warning).not.toMatch(/attributes\.host/);
  });

  test('variables, a data source, literals and a cluster of another stack: no warning', () => {
    const variables = testStack();
    AksCluster.fromAttributes(variables, 'Aks', attributeRefs(variables)).configureProviders(KubernetesAuth.clientCertificate());
    expect(warningsOf(variables)).toEqual([]);

    const data = testStack();
    const ds = new DataAzurermKubernetesCluster(data, 'Existing', { name: 'aks-prod', resourceGroupName: 'rg-aks' });
    AksCluster.fromAttributes(data, 'Aks', {
      name: 'aks-prod',
      host: ds.kubeConfig.get(0).host,
      clusterCaCertificate: ds.kubeConfig.get(0).clusterCaCertificate,
    }).configureProviders(KubernetesAuth.kubelogin());
    expect(warningsOf(data)).toEqual([]);

    const literal = testStack();
    AksCluster.fromAttributes(literal, 'Aks', { name: 'aks-prod', host: 'https://aks-prod.hcp.westeurope.azmk8s.io:443', clusterCaCertificate: 'LS0tLS1CRUdJTi' })
      .configureProviders(KubernetesAuth.kubelogin());
    expect(warningsOf(literal)).toEqual([]);

    const app = testApp();
    const clusterStack = new TerraformStack(app, 'cluster');
    const aks = clusterResource(clusterStack);
    const appStack = new TerraformStack(app, 'mlflow');
    AksCluster.fromAttributes(appStack, 'Aks', {
      name: 'aks-prod',
      host: aks.kubeConfig.get(0).host,
      clusterCaCertificate: aks.kubeConfig.get(0).clusterCaCertificate,
    }).configureProviders(KubernetesAuth.kubelogin());
    expect(warningsOf(appStack)).toEqual([]);
  });

  test('a looked-up cluster never warns', () => {
    const { stack, cluster } = lookedUp();
    cluster.configureProviders(KubernetesAuth.kubelogin());
    expect(warningsOf(stack)).toEqual([]);
  });
});
