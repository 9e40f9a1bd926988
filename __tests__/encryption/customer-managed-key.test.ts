import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { TIME_PROVIDER_ID } from '../../lib/core/rbac';
import { PrincipalType } from '../../lib/core/roles';
import {
  CmkGrantScope,
  CmkKeyType,
  CustomerManagedKey,
  CustomerManagedKeyProps,
  KeyVaultSku,
} from '../../lib/encryption';
import { ArtifactStore } from '../../lib/storage';
import { errorOf, onlyResource, ref, resourcesOf, synthJson, testStack, warningsOf } from '../util';

const VAULT_ID = '/subscriptions/s/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-shared';
const SUBNET_ID = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/endpoints';
const VNET_ID = '/subscriptions/s/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet-aks';
const TENANT_ID = '11111111-2222-3333-4444-555555555555';
const DEPLOYER_ID = '66666666-7777-8888-9999-000000000000';

const base: CustomerManagedKeyProps = {
  resourceGroupName: 'rg',
  location: 'westeurope',
  keyVaultName: 'kv-mlflow-test',
  network: { allowedIpRanges: ['203.0.113.10'] },
};

function synth(props: Partial<CustomerManagedKeyProps> = {}): { stack: TerraformStack; cmk: CustomerManagedKey; json: any; out: string } {
  const stack = testStack();
  const cmk = new CustomerManagedKey(stack, 'Cmk', { ...base, ...props });
  const out = Testing.synth(stack);
  return { stack, cmk, json: JSON.parse(out), out };
}

/** The `azurerm_<type>.<name>` address a token refers to, e.g. for depends_on. */
function address(stack: TerraformStack, token: string): string {
  return ref(stack, token).replace(/^\$\{(.*)\.[a-z_]+\}$/, '$1');
}

