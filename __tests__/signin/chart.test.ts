import { TerraformVariable } from 'cdktf';
import { AzureCloud } from '../../lib/core/cloud';
import { MlflowSignInMechanism } from '../../lib/signin';
import {
  basicAuthBinding,
  basicAuthIni,
  entraBinding,
  EntraBindingInput,
  entraDiscoveryUrl,
  entraIssuer,
  entraRedirectUri,
  iniEscaped,
  NO_SIGN_IN,
  postgresUrl,
  PostgresUrlInput,
  SIGN_IN,
  urlEncoded,
} from '../../lib/signin/chart';
import { ref, testStack } from '../util';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '0b1e3a7c-5d2f-4e6a-9c8b-1a2b3c4d5e6f';
const USERS = '11111111-1111-1111-1111-111111111111';
const ADMINS = '22222222-2222-2222-2222-222222222222';

/** A string variable of a fresh stack, and the stack to resolve it in. */
function variable(name: string, sensitive = false) {
  const stack = testStack();
  return { stack, value: new TerraformVariable(stack, name, { type: 'string', sensitive }).stringValue };
}

describe('Entra ID endpoints per cloud', () => {
  test.each([
    [AzureCloud.PUBLIC, `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`],
    [AzureCloud.CHINA, `https://login.chinacloudapi.cn/${TENANT}/v2.0/.well-known/openid-configuration`],
    [AzureCloud.US_GOVERNMENT, `https://login.microsoftonline.us/${TENANT}/v2.0/.well-known/openid-configuration`],
  ])('discovery URL in the %s cloud: the tenant\'s v2.0 document on the cloud\'s sign-in host', (cloud, url) => {
    expect(entraDiscoveryUrl(cloud, TENANT)).toBe(url);
  });

  test.each([
    [AzureCloud.PUBLIC, `https://login.microsoftonline.com/${TENANT}/v2.0`],
    [AzureCloud.US_GOVERNMENT, `https://login.microsoftonline.us/${TENANT}/v2.0`],
    // not the sign-in host login.chinacloudapi.cn: the China cloud's tokens name the partner host
    [AzureCloud.CHINA, `https://login.partner.microsoftonline.cn/${TENANT}/v2.0`],
  ])('issuer in the %s cloud: the tenant\'s v2.0 issuer', (cloud, issuer) => {
    expect(entraIssuer(cloud, TENANT)).toBe(issuer);
  });

  test('the redirect URI is the plugin\'s callback on the ingress host, over https', () => {
    expect(entraRedirectUri('mlflow.example.com')).toBe('https://mlflow.example.com/callback');
  });

  test('a tenant reference lands in the discovery URL as a reference', () => {
    const { stack, value } = variable('tenant');
    expect(ref(stack, entraDiscoveryUrl(AzureCloud.PUBLIC, value))).toBe('https://login.microsoftonline.com/${var.tenant}/v2.0/.well-known/openid-configuration');
  });
});

describe('urlEncoded and iniEscaped', () => {
  test('a literal is URL-encoded as encodeURIComponent does (space as %20, "/" "@" "%" encoded)', () => {
    expect(urlEncoded('p@ss w/rd%')).toBe(encodeURIComponent('p@ss w/rd%'));
    expect(urlEncoded('p@ss w/rd%')).toBe('p%40ss%20w%2Frd%25');
    expect(urlEncoded('plain')).toBe('plain');
  });

  test('a reference is encoded by Terraform: urlencode, with "+" turned into %20', () => {
    const { stack, value } = variable('db_password', true);
    expect(ref(stack, urlEncoded(value))).toBe('${replace(urlencode(var.db_password), "+", "%20")}');
  });

  test('a literal gets every "%" doubled (configparser interpolation)', () => {
    expect(iniEscaped('100%')).toBe('100%%');
    expect(iniEscaped('a%40b%25c')).toBe('a%%40b%%25c');
    expect(iniEscaped('no percent')).toBe('no percent');
  });

  test('a reference gets every "%" doubled by Terraform', () => {
    const { stack, value } = variable('admin_password', true);
    expect(ref(stack, iniEscaped(value))).toBe('${replace(var.admin_password, "%", "%%")}');
  });
});

