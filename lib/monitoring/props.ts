/** The metric alerts of {@link ArtifactMonitoring}. */
export enum ArtifactAlert {
  /** `Availability` (average, %) below `availabilityPercent`; severity 1, every 5 min over 15 min. */
  AVAILABILITY = 'availability',
  /** `SuccessE2ELatency` (average, ms) above `successE2ELatencyMs`; severity 2, every 5 min over 15 min. */
  LATENCY = 'latency',
  /** `UsedCapacity` (average, bytes) above `usedCapacityGiB`; severity 3, every hour over 1 day. */
  CAPACITY = 'capacity',
  /** `Transactions` (total) with ResponseType ServerOtherError or ServerTimeoutError above `serverErrorCount`; severity 1, every 5 min over 15 min. */
  SERVER_ERRORS = 'server-errors',
  /** `Transactions` (total) with a throttling ResponseType (ServerBusyError, ClientThrottlingError, ClientAccountBandwidthThrottlingError, ClientAccountRequestThrottlingError) above `throttlingCount`; severity 2, every 5 min over 15 min. */
  THROTTLING = 'throttling',
}

/** An e-mail receiver of the action group. */
export interface ArtifactEmailReceiverProps {
  /** Receiver name, unique (case-insensitive) within the action group. */
  readonly name: string;
  /** E-mail address. */
  readonly emailAddress: string;
}

/**
 * A webhook receiver of the action group. Webhook URLs often carry a secret (a token in the
 * path or query): pass them as a sensitive `TerraformVariable`, never as a literal.
 */
export interface ArtifactWebhookReceiverProps {
  /** Receiver name, unique (case-insensitive) within the action group. */
  readonly name: string;
  /** The `https://` URL alerts are posted to (common alert schema). */
  readonly serviceUri: string;
}

/** The action group the alerts notify. */
export interface ArtifactActionGroupProps {
  /** Name of the action group. */
  readonly name: string;
  /** Short name shown in SMS and e-mail: 1 to 12 characters. */
  readonly shortName: string;
  /**
   * E-mail receivers (common alert schema).
   * @default []
   */
  readonly emailReceivers?: ArtifactEmailReceiverProps[];
  /**
   * Webhook receivers (common alert schema).
   * @default []
   */
  readonly webhookReceivers?: ArtifactWebhookReceiverProps[];
}

/** An Event Hub the diagnostic data is also streamed to (e.g. a SIEM). */
export interface ArtifactEventHubProps {
  /** Id of the Event Hub namespace authorization rule (`azurerm_eventhub_namespace_authorization_rule`). */
  readonly authorizationRuleId: string;
  /**
   * Event Hub name.
   * @default - the namespace's default hub
   */
  readonly eventHubName?: string;
}

/** Alert thresholds; every alert fires on its own threshold. */
export interface ArtifactAlertThresholdsProps {
  /**
   * Fire when availability (%) drops below this: more than 0, at most 100.
   * @default 99.9
   */
  readonly availabilityPercent?: number;
  /**
   * Fire when the average end-to-end latency of successful requests (ms) exceeds this: more than 0.
   * Large artifact uploads and downloads are slow by nature: raise it for big models.
   * @default 1000
   */
  readonly successE2ELatencyMs?: number;
  /**
   * Fire when the account's used capacity (GiB, 1 GiB = 2^30 bytes) exceeds this: more than 0.
   * @default 1024
   */
  readonly usedCapacityGiB?: number;
  /**
   * Fire when more than this many requests fail with a server error in 15 minutes: a whole number, 0 or more.
   * Azure Monitor evaluates each included ResponseType as its own time series, so the
   * threshold applies per response type.
   * @default 10
   */
  readonly serverErrorCount?: number;
  /**
   * Fire when more than this many requests are throttled in 15 minutes: a whole number, 0 or more
   * (per throttling response type, like serverErrorCount).
   * @default 10
   */
  readonly throttlingCount?: number;
}

/**
 * The settings of an {@link ArtifactMonitoring} that the pattern passes through.
 */
export interface ArtifactMonitoringOptions {
  /**
   * Name of a new Log Analytics workspace: 4 to 63 letters, digits and hyphens, not starting
   * or ending with a hyphen.
   * @default "<name>-logs" (unless existingLogAnalyticsWorkspaceId is given)
   */
  readonly logAnalyticsWorkspaceName?: string;
  /**
   * An existing Log Analytics workspace to send the diagnostics to instead of a new one.
   * @default - a new workspace
   */
  readonly existingLogAnalyticsWorkspaceId?: string;
  /**
   * Retention of the new workspace in days: 30 to 730.
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Allow the new workspace's shared keys (local authentication) besides Microsoft Entra ID.
   * Diagnostic settings and current agents do not need them.
   * @default false
   */
  readonly allowWorkspaceLocalAuthentication?: boolean;
  /**
   * Daily ingestion cap of the new workspace in GB (cost control; data beyond it is dropped).
   * @default - no cap
   */
  readonly workspaceDailyQuotaGb?: number;
  /**
   * Also archive the diagnostics in this storage account (same region; never the artifact account itself).
   * @default - none
   */
  readonly archiveStorageAccountId?: string;
  /**
   * Also stream the diagnostics to an Event Hub.
   * @default - none
   */
  readonly eventHub?: ArtifactEventHubProps;
  /**
   * The customer-managed key's vault: its `AuditEvent` logs (every key operation, including
   * Azure Storage's wrap/unwrap) and metrics go to the same destinations.
   * @default - no key vault diagnostics
   */
  readonly keyVaultId?: string;
  /**
   * Also send the vault's `AzurePolicyEvaluationDetails` logs.
   * @default false
   */
  readonly keyVaultPolicyEvaluationLogs?: boolean;
  /**
   * A new action group the alerts notify.
   * @default - none (see existingActionGroupIds)
   */
  readonly actionGroup?: ArtifactActionGroupProps;
  /**
   * Existing action groups the alerts notify as well.
   * @default []
   */
  readonly existingActionGroupIds?: string[];
  /**
   * Alert thresholds.
   * @default - see ArtifactAlertThresholdsProps
   */
  readonly thresholds?: ArtifactAlertThresholdsProps;
  /**
   * Alerts not to create.
   * @default [] (every alert is created)
   */
  readonly disabledAlerts?: ArtifactAlert[];
  /**
   * Tags on every resource.
   * @default {}
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Props of {@link ArtifactMonitoring}.
 */
export interface ArtifactMonitoringProps extends ArtifactMonitoringOptions {
  /** Resource group of the workspace, action group and alerts. */
  readonly resourceGroupName: string;
  /** Azure region of the workspace. */
  readonly location: string;
  /** Resource id of the artifact storage account (`ArtifactStore.accountId`). */
  readonly storageAccountId: string;
  /**
   * Base name of the resources: alerts are `<name>-<alert>`, diagnostic settings
   * `<name>-diagnostics`. 3 to 50 letters, digits and hyphens, starting and ending with a
   * letter or digit.
   */
  readonly name: string;
}
