'use strict';
// N production MLflow instances in one app, one stack each, synthesized.
// Prints {"bytes": B} (total size of every synthesized cdk.tf.json) on stdout.
//
// One stack per instance, as users run many MLflow instances (one per team or environment):
// each gets its own Terraform state, so a plan or apply touches ~34 resources instead of
// 34 x N, a failed apply or a state lock blocks one team only, and instances are added or
// destroyed without planning the others. All names that are global (storage account, key
// vault) or shared on one cluster (namespace, release, ingress host) are distinct.
const fs = require('fs');
const { prodStack } = require('./pattern');
const { synthInTemp, stackFiles } = require('./synth');

const n = Number(process.argv[2] ?? 1);
if (!Number.isInteger(n) || n < 1 || n > 999) throw new Error(`usage: scale.js N (1..999), got ${process.argv[2]}`);

const bytes = synthInTemp(
  (app) => {
    for (let i = 1; i <= n; i++) prodStack(app, `mlflow-${String(i).padStart(3, '0')}`, String(i).padStart(3, '0'));
  },
  (outdir) => stackFiles(outdir).reduce((sum, f) => sum + fs.statSync(f).size, 0),
);
process.stdout.write(`${JSON.stringify({ bytes })}\n`);
