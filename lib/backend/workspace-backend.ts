import { CloudBackend, LocalBackend, NamedCloudWorkspace, TerraformBackend, TerraformStack } from 'cdktf';
import { isLiteral, Problems } from '../core/validation';

/**
 * Options of {@link WorkspaceBackend.configure}. Every option falls back to an environment
 * variable; an option given here wins over the variable. Blank values count as unset.
 *
 * No token is ever taken: authenticate with `terraform login` or a `TF_TOKEN_<host>` variable
 * (e.g. `TF_TOKEN_app_terraform_io`).
 */
export interface WorkspaceBackendOptions {
  /**
   * The HCP Terraform / Terraform Enterprise organization. When set (here or in
   * `TFC_ORGANIZATION`), the stack gets a `cloud` block; otherwise a local backend.
   * An empty string forces the local backend whatever the environment says.
   *
   * @default - `TFC_ORGANIZATION`, else a local backend
   */
  readonly organization?: string;

  /**
   * The prefix of the workspace name: the workspace is `<prefix>-<stack name>`.
   *
   * @default - `TFC_WORKSPACE_PREFIX`, else no prefix (the workspace is the stack name)
   */
  readonly workspacePrefix?: string;

  /**
   * The HCP Terraform project the workspace belongs to (cdktf's `NamedCloudWorkspace` project).
   *
   * @default - `TFC_PROJECT`, else the organization's default project
   */
  readonly project?: string;

  /**
   * The host name of a Terraform Enterprise installation, e.g. `tfe.example.com`.
   *
   * @default - `TFC_HOSTNAME`, else HCP Terraform (`app.terraform.io`)
   */
  readonly hostname?: string;

  /**
   * The environment the `TFC_*` variables are read from (injectable for tests).
   *
   * @default process.env
   */
  readonly env?: { [key: string]: string };
}

/** The environment variables {@link WorkspaceBackend} reads. */
const ENV = {
  organization: 'TFC_ORGANIZATION',
  workspacePrefix: 'TFC_WORKSPACE_PREFIX',
  project: 'TFC_PROJECT',
  hostname: 'TFC_HOSTNAME',
} as const;

const NAME = /^[A-Za-z0-9_-]+$/;
const NAME_RULE = 'must contain only letters, digits, "-" and "_"';
const WORKSPACE_MAX = 90;
const PROJECT = /^[A-Za-z0-9 _-]+$/;
const HOST = /^(?=.{1,253}(:\d{1,5})?$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;

/**
 * The Terraform backend of a stack: an HCP Terraform (or Terraform Enterprise) workspace when
 * an organization is known, a local state file otherwise.
 *
 * - cloud: `terraform { cloud { organization, hostname?, workspaces { name = "<prefix>-<stack>", project? } } }`
 * - local: `terraform { backend "local" { path = "terraform.<stack>.tfstate" } }` (a relative
 *   path, so the synthesized JSON is the same on every machine)
 */
export class WorkspaceBackend {
  /**
   * Give a stack its backend. Call it once per stack, before any other backend.
   *
   * @returns the backend construct (a `CloudBackend` or a `LocalBackend`)
   */
  public static configure(stack: TerraformStack, options: WorkspaceBackendOptions = {}): TerraformBackend {
    const env = options.env ?? (process.env as { [key: string]: string });
    const stackName = stack.node.id;
    const problems = new Problems(`WorkspaceBackend ${stackName}`);

    const existing = stack.node.children.find((c) => TerraformBackend.isBackend(c));
    if (existing) {
      throw new Error(`WorkspaceBackend ${stackName}: the stack already has a backend (${existing.node.path}); configure it once, before any other backend.`);
    }

    const organization = pick(options.organization, env, 'organization');
    if (organization.value === undefined) {
      return new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
    }

    const prefix = pick(options.workspacePrefix, env, 'workspacePrefix');
    const project = pick(options.project, env, 'project');
    const hostname = pick(options.hostname, env, 'hostname');
    const workspace = prefix.value === undefined ? stackName : `${prefix.value}-${stackName}`;

    problems.matches(organization.prop, organization.value, NAME, NAME_RULE);
    if (prefix.value !== undefined) problems.matches(prefix.prop, prefix.value, NAME, NAME_RULE);
    if (isLiteral(workspace)) {
      problems.require(NAME.test(workspace), 'workspace name', workspace, `${NAME_RULE} (from the prefix and the stack name)`);
      problems.require(
        workspace.length <= WORKSPACE_MAX,
        'workspace name',
        workspace,
        `must be at most ${WORKSPACE_MAX} characters (it is ${workspace.length}); shorten the prefix or the stack name`,
      );
    }
    if (project.value !== undefined) {
      problems.matches(project.prop, project.value, PROJECT, 'must contain only letters, digits, spaces, "-" and "_"');
    }
    if (hostname.value !== undefined) {
      problems.matches(
        hostname.prop,
        hostname.value,
        HOST,
        'must be a host name with an optional :port, without scheme or path (e.g. tfe.example.com)',
      );
    }
    problems.throwIfAny();

    return new CloudBackend(stack, {
      organization: organization.value,
      workspaces: new NamedCloudWorkspace(workspace, project.value),
      ...(hostname.value !== undefined ? { hostname: hostname.value } : {}),
    });
  }

  private constructor() {}
}

/** An option or its environment variable, with the name to report it under. Blank counts as unset. */
function pick(option: string | undefined, env: { [key: string]: string | undefined }, key: keyof typeof ENV): { value?: string; prop: string } {
  if (option !== undefined) return { value: blankToUndefined(option), prop: key };
  const variable = ENV[key];
  return { value: blankToUndefined(env[variable]), prop: `${key} (from ${variable})` };
}

function blankToUndefined(value: string | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isLiteral(value)) return value;
  const trimmed = value.trim();
  return trimmed.length === 0 ? undefined : trimmed;
}
