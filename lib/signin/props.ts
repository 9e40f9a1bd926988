import { AzureCloud } from '../core/cloud';

/** How people and jobs sign in to MLflow. */
export enum MlflowSignInMechanism {
  /** Microsoft Entra ID single sign-on (the mlflow-oidc-auth plugin, the chart's `oidcAuth`). */
  ENTRA_ID = 'entra-id',
  /** MLflow's built-in basic auth (`--app-name basic-auth`). */
  BASIC_AUTH = 'basic-auth',
  /** No sign-in: anyone who reaches the server uses it (only without ingress). */
  NONE = 'none',
}

/**
 * What every signed-in user may do with experiments and models nobody granted them anything on
 * (`DEFAULT_MLFLOW_PERMISSION` / basic auth's `default_permission`). Creators get `MANAGE` on
 * what they create; admins manage everything.
 */
export enum MlflowPermission {
  /** Nothing until granted. */
  NO_PERMISSIONS = 'NO_PERMISSIONS',
  /** Read everything. */
  READ = 'READ',
  /** Read and write everything (log to any run, edit any experiment). */
  EDIT = 'EDIT',
  /** Everything, including deleting and changing permissions: needs `allowManageByDefault`. */
  MANAGE = 'MANAGE',
}

/**
 * The PostgreSQL database of the sign-in users, groups and permissions. Every setting but
 * `database` defaults to the tracking store's (the same server, user and password); the
 * connection uses the tracking store's `sslMode`.
 */
export interface SignInDatabaseOptions {
  /**
   * The database name. It must exist.
   * @default - basic auth: the tracking database (MLflow >= 3.6 keeps its auth schema apart with
   * its own version table); Entra ID: required, and different from the tracking database (the
   * plugin and MLflow would share the `alembic_version` table)
   */
  readonly database?: string;
  /**
   * Server host.
   * @default - the tracking store's host
   */
  readonly host?: string;
  /**
   * Server port: a literal number (it is written into the plugin's database URL).
   * @default - the tracking store's port
   */
  readonly port?: number;
  /**
   * The database user.
   * @default - the tracking store's user
   */
  readonly user?: string;
  /**
   * The user's password: a Terraform reference (a sensitive variable without a default, or a
   * resource attribute), never a literal. Only with `user`.
   * @default - the tracking store's password
   */
  readonly password?: string;
}

/** What Entra ID sign-in takes whether or not the application is created here. */
export interface EntraIdSignInCommonOptions {
  /**
   * Object ids of the Entra groups whose members may sign in. The `groups` claim of Entra
   * tokens carries group object ids (GUIDs), not names.
   *
   * With `entraIdWithNewApplication` each group (of both lists) gets an app role assignment with
   * `for_each` over the ids, so they must be known at plan time: literals or variables, not the
   * ids of groups created in the same apply (Terraform rejects the plan; create the groups in an
   * earlier stack or run).
   */
  readonly userGroupObjectIds: string[];
  /** Object ids of the Entra groups whose members are MLflow admins (they also sign in). */
  readonly adminGroupObjectIds: string[];
  /**
   * What a signed-in user may do with what nobody granted them.
   * @default MlflowPermission.READ
   */
  readonly defaultPermission?: MlflowPermission;
  /**
   * Allow `defaultPermission: MANAGE` (every signed-in user may delete every experiment and
   * model and change permissions): the chart's default, refused unless you opt in here.
   * @default false
   */
  readonly allowManageByDefault?: boolean;
  /**
   * The Azure cloud of the tenant (its sign-in host).
   * @default - the artifact store's cloud
   */
  readonly cloud?: AzureCloud;
  /**
   * The redirect URI registered on the application.
   * @default - `https://<ingress host>/callback` (required without an ingress)
   */
  readonly redirectUri?: string;
  /**
   * The token claim that carries the groups: `groups` (group object ids), or `roles` when
   * groups are assigned to app roles (and `userGroupObjectIds`/`adminGroupObjectIds` then list
   * role values).
   * @default "groups"
   */
  readonly groupsClaim?: string;
  /**
   * The PostgreSQL database of the plugin's users and permissions (with a PostgreSQL tracking
   * store it is required: the database name, which must differ from the tracking database).
   * @default - with SQLite as tracking store: SQLite in the pod's /tmp (one replica only)
   */
  readonly database?: SignInDatabaseOptions;
  /**
   * A Redis URL (`rediss://:<key>@<name>.redis.cache.windows.net:6380/0`) for the plugin's
   * permission cache, so that permission changes reach every replica and worker at once
   * (without it they do within 30 s). A Terraform reference (it carries the access key): it
   * is written to a Kubernetes secret with `data_wo`.
   * @default - a cache in each process
   */
  readonly cacheRedisUrl?: string;
  /**
   * The label of the sign-in button.
   * @default "Sign in with Microsoft Entra ID"
   */
  readonly providerDisplayName?: string;
  /**
   * The token issuer checked on bearer tokens (`OIDC_ISSUER`).
   * @default - the tenant's v2.0 issuer in its cloud: `https://login.microsoftonline.com/<tenant>/v2.0`, `https://login.microsoftonline.us/<tenant>/v2.0`, `https://login.partner.microsoftonline.cn/<tenant>/v2.0` (China)
   */
  readonly issuer?: string;
}

/** Entra ID sign-in with an application that exists (registered by an administrator). */
export interface EntraIdSignInOptions extends EntraIdSignInCommonOptions {
  /** The directory (tenant) id. */
  readonly tenantId: string;
  /** The application (client) id. */
  readonly clientId: string;
  /**
   * The application's client secret: a Terraform reference (a sensitive variable without a
   * default, or a resource attribute), never a literal. Written to a Kubernetes secret with
   * `data_wo` (never in state or helm values).
   */
  readonly clientSecret: string;
  /**
   * Revision of the client secret: raise it after rotating the secret, to write the new one and
   * roll the pods. A literal number (it is written into a pod annotation and `data_wo_revision`).
   * @default 1
   */
  readonly clientSecretRevision?: number;
}

