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
