'use strict';
// One production MLflow stack built with the compiled library (like stacks/prod.ts),
// synthesized. Prints {"resources": N} (resources + data sources) on stdout.
const { prodStack } = require('./pattern');
const { synthInTemp, stackFiles, countResources } = require('./synth');

const resources = synthInTemp(
  (app) => prodStack(app, 'mlflow-prod'),
  (outdir) => stackFiles(outdir).reduce((n, f) => n + countResources(f), 0),
);
process.stdout.write(`${JSON.stringify({ resources })}\n`);
