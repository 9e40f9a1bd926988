import { App, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ElementConfig, isReference, StackModel } from './config';

/**
 * Names that collide: two resources of one type with one name in one scope (a resource group,
 * a parent resource, a Kubernetes namespace, the cluster, the global storage account and key
 * vault namespaces). Terraform plans them happily and Azure or Kubernetes refuses the second
 * halfway through an apply (or helm adopts the other's objects): this fails synth instead,
 * naming both constructs. Registered by every construct of the library that creates named
 * resources. It judges the resource types the library creates, whoever wrote them (a
 * hand-written identity can take an instance's name), and only those: for them it knows which
 * attribute scopes the name (a subnet, an NSG rule or a DNS record is scoped by a parent given by
 * name, which this check does not model). Internal.
 */

/** Types whose names are global (DNS names), compared across the whole app, case-insensitively. */
const GLOBAL_TYPES = ['azurerm_storage_account', 'azurerm_key_vault'];

/**
 * The azurerm types judged in a stack, each with the attribute that scopes its name (as the
 * library creates them; a hand-written one scoped otherwise is keyed by that attribute all the
 * same, which can only make two names differ).
 */
const AZURERM_SCOPES: { readonly [type: string]: readonly [string, string] } = {
  azurerm_user_assigned_identity: ['resource_group_name', 'resource group'],
  azurerm_federated_identity_credential: ['parent_id', 'identity'],
  azurerm_storage_container: ['storage_account_id', 'storage account'],
  azurerm_key_vault_key: ['key_vault_id', 'key vault'],
  azurerm_private_endpoint: ['resource_group_name', 'resource group'],
  azurerm_private_dns_zone: ['resource_group_name', 'resource group'],
  azurerm_private_dns_zone_virtual_network_link: ['private_dns_zone_name', 'private DNS zone'],
  azurerm_monitor_action_group: ['resource_group_name', 'resource group'],
  azurerm_monitor_metric_alert: ['resource_group_name', 'resource group'],
  azurerm_monitor_diagnostic_setting: ['target_resource_id', 'target'],
  azurerm_log_analytics_workspace: ['resource_group_name', 'resource group'],
  azurerm_management_lock: ['scope', 'scope'],
};

/** The Kubernetes kinds judged (by their namespace and name), with and without the `_v1` suffix. */
const KUBERNETES_TYPES = ['kubernetes_namespace', 'kubernetes_secret', 'kubernetes_network_policy', 'kubernetes_service_account', 'kubernetes_config_map']
  .flatMap((t) => [t, `${t}_v1`]);

/** Every type the check reads. */
const JUDGED_TYPES: ReadonlySet<string> = new Set([...GLOBAL_TYPES, ...Object.keys(AZURERM_SCOPES), ...KUBERNETES_TYPES, 'helm_release']);

/** The attributes each judged type needs unique within its scope, and what a duplicate does. */
const FIX: { readonly [kind: string]: string } = {
  instance: 'the second one fails halfway through an apply (or overwrites the first); give each MLflow instance its own namePrefix (or namespace), or rename one',
  zone: 'a zone name is unique in a resource group: create the zone once (one PrivateEndpoints with createPrivateDnsZones) and give the others privateDnsZoneIds, or put the zones in different resource groups',
};

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
  readonly fix: string;
}

