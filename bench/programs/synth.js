'use strict';
// Synthesis into a fresh temporary outdir (removed after), shared by the synth programs.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { App } = require('cdktf');

/**
 * Build the app with `build(app)`, synthesize, hand `inspect` the outdir, clean up.
 * BENCH_KEEP_OUTDIR=<dir> synthesizes into <dir> and keeps it (to compare the programs' JSON).
 */
function synthInTemp(build, inspect) {
  const keep = process.env.BENCH_KEEP_OUTDIR;
  const outdir = keep ? path.resolve(keep) : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
    return inspect(outdir);
  } finally {
    if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Paths of every synthesized stack's cdk.tf.json. */
function stackFiles(outdir) {
  const dir = path.join(outdir, 'stacks');
  return fs.readdirSync(dir).map((s) => path.join(dir, s, 'cdk.tf.json'));
}

/** Resources + data sources of one synthesized stack. */
function countResources(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  let n = 0;
  for (const block of [json.resource, json.data]) {
    for (const byName of Object.values(block ?? {})) n += Object.keys(byName).length;
  }
  return n;
}

module.exports = { synthInTemp, stackFiles, countResources };
