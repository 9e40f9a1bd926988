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
  /**
   * The read-access secondary blob endpoint (`<account>-secondary.blob.<suffix>`) of a storage
   * account with RA-GRS or RA-GZRS replication. Its records go into the blob zone.
   */
  BLOB_SECONDARY = 'blob_secondary',
  /** The read-access secondary DFS endpoint (hierarchical namespace with RA-GRS or RA-GZRS). Its records go into the dfs zone. */
  DFS_SECONDARY = 'dfs_secondary',
}

/** The sub-resources that have a zone of their own. */
type ZoneSubresource = PrivateLinkSubresource.BLOB | PrivateLinkSubresource.DFS | PrivateLinkSubresource.VAULT;

/** The sub-resource whose zone a sub-resource shares: a secondary endpoint uses its primary's zone. */
export const ZONE_OF: Record<PrivateLinkSubresource, ZoneSubresource> = {
  [PrivateLinkSubresource.BLOB]: PrivateLinkSubresource.BLOB,
  [PrivateLinkSubresource.DFS]: PrivateLinkSubresource.DFS,
  [PrivateLinkSubresource.VAULT]: PrivateLinkSubresource.VAULT,
  [PrivateLinkSubresource.BLOB_SECONDARY]: PrivateLinkSubresource.BLOB,
  [PrivateLinkSubresource.DFS_SECONDARY]: PrivateLinkSubresource.DFS,
};

/** The read-access secondary of a storage sub-resource, if it has one. */
export const SECONDARY_OF: Partial<Record<PrivateLinkSubresource, PrivateLinkSubresource>> = {
  [PrivateLinkSubresource.BLOB]: PrivateLinkSubresource.BLOB_SECONDARY,
  [PrivateLinkSubresource.DFS]: PrivateLinkSubresource.DFS_SECONDARY,
};

/**
 * Private DNS zone names recommended by Microsoft for each sub-resource and cloud
 * ("Azure Private Endpoint private DNS zone values").
 */
const ZONES: Record<AzureCloud, Record<ZoneSubresource, string>> = {
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

/** The private DNS zone name of a sub-resource in a cloud (a secondary shares its primary's zone). */
export function privateDnsZoneNameFor(subresource: PrivateLinkSubresource, cloud: AzureCloud): string {
  return ZONES[cloud][ZONE_OF[subresource]];
}

/** The ARM resource provider type each sub-resource belongs to. */
export const SUBRESOURCE_TARGET_TYPE: Record<PrivateLinkSubresource, string> = {
  [PrivateLinkSubresource.BLOB]: 'Microsoft.Storage/storageAccounts',
  [PrivateLinkSubresource.DFS]: 'Microsoft.Storage/storageAccounts',
  [PrivateLinkSubresource.VAULT]: 'Microsoft.KeyVault/vaults',
  [PrivateLinkSubresource.BLOB_SECONDARY]: 'Microsoft.Storage/storageAccounts',
  [PrivateLinkSubresource.DFS_SECONDARY]: 'Microsoft.Storage/storageAccounts',
};
