import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ElementConfig, isReference, StackModel } from './config';

/**
 * Names that collide: two resources of one type with one name in one scope (a resource group,
 * a parent resource, a Kubernetes namespace, the cluster, the global storage account and key
 * vault namespaces). Terraform plans them happily and Azure or Kubernetes refuses the second
 * halfway through an apply (or helm adopts the other's objects): this fails synth instead,
 * naming both constructs. Registered by every construct of the library that creates named
 * resources; it judges every resource of the stack (hand-written ones too). Internal.
 */

/** Types whose names are global (DNS names), compared across the whole app, case-insensitively. */
const GLOBAL_TYPES = ['azurerm_storage_account', 'azurerm_key_vault'];

/** Where a name must be unique, by the attribute that scopes it (first match wins). */
const SCOPES: [string, string][] = [
  ['parent_id', 'parent'],
  ['target_resource_id', 'target'],
  ['storage_account_id', 'storage account'],
  ['key_vault_id', 'key vault'],
  ['private_dns_zone_name', 'private DNS zone'],
  ['scope', 'scope'],
  ['resource_group_name', 'resource group'],
];

const STACKS = new WeakSet<TerraformStack>();
const APPS = new WeakSet<App>();

/** Check the names of the stack of `scope` (and the global names of its app) when it synthesizes. */
export function checkNamesAtSynth(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (!STACKS.has(stack)) {
    STACKS.add(stack);
    stack.node.addValidation({ validate: () => stackCollisions(stack) });
  }
  const app = stack.node.scopes.find((s): s is App => s instanceof App);
  if (app && !APPS.has(app)) {
    APPS.add(app);
    app.node.addValidation({ validate: () => appCollisions(app) });
  }
}

interface Named {
  readonly element: ElementConfig;
  readonly key: string;
  readonly what: string;
}

function literal(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !isReference(value);
}

/** The key under which the element's name must be unique in its stack, if it has a literal name. */
function stackKey(e: ElementConfig): Named | undefined {
  if (e.kind !== 'resource') return undefined;
  const c = e.config;
  const provider = typeof c.provider === 'string' ? ` (provider ${c.provider})` : '';
  if (e.type.startsWith('kubernetes_')) {
    const meta = Array.isArray(c.metadata) ? c.metadata[0] : c.metadata;
    const name = meta?.name;
    if (!literal(name)) return undefined;
    if (e.type === 'kubernetes_namespace_v1' || e.type === 'kubernetes_namespace') {
      return { element: e, key: `${e.type}|${c.provider ?? ''}|${name}`, what: `namespace "${name}" in the cluster${provider}` };
    }
    const ns = meta?.namespace ?? 'default';
    return { element: e, key: `${e.type}|${c.provider ?? ''}|${ns}|${name}`, what: `${e.type} "${name}" in namespace ${describe(ns)}${provider}` };
  }
  if (e.type === 'helm_release') {
    if (!literal(c.name)) return undefined;
    const ns = c.namespace ?? 'default';
    return { element: e, key: `${e.type}|${c.provider ?? ''}|${ns}|${c.name}`, what: `helm release "${c.name}" in namespace ${describe(ns)}${provider}` };
  }
  if (e.type === 'azuread_application') {
    if (!literal(c.display_name)) return undefined;
    return { element: e, key: `${e.type}|${c.provider ?? ''}|${c.display_name}`, what: `Entra application "${c.display_name}" in the tenant${provider}` };
  }
  if (!e.type.startsWith('azurerm_') || GLOBAL_TYPES.includes(e.type) || !literal(c.name)) return undefined;
  const scope = SCOPES.find(([attr]) => c[attr] !== undefined && c[attr] !== null);
  if (!scope) return undefined;
  const [attr, label] = scope;
  const within = attr === 'private_dns_zone_name' ? `${c.resource_group_name}/${c[attr]}` : c[attr];
  return { element: e, key: `${e.type}|${c.provider ?? ''}|${attr}|${within}|${c.name}`, what: `${e.type} "${c.name}" in ${label} ${describe(c[attr])}${provider}` };
}

function describe(value: unknown): string {
  return isReference(value) ? String(value) : JSON.stringify(value);
}

function report(named: Named[], fix: string): string[] {
  const groups = new Map<string, Named[]>();
  for (const n of named) groups.set(n.key, [...(groups.get(n.key) ?? []), n]);
  const messages: string[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const paths = group.map((n) => n.element.path);
    messages.push(`two resources have one name: ${group[0].what}, created by ${paths.join(' and ')}: ${fix}`);
  }
  return messages;
}

const FIX = 'the second one fails halfway through an apply (or overwrites the first); give each MLflow instance its own namePrefix (or namespace), or rename one';

/** The attributes a name and its scope are read from (see {@link stackKey}). */
const NAME_ATTRIBUTES = ['name', 'metadata', 'namespace', 'display_name', 'provider', ...SCOPES.map(([attr]) => attr)];

/** The storage accounts and key vaults of each stack, read by its validation, for the app's. */
const GLOBAL_NAMES = new WeakMap<TerraformStack, Named[]>();

function readNames(stack: TerraformStack): ElementConfig[] {
  return StackModel.readAttributes(stack, NAME_ATTRIBUTES).elements as ElementConfig[];
}

function globalNames(elements: readonly ElementConfig[]): Named[] {
  const named: Named[] = [];
  for (const e of elements) {
    if (e.kind !== 'resource' || !GLOBAL_TYPES.includes(e.type) || !literal(e.config.name)) continue;
    const name = (e.config.name as string).toLowerCase();
    named.push({ element: e, key: `${e.type}|${name}`, what: `${e.type === 'azurerm_storage_account' ? 'storage account' : 'key vault'} "${name}" (the name is global in Azure)` });
  }
  return named;
}

function stackCollisions(stack: TerraformStack): string[] {
  const elements = readNames(stack);
  GLOBAL_NAMES.set(stack, globalNames(elements));
  return report(elements.map(stackKey).filter((n): n is Named => n !== undefined), FIX);
}

function appCollisions(app: App): string[] {
  const named: Named[] = [];
  for (const stack of app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
    // Read when the stack was validated (synth validates every stack before the app).
    named.push(...(GLOBAL_NAMES.get(stack) ?? globalNames(readNames(stack))));
  }
  return report(named, 'Azure refuses the second account or vault of a name, in any subscription: give each its own name');
}
