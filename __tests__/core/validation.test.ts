import { TerraformStack, TerraformVariable } from 'cdktf';
import { checkName } from '../../lib/core/names';
import { Problems } from '../../lib/core/validation';
import { errorOf, testApp } from '../util';

function tokenString(): string {
  const stack = new TerraformStack(testApp(), 'test');
  return new TerraformVariable(stack, 'v', { type: 'string' }).stringValue;
}

describe('Problems', () => {
  test('no problem, no error', () => {
    expect(() => new Problems('X').throwIfAny()).not.toThrow();
  });

  test('lists every problem with prop, value and rule', () => {
    const p = new Problems('Thing');
    p.add('a', 'x', 'rule one');
    p.inRange('b', 0, 1, 5);
    p.oneOf('c', 'z', ['x', 'y']);
    expect(errorOf(() => p.throwIfAny())).toBe(
      'Thing: 3 invalid props:\n  - a = "x": rule one\n  - b = 0: must be a whole number from 1 to 5\n  - c = "z": must be one of "x", "y"',
    );
  });

  test('tokens and undefined are not validated as literals', () => {
    const p = new Problems('X');
    p.matches('name', tokenString(), /^a$/, 'rule');
    p.matches('name', undefined, /^a$/, 'rule');
    p.inRange('n', undefined, 1, 2);
    expect(p.count).toBe(0);
  });

  test.each([
    ['a connection string', 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net', 'c2VjcmV0'],
    ['an Event Hubs connection string', 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc123', 'abc123'],
    ['a SAS URL', 'https://st.blob.core.windows.net/c?sv=2022-11-02&sig=abc%2Bdef', 'abc%2Bdef'],
    ['credentials in a URL', 'postgres://mlflow:hunter2@pg:5432/mlflow', 'hunter2'],
    ['a Slack webhook', 'http://hooks.slack.com/services/T0/B0/XYZ123', 'XYZ123'],
    ['a Logic Apps trigger', 'https://prod-01.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?api-version=2016-10-01&sp=x&sv=1.0&sig=s3cr3t', 's3cr3t'],
  ])('%s is never shown, whatever prop it was given to', (_name, value, secret) => {
    const p = new Problems('Test');
    p.add('network.allowedSubnetIds[0]', value, 'must be a subnet resource id');
    const msg = errorOf(() => p.throwIfAny());
    expect(msg).toMatch(/network.allowedSubnetIds\[0\] = "<looks like a secret, not shown>": must be a subnet resource id/);
    expect(msg).not.toContain(secret);
  });

  test('a token construct id is rejected', () => {
    const p = new Problems('X');
    p.literalId('id', tokenString());
    expect(errorOf(() => p.throwIfAny())).toMatch(/id = <token>: must be a literal string/);
  });

  test('fractions are rejected where whole numbers are required; allowed by inRangeReal', () => {
    const p = new Problems('X');
    p.inRange('days', 1.5, 1, 10);
    p.inRangeReal('percent', 99.9, 0, 100);
    expect(p.count).toBe(1);
  });
});

describe('name rules', () => {
  const ok = (kind: Parameters<typeof checkName>[1], name: string) => {
    const p = new Problems('X');
    checkName(p, kind, 'name', name);
    return p.count === 0;
  };

  test.each([
    ['storageAccount', 'abc', true],
    ['storageAccount', 'ab', false],
    ['storageAccount', 'Abc', false],
    ['storageContainer', 'mlflow-artifacts', true],
    ['storageContainer', '-mlflow', false],
    ['keyVault', 'kv-mlflow-01', true],
    ['keyVault', '1kv', false],
    ['keyVault', 'kv--mlflow', false],
    ['keyVault', 'kv-mlflow-', false],
    ['keyVault', 'k'.repeat(25), false],
    ['dnsLabel', 'mlflow', true],
    ['dnsLabel', 'ML', false],
    ['dnsLabel', 'a'.repeat(64), false],
    ['dnsSubdomain', 'mlflow.server', true],
    ['dnsSubdomain', 'mlflow_.server', false],
    ['helmRelease', 'a'.repeat(53), true],
    ['helmRelease', 'a'.repeat(54), false],
  ] as [Parameters<typeof checkName>[1], string, boolean][])('%s %s -> %s', (kind, name, valid) => {
    expect(ok(kind, name)).toBe(valid);
  });
});
