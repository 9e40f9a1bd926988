import { App } from 'cdktf';
import { buildExampleStacks } from './app';

/*
 * The example app: every stack synthesises offline (local backend, no Azure credentials).
 * `npm run synth` writes cdktf.out/stacks/<stack>/cdk.tf.json.
 */
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildExampleStacks(app);
app.synth();
