import { App, TerraformStack } from 'cdktf';
import { MlflowDevStack } from './dev';

/** Every example stack, by name. Tests build the same app as `npm run synth`. */
export function buildExampleStacks(app: App): TerraformStack[] {
  return [new MlflowDevStack(app, 'mlflow-dev')];
}
