import { Testing, TerraformStack, Token } from 'cdktf';
import { AzureCloud, ArtifactStore, ArtifactStoreProps, PrincipalType, StorageReplication } from '../../lib';
import { errorOf, onlyResource, ref, resourcesOf, synthJson, testStack, warningsOf } from '../util';

const AKS_SUBNET_ID = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/aks';

const base: ArtifactStoreProps = {
  resourceGroupName: 'rg',
  location: 'westeurope',
  accountName: 'stmlflowtest01',
};

function synthStore(props: Partial<ArtifactStoreProps> = {}): { stack: TerraformStack; store: ArtifactStore; json: any; synth: string } {
  const stack = testStack();
  const store = new ArtifactStore(stack, 'Store', { ...base, ...props });
  const synth = Testing.synth(stack);
  return { stack, store, json: JSON.parse(synth), synth };
}

describe('ArtifactStore secure defaults', () => {
  const { synth, json, stack, store } = synthStore();
  const accountId = ref(stack, store.account.id);

  test('emits every secure account attribute explicitly', () => {
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_storage_account' }, {
      name: 'stmlflowtest01',
      account_kind: 'StorageV2',
      account_replication_type: 'ZRS',
      access_tier: 'Hot',
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      cross_tenant_replication_enabled: false,
      infrastructure_encryption_enabled: true,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      public_network_access_enabled: true,
      local_user_enabled: false,
      sftp_enabled: false,
    });
  });

  test('firewall denies by default and lets trusted Azure services through', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.network_rules).toEqual({
      default_action: 'Deny',
      bypass: ['AzureServices'],
      ip_rules: [],
      virtual_network_subnet_ids: [],
    });
  });

  test('soft delete (blobs and containers, 30 days) and versioning are on', () => {
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.blob_properties.versioning_enabled).toBe(true);
    expect(account.blob_properties.delete_retention_policy).toEqual({ days: 30, permanent_delete_enabled: false });
    expect(account.blob_properties.container_delete_retention_policy).toEqual({ days: 30 });
    expect(account.blob_properties.change_feed_enabled).toBe(false);
    expect(account.blob_properties.restore_policy).toBeUndefined();
  });

  test('container is private and bound by id (control plane)', () => {
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_storage_container' }, {
      name: 'mlflow',
      container_access_type: 'private',
      storage_account_id: accountId,
    });
  });

  test('deletion protection: prevent_destroy on account and container, CanNotDelete lock', () => {
    expect(onlyResource(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'azurerm_storage_container').lifecycle).toEqual({ prevent_destroy: true });
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_management_lock' }, {
      lock_level: 'CanNotDelete',
      scope: accountId,
    });
  });

  test('artifact URI and endpoint for the public cloud', () => {
    expect(store.artifactUri).toBe('wasbs://mlflow@stmlflowtest01.blob.core.windows.net/artifacts');
    expect(store.blobEndpoint).toBe('https://stmlflowtest01.blob.core.windows.net/');
  });
});

