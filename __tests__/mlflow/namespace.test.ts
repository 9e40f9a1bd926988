import { Testing } from 'cdktf';
import { MlflowNamespace, PodSecurityStandard } from '../../lib/mlflow';
import { errorOf, onlyResource, ref, resourcesOf, synthJson, testStack } from '../util';

describe('MlflowNamespace', () => {
  test('creates the namespace with restricted Pod Security labels; name references it', () => {
    const stack = testStack();
    const ns = new MlflowNamespace(stack, 'Ns', { name: 'mlflow', labels: { team: 'ml' } });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'kubernetes_namespace_v1' }, {
      metadata: {
        name: 'mlflow',
        labels: {
          'team': 'ml',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
        annotations: {},
      },
    });
    expect(ns.created).toBe(true);
    expect(ns.resource).toBeDefined();
    expect(ref(stack, ns.name)).toMatch(/^\$\{kubernetes_namespace_v1\.\w+\.metadata\[0\]\.name\}$/);
    expect(onlyResource(JSON.parse(synth), 'kubernetes_namespace_v1').lifecycle).toBeUndefined();
  });

  test('a looser Pod Security Standard and annotations', () => {
    const stack = testStack();
    new MlflowNamespace(stack, 'Ns', { name: 'mlflow', podSecurityStandard: PodSecurityStandard.BASELINE, annotations: { owner: 'ml' } });
    const ns = onlyResource(synthJson(stack), 'kubernetes_namespace_v1');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    expect(ns.metadata.annotations).toEqual({ owner: 'ml' });
  });

  test('create: false references an existing namespace by its literal name', () => {
    const stack = testStack();
    const ns = new MlflowNamespace(stack, 'Ns', { name: 'existing', create: false });
    expect(ns.name).toBe('existing');
    expect(ns.created).toBe(false);
    expect(ns.resource).toBeUndefined();
    expect(resourcesOf(synthJson(stack), 'kubernetes_namespace_v1')).toHaveLength(0);
  });

  test('name must be a DNS-1123 label', () => {
    const stack = testStack();
    const error = errorOf(() => new MlflowNamespace(stack, 'Ns', { name: 'ML_Flow' }));
    expect(error).toMatch(/^MlflowNamespace at test\/Ns: 1 invalid prop:/);
    expect(error).toMatch(/name = "ML_Flow": must be a DNS-1123 label/);
    expect(errorOf(() => new MlflowNamespace(stack, 'Ns2', { name: 'a'.repeat(64), create: false }))).toMatch(/name = "a{64}": must be a DNS-1123 label/);
  });

  test('labels, annotations and podSecurityStandard only apply to a created namespace', () => {
    const stack = testStack();
    const error = errorOf(() => new MlflowNamespace(stack, 'Ns', {
      name: 'existing',
      create: false,
      labels: { a: 'b' },
      annotations: { c: 'd' },
      podSecurityStandard: PodSecurityStandard.PRIVILEGED,
    }));
    expect(error).toMatch(/^MlflowNamespace at test\/Ns: 3 invalid props:/);
    expect(error).toMatch(/labels = \{"a":"b"\}: applies only to a namespace this construct creates/);
    expect(error).toMatch(/annotations = \{"c":"d"\}: applies only/);
    expect(error).toMatch(/podSecurityStandard = "privileged": applies only/);
  });

  test('Pod Security labels come from podSecurityStandard only', () => {
    const stack = testStack();
    const error = errorOf(() => new MlflowNamespace(stack, 'Ns', { name: 'mlflow', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } }));
    expect(error).toMatch(/labels\["pod-security.kubernetes.io\/enforce"\] = "privileged": is set by podSecurityStandard/);
  });
});
