import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { basicSignIn, IMAGE, NO_SIGN_IN, RELEASE_BASE } from './fixtures';
import { AksCluster, AksClusterAttributes, AksNetworkPolicyEngine, MlflowBackendStore, MlflowOnAzure, MlflowOnAzureProps } from '../../lib';
import { MlflowIngressController, MlflowNamespace, MlflowRelease, MlflowReleaseProps } from '../../lib/mlflow';
import { buildNetworkPolicySpec, NAMESPACE_NAME_LABEL, NetworkPolicySpecInput } from '../../lib/mlflow/network-policy';
import { MLFLOW_CHART } from '../../lib/mlflow/values';
import { onlyResource, ref, resourcesOf, testStack, warningsOf } from '../util';

const SELECTOR = { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/instance': 'mlflow' };
const MLFLOW_PORT = [{ port: '5000', protocol: 'TCP' }];
const INGRESS = { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' };
const DNS_EGRESS = {
  to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }],
};

/** A namespace peer as the spec builder writes it. */
const namespacePeer = (name: string) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } });
/** A namespace peer as it is synthesized. */
const synthNamespacePeer = (name: string) => ({ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': name } } });

describe('buildNetworkPolicySpec', () => {
  const base: NetworkPolicySpecInput = {
    podLabels: SELECTOR,
    port: 5000,
    ingressControllerNamespaces: [],
    allowedCidrs: [],
    clientNamespaces: [],
  };

  test('no source: no ingress rule at all, so nothing reaches the pods (never a rule with an empty from)', () => {
    expect(buildNetworkPolicySpec(base)).toEqual({
      podSelector: { matchLabels: SELECTOR },
      policyTypes: ['Ingress'],
      ingress: [],
    });
  });

  test('controller namespaces, client namespaces and ranges: one rule on the MLflow port, TCP', () => {
    const spec = buildNetworkPolicySpec({ ...base, ingressControllerNamespaces: ['ingress-nginx'], clientNamespaces: ['ml-jobs'], allowedCidrs: ['10.1.0.0/24'] });
    expect(spec.ingress).toEqual([{
      from: [namespacePeer('ingress-nginx'), namespacePeer('ml-jobs'), { ipBlock: { cidr: '10.1.0.0/24' } }],
      ports: MLFLOW_PORT,
    }]);
  });

  test('a namespace in both lists is one peer', () => {
    const spec = buildNetworkPolicySpec({ ...base, ingressControllerNamespaces: ['shared'], clientNamespaces: ['shared', 'ml-jobs'] });
    expect((spec.ingress as any[])[0].from).toEqual([namespacePeer('shared'), namespacePeer('ml-jobs')]);
  });

  test('the port is the given one', () => {
    const spec = buildNetworkPolicySpec({ ...base, port: 8080, clientNamespaces: ['ml-jobs'] });
    expect((spec.ingress as any[])[0].ports).toEqual([{ port: '8080', protocol: 'TCP' }]);
  });

  test('namespaces are selected by the label every namespace carries with its name', () => {
    expect(NAMESPACE_NAME_LABEL).toBe('kubernetes.io/metadata.name');
  });

  test('egress: Egress is a policy type; DNS to kube-dns in kube-system (one peer: both selectors), then each rule on TCP', () => {
    const spec = buildNetworkPolicySpec({ ...base, egress: { rules: [{ cidr: '10.2.0.0/24', ports: [443, 5432] }, { cidr: 'fd00::/64', ports: [443] }] } });
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.egress).toEqual([
      DNS_EGRESS,
      { to: [{ ipBlock: { cidr: '10.2.0.0/24' } }], ports: [{ port: '443', protocol: 'TCP' }, { port: '5432', protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: 'fd00::/64' } }], ports: [{ port: '443', protocol: 'TCP' }] },
    ]);
  });

  test('egress without rules: DNS only', () => {
    expect(buildNetworkPolicySpec({ ...base, egress: { rules: [] } }).egress).toEqual([DNS_EGRESS]);
  });

  test('without egress options, egress is not restricted (no Egress policy type, no egress key)', () => {
    const spec = buildNetworkPolicySpec({ ...base, clientNamespaces: ['ml-jobs'] });
    expect(spec.policyTypes).toEqual(['Ingress']);
    expect(spec).not.toHaveProperty('egress');
  });

  test('the pod labels are copied', () => {
    const podLabels = { ...SELECTOR };
    const spec = buildNetworkPolicySpec({ ...base, podLabels });
    podLabels['app.kubernetes.io/name'] = 'other';
    expect(spec.podSelector.matchLabels).toEqual(SELECTOR);
  });
});

