import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AksCluster, ArtifactAuth, MlflowBackendStore, MlflowTeam, MlflowTeams, MlflowTeamsProps } from '../lib';
import { clusterWithProviders, NO_SIGN_IN, sensitiveVariable } from './mlflow/fixtures';
import { errorOf, resourcesOf, testStack } from './util';

const IMAGE = { repository: 'acr.azurecr.io/mlflow-azure', tag: '3.15.1' };

function stackWithCluster(): { stack: TerraformStack; cluster: AksCluster } {
  const stack = testStack();
  return { stack, cluster: clusterWithProviders(stack) };
}

function team(stack: TerraformStack, name: string, overrides: Partial<MlflowTeam> = {}): MlflowTeam {
  return {
    name,
    backendStore: MlflowBackendStore.postgres({ host: 'pg.postgres.database.azure.com', database: `mlflow_${name}`, user: 'mlflow', password: sensitiveVariable(stack, 'db_password').stringValue }),
    signIn: NO_SIGN_IN,
    ...overrides,
  };
}

function teams(overrides: (stack: TerraformStack) => Partial<MlflowTeamsProps> = () => ({})) {
  const { stack, cluster } = stackWithCluster();
  const platform = new MlflowTeams(stack, 'Teams', {
    resourceGroupName: 'rg-mlflow',
    location: 'westeurope',
    cluster,
    sharedStorageAccountName: 'stmlflowshared01',
    release: { image: IMAGE },
    teams: [team(stack, 'vision'), team(stack, 'nlp'), team(stack, 'forecasting', { storageAccountName: 'stmlflowforecast1' })],
    ...overrides(stack),
  });
  return { stack, platform };
}

