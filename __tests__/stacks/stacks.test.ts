import { App, Testing } from 'cdktf';
import { buildExampleStacks } from '../../stacks/app';
import { errorsOf, onlyResource, resourcesOf, testApp, warningsOf } from '../util';

const STACKS = ['mlflow-dev', 'mlflow-sp', 'mlflow-prod', 'mlflow-teams'];

// The stacks read TFC_* from the environment: the snapshots are of the local-state default.
for (const name of ['TFC_ORGANIZATION', 'TFC_WORKSPACE_PREFIX', 'TFC_PROJECT', 'TFC_HOSTNAME']) delete process.env[name];

function synthAll(): { app: App; json: Map<string, string> } {
  const app = testApp();
  const stacks = buildExampleStacks(app);
  return { app, json: new Map(stacks.map((s) => [s.node.id, Testing.synth(s)])) };
}

const { app, json: synthesized } = synthAll();
const parsed = (name: string) => JSON.parse(synthesized.get(name)!);

/** MLflow's helm values of a stack (one JSON document). */
function helmValues(name: string): any {
  const release = onlyResource(parsed(name), 'helm_release');
  expect(release.values).toHaveLength(1);
  return JSON.parse(release.values[0]);
}

describe('example stacks', () => {
  test('the app has exactly the four example stacks', () => {
    expect([...synthesized.keys()]).toEqual(STACKS);
  });

  test.each(STACKS)('%s matches its snapshot', (name) => {
    expect(synthesized.get(name)).toMatchSnapshot();
  });

  test.each(STACKS)('%s synthesises deterministically', (name) => {
    expect(synthAll().json.get(name)).toEqual(synthesized.get(name));
  });

  test.each(STACKS)('%s uses a local backend with a relative state path by default', (name) => {
    expect(parsed(name).terraform.backend).toEqual({ local: { path: `terraform.${name}.tfstate` } });
  });

  test.each(STACKS)('%s requires Terraform >= 1.11 (write-only secrets)', (name) => {
    expect(parsed(name).terraform.required_version).toBe('>= 1.11.0');
  });

  test.each(STACKS)('%s: the policy checks find no error', (name) => {
    expect(errorsOf(app.node.findChild(name))).toEqual([]);
  });

  test('mlflow-prod: no policy warning and no construct warning', () => {
    expect(warningsOf(app.node.findChild('mlflow-prod'))).toEqual([]);
  });

  test.each(STACKS)('%s emits the artifact store secure values explicitly', (name) => {
    const json = parsed(name);
    const accounts = resourcesOf(json, 'azurerm_storage_account').map(([, a]) => a);
    expect(accounts.length).toBeGreaterThan(0);
    for (const account of accounts) expectSecureAccount(account);
    for (const [, container] of resourcesOf(json, 'azurerm_storage_container')) expect(container.container_access_type).toBe('private');
  });

  function expectSecureAccount(account: any): void {
    expect(account).toMatchObject({
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      cross_tenant_replication_enabled: false,
      infrastructure_encryption_enabled: true,
      local_user_enabled: false,
    });
    expect(typeof account.shared_access_key_enabled).toBe('boolean');
    expect(account.default_to_oauth_authentication).toBe(!account.shared_access_key_enabled);
    expect(account.blob_properties.versioning_enabled).toBe(true);
    expect(account.blob_properties.delete_retention_policy.days).toBeGreaterThanOrEqual(7);
    expect(account.blob_properties.container_delete_retention_policy.days).toBeGreaterThanOrEqual(7);
    expect(typeof account.lifecycle.prevent_destroy).toBe('boolean');
  }

  test.each(STACKS)('%s: the provider uses Entra ID for storage exactly when shared keys are off', (name) => {
    const json = parsed(name);
    const provider = json.provider.azurerm[0];
    for (const [, account] of resourcesOf(json, 'azurerm_storage_account')) expect(provider.storage_use_azuread).toBe(!account.shared_access_key_enabled);
    expect(provider.features[0].key_vault[0]).toEqual({ purge_soft_delete_on_destroy: false, purge_soft_deleted_keys_on_destroy: false });
    expect(provider.features[0].storage[0]).toEqual({ data_plane_available: false });
  });

  test.each(STACKS)('%s: sensitive variables have no default and no secret is a literal', (name) => {
    const json = parsed(name);
    for (const [, v] of Object.entries<any>(json.variable ?? {})) {
      if (v.sensitive) expect(v.default).toBeUndefined();
    }
    for (const [, secret] of resourcesOf(json, 'kubernetes_secret_v1')) {
      expect(secret.data).toBeUndefined();
      expect(secret.binary_data).toBeUndefined();
      for (const [key, value] of Object.entries<string>(secret.data_wo)) {
        if (/SECRET|KEY|CONNECTION|password/i.test(key)) expect(value).toMatch(/^\$\{[^}]+\}$/);
      }
    }
    for (const [, release] of resourcesOf(json, 'helm_release')) {
      expect(release.values).toHaveLength(1);
      expect(release.values[0]).not.toMatch(/"(password|accessKey|connectionString|clientSecret|adminPassword)"\s*:\s*"[^"]/);
      expect(release.set_sensitive).toBeUndefined();
    }
  });

  test.each(STACKS)('%s never references the deprecated resource_manager_id (removed in azurerm 5)', (name) => {
    expect(synthesized.get(name)).not.toContain('resource_manager_id');
  });

  test.each(STACKS)('%s never emits the variables MLflow does not read', (name) => {
    const text = synthesized.get(name)!;
    for (const v of ['AZURE_STORAGE_KEY"', 'AZURE_STORAGE_ACCOUNT', 'AZURE_STORAGE_ENDPOINT', 'MLFLOW_ARTIFACT_ROOT']) {
      expect(text).not.toContain(v);
    }
  });

  test.each(STACKS)('%s has the outputs a person needs', (name) => {
    const outputs = Object.keys(parsed(name).output);
    const prefixes = name === 'mlflow-teams' ? ['vision_', 'nlp_', 'forecasting_'] : [''];
    for (const prefix of prefixes) {
      expect(outputs).toEqual(expect.arrayContaining(['tracking_url', 'artifact_uri', 'storage_account', 'verify_commands'].map((o) => `${prefix}${o}`)));
    }
  });
});