describe('the network policy of a release', () => {
  function synthRelease(overrides: (stack: TerraformStack) => Partial<MlflowReleaseProps> = () => ({})) {
    const stack = testStack();
    const props = overrides(stack);
    const release = new MlflowRelease(stack, 'Mlflow', {
      ...RELEASE_BASE,
      signIn: props.ingress ? basicSignIn(stack) : NO_SIGN_IN,
      ...props,
    });
    const synth = Testing.synth(stack);
    const json = JSON.parse(synth);
    const policies = resourcesOf(json, 'kubernetes_network_policy_v1');
    return { stack, release, synth, json, policies, policy: policies.length === 1 ? policies[0][1] : undefined };
  }
  const fromOf = (policy: any) => policy.spec.ingress[0].from;

  test('on by default: in the release namespace, named after the service, selecting the chart\'s pods; without ingress nothing is admitted', () => {
    const { synth, policy } = synthRelease();
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'kubernetes_network_policy_v1' }, {
      metadata: { name: 'mlflow', namespace: 'mlflow', labels: { 'app.kubernetes.io/name': 'mlflow', 'app.kubernetes.io/managed-by': 'terraform' } },
    });
    expect(policy.spec).toEqual({
      pod_selector: { match_labels: SELECTOR },
      policy_types: ['Ingress'],
      ingress: [],
    });
  });

  test('the pod selector is the chart\'s selector labels: chart name and release name', () => {
    const { policy, release } = synthRelease(() => ({ releaseName: 'team' }));
    expect(policy.metadata.name).toBe('team-mlflow');
    expect(policy.spec.pod_selector.match_labels).toEqual({ 'app.kubernetes.io/name': MLFLOW_CHART.name, 'app.kubernetes.io/instance': 'team' });
    expect(policy.metadata.name).toBe(release.serviceName);
  });

  test('the namespace is the release\'s (a reference when it is one)', () => {
    const { policy, release } = synthRelease((s) => ({ namespaceName: new MlflowNamespace(s, 'Ns', { name: 'mlflow' }).name }));
    expect(policy.metadata.namespace).toMatch(/^\$\{kubernetes_namespace_v1\.\w+\.metadata\[0\]\.name\}$/);
    expect(onlyResource(JSON.parse(Testing.synth(release.node.scope as TerraformStack)), 'helm_release').namespace).toBe(policy.metadata.namespace);
  });

  test('ingress-nginx: its namespace, on port 5000 TCP', () => {
    const { policy } = synthRelease(() => ({ ingress: INGRESS }));
    expect(policy.spec.ingress).toEqual([{ from: [synthNamespacePeer('ingress-nginx')], ports: MLFLOW_PORT }]);
  });

  test('the application routing add-on: app-routing-system', () => {
    const { policy } = synthRelease(() => ({ ingress: { ...INGRESS, controller: MlflowIngressController.APP_ROUTING } }));
    expect(fromOf(policy)).toEqual([synthNamespacePeer('app-routing-system')]);
  });

  test('Gateway API: the Gateway\'s namespace, where its proxies run', () => {
    const gatewayIngress = { host: 'mlflow.example.com', controller: MlflowIngressController.GATEWAY_API, gateway: { name: 'public', namespaceName: 'gateways', sectionName: 'https' } };
    const { policy } = synthRelease(() => ({ ingress: gatewayIngress }));
    expect(policy.spec.ingress).toEqual([{ from: [synthNamespacePeer('gateways')], ports: MLFLOW_PORT }]);
  });

  test('given controller namespaces replace the default (e.g. a private ingress-nginx)', () => {
    const { policy } = synthRelease(() => ({ ingress: INGRESS, networkPolicy: { ingressControllerNamespaces: ['ingress-nginx-internal'] } }));
    expect(fromOf(policy)).toEqual([synthNamespacePeer('ingress-nginx-internal')]);
  });

  test('Application Gateway: its subnet as an ipBlock, no namespace', () => {
    const { policy } = synthRelease(() => ({ ingress: { ...INGRESS, controller: MlflowIngressController.APPLICATION_GATEWAY }, networkPolicy: { allowedCidrs: ['10.1.0.0/24'] } }));
    expect(policy.spec.ingress).toEqual([{ from: [{ ip_block: { cidr: '10.1.0.0/24' } }], ports: MLFLOW_PORT }]);
  });

  test('client namespaces without an ingress, after the controller\'s with one', () => {
    expect(fromOf(synthRelease(() => ({ networkPolicy: { clientNamespaces: ['ml-jobs', 'pipelines'] } })).policy))
      .toEqual([synthNamespacePeer('ml-jobs'), synthNamespacePeer('pipelines')]);
    expect(fromOf(synthRelease(() => ({ ingress: INGRESS, networkPolicy: { clientNamespaces: ['ml-jobs'] } })).policy))
      .toEqual([synthNamespacePeer('ingress-nginx'), synthNamespacePeer('ml-jobs')]);
  });

  test('a client namespace reference is written as a reference', () => {
    const { policy, stack } = synthRelease((s) => ({ networkPolicy: { clientNamespaces: [new MlflowNamespace(s, 'Jobs', { name: 'ml-jobs' }).name] } }));
    const name = fromOf(policy)[0].namespace_selector.match_labels['kubernetes.io/metadata.name'];
    expect(name).toMatch(/^\$\{kubernetes_namespace_v1\.\w+\.metadata\[0\]\.name\}$/);
    expect(ref(stack, name)).toBe(name);
  });

  test('egress: DNS to kube-dns plus the rules; Ingress and Egress policy types', () => {
    const { policy } = synthRelease(() => ({ networkPolicy: { egress: { rules: [{ cidr: '10.2.0.0/24', ports: [443, 5432] }] } } }));
    expect(policy.spec.policy_types).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.egress).toEqual([
      {
        to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'kube-system' } }, pod_selector: { match_labels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }],
      },
      { to: [{ ip_block: { cidr: '10.2.0.0/24' } }], ports: [{ port: '443', protocol: 'TCP' }, { port: '5432', protocol: 'TCP' }] },
    ]);
  });

  test('no rule anywhere has an empty from', () => {
    for (const props of [{}, { ingress: INGRESS }, { networkPolicy: { clientNamespaces: ['ml-jobs'] } }] as Partial<MlflowReleaseProps>[]) {
      const { policy } = synthRelease(() => props);
      for (const rule of policy.spec.ingress) expect(rule.from.length).toBeGreaterThan(0);
    }
  });

  test('allowTrafficFromAllPods: no policy, and a warning', () => {
    const { policies, release, stack } = synthRelease(() => ({ allowTrafficFromAllPods: true }));
    expect(policies).toHaveLength(0);
    expect(release.networkPolicy).toBeUndefined();
    expect(warningsOf(stack)).toContain('[MLF-C007] allowTrafficFromAllPods = true: no network policy; every pod of the cluster can reach MLflow (and, without sign-in, use it).');
  });

  test('the policy is exposed on the release, and no network policy warning by default', () => {
    const { release, stack } = synthRelease(() => ({ ingress: INGRESS }));
    expect(release.networkPolicy).toBeDefined();
    expect(warningsOf(stack).join('\n')).not.toMatch(/allowTrafficFromAllPods|network polic/);
  });
});

