import {
  blocks,
  ElementConfig,
  isFalse,
  isLiteralValue,
  isReference,
  isTrue,
  mapEntries,
  referencedIds,
  refPattern,
  StackModel,
} from './config';
import { MlflowCheckId } from './model';
import { helmLeaves, leafKey, leafPath, ValueLeaf } from './values';

/** A finding before suppressions: which rule, on which element, and what exactly. */
export interface RawFinding {
  readonly ruleId: string;
  readonly element: ElementConfig;
  readonly message: string;
}

/** What the rules read. */
export interface RuleContext {
  readonly model: StackModel;
  /** The elements the findings may be about (the scope the aspect was added to). */
  readonly targets: readonly ElementConfig[];
  /** Production override; undefined = decide from the account's tags. */
  readonly production?: boolean;
}

const STORAGE_ACCOUNT = 'azurerm_storage_account';
const SECRET_MAPS = ['data', 'data_wo', 'binary_data', 'binary_data_wo'];

/**
 * Keys whose values are secrets wherever they appear in helm values (compared
 * case-insensitively): chart keys, and every environment variable MLflow's values keep out of
 * `extraEnvVars` because it carries a secret (`SECRET_ENV_VARS` in lib/mlflow/values.ts; a
 * test keeps the two in step), plus `AZURE_STORAGE_KEY` and `AZURE_STORAGE_SAS_TOKEN`.
 */
export const SECRET_KEY_NAMES: readonly string[] = [
  'password',
  'adminPassword',
  'accessKey',
  'connectionString',
  'clientSecret',
  'flaskServerSecretKey',
  'awsSecretAccessKey',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_STORAGE_ACCESS_KEY',
  'AZURE_STORAGE_CONNECTION_STRING',
  'AZURE_STORAGE_KEY',
  'AZURE_STORAGE_SAS_TOKEN',
  'MLFLOW_FLASK_SERVER_SECRET_KEY',
  'PGPASSWORD',
  'OIDC_CLIENT_SECRET',
  'OIDC_USERS_DB_URI',
  'CACHE_REDIS_URL',
  'SECRET_KEY',
  'sasToken',
  'secretKey',
  'apiKey',
];

const SECRET_KEYS = new Set(SECRET_KEY_NAMES.map((k) => k.toLowerCase()));

/**
 * Keys of a Kubernetes secret whose values are secrets. Secrets also carry plain settings
 * (a user name, AZURE_CLIENT_ID, AZURE_AUTHORITY_HOST) that may be literals.
 */
const SECRET_KEY_PATTERN = /pass(word|wd)?|secret|token|key|connection|credential|private|cert/i;

function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase()) || SECRET_KEY_PATTERN.test(key);
}

/**
 * Environment variables that make MLflow skip identity auth (it tries them before
 * DefaultAzureCredential): the storage entries of `SECRET_ENV_VARS` in lib/mlflow/values.ts.
 */
export const KEY_VARIABLES: readonly string[] = ['AZURE_STORAGE_ACCESS_KEY', 'AZURE_STORAGE_CONNECTION_STRING'];

/** Built-in blob data roles, by name and by role definition id (the same in every cloud). */
const BLOB_DATA_ROLE_NAMES = ['storage blob data owner', 'storage blob data contributor', 'storage blob data reader'];
const BLOB_DATA_ROLE_IDS = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b', // Storage Blob Data Owner
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe', // Storage Blob Data Contributor
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1', // Storage Blob Data Reader
];

const KUBELET = /(?:^|[^\w])(?:data\.)?azurerm_kubernetes_cluster\.[A-Za-z0-9_-]+\.kubelet_identity(?![\w])/;
const PRODUCTION_TAG_KEYS = ['environment', 'env'];
const PRODUCTION_TAG_VALUES = ['prod', 'production'];

