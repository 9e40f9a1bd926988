import { App, TerraformStack } from 'cdktf';
import { MlflowDevStack } from './dev';
import { MlflowProdStack } from './prod';
import { MlflowSpStack } from './sp';
import { MlflowTeamsStack } from './teams';
import { MlflowChecks } from '../lib';

/**
 * Every example stack, each checked by the policy aspect (errors fail the synth). Tests build
 * the same app as `npm run synth`.
 */
export function buildExampleStacks(app: App): TerraformStack[] {
  const dev = new MlflowDevStack(app, 'mlflow-dev');
  const sp = new MlflowSpStack(app, 'mlflow-sp');
  const prod = new MlflowProdStack(app, 'mlflow-prod');
  const teams = new MlflowTeamsStack(app, 'mlflow-teams');
  MlflowChecks.addTo(dev);
  MlflowChecks.addTo(sp);
  MlflowChecks.addTo(prod, { production: true });
  MlflowChecks.addTo(teams);
  return [dev, sp, prod, teams];
}
