import type { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SignInBinding } from './binding';
import {
  basicAuthBinding,
  basicAuthIni,
  entraBinding,
  entraRedirectUri,
  NO_SIGN_IN,
  postgresUrl,
  SIGN_IN,
} from './chart';
import { EntraSignInApplication } from './entra-application';
import { MlflowSignIn, MlflowSignInMechanism, SignInDatabaseOptions } from './props';
import { AzureCloud } from '../core/cloud';
import { writeOnlySecret } from '../core/secrets';
import { commaJoinedList, concatLists } from '../core/tokens';

/** The tracking store's connection, which the sign-in database defaults to. */
export interface SignInTrackingDatabase {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  readonly passwordRevision: number;
  readonly sslMode: string;
  readonly driver?: string;
}

/**
 * Props of {@link MlflowSignInResources}. Validated by `MlflowRelease` (with the release's prop
 * names), which creates it.
 */
export interface MlflowSignInResourcesProps {
  /** The choice. */
  readonly signIn: MlflowSignIn;
  /** The release namespace (the secret lives there). */
  readonly namespaceName: string;
  /** The chart's full name: the secret is `<fullname>-sign-in`. */
  readonly fullname: string;
  /** The helm release name (labels). */
  readonly releaseName: string;
  /** The ingress host, if any (the redirect URI). */
  readonly ingressHost?: string;
  /** The proxies the plugin trusts for `X-Forwarded-*`. */
  readonly trustedProxyCidrs: string[];
  /** The cloud of the artifact store (the default sign-in cloud). */
  readonly cloud: AzureCloud;
  /** The PostgreSQL tracking store, if any. */
  readonly trackingDatabase?: SignInTrackingDatabase;
}

/**
 * What sign-in needs besides the chart values: the write-only Kubernetes secret
 * `<fullname>-sign-in` (Entra: the client secret, and the user database URL and Redis URL;
 * basic auth: `basic_auth.ini` with the admin and the database URL), and, with
 * `MlflowSignIn.entraIdWithNewApplication`, the Entra application. It hands the release a plain
 * {@link SignInBinding}.
 */
export class MlflowSignInResources extends Construct {
  /** What the chart values get. */
  public readonly binding: SignInBinding;
  /** The secret, when the mechanism has one. */
  public readonly secret?: SecretV1;
  /** The Entra application, when created here. */
  public readonly application?: EntraSignInApplication;
  /** The Entra application (client) id, for Entra ID sign-in. */
  public readonly clientId?: string;
  /** The redirect URI, for Entra ID sign-in. */
  public readonly redirectUri?: string;