describe('ArtifactStore options', () => {
  test('deletionProtection: false removes prevent_destroy and the lock', () => {
    const { json } = synthStore({ deletionProtection: false });
    expect(onlyResource(json, 'azurerm_storage_account').lifecycle).toEqual({ prevent_destroy: false });
    expect(onlyResource(json, 'azurerm_storage_container').lifecycle).toEqual({ prevent_destroy: false });
    expect(resourcesOf(json, 'azurerm_management_lock')).toHaveLength(0);
  });

  test('shared keys on: no default OAuth, SAS lifetime capped', () => {
    const { synth } = synthStore({ sharedAccessKeyEnabled: true });
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_storage_account' }, {
      shared_access_key_enabled: true,
      default_to_oauth_authentication: false,
      sas_policy: { expiration_period: '1.00:00:00', expiration_action: 'Log' },
    });
  });

  test('shared keys off: no SAS policy (no SAS can be signed)', () => {
    const { json } = synthStore();
    expect(onlyResource(json, 'azurerm_storage_account').sas_policy).toBeUndefined();
  });

  test('point-in-time restore turns the change feed on', () => {
    const { json } = synthStore({ pointInTimeRestoreDays: 14 });
    const bp = onlyResource(json, 'azurerm_storage_account').blob_properties;
    expect(bp.restore_policy).toEqual({ days: 14 });
    expect(bp.change_feed_enabled).toBe(true);
  });

  test('a change feed retention alone turns the change feed on (it was emitted with the feed off and did nothing)', () => {
    const bp = onlyResource(synthStore({ changeFeedRetentionDays: 90 }).json, 'azurerm_storage_account').blob_properties;
    expect(bp.change_feed_enabled).toBe(true);
    expect(bp.change_feed_retention_in_days).toBe(90);
    const explicit = onlyResource(synthStore({ changeFeed: true, changeFeedRetentionDays: 30 }).json, 'azurerm_storage_account').blob_properties;
    expect(explicit).toMatchObject({ change_feed_enabled: true, change_feed_retention_in_days: 30 });
  });

  test.each([
    [{ hierarchicalNamespace: true, versioning: false }, 'abfss://mlflow@stmlflowtest01.dfs.core.windows.net/artifacts'],
    [{ cloud: AzureCloud.CHINA }, 'wasbs://mlflow@stmlflowtest01.blob.core.chinacloudapi.cn/artifacts'],
    [{ cloud: AzureCloud.US_GOVERNMENT }, 'wasbs://mlflow@stmlflowtest01.blob.core.usgovcloudapi.net/artifacts'],
    [{ artifactPath: '' }, 'wasbs://mlflow@stmlflowtest01.blob.core.windows.net'],
    [{ containerName: 'models', artifactPath: 'team-a/runs' }, 'wasbs://models@stmlflowtest01.blob.core.windows.net/team-a/runs'],
  ] as [Partial<ArtifactStoreProps>, string][])('artifactUri for %j', (props, uri) => {
    expect(synthStore(props).store.artifactUri).toBe(uri);
  });

  test('hierarchical namespace is emitted', () => {
    const { json } = synthStore({ hierarchicalNamespace: true, versioning: false });
    expect(onlyResource(json, 'azurerm_storage_account').is_hns_enabled).toBe(true);
  });

  test('hierarchical namespace alone turns versioning off (azurerm refuses versioning_enabled with is_hns_enabled)', () => {
    const { json, store } = synthStore({ hierarchicalNamespace: true });
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.is_hns_enabled).toBe(true);
    expect(account.blob_properties.versioning_enabled).toBe(false);
    // soft delete still guards blobs and containers
    expect(account.blob_properties.delete_retention_policy).toEqual({ days: 30, permanent_delete_enabled: false });
    expect(account.blob_properties.container_delete_retention_policy).toEqual({ days: 30 });
    expect(store.artifactUri).toBe('abfss://mlflow@stmlflowtest01.dfs.core.windows.net/artifacts');
  });

  test('custom blob endpoint is the blob endpoint', () => {
    const { store } = synthStore({ customBlobEndpoint: 'https://acct.blob.local.azurestack.external/' });
    expect(store.blobEndpoint).toBe('https://acct.blob.local.azurestack.external/');
    expect(store.usesCustomEndpoint).toBe(true);
  });

  test('replication and tags', () => {
    const { synth } = synthStore({ replication: StorageReplication.RAGZRS, tags: { team: 'ml' } });
    expect(synth).toHaveResourceWithProperties({ tfResourceType: 'azurerm_storage_account' }, {
      account_replication_type: 'RAGZRS',
      tags: { team: 'ml' },
    });
  });

  test('lifecycle rules target the artifact prefix and never archive by default', () => {
    const { json } = synthStore({ lifecycle: { coolAfterDays: 30, coldAfterDays: 90, deleteNoncurrentVersionsAfterDays: 60 } });
    const policy = onlyResource(json, 'azurerm_storage_management_policy');
    expect(policy.rule).toEqual([
      {
        name: 'artifact-tiering',
        enabled: true,
        filters: { blob_types: ['blockBlob'], prefix_match: ['mlflow/artifacts/'] },
        actions: {
          base_blob: {
            tier_to_cool_after_days_since_modification_greater_than: 30,
            tier_to_cold_after_days_since_modification_greater_than: 90,
          },
        },
      },
      {
        name: 'delete-noncurrent-versions',
        enabled: true,
        filters: { blob_types: ['blockBlob'], prefix_match: ['mlflow/artifacts/'] },
        actions: { version: { delete_after_days_since_creation: 60 } },
      },
    ]);
  });

  test('archive tier with the explicit allowance warns', () => {
    const stack = testStack();
    new ArtifactStore(stack, 'Store', { ...base, lifecycle: { archiveAfterDays: 365, allowArchiveTierForArtifacts: true } });
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_storage_management_policy').rule[0].actions.base_blob).toEqual({
      tier_to_archive_after_days_since_modification_greater_than: 365,
    });
    expect(warningsOf(stack).join('\n')).toMatch(/archived artifacts cannot be downloaded/);
  });

  test('network rules: subnets, IP ranges, public access off', () => {
    const { json } = synthStore({
      network: { allowedSubnetIds: [AKS_SUBNET_ID], allowedIpRanges: ['203.0.113.0/24'], disablePublicNetworkAccess: true },
    });
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.public_network_access_enabled).toBe(false);
    expect(account.network_rules.virtual_network_subnet_ids).toEqual([AKS_SUBNET_ID]);
    expect(account.network_rules.ip_rules).toEqual(['203.0.113.0/24']);
  });

  test('allowAllNetworks with the bypass and no rules: no network_rules block (Azure\'s default, dropped on read)', () => {
    // azurerm 27860: the provider drops exactly this rule set when it reads the account, so an
    // emitted block would show as a change in every plan
    const { json, stack } = synthStore({ network: { allowAllNetworks: true } });
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.network_rules).toBeUndefined();
    expect(account.public_network_access_enabled).toBe(true);
    expect(warningsOf(stack).join('\n')).toMatch(/no network_rules block is emitted.*az storage account update --default-action Allow/);
  });

  test('allowAllNetworks keeps the block when it differs from Azure\'s default (rules, no bypass, token lists)', () => {
    const rulesOf = (network: ArtifactStoreProps['network']) => onlyResource(synthStore({ network }).json, 'azurerm_storage_account').network_rules;
    expect(rulesOf({ allowAllNetworks: true, allowedIpRanges: ['203.0.113.7'] })).toEqual({
      default_action: 'Allow', bypass: ['AzureServices'], ip_rules: ['203.0.113.7'], virtual_network_subnet_ids: [],
    });
    expect(rulesOf({ allowAllNetworks: true, allowedSubnetIds: [AKS_SUBNET_ID] }).virtual_network_subnet_ids).toEqual([AKS_SUBNET_ID]);
    expect(rulesOf({ allowAllNetworks: true, bypassAzureServices: false })).toMatchObject({ default_action: 'Allow', bypass: ['None'] });
    expect(rulesOf({ allowAllNetworks: true, allowedIpRanges: Token.asList('${var.ips}') })).toMatchObject({ default_action: 'Allow', ip_rules: '${var.ips}' });
  });

  test('customer-managed key at creation with a user-assigned identity', () => {
    const { json } = synthStore({
      identityIds: ['/id/uami'],
      customerManagedKey: { keyVaultKeyId: 'https://kv.vault.azure.net/keys/k', userAssignedIdentityId: '/id/uami' },
    });
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account.identity).toEqual({ type: 'UserAssigned', identity_ids: ['/id/uami'] });
    expect(account.customer_managed_key).toEqual({
      key_vault_key_id: 'https://kv.vault.azure.net/keys/k',
      user_assigned_identity_id: '/id/uami',
    });
  });
});