describe('CustomerManagedKey with a new vault (defaults)', () => {
  const { stack, cmk, json, out } = synth();

  test('the vault: RBAC, purge protection, soft delete 90 days, standard SKU, no legacy access', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault' }, {
      name: 'kv-mlflow-test',
      sku_name: 'standard',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: true,
      enabled_for_deployment: false,
      enabled_for_disk_encryption: false,
      enabled_for_template_deployment: false,
    });
    const vault = onlyResource(json, 'azurerm_key_vault');
    expect(vault.enable_rbac_authorization).toBeUndefined();
    expect(vault.access_policy).toBeUndefined();
  });

  test('the vault firewall denies by default, lets trusted services and the given IP through', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault' }, {
      network_acls: {
        default_action: 'Deny',
        bypass: 'AzureServices',
        ip_rules: ['203.0.113.10'],
        virtual_network_subnet_ids: [],
      },
    });
  });

  test('the tenant comes from azurerm_client_config when not given', () => {
    expect(Object.keys(json.data.azurerm_client_config)).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_key_vault').tenant_id).toMatch(/^\$\{data\.azurerm_client_config\.[^.]+\.tenant_id\}$/);
  });

  test('prevent_destroy on the vault and the key', () => {
    expect(onlyResource(json, 'azurerm_key_vault').lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(json, 'azurerm_key_vault_key').lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ['expiration_date'] });
  });

  test('the key ignores expiration_date: the expiry a rotation sets never plans a replacement', () => {
    // after the first automatic rotation the provider reads the new version's expiry into state;
    // without ignore_changes the next plan would replace the key, which prevent_destroy refuses
    expect(onlyResource(json, 'azurerm_key_vault_key').lifecycle.ignore_changes).toEqual(['expiration_date']);
    const dated = synth({ expirationDate: '2027-01-31T00:00:00Z' }).json;
    expect(onlyResource(dated, 'azurerm_key_vault_key')).toMatchObject({
      expiration_date: '2027-01-31T00:00:00Z',
      lifecycle: { prevent_destroy: true, ignore_changes: ['expiration_date'] },
    });
  });

  test('the key: RSA 3072, wrap/unwrap only, rotation policy, no date', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault_key' }, {
      name: 'mlflow-artifacts-cmk',
      key_vault_id: ref(stack, cmk.keyVault!.id),
      key_type: 'RSA',
      key_size: 3072,
      key_opts: ['unwrapKey', 'wrapKey'],
      rotation_policy: {
        expire_after: 'P1Y',
        notify_before_expiry: 'P29D',
        automatic: { time_after_creation: 'P11M' },
      },
    });
    const key = onlyResource(json, 'azurerm_key_vault_key');
    expect(key.expiration_date).toBeUndefined();
    expect(key.not_before_date).toBeUndefined();
    expect(key.rotation_policy.automatic.time_before_expiry).toBeUndefined();
  });

  test('the deployer gets Key Vault Crypto Officer on the vault, and the key waits for it', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, {
      role_definition_name: 'Key Vault Crypto Officer',
      scope: ref(stack, cmk.keyVault!.id),
    });
    const grant = resourcesOf(json, 'azurerm_role_assignment').find(([, r]) => r.role_definition_name === 'Key Vault Crypto Officer')![1];
    expect(grant.principal_id).toMatch(/^\$\{data\.azurerm_client_config\.[^.]+\.object_id\}$/);
    expect(grant.principal_type).toBeUndefined();
    // no principal type given: the directory check is left to Azure (nothing emitted)
    expect(grant.skip_service_principal_aad_check).toBeUndefined();
    expect(grant.description).toBe('MLflow artifact CMK: lets the principal running Terraform create and rotate the key');
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toEqual([
      address(stack, cmk.deployerGrant!.id),
      address(stack, cmk.deployerGrantPropagation!.id),
    ]);
  });

  test('the key is created 120 s after the deployer grant (RBAC propagation), again whenever the grant is replaced', () => {
    const wait = resourcesOf(json, 'time_sleep').find(([id]) => id === address(stack, cmk.deployerGrantPropagation!.id).split('.')[1])![1];
    expect(wait).toEqual({
      create_duration: '120s',
      triggers: { role_assignment_id: ref(stack, cmk.deployerGrant!.id) },
      depends_on: [address(stack, cmk.deployerGrant!.id)],
    });
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toContain(address(stack, cmk.deployerGrantPropagation!.id));
  });

  test('the storage account waits 120 s after the storage identity grant (it checks the key as it is created)', () => {
    const wait = resourcesOf(json, 'time_sleep').find(([id]) => id === address(stack, cmk.storageGrantPropagation!.id).split('.')[1])![1];
    expect(wait).toEqual({
      create_duration: '120s',
      triggers: { role_assignment_id: ref(stack, cmk.storageGrant.id) },
      depends_on: [address(stack, cmk.storageGrant.id)],
    });
    expect(resourcesOf(json, 'time_sleep')).toHaveLength(2);
  });

  test('the stack gets a default time provider for the waits', () => {
    expect(json.provider.time).toEqual([{}]);
    expect(json.terraform.required_providers.time).toMatchObject({ source: 'hashicorp/time' });
  });

  test('the storage identity gets Key Vault Crypto Service Encryption User on the versionless key', () => {
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_user_assigned_identity' }, {
      name: 'id-mlflow-artifacts-cmk',
      resource_group_name: 'rg',
      location: 'westeurope',
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, {
      role_definition_name: 'Key Vault Crypto Service Encryption User',
      scope: ref(stack, cmk.key.resourceVersionlessId),
      principal_id: ref(stack, cmk.storageIdentity.principalId),
      principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: true,
    });
  });

  test('outputs: versionless key id, identity, the grant as the dependable', () => {
    expect(ref(stack, cmk.keyVaultKeyId)).toBe(ref(stack, cmk.key.versionlessId));
    expect(ref(stack, cmk.keyVaultKeyId)).toMatch(/\.versionless_id\}$/);
    expect(ref(stack, cmk.storageIdentityId)).toMatch(/^\$\{azurerm_user_assigned_identity\.[^.]+\.id\}$/);
    expect(cmk.keyName).toBe('mlflow-artifacts-cmk');
    expect(cmk.dependables).toEqual([cmk.storageGrant, cmk.storageGrantPropagation]);
    const wiring = cmk.artifactStoreCustomerManagedKey();
    expect(wiring.keyVaultKeyId).toBe(cmk.keyVaultKeyId);
    expect(wiring.userAssignedIdentityId).toBe(cmk.storageIdentityId);
    expect(wiring.dependsOn).toEqual([cmk.storageGrant, cmk.storageGrantPropagation]);
    expect(cmk.storageIdentityIds).toEqual([cmk.storageIdentityId]);
  });

  test('a warning-free default when a way in is given', () => {
    expect(warningsOf(stack)).toEqual([]);
  });
});

