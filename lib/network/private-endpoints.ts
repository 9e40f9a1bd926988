import type { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import type { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import type { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ITerraformDependable, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { PrivateLinkSubresource, privateDnsZoneNameFor, SECONDARY_OF, SUBRESOURCE_TARGET_TYPE, ZONE_OF } from './zones';
import { AzureCloud } from '../core/cloud';
import { checkCloud, checkLocation, checkResourceGroupName, checkSubnetId, checkTags, checkVirtualNetworkIds } from '../core/names';
import { azurermModules } from '../core/providers';
import { resolveInStack } from '../core/tokens';
import { isLiteral, Problems } from '../core/validation';
import { checkNamesAtSynth } from '../policy/collisions';
import { constructWarning, MlflowWarningId } from '../policy/warnings';

/**
 * Where private endpoints go and how their DNS resolves (what the pattern passes through).
 */
export interface PrivateEndpointsOptions {
  /**
   * Resource id of the subnet the endpoints' network interfaces are placed in. Required: a
   * private endpoint always lives in a subnet.
   */
  readonly subnetId: string;
  /**
   * Existing private DNS zones, by sub-resource (`{ blob: <zone id>, dfs: <zone id> }`), for
   * hub-and-spoke setups where the zones are managed centrally, or a second stack on a virtual
   * network that an existing `privatelink.*` zone is already linked to. No zone and no link is
   * created; the endpoints register their records in the given zones. Every sub-resource needs
   * one (a `_secondary` one uses its primary's). Cannot be combined with
   * `createPrivateDnsZones: true` or `virtualNetworkIds`.
   * @default - the construct creates the zones
   */
  readonly privateDnsZoneIds?: { [subresource: string]: string };
  /**
   * Create the `privatelink.*` private DNS zones (one per sub-resource) and link them to
   * `virtualNetworkIds`. `false` without `privateDnsZoneIds` creates endpoints without a DNS
   * zone group (DNS is then managed elsewhere, e.g. by Azure Policy): a warning says so.
   * @default true unless privateDnsZoneIds is given
   */
  readonly createPrivateDnsZones?: boolean;
  /**
   * Virtual networks the created zones are linked to (auto-registration off), typically the AKS
   * virtual network and the network the Terraform runner is in.
   *
   * A virtual network can be linked to only one private DNS zone of a name: when one is already
   * linked to a `privatelink.blob.*` zone (a hub DNS zone, another stack), the link fails with a
   * `Conflict` at apply. Give that zone in `privateDnsZoneIds` instead. Within one app, a
   * second link of the same zone name to the same network fails at synth.
   * @default []
   */
  readonly virtualNetworkIds?: string[];
  /**
   * Resource group of the created private DNS zones. A zone name is unique within a resource
   * group: two `PrivateEndpoints` creating the same zone in one group collide; pass the first's
   * `privateDnsZoneIds` to the second instead.
   * @default resourceGroupName
   */
  readonly privateDnsZoneResourceGroupName?: string;
  /**
   * Also connect the read-access secondary: a `blob_secondary` endpoint next to `blob` (and
   * `dfs_secondary` next to `dfs`), so that `<account>-secondary.blob.<suffix>` resolves to a
   * private IP. Only for a storage account with RA-GRS or RA-GZRS replication (Azure refuses
   * the endpoint otherwise). Without it, an account whose public access is off cannot serve
   * reads from the secondary at all: prefer GRS/GZRS then (same durability, no read access to
   * pay for). The records go into the same `privatelink.blob.*` (`privatelink.dfs.*`) zone.
   * @default false
   */
  readonly readAccessSecondary?: boolean;
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Props of {@link PrivateEndpoints}.
 */
export interface PrivateEndpointsProps extends PrivateEndpointsOptions {
  /** Resource group of the private endpoints. */
  readonly resourceGroupName: string;
  /** Azure region of the private endpoints: the region of the subnet's virtual network. */
  readonly location: string;
  /**
   * Base name of the endpoints: each one is named `<name>-<subresource>-pe` (for example the
   * storage account or key vault name). 1 to 52 letters, digits, `_`, `.` and `-`, starting with
   * a letter or digit and ending with a letter, digit or `_`.
   */
  readonly name: string;
  /** Resource id of the storage account or key vault the endpoints connect to. */
  readonly targetResourceId: string;
  /**
   * The sub-resources to connect, one endpoint each: `blob` (plus `dfs` when hierarchical
   * namespace is on, see {@link PrivateEndpoints.storageSubresources}) for a storage account,
   * `vault` for a key vault.
   */
  readonly subresources: PrivateLinkSubresource[];
  /**
   * The Azure cloud, which decides the `privatelink.*` zone names.
   * @default AzureCloud.PUBLIC
   */
  readonly cloud?: AzureCloud;
}

/**
 * Private endpoints for one storage account or key vault, one per sub-resource, each with a
 * private DNS zone group so that `<name>.blob.core.windows.net` resolves to the private IP
 * inside the linked virtual networks.
 *
 * Endpoints alone do not close the public endpoint: set the storage account's
 * `network.disablePublicNetworkAccess: true` (the pattern does it when it creates endpoints)
 * and the key vault's `disablePublicNetworkAccess`. With `shared_access_key_enabled = false`
 * the azurerm provider must be configured with `storage_use_azuread = true`, and the
 * machine running Terraform must reach the data plane (through these endpoints, an allowed
 * IP or an allowed subnet) for containers, queues and keys.
 */
export class PrivateEndpoints extends Construct {
  /**
   * The sub-resources a storage account needs: `blob`, plus `dfs` with hierarchical namespace;
   * with `readAccessSecondary` also their `_secondary` endpoints (RA-GRS / RA-GZRS only).
   */
  public static storageSubresources(hierarchicalNamespace: boolean, readAccessSecondary: boolean = false): PrivateLinkSubresource[] {
    const primary = hierarchicalNamespace
      ? [PrivateLinkSubresource.BLOB, PrivateLinkSubresource.DFS]
      : [PrivateLinkSubresource.BLOB];
    return readAccessSecondary ? withSecondaries(primary) : primary;
  }

  /**
   * The `privatelink.*` private DNS zone name of a sub-resource, e.g.
   * `privatelink.blob.core.windows.net`.
   */
  public static privateDnsZoneName(subresource: PrivateLinkSubresource, cloud: AzureCloud = AzureCloud.PUBLIC): string {
    return privateDnsZoneNameFor(subresource, cloud);
  }

  /** The private endpoints, by sub-resource. */
  public readonly endpoints: { [subresource: string]: PrivateEndpoint };
  /** Private endpoint resource ids, by sub-resource. */
  public readonly privateEndpointIds: { [subresource: string]: string };
  /** Private IP addresses of the endpoints, by sub-resource. */
  public readonly privateIpAddresses: { [subresource: string]: string };
  /** The private DNS zone ids used (created or given), by sub-resource; empty without DNS zone groups. */
  public readonly privateDnsZoneIds: { [subresource: string]: string };
  /** The zones this construct created. */
  public readonly zones: PrivateDnsZone[];
  /** The virtual network links this construct created. */
  public readonly links: PrivateDnsZoneVirtualNetworkLink[];
  /** What must exist before anything reaches the target privately: the endpoints and links. */
  public readonly dependables: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PrivateEndpointsProps) {
    super(scope, id);
    const create = props.createPrivateDnsZones ?? props.privateDnsZoneIds === undefined;
    const subresources = props.readAccessSecondary === true ? withSecondaries(props.subresources ?? []) : (props.subresources ?? []);
    const created = plannedLinks(this, props, create, subresources);
    const registry = stackRegistry(this);
    validatePrivateEndpointsProps(this, props, create, subresources, created, registry);
    for (const c of created) registry.set(c.key, this.node.path);
    checkNamesAtSynth(this);
    const cloud = props.cloud ?? AzureCloud.PUBLIC;
    const tags = props.tags ?? {};
    const vnets = props.virtualNetworkIds ?? [];

    if (!create && props.privateDnsZoneIds === undefined) {
      constructWarning(this, MlflowWarningId.PRIVATE_ENDPOINT_WITHOUT_DNS,
        'createPrivateDnsZones = false without privateDnsZoneIds: the private endpoints get no DNS zone group, so names resolve to the public IP unless DNS is managed elsewhere (e.g. Azure Policy).',
      );
    }
    if (create && vnets.length === 0) {
      constructWarning(this, MlflowWarningId.DNS_ZONES_NOT_LINKED,
        'virtualNetworkIds is empty: the created private DNS zones are linked to no virtual network, so nothing resolves the private IPs until you link them. If your virtual networks resolve privatelink zones from a hub (or another stack), give that zone in privateDnsZoneIds instead of creating one: a virtual network can be linked to only one zone of a name.',
      );
    }

    this.endpoints = {};
    this.privateEndpointIds = {};
    this.privateIpAddresses = {};
    this.privateDnsZoneIds = {};
    this.zones = [];
    this.links = [];

    // One zone per zone name: a secondary endpoint registers in its primary's zone (one zone of
    // a name can be linked to a virtual network, and a zone name is unique in a resource group).
    const createdZones = new Map<PrivateLinkSubresource, string>();
    for (const sub of subresources) {
      const suffix = idSuffix(sub);
      const zoneKey = ZONE_OF[sub];
      let zoneId: string | undefined = props.privateDnsZoneIds?.[sub] ?? props.privateDnsZoneIds?.[zoneKey];
      if (create) {
        zoneId = createdZones.get(zoneKey);
        if (zoneId === undefined) {
          const zoneSuffix = idSuffix(zoneKey);
          const zone = new azurermModules.privateDnsZone.PrivateDnsZone(this, `Zone${zoneSuffix}`, {
            name: privateDnsZoneNameFor(sub, cloud),
            resourceGroupName: props.privateDnsZoneResourceGroupName ?? props.resourceGroupName,
            tags,
          });
          this.zones.push(zone);
          zoneId = zone.id;
          createdZones.set(zoneKey, zone.id);
          vnets.forEach((vnetId, i) => {
            this.links.push(new azurermModules.privateDnsZoneVirtualNetworkLink.PrivateDnsZoneVirtualNetworkLink(this, `Link${zoneSuffix}${i}`, {
              name: `${linkName(vnetId, i)}-link`,
              resourceGroupName: zone.resourceGroupName,
              privateDnsZoneName: zone.name,
              virtualNetworkId: vnetId,
              registrationEnabled: false,
              tags,
            }));
          });
        }
      }
      const endpoint = new azurermModules.privateEndpoint.PrivateEndpoint(this, `Endpoint${suffix}`, {
        name: `${props.name}-${sub}-pe`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: props.subnetId,
        privateServiceConnection: {
          name: `${props.name}-${sub}-psc`,
          privateConnectionResourceId: props.targetResourceId,
          subresourceNames: [sub],
          isManualConnection: false,
        },
        privateDnsZoneGroup: zoneId !== undefined ? { name: 'default', privateDnsZoneIds: [zoneId] } : undefined,
        tags,
      });
      this.endpoints[sub] = endpoint;
      this.privateEndpointIds[sub] = endpoint.id;
      this.privateIpAddresses[sub] = endpoint.privateServiceConnection.privateIpAddress;
      if (zoneId !== undefined) this.privateDnsZoneIds[sub] = zoneId;
    }
    this.dependables = [...Object.values(this.endpoints), ...this.links];
  }
}

/** `blob` -> `Blob`, `blob_secondary` -> `BlobSecondary` (construct ids). */
function idSuffix(sub: PrivateLinkSubresource): string {
  return sub.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** The sub-resources with the read-access secondary of each storage one added after it (no duplicates). */
function withSecondaries(subs: readonly PrivateLinkSubresource[]): PrivateLinkSubresource[] {
  const out: PrivateLinkSubresource[] = [];
  for (const sub of subs) {
    if (!out.includes(sub)) out.push(sub);
    const secondary = SECONDARY_OF[sub];
    if (secondary !== undefined && !out.includes(secondary)) out.push(secondary);
  }
  return out;
}

/** The longest name an endpoint base name may have with these sub-resources (`<name>-<sub>-pe` <= 64). */
function maxNameLength(subs: readonly PrivateLinkSubresource[]): number {
  return Math.min(52, ...subs.map((s) => 64 - `-${s}-pe`.length));
}

/** The virtual network's own name when the id is a literal, else its position. */
function linkName(vnetId: string, index: number): string {
  if (isLiteral(vnetId)) {
    const m = /\/virtualNetworks\/([^/]+)\/?$/i.exec(vnetId);
    if (m) return m[1];
  }
  return `vnet${index}`;
}

/** A virtual network link this construct is about to create, keyed for the per-app registry. */
interface PlannedLink {
  readonly key: string;
  readonly prop: string;
  readonly value: string;
  readonly zoneName: string;
}

/**
 * Virtual network links created by `PrivateEndpoints` constructs, per app (stacks of one app often
 * share a virtual network): key -> construct path.
 */
const REGISTRY = new WeakMap<IConstruct, Map<string, string>>();

function stackRegistry(scope: Construct): Map<string, string> {
  const root = scope.node.root;
  let registry = REGISTRY.get(root);
  if (!registry) REGISTRY.set(root, (registry = new Map()));
  return registry;
}

/**
 * The virtual network links (by zone name and virtual network) this construct creates, tokens
 * compared by the reference they resolve to.
 */
function plannedLinks(scope: Construct, props: PrivateEndpointsProps, create: boolean, subs: PrivateLinkSubresource[]): PlannedLink[] {
  const cloud = props.cloud ?? AzureCloud.PUBLIC;
  // (an unknown cloud or a list token is reported by the validation)
  if (!create || !(Object.values(AzureCloud) as string[]).includes(cloud) || !isLiteral(props.virtualNetworkIds)) return [];
  // literal ids (virtual network ids are full ARM ids) compare across the app's stacks; a
  // reference only within its own stack
  const key = (value: unknown) => (typeof value === 'string' && !Token.isUnresolved(value)
    ? value.toLowerCase()
    : `${TerraformStack.of(scope).node.path}:${JSON.stringify(resolveInStack(scope, value))}`);
  const zoneNames = [...new Set(subs.filter((s) => ZONE_OF[s] !== undefined).map((s) => privateDnsZoneNameFor(s, cloud)))];
  const planned: PlannedLink[] = [];
  for (const zoneName of zoneNames) {
    // Two zones of a name in one resource group are judged at synth by the name collision check
    // (which sees the provider: a resource group name is unique in a subscription only). A link
    // is judged here: a virtual network id is a full ARM id, unique in every subscription.
    (props.virtualNetworkIds ?? []).forEach((vnet, i) => {
      planned.push({ key: `link|${zoneName}|${key(vnet)}`, prop: `virtualNetworkIds[${i}]`, value: vnet, zoneName });
    });
  }
  return planned;
}

function validatePrivateEndpointsProps(
  scope: Construct,
  props: PrivateEndpointsProps,
  create: boolean,
  expanded: PrivateLinkSubresource[],
  planned: PlannedLink[],
  registry: Map<string, string>,
): void {
  const p = new Problems(`PrivateEndpoints at ${scope.node.path}`, scope);
  p.matches(
    'name',
    props.name,
    /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,50}[A-Za-z0-9_])?$/,
    'must be 1 to 52 letters, digits, "_", "." and "-", starting with a letter or digit and ending with a letter, digit or "_" (endpoint names add "-<subresource>-pe", at most 64 characters)',
  );
  const maxName = maxNameLength(expanded);
  if (isLiteral(props.name) && props.name.length <= 52 && props.name.length > maxName) {
    p.add('name', props.name, `must be at most ${maxName} characters with these sub-resources: endpoint names add "-<subresource>-pe" (e.g. "-blob_secondary-pe") and are at most 64 characters`);
  }
  if (props.subnetId === undefined || props.subnetId === null || (isLiteral(props.subnetId) && props.subnetId.trim() === '')) {
    p.add('subnetId', props.subnetId, 'is required: a private endpoint is always placed in a subnet');
  } else {
    checkSubnetId(p, 'subnetId', props.subnetId);
  }
  checkResourceGroupName(p, 'resourceGroupName', props.resourceGroupName);
  checkLocation(p, 'location', props.location);
  checkCloud(p, 'cloud', props.cloud);
  checkTags(p, 'tags', props.tags);
  if (props.virtualNetworkIds !== undefined && !isLiteral(props.virtualNetworkIds)) {
    p.add('virtualNetworkIds', props.virtualNetworkIds, 'must be a literal list (its items may be references): one link is created per virtual network');
  }
  checkVirtualNetworkIds(p, 'virtualNetworkIds', props.virtualNetworkIds);
  const subs = props.subresources ?? [];
  p.require(subs.length > 0, 'subresources', subs, 'must list at least one sub-resource');
  const allowed = Object.values(PrivateLinkSubresource) as string[];
  subs.forEach((s, i) => p.oneOf<string>(`subresources[${i}]`, s, allowed));
  p.require(new Set(subs).size === subs.length, 'subresources', subs, 'must not list a sub-resource twice');
  if (props.readAccessSecondary === true && !subs.some((s) => SECONDARY_OF[s] !== undefined)) {
    p.add('readAccessSecondary', true, `needs a blob or dfs sub-resource in subresources (${JSON.stringify(subs)}): the read-access secondary endpoints are blob_secondary and dfs_secondary`);
  }

  if (isLiteral(props.targetResourceId)) {
    const target = props.targetResourceId.toLowerCase();
    subs.forEach((s, i) => {
      const type = SUBRESOURCE_TARGET_TYPE[s];
      if (type !== undefined && !target.includes(`/providers/${type.toLowerCase()}/`)) {
        p.add(`subresources[${i}]`, s, `belongs to a ${type} resource, but targetResourceId is ${JSON.stringify(props.targetResourceId)}`);
      }
    });
  }

  const zoneIds = props.privateDnsZoneIds;
  const vnets = props.virtualNetworkIds ?? [];
  if (zoneIds !== undefined) {
    if (props.createPrivateDnsZones === true) {
      p.add('createPrivateDnsZones', true, 'conflicts with privateDnsZoneIds: either the construct creates the zones or you give existing ones');
    }
    if (vnets.length > 0) {
      p.add('virtualNetworkIds', vnets, 'conflicts with privateDnsZoneIds: links are created only for zones this construct creates; link existing zones where they are managed');
    }
    const cloud = props.cloud ?? AzureCloud.PUBLIC;
    for (const s of expanded) {
      // a secondary endpoint registers in its primary's zone unless given its own
      const zid = zoneIds[s] ?? zoneIds[ZONE_OF[s]];
      if (zid === undefined && ZONE_OF[s] !== s && expanded.includes(ZONE_OF[s])) continue; // reported for the primary
      if (zid === undefined) {
        p.add(`privateDnsZoneIds.${s}`, undefined, `is missing: every sub-resource needs a zone (${privateDnsZoneNameFor(s, cloud)})`);
      } else if (isLiteral(zid)) {
        const expected = privateDnsZoneNameFor(s, cloud);
        const m = /\/privateDnsZones\/([^/]+)\/?$/i.exec(zid);
        p.require(
          m !== null && m[1].toLowerCase() === expected,
          `privateDnsZoneIds.${s}`,
          zid,
          `must be the id of the private DNS zone ${expected}`,
        );
      }
    }
    for (const key of Object.keys(zoneIds)) {
      if (!(expanded as string[]).includes(key)) {
        p.add(`privateDnsZoneIds.${key}`, zoneIds[key], `has no matching entry in subresources (${JSON.stringify(expanded)})`);
      }
    }
  } else if (!create && vnets.length > 0) {
    p.add('virtualNetworkIds', vnets, 'needs createPrivateDnsZones: true (links are made for created zones only)');
  }
  checkLinks(p, planned, registry);
  p.throwIfAny();
}

/**
 * A virtual network can be linked to only one private DNS zone of a name: what another
 * `PrivateEndpoints` of the app (or this one, through a repeated virtual network) already links
 * fails at apply. Name the fix here. (Two zones of one name in one resource group are judged at
 * synth, by the name collision check, which sees the provider of each.)
 */
function checkLinks(p: Problems, planned: PlannedLink[], registry: Map<string, string>): void {
  const seen = new Set<string>();
  const fix = 'give this construct that zone\'s id in privateDnsZoneIds (CustomerManagedKey: privateEndpoint.privateDnsZoneId) and no virtualNetworkIds: its endpoints then register in the existing zone';
  for (const c of planned) {
    if (seen.has(c.key)) {
      p.add(c.prop, c.value, `is listed twice: a virtual network can be linked to only one zone ${c.zoneName}`);
      continue;
    }
    seen.add(c.key);
    const other = registry.get(c.key);
    if (other === undefined) continue;
    p.add(c.prop, c.value, `is already linked to a private DNS zone ${c.zoneName} by ${other}: a virtual network can be linked to only one zone of a name (Azure answers Conflict); ${fix}`);
  }
}
