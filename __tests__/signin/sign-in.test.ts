import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AzureCloud } from '../../lib/core/cloud';
import { MlflowBackendStore, MlflowPostgresOptions, MlflowRelease, MlflowReleaseProps, PostgresSslMode } from '../../lib/mlflow';
import {
  BasicAuthSignInOptions,
  EntraIdNewApplicationSignInOptions,
  EntraIdSignInOptions,
  MlflowPermission,
  MlflowSignIn,
  MlflowSignInMechanism,
  MlflowSignInResources,
} from '../../lib/signin';
import { LOCATION, NO_SIGN_IN, RELEASE_BASE, sensitiveVariable } from '../mlflow/fixtures';
import { onlyResource, ref, resourcesOf, testStack } from '../util';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0b1e3a7c-5d2f-4e6a-9c8b-1a2b3c4d5e6f';
const USERS = '11111111-1111-1111-1111-111111111111';
const ADMINS = '22222222-2222-2222-2222-222222222222';
const OWNER = '33333333-3333-3333-3333-333333333333';
const INGRESS = { host: 'mlflow.example.com', tlsSecretName: 'mlflow-tls' };
/** The redirect URI of a server without ingress (e.g. behind a port-forward or an internal proxy). */
const INTERNAL_REDIRECT = 'https://mlflow.internal.example.com/callback';
const PG_HOST = 'pg-mlflow.postgres.database.azure.com';
/** The tracking password as it lands URL-encoded in a connection URL. */
const ENCODED_DB_PASSWORD = '${replace(urlencode(var.db_password), "+", "%20")}';
const SIGN_IN_LABELS = {
  'app.kubernetes.io/name': 'mlflow',
  'app.kubernetes.io/instance': 'mlflow',
  'app.kubernetes.io/component': 'sign-in',
  'app.kubernetes.io/managed-by': 'terraform',
};

/** A PostgreSQL tracking store whose password is the sensitive variable db_password. */
function postgres(stack: TerraformStack, options: Partial<MlflowPostgresOptions> = {}): MlflowBackendStore {
  return MlflowBackendStore.postgres({
    host: PG_HOST,
    database: 'mlflow',
    user: 'mlflow',
    password: sensitiveVariable(stack, 'db_password').stringValue,
    ...options,
  });
}

function entraId(stack: TerraformStack, options: Partial<EntraIdSignInOptions> = {}): MlflowSignIn {
  return MlflowSignIn.entraId({
    tenantId: TENANT,
    clientId: CLIENT,
    clientSecret: sensitiveVariable(stack, 'client_secret').stringValue,
    userGroupObjectIds: [USERS],
    adminGroupObjectIds: [ADMINS],
    redirectUri: INTERNAL_REDIRECT,
    ...options,
  });
}

function newApplication(options: Partial<EntraIdNewApplicationSignInOptions> = {}): MlflowSignIn {
  return MlflowSignIn.entraIdWithNewApplication({ userGroupObjectIds: [USERS], adminGroupObjectIds: [ADMINS], ...options });
}

function basicAuth(stack: TerraformStack, options: Partial<BasicAuthSignInOptions> = {}): MlflowSignIn {
  return MlflowSignIn.basicAuth({ adminPassword: sensitiveVariable(stack, 'mlflow_admin_password').stringValue, ...options });
}

type Build = (stack: TerraformStack) => Partial<MlflowReleaseProps>;

/** A release with SQLite and no ingress unless the build says otherwise. */
function synthRelease(build: Build) {
  const stack = testStack();
  const release = new MlflowRelease(stack, 'Mlflow', {
    ...RELEASE_BASE,
    ...build(stack),
  });
  const synth = Testing.synth(stack);
  const json = JSON.parse(synth);
  const helm = onlyResource(json, 'helm_release');
  const secrets = resourcesOf(json, 'kubernetes_secret_v1').filter(([, s]) => s.metadata.name === 'mlflow-sign-in');
  return {
    stack,
    release,
    synth,
    json,
    helm,
    // The values document stays JSON before Terraform interpolates it.
    values: JSON.parse(helm.values[0]),
    secretId: secrets[0]?.[0],
    secret: secrets[0]?.[1],
    secretCount: secrets.length,
  };
}

