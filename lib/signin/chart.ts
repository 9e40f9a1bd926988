import { Fn, Token } from 'cdktf';
import { SignInBinding } from './binding';
import { MlflowPermission, MlflowSignInMechanism } from './props';
import { AzureCloud, entraAuthorityHost } from '../core/cloud';

/**
 * How sign-in reaches the chart: pure helpers, no constructs. Internal: not part of the jsii API.
 *
 * - Entra ID: the chart's `oidcAuth` (the mlflow-oidc-auth plugin the chart's image bundles,
 *   `--app-name oidc-auth`), with the client secret from our write-only secret
 *   (`oidcAuth.existingSecret`). Set explicitly (what the plugin would otherwise guess or leave
 *   open): the redirect URI (`https://<host>/callback`), the audience and issuer of bearer tokens
 *   (without them the plugin checks only their signature and expiry, and Entra's signing keys
 *   are shared by every tenant), PKCE, secure `lax` session cookies, the trusted proxies (an
 *   empty list trusts everyone's `X-Forwarded-*`), and the user database: PostgreSQL through a
 *   URL in our secret (the chart's `oidcAuth.database.postgres` splices the password into a URL
 *   unencoded), or SQLite in `/tmp` (the plugin's default `sqlite:///auth.db` lies on the
 *   read-only root filesystem).
 * - Basic auth: MLflow's own `--app-name basic-auth` with its `basic_auth.ini` from our
 *   write-only secret, mounted read-only (`MLFLOW_AUTH_CONFIG_PATH`). Not the chart's `auth`:
 *   it substitutes the passwords into the file with `sed` in a busybox init container pulled
 *   from Docker Hub (a `/` fails it, a `&` or `\` silently changes the password) and writes the
 *   result, passwords in clear, to a node-disk `emptyDir`.
 */

/** Names and paths sign-in uses in the pod. */
export const SIGN_IN = {
  /** Where basic auth's configuration is mounted. */
  basicAuthConfigDir: '/etc/mlflow/auth',
  basicAuthConfigFile: 'basic_auth.ini',
  /** The pod volume of the basic auth configuration. */
  volumeName: 'mlflow-sign-in',
  /** The key of the client secret in the sign-in secret (the chart's `existingSecret.clientSecretKey`). */
  clientSecretKey: 'OIDC_CLIENT_SECRET',
  /** The keys of the sign-in secret that reach the MLflow container through `envFrom`. */
  usersDbUriKey: 'OIDC_USERS_DB_URI',
  redisUrlKey: 'CACHE_REDIS_URL',
  /** Pod annotation whose change rolls the pods when a sign-in secret is rewritten. */
  revisionAnnotation: 'cdktf-mlflow-azure/sign-in-secret-revision',
  /** SQLite files in the pod's writable /tmp (one replica only). */
  entraSqliteUri: 'sqlite:////tmp/mlflow-oidc-auth.db',
  basicSqliteUri: 'sqlite:////tmp/mlflow-basic-auth.db',
  /** The plugin's schema version table, apart from MLflow's `alembic_version`. */
  entraAlembicVersionTable: 'alembic_version_oidc_auth',
  providerDisplayName: 'Sign in with Microsoft Entra ID',
  scope: 'openid,email,profile',
  defaultPermission: MlflowPermission.READ,
  basicAuthAdmin: 'admin',
  authorizationFunction: 'mlflow.server.auth:authenticate_request_basic_auth',
} as const;

/** The OpenID Connect discovery URL of a tenant (v2.0 endpoint, tenant-specific). */
export function entraDiscoveryUrl(cloud: AzureCloud, tenantId: string): string {
  return `${entraAuthorityHost(cloud)}${tenantId}/v2.0/.well-known/openid-configuration`;
}

/**
 * The issuer of the tenant's v2.0 tokens (`iss`). In the China cloud it is not the sign-in host
 * (`login.chinacloudapi.cn`) but `login.partner.microsoftonline.cn`: the issuer MSAL's built-in
 * metadata of that authority gives (its copy of the discovery document). Not checked against a
 * live token here; `issuer` overrides it.
 */
export function entraIssuer(cloud: AzureCloud, tenantId: string): string {
  const host = cloud === AzureCloud.CHINA ? 'https://login.partner.microsoftonline.cn/' : entraAuthorityHost(cloud);
  return `${host}${tenantId}/v2.0`;
}

/** The plugin's callback on an ingress host. */
export function entraRedirectUri(host: string): string {
  return `https://${host}/callback`;
}

/** URL-encode a userinfo part: a literal in TypeScript, a reference with Terraform's `urlencode` (spaces as %20, not +). */
export function urlEncoded(value: string): string {
  if (!Token.isUnresolved(value)) return encodeURIComponent(value);
  return Fn.replace(Fn.urlencode(value), '+', '%20');
}

/** Double every `%` (Python's configparser interpolation), for a literal or a reference. */
export function iniEscaped(value: string): string {
  if (!Token.isUnresolved(value)) return value.replace(/%/g, '%%');
  return Fn.replace(value, '%', '%%');
}

