import { ArtifactAuthMode } from './binding';

/**
 * Options of {@link ArtifactAuth.connectionString}.
 */
export interface ConnectionStringAuthOptions {
  /**
   * A connection string of your own, as a Terraform reference (the value of a sensitive
   * `TerraformVariable` without a default), never a literal. Needed for a custom blob
   * endpoint or Azure Stack (`BlobEndpoint=...;AccountName=...;AccountKey=...`).
   * @default - the storage account's `primary_connection_string`
   */
  readonly connectionString?: string;
}

/**
 * Options of {@link ArtifactAuth.servicePrincipal}.
 */
export interface ServicePrincipalAuthOptions {
  /** The application (client) id. */
  readonly clientId: string;
  /** The tenant id. */
  readonly tenantId: string;
  /** The object id of the service principal (the enterprise application), which gets the blob role. */
  readonly objectId: string;
  /**
   * The client secret, as a Terraform reference (the value of a sensitive `TerraformVariable`
   * without a default), never a literal. It is written to a Kubernetes secret with `data_wo`
   * (not kept in Terraform state).
   */
  readonly clientSecret: string;
}

/**
 * Options of {@link ArtifactAuth.workloadIdentity}.
 */
export interface WorkloadIdentityAuthOptions {
  /**
   * Name of the user-assigned identity: 3 to 128 letters, digits, hyphens and underscores,
   * starting with a letter or digit.
   * @default "id-<namePrefix>-artifacts"
   */
  readonly identityName?: string;
  /**
   * Name of the federated identity credential: 3 to 120 letters, digits, hyphens and
   * underscores, starting with a letter or digit.
   * @default "<namePrefix>-service-account"
   */
  readonly federatedCredentialName?: string;
}

/**
 * How MLflow authenticates to the artifact store: a choice made with one of the static
 * factories, given to {@link ArtifactAccess}.
 *
 * Prefer {@link ArtifactAuth.workloadIdentity}: no key or secret exists anywhere. The key and
 * connection string modes need shared keys on the store; the identity modes need an MLflow
 * image with `azure-identity`.
 */
export class ArtifactAuth {
  /**
   * The storage account key in a Kubernetes secret (`AZURE_STORAGE_ACCESS_KEY`). Needs
   * `sharedAccessKeyEnabled: true` on the store. The key also sits in Terraform state (an
   * attribute of the storage account).
   */
  public static accountKey(): ArtifactAuth {
    return new ArtifactAuth(ArtifactAuthMode.ACCOUNT_KEY, {});
  }

  /**
   * A connection string in a Kubernetes secret (`AZURE_STORAGE_CONNECTION_STRING`): the
   * account's primary connection string, or one of your own (custom endpoint, Azure Stack).
   * Needs `sharedAccessKeyEnabled: true` on the store.
   */
  public static connectionString(options: ConnectionStringAuthOptions = {}): ArtifactAuth {
    return new ArtifactAuth(ArtifactAuthMode.CONNECTION_STRING, { connectionString: options });
  }

  /**
   * A service principal: it gets "Storage Blob Data Contributor" on the container, and its
   * client id, tenant id and secret go into a Kubernetes secret (`AZURE_CLIENT_ID`,
   * `AZURE_TENANT_ID`, `AZURE_CLIENT_SECRET`, `AZURE_AUTHORITY_HOST`).
   */
  public static servicePrincipal(options: ServicePrincipalAuthOptions): ArtifactAuth {
    return new ArtifactAuth(ArtifactAuthMode.SERVICE_PRINCIPAL, { servicePrincipal: options });
  }

  /**
   * AKS workload identity: a user-assigned identity federated with the MLflow service
   * account, with "Storage Blob Data Contributor" on the container. No key or secret exists.
   * Needs the cluster's OIDC issuer and workload identity.
   */
  public static workloadIdentity(options: WorkloadIdentityAuthOptions = {}): ArtifactAuth {
    return new ArtifactAuth(ArtifactAuthMode.WORKLOAD_IDENTITY, { workloadIdentity: options });
  }

  /**
   * The cluster's kubelet identity gets "Storage Blob Data Contributor" on the container.
   * Every pod on every node can then use it (through IMDS): prefer workload identity.
   */
  public static kubeletIdentity(): ArtifactAuth {
    return new ArtifactAuth(ArtifactAuthMode.KUBELET_IDENTITY, {});
  }

  /** The mode chosen. */
  public readonly mode: ArtifactAuthMode;
  /** @internal */
  public readonly _connectionString?: ConnectionStringAuthOptions;
  /** @internal */
  public readonly _servicePrincipal?: ServicePrincipalAuthOptions;
  /** @internal */
  public readonly _workloadIdentity?: WorkloadIdentityAuthOptions;

  private constructor(mode: ArtifactAuthMode, options: {
    connectionString?: ConnectionStringAuthOptions;
    servicePrincipal?: ServicePrincipalAuthOptions;
    workloadIdentity?: WorkloadIdentityAuthOptions;
  }) {
    this.mode = mode;
    this._connectionString = options.connectionString;
    this._servicePrincipal = options.servicePrincipal;
    this._workloadIdentity = options.workloadIdentity;
  }

  /** Whether MLflow authenticates through `azure-identity` (absent from the chart's default image). */
  public get requiresAzureIdentity(): boolean {
    return this.mode === ArtifactAuthMode.SERVICE_PRINCIPAL
      || this.mode === ArtifactAuthMode.WORKLOAD_IDENTITY
      || this.mode === ArtifactAuthMode.KUBELET_IDENTITY;
  }

  /** Whether the mode uses a shared key (account key or connection string). */
  public get usesSharedKey(): boolean {
    return this.mode === ArtifactAuthMode.ACCOUNT_KEY || this.mode === ArtifactAuthMode.CONNECTION_STRING;
  }
}