/** Run every rule. Findings are in target order, then rule order. */
export function evaluate(ctx: RuleContext): RawFinding[] {
  const identity = identityEvidence(ctx.model);
  const helm = new Map<ElementConfig, ValueLeaf[]>();
  const leavesOf = (e: ElementConfig): ValueLeaf[] => {
    let leaves = helm.get(e);
    if (!leaves) helm.set(e, (leaves = helmLeaves(e.config)));
    return leaves;
  };
  const cmkVaults = cmkVaultIds(ctx.model);

  const findings: RawFinding[] = [];
  for (const e of ctx.targets) {
    const add = (ruleId: string, message: string) => findings.push({ ruleId, element: e, message });
    if (e.kind === 'variable') {
      literalSecretVariable(e, add);
      continue;
    }
    const weak = (value: unknown, reference: boolean) => weakVariables(ctx.model, value, reference);
    if (e.kind !== 'resource') continue;
    switch (e.type) {
      case STORAGE_ACCOUNT:
        storageAccount(ctx, e, add);
        break;
      case 'azurerm_storage_container':
        publicContainer(e, add);
        break;
      case 'azurerm_storage_management_policy':
        archiveTier(e, add);
        break;
      case 'azurerm_key_vault':
        cmkVault(e, cmkVaults, add);
        break;
      case 'azurerm_key_vault_secret':
        keyVaultSecret(e, weak, add);
        break;
      case 'kubernetes_secret_v1':
      case 'kubernetes_secret':
        kubernetesSecret(e, identity, weak, add);
        break;
      case 'helm_release':
        helmRelease(e, leavesOf(e), identity, weak, add);
        mlflowSignIn(e, leavesOf(e), add);
        break;
      case 'azurerm_role_assignment':
        roleAssignment(ctx.model, e, add);
        break;
      default:
        break;
    }
  }
  return findings;
}

type Add = (ruleId: string, message: string) => void;

/** The variables a secret value takes that are not sensitive or have a default, each described. */
type Weak = (value: unknown, reference: boolean) => string[];

// --- storage account -----------------------------------------------------------------------

function storageAccount(ctx: RuleContext, e: ElementConfig, add: Add): void {
  const c = e.config;
  const nested = c.allow_nested_items_to_be_public;
  if (nested === undefined || nested === null) {
    add(
      MlflowCheckId.PUBLIC_NESTED_ITEMS,
      'allow_nested_items_to_be_public is not set: azurerm 4.55 defaults it to true, so any container of the account can be made public.',
    );
  } else if (isTrue(nested)) {
    add(MlflowCheckId.PUBLIC_NESTED_ITEMS, 'allow_nested_items_to_be_public = true: containers of the account can be made public.');
  }

  const tls = c.min_tls_version;
  if (tls === undefined || tls === null) {
    add(MlflowCheckId.TLS_BELOW_1_2, 'min_tls_version is not set: emit TLS1_2 explicitly (scanners and older API versions treat a missing value as TLS1_0).');
  } else if (tls === 'TLS1_0' || tls === 'TLS1_1') {
    add(MlflowCheckId.TLS_BELOW_1_2, `min_tls_version = "${tls}": clients may connect with TLS below 1.2.`);
  }

  if (isFalse(c.https_traffic_only_enabled)) {
    add(MlflowCheckId.HTTPS_OFF, 'https_traffic_only_enabled = false: the account accepts plain HTTP, so keys and SAS tokens travel unencrypted.');
  }

  const replication = c.account_replication_type;
  if (typeof replication === 'string' && replication.toUpperCase() === 'LRS') {
    const production = isProduction(ctx, c.tags);
    if (production.yes) {
      add(
        MlflowCheckId.LRS_IN_PRODUCTION,
        `account_replication_type = "LRS" in production (${production.why}): one datacenter failure loses access to every artifact.`,
      );
    }
  }

  const model = ctx.model;
  const idRef = refPattern(STORAGE_ACCOUNT, e.logicalId, 'id');
  const diagnostics = model
    .resources('azurerm_monitor_diagnostic_setting')
    .some((d) => typeof d.config.target_resource_id === 'string' && idRef.test(d.config.target_resource_id));
  if (!diagnostics) {
    add(
      MlflowCheckId.NO_DIAGNOSTICS,
      `no azurerm_monitor_diagnostic_setting targets ${e.address}.id or its /blobServices/default: reads, writes and deletes of artifacts are not logged.`,
    );
  }

  const preventDestroy = isTrue(c.lifecycle?.prevent_destroy);
  const groupIds = referencedIds(c.resource_group_name, 'azurerm_resource_group', 'name');
  const lock = model.resources('azurerm_management_lock').some((l) => {
    const level = l.config.lock_level;
    if (level !== 'CanNotDelete' && level !== 'ReadOnly') return false;
    const scope = l.config.scope;
    if (typeof scope !== 'string') return false;
    if (idRef.test(scope)) return true;
    return groupIds.some((g) => refPattern('azurerm_resource_group', g, 'id').test(scope) && !scope.includes('/providers/'));
  });
  const missing: string[] = [];
  if (!preventDestroy) missing.push('lifecycle.prevent_destroy is not true');
  if (!lock) missing.push(`no CanNotDelete azurerm_management_lock has ${e.address}.id (or its resource group) as scope`);
  if (missing.length > 0) {
    add(MlflowCheckId.NO_DELETE_PROTECTION, `${missing.join(' and ')}: a destroy or a portal delete removes every artifact.`);
  }
}

