import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Testing, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import { AzureCloud } from '../../lib/core/cloud';
import { PrivateEndpoints, PrivateEndpointsProps, PrivateLinkSubresource } from '../../lib/network';
import { errorOf, onlyResource, ref, resourcesOf, synthJson, testApp, testStack, warningsOf } from '../util';

const ACCOUNT_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stmlflowtest01';
const VAULT_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-mlflow';
const SUBNET_ID = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/endpoints';
const VNET_ID = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-aks';
const HUB_VNET_ID = '/subscriptions/s/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/vnet-hub';
const BLOB_ZONE_ID = '/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net';
const DFS_ZONE_ID = '/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.dfs.core.windows.net';

const base: PrivateEndpointsProps = {
  resourceGroupName: 'rg',
  location: 'westeurope',
  name: 'stmlflowtest01',
  targetResourceId: ACCOUNT_ID,
  subresources: [PrivateLinkSubresource.BLOB],
  subnetId: SUBNET_ID,
  virtualNetworkIds: [VNET_ID],
};

function synth(props: Partial<PrivateEndpointsProps> = {}): { stack: TerraformStack; pe: PrivateEndpoints; json: any; out: string } {
  const stack = testStack();
  const pe = new PrivateEndpoints(stack, 'Endpoints', { ...base, ...props });
  const out = Testing.synth(stack);
  return { stack, pe, json: JSON.parse(out), out };
}

describe('PrivateEndpoints with created zones', () => {
  const { stack, pe, json, out } = synth();

  test('the endpoint connects the blob sub-resource automatically, in the subnet', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_private_endpoint' }, {
      name: 'stmlflowtest01-blob-pe',
      subnet_id: SUBNET_ID,
      private_service_connection: {
        name: 'stmlflowtest01-blob-psc',
        private_connection_resource_id: ACCOUNT_ID,
        subresource_names: ['blob'],
        is_manual_connection: false,
      },
    });
  });

  test('the zone is privatelink.blob.core.windows.net and the endpoint registers in it', () => {
    const zone = onlyResource(json, 'azurerm_private_dns_zone');
    expect(zone.name).toBe('privatelink.blob.core.windows.net');
    const zoneId = ref(stack, pe.zones[0].id);
    expect(onlyResource(json, 'azurerm_private_endpoint').private_dns_zone_group).toEqual({
      name: 'default',
      private_dns_zone_ids: [zoneId],
    });
    expect(ref(stack, pe.privateDnsZoneIds.blob)).toBe(zoneId);
  });

  test('the zone is linked to the virtual network with auto-registration off', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_private_dns_zone_virtual_network_link' }, {
      name: 'vnet-aks-link',
      virtual_network_id: VNET_ID,
      registration_enabled: false,
      private_dns_zone_name: ref(stack, pe.zones[0].name),
    });
  });

  test('outputs by sub-resource', () => {
    expect(Object.keys(pe.endpoints)).toEqual(['blob']);
    expect(ref(stack, pe.privateEndpointIds.blob)).toMatch(/^\$\{azurerm_private_endpoint\.Endpoints_EndpointBlob_[0-9A-F]+\.id\}$/);
    expect(ref(stack, pe.privateIpAddresses.blob)).toMatch(/private_service_connection\[0\]\.private_ip_address|private_service_connection\.private_ip_address/);
    expect(pe.dependables).toHaveLength(2);
  });
});

