import { TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { resolveInStack } from '../core/tokens';

/** What a Terraform element is, as far as the checks care. */
export type ElementKind = 'resource' | 'data' | 'variable';

/** A resource, data source or variable of a stack, read in synthesized (snake_case) form. */
export interface ElementConfig {
  readonly construct: IConstruct;
  readonly kind: ElementKind;
  /** The Terraform type (`azurerm_storage_account`), or `variable`. */
  readonly type: string;
  /** The logical id in the synthesized JSON. */
  readonly logicalId: string;
  /** The Terraform address: `type.id`, `data.type.id` or `var.id`. */
  readonly address: string;
  /** The construct path. */
  readonly path: string;
  /** The resolved configuration, snake_case, without the `//` metadata. References stay `${...}` strings. */
  readonly config: Record<string, any>;
}

/**
 * Every resource, data source and variable of a stack, read the way they synthesize:
 * `element.toTerraform()` resolved in the stack with the public `Tokenization.resolve`
 * (escape-hatch overrides and lifecycle included).
 */
export class StackModel {
  /** Read a stack. */
  public static read(stack: TerraformStack): StackModel {
    const elements: ElementConfig[] = [];
    for (const construct of stack.node.findAll()) {
      if (!TerraformElement.isTerraformElement(construct)) continue;
      const synthesized = resolveInStack(stack, construct.toTerraform()) as Record<string, any> | undefined;
      if (!synthesized || typeof synthesized !== 'object') continue;
      const path = construct.node.path;
      for (const [type, byId] of entries(synthesized.resource)) {
        for (const [logicalId, config] of entries(byId)) {
          elements.push({ construct, kind: 'resource', type, logicalId, address: `${type}.${logicalId}`, path, config: clean(config) });
        }
      }
      for (const [type, byId] of entries(synthesized.data)) {
        for (const [logicalId, config] of entries(byId)) {
          elements.push({ construct, kind: 'data', type, logicalId, address: `data.${type}.${logicalId}`, path, config: clean(config) });
        }
      }
      for (const [logicalId, config] of entries(synthesized.variable)) {
        elements.push({ construct, kind: 'variable', type: 'variable', logicalId, address: `var.${logicalId}`, path, config: clean(config) });
      }
    }
    return new StackModel(elements);
  }

  /**
   * Read only some attributes of every resource (unresolved, then resolved), much cheaper than
   * {@link read}: resolving a whole configuration (helm values, secrets) is most of a synth's
   * cost. Overrides and the provider are included, as in {@link read}. With `types`, only
   * resources of those types are read.
   */
  public static readAttributes(stack: TerraformStack, attributes: readonly string[], types?: ReadonlySet<string>): StackModel {
    const elements: ElementConfig[] = [];
    for (const construct of stack.node.findAll()) {
      if (!TerraformElement.isTerraformElement(construct)) continue;
      // (a resource's type is known without synthesizing it: skip the types not asked for)
      const resourceType = (construct as { terraformResourceType?: unknown }).terraformResourceType;
      if (types && (typeof resourceType !== 'string' || !types.has(resourceType))) continue;
      const raw = construct.toTerraform() as Record<string, any> | undefined;
      const path = construct.node.path;
      for (const [type, byId] of entries(raw?.resource)) {
        for (const [logicalId, config] of entries(byId)) {
          const picked: Record<string, unknown> = {};
          for (const a of attributes) if (config[a] !== undefined) picked[a] = config[a];
          const resolved = resolveInStack(stack, picked) as Record<string, any>;
          elements.push({ construct, kind: 'resource', type, logicalId, address: `${type}.${logicalId}`, path, config: resolved ?? {} });
        }
      }
    }
    return new StackModel(elements);
  }

  private readonly byAddressIndex = new Map<string, ElementConfig>();

  private constructor(public readonly elements: readonly ElementConfig[]) {
    for (const e of elements) this.byAddressIndex.set(e.address, e);
  }

  /** Every resource of a Terraform type (data sources excluded). */
  public resources(type: string): ElementConfig[] {
    return this.elements.filter((e) => e.kind === 'resource' && e.type === type);
  }

  /** The element at a Terraform address, e.g. `azurerm_key_vault.Vault`. */
  public byAddress(address: string): ElementConfig | undefined {
    return this.byAddressIndex.get(address);
  }
}

function entries(value: unknown): [string, any][] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}

function clean(config: unknown): Record<string, any> {
  if (!config || typeof config !== 'object' || Array.isArray(config)) return {};
  const copy: Record<string, any> = { ...(config as Record<string, any>) };
  delete copy['//'];
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Value helpers: synthesized values are plain JSON; references are strings containing `${`.
// ---------------------------------------------------------------------------------------------

/**
 * True when a value is (or contains) a Terraform expression (`${...}`; an escaped `$${` is
 * literal text): it cannot be judged as a literal.
 */
export function isReference(value: unknown): boolean {
  return typeof value === 'string' && /(^|[^$])\$\{/.test(value);
}

/** True when a value is literally true (`true` or `"true"`). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** True when a value is literally false (`false` or `"false"`). */
export function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}

/** A nested block as a list: single blocks synthesize as an object, repeated ones as a list. */
export function blocks(value: unknown): Record<string, any>[] {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === 'object');
  if (value && typeof value === 'object') return [value as Record<string, any>];
  return [];
}

/** A literal, non-empty secret-like value (a string or number that is not a reference). */
export function isLiteralValue(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && value.trim().length > 0 && !isReference(value);
}

/** A map attribute (e.g. `data`) as entries; a whole-map reference yields nothing. */
export function mapEntries(value: unknown): [string, unknown][] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as object) : [];
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/** A pattern matching a reference to an attribute of a resource, e.g. `azurerm_storage_account.X.id`. */
export function refPattern(type: string, logicalId: string, attribute: string): RegExp {
  const id = logicalId.replace(ESCAPE, '\\$&');
  return new RegExp(`(^|[^.\\w])${type}\\.${id}\\.${attribute}(?![\\w])`);
}

/** The logical ids of resources of a type referenced anywhere in a string, e.g. every `azurerm_key_vault.<id>.`. */
export function referencedIds(value: unknown, type: string, attribute?: string): string[] {
  if (typeof value !== 'string') return [];
  const attr = attribute ? `\\.${attribute}(?![\\w])` : '\\.';
  const re = new RegExp(`(?:^|[^.\\w])${type}\\.([A-Za-z0-9_-]+)${attr}`, 'g');
  const ids: string[] = [];
  for (const m of value.matchAll(re)) ids.push(m[1]);
  return ids;
}
