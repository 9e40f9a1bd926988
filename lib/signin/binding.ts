import { MlflowSignInMechanism } from './props';

/** `oidcAuth.existingSecret` of the chart: where the client secret is. */
export interface SignInOidcSecretRef {
  /** The secret's name. */
  readonly name: string;
  /** The key of the client secret in it. */
  readonly clientSecretKey: string;
}

/** `oidcAuth.database` of the chart, as this library sets it (SQLite only: PostgreSQL goes through the secret). */
export interface SignInOidcDatabase {
  /** The database URL. */
  readonly uri: string;
}

/** The chart's `oidcAuth` as this library sets it (each field is the plugin's variable of the same meaning). */
export interface SignInOidcValues {
  /** Turn the plugin on (`--app-name=oidc-auth`). */
  readonly enabled: boolean;
  /** `OIDC_DISCOVERY_URL`. */
  readonly discoveryUrl: string;
  /** `OIDC_CLIENT_ID`. */
  readonly clientId: string;
  /** `OIDC_CLIENT_SECRET`, from this secret. */
  readonly existingSecret: SignInOidcSecretRef;
  /** `OIDC_REDIRECT_URI`. */
  readonly redirectUri: string;
  /** `OIDC_SCOPE`. */
  readonly scope: string;
  /** `OIDC_AUDIENCE` (the client id). */
  readonly audience: string;
  /** `OIDC_PROVIDER_DISPLAY_NAME`. */
  readonly providerDisplayName: string;
  /** `OIDC_GROUPS_ATTRIBUTE`. */
  readonly groupsAttribute: string;
  /** `OIDC_GROUP_NAME`. */
  readonly groupName: string[];
  /** `OIDC_ADMIN_GROUP_NAME`. */
  readonly adminGroupName: string[];
  /** `DEFAULT_MLFLOW_PERMISSION`. */
  readonly defaultPermission: string;
  /** `SESSION_COOKIE_SECURE`. */
  readonly sessionCookieSecure: boolean;
  /** `SESSION_COOKIE_SAMESITE`. */
  readonly sessionCookieSamesite: string;
  /** `TRUSTED_PROXIES`. */
  readonly trustedProxies: string[];
  /** `OIDC_USERS_DB_URI` (SQLite). @default - in the secret (PostgreSQL) */
  readonly database?: SignInOidcDatabase;
}

/**
 * What a sign-in mechanism adds to the chart values: plain data, handed from the sign-in
 * resources to the values builder.
 */
export interface SignInBinding {
  readonly mechanism: MlflowSignInMechanism;
  /** The chart's `oidcAuth` (Entra ID). */
  readonly oidcAuth?: SignInOidcValues;
  /** More `mlflow server` options (`appName` for basic auth). */
  readonly extraArgs: { [key: string]: string };
  /** More plain environment variables (never secrets). */
  readonly extraEnvVars: { [key: string]: string };
  /** Secrets whose keys become environment variables. */
  readonly secretNamesForEnvFrom: string[];
  /** Volumes and mounts of the MLflow container (basic auth's configuration). */
  readonly extraVolumes: { [key: string]: any }[];
  readonly extraVolumeMounts: { [key: string]: any }[];
  /** Pod annotations (the secret revision: a change rolls the pods). */
  readonly podAnnotations: { [key: string]: string };
}