function isProduction(ctx: RuleContext, tags: unknown): { yes: boolean; why: string } {
  if (ctx.production !== undefined) return { yes: ctx.production, why: 'MlflowChecksProps.production = true' };
  for (const [key, value] of mapEntries(tags)) {
    if (!PRODUCTION_TAG_KEYS.includes(key.toLowerCase())) continue;
    if (typeof value === 'string' && PRODUCTION_TAG_VALUES.includes(value.toLowerCase())) {
      return { yes: true, why: `tag ${key} = "${value}"` };
    }
  }
  return { yes: false, why: '' };
}

// --- containers and lifecycle -------------------------------------------------------------

function publicContainer(e: ElementConfig, add: Add): void {
  const access = e.config.container_access_type;
  if (typeof access === 'string' && !isReference(access) && access !== 'private') {
    add(MlflowCheckId.PUBLIC_CONTAINER, `container_access_type = "${access}": anyone on the internet can read its blobs without credentials.`);
  }
}

function archiveTier(e: ElementConfig, add: Add): void {
  const hits: string[] = [];
  blocks(e.config.rule).forEach((rule, i) => {
    const name = typeof rule.name === 'string' ? rule.name : `rule[${i}]`;
    for (const actions of blocks(rule.actions)) {
      for (const kind of ['base_blob', 'snapshot', 'version']) {
        for (const action of blocks(actions[kind])) {
          for (const [attr, value] of Object.entries(action)) {
            if (/archive/.test(attr) && value !== undefined && value !== null) hits.push(`${name}: ${kind}.${attr}`);
          }
        }
      }
    }
  });
  if (hits.length > 0) {
    add(
      MlflowCheckId.ARCHIVE_TIER,
      `lifecycle rule moves blobs to the Archive tier (${hits.join(', ')}): archived artifacts cannot be read until rehydrated (hours), so MLflow downloads and model loads fail.`,
    );
  }
}

// --- customer-managed keys ------------------------------------------------------------------

/** Logical ids of key vaults holding a storage account's customer-managed key, with who uses them. */
function cmkVaultIds(model: StackModel): Map<string, string[]> {
  const vaults = new Map<string, string[]>();
  const use = (vaultId: string, user: string) => {
    const users = vaults.get(vaultId) ?? [];
    if (!users.includes(user)) users.push(user);
    vaults.set(vaultId, users);
  };
  // a vault is referred to directly (id, vault_uri) or through any attribute of one of its keys
  const vaultsOf = (value: unknown): string[] => [
    ...referencedIds(value, 'azurerm_key_vault', 'id'),
    ...referencedIds(value, 'azurerm_key_vault', 'vault_uri'),
    ...referencedIds(value, 'azurerm_key_vault_key').flatMap((keyId) => {
      const key = model.byAddress(`azurerm_key_vault_key.${keyId}`);
      return key ? referencedIds(key.config.key_vault_id, 'azurerm_key_vault', 'id') : [];
    }),
  ];

  for (const account of model.resources(STORAGE_ACCOUNT)) {
    for (const cmk of blocks(account.config.customer_managed_key)) {
      vaultsOf(cmk.key_vault_key_id).forEach((v) => use(v, account.address));
    }
  }
  for (const cmk of model.resources('azurerm_storage_account_customer_managed_key')) {
    const c = cmk.config;
    const ids = ['key_vault_id', 'key_vault_uri', 'key_vault_key_id', 'key_name'].flatMap((attr) => vaultsOf(c[attr]));
    const user = referencedIds(c.storage_account_id, STORAGE_ACCOUNT, 'id').map((a) => `${STORAGE_ACCOUNT}.${a}`)[0] ?? cmk.address;
    ids.forEach((v) => use(v, user));
  }
  return vaults;
}