describe('mlflow-teams: one cluster, three teams', () => {
  const json = parsed('mlflow-teams');
  const byName = (type: string) => resourcesOf(json, type).map(([, r]) => r);

  test('each team has its own namespace, release, identity, network policy and sign-in secret', () => {
    expect(byName('kubernetes_namespace_v1').map((n) => n.metadata.name).sort()).toEqual(['mlflow-forecasting', 'mlflow-nlp', 'mlflow-vision']);
    expect(byName('helm_release').map((r) => r.name).sort()).toEqual(['mlflow-forecasting', 'mlflow-nlp', 'mlflow-vision']);
    expect(byName('azurerm_user_assigned_identity').map((i) => i.name).sort()).toEqual([
      'id-mlflow-forecasting-artifacts', 'id-mlflow-nlp-artifacts', 'id-mlflow-vision-artifacts',
    ]);
    expect(byName('kubernetes_network_policy_v1')).toHaveLength(3);
    expect(byName('kubernetes_secret_v1').filter((s) => s.metadata.labels['app.kubernetes.io/component'] === 'sign-in')).toHaveLength(3);
    // each team's own service account, named after its instance
    for (const fic of byName('azurerm_federated_identity_credential')) expect(fic.subject).toMatch(/^system:serviceaccount:\$\{kubernetes_namespace_v1\.[^}]+\}:mlflow-(vision|nlp|forecasting)$/);
    expect(new Set(byName('azurerm_federated_identity_credential').map((f) => f.subject)).size).toBe(3);
  });

  test('vision and nlp share one account, each with a role on its own container only; forecasting has its own account', () => {
    const accounts = byName('azurerm_storage_account').map((a) => a.name).sort();
    expect(accounts).toEqual(['stmlflowforecast001', 'stmlflowteams001']);
    const containers = resourcesOf(json, 'azurerm_storage_container');
    expect(containers.map(([, c]) => c.name).sort()).toEqual(['mlflow', 'nlp', 'vision']);
    const grants = byName('azurerm_role_assignment');
    expect(grants).toHaveLength(3);
    for (const grant of grants) {
      expect(grant.role_definition_name).toBe('Storage Blob Data Contributor');
      expect(grant.scope).toMatch(/^\$\{azurerm_storage_container\.[^}]+\.id\}$/);
    }
    expect(new Set(grants.map((g) => g.scope)).size).toBe(3);
  });

  test('each team signs in with its own groups; each has its own databases', () => {
    for (const [, release] of resourcesOf(json, 'helm_release')) {
      const values = JSON.parse(release.values[0]);
      const team = release.name.replace('mlflow-', '');
      expect(values.oidcAuth.redirectUri).toBe(`https://${team}.mlflow.example.com/callback`);
      expect(values.backendStore.postgres.database).toBe(`mlflow_${team}`);
      expect(values.oidcAuth.groupName[0]).toMatch(new RegExp(`^\\$\\{local\\.Teams_Team-${team}_Release_SignIn_UserGroups`));
    }
  });
});

