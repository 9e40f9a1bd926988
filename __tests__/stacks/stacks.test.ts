import { Testing } from 'cdktf';
import { buildExampleStacks } from '../../stacks/app';
import { onlyResource } from '../util';

function synthAll(): Map<string, string> {
  const stacks = buildExampleStacks(Testing.app());
  return new Map(stacks.map((s) => [s.node.id, Testing.synth(s)]));
}

const synthesized = synthAll();

describe('example stacks', () => {
  test.each([...synthesized.keys()])('%s matches its snapshot', (name) => {
    expect(synthesized.get(name)).toMatchSnapshot();
  });

  test.each([...synthesized.keys()])('%s synthesises deterministically', (name) => {
    expect(synthAll().get(name)).toEqual(synthesized.get(name));
  });

  test.each([...synthesized.keys()])('%s uses a local backend with a relative state path', (name) => {
    const json = JSON.parse(synthesized.get(name)!);
    expect(json.terraform.backend).toEqual({ local: { path: `terraform.${name}.tfstate` } });
  });

  test.each([...synthesized.keys()])('%s emits the artifact store secure values explicitly', (name) => {
    const json = JSON.parse(synthesized.get(name)!);
    const account = onlyResource(json, 'azurerm_storage_account');
    expect(account).toMatchObject({
      min_tls_version: 'TLS1_2',
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      cross_tenant_replication_enabled: false,
      infrastructure_encryption_enabled: true,
    });
    expect(typeof account.shared_access_key_enabled).toBe('boolean');
    expect(account.blob_properties.versioning_enabled).toBe(true);
    expect(account.blob_properties.delete_retention_policy.days).toBeGreaterThanOrEqual(7);
    expect(account.blob_properties.container_delete_retention_policy.days).toBeGreaterThanOrEqual(7);
    expect(onlyResource(json, 'azurerm_storage_container').container_access_type).toBe('private');
  });
});
