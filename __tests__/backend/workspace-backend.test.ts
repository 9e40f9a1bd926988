import { tmpdir } from 'os';
import { CloudBackend, LocalBackend, TerraformStack } from 'cdktf';
import { WorkspaceBackend, WorkspaceBackendOptions } from '../../lib/backend';
import { errorOf, synthJson, testApp } from '../util';

function configured(options: WorkspaceBackendOptions, stackName = 'mlflow-prod'): { stack: TerraformStack; json: any } {
  const stack = new TerraformStack(testApp(), stackName);
  WorkspaceBackend.configure(stack, options);
  return { stack, json: synthJson(stack) };
}

describe('local backend (no organization)', () => {
  test('a relative, per-stack state path', () => {
    const stack = new TerraformStack(testApp(), 'mlflow-dev');
    const backend = WorkspaceBackend.configure(stack, { env: {} });
    expect(backend).toBeInstanceOf(LocalBackend);
    const json = synthJson(stack);
    expect(json.terraform.backend).toEqual({ local: { path: 'terraform.mlflow-dev.tfstate' } });
    expect(json.terraform.cloud).toBeUndefined();
  });

  test('deterministic: the same JSON from any working directory', () => {
    const first = JSON.stringify(configured({ env: {} }).json.terraform);
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(JSON.stringify(configured({ env: {} }).json.terraform)).toBe(first);
    } finally {
      process.chdir(cwd);
    }
  });

  test('prefix, project and hostname without an organization are ignored', () => {
    const { json } = configured({ env: { TFC_WORKSPACE_PREFIX: 'acme', TFC_PROJECT: 'ml', TFC_HOSTNAME: 'tfe.example.com' } });
    expect(json.terraform.backend.local.path).toBe('terraform.mlflow-prod.tfstate');
  });

  test('blank TFC_ORGANIZATION counts as unset; an empty organization option forces local', () => {
    expect(configured({ env: { TFC_ORGANIZATION: '  ' } }).json.terraform.backend.local).toBeDefined();
    expect(configured({ organization: '', env: { TFC_ORGANIZATION: 'acme' } }).json.terraform.backend.local).toBeDefined();
  });
});

describe('HCP Terraform cloud block', () => {
  test('organization from the environment, workspace = the stack name, no token', () => {
    const stack = new TerraformStack(testApp(), 'mlflow-prod');
    const backend = WorkspaceBackend.configure(stack, { env: { TFC_ORGANIZATION: 'acme' } });
    expect(backend).toBeInstanceOf(CloudBackend);
    const json = synthJson(stack);
    expect(json.terraform.cloud).toEqual({ organization: 'acme', workspaces: { name: 'mlflow-prod' } });
    expect(json.terraform.backend).toBeUndefined();
    expect(JSON.stringify(json)).not.toMatch(/token/i);
  });

  test('prefix, project and hostname from the environment', () => {
    const { json } = configured({
      env: { TFC_ORGANIZATION: 'acme', TFC_WORKSPACE_PREFIX: 'ml-platform', TFC_PROJECT: 'MLflow Prod', TFC_HOSTNAME: 'tfe.example.com' },
    });
    expect(json.terraform.cloud).toEqual({
      organization: 'acme',
      hostname: 'tfe.example.com',
      workspaces: { name: 'ml-platform-mlflow-prod', project: 'MLflow Prod' },
    });
  });

  test('options win over the environment', () => {
    const { json } = configured({
      organization: 'contoso',
      workspacePrefix: 'team_a',
      project: 'ml',
      hostname: 'tfe.contoso.com:8443',
      env: { TFC_ORGANIZATION: 'acme', TFC_WORKSPACE_PREFIX: 'other', TFC_PROJECT: 'other', TFC_HOSTNAME: 'other.example.com' },
    });
    expect(json.terraform.cloud).toEqual({
      organization: 'contoso',
      hostname: 'tfe.contoso.com:8443',
      workspaces: { name: 'team_a-mlflow-prod', project: 'ml' },
    });
  });

  test('reads process.env when no env is given', () => {
    const saved = process.env.TFC_ORGANIZATION;
    process.env.TFC_ORGANIZATION = 'from-process';
    try {
      expect(configured({}).json.terraform.cloud.organization).toBe('from-process');
    } finally {
      if (saved === undefined) delete process.env.TFC_ORGANIZATION;
      else process.env.TFC_ORGANIZATION = saved;
    }
  });
});

describe('validation', () => {
  test('organization with a dot: names the variable, value and rule', () => {
    const message = errorOf(() => configured({ env: { TFC_ORGANIZATION: 'acme.corp' } }));
    expect(message).toBe(
      'WorkspaceBackend mlflow-prod: 1 invalid prop:\n  - organization (from TFC_ORGANIZATION) = "acme.corp": must contain only letters, digits, "-" and "_"',
    );
  });

  test('workspace prefix with a slash', () => {
    const message = errorOf(() => configured({ organization: 'acme', workspacePrefix: 'team/a', env: {} }));
    expect(message).toContain('workspacePrefix = "team/a": must contain only letters, digits, "-" and "_"');
    expect(message).toContain('workspace name = "team/a-mlflow-prod": must contain only letters, digits, "-" and "_" (from the prefix and the stack name)');
  });

  test('workspace name longer than 90 characters', () => {
    const prefix = 'p'.repeat(80);
    const message = errorOf(() => configured({ organization: 'acme', workspacePrefix: prefix, env: {} }));
    expect(message).toContain(`workspace name = "${prefix}-mlflow-prod": must be at most 90 characters (it is 92)`);
  });

  test('a workspace name of exactly 90 characters is accepted', () => {
    const prefix = 'p'.repeat(78); // 78 + 1 + 11 = 90
    expect(configured({ organization: 'acme', workspacePrefix: prefix, env: {} }).json.terraform.cloud.workspaces.name).toHaveLength(90);
  });

  test('hostname with a scheme, project with a slash: every problem in one error', () => {
    const message = errorOf(() =>
      configured({ env: { TFC_ORGANIZATION: 'acme', TFC_HOSTNAME: 'https://tfe.example.com', TFC_PROJECT: 'a/b' } }),
    );
    expect(message).toMatch(/^WorkspaceBackend mlflow-prod: 2 invalid props:/);
    expect(message).toContain('project (from TFC_PROJECT) = "a/b": must contain only letters, digits, spaces, "-" and "_"');
    expect(message).toContain(
      'hostname (from TFC_HOSTNAME) = "https://tfe.example.com": must be a host name with an optional :port, without scheme or path (e.g. tfe.example.com)',
    );
  });

  test('a stack with a backend already is refused', () => {
    const stack = new TerraformStack(testApp(), 'mlflow-prod');
    WorkspaceBackend.configure(stack, { env: {} });
    expect(errorOf(() => WorkspaceBackend.configure(stack, { env: {} }))).toBe(
      'WorkspaceBackend mlflow-prod: the stack already has a backend (mlflow-prod/backend); configure it once, before any other backend.',
    );
  });
});
