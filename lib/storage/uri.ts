import { AzureCloud, storageSuffix } from '../core/cloud';

/**
 * Inputs of {@link artifactUriFor}.
 */
export interface ArtifactUriInput {
  /** Storage account name. */
  readonly accountName: string;
  /** Container name. */
  readonly containerName: string;
  /** Path inside the container (may be empty). */
  readonly artifactPath: string;
  /** Use `abfss://` on the `dfs` endpoint (hierarchical namespace). */
  readonly hierarchicalNamespace: boolean;
  /** The cloud, for the endpoint suffix. */
  readonly cloud: AzureCloud;
}

/**
 * The artifact URI MLflow uses: `wasbs://<container>@<account>.blob.<suffix>/<path>`, or
 * `abfss://<container>@<account>.dfs.<suffix>/<path>` with hierarchical namespace.
 */
export function artifactUriFor(input: ArtifactUriInput): string {
  const scheme = input.hierarchicalNamespace ? 'abfss' : 'wasbs';
  const service = input.hierarchicalNamespace ? 'dfs' : 'blob';
  const path = input.artifactPath ? `/${input.artifactPath}` : '';
  return `${scheme}://${input.containerName}@${input.accountName}.${service}.${storageSuffix(input.cloud)}${path}`;
}

/**
 * The blob endpoint of an account in a cloud: `https://<account>.blob.<suffix>/`.
 */
export function blobEndpointFor(accountName: string, cloud: AzureCloud): string {
  return `https://${accountName}.blob.${storageSuffix(cloud)}/`;
}
