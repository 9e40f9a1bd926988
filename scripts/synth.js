#!/usr/bin/env node
// `npm run synth` and `cdktf synth`: bundles the example app (stacks/main.ts and lib/; packages
// stay external) with esbuild and runs the bundle in this process. No type-checking and no
// TypeScript loader hook in the synth path (`npm test` type-checks).
//
// esbuild bundles in its own process while this one loads cdktf and constructs, which the bundle
// requires first anyway: the two overlap instead of running one after the other (`esbuild ... &&
// node bundle.js` waited for esbuild's start-up and bundling, then started node).
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join(ROOT, 'node_modules', '.cache', 'cdktf-mlflow-azure', 'synth.js');
// esbuild's own binary for this platform (npm installs it as an optional dependency); else its
// launcher script, which starts one more node and prints a stack trace of its own on errors.
const ESBUILD = (() => {
  try {
    return require.resolve(`@esbuild/${process.platform}-${process.arch}/bin/esbuild`);
  } catch {
    return path.join(ROOT, 'node_modules', '.bin', 'esbuild');
  }
})();

const esbuild = spawn(ESBUILD, [
  path.join(ROOT, 'stacks', 'main.ts'), '--bundle', '--platform=node', '--target=node20', '--packages=external',
  '--log-level=warning', `--outfile=${BUNDLE}`,
], { stdio: ['ignore', 'inherit', 'inherit'] });
esbuild.on('error', (err) => {
  process.stderr.write(`synth: cannot run esbuild (${ESBUILD}): ${err.message}; run npm ci\n`);
  process.exitCode = 1;
});
require('cdktf');
require('constructs');

esbuild.on('close', (code, signal) => {
  if (code === 0) {
    require(BUNDLE);
  } else {
    // esbuild has printed its errors
    process.stderr.write(`synth: esbuild failed (${signal ?? `exit ${code}`})\n`);
    process.exitCode = 1;
  }
});