  constructor(scope: Construct, id: string, props: MlflowSignInResourcesProps) {
    super(scope, id);
    const signIn = props.signIn;
    const secretName = `${props.fullname}-sign-in`;
    const tracking = props.trackingDatabase;

    if (signIn.mechanism === MlflowSignInMechanism.NONE) {
      this.binding = NO_SIGN_IN;
      return;
    }

    if (signIn.mechanism === MlflowSignInMechanism.BASIC_AUTH) {
      const o = signIn._basicAuth!;
      const db = databaseOf(o.database, tracking, tracking?.database);
      const databaseUri = db ? postgresUrl(db) : SIGN_IN.basicSqliteUri;
      const revision = secretRevision(o.secretRevision, db);
      this.secret = this.writeSecret(secretName, props, revision, {
        [SIGN_IN.basicAuthConfigFile]: basicAuthIni({
          defaultPermission: o.defaultPermission ?? SIGN_IN.defaultPermission,
          databaseUri,
          adminUsername: o.adminUsername ?? SIGN_IN.basicAuthAdmin,
          adminPassword: o.adminPassword,
        }),
      });
      // MLflow refuses a short admin password from 3.16.1 on, and a line break ends the ini value:
      // checked at plan, without showing the value.
      this.secret.lifecycle = {
        precondition: [{
          condition: Op.and(Op.gte(Fn.lengthOf(o.adminPassword), 12), Op.not(Fn.strcontains(o.adminPassword, '\n'))),
          errorMessage: 'MLflow sign-in: the basic auth admin password (signIn adminPassword) must have at least 12 characters and no line break.',
        }],
      };
      this.binding = basicAuthBinding(secretName, String(revision));
      return;
    }

    // Entra ID
    const common = signIn._entraCommon!;
    const cloud = common.cloud ?? props.cloud;
    const redirectUri = common.redirectUri ?? entraRedirectUri(props.ingressHost!);
    let tenantId: string;
    let clientId: string;
    let clientSecret: string;
    let revision: number;
    const db = databaseOf(common.database, tracking, undefined);
    const baseRevision = secretRevision(signIn._entraId?.clientSecretRevision, db);
    if (signIn._newApplication) {
      const o = signIn._newApplication;
      this.application = new EntraSignInApplication(this, 'Application', {
        displayName: o.displayName ?? `MLflow (${props.ingressHost ?? props.fullname})`,
        redirectUri,
        groupObjectIds: concatLists([common.userGroupObjectIds, common.adminGroupObjectIds]),
        ownerObjectIds: o.ownerObjectIds,
        secretRotationDays: o.secretRotationDays,
        tenantId: o.tenantId,
      });
      tenantId = this.application.tenantId;
      clientId = this.application.clientId;
      clientSecret = this.application.clientSecret;
      // A new client secret at every rotation: a new revision, a new secret, new pods.
      revision = Token.asNumber(Op.add(this.application.secretRotationStamp, baseRevision));
    } else {
      const o = signIn._entraId!;
      tenantId = o.tenantId;
      clientId = o.clientId;
      clientSecret = o.clientSecret;
      revision = baseRevision;
    }
    const data: { [key: string]: string } = { [SIGN_IN.clientSecretKey]: clientSecret };
    if (db) data[SIGN_IN.usersDbUriKey] = postgresUrl(db);
    if (common.cacheRedisUrl !== undefined) data[SIGN_IN.redisUrlKey] = common.cacheRedisUrl;
    this.secret = this.writeSecret(secretName, props, revision, data);
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.binding = entraBinding({
      cloud,
      tenantId,
      clientId,
      secretName,
      secretRevision: Token.isUnresolved(revision) ? Token.asString(revision) : String(revision),
      redirectUri,
      issuer: common.issuer,
      groupsClaim: common.groupsClaim ?? 'groups',
      userGroups: commaJoinedList(this, 'UserGroups', common.userGroupObjectIds),
      adminGroups: commaJoinedList(this, 'AdminGroups', common.adminGroupObjectIds),
      defaultPermission: common.defaultPermission ?? SIGN_IN.defaultPermission,
      providerDisplayName: common.providerDisplayName ?? SIGN_IN.providerDisplayName,
      trustedProxies: commaJoinedList(this, 'TrustedProxies', props.trustedProxyCidrs),
      databaseInSecret: db !== undefined,
      redisInSecret: common.cacheRedisUrl !== undefined,
    });
  }


  private writeSecret(name: string, props: MlflowSignInResourcesProps, revision: number, data: { [key: string]: string }): SecretV1 {
    return writeOnlySecret(this, 'Secret', {
      name,
      namespace: props.namespaceName,
      releaseName: props.releaseName,
      component: 'sign-in',
      labels: { 'cdktf-mlflow-azure/sign-in': props.signIn.mechanism },
      data,
      revision,
    });
  }
}

/**
 * The sign-in secret's revision: the user's own, raised with the tracking database's password
 * revision when the secret carries that password (either bump rewrites the secret and rolls the pods).
 */
function secretRevision(own: number | undefined, db: { readonly trackingRevision?: number } | undefined): number {
  return (own ?? 1) + (db?.trackingRevision ?? 1) - 1;
}

/**
 * The sign-in database: the given settings over the tracking store's (undefined without a
 * PostgreSQL tracking store or a given database), with the tracking store's password revision
 * when its password is used.
 */
function databaseOf(
  given: SignInDatabaseOptions | undefined,
  tracking: SignInTrackingDatabase | undefined,
  defaultDatabase: string | undefined,
): (SignInTrackingDatabase & { trackingRevision: number }) | undefined {
  if (!tracking) return undefined;
  const database = given?.database ?? defaultDatabase;
  if (database === undefined) return undefined;
  const ownCredentials = given?.user !== undefined;
  return {
    host: given?.host ?? tracking.host,
    port: given?.port ?? tracking.port,
    database,
    user: given?.user ?? tracking.user,
    password: ownCredentials ? given!.password! : tracking.password,
    passwordRevision: tracking.passwordRevision,
    sslMode: tracking.sslMode,
    driver: tracking.driver,
    trackingRevision: ownCredentials ? 1 : tracking.passwordRevision,
  };
}
