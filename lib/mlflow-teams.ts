import { Construct } from 'constructs';
import { IAksCluster } from './cluster/reference';
import { checkLocation, checkResourceGroupName, checkTags } from './core/names';
import { applyProviders, MlflowProviders } from './core/provider-instances';
import { inheritedTagMappings, isLiteral, Problems, PropMapping, ValidationRound } from './core/validation';
import { ArtifactAuth } from './identity/artifact-auth';
import { ArtifactAuthMode } from './identity/binding';
import { MlflowBackendStore, MlflowReleaseOptions } from './mlflow/props';
import { MlflowOnAzure } from './mlflow-on-azure';
import { MlflowSignIn } from './signin/props';
import { ArtifactStore } from './storage/artifact-store';
import { ArtifactStoreOptions } from './storage/props';

/** One team of an MLflow platform: its own MLflow instance on the shared cluster. */
export interface MlflowTeam {
  /**
   * The team's name: 3 to 33 lowercase letters, digits and hyphens, starting with a letter (it
   * also prefixes the team's outputs: `addOutputs(`${name}_`)`). Its instance is
   * `mlflow-<name>`: the namespace, the helm release, the identity `id-mlflow-<name>-artifacts`,
   * the secrets, and (in the shared account) the container `<name>`.
   */
  readonly name: string;
  /** The team's backend store (e.g. its own database on a shared PostgreSQL server). */
  readonly backendStore: MlflowBackendStore;
  /** How the team's people and jobs sign in (e.g. Entra ID with the team's groups). */
  readonly signIn: MlflowSignIn;
  /**
   * A storage account of the team's own (3 to 24 lowercase letters and digits, global).
   * @default - a container `<name>` in the platform's shared account, with grants scoped to it
   */
  readonly storageAccountName?: string;
  /**
   * Settings of the team's own account (with `storageAccountName` only; the shared account's
   * are the platform's `sharedStorage`).
   * @default - the ArtifactStore defaults
   */
  readonly storage?: ArtifactStoreOptions;
  /**
   * How the team's MLflow reaches Blob Storage. In the shared account only the modes with a
   * principal of the team's own (workload identity, a service principal): the account key or a
   * connection string reads every team's container. The kubelet identity is every pod's on the
   * cluster, so no team may use it here.
   * @default ArtifactAuth.workloadIdentity()
   */
  readonly auth?: ArtifactAuth;
  /**
   * The team's release settings, over the platform's `release` (e.g. its ingress host).
   * @default - the platform's release settings
   */
  readonly release?: MlflowReleaseOptions;
  /**
   * More tags on the team's Azure resources.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/** Props of {@link MlflowTeams}. */
export interface MlflowTeamsProps {
  /** Resource group of the storage accounts and identities. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  /** The cluster every team's MLflow runs on. */
  readonly cluster: IAksCluster;
  /** The teams (at least one; names unique). */
  readonly teams: MlflowTeam[];
  /**
   * The account of the teams without one of their own: one container per team, each team's
   * identity granted on its container only (teams cannot read each other's artifacts).
   * @default - none: every team gives storageAccountName
   */
  readonly sharedStorageAccountName?: string;
  /**
   * Settings of the shared account (replication, retention, network...). Its container is the
   * first sharing team's (named after it); `containerName` is not taken.
   * @default - the ArtifactStore defaults
   */
  readonly sharedStorage?: ArtifactStoreOptions;
  /**
   * Release settings of every team (image, resources, ingress controller...), under each team's own.
   * @default - the MlflowRelease defaults
   */
  readonly release?: MlflowReleaseOptions;
  /**
   * Tags on every Azure resource.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
  /**
   * Explicit provider instances for everything created.
   * @default - the stack's default providers
   */
  readonly providers?: MlflowProviders;
}

const TEAM_NAME = /^(?=.{3,33}$)[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * One cluster, N teams: each team gets its own MLflow instance (`MlflowOnAzure` named
 * `mlflow-<team>`): namespace, helm release, network policy, identity federated with its own
 * service account, sign-in with its own groups, and its own artifact container, in the shared
 * account (container-scoped roles) or in an account of its own. Names derive from the team's
 * name, so teams never collide; every problem of every team is reported in one error, named by
 * `teams[i].<prop>`.
 */
export class MlflowTeams extends Construct {
  /** The shared account, when some team uses it. */
  public readonly sharedStore?: ArtifactStore;
  /** Each team's MLflow, by team name. */
  public readonly instances: { [team: string]: MlflowOnAzure } = {};

  constructor(scope: Construct, id: string, props: MlflowTeamsProps) {
    super(scope, id);
    const round = ValidationRound.open(this, `MlflowTeams at ${this.node.path}`);
    round.map('SharedStore', [
      ...inheritedTagMappings(props.tags, props.sharedStorage?.tags),
      ['accountName', 'sharedStorageAccountName'], ['resourceGroupName', 'resourceGroupName'], ['location', 'location'], ['', 'sharedStorage.'],
    ]);
    // Only the teams that can be built: a literal, valid name, its first use (the others are
    // reported once, under their own index, and not built).
    const buildable = buildableTeams(props.teams);
    for (const [team, i] of buildable) round.map(`Team-${team.name}`, teamMapping(props, team, i));
    validateMlflowTeamsProps(this, props);
    const tags = props.tags ?? {};
    // The shared account's own container is the first sharing team's; the others get one each.
    const sharing = buildable.filter(([t]) => t.storageAccountName === undefined).map(([t]) => t);
    if (sharing.length > 0 && props.sharedStorageAccountName !== undefined) {
      this.sharedStore = round.part(() => new ArtifactStore(this, 'SharedStore', {
        ...props.sharedStorage,
        containerName: sharing[0].name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        accountName: props.sharedStorageAccountName!,
        tags: { ...tags, ...props.sharedStorage?.tags },
      }), 'SharedStore');
    }
    for (const [team] of buildable) {
      const childId = `Team-${team.name}`;
      const instance = round.part(() => {
        const shared = team.storageAccountName === undefined ? this.sharedStore : undefined;
        const store = shared && team !== sharing[0]
          ? shared.addContainer(`Container-${team.name}`, { containerName: team.name })
          : shared;
        return new MlflowOnAzure(this, childId, {
          resourceGroupName: props.resourceGroupName,
          location: props.location,
          cluster: props.cluster,
          namePrefix: `mlflow-${team.name}`,
          ...(store ? { store } : { storageAccountName: team.storageAccountName, storage: team.storage }),
          backendStore: team.backendStore,
          signIn: team.signIn,
          auth: team.auth,
          release: { ...props.release, ...team.release },
          tags: { ...tags, 'mlflow-team': team.name, ...team.tags },
        });
      }, childId);
      if (instance) this.instances[team.name] = instance;
    }
    round.close();
    applyProviders(this, props.providers);
  }
}

/** The teams that can be built, with their index: a literal, valid name, its first use. */
function buildableTeams(teams: readonly MlflowTeam[]): [MlflowTeam, number][] {
  const seen = new Set<string>();
  const out: [MlflowTeam, number][] = [];
  teams.forEach((team, i) => {
    if (!isLiteral(team.name) || !TEAM_NAME.test(team.name) || seen.has(team.name)) return;
    seen.add(team.name);
    out.push([team, i]);
  });
  return out;
}

/**
 * How a team instance's prop paths read in MlflowTeams: what the platform gave (its `release`
 * keys and `tags` the team does not override, the resource group, the region, the cluster, the
 * shared account) under the platform's props, the rest under `teams[i]`.
 */
function teamMapping(props: MlflowTeamsProps, team: MlflowTeam, i: number): PropMapping {
  const own = team.storageAccountName !== undefined;
  const platformRelease = Object.keys(props.release ?? {}).filter((k) => !(k in (team.release ?? {})));
  return [
    ['resourceGroupName', 'resourceGroupName'], ['location', 'location'], ['cluster', 'cluster'],
    ...platformRelease.map((k): [string, string] => [`release.${k}`, `release.${k}`]),
    ...inheritedTagMappings(props.tags, team.tags),
    ['storage', own ? `teams[${i}].storage` : 'sharedStorage'],
    ['store', own ? `teams[${i}].storageAccountName` : 'sharedStorage'],
    ['namePrefix', `teams[${i}].name`],
    ['', `teams[${i}].`],
  ];
}

function validateMlflowTeamsProps(scope: Construct, props: MlflowTeamsProps): void {
  const p = new Problems(`MlflowTeams at ${scope.node.path}`, scope);
  checkResourceGroupName(p, 'resourceGroupName', props.resourceGroupName);
  checkLocation(p, 'location', props.location);
  checkTags(p, 'tags', props.tags);
  if (props.teams.length === 0) p.add('teams', [], 'must list at least one team');
  const seen = new Map<string, number>();
  props.teams.forEach((team, i) => {
    p.matches(`teams[${i}].name`, team.name, TEAM_NAME, 'must be 3 to 33 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (it names the team\'s namespace, release, identity, container and outputs)');
    const mode = team.auth?.mode;
    if (team.storageAccountName === undefined && (mode === ArtifactAuthMode.ACCOUNT_KEY || mode === ArtifactAuthMode.CONNECTION_STRING)) {
      p.add(`teams[${i}].auth.mode`, mode, 'a team in the shared account would get the account\'s key, which reads every team\'s container: use workload identity (the default) or a service principal of the team\'s own, or give the team a storageAccountName of its own');
    }
    if (mode === ArtifactAuthMode.KUBELET_IDENTITY) {
      p.add(`teams[${i}].auth.mode`, mode, 'the kubelet identity is every pod\'s on the cluster: every team (and any other pod) could use its grant; use workload identity (the default)');
    }
    if (team.storageAccountName === undefined && team.storage !== undefined) {
      p.add(`teams[${i}].storage`, team.storage, 'applies to a storage account of the team\'s own (storageAccountName): the shared account\'s settings are sharedStorage');
    }
    if (!isLiteral(team.name)) {
      p.add(`teams[${i}].name`, team.name, 'must be a literal string, not a token: it names the team\'s constructs and resources');
    } else {
      const first = seen.get(team.name);
      if (first !== undefined) p.add(`teams[${i}].name`, team.name, `is already the name of teams[${first}]: every name a team's instance creates derives from it`);
      else seen.set(team.name, i);
    }
  });
  const needShared = props.teams.filter((t) => t.storageAccountName === undefined).map((t) => t.name);
  if (needShared.length > 0 && props.sharedStorageAccountName === undefined) {
    p.add('sharedStorageAccountName', undefined, `is required: teams ${needShared.join(', ')} give no storageAccountName of their own, so they get a container in the shared account`);
  }
  if (props.sharedStorage?.containerName !== undefined) {
    p.add('sharedStorage.containerName', props.sharedStorage.containerName, 'is set by MlflowTeams: each team\'s container is named after the team');
  }
  if (needShared.length === 0) {
    p.notApplicable([['sharedStorageAccountName', props.sharedStorageAccountName], ['sharedStorage', props.sharedStorage]], 'applies only when a team has no storage account of its own');
  }
  p.throwIfAny();
}

