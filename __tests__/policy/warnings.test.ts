import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { MlflowChecks, MlflowRelease, MlflowWarningId } from '../../lib';
import { ArtifactAuthMode } from '../../lib/identity/binding';
import { MlflowBackendStore } from '../../lib/mlflow';
import { BINDINGS, LOCATION, NO_SIGN_IN } from '../mlflow/fixtures';
import { errorOf, testStack, warningsOf } from '../util';

/* Construct warnings have stable ids and are suppressible like the policy findings. */

function sqliteRelease() {
  const stack = testStack();
  const release = new MlflowRelease(stack, 'Mlflow', {
    namespaceName: 'mlflow',
    artifactLocation: LOCATION,
    auth: BINDINGS[ArtifactAuthMode.ACCOUNT_KEY],
    backendStore: MlflowBackendStore.sqliteForDevelopment(),
    signIn: NO_SIGN_IN,
  });
  return { stack, release };
}

const infosOf = (scope: any): string[] => scope.node.findAll().flatMap((c: any) => c.node.metadata).filter((m: any) => m.type === '@cdktf/info').map((m: any) => String(m.data));

describe('construct warnings', () => {
  test('carry their stable id', () => {
    const { stack } = sqliteRelease();
    expect(warningsOf(stack)).toEqual([expect.stringMatching(/^\[MLF-C001\] backendStore = sqliteForDevelopment\(\): SQLite lives in the pod/)]);
  });

  test('a suppression made after the construct turns the warning into an info with the reason', () => {
    const { stack, release } = sqliteRelease();
    MlflowChecks.suppress(release, MlflowWarningId.SQLITE_BACKEND, 'dev cluster: the data is throwaway');
    expect(warningsOf(stack)).toEqual([]);
    expect(infosOf(stack)).toEqual([expect.stringMatching(/^\[MLF-C001\] suppressed \(dev cluster: the data is throwaway\): backendStore = sqliteForDevelopment/)]);
  });

  test('a suppression on the stack covers every construct under it; another id is not suppressed', () => {
    const { stack } = sqliteRelease();
    MlflowChecks.suppress(stack, MlflowWarningId.ARTIFACT_PROXY_OFF, 'not this one');
    expect(warningsOf(stack)).toHaveLength(1);
    const fresh = sqliteRelease();
    MlflowChecks.suppress(fresh.stack, MlflowWarningId.SQLITE_BACKEND, 'the whole dev stack');
    expect(warningsOf(fresh.stack)).toEqual([]);
  });

  test('a warning is added once, however many times the stack synthesizes', () => {
    const { stack } = sqliteRelease();
    Testing.synth(stack);
    Testing.synth(stack);
    expect(warningsOf(stack)).toHaveLength(1);
  });

  test('MlflowChecks.suppress refuses an unknown id and names the known ones', () => {
    const { release } = sqliteRelease();
    expect(errorOf(() => MlflowChecks.suppress(release, 'MLF-C999', 'why'))).toMatch(/ruleId = "MLF-C999": must be a rule id of MlflowChecks .* or a construct warning id \(MLF-C001 to MLF-C024, MlflowWarningId\)/);
  });

  test('every MlflowWarningId is listed once, with a title, in order', () => {
    const ids = Object.values(MlflowWarningId) as string[];
    const listed = MlflowChecks.constructWarnings();
    expect(listed.map((w) => w.warningId)).toEqual(ids);
    expect(ids).toEqual(ids.map((_, i) => `MLF-C${String(i + 1).padStart(3, '0')}`));
    for (const w of listed) expect(w.title.length).toBeGreaterThan(5);
  });
});

test('the README lists every construct warning with its id and title', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => /^\| MLF-C\d{3} \|/.test(l));
  expect(rows).toEqual(MlflowChecks.constructWarnings().map((w) => `| ${w.warningId} | ${w.title} |`));
});