function cmkVault(e: ElementConfig, cmkVaults: Map<string, string[]>, add: Add): void {
  const users = cmkVaults.get(e.logicalId);
  if (!users || isTrue(e.config.purge_protection_enabled)) return;
  const value = e.config.purge_protection_enabled;
  const state = value === undefined || value === null ? 'is not set (defaults to false)' : `= ${JSON.stringify(value)}`;
  add(
    MlflowCheckId.CMK_WITHOUT_PURGE_PROTECTION,
    `the vault holds the customer-managed key of ${users.join(', ')} but purge_protection_enabled ${state}: purging the key makes every artifact unreadable (403).`,
  );
}

// --- secrets ----------------------------------------------------------------------------------

function literalSecretVariable(e: ElementConfig, add: Add): void {
  if (isTrue(e.config.sensitive) && e.config.default !== undefined && e.config.default !== null) {
    add(
      MlflowCheckId.LITERAL_SECRET,
      `sensitive variable ${e.logicalId} has a default: the secret is written in the code and the synthesized JSON.`,
    );
  }
}

/** A variable reference inside an expression: `var.<name>` (not `data.x.var.y` or `local.var`). */
const VARIABLE_REFERENCE = /(?<![\w.-])var\.([A-Za-z_][\w-]*)/g;

/**
 * The variables of the stack a secret value refers to that are not sensitive (Terraform shows
 * their values in plans and outputs) or have a default (a literal in the code and the
 * synthesized JSON), each described: `var.x, which is not sensitive and has a default`.
 */
function weakVariables(model: StackModel, value: unknown, reference: boolean): string[] {
  if (!reference || typeof value !== 'string') return [];
  const found: string[] = [];
  const seen = new Set<string>();
  for (const m of value.matchAll(VARIABLE_REFERENCE)) {
    const address = `var.${m[1]}`;
    if (seen.has(address)) continue;
    seen.add(address);
    const variable = model.byAddress(address);
    if (!variable) continue;
    const why: string[] = [];
    if (!isTrue(variable.config.sensitive)) why.push('is not sensitive');
    if (variable.config.default !== undefined && variable.config.default !== null) why.push('has a default');
    if (why.length > 0) found.push(`${address}, which ${why.join(' and ')}`);
  }
  return found;
}

const WEAK_VARIABLE_EFFECT =
  'a variable that carries a secret must be sensitive (else Terraform prints it in plans and outputs) and have no default (else the secret is a literal in the code and the synthesized JSON).';

function reportWeak(hits: string[], add: Add): void {
  if (hits.length > 0) add(MlflowCheckId.LITERAL_SECRET, `secret taken from a weak variable: ${hits.join('; ')}: ${WEAK_VARIABLE_EFFECT}`);
}

function keyVaultSecret(e: ElementConfig, weak: Weak, add: Add): void {
  const fields = ['value', 'value_wo'].filter((f) => isLiteralValue(e.config[f]));
  if (fields.length > 0) {
    add(MlflowCheckId.LITERAL_SECRET, `${fields.join(' and ')} ${fields.length === 1 ? 'is a literal' : 'are literals'}: the secret is in the code and the synthesized JSON.`);
  }
  reportWeak(
    ['value', 'value_wo'].flatMap((f) => weak(e.config[f], isReference(e.config[f])).map((w) => `${f} takes ${w}`)),
    add,
  );
}

