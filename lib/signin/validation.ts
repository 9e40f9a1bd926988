import { IConstruct } from 'constructs';
import { EntraIdSignInCommonOptions, MlflowPermission, MlflowSignIn, MlflowSignInMechanism, SignInDatabaseOptions } from './props';
import { AzureCloud } from '../core/cloud';
import { checkHost, checkName, POSTGRES_DATABASE } from '../core/names';
import { checkSecretReference, SECRET_RULE } from '../core/secrets';
import { isLiteral, Problems } from '../core/validation';

/** What the sign-in rules need to know about the release. Internal. */
export interface SignInContext {
  /** The prop the choice is under, e.g. `signIn`. */
  readonly prop: string;
  /** What exposes the server outside the cluster, e.g. `ingress (mlflow.example.com)`; undefined when nothing does. */
  readonly exposedBy?: string;
  /** The ingress host, when there is one (the redirect URI is derived from it). */
  readonly ingressHost?: string;
  /** The tracking store's PostgreSQL database name (undefined with SQLite). */
  readonly trackingDatabase?: string;
  /** Why several processes share the sign-in data (replicas, autoscaling), undefined when one pod runs. */
  readonly severalPods?: string;
}

const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const GROUPS_CLAIM = /^[A-Za-z_][A-Za-z0-9_.:/-]{0,127}$/;
const HTTPS_URL = /^https:\/\/[^\s/]+(\/\S*)?$/;
const REDIRECT = /^(https:\/\/[^\s/]+|http:\/\/localhost(:\d+)?)\/\S*$/;

/**
 * Every rule of a sign-in choice, reported under `ctx.prop` (one round of errors with the
 * release's other props).
 */
export function checkSignIn(scope: IConstruct, p: Problems, signIn: MlflowSignIn | undefined, ctx: SignInContext): void {
  const prop = ctx.prop;
  if (signIn === undefined) {
    p.add(
      prop,
      undefined,
      ctx.exposedBy !== undefined
        ? `is required: ${ctx.exposedBy} exposes MLflow, and MLflow has no sign-in of its own (anyone who reaches it can read, change and delete every experiment and model): give ${prop}: MlflowSignIn.entraId({...}) or MlflowSignIn.entraIdWithNewApplication({...}) (Entra ID single sign-on), or MlflowSignIn.basicAuth({...})`
        : 'is required: choose how people and jobs sign in: MlflowSignIn.entraId({...}) (Entra ID single sign-on), MlflowSignIn.basicAuth({...}), or MlflowSignIn.none({ reason }) for a server only reached inside the cluster (the network policy limits from where)',
    );
    return;
  }
  switch (signIn.mechanism) {
    case MlflowSignInMechanism.NONE: {
      const reason = signIn._none?.reason;
      p.require(isLiteral(reason) && reason.trim().length > 0, `${prop}.reason`, reason, 'is mandatory: a non-empty literal saying why MLflow may run without sign-in');
      if (ctx.exposedBy !== undefined) {
        p.add(prop, 'MlflowSignIn.none(...)', `is not allowed while ${ctx.exposedBy} exposes MLflow outside the cluster: anyone who reaches it could read, change and delete every experiment and model; give ${prop}: MlflowSignIn.entraId({...}) or MlflowSignIn.basicAuth({...}), or remove the ingress`);
      }
      break;
    }
    case MlflowSignInMechanism.BASIC_AUTH: {
      const o = signIn._basicAuth!;
      checkPermission(p, prop, o.defaultPermission, o.allowManageByDefault);
      p.matches(`${prop}.adminUsername`, o.adminUsername, USER_NAME, 'must be 1 to 64 letters, digits, ".", "_", "@" and "-"');
      if (o.adminPassword === undefined) p.add(`${prop}.adminPassword`, undefined, SECRET_RULE);
      checkSecretReference(scope, p, `${prop}.adminPassword`, o.adminPassword);
      p.literalInRange(`${prop}.secretRevision`, o.secretRevision, 1, Number.MAX_SAFE_INTEGER);
      checkDatabase(scope, p, `${prop}.database`, o.database, ctx, false);
      break;
    }
    case MlflowSignInMechanism.ENTRA_ID: {
      const common = signIn._entraCommon!;
      checkEntraCommon(scope, p, prop, common, ctx);
      if (signIn._entraId) {
        const o = signIn._entraId;
        checkName(p, 'guid', `${prop}.tenantId`, o.tenantId);
        checkName(p, 'guid', `${prop}.clientId`, o.clientId);
        if (o.clientSecret === undefined) p.add(`${prop}.clientSecret`, undefined, SECRET_RULE);
        checkSecretReference(scope, p, `${prop}.clientSecret`, o.clientSecret);
        p.literalInRange(`${prop}.clientSecretRevision`, o.clientSecretRevision, 1, Number.MAX_SAFE_INTEGER);
      } else {
        const o = signIn._newApplication!;
        checkName(p, 'guid', `${prop}.tenantId`, o.tenantId);
        p.inRange(`${prop}.secretRotationDays`, o.secretRotationDays, 1, 730);
        // (a list reference, e.g. a list(string) variable, is not checked item by item)
        if (isLiteral(o.ownerObjectIds)) o.ownerObjectIds.forEach((id, i) => checkName(p, 'guid', `${prop}.ownerObjectIds[${i}]`, id));
        if (isLiteral(o.displayName)) p.require(o.displayName.trim().length > 0 && o.displayName.length <= 120, `${prop}.displayName`, o.displayName, 'must be 1 to 120 characters');
      }
      break;
    }
    default:
      break;
  }
}