/** A PostgreSQL connection URL: user and password URL-encoded, TLS per `sslMode`. */
export interface PostgresUrlInput {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly sslMode: string;
  readonly driver?: string;
}

/** `postgresql[+driver]://<user>:<password>@<host>:<port>/<database>?sslmode=<mode>`. */
export function postgresUrl(input: PostgresUrlInput): string {
  const scheme = `postgresql${input.driver ? `+${input.driver}` : ''}`;
  return `${scheme}://${urlEncoded(input.user)}:${urlEncoded(input.password)}@${input.host}:${input.port}/${urlEncoded(input.database)}?sslmode=${input.sslMode}`;
}

/** MLflow's basic_auth.ini (every `%` doubled for configparser). */
export function basicAuthIni(input: { defaultPermission: string; databaseUri: string; adminUsername: string; adminPassword: string }): string {
  return [
    '[mlflow]',
    `default_permission = ${input.defaultPermission}`,
    `database_uri = ${iniEscaped(input.databaseUri)}`,
    `admin_username = ${iniEscaped(input.adminUsername)}`,
    `admin_password = ${iniEscaped(input.adminPassword)}`,
    `authorization_function = ${SIGN_IN.authorizationFunction}`,
    '',
  ].join('\n');
}

/** The binding of no sign-in. */
export const NO_SIGN_IN: SignInBinding = {
  mechanism: MlflowSignInMechanism.NONE,
  extraArgs: {},
  extraEnvVars: {},
  secretNamesForEnvFrom: [],
  extraVolumes: [],
  extraVolumeMounts: [],
  podAnnotations: {},
};

/** Input of {@link entraBinding}. */
export interface EntraBindingInput {
  readonly cloud: AzureCloud;
  readonly tenantId: string;
  readonly clientId: string;
  readonly secretName: string;
  readonly secretRevision: string;
  readonly redirectUri: string;
  readonly issuer?: string;
  readonly groupsClaim: string;
  readonly userGroups: string[];
  readonly adminGroups: string[];
  readonly defaultPermission: string;
  readonly providerDisplayName: string;
  readonly trustedProxies: string[];
  /** The user database URL is in the secret (PostgreSQL); otherwise SQLite in /tmp. */
  readonly databaseInSecret: boolean;
  /** The secret carries `CACHE_REDIS_URL`. */
  readonly redisInSecret: boolean;
}

/** What Entra ID sign-in adds to the chart values. */
export function entraBinding(input: EntraBindingInput): SignInBinding {
  const issuer = input.issuer ?? entraIssuer(input.cloud, input.tenantId);
  const env: { [key: string]: string } = {
    // PKCE on the authorization code flow.
    OIDC_CODE_CHALLENGE: 'S256',
    OIDC_ALEMBIC_VERSION_TABLE: SIGN_IN.entraAlembicVersionTable,
    OIDC_ISSUER: issuer,
  };
  if (input.redisInSecret) env.CACHE_BACKEND = 'redis';
  return {
    mechanism: MlflowSignInMechanism.ENTRA_ID,
    oidcAuth: {
      enabled: true,
      discoveryUrl: entraDiscoveryUrl(input.cloud, input.tenantId),
      clientId: input.clientId,
      existingSecret: { name: input.secretName, clientSecretKey: SIGN_IN.clientSecretKey },
      redirectUri: input.redirectUri,
      scope: SIGN_IN.scope,
      audience: input.clientId,
      providerDisplayName: input.providerDisplayName,
      groupsAttribute: input.groupsClaim,
      groupName: [...input.userGroups],
      adminGroupName: [...input.adminGroups],
      defaultPermission: input.defaultPermission,
      sessionCookieSecure: true,
      sessionCookieSamesite: 'lax',
      trustedProxies: [...input.trustedProxies],
      ...(input.databaseInSecret ? {} : { database: { uri: SIGN_IN.entraSqliteUri } }),
    },
    extraArgs: {},
    extraEnvVars: env,
    secretNamesForEnvFrom: input.databaseInSecret || input.redisInSecret ? [input.secretName] : [],
    extraVolumes: [],
    extraVolumeMounts: [],
    podAnnotations: { [SIGN_IN.revisionAnnotation]: input.secretRevision },
  };
}

/** What basic auth adds to the chart values: the app, and its configuration from the secret. */
export function basicAuthBinding(secretName: string, secretRevision: string): SignInBinding {
  return {
    mechanism: MlflowSignInMechanism.BASIC_AUTH,
    extraArgs: { appName: 'basic-auth' },
    extraEnvVars: { MLFLOW_AUTH_CONFIG_PATH: `${SIGN_IN.basicAuthConfigDir}/${SIGN_IN.basicAuthConfigFile}` },
    secretNamesForEnvFrom: [],
    extraVolumes: [{ name: SIGN_IN.volumeName, secret: { secretName, defaultMode: 0o440 } }],
    extraVolumeMounts: [{ name: SIGN_IN.volumeName, mountPath: SIGN_IN.basicAuthConfigDir, readOnly: true }],
    podAnnotations: { [SIGN_IN.revisionAnnotation]: secretRevision },
  };
}

