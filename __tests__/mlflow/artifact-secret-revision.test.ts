import { ALL_MODES, BINDINGS, buildValues } from './fixtures';
import { ArtifactAuthMode } from '../../lib/identity/binding';

// A pod reads envFrom secrets only when it starts: rewriting the write-only credentials secret
// changes nothing in the pod template, so the running pods would keep the old key or client
// secret. The binding's secretRevision becomes a pod annotation: raising it rolls the pods.
describe('buildMlflowValues: artifact credentials secret revision', () => {
  test('the binding\'s secret revision is a pod annotation next to the database one', () => {
    const values = buildValues({ auth: { ...BINDINGS[ArtifactAuthMode.SERVICE_PRINCIPAL], secretRevision: 4 } });
    expect(values.podAnnotations).toEqual({
      'cdktf-mlflow-azure/database-secret-revision': '1',
      'cdktf-mlflow-azure/artifact-secret-revision': '4',
    });
  });

  test('raising the revision changes the pod template', () => {
    const before = buildValues({ auth: { ...BINDINGS[ArtifactAuthMode.ACCOUNT_KEY], secretRevision: 1 } });
    const after = buildValues({ auth: { ...BINDINGS[ArtifactAuthMode.ACCOUNT_KEY], secretRevision: 2 } });
    expect(before.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBe('1');
    expect(after.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBe('2');
  });

  test.each(ALL_MODES)('%s without a secret revision: no annotation', (mode) => {
    expect(buildValues({ auth: BINDINGS[mode] }).podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBeUndefined();
  });
});