function kubernetesSecret(e: ElementConfig, identity: string | undefined, weak: Weak, add: Add): void {
  const literal: string[] = [];
  const keys: string[] = [];
  const weakHits: string[] = [];
  for (const field of SECRET_MAPS) {
    for (const [key, value] of mapEntries(e.config[field])) {
      const secret = field.startsWith('binary') || isSecretKey(key);
      if (isLiteralValue(value) && secret) literal.push(`${field}.${key}`);
      if (secret) weakHits.push(...weak(value, isReference(value)).map((w) => `${field}.${key} takes ${w}`));
      if (KEY_VARIABLES.includes(key) && value !== '' && value !== null && value !== undefined) keys.push(`${field}.${key}`);
    }
  }
  if (literal.length > 0) {
    add(MlflowCheckId.LITERAL_SECRET, `${literal.join(', ')} ${literal.length === 1 ? 'is a literal' : 'are literals'}: the secret is in the code, the synthesized JSON and (for data) the state.`);
  }
  reportWeak(weakHits, add);
  if (identity && keys.length > 0) {
    add(MlflowCheckId.KEY_IN_IDENTITY_MODE, `${keys.join(', ')} is set while the stack uses workload identity (${identity}): ${KEY_EFFECT}`);
  }
}

const KEY_EFFECT =
  'MLflow uses AZURE_STORAGE_CONNECTION_STRING, then AZURE_STORAGE_ACCESS_KEY, before DefaultAzureCredential, so the identity is silently bypassed.';

function helmRelease(e: ElementConfig, leaves: ValueLeaf[], identity: string | undefined, weak: Weak, add: Add): void {
  const literal: string[] = [];
  const keys: string[] = [];
  const kubelet: string[] = [];
  const weakHits: string[] = [];
  for (const leaf of leaves) {
    const where = `${leaf.source}: ${leafPath(leaf)}`;
    const key = leafKey(leaf);
    const hasValue = leaf.value !== undefined && leaf.value !== null && leaf.value !== '';
    const secret = leaf.source === 'set_sensitive' || leaf.source === 'set_wo' || SECRET_KEYS.has(key.toLowerCase());
    if (!leaf.reference && isLiteralValue(leaf.value) && secret) literal.push(where);
    if (secret) weakHits.push(...weak(leaf.value, leaf.reference).map((w) => `${where} takes ${w}`));
    if (hasValue && (isArtifactKey(leaf.path) || KEY_VARIABLES.includes(key))) keys.push(where);
    if (leaf.reference && typeof leaf.value === 'string' && KUBELET.test(leaf.value)) kubelet.push(where);
  }
  if (isLiteralValue(e.config.repository_password)) literal.push('repository_password');
  weakHits.push(...weak(e.config.repository_password, isReference(e.config.repository_password)).map((w) => `repository_password takes ${w}`));
  if (literal.length > 0) {
    add(
      MlflowCheckId.LITERAL_SECRET,
      `literal secret in ${literal.join('; ')}: helm values are stored in the Terraform state and in the release secret in the cluster.`,
    );
  }
  reportWeak(weakHits, add);
  if (identity && keys.length > 0) {
    add(MlflowCheckId.KEY_IN_IDENTITY_MODE, `${keys.join('; ')} is set while the stack uses workload identity (${identity}): ${KEY_EFFECT}`);
  }
  if (kubelet.length > 0) {
    add(
      MlflowCheckId.KUBELET_IDENTITY,
      `${kubelet.join('; ')} refers to the kubelet identity: it is not federated to any service account, and every pod on every node can use it.`,
    );
  }
}

// --- MLflow sign-in -------------------------------------------------------------------------

