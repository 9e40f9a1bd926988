import { isLiteral, Problems } from './validation';

/**
 * What each Azure service accepts in a firewall IP rule (checked against its documentation):
 *
 * - Azure Storage (`azurerm_storage_account.network_rules.ip_rules`): public IPv4 addresses or
 *   CIDR ranges; /31 and /32 ranges are rejected (give the single address without a prefix);
 *   private ranges (RFC 1918) are rejected. Sources: azurerm 4.55 `storage_account` docs
 *   (`ip_rules`), "Guidelines and limitations for the Azure Storage firewall".
 * - Azure Key Vault (`azurerm_key_vault.network_acls.ip_rules`): public IPv4 addresses or CIDR
 *   ranges, single addresses with or without /32; private ranges (RFC 1918) are rejected.
 *   Source: "Configure Azure Key Vault firewalls and virtual networks" (configuration limitations).
 */
export const FIREWALL_IP_RULES = {
  storage: { service: 'the Azure Storage firewall', rejectsSlash31And32: true },
  keyVault: { service: 'the Key Vault firewall', rejectsSlash31And32: false },
} as const;

export type FirewallKind = keyof typeof FIREWALL_IP_RULES;

/** The private IPv4 ranges of RFC 1918, as [first, last] address. */
const RFC1918: readonly (readonly [number, number])[] = [
  [ipv4('10.0.0.0'), ipv4('10.255.255.255')],
  [ipv4('172.16.0.0'), ipv4('172.31.255.255')],
  [ipv4('192.168.0.0'), ipv4('192.168.255.255')],
];

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_OR_CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?:/(3[0-2]|[12]?\\d))?$`);

/** The rule text of a malformed entry. */
export const IP_RULE_SYNTAX =
  'must be an IPv4 address (four numbers from 0 to 255 without leading zeros, e.g. "203.0.113.7") or a CIDR range (e.g. "203.0.113.0/24", prefix 0 to 32)';

/**
 * Check the IP rules of a service's firewall, entry by entry (unresolved tokens are skipped):
 * IPv4 syntax with octets 0 to 255 and prefixes 0 to 32, the service's prefix rule, and no
 * private (RFC 1918) address.
 */
export function checkFirewallIpRules(p: Problems, kind: FirewallKind, prop: string, ranges: readonly string[] | undefined): void {
  if (!isLiteral(ranges)) return;
  const { service, rejectsSlash31And32 } = FIREWALL_IP_RULES[kind];
  ranges.forEach((range, i) => {
    if (!isLiteral(range)) return;
    const where = `${prop}[${i}]`;
    const m = IPV4_OR_CIDR.exec(range);
    if (!m) {
      p.add(where, range, IP_RULE_SYNTAX);
      return;
    }
    const prefix = m[5] === undefined ? 32 : Number(m[5]);
    if (rejectsSlash31And32 && m[5] !== undefined && prefix >= 31) {
      p.add(where, range, `${service} rejects /31 and /32 ranges: give a single address without a prefix (e.g. "${range.split('/')[0]}")`);
    }
    const size = 2 ** (32 - prefix);
    const address = ipv4(range.split('/')[0]);
    const first = address - (address % size);
    const last = first + size - 1;
    if (RFC1918.some(([lo, hi]) => first <= hi && last >= lo)) {
      p.add(
        where,
        range,
        `must not be or overlap a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): ${service} takes public addresses only; allow virtual network traffic with allowedSubnetIds or a private endpoint`,
      );
    }
  });
}

const IPV6_OR_CIDR = /^(?=.*:)[0-9A-Fa-f:.]{2,45}(?:\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;

/**
 * Check a list of IPv4 or IPv6 addresses or CIDR ranges (entry by entry, tokens skipped): what
 * proxies, network policies and uvicorn's `FORWARDED_ALLOW_IPS` take.
 */
export function checkIpAddressesOrCidrs(p: Problems, prop: string, values: readonly string[] | undefined): void {
  if (!isLiteral(values)) return;
  values.forEach((value, i) => checkIpAddressOrCidr(p, `${prop}[${i}]`, value));
}

/** Check one IPv4 or IPv6 address or CIDR range (unless unset or a token). */
export function checkIpAddressOrCidr(p: Problems, prop: string, value: string | undefined): void {
  if (!isLiteral(value)) return;
  if (!IPV4_OR_CIDR.test(value) && !IPV6_OR_CIDR.test(value)) {
    p.add(prop, value, 'must be an IPv4 or IPv6 address or CIDR range, e.g. "10.244.0.0/16" or "fd00::/8"');
  }
}

function ipv4(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}