/** A name to compare: a literal, or a reference expression (the same expression is the same name). */
function comparable(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** A literal name (global names are compared case-insensitively, references cannot be). */
function literal(value: unknown): value is string {
  return comparable(value) && !isReference(value);
}

/** The key under which the element's name must be unique in its stack, if it is a judged type with a name. */
function stackKey(e: ElementConfig): Named | undefined {
  if (e.kind !== 'resource') return undefined;
  const c = e.config;
  // count / for_each make one name many resources (or a name per key): not compared.
  if (c.count !== undefined || c.for_each !== undefined) return undefined;
  const provider = typeof c.provider === 'string' ? ` (provider ${c.provider})` : '';
  if (KUBERNETES_TYPES.includes(e.type)) {
    const meta = Array.isArray(c.metadata) ? c.metadata[0] : c.metadata;
    const name = meta?.name;
    if (!comparable(name)) return undefined;
    if (e.type.startsWith('kubernetes_namespace')) {
      return { element: e, key: `namespace|${c.provider ?? ''}|${name}`, what: `namespace ${describe(name)} in the cluster${provider}`, fix: FIX.instance };
    }
    const ns = meta?.namespace ?? 'default';
    return { element: e, key: `${e.type.replace(/_v1$/, '')}|${c.provider ?? ''}|${ns}|${name}`, what: `${e.type} ${describe(name)} in namespace ${describe(ns)}${provider}`, fix: FIX.instance };
  }
  if (e.type === 'helm_release') {
    if (!comparable(c.name)) return undefined;
    const ns = c.namespace ?? 'default';
    return { element: e, key: `${e.type}|${c.provider ?? ''}|${ns}|${c.name}`, what: `helm release ${describe(c.name)} in namespace ${describe(ns)}${provider}`, fix: FIX.instance };
  }
  const scope = AZURERM_SCOPES[e.type];
  if (!scope || !comparable(c.name)) return undefined;
  const [attr, label] = scope;
  if (c[attr] === undefined || c[attr] === null) return undefined;
  const within = attr === 'private_dns_zone_name' ? `${c.resource_group_name}/${c[attr]}` : c[attr];
  return {
    element: e,
    key: `${e.type}|${c.provider ?? ''}|${attr}|${within}|${c.name}`,
    what: `${e.type} ${describe(c.name)} in ${label} ${describe(c[attr])}${provider}`,
    fix: e.type === 'azurerm_private_dns_zone' ? FIX.zone : FIX.instance,
  };
}

function describe(value: unknown): string {
  return isReference(value) ? String(value) : JSON.stringify(value);
}

function report(named: Named[]): string[] {
  const groups = new Map<string, Named[]>();
  for (const n of named) groups.set(n.key, [...(groups.get(n.key) ?? []), n]);
  const messages: string[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const paths = group.map((n) => n.element.path);
    messages.push(`two resources have one name: ${group[0].what}, created by ${paths.join(' and ')}: ${group[0].fix}`);
  }
  return messages;
}


/** The attributes a name and its scope are read from (see {@link stackKey}). */
const NAME_ATTRIBUTES = ['name', 'metadata', 'namespace', 'provider', 'count', 'for_each', ...new Set(Object.values(AZURERM_SCOPES).map(([attr]) => attr)), 'resource_group_name'];

/** The storage accounts and key vaults of each stack, read by its validation, for the app's. */
const GLOBAL_NAMES = new WeakMap<TerraformStack, Named[]>();

function readNames(stack: TerraformStack): ElementConfig[] {
  return StackModel.readAttributes(stack, NAME_ATTRIBUTES, JUDGED_TYPES).elements as ElementConfig[];
}

function globalNames(elements: readonly ElementConfig[]): Named[] {
  const named: Named[] = [];
  for (const e of elements) {
    if (e.kind !== 'resource' || !GLOBAL_TYPES.includes(e.type) || !literal(e.config.name)) continue;
    const name = (e.config.name as string).toLowerCase();
    named.push({
      element: e,
      key: `${e.type}|${name}`,
      what: `${e.type === 'azurerm_storage_account' ? 'storage account' : 'key vault'} "${name}" (the name is global in Azure)`,
      fix: 'Azure refuses the second account or vault of a name, in any subscription: give each its own name',
    });
  }
  return named;
}

function stackCollisions(stack: TerraformStack): string[] {
  const elements = readNames(stack);
  GLOBAL_NAMES.set(stack, globalNames(elements));
  return report(elements.map(stackKey).filter((n): n is Named => n !== undefined));
}

function appCollisions(app: App): string[] {
  const named: Named[] = [];
  for (const stack of app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
    // Read when the stack was validated (synth validates every stack before the app).
    named.push(...(GLOBAL_NAMES.get(stack) ?? globalNames(readNames(stack))));
  }
  return report(named);
}