/** Sign-in mechanisms of the chart, by the value path that turns each on. */
const SIGN_IN_SWITCHES = ['oidcAuth.enabled', 'auth.enabled', 'ldapAuth.enabled', 'oauth2Proxy.enabled'];
/** Value paths that hold a secret of a sign-in mechanism. */
const SIGN_IN_SECRETS = [
  'auth.adminPassword', 'auth.postgres.password', 'oidcAuth.clientSecret', 'oidcAuth.database.postgres.password',
  'oauth2Proxy.cookieSecret', 'oauth2Proxy.provider.clientSecret', 'flaskServerSecretKey',
];
/** Value paths that hold a URL which may carry credentials. */
const SIGN_IN_URLS = ['oidcAuth.database.uri', 'oidcAuth.cache.redisUrl'];

/** Whether a helm_release installs the community-charts MLflow chart. */
function isMlflowChart(config: Record<string, any>): boolean {
  const chart = config.chart;
  return typeof chart === 'string' && /(^|\/)mlflow(-[0-9][^/]*\.tgz)?$/.test(chart);
}

/** Manifests that publish MLflow when the chart's extraDeploy carries them (Gateway API routes, an Ingress, an Istio VirtualService). */
const EXPOSING_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'Ingress', 'VirtualService'];

function mlflowSignIn(e: ElementConfig, leaves: ValueLeaf[], add: Add): void {
  if (!isMlflowChart(e.config)) return;
  const at = (path: string) => leaves.filter((l) => leafPath(l) === path);
  const on = (path: string) => at(path).some((l) => l.value === true || l.value === 'true' || l.reference);
  const mechanisms = SIGN_IN_SWITCHES.filter(on);
  const appName = at('extraArgs.appName').find((l) => l.value !== undefined && l.value !== null && l.value !== '');
  if (appName) mechanisms.push(`extraArgs.appName (${appName.reference ? 'a reference' : JSON.stringify(appName.value)})`);
  const exposure: string[] = [];
  if (on('ingress.enabled')) exposure.push('ingress.enabled');
  for (const l of at('service.type')) {
    if (typeof l.value === 'string' && ['LoadBalancer', 'NodePort'].includes(l.value)) exposure.push(`service.type = ${l.value}`);
  }
  // the chart's extra manifests (MlflowIngressController.GATEWAY_API writes an HTTPRoute there). List
  // items share their list's path: extraDeploy.kind is the kind of any of its manifests, and a
  // Service's spec.type cannot be told from another manifest's, so with a Service among them any
  // LoadBalancer or NodePort type counts (a false positive is possible, a miss is not).
  const extraKinds = at('extraDeploy.kind').map((l) => l.value);
  for (const kind of extraKinds) {
    if (typeof kind === 'string' && EXPOSING_KINDS.includes(kind)) exposure.push(`a ${kind} in extraDeploy`);
  }
  if (extraKinds.includes('Service')) {
    for (const l of at('extraDeploy.spec.type')) {
      if (typeof l.value === 'string' && ['LoadBalancer', 'NodePort'].includes(l.value)) exposure.push(`a Service of type ${l.value} in extraDeploy`);
    }
  }
  if (exposure.length > 0 && mechanisms.length === 0) {
    add(
      MlflowCheckId.EXPOSED_WITHOUT_SIGN_IN,
      `${exposure.join(' and ')} exposes MLflow outside the cluster, and no sign-in mechanism is on (${SIGN_IN_SWITCHES.join(', ')}, extraArgs.appName): anyone who reaches it can read, change and delete every experiment and model.`,
    );
  }
  if (mechanisms.length > 1) {
    add(MlflowCheckId.SEVERAL_SIGN_IN_MECHANISMS, `${mechanisms.join(', ')} are on together: keep exactly one sign-in mechanism.`);
  }
  const secrets: string[] = [];
  for (const l of leaves) {
    const path = leafPath(l);
    const set = l.value !== undefined && l.value !== null && l.value !== '';
    if (!set) continue;
    if (SIGN_IN_SECRETS.includes(path)) secrets.push(`${l.source}: ${path}`);
    if (SIGN_IN_URLS.includes(path) && typeof l.value === 'string' && /:\/\/[^/@\s]*:[^/@\s]*@/.test(l.value)) secrets.push(`${l.source}: ${path} (credentials in the URL)`);
  }
  if (secrets.length > 0) {
    add(
      MlflowCheckId.SIGN_IN_SECRET_IN_VALUES,
      `${secrets.join('; ')}: a sign-in secret in helm values is stored in the Terraform state and in the release secret in the cluster, whether literal or a reference.`,
    );
  }
}