function checkPermission(p: Problems, prop: string, permission: MlflowPermission | undefined, allowManage: boolean | undefined): void {
  p.oneOf<string>(`${prop}.defaultPermission`, permission, Object.values(MlflowPermission));
  if (permission === MlflowPermission.MANAGE && allowManage !== true) {
    p.add(
      `${prop}.defaultPermission`,
      permission,
      `lets every signed-in user delete every experiment and model and change its permissions: use READ (the default) or NO_PERMISSIONS, or set ${prop}.allowManageByDefault: true to accept it`,
    );
  }
  if (allowManage === true && permission !== MlflowPermission.MANAGE) {
    p.add(`${prop}.allowManageByDefault`, true, 'applies only with defaultPermission: MANAGE');
  }
}

function checkEntraCommon(scope: IConstruct, p: Problems, prop: string, o: EntraIdSignInCommonOptions, ctx: SignInContext): void {
  checkPermission(p, prop, o.defaultPermission, o.allowManageByDefault);
  p.oneOf<string>(`${prop}.cloud`, o.cloud, Object.values(AzureCloud));
  const groupsClaim = o.groupsClaim ?? 'groups';
  p.matches(`${prop}.groupsClaim`, o.groupsClaim, GROUPS_CLAIM, 'must be a claim name such as groups or roles');
  for (const [list, values] of [['userGroupObjectIds', o.userGroupObjectIds], ['adminGroupObjectIds', o.adminGroupObjectIds]] as const) {
    if (!isLiteral(values)) continue;
    if (values.length === 0) {
      p.add(`${prop}.${list}`, [], list === 'userGroupObjectIds'
        ? 'must list at least one group: only members of these groups (and the admin groups) can sign in'
        : 'must list at least one group: its members are the MLflow admins who grant permissions');
    }
    values.forEach((value, i) => {
      if (groupsClaim === 'groups') {
        // Entra's groups claim carries object ids: a group name would never match.
        checkName(p, 'guid', `${prop}.${list}[${i}]`, value);
      } else {
        p.matches(`${prop}.${list}[${i}]`, value, /^\S{1,120}$/, 'must be a role value without spaces');
      }
    });
  }
  if (o.redirectUri !== undefined) {
    p.matches(`${prop}.redirectUri`, o.redirectUri, REDIRECT, 'must be an https:// URL (or http://localhost[:port]/...) ending in the plugin\'s callback path, e.g. https://mlflow.example.com/callback');
  } else if (ctx.ingressHost === undefined) {
    p.add(`${prop}.redirectUri`, undefined, 'is required without an ingress (it is derived from the ingress host: https://<host>/callback)');
  }
  p.matches(`${prop}.issuer`, o.issuer, HTTPS_URL, 'must be an https:// URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0');
  p.nonEmpty(`${prop}.providerDisplayName`, o.providerDisplayName);
  checkSecretReference(scope, p, `${prop}.cacheRedisUrl`, o.cacheRedisUrl);
  checkDatabase(scope, p, `${prop}.database`, o.database, ctx, true);
}

/**
 * The sign-in database: PostgreSQL when the tracking store is (the plugin's must be another
 * database), SQLite in the pod otherwise, which several pods cannot share.
 */
function checkDatabase(
  scope: IConstruct,
  p: Problems,
  prop: string,
  db: SignInDatabaseOptions | undefined,
  ctx: SignInContext,
  ownDatabaseRequired: boolean,
): void {
  if (ctx.trackingDatabase === undefined) {
    if (db !== undefined) {
      p.add(prop, '{...}', 'needs a PostgreSQL tracking store (backendStore = MlflowBackendStore.postgres(...)), whose server and credentials it defaults to');
    } else if (ctx.severalPods !== undefined) {
      p.add(prop, undefined, `must be PostgreSQL with ${ctx.severalPods}: the sign-in users and permissions would be in a SQLite file in each pod; use MlflowBackendStore.postgres(...)`);
    }
    return;
  }
  if (ownDatabaseRequired && db?.database === undefined) {
    p.add(`${prop}.database`, undefined, `is required with a PostgreSQL tracking store: the name of the plugin's own database on that server (it must exist and differ from the tracking database "${ctx.trackingDatabase}")`);
  }
  if (ownDatabaseRequired && isLiteral(db?.database) && db?.database === ctx.trackingDatabase) {
    p.add(`${prop}.database`, db.database, 'must differ from the tracking database: the plugin and MLflow would share their schema version table (mlflow-oidc-auth issue 76)');
  }
  if (db === undefined) return;
  p.matches(`${prop}.database`, db.database, POSTGRES_DATABASE.pattern, POSTGRES_DATABASE.rule);
  checkHost(p, `${prop}.host`, db.host);
  p.literalInRange(`${prop}.port`, db.port, 1, 65535, 'the connection URL');
  if ((db.user === undefined) !== (db.password === undefined)) {
    // Name the one missing (its value is undefined), not the one given.
    p.add(db.user === undefined ? `${prop}.user` : `${prop}.password`, undefined, 'give user and password together (without them, the tracking store\'s are used)');
  }
  p.matches(`${prop}.user`, db.user, /^[A-Za-z0-9._@-]{1,63}$/, 'must be a PostgreSQL user name');
  checkSecretReference(scope, p, `${prop}.password`, db.password);
}
