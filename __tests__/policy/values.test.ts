import { isReference, referencedIds } from '../../lib/policy/config';
import { documentLeaves, splitSetName, ValueLeaf } from '../../lib/policy/values';

function flat(leaves: ValueLeaf[]): [string, unknown, boolean][] {
  return leaves.map((l) => [l.path.join('/'), l.value, l.reference]);
}

describe('helm values parsing', () => {
  test('JSON document', () => {
    const doc = JSON.stringify({ a: { b: 'x', c: [{ d: '${var.d}' }] }, n: 3 });
    expect(flat(documentLeaves(doc, 'values[0]'))).toEqual([
      ['a/b', 'x', false],
      ['a/c/d', '${var.d}', true],
      ['n', 3, false],
    ]);
  });

  test('${yamlencode(...)} as cdktf renders it: literals, references, nested maps and lists', () => {
    const doc =
      '${yamlencode({"artifactRoot" = {"azureBlob" = {"accessKey" = azurerm_storage_account.sa.primary_access_key, "container" = "mlflow"}}, "extraPodLabels" = {"azure.workload.identity/use" = "true"}, "list" = ["a", var.b, {"k" = lookup(var.m, "x", "y")}], "n" = 2, "on" = true})}';
    expect(flat(documentLeaves(doc, 'values[0]'))).toEqual([
      ['artifactRoot/azureBlob/accessKey', 'azurerm_storage_account.sa.primary_access_key', true],
      ['artifactRoot/azureBlob/container', 'mlflow', false],
      ['extraPodLabels/azure.workload.identity/use', 'true', false],
      ['list', 'a', false],
      ['list', 'var.b', true],
      ['list/k', 'lookup(var.m, "x", "y")', true],
      ['n', 2, false],
      ['on', true, false],
    ]);
  });

  test('a yamlencode of a variable yields nothing to judge', () => {
    expect(documentLeaves('${yamlencode(var.values)}', 'values[0]')).toEqual([{ path: [], value: 'var.values', reference: true, source: 'values[0]' }]);
  });

  test('block YAML: nesting, list items, quotes, comments, block scalars', () => {
    const doc = [
      '# comment',
      'backendStore:',
      '  postgres:',
      '    password: "p w"   ',
      "    user: 'mlflow'",
      '  existingDatabaseSecret:',
      '    passwordKey: password # the key, not a secret',
      'extraArgs:',
      '  - name: x',
      '    value: ${var.y}',
      'script: |',
      '  echo hi',
      'empty: ""',
    ].join('\n');
    expect(flat(documentLeaves(doc, 'values[0]'))).toEqual([
      ['backendStore/postgres/password', 'p w', false],
      ['backendStore/postgres/user', 'mlflow', false],
      ['backendStore/existingDatabaseSecret/passwordKey', 'password', false],
      ['extraArgs/name', 'x', false],
      ['extraArgs/value', '${var.y}', true],
      ['empty', '', false],
    ]);
  });

  test('helm --set names: escaped dots and list indexes', () => {
    expect(splitSetName('extraPodLabels.azure\\.workload\\.identity/use')).toEqual(['extraPodLabels', 'azure.workload.identity/use']);
    expect(splitSetName('ingress.hosts[0].host')).toEqual(['ingress', 'hosts', 'host']);
  });
});

describe('references', () => {
  test('${...} is a reference, an escaped $${...} is literal text', () => {
    expect(isReference('${var.x}')).toBe(true);
    expect(isReference('prefix-${var.x}')).toBe(true);
    expect(isReference('$${not-a-ref}')).toBe(false);
    expect(isReference('plain')).toBe(false);
  });

  test('referencedIds finds resources, not data sources', () => {
    expect(referencedIds('${azurerm_key_vault.a.id}/x/${azurerm_key_vault.b.id}', 'azurerm_key_vault', 'id')).toEqual(['a', 'b']);
    expect(referencedIds('${data.azurerm_key_vault.a.id}', 'azurerm_key_vault', 'id')).toEqual([]);
    expect(referencedIds('${azurerm_key_vault.a.identity}', 'azurerm_key_vault', 'id')).toEqual([]);
  });
});