/** The synthesized id of the only resource of a type. */
function idOf(json: any, type: string): string {
  const all = resourcesOf(json, type);
  expect(all).toHaveLength(1);
  return all[0][0];
}

describe('the sign-in secret, whatever the mechanism', () => {
  const cases: [string, Build][] = [
    ['Entra ID, existing application', (s) => ({ signIn: entraId(s) })],
    ['Entra ID, new application', () => ({ signIn: newApplication({ redirectUri: INTERNAL_REDIRECT }) })],
    ['basic auth', (s) => ({ signIn: basicAuth(s) })],
  ];

  test.each(cases)('%s: one secret <fullname>-sign-in, written only through data_wo, with a revision', (_name, build) => {
    const { secret, secretCount } = synthRelease(build);
    expect(secretCount).toBe(1);
    expect(secret.metadata.namespace).toBe('mlflow');
    expect(secret.type).toBe('Opaque');
    expect(secret.data_wo).toEqual(expect.any(Object));
    expect(secret.data_wo_revision).toBeDefined();
    expect(secret.data).toBeUndefined();
    expect(secret.binary_data).toBeUndefined();
    expect(secret.binary_data_wo).toBeUndefined();
  });

  test.each(cases)('%s: Terraform >= 1.11 is required even without a database secret (SQLite)', (_name, build) => {
    const { json } = synthRelease(build);
    expect(resourcesOf(json, 'kubernetes_secret_v1')).toHaveLength(1);
    expect(json.terraform.required_version).toBe('>= 1.11.0');
  });

  test.each(cases)('%s: the release depends on the secret', (_name, build) => {
    const { helm, secretId } = synthRelease(build);
    expect(helm.depends_on).toContain(`kubernetes_secret_v1.${secretId}`);
  });

  test.each(cases)('%s: synthesis is deterministic', (_name, build) => {
    expect(synthRelease(build).synth).toBe(synthRelease(build).synth);
  });

  test('labels name the release, the component and the mechanism', () => {
    expect(synthRelease((s) => ({ signIn: entraId(s) })).synth).toHaveResourceWithProperties({ tfResourceType: 'kubernetes_secret_v1' }, {
      metadata: { name: 'mlflow-sign-in', namespace: 'mlflow', labels: { ...SIGN_IN_LABELS, 'cdktf-mlflow-azure/sign-in': 'entra-id' } },
    });
    expect(synthRelease((s) => ({ signIn: basicAuth(s) })).secret.metadata.labels).toEqual({ ...SIGN_IN_LABELS, 'cdktf-mlflow-azure/sign-in': 'basic-auth' });
  });

  test('the secret is named after the chart\'s full name, labelled with the release', () => {
    const { json, values } = synthRelease((s) => ({ releaseName: 'team', signIn: entraId(s) }));
    const secret = resourcesOf(json, 'kubernetes_secret_v1').map(([, r]) => r).find((r) => r.metadata.name === 'team-mlflow-sign-in');
    expect(secret.metadata.labels['app.kubernetes.io/instance']).toBe('team');
    expect(values.oidcAuth.existingSecret.name).toBe('team-mlflow-sign-in');
  });

  test('no sign-in: no secret, no sign-in values, no Terraform version requirement with SQLite', () => {
    const { json, release, values } = synthRelease(() => ({ signIn: NO_SIGN_IN }));
    expect(resourcesOf(json, 'kubernetes_secret_v1')).toHaveLength(0);
    expect(json.terraform?.required_version).toBeUndefined();
    expect(release.signIn.secret).toBeUndefined();
    expect(release.signIn.binding.mechanism).toBe(MlflowSignInMechanism.NONE);
    expect(values.oidcAuth).toBeUndefined();
    expect(values.extraArgs).not.toHaveProperty('appName');
    expect(values.podAnnotations).not.toHaveProperty('cdktf-mlflow-azure/sign-in-secret-revision');
  });
});

