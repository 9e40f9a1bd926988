import { App } from 'cdktf';
import { buildExampleStacks } from './app';

/*
 * The example app: every stack synthesises offline (local backend, or a Terraform Cloud
 * workspace when TFC_ORGANIZATION is set; no Azure credentials). `npm run synth` writes
 * cdktf.out/stacks/<stack>/cdk.tf.json. Policy errors fail the synth; warnings are printed.
 */
const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out' });
buildExampleStacks(app);
app.synth();

for (const c of app.node.findAll()) {
  for (const m of c.node.metadata) {
    if (m.type === '@cdktf/warn') process.stderr.write(`WARNING [${c.node.path}]: ${m.data}\n`);
  }
}
