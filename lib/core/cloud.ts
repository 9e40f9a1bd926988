/**
 * The Azure cloud the resources live in: it decides the storage endpoint suffix.
 */
export enum AzureCloud {
  /** Azure public cloud (`core.windows.net`). */
  PUBLIC = 'public',
  /** Azure operated by 21Vianet in China (`core.chinacloudapi.cn`). */
  CHINA = 'china',
  /** Azure US Government (`core.usgovcloudapi.net`). */
  US_GOVERNMENT = 'usgovernment',
}

const STORAGE_SUFFIX: Record<AzureCloud, string> = {
  [AzureCloud.PUBLIC]: 'core.windows.net',
  [AzureCloud.CHINA]: 'core.chinacloudapi.cn',
  [AzureCloud.US_GOVERNMENT]: 'core.usgovcloudapi.net',
};

/**
 * The storage endpoint suffix of a cloud, e.g. `core.windows.net`.
 */
export function storageSuffix(cloud: AzureCloud): string {
  return STORAGE_SUFFIX[cloud];
}

/**
 * Entra ID sign-in hosts per cloud, as azure-identity names them (`AZURE_AUTHORITY_HOST`,
 * `AzureAuthorityHosts`); they also serve the OpenID Connect discovery documents.
 */
const AUTHORITY_HOST: Record<AzureCloud, string> = {
  [AzureCloud.PUBLIC]: 'https://login.microsoftonline.com/',
  [AzureCloud.CHINA]: 'https://login.chinacloudapi.cn/',
  [AzureCloud.US_GOVERNMENT]: 'https://login.microsoftonline.us/',
};

/** The Entra ID authority host of a cloud, with a trailing slash, e.g. `https://login.microsoftonline.com/`. */
export function entraAuthorityHost(cloud: AzureCloud): string {
  return AUTHORITY_HOST[cloud];
}