describe('PrivateEndpoints options', () => {
  test('hierarchical namespace: blob and dfs endpoints, each with its own zone', () => {
    const { json } = synth({ subresources: PrivateEndpoints.storageSubresources(true), virtualNetworkIds: [VNET_ID, HUB_VNET_ID] });
    expect(resourcesOf(json, 'azurerm_private_endpoint').map(([, r]) => r.private_service_connection.subresource_names)).toEqual([['blob'], ['dfs']]);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map(([, r]) => r.name)).toEqual([
      'privatelink.blob.core.windows.net',
      'privatelink.dfs.core.windows.net',
    ]);
    const links = resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link').map(([, r]) => [r.name, r.registration_enabled]);
    expect(links).toEqual([['vnet-aks-link', false], ['vnet-hub-link', false], ['vnet-aks-link', false], ['vnet-hub-link', false]]);
  });

  test('storageSubresources without hierarchical namespace is blob only', () => {
    expect(PrivateEndpoints.storageSubresources(false)).toEqual([PrivateLinkSubresource.BLOB]);
  });

  test('storageSubresources with read access to the secondary adds the _secondary endpoints', () => {
    expect(PrivateEndpoints.storageSubresources(false, true)).toEqual(['blob', 'blob_secondary']);
    expect(PrivateEndpoints.storageSubresources(true, true)).toEqual(['blob', 'blob_secondary', 'dfs', 'dfs_secondary']);
  });

  test('readAccessSecondary: a blob_secondary endpoint in the same zone, one zone and one link', () => {
    const { json, pe, stack } = synth({ readAccessSecondary: true });
    // (the JSON lists resources by logical id: sort by name)
    const endpoints = resourcesOf(json, 'azurerm_private_endpoint').map(([, r]) => r).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(endpoints.map((e) => [e.name, e.private_service_connection.subresource_names])).toEqual([
      ['stmlflowtest01-blob-pe', ['blob']],
      ['stmlflowtest01-blob_secondary-pe', ['blob_secondary']],
    ]);
    expect(onlyResource(json, 'azurerm_private_dns_zone').name).toBe('privatelink.blob.core.windows.net');
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(1);
    const zoneId = ref(stack, pe.zones[0].id);
    expect(endpoints.map((e) => e.private_dns_zone_group)).toEqual([
      { name: 'default', private_dns_zone_ids: [zoneId] },
      { name: 'default', private_dns_zone_ids: [zoneId] },
    ]);
    expect(Object.keys(pe.endpoints)).toEqual(['blob', 'blob_secondary']);
    expect(ref(stack, pe.privateEndpointIds.blob_secondary)).toMatch(/^\$\{azurerm_private_endpoint\.Endpoints_EndpointBlobSecondary_[0-9A-F]+\.id\}$/);
  });

  test('readAccessSecondary with hierarchical namespace: dfs_secondary in the dfs zone; an existing blob zone serves blob_secondary', () => {
    const { json } = synth({ subresources: PrivateEndpoints.storageSubresources(true), readAccessSecondary: true });
    expect(resourcesOf(json, 'azurerm_private_endpoint').map(([, r]) => r.private_service_connection.subresource_names[0]).sort()).toEqual(['blob', 'blob_secondary', 'dfs', 'dfs_secondary']);
    expect(resourcesOf(json, 'azurerm_private_dns_zone').map(([, r]) => r.name)).toEqual(['privatelink.blob.core.windows.net', 'privatelink.dfs.core.windows.net']);
    const existing = synth({ readAccessSecondary: true, virtualNetworkIds: undefined, privateDnsZoneIds: { blob: BLOB_ZONE_ID } });
    expect(resourcesOf(existing.json, 'azurerm_private_endpoint').map(([, r]) => r.private_dns_zone_group.private_dns_zone_ids)).toEqual([[BLOB_ZONE_ID], [BLOB_ZONE_ID]]);
    expect(existing.pe.privateDnsZoneIds).toEqual({ blob: BLOB_ZONE_ID, blob_secondary: BLOB_ZONE_ID });
  });

  test('key vault: vault sub-resource and privatelink.vaultcore.azure.net', () => {
    const { json } = synth({ name: 'kv-mlflow', targetResourceId: VAULT_ID, subresources: [PrivateLinkSubresource.VAULT] });
    expect(onlyResource(json, 'azurerm_private_endpoint').private_service_connection.subresource_names).toEqual(['vault']);
    expect(onlyResource(json, 'azurerm_private_dns_zone').name).toBe('privatelink.vaultcore.azure.net');
  });

  test.each([
    [AzureCloud.CHINA, PrivateLinkSubresource.BLOB, 'privatelink.blob.core.chinacloudapi.cn'],
    [AzureCloud.CHINA, PrivateLinkSubresource.DFS, 'privatelink.dfs.core.chinacloudapi.cn'],
    [AzureCloud.CHINA, PrivateLinkSubresource.VAULT, 'privatelink.vaultcore.azure.cn'],
    [AzureCloud.US_GOVERNMENT, PrivateLinkSubresource.BLOB, 'privatelink.blob.core.usgovcloudapi.net'],
    [AzureCloud.US_GOVERNMENT, PrivateLinkSubresource.DFS, 'privatelink.dfs.core.usgovcloudapi.net'],
    [AzureCloud.US_GOVERNMENT, PrivateLinkSubresource.VAULT, 'privatelink.vaultcore.usgovcloudapi.net'],
    [AzureCloud.PUBLIC, PrivateLinkSubresource.DFS, 'privatelink.dfs.core.windows.net'],
  ])('zone name in %s for %s is %s', (cloud, sub, zone) => {
    expect(PrivateEndpoints.privateDnsZoneName(sub, cloud)).toBe(zone);
  });

  test('China cloud zones are created with the China suffix', () => {
    const { json } = synth({ cloud: AzureCloud.CHINA });
    expect(onlyResource(json, 'azurerm_private_dns_zone').name).toBe('privatelink.blob.core.chinacloudapi.cn');
  });

  test('existing zones: no zone, no link, the given ids in the zone groups', () => {
    const { json, pe } = synth({
      subresources: [PrivateLinkSubresource.BLOB, PrivateLinkSubresource.DFS],
      virtualNetworkIds: undefined,
      privateDnsZoneIds: { blob: BLOB_ZONE_ID, dfs: DFS_ZONE_ID },
    });
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toHaveLength(0);
    expect(resourcesOf(json, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(0);
    expect(resourcesOf(json, 'azurerm_private_endpoint').map(([, r]) => r.private_dns_zone_group)).toEqual([
      { name: 'default', private_dns_zone_ids: [BLOB_ZONE_ID] },
      { name: 'default', private_dns_zone_ids: [DFS_ZONE_ID] },
    ]);
    expect(pe.privateDnsZoneIds).toEqual({ blob: BLOB_ZONE_ID, dfs: DFS_ZONE_ID });
  });

  test('zones in their own resource group', () => {
    const { json } = synth({ privateDnsZoneResourceGroupName: 'rg-dns' });
    expect(onlyResource(json, 'azurerm_private_dns_zone').resource_group_name).toBe('rg-dns');
    expect(onlyResource(json, 'azurerm_private_endpoint').resource_group_name).toBe('rg');
  });

  test('no zones and no zone ids: no DNS zone group, with a warning', () => {
    const { json, stack } = synth({ createPrivateDnsZones: false, virtualNetworkIds: undefined });
    expect(onlyResource(json, 'azurerm_private_endpoint').private_dns_zone_group).toBeUndefined();
    expect(warningsOf(stack).join('\n')).toMatch(/no DNS zone group/);
  });

  test('created zones without virtual networks warn', () => {
    const { stack } = synth({ virtualNetworkIds: [] });
    expect(warningsOf(stack).join('\n')).toMatch(/linked to no virtual network.*give that zone in privateDnsZoneIds instead of creating one: a virtual network can be linked to only one zone of a name/);
  });

  test('tokens are not validated as literals', () => {
    const stack = testStack();
    const other = new PrivateEndpoints(stack, 'A', base);
    expect(() => new PrivateEndpoints(stack, 'B', {
      ...base,
      name: 'second',
      targetResourceId: other.privateEndpointIds.blob,
      subnetId: other.privateEndpointIds.blob,
      virtualNetworkIds: undefined,
      privateDnsZoneIds: { blob: other.privateDnsZoneIds.blob },
    })).not.toThrow();
    expect(resourcesOf(synthJson(stack), 'azurerm_private_endpoint')).toHaveLength(2);
  });
});

describe('PrivateEndpoints: one zone of a name per virtual network', () => {
  test('a second construct linking the same zone name to the same virtual network fails, naming the first and the fix', () => {
    const stack = testStack();
    new PrivateEndpoints(stack, 'First', base);
    const msg = errorOf(() => new PrivateEndpoints(stack, 'Second', { ...base, name: 'second', privateDnsZoneResourceGroupName: 'rg-other' }));
    expect(msg).toMatch(/^PrivateEndpoints at test\/Second: 1 invalid prop:/);
    expect(msg).toMatch(
      /virtualNetworkIds\[0\] = ".*vnet-aks": is already linked to a private DNS zone privatelink.blob.core.windows.net by test\/First: a virtual network can be linked to only one zone of a name \(Azure answers Conflict\); give this construct that zone's id in privateDnsZoneIds/,
    );
  });

  test('the same zone name created twice in one resource group fails at synth; through another subscription\'s provider it is fine', () => {
    const stack = testStack();
    new PrivateEndpoints(stack, 'First', { ...base, virtualNetworkIds: [] });
    new PrivateEndpoints(stack, 'Second', { ...base, name: 'second', virtualNetworkIds: [] });
    expect(errorOf(() => Testing.synth(stack, true)))
      .toMatch(/azurerm_private_dns_zone "privatelink.blob.core.windows.net" in resource group "rg", created by test\/First\/ZoneBlob and test\/Second\/ZoneBlob: a zone name is unique in a resource group: create the zone once/);
    // Another subscription (an aliased provider): a resource group name is unique in a subscription only.
    const other = testStack();
    new AzurermProvider(other, 'azurerm', { features: [{}] });
    new PrivateEndpoints(other, 'First', { ...base, virtualNetworkIds: [] });
    const second = new PrivateEndpoints(other, 'Second', { ...base, name: 'second', virtualNetworkIds: [] });
    const dev = new AzurermProvider(other, 'azurerm-dev', { alias: 'dev', features: [{}], subscriptionId: '00000000-0000-0000-0000-000000000002' });
    for (const c of second.node.findAll()) if (c instanceof TerraformResource) c.provider = dev;
    expect(() => Testing.synth(other, true)).not.toThrow();
  });

  test('the same virtual network listed twice', () => {
    expect(errorOf(() => new PrivateEndpoints(testStack(), 'Endpoints', { ...base, virtualNetworkIds: [VNET_ID, VNET_ID] })))
      .toMatch(/virtualNetworkIds\[1\] = ".*vnet-aks": is listed twice: a virtual network can be linked to only one zone privatelink.blob.core.windows.net/);
  });

  test('a virtual network referenced twice by the same token is caught; the second construct using the first\'s zone is fine', () => {
    const stack = testStack();
    const vnet = new TerraformVariable(stack, 'vnet_id', { type: 'string' }).stringValue;
    const first = new PrivateEndpoints(stack, 'First', { ...base, virtualNetworkIds: [vnet] });
    expect(errorOf(() => new PrivateEndpoints(stack, 'Second', { ...base, name: 'second', privateDnsZoneResourceGroupName: 'rg-2', virtualNetworkIds: [vnet] })))
      .toMatch(/virtualNetworkIds\[0\] = <token>: is already linked to a private DNS zone privatelink.blob.core.windows.net by test\/First/);
    expect(() => new PrivateEndpoints(stack, 'Third', { ...base, name: 'third', virtualNetworkIds: undefined, privateDnsZoneIds: { blob: first.privateDnsZoneIds.blob } })).not.toThrow();
  });

  test('stacks of one app: a literal virtual network id is compared across them', () => {
    const app = testApp();
    new PrivateEndpoints(new TerraformStack(app, 'one'), 'Endpoints', base);
    expect(errorOf(() => new PrivateEndpoints(new TerraformStack(app, 'two'), 'Endpoints', base)))
      .toMatch(/virtualNetworkIds\[0\] = ".*vnet-aks": is already linked to a private DNS zone privatelink.blob.core.windows.net by one\/Endpoints/);
  });

  test('different zone names on one virtual network, or one zone name on different networks, are fine', () => {
    const stack = testStack();
    new PrivateEndpoints(stack, 'Blob', base);
    expect(() => new PrivateEndpoints(stack, 'Vault', { ...base, name: 'kv-mlflow', targetResourceId: VAULT_ID, subresources: [PrivateLinkSubresource.VAULT] })).not.toThrow();
    expect(() => new PrivateEndpoints(stack, 'Hub', { ...base, name: 'hub', privateDnsZoneResourceGroupName: 'rg-hub', virtualNetworkIds: [HUB_VNET_ID] })).not.toThrow();
  });
});

describe('PrivateEndpoints validation', () => {
  const make = (props: Partial<PrivateEndpointsProps>) => () => new PrivateEndpoints(testStack(), 'Endpoints', { ...base, ...props });

  test('a private endpoint without a subnet', () => {
    expect(errorOf(make({ subnetId: '' }))).toMatch(/subnetId = "": is required: a private endpoint is always placed in a subnet/);
    expect(errorOf(make({ subnetId: undefined as unknown as string }))).toMatch(/subnetId = undefined: is required/);
  });

  test('a subnet id that is not a subnet', () => {
    expect(errorOf(make({ subnetId: VNET_ID }))).toMatch(/subnetId = ".*vnet-aks": must be a subnet resource id/);
    expect(errorOf(make({ subnetId: 'endpoints' }))).toMatch(/subnetId = "endpoints": must be a subnet resource id: \/subscriptions\/<id>\/resourceGroups/);
  });

  test('virtual network ids that are not virtual networks', () => {
    expect(errorOf(make({ virtualNetworkIds: [VNET_ID, `${VNET_ID}/subnets/aks`] })))
      .toMatch(/virtualNetworkIds\[1\] = ".*vnet-aks\/subnets\/aks": must be a virtual network resource id: \/subscriptions\/<id>\/resourceGroups\/<group>\/providers\/Microsoft.Network\/virtualNetworks\/<vnet>/);
  });

  test('resource group and region rules', () => {
    const msg = errorOf(make({ resourceGroupName: 'rg mlflow', location: 'westeurope ' })); // a trailing space
    expect(msg).toMatch(/^PrivateEndpoints at test\/Endpoints: 2 invalid props:/);
    expect(msg).toMatch(/resourceGroupName = "rg mlflow": must be 1 to 90 letters/);
    expect(msg).toMatch(/location = "westeurope ": must be an Azure region: its name/);
  });

  test('zone ids conflict with creating zones', () => {
    const msg = errorOf(make({ privateDnsZoneIds: { blob: BLOB_ZONE_ID }, createPrivateDnsZones: true }));
    expect(msg).toMatch(/createPrivateDnsZones = true: conflicts with privateDnsZoneIds/);
    expect(msg).toMatch(/virtualNetworkIds = \[".*vnet-aks"\]: conflicts with privateDnsZoneIds/);
    expect(msg).toMatch(/^PrivateEndpoints at test\/Endpoints: 2 invalid props:/);
  });

  test('virtual networks without created zones', () => {
    expect(errorOf(make({ createPrivateDnsZones: false }))).toMatch(/virtualNetworkIds = .*: needs createPrivateDnsZones: true/);
  });

  test('a zone id missing for a sub-resource, or one too many', () => {
    const msg = errorOf(make({
      subresources: [PrivateLinkSubresource.BLOB, PrivateLinkSubresource.DFS],
      virtualNetworkIds: undefined,
      privateDnsZoneIds: { blob: BLOB_ZONE_ID, vault: 'x' },
    }));
    expect(msg).toMatch(/privateDnsZoneIds.dfs = undefined: is missing: every sub-resource needs a zone \(privatelink.dfs.core.windows.net\)/);
    expect(msg).toMatch(/privateDnsZoneIds.vault = "x": has no matching entry in subresources/);
  });

  test('a zone id of the wrong zone', () => {
    expect(errorOf(make({ virtualNetworkIds: undefined, privateDnsZoneIds: { blob: DFS_ZONE_ID } })))
      .toMatch(/privateDnsZoneIds.blob = ".*privatelink.dfs.core.windows.net": must be the id of the private DNS zone privatelink.blob.core.windows.net/);
  });

  test('a sub-resource that does not belong to the target', () => {
    expect(errorOf(make({ subresources: [PrivateLinkSubresource.VAULT] })))
      .toMatch(/subresources\[0\] = "vault": belongs to a Microsoft.KeyVault\/vaults resource/);
  });

  test('no, unknown or repeated sub-resources', () => {
    expect(errorOf(make({ subresources: [] }))).toMatch(/subresources = \[\]: must list at least one sub-resource/);
    expect(errorOf(make({ subresources: ['file' as PrivateLinkSubresource] }))).toMatch(/subresources\[0\] = "file": must be one of "blob", "dfs", "vault", "blob_secondary", "dfs_secondary"/);
    expect(errorOf(make({ subresources: [PrivateLinkSubresource.BLOB, PrivateLinkSubresource.BLOB] }))).toMatch(/must not list a sub-resource twice/);
  });

  test('the base name', () => {
    expect(errorOf(make({ name: '-bad' }))).toMatch(/name = "-bad": must be 1 to 52 letters/);
  });

  test('the base name leaves room for the longest endpoint name (<name>-blob_secondary-pe <= 64)', () => {
    const name = 'a'.repeat(47);
    expect(() => make({ name })()).not.toThrow();
    expect(errorOf(make({ name, readAccessSecondary: true }))).toMatch(/name = "a{47}": must be at most 46 characters with these sub-resources/);
  });

  test('readAccessSecondary without a storage sub-resource', () => {
    expect(errorOf(make({ name: 'kv-mlflow', targetResourceId: VAULT_ID, subresources: [PrivateLinkSubresource.VAULT], readAccessSecondary: true })))
      .toMatch(/readAccessSecondary = true: needs a blob or dfs sub-resource in subresources \(\["vault"\]\)/);
  });
});