describe('the cluster\'s network policy engine', () => {
  const WORKLOAD_IDENTITY: Omit<AksClusterAttributes, 'name'> = {
    oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,
  };
  const NO_ENGINE_WARNING = '[MLF-C021] cluster aks runs no network policy engine (networkPolicyEngine: none): the network policy of MLflow is accepted and ignored, so every pod of the cluster can reach it. Enable one (azure, calico or cilium) on the cluster.';

  function synthPattern(cluster: (stack: TerraformStack) => AksCluster, overrides: Partial<MlflowOnAzureProps> = {}) {
    const stack = testStack();
    const password = new TerraformVariable(stack, 'db_password', { type: 'string', sensitive: true });
    const aks = cluster(stack);
    const mlflow = new MlflowOnAzure(stack, 'Mlflow', {
      resourceGroupName: 'rg',
      location: 'westeurope',
      storageAccountName: 'stmlflowtest01',
      cluster: aks,
      backendStore: MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: 'mlflow', user: 'mlflow', password: password.stringValue }),
      release: { image: { repository: 'acr.azurecr.io/mlflow-azure', tag: '3.15.1' } },
      signIn: NO_SIGN_IN,
      ...overrides,
    });
    return { stack, aks, mlflow, json: JSON.parse(Testing.synth(stack)) };
  }
  const attributes = (engine?: AksNetworkPolicyEngine) => (stack: TerraformStack) =>
    AksCluster.fromAttributes(stack, 'Aks', { name: 'aks', ...WORKLOAD_IDENTITY, ...(engine !== undefined ? { networkPolicyEngine: engine } : {}) });
  const lookup = (stack: TerraformStack) => AksCluster.fromLookup(stack, 'Aks', { name: 'aks-prod', resourceGroupName: 'rg-aks' });

  test('attributes with no engine: MlflowOnAzure warns that the policy is ignored', () => {
    const { stack, mlflow, aks } = synthPattern(attributes(AksNetworkPolicyEngine.NONE));
    expect(aks.networkPolicyEngine).toBe(AksNetworkPolicyEngine.NONE);
    expect(warningsOf(mlflow)).toContain(NO_ENGINE_WARNING);
    expect(warningsOf(stack).filter((w) => w === NO_ENGINE_WARNING)).toHaveLength(1);
  });

  test.each([AksNetworkPolicyEngine.AZURE, AksNetworkPolicyEngine.CALICO, AksNetworkPolicyEngine.CILIUM, undefined])('attributes with engine %s: no warning, no check block', (engine) => {
    const { stack, json } = synthPattern(attributes(engine));
    expect(warningsOf(stack).join('\n')).not.toMatch(/network policy engine/);
    expect(json.check).toBeUndefined();
  });

  test('attributes with no engine but no policy (allowTrafficFromAllPods): only the release\'s own warning', () => {
    const { stack } = synthPattern(attributes(AksNetworkPolicyEngine.NONE), { release: { image: IMAGE, allowTrafficFromAllPods: true } });
    const warnings = warningsOf(stack).join('\n');
    expect(warnings).not.toMatch(/network policy engine/);
    expect(warnings).toMatch(/allowTrafficFromAllPods = true: no network policy/);
  });

  describe('a looked-up cluster', () => {
    const { stack, aks, json } = synthPattern(lookup);
    const dataId = Object.keys(json.data.azurerm_kubernetes_cluster)[0];

    test('gets exactly one check block, named after the data source', () => {
      expect(Object.keys(json.check)).toEqual([`${dataId}_network_policy_engine`]);
      expect(json.check[`${dataId}_network_policy_engine`].assert).toHaveLength(1);
    });

    test('its condition fails on an empty or "none" network_policy of the looked-up cluster', () => {
      const [assertion] = json.check[`${dataId}_network_policy_engine`].assert;
      expect(assertion.condition).toBe(`\${!contains(["", "none"], try(data.azurerm_kubernetes_cluster.${dataId}.network_profile[0].network_policy, ""))}`);
    });

    test('its message names the cluster', () => {
      const [assertion] = json.check[`${dataId}_network_policy_engine`].assert;
      expect(assertion.error_message).toBe(
        'AKS cluster aks-prod runs no network policy engine (network_policy is empty or none): the network policies of MLflow are accepted and ignored, so every pod of the cluster can reach it. Enable Azure Network Policy Manager, Calico or Cilium on the cluster.',
      );
    });

    test('no synth-time warning (the engine is known at plan only)', () => {
      expect(warningsOf(stack).join('\n')).not.toMatch(/network policy engine/);
    });

    test('asked again (a second user of the cluster), still one check block', () => {
      aks.warnIfNoNetworkPolicyEngine(stack);
      expect(Object.keys(JSON.parse(Testing.synth(stack)).check)).toHaveLength(1);
    });
  });

  test('a looked-up cluster without a network policy (allowTrafficFromAllPods): no check block', () => {
    const { json } = synthPattern(lookup, { release: { image: IMAGE, allowTrafficFromAllPods: true } });
    expect(json.check).toBeUndefined();
  });

  test('the pattern\'s release has the network policy', () => {
    const { json } = synthPattern(attributes(AksNetworkPolicyEngine.AZURE));
    expect(onlyResource(json, 'kubernetes_network_policy_v1').spec.pod_selector.match_labels).toEqual(SELECTOR);
  });
});