describe('mlflow-dev: account key chain', () => {
  const json = parsed('mlflow-dev');
  const values = helmValues('mlflow-dev');
  const secret = onlyResource(json, 'kubernetes_secret_v1');

  test('the account key reaches the pod only through a write-only secret attached by name', () => {
    expect(Object.keys(secret.data_wo)).toEqual(['AZURE_STORAGE_ACCESS_KEY']);
    expect(secret.data_wo.AZURE_STORAGE_ACCESS_KEY).toMatch(/^\$\{azurerm_storage_account\.\w+\.primary_access_key\}$/);
    expect(values.extraSecretNamesForEnvFrom).toEqual([expect.stringMatching(/^\$\{kubernetes_secret_v1\.\w+\.metadata\[0\]\.name\}$/)]);
    expect(values.artifactRoot.azureBlob).toEqual(expect.objectContaining({ enabled: true, container: 'mlflow', path: 'artifacts' }));
    expect(values.artifactRoot.azureBlob.accessKey).toBeUndefined();
  });

  test('a renewed account key reaches the pods: the secret\'s revision is a pod annotation', () => {
    expect(values.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBe(String(secret.data_wo_revision));
  });

  test('shared keys on, deletion protection off, multipart upload on', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.shared_access_key_enabled).toBe(true);
    expect(account.lifecycle).toEqual({ prevent_destroy: false });
    expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(0);
    expect(values.extraEnvVars.MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD).toBe('true');
  });

  test('allow-all firewall as Azure\'s default: no network_rules block, so no perpetual diff (azurerm 27860)', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.network_rules).toBeUndefined();
    expect(account.public_network_access_enabled).toBe(true);
  });

  test('no role assignment and no identity: the key is the access', () => {
    expect(resourcesOf(json, 'azurerm_role_assignment')).toHaveLength(0);
    expect(resourcesOf(json, 'azurerm_user_assigned_identity')).toHaveLength(0);
  });
});

describe('mlflow-sp: service principal chain', () => {
  const json = parsed('mlflow-sp');
  const values = helmValues('mlflow-sp');

  test('the principal gets the container role, and its credentials come from variables', () => {
    const role = onlyResource(json, 'azurerm_role_assignment');
    expect(role).toMatchObject({
      role_definition_name: 'Storage Blob Data Contributor',
      principal_id: '${var.mlflow_sp_object_id}',
      scope: expect.stringMatching(/^\$\{azurerm_storage_container\.\w+\.id\}$/),
    });
    const secrets = resourcesOf(json, 'kubernetes_secret_v1').map(([, s]) => s);
    const credentials = secrets.find((s) => 'AZURE_CLIENT_SECRET' in s.data_wo);
    expect(credentials.data_wo).toMatchObject({
      AZURE_CLIENT_ID: '${var.mlflow_sp_client_id}',
      AZURE_TENANT_ID: '${var.mlflow_sp_tenant_id}',
      AZURE_CLIENT_SECRET: '${var.mlflow_sp_client_secret}',
    });
    expect(json.variable.mlflow_sp_client_secret).toMatchObject({ sensitive: true });
    expect(values.extraSecretNamesForEnvFrom).toHaveLength(1);
  });

  test('the database password comes from a write-only secret, never the values', () => {
    const secrets = resourcesOf(json, 'kubernetes_secret_v1').map(([, s]) => s);
    const db = secrets.find((s) => 'password' in s.data_wo);
    expect(db.data_wo.password).toBe('${var.mlflow_db_password}');
    expect(values.backendStore.existingDatabaseSecret).toMatchObject({ passwordKey: 'password' });
    expect(values.backendStore.postgres.password).toBeUndefined();
    expect(values.extraEnvVars.PGSSLMODE).toBe('require');
  });

  test('a rotated client secret reaches the pods: the credentials secret\'s revision is a pod annotation', () => {
    const secrets = resourcesOf(json, 'kubernetes_secret_v1').map(([, s]) => s);
    const credentials = secrets.find((s) => 'AZURE_CLIENT_SECRET' in s.data_wo);
    expect(credentials.data_wo_revision).toBe(1);
    expect(values.podAnnotations['cdktf-mlflow-azure/artifact-secret-revision']).toBe(String(credentials.data_wo_revision));
  });

  test('an image with azure-identity is set', () => {
    expect(values.image).toMatchObject({ repository: 'crmlflowexample.azurecr.io/mlflow-azure', tag: '3.15.1' });
  });
});

