import type { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import type { Application } from '@cdktf/provider-azuread/lib/application';
import type { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import type { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import type { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn, TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';
import { azureadModules, timeModules } from '../core/providers';
import { concatLists } from '../core/tokens';

/** The default role of an application, by which groups are assigned to it. */
const DEFAULT_ACCESS_ROLE = '00000000-0000-0000-0000-000000000000';

/** Defaults of {@link EntraSignInApplicationProps}. */
const ENTRA_APPLICATION_DEFAULTS = {
  secretRotationDays: 90,
  /** The client secret stays valid this long after its rotation date (a missed run locks nobody out). */
  secretOverlapHours: 720,
} as const;

/**
 * Props of {@link EntraSignInApplication}.
 */
export interface EntraSignInApplicationProps {
  /** The application's display name. */
  readonly displayName: string;
  /** The redirect URI of the web platform (`https://<host>/callback`). */
  readonly redirectUri: string;
  /** Object ids of the groups whose members may sign in (assigned to the application). */
  readonly groupObjectIds: string[];
  /**
   * Object ids of more owners, besides the principal running Terraform.
   * @default []
   */
  readonly ownerObjectIds?: string[];
  /**
   * Days after which Terraform replaces the client secret (at its next run after that).
   * @default 90
   */
  readonly secretRotationDays?: number;
  /**
   * The tenant.
   * @default - the azuread provider's tenant
   */
  readonly tenantId?: string;
}

/**
 * The Entra ID application MLflow signs people in with: a single-tenant web application with
 * the redirect URI, ID and access tokens of version 2 carrying `email` and the groups assigned
 * to the application (`ApplicationGroup`: only those, so no group overage above 200 groups), its
 * service principal with assignment required (only members of the assigned groups can sign in
 * at all), and a client secret that Terraform replaces every `secretRotationDays` (the new one is
 * created before the old one is deleted; it is in Terraform state, as every generated secret).
 *
 * The principal running Terraform needs to create applications (e.g. the "Application
 * Developer" role, or `Application.ReadWrite.OwnedBy` with `AppRoleAssignment.ReadWrite.All`).
 */
export class EntraSignInApplication extends Construct {
  /** The application. */
  public readonly application: Application;
  /** Its service principal (enterprise application). */
  public readonly servicePrincipal: ServicePrincipal;
  /** The group assignments (one resource, one instance per group). */
  public readonly groupAssignments: AppRoleAssignment;
  /** The rotation schedule of the client secret. */
  public readonly rotation: Rotating;
  /** The client secret. */
  public readonly password: ApplicationPasswordA;
  /** The application (client) id. */
  public readonly clientId: string;
  /** The tenant id. */
  public readonly tenantId: string;
  /** The client secret (sensitive). */
  public readonly clientSecret: string;
  /** A number that grows at every rotation (the rotation's Unix time), for secret revisions. */
  public readonly secretRotationStamp: number;

  constructor(scope: Construct, id: string, props: EntraSignInApplicationProps) {
    super(scope, id);
    const client = new azureadModules.dataAzureadClientConfig.DataAzureadClientConfig(this, 'Client', {});
    const owners = concatLists([[client.objectId], props.ownerObjectIds ?? []]);
    this.application = new azureadModules.application.Application(this, 'Application', {
      displayName: props.displayName,
      signInAudience: 'AzureADMyOrg',
      owners,
      preventDuplicateNames: true,
      groupMembershipClaims: ['ApplicationGroup'],
      web: {
        redirectUris: [props.redirectUri],
        implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false },
      },
      api: { requestedAccessTokenVersion: 2 },
      optionalClaims: {
        idToken: [{ name: 'email' }],
        accessToken: [{ name: 'email' }],
      },
    });
    this.servicePrincipal = new azureadModules.servicePrincipal.ServicePrincipal(this, 'ServicePrincipal', {
      clientId: this.application.clientId,
      appRoleAssignmentRequired: true,
      owners,
    });
    // One instance per group, keyed by its object id: reordering the list replaces nothing.
    const groups = TerraformIterator.fromList(Fn.toset(props.groupObjectIds) as unknown as string[]);
    this.groupAssignments = new azureadModules.appRoleAssignment.AppRoleAssignment(this, 'GroupAssignments', {
      forEach: groups,
      appRoleId: DEFAULT_ACCESS_ROLE,
      principalObjectId: groups.value,
      resourceObjectId: this.servicePrincipal.objectId,
    });
    this.rotation = new timeModules.rotating.Rotating(this, 'SecretRotation', {
      rotationDays: props.secretRotationDays ?? ENTRA_APPLICATION_DEFAULTS.secretRotationDays,
    });
    this.password = new azureadModules.applicationPassword.ApplicationPasswordA(this, 'ClientSecret', {
      applicationId: this.application.id,
      displayName: 'mlflow-sign-in',
      endDate: Fn.timeadd(this.rotation.rotationRfc3339, `${ENTRA_APPLICATION_DEFAULTS.secretOverlapHours}h`),
      rotateWhenChanged: { rotation: this.rotation.id },
      lifecycle: { createBeforeDestroy: true },
    });
    this.clientId = this.application.clientId;
    this.tenantId = props.tenantId ?? client.tenantId;
    this.clientSecret = this.password.value;
    this.secretRotationStamp = this.rotation.unix;
  }
}
