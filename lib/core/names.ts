import { AzureCloud } from './cloud';
import { isLiteral, Problems } from './validation';

/**
 * Azure and Kubernetes naming rules, each as a pattern and the rule text used in errors.
 */
export const NAME_RULES = {
  storageAccount: {
    pattern: /^[a-z0-9]{3,24}$/,
    rule: 'must be 3 to 24 lowercase letters and digits (storage account names are global)',
  },
  storageContainer: {
    pattern: /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/,
    rule: 'must be 3 to 63 lowercase letters, digits and single inner hyphens, starting and ending with a letter or digit',
  },
  keyVault: {
    pattern: /^(?=.{3,24}$)[A-Za-z](-?[A-Za-z0-9])*$/,
    rule: 'must be 3 to 24 characters: start with a letter, then letters, digits and single hyphens, end with a letter or digit (key vault names are global)',
  },
  dnsLabel: {
    pattern: /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    rule: 'must be a DNS-1123 label: at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  },
  dnsSubdomain: {
    pattern: /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    rule: 'must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, hyphens and dots, each part starting and ending with a letter or digit',
  },
  helmRelease: {
    pattern: /^(?=.{1,53}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    rule: 'must be at most 53 lowercase letters, digits and hyphens, starting and ending with a letter or digit',
  },
  guid: {
    pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    rule: 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
  },
  userAssignedIdentity: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/,
    rule: 'must be 3 to 128 letters, digits, hyphens and underscores, starting with a letter or digit',
  },
  resourceGroup: {
    // ARM's pattern with .NET's \w: Unicode letters and digits, "_", "-", ".", "(", ")"
    pattern: /^(?=.{1,90}$)[-_.()\p{L}\p{N}]*[-_()\p{L}\p{N}]$/u,
    rule: 'must be 1 to 90 letters, digits, underscores, hyphens, periods and parentheses, not ending with a period',
  },
  location: {
    // the azurerm provider normalizes a display name ("West Europe") to the name ("westeurope")
    pattern: /^(?=.{3,40}$)[A-Za-z][A-Za-z0-9]*( [A-Za-z0-9]+)*$/,
    rule: 'must be an Azure region: its name (westeurope, eastus2) or its display name (West Europe), letters and digits with single spaces',
  },
} as const;

export type NameKind = keyof typeof NAME_RULES;

/**
 * Check a name against its rule, unless unset or a token.
 */
export function checkName(problems: Problems, kind: NameKind, prop: string, value: string | undefined): void {
  const { pattern, rule } = NAME_RULES[kind];
  problems.matches(prop, value, pattern, rule);
}

/**
 * Check a path prefix inside a blob container (no leading or trailing "/", no "..", no URL
 * metacharacters, at most 512 characters), unless unset or a token.
 */
export function checkArtifactPath(problems: Problems, prop: string, path: string | undefined): void {
  if (!isLiteral(path)) return;
  problems.require(!path.startsWith('/'), prop, path, 'must not start with "/" (it is a path inside the container)');
  problems.require(!path.split('/').includes('..'), prop, path, 'must not contain ".." segments');
  problems.require(!path.endsWith('/'), prop, path, 'must not end with "/"');
  problems.require(!/[\\?#%]/.test(path), prop, path, 'must not contain "\\", "?", "#" or "%"');
  problems.require(path.length <= 512, prop, path, 'must be at most 512 characters');
}

/** Check a resource group name, unless unset or a token. */
export function checkResourceGroupName(problems: Problems, prop: string, value: string | undefined): void {
  checkName(problems, 'resourceGroup', prop, value);
}

/** Check an Azure region name, unless unset or a token. */
export function checkLocation(problems: Problems, prop: string, value: string | undefined): void {
  checkName(problems, 'location', prop, value);
}

/**
 * Check Azure resource tags (unless tokens): at most 50, names 1 to 512 characters without
 * `<`, `>`, `%`, `&`, `\\`, `?` or `/`, values at most 256 characters.
 */
export function checkTags(problems: Problems, prop: string, tags: { [key: string]: string } | undefined): void {
  if (tags !== undefined && !isLiteral(tags)) {
    problems.add(prop, tags, 'must be a literal map (its values may be references): the constructs merge it with their own tags, which a map variable does not allow at synth');
    return;
  }
  if (!isLiteral(tags)) return;
  const entries = Object.entries(tags);
  problems.require(entries.length <= 50, prop, `{${entries.length} tags}`, 'must have at most 50 tags');
  for (const [key, value] of entries) {
    if (!isLiteral(key)) continue;
    if (key.length === 0 || key.length > 512 || /[<>%&\\?/]/.test(key)) {
      problems.add(`${prop}["${key}"]`, value, 'the tag name must be 1 to 512 characters without <, >, %, &, \\, ? or /');
    }
    if (isLiteral(value) && value.length > 256) problems.add(`${prop}["${key}"]`, `${value.slice(0, 20)}...`, 'the tag value must be at most 256 characters');
  }
}

/**
 * An image repository as Kubernetes pulls it: `[registry[:port]/]path`, lowercase, without a
 * tag or digest (those are separate props). The registry is the first part when it has a dot
 * or a port (or is `localhost`).
 */
const IMAGE_REPOSITORY = {
  pattern: /^((?:[a-z0-9]([a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
  rule: 'must be an image repository such as myregistry.azurecr.io/mlflow-azure: lowercase, no tag (":3.15.1") and no digest ("@sha256:...") in it (give them as tag and digest)',
} as const;

/** Check an image repository (see {@link IMAGE_REPOSITORY}), unless unset or a token. */
export function checkImageRepository(problems: Problems, prop: string, value: string | undefined): void {
  if (!isLiteral(value)) return;
  const { pattern, rule } = IMAGE_REPOSITORY;
  // A registry host (the first part, when it has a dot or a port) may have capitals; the path not.
  const slash = value.indexOf('/');
  const first = slash > 0 ? value.slice(0, slash) : '';
  const normalized = /[.:]/.test(first) ? first.toLowerCase() + value.slice(slash) : value;
  let ok = pattern.test(normalized);
  // A colon is only a registry port: "repo:3.15.1" (no slash after the colon) is a tag.
  const colon = value.indexOf(':');
  if (ok && colon >= 0) {
    const firstSlash = value.indexOf('/');
    ok = firstSlash > colon && /^\d{1,5}$/.test(value.slice(colon + 1, firstSlash));
  }
  if (!ok) problems.add(prop, value, rule);
}

const SUBNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;
const VNET_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i;

/** Check a subnet resource id, unless unset or a token. */
export function checkSubnetId(problems: Problems, prop: string, id: string | undefined): void {
  problems.matches(prop, id, SUBNET_ID, 'must be a subnet resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>');
}

/** Check a list of subnet resource ids (entries that are tokens are skipped). */
export function checkSubnetIds(problems: Problems, prop: string, ids: readonly string[] | undefined): void {
  if (!isLiteral(ids)) return;
  ids.forEach((id, i) => checkSubnetId(problems, `${prop}[${i}]`, id));
}

/** Check a list of virtual network resource ids (entries that are tokens are skipped). */
export function checkVirtualNetworkIds(problems: Problems, prop: string, ids: readonly string[] | undefined): void {
  if (!isLiteral(ids)) return;
  ids.forEach((id, i) => problems.matches(`${prop}[${i}]`, id, VNET_ID, 'must be a virtual network resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<vnet>'));
}

/** A host name or an IP address (a database server, a proxy). */
const HOST = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(\.\d{1,3}){3}$/;

/** Check a host name or IPv4 address, unless unset or a token. */
export function checkHost(problems: Problems, prop: string, value: string | undefined): void {
  problems.matches(prop, value, HOST, 'must be a host name (letters, digits and hyphens in dot-separated labels) or an IPv4 address, without scheme, port or path');
}

/** A PostgreSQL database name, as this library writes it into connection URLs. */
export const POSTGRES_DATABASE = {
  pattern: /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/,
  rule: 'must be a PostgreSQL database name (at most 63 letters, digits, "_", "$" and "-", not starting with a digit)',
} as const;

/** Check a custom blob endpoint (Azure Stack, a proxy): an https:// URL of a host, unless unset or a token. */
export function checkCustomBlobEndpoint(problems: Problems, prop: string, value: string | undefined): void {
  problems.matches(prop, value, /^https:\/\/[^\s/]+\/?$/, 'must be an https:// URL of a host, e.g. https://acct.blob.local.azurestack.external/');
}

/** Check an Azure cloud (a JavaScript caller can pass any string), unless unset or a token. */
export function checkCloud(problems: Problems, prop: string, value: string | undefined): void {
  problems.oneOf<string>(prop, value, Object.values(AzureCloud));
}