describe('ArtifactStore grants', () => {
  test('grantReadWrite and grantRead scope built-in roles to the container', () => {
    const stack = testStack();
    const store = new ArtifactStore(stack, 'Store', base);
    store.grantReadWrite('Server', 'principal-1');
    store.grantRead('Reader', 'group-1', { principalType: PrincipalType.GROUP });
    const json = synthJson(stack);
    const roles = resourcesOf(json, 'azurerm_role_assignment')
      .map(([, r]) => r)
      .sort((a, b) => a.role_definition_name.localeCompare(b.role_definition_name));
    expect(roles).toEqual([
      expect.objectContaining({
        role_definition_name: 'Storage Blob Data Contributor',
        principal_id: 'principal-1',
        principal_type: 'ServicePrincipal',
        skip_service_principal_aad_check: true,
        scope: ref(stack, store.containerResourceId),
      }),
      expect.objectContaining({
        role_definition_name: 'Storage Blob Data Reader',
        principal_id: 'group-1',
        principal_type: 'Group',
        skip_service_principal_aad_check: false,
        scope: ref(stack, store.containerResourceId),
      }),
    ]);
  });

  test('the grant scope is the container\'s id (its ARM id with storage_account_id), not the deprecated resource_manager_id', () => {
    const stack = testStack();
    const store = new ArtifactStore(stack, 'Store', base);
    store.grantReadWrite('Server', 'principal-1');
    expect(ref(stack, store.containerResourceId)).toBe(ref(stack, store.container.id));
    const json = synthJson(stack);
    expect(onlyResource(json, 'azurerm_role_assignment').scope).toMatch(/^\$\{azurerm_storage_container\.\w+\.id\}$/);
    expect(onlyResource(json, 'azurerm_storage_container').storage_account_id).toBe(ref(stack, store.account.id));
    expect(JSON.stringify(json)).not.toContain('resource_manager_id');
  });

  test('a grant id used twice is rejected', () => {
    const stack = testStack();
    const store = new ArtifactStore(stack, 'Store', base);
    store.grantReadWrite('Server', 'p');
    expect(errorOf(() => store.grantRead('Server', 'q'))).toMatch(/^ArtifactStore at test\/Store: grant: 1 invalid prop:\n  - id = "Server": is already used/);
  });

  test('skipping the directory check is only valid for a service principal', () => {
    const stack = testStack();
    const store = new ArtifactStore(stack, 'Store', base);
    expect(errorOf(() => store.grantRead('Readers', 'group-1', { principalType: PrincipalType.GROUP, skipServicePrincipalAadCheck: true })))
      .toMatch(/options.skipServicePrincipalAadCheck = true: is only valid for a service principal \(principalType is "Group"\)/);
  });

  test('a token grant id is rejected', () => {
    const stack = testStack();
    const store = new ArtifactStore(stack, 'Store', base);
    expect(errorOf(() => store.grantRead(store.accountName, 'q'))).toMatch(/id = <token>: must be a literal string/);
  });
});