function isArtifactKey(path: string[]): boolean {
  const n = path.length;
  return n >= 3 && path[n - 3] === 'artifactRoot' && path[n - 2] === 'azureBlob' && ['accessKey', 'connectionString'].includes(path[n - 1]);
}

/** Why the stack is in workload-identity mode, or undefined. Stack-wide. */
function identityEvidence(model: StackModel): string | undefined {
  const credential = model.resources('azurerm_federated_identity_credential')[0];
  if (credential) return `${credential.address}`;
  for (const release of model.resources('helm_release')) {
    const label = helmLeaves(release.config).find((l) => leafKey(l) === 'azure.workload.identity/use' && isTrue(l.value));
    if (label) return `${release.address} ${label.source}: ${leafPath(label)} = "true"`;
  }
  for (const type of ['kubernetes_service_account_v1', 'kubernetes_service_account']) {
    for (const sa of model.resources(type)) {
      for (const meta of blocks(sa.config.metadata)) {
        if (mapEntries(meta.annotations).some(([k]) => k === 'azure.workload.identity/client-id')) {
          return `${sa.address} annotation azure.workload.identity/client-id`;
        }
      }
    }
  }
  return undefined;
}

// --- role assignments -----------------------------------------------------------------------

function roleAssignment(model: StackModel, e: ElementConfig, add: Add): void {
  const c = e.config;
  const blobRole = isBlobDataRole(c.role_definition_name, c.role_definition_id);
  const scope = typeof c.scope === 'string' ? c.scope : '';
  const storageScope = /(?:^|[^\w])azurerm_storage_(?:account|container)\.[A-Za-z0-9_-]+\./.test(scope) || /\/Microsoft\.Storage\/storageAccounts\//i.test(scope);
  const role = typeof c.role_definition_name === 'string' ? `"${c.role_definition_name}"` : 'the role';

  if (typeof c.principal_id === 'string' && KUBELET.test(c.principal_id) && (blobRole || storageScope)) {
    add(
      MlflowCheckId.KUBELET_IDENTITY,
      `principal_id is the AKS kubelet identity and ${role} gives it blob access: every pod on every node of the cluster can read and write the artifacts.`,
    );
  }
  if (blobRole && !isContainerScope(model, scope)) {
    add(
      MlflowCheckId.WIDE_BLOB_ROLE_SCOPE,
      `${role} is assigned at scope ${describeScope(scope)}, not on one container: the principal reaches every container in that scope.`,
    );
  }
}

function isBlobDataRole(name: unknown, id: unknown): boolean {
  if (typeof name === 'string' && BLOB_DATA_ROLE_NAMES.includes(name.trim().toLowerCase())) return true;
  return typeof id === 'string' && BLOB_DATA_ROLE_IDS.some((guid) => id.toLowerCase().endsWith(guid));
}

/**
 * A scope of exactly one container: a container's `resource_manager_id` (deprecated), the `id`
 * of a container of this stack bound with `storage_account_id` (then its ARM id; with the legacy
 * `storage_account_name` the id is the data-plane URL, no ARM scope), or a literal
 * `…/blobServices/default/containers/<name>` path.
 */
function isContainerScope(model: StackModel, scope: string): boolean {
  if (/(?:^|[^\w])(?:data\.)?azurerm_storage_container\.[A-Za-z0-9_-]+\.resource_manager_id(?![\w])/.test(scope)) return true;
  const byId = /^\$\{azurerm_storage_container\.([A-Za-z0-9_-]+)\.id\}$/.exec(scope.trim());
  if (byId && model.byAddress(`azurerm_storage_container.${byId[1]}`)?.config.storage_account_id !== undefined) return true;
  return /\/blobServices\/default\/containers\/[^/\s]+$/i.test(scope);
}

function describeScope(scope: string): string {
  if (scope === '') return '(not set)';
  return JSON.stringify(scope);
}