describe('Entra ID with an existing application', () => {
  test('SQLite tracking store: the secret holds the client secret only; users in SQLite in /tmp; no envFrom', () => {
    const { secret, synth, values } = synthRelease((s) => ({ signIn: entraId(s) }));
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'kubernetes_secret_v1' }, {
      metadata: expect.objectContaining({ name: 'mlflow-sign-in' }),
      data_wo: { OIDC_CLIENT_SECRET: '${var.client_secret}' },
      data_wo_revision: 1,
    });
    expect(Object.keys(secret.data_wo)).toEqual(['OIDC_CLIENT_SECRET']);
    expect(values.oidcAuth.database).toEqual({ uri: 'sqlite:////tmp/mlflow-oidc-auth.db' });
    expect(values.extraSecretNamesForEnvFrom).toEqual([]);
    expect(values.oidcAuth.existingSecret).toEqual({ name: 'mlflow-sign-in', clientSecretKey: 'OIDC_CLIENT_SECRET' });
  });

  test('PostgreSQL tracking store: OIDC_USERS_DB_URI to the plugin\'s own database with the tracking credentials, through envFrom', () => {
    const { secret, values } = synthRelease((s) => ({ backendStore: postgres(s), signIn: entraId(s, { database: { database: 'mlflow_auth' } }) }));
    expect(secret.data_wo).toEqual({
      OIDC_CLIENT_SECRET: '${var.client_secret}',
      OIDC_USERS_DB_URI: `postgresql://mlflow:${ENCODED_DB_PASSWORD}@${PG_HOST}:5432/mlflow_auth?sslmode=require`,
    });
    expect(values.extraSecretNamesForEnvFrom).toEqual(['mlflow-sign-in']);
    expect(values.oidcAuth).not.toHaveProperty('database');
  });

  test('the user database takes its own server, port and credentials, and the tracking store\'s sslmode and driver', () => {
    const { secret } = synthRelease((s) => ({
      backendStore: postgres(s, { sslMode: PostgresSslMode.VERIFY_FULL, driver: 'psycopg2' }),
      signIn: entraId(s, {
        database: { database: 'mlflow_auth', host: 'pg-auth.postgres.database.azure.com', port: 6432, user: 'auth', password: sensitiveVariable(s, 'auth_password').stringValue },
      }),
    }));
    expect(secret.data_wo.OIDC_USERS_DB_URI).toBe(
      'postgresql+psycopg2://auth:${replace(urlencode(var.auth_password), "+", "%20")}@pg-auth.postgres.database.azure.com:6432/mlflow_auth?sslmode=verify-full',
    );
  });

  test('Redis: CACHE_REDIS_URL in the secret, CACHE_BACKEND redis in the environment, envFrom', () => {
    const { secret, values } = synthRelease((s) => ({ signIn: entraId(s, { cacheRedisUrl: sensitiveVariable(s, 'redis_url').stringValue }) }));
    expect(secret.data_wo).toEqual({ OIDC_CLIENT_SECRET: '${var.client_secret}', CACHE_REDIS_URL: '${var.redis_url}' });
    expect(values.extraEnvVars.CACHE_BACKEND).toBe('redis');
    expect(values.extraSecretNamesForEnvFrom).toEqual(['mlflow-sign-in']);
  });

  test('the client secret, the database password and the Redis URL appear nowhere but data_wo', () => {
    const { synth, helm } = synthRelease((s) => ({
      backendStore: postgres(s),
      signIn: entraId(s, { database: { database: 'mlflow_auth' }, cacheRedisUrl: sensitiveVariable(s, 'redis_url').stringValue }),
    }));
    expect(synth.match(/var\.client_secret/g)).toHaveLength(1);
    expect(synth.match(/var\.redis_url/g)).toHaveLength(1);
    // the tracking store's secret, and the sign-in user database URL
    expect(synth.match(/var\.db_password/g)).toHaveLength(2);
    for (const name of ['client_secret', 'redis_url', 'db_password']) expect(helm.values[0]).not.toContain(name);
  });

  test('the values: the application, its redirect URI from the ingress host, the tenant\'s issuer', () => {
    const { values } = synthRelease((s) => ({ ingress: INGRESS, signIn: entraId(s, { redirectUri: undefined }) }));
    expect(values.oidcAuth).toMatchObject({
      enabled: true,
      clientId: CLIENT,
      audience: CLIENT,
      redirectUri: 'https://mlflow.example.com/callback',
      discoveryUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      groupName: [USERS],
      adminGroupName: [ADMINS],
      trustedProxies: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
      sessionCookieSecure: true,
    });
    expect(values.extraEnvVars.OIDC_ISSUER).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0`);
  });

  test('the cloud defaults to the artifact store\'s (China: its sign-in host and its issuer)', () => {
    const { values } = synthRelease((s) => ({
      artifactLocation: { ...LOCATION, cloud: AzureCloud.CHINA },
      signIn: entraId(s, { redirectUri: 'https://mlflow.example.cn/callback' }),
    }));
    expect(values.oidcAuth.discoveryUrl).toBe(`https://login.chinacloudapi.cn/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(values.extraEnvVars.OIDC_ISSUER).toBe(`https://login.partner.microsoftonline.cn/${TENANT}/v2.0`);
  });

  describe('a list(string) variable for groups', () => {
    const run = () => synthRelease((s) => ({
      signIn: entraId(s, {
        redirectUri: INTERNAL_REDIRECT,
        userGroupObjectIds: new TerraformVariable(s, 'user_groups', { type: 'list(string)' }).listValue,
        adminGroupObjectIds: new TerraformVariable(s, 'admin_groups', { type: 'list(string)' }).listValue,
      }),
    }));

    test('becomes one item referring to a local that joins it with commas', () => {
      const { json, values } = run();
      const [users] = values.oidcAuth.groupName;
      const [admins] = values.oidcAuth.adminGroupName;
      expect(values.oidcAuth.groupName).toHaveLength(1);
      expect(values.oidcAuth.adminGroupName).toHaveLength(1);
      expect(users).toMatch(/^\$\{local\.\w+\}$/);
      expect(admins).toMatch(/^\$\{local\.\w+\}$/);
      expect(json.locals[users.slice('${local.'.length, -1)]).toBe('${join(",", var.user_groups)}');
      expect(json.locals[admins.slice('${local.'.length, -1)]).toBe('${join(",", var.admin_groups)}');
    });

    test('the values document stays valid JSON', () => {
      const { helm } = run();
      expect(() => JSON.parse(helm.values[0])).not.toThrow();
    });
  });

  test('trusted proxies as a list reference become one item referring to a joining local (MlflowSignInResources)', () => {
    const stack = testStack();
    const proxies = new TerraformVariable(stack, 'proxies', { type: 'list(string)' }).listValue;
    const resources = new MlflowSignInResources(stack, 'SignIn', {
      signIn: entraId(stack, { redirectUri: INTERNAL_REDIRECT }),
      namespaceName: 'mlflow',
      fullname: 'mlflow',
      releaseName: 'mlflow',
      trustedProxyCidrs: proxies,
      cloud: AzureCloud.PUBLIC,
    });
    const json = JSON.parse(Testing.synth(stack));
    const [local] = resources.binding.oidcAuth!.trustedProxies;
    const name = ref(stack, local).slice('${local.'.length, -1);
    expect(resources.binding.oidcAuth!.trustedProxies).toHaveLength(1);
    expect(json.locals[name]).toBe('${join(",", var.proxies)}');
  });
});