describe('CustomerManagedKey with an ArtifactStore', () => {
  const stack = testStack();
  const cmk = new CustomerManagedKey(stack, 'Cmk', base);
  new ArtifactStore(stack, 'Store', {
    resourceGroupName: 'rg',
    location: 'westeurope',
    accountName: 'stmlflowtest01',
    identityIds: cmk.storageIdentityIds,
    customerManagedKey: cmk.artifactStoreCustomerManagedKey(),
  });
  const json = synthJson(stack);
  const account = onlyResource(json, 'azurerm_storage_account');

  test('the account is created with the versionless key and the storage identity', () => {
    expect(account.customer_managed_key).toEqual({
      key_vault_key_id: ref(stack, cmk.key.versionlessId),
      user_assigned_identity_id: ref(stack, cmk.storageIdentity.id),
    });
    expect(account.identity).toEqual({ type: 'UserAssigned', identity_ids: [ref(stack, cmk.storageIdentity.id)] });
  });

  test('the account waits for the storage identity grant and for it to take effect', () => {
    expect(account.depends_on).toEqual([address(stack, cmk.storageGrant.id), address(stack, cmk.storageGrantPropagation!.id)]);
  });
});

describe('CustomerManagedKey options', () => {
  test('RSA-HSM on a new vault makes it premium', () => {
    const { out } = synth({ keyType: CmkKeyType.RSA_HSM, keySize: 4096 });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault' }, { sku_name: 'premium' });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault_key' }, { key_type: 'RSA-HSM', key_size: 4096 });
  });

  test('the storage grant can be scoped to the vault', () => {
    const { stack, cmk, out } = synth({ storageGrantScope: CmkGrantScope.VAULT });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, {
      role_definition_name: 'Key Vault Crypto Service Encryption User',
      scope: ref(stack, cmk.keyVault!.id),
    });
  });

  test('given tenant and deployer: no client config data source', () => {
    const { json, out } = synth({ tenantId: TENANT_ID, deployerObjectId: DEPLOYER_ID, deployerPrincipalType: PrincipalType.SERVICE_PRINCIPAL });
    expect(json.data).toBeUndefined();
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault' }, { tenant_id: TENANT_ID });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, {
      role_definition_name: 'Key Vault Crypto Officer',
      principal_id: DEPLOYER_ID,
      principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: true,
    });
  });

  test('network options: subnets, public access off, bypass off', () => {
    const { out, stack } = synth({
      network: { allowedSubnetIds: [SUBNET_ID], disablePublicNetworkAccess: true, bypassAzureServices: false },
      privateEndpoint: { subnetId: SUBNET_ID, virtualNetworkIds: [VNET_ID] },
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault' }, {
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: [], virtual_network_subnet_ids: [SUBNET_ID] },
    });
    expect(warningsOf(stack).join('\n')).toMatch(/bypassAzureServices = false/);
  });

  test('allowAllNetworks loosens the firewall with a warning', () => {
    const { out, stack } = synth({ network: { allowAllNetworks: true } });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault' }, {
      network_acls: { default_action: 'Allow', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
    });
    expect(warningsOf(stack).join('\n')).toMatch(/allowAllNetworks = true/);
  });

  test('a private endpoint for the vault, which the key waits for', () => {
    const { stack, cmk, json, out } = synth({ privateEndpoint: { subnetId: SUBNET_ID, virtualNetworkIds: [VNET_ID] } });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_private_endpoint' }, {
      name: 'kv-mlflow-test-vault-pe',
      subnet_id: SUBNET_ID,
      private_service_connection: expect.objectContaining({ subresource_names: ['vault'], private_connection_resource_id: ref(stack, cmk.keyVault!.id) }),
    });
    expect(onlyResource(json, 'azurerm_private_dns_zone').name).toBe('privatelink.vaultcore.azure.net');
    const pe = cmk.privateEndpoint!;
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toEqual([
      address(stack, cmk.deployerGrant!.id),
      address(stack, cmk.deployerGrantPropagation!.id),
      address(stack, pe.endpoints.vault.id),
      address(stack, pe.links[0].id),
    ]);
  });

  test('rbacPropagationSeconds sets both waits', () => {
    const { json } = synth({ rbacPropagationSeconds: 300 });
    expect(resourcesOf(json, 'time_sleep').map(([, w]) => w.create_duration)).toEqual(['300s', '300s']);
  });

  test('skipRbacPropagationWait: no time_sleep, no time provider; the key and the account wait for the grants only', () => {
    const stack = testStack();
    const cmk = new CustomerManagedKey(stack, 'Cmk', { ...base, skipRbacPropagationWait: true });
    new ArtifactStore(stack, 'Store', {
      resourceGroupName: 'rg',
      location: 'westeurope',
      accountName: 'stmlflowtest01',
      identityIds: cmk.storageIdentityIds,
      customerManagedKey: cmk.artifactStoreCustomerManagedKey(),
    });
    const json = synthJson(stack);
    expect(resourcesOf(json, 'time_sleep')).toHaveLength(0);
    expect(json.provider?.time).toBeUndefined();
    expect(cmk.deployerGrantPropagation).toBeUndefined();
    expect(cmk.storageGrantPropagation).toBeUndefined();
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toEqual([address(stack, cmk.deployerGrant!.id)]);
    expect(onlyResource(json, 'azurerm_storage_account').depends_on).toEqual([address(stack, cmk.storageGrant.id)]);
  });

  test('an existing vault without the deployer grant: only the storage grant is waited for', () => {
    const { json, cmk } = synth({ keyVaultName: undefined, network: undefined, existingKeyVault: { keyVaultId: VAULT_ID } });
    expect(cmk.deployerGrantPropagation).toBeUndefined();
    expect(resourcesOf(json, 'time_sleep')).toHaveLength(1);
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toBeUndefined();
  });

  test('a time provider declared first is used, none is added', () => {
    const stack = testStack();
    new TimeProvider(stack, 'time');
    new CustomerManagedKey(stack, 'Cmk', base);
    expect(synthJson(stack).provider.time).toEqual([{}]);
    expect(stack.node.tryFindChild(TIME_PROVIDER_ID)).toBeUndefined();
  });

  test('a second default time provider declared after the construct fails the synth, saying which to remove', () => {
    const stack = testStack();
    new CustomerManagedKey(stack, 'Cmk', base);
    new TimeProvider(stack, 'time');
    expect(() => Testing.fullSynth(stack)).toThrow(/another one was declared later at test\/time: Terraform refuses two default configurations/);
  });

  test('a private endpoint with an existing zone', () => {
    const zone = '/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net';
    const { json } = synth({ privateEndpoint: { subnetId: SUBNET_ID, privateDnsZoneId: zone } });
    expect(resourcesOf(json, 'azurerm_private_dns_zone')).toHaveLength(0);
    expect(onlyResource(json, 'azurerm_private_endpoint').private_dns_zone_group.private_dns_zone_ids).toEqual([zone]);
  });

  test('an existing vault: no vault, no deployer grant, no client config', () => {
    const { json, out } = synth({
      keyVaultName: undefined,
      network: undefined,
      existingKeyVault: { keyVaultId: VAULT_ID, purgeProtectionEnabled: true },
    });
    expect(resourcesOf(json, 'azurerm_key_vault')).toHaveLength(0);
    expect(json.data).toBeUndefined();
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault_key' }, { key_vault_id: VAULT_ID });
    expect(onlyResource(json, 'azurerm_key_vault_key').depends_on).toBeUndefined();
    const roles = resourcesOf(json, 'azurerm_role_assignment').map(([, r]) => r.role_definition_name);
    expect(roles).toEqual(['Key Vault Crypto Service Encryption User']);
  });

  test('an existing vault with the deployer grant and a private endpoint named after it', () => {
    const { out, json } = synth({
      keyVaultName: undefined,
      network: undefined,
      existingKeyVault: { keyVaultId: VAULT_ID },
      grantDeployerCryptoOfficer: true,
      privateEndpoint: { subnetId: SUBNET_ID, virtualNetworkIds: [VNET_ID] },
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, { role_definition_name: 'Key Vault Crypto Officer', scope: VAULT_ID });
    expect(onlyResource(json, 'azurerm_private_endpoint').name).toBe('kv-shared-vault-pe');
  });

  test('custom key: name, operations, rotation before expiry with an expiration date', () => {
    const { out, stack } = synth({
      keyName: 'artifacts-key',
      keySize: 2048,
      keyOperations: ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'],
      expirationDate: '2027-01-31T00:00:00Z',
      rotation: { expireAfter: 'P90D', rotateBeforeExpiry: 'P30D', notifyBeforeExpiry: 'P14D' },
      storageIdentityName: 'id-storage',
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_key_vault_key' }, {
      name: 'artifacts-key',
      key_size: 2048,
      key_opts: ['decrypt', 'encrypt', 'sign', 'unwrapKey', 'verify', 'wrapKey'],
      expiration_date: '2027-01-31T00:00:00Z',
      rotation_policy: { expire_after: 'P90D', notify_before_expiry: 'P14D', automatic: { time_before_expiry: 'P30D' } },
    });
    expect(out).toHaveResourceWithProperties({ tfResourceType: 'azurerm_user_assigned_identity' }, { name: 'id-storage' });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('rotation before expiry without an expiration date warns', () => {
    const { stack } = synth({ rotation: { rotateBeforeExpiry: 'P30D' } });
    expect(warningsOf(stack).join('\n')).toMatch(/first key version has no expiration date/);
  });

  test('deletionProtection: false removes prevent_destroy, with a warning', () => {
    const { json, stack } = synth({ deletionProtection: false });
    expect(onlyResource(json, 'azurerm_key_vault').lifecycle).toEqual({ prevent_destroy: false });
    expect(onlyResource(json, 'azurerm_key_vault_key').lifecycle).toEqual({ prevent_destroy: false, ignore_changes: ['expiration_date'] });
    expect(warningsOf(stack).join('\n')).toMatch(/deletionProtection = false/);
  });

  test('a vault nothing can reach warns about the Terraform runner', () => {
    const { stack } = synth({ network: undefined });
    expect(warningsOf(stack).join('\n')).toMatch(/machine running Terraform creates the key through the data plane/);
  });
});

describe('CustomerManagedKey validation', () => {
  const make = (props: Partial<CustomerManagedKeyProps>) => () => new CustomerManagedKey(testStack(), 'Cmk', { ...base, ...props });
  const existing = (e: Partial<NonNullable<CustomerManagedKeyProps['existingKeyVault']>>, more: Partial<CustomerManagedKeyProps> = {}) =>
    make({ keyVaultName: undefined, network: undefined, existingKeyVault: { keyVaultId: VAULT_ID, ...e }, ...more });

  test('an existing vault known to lack purge protection', () => {
    expect(errorOf(existing({ purgeProtectionEnabled: false })))
      .toMatch(/existingKeyVault.purgeProtectionEnabled = false: customer-managed keys for Azure Storage require a vault with purge protection/);
  });

  test('an existing vault known to use access policies', () => {
    expect(errorOf(existing({ rbacAuthorizationEnabled: false }))).toMatch(/existingKeyVault.rbacAuthorizationEnabled = false: the vault must use Azure RBAC/);
  });

  test('an HSM key on an existing standard vault', () => {
    expect(errorOf(existing({ sku: KeyVaultSku.STANDARD }, { keyType: CmkKeyType.RSA_HSM })))
      .toMatch(/keyType = "RSA-HSM": RSA-HSM keys need a premium vault, but existingKeyVault.sku is "standard"/);
  });

  test('an HSM key on an explicitly standard new vault', () => {
    expect(errorOf(make({ keyType: CmkKeyType.RSA_HSM, keyVaultSku: KeyVaultSku.STANDARD })))
      .toMatch(/keyVaultSku = "standard": a standard vault cannot hold RSA-HSM keys/);
  });

  test.each([1024, 512])('key size %d is below 2048', (size) => {
    expect(errorOf(make({ keySize: size }))).toMatch(new RegExp(`keySize = ${size}: is below 2048 bits`));
  });

  test.each([2560, 8192])('key size %d is not an accepted size', (size) => {
    expect(errorOf(make({ keySize: size }))).toMatch(new RegExp(`keySize = ${size}: must be 2048, 3072 or 4096`));
  });

  test('bad durations', () => {
    const msg = errorOf(make({ rotation: { expireAfter: '1 year', notifyBeforeExpiry: 'PT48H', rotateAfterCreation: 'P1D' } }));
    expect(msg).toMatch(/rotation.expireAfter = "1 year": must be an ISO-8601 duration/);
    expect(msg).toMatch(/rotation.notifyBeforeExpiry = "PT48H": must be an ISO-8601 duration/);
    expect(msg).toMatch(/rotation.rotateAfterCreation = "P1D": must be at least 7 days/);
  });

  test('durations out of Key Vault bounds', () => {
    const msg = errorOf(make({ rotation: { expireAfter: 'P20D', notifyBeforeExpiry: 'P3D' } }));
    expect(msg).toMatch(/rotation.expireAfter = "P20D": must be from 28 days \(P28D\) to 100 years/);
    expect(msg).toMatch(/rotation.notifyBeforeExpiry = "P3D": must be at least 7 days/);
  });

  test('a rotation trigger too close to expiry, and two triggers', () => {
    expect(errorOf(make({ rotation: { expireAfter: 'P90D', rotateAfterCreation: 'P3M' } })))
      .toMatch(/rotation.rotateAfterCreation = "P3M": must end at least 7 days before expiry/);
    expect(errorOf(make({ rotation: { rotateAfterCreation: 'P6M', rotateBeforeExpiry: 'P30D' } })))
      .toMatch(/rotation.rotateBeforeExpiry = "P30D": conflicts with rotation.rotateAfterCreation/);
  });

  test('key vault name rules', () => {
    expect(errorOf(make({ keyVaultName: '1kv' }))).toMatch(/keyVaultName = "1kv": must be 3 to 24 characters: start with a letter/);
    expect(errorOf(make({ keyVaultName: 'kv--double' }))).toMatch(/keyVaultName = "kv--double"/);
    expect(errorOf(make({ keyVaultName: 'kv-ends-with-' }))).toMatch(/keyVaultName = "kv-ends-with-"/);
    expect(errorOf(make({ keyVaultName: 'kv-name-that-is-far-too-long' }))).toMatch(/keyVaultName = "kv-name-that-is-far-too-long"/);
  });

  test('neither or both of keyVaultName and existingKeyVault', () => {
    expect(errorOf(make({ keyVaultName: undefined }))).toMatch(/keyVaultName = undefined: is required unless existingKeyVault is given/);
    expect(errorOf(make({ existingKeyVault: { keyVaultId: VAULT_ID } }))).toMatch(/keyVaultName = "kv-mlflow-test": conflicts with existingKeyVault/);
  });

  test('new-vault props with an existing vault', () => {
    const msg = errorOf(existing({}, { keyVaultSku: KeyVaultSku.PREMIUM, softDeleteRetentionDays: 30, tenantId: 't', network: { allowedIpRanges: [] } }));
    for (const prop of ['keyVaultSku', 'softDeleteRetentionDays', 'tenantId', 'network']) {
      expect(msg).toMatch(new RegExp(`${prop} = .*: applies to a new vault only`));
    }
  });

  test('rbacPropagationSeconds: a whole number from 1 to 1800 (0 is not "off")', () => {
    for (const bad of [0, -5, 1801, 2.5]) {
      expect(errorOf(() => synth({ rbacPropagationSeconds: bad }))).toMatch(
        new RegExp(`rbacPropagationSeconds = ${bad}: must be a whole number of seconds from 1 to 1800; to not wait at all, set skipRbacPropagationWait: true`),
      );
    }
    expect(() => synth({ rbacPropagationSeconds: 1 })).not.toThrow();
    expect(() => synth({ rbacPropagationSeconds: 1800 })).not.toThrow();
  });

  test('rbacPropagationSeconds together with skipRbacPropagationWait', () => {
    expect(errorOf(() => synth({ rbacPropagationSeconds: 60, skipRbacPropagationWait: true }))).toMatch(
      /rbacPropagationSeconds = 60: conflicts with skipRbacPropagationWait: true/,
    );
  });

  test('soft delete retention out of 7..90', () => {
    expect(errorOf(make({ softDeleteRetentionDays: 120 }))).toMatch(/softDeleteRetentionDays = 120: must be a whole number from 7 to 90/);
  });

  test('key operations without wrap/unwrap, unknown or repeated', () => {
    expect(errorOf(make({ keyOperations: ['encrypt', 'decrypt'] }))).toMatch(/keyOperations = \["encrypt", "decrypt"\]: must include "wrapKey" and "unwrapKey"/);
    expect(errorOf(make({ keyOperations: ['wrapKey', 'unwrapKey', 'export'] }))).toMatch(/keyOperations\[2\] = "export": must be one of/);
    expect(errorOf(make({ keyOperations: ['wrapKey', 'unwrapKey', 'wrapKey'] }))).toMatch(/must not list an operation twice/);
  });

  test('other names and values', () => {
    const msg = errorOf(make({
      keyName: 'bad_key',
      storageIdentityName: '-id',
      expirationDate: '2027-01-31',
      network: { allowedIpRanges: ['300.1.1.1'], allowAllNetworks: true, disablePublicNetworkAccess: true },
    }));
    expect(msg).toMatch(/keyName = "bad_key": must be 1 to 127 letters, digits and hyphens/);
    expect(msg).toMatch(/storageIdentityName = "-id": must be 3 to 128/);
    expect(msg).toMatch(/expirationDate = "2027-01-31": must be an RFC 3339 UTC date-time/);
    expect(msg).toMatch(/network.allowedIpRanges\[0\] = "300.1.1.1": must be an IPv4 address \(four numbers from 0 to 255/);
    expect(msg).toMatch(/network.allowAllNetworks = true: contradicts network.disablePublicNetworkAccess: true/);
    expect(msg).toMatch(/^CustomerManagedKey at test\/Cmk: 5 invalid props:/);
  });

  test('storageIdentityName follows the shared user-assigned identity rule', () => {
    expect(errorOf(make({ storageIdentityName: 'id' }))).toMatch(/storageIdentityName = "id": must be 3 to 128 letters, digits, hyphens and underscores, starting with a letter or digit/);
    expect(errorOf(make({ storageIdentityName: 'id.mlflow' }))).toMatch(/storageIdentityName = "id.mlflow"/);
    expect(() => make({ storageIdentityName: 'id_mlflow-cmk' })()).not.toThrow();
  });

  test('vault firewall: single addresses with or without /32 and CIDR ranges pass; private ranges do not', () => {
    const ok = ['203.0.113.10', '203.0.113.10/32', '203.0.113.8/31', '198.51.100.0/24'];
    const { json } = synth({ network: { allowedIpRanges: ok } });
    expect(onlyResource(json, 'azurerm_key_vault').network_acls.ip_rules).toEqual(ok);
    const msg = errorOf(make({ network: { allowedIpRanges: ['10.1.2.3', '172.31.0.0/16', '192.168.0.0/15', '203.0.113.1/33'] } }));
    expect(msg).toMatch(/^CustomerManagedKey at test\/Cmk: 4 invalid props:/);
    expect(msg).toMatch(/network.allowedIpRanges\[0\] = "10.1.2.3": must not be or overlap a private range \(10.0.0.0\/8, 172.16.0.0\/12, 192.168.0.0\/16\): the Key Vault firewall takes public addresses only/);
    expect(msg).toMatch(/network.allowedIpRanges\[1\] = "172.31.0.0\/16": must not be or overlap a private range/);
    expect(msg).toMatch(/network.allowedIpRanges\[2\] = "192.168.0.0\/15": must not be or overlap a private range/);
    expect(msg).toMatch(/network.allowedIpRanges\[3\] = "203.0.113.1\/33": must be an IPv4 address/);
  });

  test('private endpoint: zone id with links, unnamed endpoint of a token vault', () => {
    const zone = '/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net';
    expect(errorOf(make({ privateEndpoint: { subnetId: SUBNET_ID, privateDnsZoneId: zone, virtualNetworkIds: [VNET_ID] } })))
      .toMatch(/privateEndpoint.virtualNetworkIds = .*: conflicts with privateEndpoint.privateDnsZoneId/);
    const stack = testStack();
    const other = new CustomerManagedKey(stack, 'Other', base);
    expect(errorOf(() => new CustomerManagedKey(stack, 'Cmk', {
      ...base,
      keyVaultName: undefined,
      network: undefined,
      existingKeyVault: { keyVaultId: other.keyVaultId },
      privateEndpoint: { subnetId: SUBNET_ID },
    }))).toMatch(/privateEndpoint.name = undefined: is required when existingKeyVault.keyVaultId is not a literal id/);
  });

  test('tenant and deployer are GUIDs; vault subnets, resource group, region and tags follow their rules', () => {
    const msg = errorOf(make({
      tenantId: 'contoso.onmicrosoft.com',
      deployerObjectId: 'deployer',
      resourceGroupName: 'rg.',
      location: 'west-europe',
      tags: { 'a<b': 'x' },
      network: { allowedIpRanges: ['203.0.113.10'], allowedSubnetIds: ['aks'] },
    }));
    expect(msg).toMatch(/^CustomerManagedKey at test\/Cmk: 6 invalid props:/);
    expect(msg).toMatch(/tenantId = "contoso.onmicrosoft.com": must be a GUID/);
    expect(msg).toMatch(/deployerObjectId = "deployer": must be a GUID/);
    expect(msg).toMatch(/resourceGroupName = "rg.": must be 1 to 90/);
    expect(msg).toMatch(/location = "west-europe": must be an Azure region/);
    expect(msg).toMatch(/tags\["a<b"\] = "x": the tag name must be/);
    expect(msg).toMatch(/network.allowedSubnetIds\[0\] = "aks": must be a subnet resource id/);
  });

  test('the vault endpoint\'s problems name the privateEndpoint props', () => {
    const msg = errorOf(make({ privateEndpoint: { subnetId: VNET_ID, virtualNetworkIds: [SUBNET_ID] } }));
    expect(msg).toMatch(/^CustomerManagedKey at test\/Cmk: 2 invalid props:/);
    expect(msg).toMatch(/privateEndpoint.subnetId = ".*vnet-aks": must be a subnet resource id/);
    expect(msg).toMatch(/privateEndpoint.virtualNetworkIds\[0\] = ".*subnets\/endpoints": must be a virtual network resource id/);
    expect(errorOf(make({ privateEndpoint: { subnetId: SUBNET_ID, location: 'north_europe' } }))).toMatch(/  - privateEndpoint.location = "north_europe": must be an Azure region/);
  });

  test('an existing vault id that is not a vault', () => {
    expect(errorOf(existing({ keyVaultId: '/subscriptions/s/resourceGroups/rg' }))).toMatch(/existingKeyVault.keyVaultId = .*: must be a key vault resource id/);
  });
});