describe('postgresUrl', () => {
  const base: PostgresUrlInput = {
    host: 'pg-mlflow.postgres.database.azure.com',
    port: 5432,
    database: 'mlflow_auth',
    user: 'mlflow',
    password: 'p@ss w/rd%',
    sslMode: 'require',
  };

  test('the default driver, user and password URL-encoded, sslmode from the tracking store', () => {
    expect(postgresUrl(base)).toBe('postgresql://mlflow:p%40ss%20w%2Frd%25@pg-mlflow.postgres.database.azure.com:5432/mlflow_auth?sslmode=require');
  });

  test('a driver is appended to the scheme; another port and sslmode are used as given', () => {
    expect(postgresUrl({ ...base, driver: 'psycopg2', port: 6432, sslMode: 'verify-full', user: 'auth@srv' }))
      .toBe('postgresql+psycopg2://auth%40srv:p%40ss%20w%2Frd%25@pg-mlflow.postgres.database.azure.com:6432/mlflow_auth?sslmode=verify-full');
  });

  test('a password reference is encoded by Terraform, never by TypeScript', () => {
    const { stack, value } = variable('db_password', true);
    expect(ref(stack, postgresUrl({ ...base, password: value })))
      .toBe('postgresql://mlflow:${replace(urlencode(var.db_password), "+", "%20")}@pg-mlflow.postgres.database.azure.com:5432/mlflow_auth?sslmode=require');
  });
});

describe('basicAuthIni', () => {
  test('the [mlflow] section, line by line, ending with a newline', () => {
    const ini = basicAuthIni({
      defaultPermission: 'READ',
      databaseUri: 'sqlite:////tmp/mlflow-basic-auth.db',
      adminUsername: 'admin',
      adminPassword: 'correct horse battery',
    });
    expect(ini.split('\n')).toEqual([
      '[mlflow]',
      'default_permission = READ',
      'database_uri = sqlite:////tmp/mlflow-basic-auth.db',
      'admin_username = admin',
      'admin_password = correct horse battery',
      'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
      '',
    ]);
  });

  test('every "%" of the database URI, the user name and the password is doubled', () => {
    const ini = basicAuthIni({
      defaultPermission: 'NO_PERMISSIONS',
      databaseUri: 'postgresql://u:p%40ss@pg:5432/db?sslmode=require',
      adminUsername: 'admin',
      adminPassword: '50%off-secret',
    }).split('\n');
    expect(ini[1]).toBe('default_permission = NO_PERMISSIONS');
    expect(ini[2]).toBe('database_uri = postgresql://u:p%%40ss@pg:5432/db?sslmode=require');
    expect(ini[4]).toBe('admin_password = 50%%off-secret');
  });

  test('a password reference is escaped by Terraform', () => {
    const { stack, value } = variable('admin_password', true);
    const ini = ref(stack, basicAuthIni({ defaultPermission: 'READ', databaseUri: 'sqlite:////tmp/x.db', adminUsername: 'admin', adminPassword: value }));
    expect(ini.split('\n')[4]).toBe('admin_password = ${replace(var.admin_password, "%", "%%")}');
  });
});