describe('basic auth', () => {
  const iniLines = (secret: any): string[] => secret.data_wo['basic_auth.ini'].split('\n');

  test('PostgreSQL tracking store: one key, basic_auth.ini, whose database is the tracking database with every "%" doubled', () => {
    const { secret } = synthRelease((s) => ({ backendStore: postgres(s), signIn: basicAuth(s) }));
    expect(Object.keys(secret.data_wo)).toEqual(['basic_auth.ini']);
    expect(iniLines(secret)).toEqual([
      '[mlflow]',
      'default_permission = READ',
      `database_uri = \${replace("postgresql://mlflow:${ENCODED_DB_PASSWORD}@${PG_HOST}:5432/mlflow?sslmode=require", "%", "%%")}`,
      'admin_username = admin',
      'admin_password = ${replace(var.mlflow_admin_password, "%", "%%")}',
      'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
      '',
    ]);
  });

  test('a given database name, admin and default permission', () => {
    const { secret } = synthRelease((s) => ({
      backendStore: postgres(s),
      signIn: MlflowSignIn.basicAuth({
        adminPassword: sensitiveVariable(s, 'mlflow_admin_password').stringValue,
        adminUsername: 'mlflow-admin',
        defaultPermission: MlflowPermission.NO_PERMISSIONS,
        database: { database: 'mlflow_users' },
      }),
    }));
    const ini = iniLines(secret);
    expect(ini[1]).toBe('default_permission = NO_PERMISSIONS');
    expect(ini[2]).toContain(`@${PG_HOST}:5432/mlflow_users?sslmode=require`);
    expect(ini[3]).toBe('admin_username = mlflow-admin');
  });

  test('SQLite tracking store: the users in SQLite in /tmp', () => {
    const { secret } = synthRelease((s) => ({ signIn: basicAuth(s) }));
    expect(iniLines(secret)[2]).toBe('database_uri = sqlite:////tmp/mlflow-basic-auth.db');
  });

  test('the values: MLflow\'s basic-auth app and its configuration mounted read-only from the secret', () => {
    const { values } = synthRelease((s) => ({ signIn: basicAuth(s) }));
    expect(values.extraArgs.appName).toBe('basic-auth');
    expect(values.extraEnvVars.MLFLOW_AUTH_CONFIG_PATH).toBe('/etc/mlflow/auth/basic_auth.ini');
    expect(values.extraVolumes).toEqual([{ name: 'mlflow-sign-in', secret: { secretName: 'mlflow-sign-in', defaultMode: 288 } }]);
    expect(values.extraVolumeMounts).toEqual([{ name: 'mlflow-sign-in', mountPath: '/etc/mlflow/auth', readOnly: true }]);
    expect(values.extraSecretNamesForEnvFrom).toEqual([]);
    expect(values.oidcAuth).toBeUndefined();
  });

  test('the admin password is checked at plan: at least 12 characters, no line break; the message does not show it', () => {
    const { secret } = synthRelease((s) => ({ signIn: basicAuth(s) }));
    expect(secret.lifecycle.precondition).toEqual([{
      condition: '${((length(var.mlflow_admin_password) >= 12) && !strcontains(var.mlflow_admin_password, "\\n"))}',
      error_message: 'MLflow sign-in: the basic auth admin password (signIn adminPassword) must have at least 12 characters and no line break.',
    }]);
  });

  test('the admin password appears only in data_wo and the precondition, never in the values', () => {
    const { synth, helm, secret } = synthRelease((s) => ({ signIn: basicAuth(s) }));
    expect(synth.match(/var\.mlflow_admin_password/g)).toHaveLength(3);
    expect(secret.data_wo['basic_auth.ini']).toContain('var.mlflow_admin_password');
    expect(helm.values[0]).not.toContain('mlflow_admin_password');
  });
});