describe('ArtifactStore validation', () => {
  const bad = (props: Partial<ArtifactStoreProps>) => errorOf(() => new ArtifactStore(testStack(), 'Store', { ...base, ...props }));

  test.each([
    ['accountName', { accountName: 'My_Account' }, /accountName = "My_Account": must be 3 to 24 lowercase letters and digits/],
    ['accountName too short', { accountName: 'ab' }, /accountName = "ab"/],
    ['accountName too long', { accountName: 'a'.repeat(25) }, /accountName = "a{25}"/],
    ['containerName double hyphen', { containerName: 'ml--flow' }, /containerName = "ml--flow": must be 3 to 63/],
    ['containerName uppercase', { containerName: 'MLflow' }, /containerName = "MLflow"/],
    ['containerName too short', { containerName: 'ml' }, /containerName = "ml"/],
    ['artifactPath leading slash', { artifactPath: '/runs' }, /artifactPath = "\/runs": must not start with "\/"/],
    ['artifactPath dot-dot', { artifactPath: 'a/../b' }, /artifactPath = "a\/..\/b": must not contain ".." segments/],
    ['artifactPath trailing slash', { artifactPath: 'runs/' }, /artifactPath = "runs\/": must not end with "\/"/],
    ['softDeleteRetentionDays low', { softDeleteRetentionDays: 6 }, /softDeleteRetentionDays = 6: must be a whole number from 7 to 365/],
    ['softDeleteRetentionDays high', { softDeleteRetentionDays: 366 }, /softDeleteRetentionDays = 366/],
    ['changeFeedRetentionDays', { changeFeedRetentionDays: 0 }, /changeFeedRetentionDays = 0: must be a whole number from 1 to 146000/],
    ['changeFeedRetentionDays without feed', { changeFeed: false, changeFeedRetentionDays: 7 }, /changeFeedRetentionDays = 7: needs changeFeed: true/],
    ['pointInTimeRestoreDays >= retention', { softDeleteRetentionDays: 14, pointInTimeRestoreDays: 14 }, /pointInTimeRestoreDays = 14: must be a whole number from 1 to softDeleteRetentionDays - 1 \(13\)/],
    ['pointInTimeRestoreDays without versioning', { pointInTimeRestoreDays: 7, versioning: false }, /pointInTimeRestoreDays = 7: needs versioning/],
    ['pointInTimeRestoreDays without change feed', { pointInTimeRestoreDays: 7, changeFeed: false }, /pointInTimeRestoreDays = 7: needs the change feed/],
    ['pointInTimeRestoreDays with HNS', { pointInTimeRestoreDays: 7, hierarchicalNamespace: true, versioning: false }, /pointInTimeRestoreDays = 7: is not available with hierarchicalNamespace/],
    ['versioning with HNS', { hierarchicalNamespace: true, versioning: true }, /versioning = true: blob versioning is not available with hierarchicalNamespace/],
    ['customBlobEndpoint not https', { customBlobEndpoint: 'http://x' }, /customBlobEndpoint = "http:\/\/x": must be an https:\/\/ URL/],
    ['archive without allowance', { lifecycle: { archiveAfterDays: 180 } }, /lifecycle.archiveAfterDays = 180: archived artifacts cannot be downloaded/],
    ['cold before cool', { lifecycle: { coolAfterDays: 90, coldAfterDays: 30 } }, /lifecycle.coldAfterDays = 30: must be greater than lifecycle.coolAfterDays \(90\)/],
    ['noncurrent days', { lifecycle: { deleteNoncurrentVersionsAfterDays: 0 } }, /lifecycle.deleteNoncurrentVersionsAfterDays = 0/],
    ['noncurrent days without versioning', { versioning: false, lifecycle: { deleteNoncurrentVersionsAfterDays: 30 } }, /lifecycle.deleteNoncurrentVersionsAfterDays = 30: needs versioning: without it there are no previous versions to delete \(versioning is off\)/],
    ['noncurrent days with HNS (versioning off)', { hierarchicalNamespace: true, lifecycle: { deleteNoncurrentVersionsAfterDays: 30 } }, /lifecycle.deleteNoncurrentVersionsAfterDays = 30: needs versioning: .*\(versioning is off: hierarchicalNamespace is true\)/],
    ['private IP range', { network: { allowedIpRanges: ['10.0.0.0/8'] } }, /network.allowedIpRanges\[0\] = "10.0.0.0\/8": must not be or overlap a private range \(10.0.0.0\/8, 172.16.0.0\/12, 192.168.0.0\/16\): the Azure Storage firewall takes public addresses only/],
    ['private single address', { network: { allowedIpRanges: ['192.168.1.10'] } }, /network.allowedIpRanges\[0\] = "192.168.1.10": must not be or overlap a private range/],
    ['range overlapping a private range', { network: { allowedIpRanges: ['8.0.0.0/4'] } }, /network.allowedIpRanges\[0\] = "8.0.0.0\/4": must not be or overlap a private range/],
    ['IP /32', { network: { allowedIpRanges: ['203.0.113.7/32'] } }, /network.allowedIpRanges\[0\] = "203.0.113.7\/32": the Azure Storage firewall rejects \/31 and \/32 ranges: give a single address without a prefix \(e.g. "203.0.113.7"\)/],
    ['IP /31', { network: { allowedIpRanges: ['203.0.113.6/31'] } }, /network.allowedIpRanges\[0\] = "203.0.113.6\/31": the Azure Storage firewall rejects \/31 and \/32/],
    ['octet above 255', { network: { allowedIpRanges: ['203.0.113.256'] } }, /network.allowedIpRanges\[0\] = "203.0.113.256": must be an IPv4 address \(four numbers from 0 to 255/],
    ['prefix above 32', { network: { allowedIpRanges: ['203.0.113.0/33'] } }, /network.allowedIpRanges\[0\] = "203.0.113.0\/33": must be an IPv4 address/],
    ['leading zero', { network: { allowedIpRanges: ['203.0.113.07'] } }, /network.allowedIpRanges\[0\] = "203.0.113.07": must be an IPv4 address/],
    ['IPv6', { network: { allowedIpRanges: ['2001:db8::/32'] } }, /network.allowedIpRanges\[0\] = "2001:db8::\/32": must be an IPv4 address/],
    ['subnet id that is a virtual network', { network: { allowedSubnetIds: ['/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-aks'] } }, /network.allowedSubnetIds\[0\] = ".*virtualNetworks\/vnet-aks": must be a subnet resource id: \/subscriptions\/<id>\/resourceGroups\/<group>\/providers\/Microsoft.Network\/virtualNetworks\/<vnet>\/subnets\/<subnet>/],
    ['subnet name instead of its id', { network: { allowedSubnetIds: ['aks'] } }, /network.allowedSubnetIds\[0\] = "aks": must be a subnet resource id/],
    ['resource group ending with a period', { resourceGroupName: 'rg-mlflow.' }, /resourceGroupName = "rg-mlflow.": must be 1 to 90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period/],
    ['region with a hyphen', { location: 'west-europe' }, /location = "west-europe": must be an Azure region: its name \(westeurope, eastus2\) or its display name \(West Europe\)/],
    ['resource group with a slash', { resourceGroupName: 'rg/mlflow' }, /resourceGroupName = "rg\/mlflow": must be 1 to 90 letters/],
    ['tag name with a slash', { tags: { 'team/owner': 'ml' } }, /tags\["team\/owner"\] = "ml": the tag name must be 1 to 512 characters without <, >, %, &, \\, \? or \//],
    ['tag value too long', { tags: { owner: 'x'.repeat(257) } }, /tags\["owner"\] = "x{20}...": the tag value must be at most 256 characters/],
    ['allowAll and private only', { network: { allowAllNetworks: true, disablePublicNetworkAccess: true } }, /network.allowAllNetworks = true: contradicts/],
    ['CMK identity not listed', { identityIds: ['/id/a'], customerManagedKey: { keyVaultKeyId: 'k', userAssignedIdentityId: '/id/b' } }, /customerManagedKey.userAssignedIdentityId = "\/id\/b": must also be listed in identityIds/],
    ['CMK without identities', { customerManagedKey: { keyVaultKeyId: 'k', userAssignedIdentityId: '/id/b' } }, /identityIds = \[\]: must list the user-assigned identity/],
  ] as [string, Partial<ArtifactStoreProps>, RegExp][])('%s', (_name, props, message) => {
    expect(bad(props)).toMatch(message);
  });

  test('regions by name or display name, resource groups with Unicode letters and parentheses pass', () => {
    for (const [location, resourceGroupName] of [['westeurope', 'rg-müller'], ['West Europe', 'rg(prod)_1'], ['eastus2euap', 'rg-日本'], ['Central US EUAP', 'rg.mlflow-x']]) {
      expect(() => new ArtifactStore(testStack(), 'Store', { ...base, location, resourceGroupName })).not.toThrow();
    }
  });

  test('point-in-time restore with hierarchical namespace alone: one problem, not a versioning one', () => {
    const msg = bad({ hierarchicalNamespace: true, pointInTimeRestoreDays: 7 });
    expect(msg).toMatch(/^ArtifactStore at test\/Store: 1 invalid prop:\n  - pointInTimeRestoreDays = 7: is not available with hierarchicalNamespace: true$/);
  });

  test('public addresses and ranges pass the storage firewall rule, index by index', () => {
    const { json } = synthStore({ network: { allowedIpRanges: ['203.0.113.7', '198.51.100.0/24', '172.15.0.0/16', '172.32.0.1'] } });
    expect(onlyResource(json, 'azurerm_storage_account').network_rules.ip_rules).toEqual(['203.0.113.7', '198.51.100.0/24', '172.15.0.0/16', '172.32.0.1']);
    const msg = bad({ network: { allowedIpRanges: ['203.0.113.7', '172.16.0.0/24', '198.51.100.0/24', '1.2.3.4/32'] } });
    expect(msg).toMatch(/^ArtifactStore at test\/Store: 2 invalid props:/);
    expect(msg).toMatch(/network.allowedIpRanges\[1\] = "172.16.0.0\/24": must not be or overlap a private range/);
    expect(msg).toMatch(/network.allowedIpRanges\[3\] = "1.2.3.4\/32": the Azure Storage firewall rejects/);
  });

  test('every problem is listed in one error, owned by the construct path', () => {
    const msg = bad({ accountName: 'BAD', containerName: 'X', softDeleteRetentionDays: 1 });
    expect(msg).toMatch(/^ArtifactStore at test\/Store: 3 invalid props:/);
    expect(msg).toMatch(/accountName = "BAD"/);
    expect(msg).toMatch(/containerName = "X"/);
    expect(msg).toMatch(/softDeleteRetentionDays = 1/);
  });

  test('unresolved tokens are not validated as literals', () => {
    const stack = testStack();
    const other = new ArtifactStore(stack, 'Other', base);
    expect(() => new ArtifactStore(stack, 'Store', { ...base, accountName: other.accountName, containerName: other.container.name })).not.toThrow();
  });
});

describe('ArtifactStore synth', () => {
  test('is deterministic', () => {
    expect(synthStore().synth).toEqual(synthStore().synth);
  });

  test('matches the snapshot', () => {
    expect(synthStore({ lifecycle: { coolAfterDays: 30 } }).synth).toMatchSnapshot();
  });
});
