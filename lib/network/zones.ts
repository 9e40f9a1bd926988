import { AzureCloud } from '../core/cloud';

/**
 * The sub-resources (group ids) a private endpoint of this library can target.
 */
export enum PrivateLinkSubresource {
  /** Blob service of a storage account (`wasbs://`, the MLflow artifact path). */
  BLOB = 'blob',
  /** Data Lake Storage Gen2 (DFS) endpoint of a storage account with hierarchical namespace (`abfss://`). */
  DFS = 'dfs',
  /** A Key Vault. */
  VAULT = 'vault',
}

/**
 * Private DNS zone names recommended by Microsoft for each sub-resource and cloud
 * ("Azure Private Endpoint private DNS zone values").
 */
const ZONES: Record<AzureCloud, Record<PrivateLinkSubresource, string>> = {
  [AzureCloud.PUBLIC]: {
    [PrivateLinkSubresource.BLOB]: 'privatelink.blob.core.windows.net',
    [PrivateLinkSubresource.DFS]: 'privatelink.dfs.core.windows.net',
    [PrivateLinkSubresource.VAULT]: 'privatelink.vaultcore.azure.net',
  },
  [AzureCloud.CHINA]: {
    [PrivateLinkSubresource.BLOB]: 'privatelink.blob.core.chinacloudapi.cn',
    [PrivateLinkSubresource.DFS]: 'privatelink.dfs.core.chinacloudapi.cn',
    [PrivateLinkSubresource.VAULT]: 'privatelink.vaultcore.azure.cn',
  },
  [AzureCloud.US_GOVERNMENT]: {
    [PrivateLinkSubresource.BLOB]: 'privatelink.blob.core.usgovcloudapi.net',
    [PrivateLinkSubresource.DFS]: 'privatelink.dfs.core.usgovcloudapi.net',
    [PrivateLinkSubresource.VAULT]: 'privatelink.vaultcore.usgovcloudapi.net',
  },
};

/** The private DNS zone name of a sub-resource in a cloud. */
export function privateDnsZoneNameFor(subresource: PrivateLinkSubresource, cloud: AzureCloud): string {
  return ZONES[cloud][subresource];
}

/** The ARM resource provider type each sub-resource belongs to. */
export const SUBRESOURCE_TARGET_TYPE: Record<PrivateLinkSubresource, string> = {
  [PrivateLinkSubresource.BLOB]: 'Microsoft.Storage/storageAccounts',
  [PrivateLinkSubresource.DFS]: 'Microsoft.Storage/storageAccounts',
  [PrivateLinkSubresource.VAULT]: 'Microsoft.KeyVault/vaults',
};