describe('secret revisions: a change rewrites the secret and rolls the pods', () => {
  test.each<[string, number, Build]>([
    ['Entra ID, defaults', 1, (s) => ({ signIn: entraId(s) })],
    ['Entra ID, clientSecretRevision 2, SQLite', 2, (s) => ({ signIn: entraId(s, { clientSecretRevision: 2 }) })],
    ['Entra ID, clientSecretRevision 2, the tracking password at revision 3', 4, (s) => ({
      backendStore: postgres(s, { passwordRevision: 3 }),
      signIn: entraId(s, { clientSecretRevision: 2, database: { database: 'mlflow_auth' } }),
    })],
    ['Entra ID, clientSecretRevision 2, own database credentials (the tracking revision does not count)', 2, (s) => ({
      backendStore: postgres(s, { passwordRevision: 3 }),
      signIn: entraId(s, { clientSecretRevision: 2, database: { database: 'mlflow_auth', user: 'auth', password: sensitiveVariable(s, 'auth_password').stringValue } }),
    })],
    ['basic auth, defaults', 1, (s) => ({ backendStore: postgres(s), signIn: basicAuth(s) })],
    ['basic auth, secretRevision 5, SQLite', 5, (s) => ({ signIn: basicAuth(s, { secretRevision: 5 }) })],
    ['basic auth, secretRevision 5, the tracking password at revision 3', 7, (s) => ({
      backendStore: postgres(s, { passwordRevision: 3 }),
      signIn: basicAuth(s, { secretRevision: 5 }),
    })],
    ['basic auth, secretRevision 5, own database credentials', 5, (s) => ({
      backendStore: postgres(s, { passwordRevision: 3 }),
      signIn: basicAuth(s, { secretRevision: 5, database: { user: 'auth', password: sensitiveVariable(s, 'auth_password').stringValue } }),
    })],
  ])('%s: revision %d', (_name, revision, build) => {
    const { secret, values } = synthRelease(build);
    expect(secret.data_wo_revision).toBe(revision);
    expect(values.podAnnotations['cdktf-mlflow-azure/sign-in-secret-revision']).toBe(String(revision));
  });
});