describe('entraBinding', () => {
  const input: EntraBindingInput = {
    cloud: AzureCloud.PUBLIC,
    tenantId: TENANT,
    clientId: CLIENT,
    secretName: 'mlflow-sign-in',
    secretRevision: '3',
    redirectUri: 'https://mlflow.example.com/callback',
    groupsClaim: 'groups',
    userGroups: [USERS],
    adminGroups: [ADMINS],
    defaultPermission: 'READ',
    providerDisplayName: 'Sign in with Microsoft Entra ID',
    trustedProxies: ['10.0.0.0/8'],
    databaseInSecret: true,
    redisInSecret: false,
  };

  test('every oidcAuth field: discovery, client, secret reference, redirect, audience, groups, cookies, proxies', () => {
    expect(entraBinding(input).oidcAuth).toEqual({
      enabled: true,
      discoveryUrl: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration`,
      clientId: CLIENT,
      existingSecret: { name: 'mlflow-sign-in', clientSecretKey: 'OIDC_CLIENT_SECRET' },
      redirectUri: 'https://mlflow.example.com/callback',
      scope: 'openid,email,profile',
      audience: CLIENT,
      providerDisplayName: 'Sign in with Microsoft Entra ID',
      groupsAttribute: 'groups',
      groupName: [USERS],
      adminGroupName: [ADMINS],
      defaultPermission: 'READ',
      sessionCookieSecure: true,
      sessionCookieSamesite: 'lax',
      trustedProxies: ['10.0.0.0/8'],
    });
  });

  test('mechanism, no extra args, no volumes; the revision annotation rolls the pods', () => {
    const binding = entraBinding(input);
    expect(binding.mechanism).toBe(MlflowSignInMechanism.ENTRA_ID);
    expect(binding.extraArgs).toEqual({});
    expect(binding.extraVolumes).toEqual([]);
    expect(binding.extraVolumeMounts).toEqual([]);
    expect(binding.podAnnotations).toEqual({ 'cdktf-mlflow-azure/sign-in-secret-revision': '3' });
  });

  test('environment: the issuer, PKCE and the plugin\'s own version table; no CACHE_BACKEND without Redis', () => {
    expect(entraBinding(input).extraEnvVars).toEqual({
      OIDC_ISSUER: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      OIDC_CODE_CHALLENGE: 'S256',
      OIDC_ALEMBIC_VERSION_TABLE: 'alembic_version_oidc_auth',
    });
  });

  test('a given issuer wins over the derived one', () => {
    expect(entraBinding({ ...input, issuer: 'https://sts.example.com/v2.0' }).extraEnvVars.OIDC_ISSUER).toBe('https://sts.example.com/v2.0');
  });

  test('China cloud: the China discovery URL and the China issuer', () => {
    const binding = entraBinding({ ...input, cloud: AzureCloud.CHINA });
    expect(binding.oidcAuth!.discoveryUrl).toBe(`https://login.chinacloudapi.cn/${TENANT}/v2.0/.well-known/openid-configuration`);
    expect(binding.extraEnvVars.OIDC_ISSUER).toBe(`https://login.partner.microsoftonline.cn/${TENANT}/v2.0`);
  });

  test('with Redis: CACHE_BACKEND redis, and the secret reaches the container through envFrom', () => {
    const binding = entraBinding({ ...input, databaseInSecret: false, redisInSecret: true });
    expect(binding.extraEnvVars.CACHE_BACKEND).toBe('redis');
    expect(binding.secretNamesForEnvFrom).toEqual(['mlflow-sign-in']);
  });

  test('with the user database in the secret: envFrom, and no database in oidcAuth', () => {
    const binding = entraBinding(input);
    expect(binding.secretNamesForEnvFrom).toEqual(['mlflow-sign-in']);
    expect(binding.oidcAuth).not.toHaveProperty('database');
  });

  test('neither database nor Redis in the secret: no envFrom (the chart reads the client secret itself), SQLite in /tmp', () => {
    const binding = entraBinding({ ...input, databaseInSecret: false, redisInSecret: false });
    expect(binding.secretNamesForEnvFrom).toEqual([]);
    expect(binding.oidcAuth!.database).toEqual({ uri: 'sqlite:////tmp/mlflow-oidc-auth.db' });
    expect(binding.extraEnvVars).not.toHaveProperty('CACHE_BACKEND');
  });

  test('the group lists are copies (the caller\'s arrays are not shared)', () => {
    const userGroups = [USERS];
    const binding = entraBinding({ ...input, userGroups });
    userGroups.push('33333333-3333-3333-3333-333333333333');
    expect(binding.oidcAuth!.groupName).toEqual([USERS]);
  });
});

describe('basicAuthBinding', () => {
  const binding = basicAuthBinding('mlflow-sign-in', '7');

  test('MLflow\'s basic-auth app, its configuration path from the mounted secret', () => {
    expect(binding.mechanism).toBe(MlflowSignInMechanism.BASIC_AUTH);
    expect(binding.extraArgs).toEqual({ appName: 'basic-auth' });
    expect(binding.extraEnvVars).toEqual({ MLFLOW_AUTH_CONFIG_PATH: '/etc/mlflow/auth/basic_auth.ini' });
    expect(binding.oidcAuth).toBeUndefined();
  });

  test('the secret is a volume readable by owner and group only (0440), mounted read-only; never envFrom', () => {
    expect(binding.extraVolumes).toEqual([{ name: 'mlflow-sign-in', secret: { secretName: 'mlflow-sign-in', defaultMode: 0o440 } }]);
    expect(binding.extraVolumes[0].secret.defaultMode).toBe(288);
    expect(binding.extraVolumeMounts).toEqual([{ name: 'mlflow-sign-in', mountPath: '/etc/mlflow/auth', readOnly: true }]);
    expect(binding.secretNamesForEnvFrom).toEqual([]);
  });

  test('the revision annotation rolls the pods', () => {
    expect(binding.podAnnotations).toEqual({ [SIGN_IN.revisionAnnotation]: '7' });
    expect(SIGN_IN.revisionAnnotation).toBe('cdktf-mlflow-azure/sign-in-secret-revision');
  });
});

test('no sign-in adds nothing to the values', () => {
  expect(NO_SIGN_IN).toEqual({
    mechanism: MlflowSignInMechanism.NONE,
    extraArgs: {},
    extraEnvVars: {},
    secretNamesForEnvFrom: [],
    extraVolumes: [],
    extraVolumeMounts: [],
    podAnnotations: {},
  });
});