describe('MlflowTeams', () => {
  test('three teams with the defaults: distinct names everywhere, no collision at synth', () => {
    const { stack, platform } = teams();
    expect(Object.keys(platform.instances)).toEqual(['vision', 'nlp', 'forecasting']);
    const json = JSON.parse(Testing.synth(stack, true));
    const names = (type: string, get: (r: any) => string) => resourcesOf(json, type).map(([, r]) => get(r)).sort();
    expect(names('kubernetes_namespace_v1', (n) => n.metadata.name)).toEqual(['mlflow-forecasting', 'mlflow-nlp', 'mlflow-vision']);
    expect(names('helm_release', (r) => `${r.name}`)).toEqual(['mlflow-forecasting', 'mlflow-nlp', 'mlflow-vision']);
    expect(names('azurerm_storage_container', (c) => c.name)).toEqual(['mlflow', 'nlp', 'vision']);
  });

  test('a team in the shared account is granted its own container only', () => {
    const { stack, platform } = teams();
    const json = JSON.parse(Testing.synth(stack));
    const vision = platform.instances.vision.store;
    const nlp = platform.instances.nlp.store;
    expect(vision.accountId).toBe(nlp.accountId);
    expect(vision.containerResourceId).not.toBe(nlp.containerResourceId);
    const scopes = resourcesOf(json, 'azurerm_role_assignment').map(([, g]) => g.scope);
    expect(new Set(scopes).size).toBe(3);
    // forecasting's own account (its accountName is a reference: the synthesized names say which)
    expect(platform.instances.forecasting.managedStore).toBeDefined();
    expect(resourcesOf(json, 'azurerm_storage_account').map(([, a]) => a.name).sort()).toEqual(['stmlflowforecast1', 'stmlflowshared01']);
  });

  test('every problem of every team in one error, named by teams[i]', () => {
    const error = errorOf(() => teams((stack) => ({
      teams: [
        team(stack, 'vision', { release: { image: IMAGE, workers: 0 } }),
        team(stack, 'Nlp'),
        team(stack, 'forecasting', { storageAccountName: 'St-Forecast' }),
      ],
    })));
    expect(error).toMatch(/^MlflowTeams at test\/Teams: \d+ invalid props:/);
    expect(error).toMatch(/  - teams\[0\]\.release\.workers = 0: must be a whole number from 1 to 64/);
    expect(error).toMatch(/  - teams\[1\]\.name = "Nlp": must be 3 to 33 lowercase letters/);
    expect(error).toMatch(/  - teams\[2\]\.storageAccountName = "St-Forecast": must be 3 to 24 lowercase letters and digits/);
  });

  test('isolation: no key modes in the shared account, no kubelet identity for any team', () => {
    const error = errorOf(() => teams((s) => ({
      sharedStorage: { sharedAccessKeyEnabled: true },
      teams: [
        team(s, 'vision'),
        team(s, 'nlp', { auth: ArtifactAuth.accountKey() }),
        team(s, 'speech', { auth: ArtifactAuth.connectionString() }),
        team(s, 'forecasting', { storageAccountName: 'stmlflowforecast1', auth: ArtifactAuth.kubeletIdentity() }),
      ],
    })));
    expect(error).toMatch(/  - teams\[1\]\.auth\.mode = "account-key": a team in the shared account would get the account's key, which reads every team's container/);
    expect(error).toMatch(/  - teams\[2\]\.auth\.mode = "connection-string": a team in the shared account/);
    expect(error).toMatch(/  - teams\[3\]\.auth\.mode = "kubelet-identity": the kubelet identity is every pod's on the cluster/);
  });

  test('a team with an account of its own takes its settings (storage) and may use the account key there', () => {
    const { stack, platform } = teams((s) => ({
      teams: [team(s, 'vision'), team(s, 'nlp', { storageAccountName: 'stmlflownlp0001', storage: { sharedAccessKeyEnabled: true }, auth: ArtifactAuth.accountKey() })],
    }));
    Testing.synth(stack);
    expect(platform.instances.nlp.managedStore?.sharedAccessKeyEnabled).toBe(true);
    expect(platform.sharedStore?.sharedAccessKeyEnabled).toBe(false);
    expect(errorOf(() => teams((s) => ({ teams: [team(s, 'vision', { storage: { softDeleteRetentionDays: 60 } })] }))))
      .toMatch(/  - teams\[0\]\.storage = .*: applies to a storage account of the team's own \(storageAccountName\)/);
    expect(errorOf(() => teams((s) => ({ teams: [team(s, 'vision'), team(s, 'nlp', { storageAccountName: 'stmlflownlp0001', storage: { softDeleteRetentionDays: 3 } })] }))))
      .toMatch(/^MlflowTeams at test\/Teams: 1 invalid prop:\n  - teams\[1\]\.storage\.softDeleteRetentionDays = 3: must be a whole number from 7 to 365$/);
  });

  test('a platform setting every team inherits is reported once, under the platform\'s prop; a team\'s own under the team', () => {
    const error = errorOf(() => teams((s) => ({
      release: { image: IMAGE, workers: 0 },
      tags: { 'a/b': 'x' },
      teams: [team(s, 'vision'), team(s, 'nlp', { release: { workers: 65 } }), team(s, 'forecasting', { storageAccountName: 'stmlflowforecast1' })],
    })));
    const problems = error.split('\n').slice(1);
    expect(problems.filter((l) => /  - release\.workers = 0: must be a whole number from 1 to 64/.test(l))).toHaveLength(1);
    expect(problems.filter((l) => /  - teams\[1\]\.release\.workers = 65: must be a whole number from 1 to 64/.test(l))).toHaveLength(1);
    expect(problems.filter((l) => /  - tags\["a\/b"\] = "x": the tag name must be/.test(l))).toHaveLength(1);
    // nothing else: no teams[0] or teams[2] copy of the platform's mistakes, no storage.tags
    expect(problems.every((l) => /^  - (release\.workers = 0|teams\[1\]\.release\.workers = 65|tags\["a\/b"\])/.test(l))).toBe(true);
  });

  test('a bad or repeated team name: one problem at its own index, the team not built', () => {
    expect(errorOf(() => teams((s) => ({ teams: [team(s, 'Vision'), team(s, 'nlp')] }))))
      .toMatch(/^MlflowTeams at test\/Teams: 1 invalid prop:\n  - teams\[0\]\.name = "Vision": must be 3 to 33 lowercase letters/);
    expect(errorOf(() => teams((s) => ({ teams: [team(s, '3d-vision'), team(s, 'nlp')] }))))
      .toMatch(/^MlflowTeams at test\/Teams: 1 invalid prop:\n  - teams\[0\]\.name = "3d-vision": .*starting with a letter/);
    const error = errorOf(() => teams((s) => ({ teams: [team(s, 'vision', { release: { image: IMAGE, workers: 0 } }), team(s, 'nlp'), team(s, 'vision')] })));
    expect(error).toMatch(/^MlflowTeams at test\/Teams: 2 invalid props:/);
    expect(error).toMatch(/  - teams\[0\]\.release\.workers = 0/);
    expect(error).toMatch(/  - teams\[2\]\.name = "vision": is already the name of teams\[0\]/);
  });

  test('a team name from a variable: that one problem, not a crash of the construct ids it would name', () => {
    const error = errorOf(() => teams((s) => ({ teams: [team(s, new TerraformVariable(s, 'team_name', { type: 'string' }).stringValue)] })));
    expect(error).toMatch(/^MlflowTeams at test\/Teams: 1 invalid prop:\n  - teams\[0\]\.name = .*: must be a literal string, not a token/);
  });

  test.each<[string, (stack: TerraformStack) => Partial<MlflowTeamsProps>, RegExp]>([
    ['two teams with one name', (s) => ({ teams: [team(s, 'vision'), team(s, 'vision')] }), /teams\[1\]\.name = "vision": is already the name of teams\[0\]/],
    ['no team', () => ({ teams: [] }), /teams = \[\]: must list at least one team/],
    ['a shared team without the shared account', (s) => ({ sharedStorageAccountName: undefined, teams: [team(s, 'vision')] }), /sharedStorageAccountName = undefined: is required: teams vision give no storageAccountName/],
    ['the shared account without a sharing team', (s) => ({ teams: [team(s, 'forecasting', { storageAccountName: 'stmlflowforecast1' })] }), /sharedStorageAccountName = "stmlflowshared01": applies only when a team has no storage account of its own/],
    ['a container name for the shared account', () => ({ sharedStorage: { containerName: 'shared' } }), /sharedStorage\.containerName = "shared": is set by MlflowTeams/],
    ['a bad shared account name', () => ({ sharedStorageAccountName: 'shared_account' }), /sharedStorageAccountName = "shared_account": must be 3 to 24 lowercase letters/],
    ['a region with a hyphen', () => ({ location: 'west-europe' }), /location = "west-europe": must be an Azure region/],
  ])('%s', (_name, overrides, message) => {
    expect(errorOf(() => teams(overrides))).toMatch(message);
  });
});