describe('Entra ID with a new application', () => {
  const run = (build: Build = () => ({ ingress: INGRESS, signIn: newApplication() })) => synthRelease(build);
  const { synth, json, values, secret, stack } = run();
  const application = idOf(json, 'azuread_application');
  const rotation = idOf(json, 'time_rotating');
  const password = idOf(json, 'azuread_application_password');
  const client = Object.keys(json.data.azuread_client_config)[0];

  test('a single-tenant web application: redirect URI, group claims of assigned groups, no implicit grant, v2 tokens, email claims', () => {
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azuread_application' }, {
      display_name: 'MLflow (mlflow.example.com)',
      sign_in_audience: 'AzureADMyOrg',
      prevent_duplicate_names: true,
      group_membership_claims: ['ApplicationGroup'],
      web: {
        redirect_uris: ['https://mlflow.example.com/callback'],
        implicit_grant: { access_token_issuance_enabled: false, id_token_issuance_enabled: false },
      },
      api: { requested_access_token_version: 2 },
      optional_claims: { id_token: [{ name: 'email' }], access_token: [{ name: 'email' }] },
    });
  });

  test('the principal running Terraform owns the application and its service principal', () => {
    const owners = [`\${data.azuread_client_config.${client}.object_id}`];
    expect(onlyResource(json, 'azuread_application').owners).toEqual(owners);
    expect(onlyResource(json, 'azuread_service_principal').owners).toEqual(owners);
  });

  test('more owners are added after the principal running Terraform', () => {
    const { json: withOwners } = run(() => ({ ingress: INGRESS, signIn: newApplication({ ownerObjectIds: [OWNER] }) }));
    const data = Object.keys(withOwners.data.azuread_client_config)[0];
    expect(onlyResource(withOwners, 'azuread_application').owners).toEqual([`\${data.azuread_client_config.${data}.object_id}`, OWNER]);
  });

  test('the service principal requires assignment: only members of the assigned groups sign in', () => {
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azuread_service_principal' }, {
      client_id: `\${azuread_application.${application}.client_id}`,
      app_role_assignment_required: true,
    });
  });

  test('one assignment per user and admin group (for_each over the set), with the default access role', () => {
    const sp = idOf(json, 'azuread_service_principal');
    expect(onlyResource(json, 'azuread_app_role_assignment')).toEqual({
      for_each: `\${toset(toset(["${USERS}", "${ADMINS}"]))}`,
      app_role_id: '00000000-0000-0000-0000-000000000000',
      principal_object_id: '${each.value}',
      resource_object_id: `\${azuread_service_principal.${sp}.object_id}`,
    });
  });

  test('the client secret rotates every 90 days by default', () => {
    expect(onlyResource(json, 'time_rotating')).toEqual({ rotation_days: 90 });
    const { json: monthly } = run(() => ({ ingress: INGRESS, signIn: newApplication({ secretRotationDays: 30 }) }));
    expect(onlyResource(monthly, 'time_rotating')).toEqual({ rotation_days: 30 });
  });

  test('the client secret is replaced at each rotation, created before the old one is destroyed, valid 30 days past its rotation date', () => {
    expect(onlyResource(json, 'azuread_application_password')).toEqual({
      application_id: `\${azuread_application.${application}.id}`,
      display_name: 'mlflow-sign-in',
      end_date: `\${timeadd(time_rotating.${rotation}.rotation_rfc3339, "720h")}`,
      rotate_when_changed: { rotation: `\${time_rotating.${rotation}.id}` },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('the secret holds the generated password (a reference, never a literal); its revision follows the rotation', () => {
    expect(secret.data_wo).toEqual({ OIDC_CLIENT_SECRET: `\${azuread_application_password.${password}.value}` });
    expect(secret.data_wo_revision).toBe(`\${(time_rotating.${rotation}.unix + 1)}`);
    expect(values.podAnnotations['cdktf-mlflow-azure/sign-in-secret-revision']).toBe(`\${(time_rotating.${rotation}.unix + 1)}`);
    expect(onlyResource(json, 'azuread_application_password').value).toBeUndefined();
    expect(values.oidcAuth.existingSecret).toEqual({ name: 'mlflow-sign-in', clientSecretKey: 'OIDC_CLIENT_SECRET' });
    expect(helmValuesOf(json)).not.toContain('azuread_application_password');
  });

  test('with the tracking password at revision 3, the rotation stamp is offset by it', () => {
    const { secret: pgSecret, json: pg } = run((s) => ({
      ingress: INGRESS,
      backendStore: postgres(s, { passwordRevision: 3 }),
      signIn: newApplication({ database: { database: 'mlflow_auth' } }),
    }));
    expect(pgSecret.data_wo_revision).toBe(`\${(time_rotating.${idOf(pg, 'time_rotating')}.unix + 3)}`);
    expect(Object.keys(pgSecret.data_wo).sort()).toEqual(['OIDC_CLIENT_SECRET', 'OIDC_USERS_DB_URI']);
  });

  test('the tenant and client id come from the created application and azuread_client_config', () => {
    expect(values.oidcAuth.clientId).toBe(`\${azuread_application.${application}.client_id}`);
    expect(values.oidcAuth.audience).toBe(values.oidcAuth.clientId);
    expect(values.oidcAuth.discoveryUrl).toBe(`https://login.microsoftonline.com/\${data.azuread_client_config.${client}.tenant_id}/v2.0/.well-known/openid-configuration`);
    expect(values.extraEnvVars.OIDC_ISSUER).toBe(`https://login.microsoftonline.com/\${data.azuread_client_config.${client}.tenant_id}/v2.0`);
    expect(ref(stack, values.oidcAuth.clientId)).toBe(values.oidcAuth.clientId);
  });

  test('a given tenant is used as it is', () => {
    const { values: given } = run(() => ({ ingress: INGRESS, signIn: newApplication({ tenantId: TENANT }) }));
    expect(given.oidcAuth.discoveryUrl).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(given.extraEnvVars.OIDC_ISSUER).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0`);
  });

  test('display name: given, or after the chart\'s full name without an ingress', () => {
    const { json: named } = run(() => ({ ingress: INGRESS, signIn: newApplication({ displayName: 'MLflow production' }) }));
    expect(onlyResource(named, 'azuread_application').display_name).toBe('MLflow production');
    const { json: internal } = run(() => ({ signIn: newApplication({ redirectUri: INTERNAL_REDIRECT }) }));
    expect(onlyResource(internal, 'azuread_application').display_name).toBe('MLflow (mlflow)');
    expect(onlyResource(internal, 'azuread_application').web.redirect_uris).toEqual([INTERNAL_REDIRECT]);
  });

  test('list(string) variables for groups and owners are concatenated by Terraform (a list reference cannot be spread)', () => {
    const { json: listed, values: listedValues } = run((s) => ({
      ingress: INGRESS,
      signIn: newApplication({
        userGroupObjectIds: new TerraformVariable(s, 'user_groups', { type: 'list(string)' }).listValue,
        ownerObjectIds: new TerraformVariable(s, 'owners', { type: 'list(string)' }).listValue,
      }),
    }));
    const data = Object.keys(listed.data.azuread_client_config)[0];
    expect(onlyResource(listed, 'azuread_app_role_assignment').for_each).toBe(`\${toset(toset(concat(var.user_groups, ["${ADMINS}"])))}`);
    expect(onlyResource(listed, 'azuread_application').owners).toBe(`\${concat([data.azuread_client_config.${data}.object_id], var.owners)}`);
    expect(listedValues.oidcAuth.groupName).toEqual([expect.stringMatching(/^\$\{local\.\w+\}$/)]);
  });
});

function helmValuesOf(json: any): string {
  return onlyResource(json, 'helm_release').values[0];
}