/** Entra ID sign-in with an application this library creates (azuread provider). */
export interface EntraIdNewApplicationSignInOptions extends EntraIdSignInCommonOptions {
  /**
   * The application's display name.
   * @default "MLflow (<ingress host>)"
   */
  readonly displayName?: string;
  /**
   * The directory (tenant) id.
   * @default - the tenant of the azuread provider (`azuread_client_config`)
   */
  readonly tenantId?: string;
  /**
   * Object ids of the application's owners (besides the principal running Terraform).
   * @default []
   */
  readonly ownerObjectIds?: string[];
  /**
   * Days after which Terraform creates a new client secret (on its next run after that), rolls
   * the pods onto it and deletes the old one. The secret itself expires 30 days after its
   * rotation date, so a missed run does not lock anyone out at once.
   * @default 90
   */
  readonly secretRotationDays?: number;
}

/** MLflow's built-in basic auth. */
export interface BasicAuthSignInOptions {
  /**
   * The admin's user name (created at the first start).
   * @default "admin"
   */
  readonly adminUsername?: string;
  /**
   * The admin's password: a Terraform reference (a sensitive variable without a default), never
   * a literal; at least 12 characters, no line break (checked at plan). MLflow creates the
   * admin with it at the first start only: to change it later, use MLflow's API
   * (`/api/2.0/mlflow/users/update-password`).
   */
  readonly adminPassword: string;
  /**
   * Revision of the auth configuration secret: raise it to write it again (e.g. after changing
   * the database password) and roll the pods. A literal number (it is written into a pod
   * annotation and `data_wo_revision`).
   * @default 1
   */
  readonly secretRevision?: number;
  /**
   * What a signed-in user may do with what nobody granted them.
   * @default MlflowPermission.READ
   */
  readonly defaultPermission?: MlflowPermission;
  /**
   * Allow `defaultPermission: MANAGE`.
   * @default false
   */
  readonly allowManageByDefault?: boolean;
  /**
   * The PostgreSQL database of users and permissions.
   * @default - with a PostgreSQL tracking store: the same database (MLflow >= 3.6 keeps the auth schema apart); with SQLite: SQLite in the pod's /tmp (one replica only)
   */
  readonly database?: SignInDatabaseOptions;
}

/** No sign-in. */
export interface NoSignInOptions {
  /** Why MLflow may run without sign-in (kept in the construct tree and the docs of the stack). */
  readonly reason: string;
}

/**
 * How people and jobs sign in to MLflow: a choice made with one of the static factories, given
 * to `MlflowRelease` and `MlflowOnAzure` as `signIn` (not to be confused with `auth`, how MLflow
 * itself reaches Blob Storage).
 *
 * MLflow has no sign-in of its own: without one, anyone who reaches the server can read, change
 * and delete every experiment and model (artifacts are proxied, so no Azure credential is
 * needed). A server behind an ingress must have one.
 */
export class MlflowSignIn {
  /**
   * Microsoft Entra ID single sign-on with an existing application (the recommended choice for
   * a server behind an ingress). Machine clients use access tokens the plugin issues
   * (`MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`).
   */
  public static entraId(options: EntraIdSignInOptions): MlflowSignIn {
    return new MlflowSignIn(MlflowSignInMechanism.ENTRA_ID, { entraId: options });
  }

  /**
   * Microsoft Entra ID single sign-on with an application created here: redirect URI, group
   * claims, the groups assigned (only their members can sign in), a client secret that rotates.
   * The principal running Terraform needs the right to register applications.
   */
  public static entraIdWithNewApplication(options: EntraIdNewApplicationSignInOptions): MlflowSignIn {
    return new MlflowSignIn(MlflowSignInMechanism.ENTRA_ID, { newApplication: options });
  }

  /** MLflow basic auth: an admin from a write-only secret, users created through MLflow's API. */
  public static basicAuth(options: BasicAuthSignInOptions): MlflowSignIn {
    return new MlflowSignIn(MlflowSignInMechanism.BASIC_AUTH, { basicAuth: options });
  }

  /**
   * No sign-in, with the reason: only for a server that is not exposed outside the cluster (no
   * ingress); the network policy limits which namespaces reach it.
   */
  public static none(options: NoSignInOptions): MlflowSignIn {
    return new MlflowSignIn(MlflowSignInMechanism.NONE, { none: options });
  }

  /** The mechanism chosen. */
  public readonly mechanism: MlflowSignInMechanism;
  /** @internal */
  public readonly _entraId?: EntraIdSignInOptions;
  /** @internal */
  public readonly _newApplication?: EntraIdNewApplicationSignInOptions;
  /** @internal */
  public readonly _basicAuth?: BasicAuthSignInOptions;
  /** @internal */
  public readonly _none?: NoSignInOptions;

  private constructor(mechanism: MlflowSignInMechanism, options: {
    entraId?: EntraIdSignInOptions;
    newApplication?: EntraIdNewApplicationSignInOptions;
    basicAuth?: BasicAuthSignInOptions;
    none?: NoSignInOptions;
  }) {
    this.mechanism = mechanism;
    this._entraId = options.entraId;
    this._newApplication = options.newApplication;
    this._basicAuth = options.basicAuth;
    this._none = options.none;
  }

  /** The Entra options, whether the application exists or is created here. @internal */
  public get _entraCommon(): EntraIdSignInCommonOptions | undefined {
    return this._entraId ?? this._newApplication;
  }
}