describe('mlflow-prod: workload identity chain and hardening', () => {
  const json = parsed('mlflow-prod');
  const values = helmValues('mlflow-prod');
  const fic = onlyResource(json, 'azurerm_federated_identity_credential');
  const identities = resourcesOf(json, 'azurerm_user_assigned_identity');
  const [mlflowIdentityId] = identities.find(([, v]) => v.name === 'id-mlflow-artifacts')!;

  test('federated credential: audience, issuer and the subject of the release service account', () => {
    expect(fic.audience).toEqual(['api://AzureADTokenExchange']);
    expect(fic.issuer).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.\w+\.oidc_issuer_url\}$/);
    expect(fic.parent_id).toBe(`\${azurerm_user_assigned_identity.${mlflowIdentityId}.id}`);
    const ns = onlyResource(json, 'kubernetes_namespace_v1');
    expect(ns.metadata.name).toBe('mlflow');
    expect(fic.subject).toMatch(new RegExp(`^system:serviceaccount:\\$\\{kubernetes_namespace_v1\\.\\w+\\.metadata\\[0\\]\\.name\\}:${values.serviceAccount.name}$`));
    expect(onlyResource(json, 'helm_release').namespace).toMatch(/^\$\{kubernetes_namespace_v1\.\w+\.metadata\[0\]\.name\}$/);
  });

  test('service account annotation and pod label point at the same identity', () => {
    expect(values.serviceAccount).toMatchObject({
      create: true,
      annotations: { 'azure.workload.identity/client-id': `\${azurerm_user_assigned_identity.${mlflowIdentityId}.client_id}` },
    });
    expect(values.extraPodLabels).toEqual(expect.objectContaining({ 'azure.workload.identity/use': 'true' }));
  });

  test('the blob role goes to that identity, scoped to the container', () => {
    const roles = resourcesOf(json, 'azurerm_role_assignment').map(([, r]) => r);
    const blob = roles.filter((r) => r.role_definition_name === 'Storage Blob Data Contributor');
    expect(blob).toHaveLength(1);
    expect(blob[0].principal_id).toBe(`\${azurerm_user_assigned_identity.${mlflowIdentityId}.principal_id}`);
    expect(blob[0].scope).toMatch(/^\$\{azurerm_storage_container\.\w+\.id\}$/);
  });

  test('no key, no connection string anywhere; no multipart upload', () => {
    const text = synthesized.get('mlflow-prod')!;
    expect(text).not.toMatch(/primary_access_key|primary_connection_string|AZURE_STORAGE_ACCESS_KEY|AZURE_STORAGE_CONNECTION_STRING/);
    // Only the sign-in secret (client secret, user database URL): nothing of the artifact store.
    expect(values.extraSecretNamesForEnvFrom).toEqual(['mlflow-sign-in']);
    const signInSecret = resourcesOf(parsed('mlflow-prod'), 'kubernetes_secret_v1').map(([, s]) => s).find((s) => s.metadata.name === 'mlflow-sign-in');
    expect(Object.keys(signInSecret.data_wo).sort()).toEqual(['OIDC_CLIENT_SECRET', 'OIDC_USERS_DB_URI']);
    expect(values.extraEnvVars.MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD).toBeUndefined();
  });

  test('storage: shared keys off, geo-zone-redundant, point-in-time restore, private only, CMK', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account).toMatchObject({
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      account_replication_type: 'GZRS',
      public_network_access_enabled: false,
      lifecycle: { prevent_destroy: true },
      identity: { type: 'UserAssigned' },
    });
    expect(account.blob_properties.restore_policy).toEqual({ days: 29 });
    expect(account.blob_properties.change_feed_enabled).toBe(true);
    expect(account.network_rules).toMatchObject({ default_action: 'Deny', bypass: ['AzureServices'] });
    expect(account.customer_managed_key.key_vault_key_id).toMatch(/^\$\{azurerm_key_vault_key\.\w+\.versionless_id\}$/);
    expect(account.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_role_assignment\./)]));
    expect(onlyResource(json, 'azurerm_management_lock').lock_level).toBe('CanNotDelete');
  });

  test('key vault: purge protection, RBAC, firewall Deny, prevent_destroy', () => {
    expect(onlyResource(json, 'azurerm_key_vault')).toMatchObject({
      purge_protection_enabled: true,
      rbac_authorization_enabled: true,
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices' },
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(json, 'azurerm_key_vault_key')).toMatchObject({
      key_type: 'RSA',
      key_size: 3072,
      lifecycle: { prevent_destroy: true, ignore_changes: ['expiration_date'] },
    });
  });

  test('first apply: the key and the account wait for their grants to propagate (time_sleep, re-run when a grant is replaced)', () => {
    const waits = resourcesOf(json, 'time_sleep').map(([id, w]) => ({ id, ...w }));
    expect(waits).toHaveLength(2);
    for (const w of waits) {
      expect(w.create_duration).toBe('120s');
      expect(w.triggers.role_assignment_id).toMatch(/^\$\{azurerm_role_assignment\.\w+\.id\}$/);
    }
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^time_sleep\.\w*DeployerCryptoOfficerPropagation/)]));
    expect(onlyResource(json, 'azurerm_storage_account').depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^time_sleep\.\w*StorageEncryptionUserPropagation/)]));
    expect(json.provider.time).toEqual([{}]);
  });

  test('private endpoints for blob and the vault, diagnostics on the blob service, alerts', () => {
    const subresources = resourcesOf(json, 'azurerm_private_endpoint').flatMap(([, pe]) => pe.private_service_connection.subresource_names);
    expect(subresources.sort()).toEqual(['blob', 'vault']);
    const targets = resourcesOf(json, 'azurerm_monitor_diagnostic_setting').map(([, d]) => d.target_resource_id);
    expect(targets).toEqual(expect.arrayContaining([expect.stringMatching(/\/blobServices\/default$/)]));
    expect(resourcesOf(json, 'azurerm_monitor_metric_alert').length).toBeGreaterThanOrEqual(4);
  });

  test('an HTTPRoute on the platform\'s Gateway (no Ingress on a retired NGINX), no route timeout, keep-alive above the gateway\'s; autoscaling with postgres', () => {
    expect(values.ingress).toEqual({ enabled: false });
    const route = values.extraDeploy.find((m: any) => m.kind === 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateways', sectionName: 'https' }]);
    expect(route.spec.hostnames).toEqual(['mlflow.example.com']);
    expect(route.spec.rules[0].timeouts).toEqual({ request: '0s' });
    expect(values.extraEnvVars.UVICORN_TIMEOUT_KEEP_ALIVE).toBe('3660');
    expect(values.extraEnvVars.MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT).toBe('600');
    expect(values.autoscaling).toMatchObject({ enabled: true, minReplicas: 2, maxReplicas: 6 });
    expect(values.serverAllowedHosts).toEqual(expect.arrayContaining(['mlflow.example.com']));
  });
});

describe('example stacks in Terraform Cloud', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('TFC_ORGANIZATION gives every stack its own workspace and no local backend', () => {
    process.env.TFC_ORGANIZATION = 'acme';
    process.env.TFC_WORKSPACE_PREFIX = 'ml';
    const stacks = buildExampleStacks(testApp());
    for (const stack of stacks) {
      const terraform = JSON.parse(Testing.synth(stack)).terraform;
      expect(terraform.backend).toBeUndefined();
      expect(terraform.cloud).toEqual({ organization: 'acme', workspaces: { name: `ml-${stack.node.id}` } });
    }
  });

  test('without a prefix the workspace is the stack name', () => {
    process.env.TFC_ORGANIZATION = 'acme';
    delete process.env.TFC_WORKSPACE_PREFIX;
    const [dev] = buildExampleStacks(testApp());
    expect(JSON.parse(Testing.synth(dev)).terraform.cloud.workspaces).toEqual({ name: 'mlflow-dev' });
  });
});
