import { IConstruct } from 'constructs';

/** The construct metadata type a suppression is stored under (`MlflowChecks.suppress`). */
export const SUPPRESSION_METADATA = 'cdktf-mlflow-azure/checks-suppression';

/** What a suppression stores. */
export interface SuppressionData {
  readonly ruleId: string;
  readonly reason: string;
}

/** The reason of the nearest suppression of a rule or warning id on the construct or one of its scopes. */
export function suppressionReason(construct: IConstruct, ruleId: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== SUPPRESSION_METADATA) continue;
      const data = entry.data as SuppressionData;
      if (data.ruleId === ruleId) return data.reason;
    }
  }
  return undefined;
}
