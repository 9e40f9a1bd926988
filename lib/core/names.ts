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
