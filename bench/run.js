#!/usr/bin/env node
// `npm run bench`: whole-process medians for the performance targets, printed as a table and
// written to bench/results.json. Plain Node, not a test: nothing here is timed inside jest.
//
//   BENCH_RUNS=5 (counted runs per figure)   BENCH_SKIP=test,scale,app (sections to skip)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { measure, measurePair, measureRounds, median, runOnce } = require('./measure');

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const node = process.execPath;
const prog = (name) => path.join(__dirname, 'programs', name);

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

// The library as users load it: the compiled package (jsii output in dist/).
// jsii prints its diagnostics on stdout: they go to stderr here (stdout is the table).
log('building dist/ (jsii) ...');
try {
  execFileSync('npx', ['jsii', '--silence-warnings=reserved-word'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, JSII_SILENCE_SUPPORT_WARNING: '1', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' },
  });
} catch {
  log('bench: the library does not compile (jsii errors above); nothing was measured.');
  process.exit(1);
}

const results = { machine: machine(), runs: RUNS, figures: {} };
const rows = [];
const fmt = (x, d = 2) => (x === undefined ? '-' : x.toFixed(d));
function row(name, fig, target, ok) {
  const ratio = fig.ratio === undefined ? '-' : `${fmt(fig.ratio)}x`;
  rows.push([name, fmt(fig.wallS), fmt(fig.peakRssMiB, 0), ratio, target, ok === undefined ? '' : ok ? 'met' : 'MISSED']);
}

// 1. Import cost
{
  const r = measurePair(
    { cmd: node, args: [prog('require-lib.js')] },
    { cmd: node, args: [prog('require-cdktf.js')] },
    { runs: RUNS },
  );
  results.figures.import = r;
  row("require('cdktf')", r.b, '', undefined);
  row("require('cdktf-mlflow-azure')", { ...r.a, ratio: r.wallRatio }, '<= 1.3x cdktf', r.wallRatio <= 1.3);
}

// 2. The programs build what they claim: synth-pattern.js the stack of stacks/prod.ts (its JSON
// equals that of `npm run synth`, stack mlflow-prod), synth-handwritten.js the same resources
// (its JSON equals the pattern's). A difference is printed: the comparison is then unfair
// until the program is brought up to date.
{
  const prodJson = (cmd, args, env) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-same-'));
    try {
      execFileSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env(dir) }, stdio: ['ignore', 'ignore', 'ignore'] });
      return JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'mlflow-prod', 'cdk.tf.json'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  let vsHandwritten;
  let vsExample;
  try {
    const pattern = prodJson(node, [prog('synth-pattern.js')], (dir) => ({ BENCH_KEEP_OUTDIR: dir }));
    const handwritten = prodJson(node, [prog('synth-handwritten.js')], (dir) => ({ BENCH_KEEP_OUTDIR: dir }));
    vsHandwritten = firstDifference(pattern, handwritten);
    const example = prodJson('npm', ['run', '--silent', 'synth'], (dir) => ({ CDKTF_OUTDIR: dir }));
    vsExample = firstDifference(example, pattern);
  } catch (e) {
    vsExample = vsExample ?? `(not compared: ${String(e.message).split('\n')[0]})`;
  }
  results.sameJson = { patternVsHandwritten: vsHandwritten ?? 'identical', stacksProdVsPattern: vsExample ?? 'identical' };
  if (vsHandwritten) log(`WARNING: synth-handwritten.js differs from synth-pattern.js at ${vsHandwritten}`);
  if (vsExample) log(`WARNING: synth-pattern.js differs from stacks/prod.ts (npm run synth) at ${vsExample}`);
  rows.push(['same JSON: stacks/prod.ts, pattern, hand-written', '-', '-', '-', 'identical', !vsHandwritten && !vsExample ? 'met' : 'MISSED']);
}

// 3. Pattern synth vs the hand-written equivalent
{
  const r = measurePair(
    { cmd: node, args: [prog('synth-pattern.js')] },
    { cmd: node, args: [prog('synth-handwritten.js')] },
    { runs: RUNS },
  );
  const countA = JSON.parse(r.a.stdout).resources;
  const countB = JSON.parse(r.b.stdout).resources;
  results.figures.patternSynth = { ...r, resourcesPattern: countA, resourcesHandwritten: countB };
  row(`hand-written synth (${countB} resources)`, r.b, '', undefined);
  row(`pattern synth (${countA} resources)`, { ...r.a, ratio: r.wallRatio }, '<= 1.2x hand-written', r.wallRatio <= 1.2);
}

// 4. npm run synth of every example stack vs its floor (npm start-up + node + cdktf)
// (into a temporary outdir: the bench never rewrites cdktf.out of the working tree)
{
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-npm-synth-'));
  let r;
  try {
    r = measurePair(
      { cmd: 'npm', args: ['run', '--silent', 'synth'], opts: { env: { CDKTF_OUTDIR: outdir } } },
      { cmd: 'npm', args: ['run', '--silent', 'bench:floor'] },
      { runs: RUNS },
    );
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  results.figures.npmSynth = r;
  row('npm run bench:floor', r.b, '', undefined);
  row('npm run synth (all stacks)', { ...r.a, ratio: r.wallRatio }, '<= 2x floor', r.wallRatio <= 2);
}

// 5. Scaling: N instances of the pattern in one app (one stack each, see programs/scale.js).
// The three sizes run in rounds (1 10 100 1 10 100 ...); growth 10 -> 100 against ideal
// linear is taken round by round, then the median: the marginal cost of an instance from
// 10 to 100, (t100 - t10) / 90, over that from 1 to 10, (t10 - t1) / 9. 1.00 is linear.
if (!SKIP.has('scale')) {
  const sizes = [1, 10, 100];
  const { summaries, samples } = measureRounds(sizes.map((n) => ({ cmd: node, args: [prog('scale.js'), String(n)] })), { runs: RUNS });
  const scale = {};
  sizes.forEach((n, i) => {
    scale[n] = { ...summaries[i], jsonBytes: JSON.parse(summaries[i].stdout).bytes };
  });
  const growth = (t1, t10, t100) => (t100 - t10) / 90 / ((t10 - t1) / 9);
  const linearity = median(samples[0].map((s1, i) => growth(s1.wallS, samples[1][i].wallS, samples[2][i].wallS)));
  const bytesLinearity = growth(scale[1].jsonBytes, scale[10].jsonBytes, scale[100].jsonBytes);
  results.figures.scale = { ...scale, linearity, bytesLinearity };
  for (const n of [1, 10]) row(`${n} instance(s): synth, ${(scale[n].jsonBytes / 1024).toFixed(0)} KiB JSON`, scale[n], '', undefined);
  const big = scale[100];
  row(`100 instances: synth, ${(big.jsonBytes / 1024).toFixed(0)} KiB JSON`, big, '<= 2.5 s, <= 300 MiB', big.wallS <= 2.5 && big.peakRssMiB <= 300);
  // The yardstick: the same 100 stacks written by hand (synth-handwritten.js 100), no library
  // code. What the pattern adds is the ratio; the rest is cdktf's own cost per resource.
  const hw = measurePair({ cmd: node, args: [prog('scale.js'), '100'] }, { cmd: node, args: [prog('synth-handwritten.js'), '100'] }, { runs: RUNS });
  results.figures.scale.handwritten100 = { ...hw.b, patternRatio: hw.wallRatio };
  row('  the same 100 stacks hand-written (yardstick)', hw.b, '', undefined);
  row('  100 instances vs hand-written', { ...hw.a, ratio: hw.wallRatio }, '<= 1.2x hand-written', hw.wallRatio <= 1.2);
  rows.push(['growth 10 -> 100 vs linear (time)', '-', '-', `${fmt(linearity)}x`, '<= 1.1x', linearity <= 1.1 ? 'met' : 'MISSED']);
  rows.push(['growth 10 -> 100 vs linear (JSON bytes)', '-', '-', `${fmt(bytesLinearity)}x`, '', '']);
}

// 6. The test suite, cold (jest cache cleared before each run), and its steps one by one
// (read from .projen/tasks.json, so that they stay those of `npm test`; eslint without --fix:
// the bench never rewrites sources). A failing suite is still timed, and flagged.
if (!SKIP.has('test')) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jest-cache-'));
  const clear = () => fs.rmSync(cacheDir, { recursive: true, force: true });
  const runs = Math.max(3, Math.ceil(RUNS / 2));
  const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
  const jestArgs = tasks.test.steps.find((st) => st.execArgs?.[0] === 'jest').execArgs.slice(1);
  const eslintStep = tasks.eslint.steps[0];
  const eslintArgs = eslintStep.execArgs.slice(1).filter((a) => a !== '--fix' && a !== '$@');
  const failing = (fig) => (fig.failedRuns ? ` (FAILING: ${fig.failedRuns} of ${fig.runs} runs exit non-zero)` : '');
  try {
    const cold = { runs, warmup: 1, before: clear, env: { CI: 'true' }, allowFailure: true };
    const t = measure('npm', ['test', '--silent', '--', `--cacheDirectory=${cacheDir}`], cold);
    results.figures.npmTest = t;
    row(`npm test (cold)${failing(t)}`, t, '<= 20 s', t.wallS <= 20 && !t.failedRuns);
    const tc = measure('npx', ['tsc', '--noEmit', '-p', '__tests__/tsconfig.json'], { runs, allowFailure: true });
    results.figures.typecheck = tc;
    row(`  type-check of everything${failing(tc)}`, tc, '<= 5 s', tc.wallS <= 5 && !tc.failedRuns);
    const j = measure('npx', ['jest', ...jestArgs, `--cacheDirectory=${cacheDir}`], cold);
    results.figures.jestCold = j;
    row(`  jest, cold cache${failing(j)}`, j, '', undefined);
    const e = measure('npx', ['eslint', ...eslintArgs], { runs, env: eslintStep.env ?? tasks.eslint.env, allowFailure: true });
    results.figures.eslint = e;
    row(`  eslint (as npm test runs it, without --fix)${failing(e)}`, e, '', undefined);
    for (const [name, fig] of Object.entries({ npmTest: t, typecheck: tc, jestCold: j, eslint: e })) {
      if (fig.failureTail) log(`\n${name} failed:\n${fig.failureTail}`);
    }
  } finally {
    clear();
  }
}

// 7. A consumer's `app` command (cdktf.json): the same consumer stack (test-consumer/main.ts,
// the compiled library from dist/) run the three ways a user's project can (programs/consumer.js):
// the template's `npx ts-node main.ts`, `node main.js` compiled ahead by tsc, and an esbuild
// bundle run by node (the README recommends it: its command is read from the README). In rounds
// (ts-node, compiled, bundled, ...); ratios against `node main.js`, round by round. The same JSON
// from each, first.
if (!SKIP.has('app')) {
  const { makeConsumer, APP_COMMANDS } = require('./programs/consumer');
  const dir = makeConsumer();
  try {
    const tsc = path.join(dir, 'node_modules', '.bin', 'tsc');
    execFileSync(tsc, ['-p', '.'], { cwd: dir, stdio: ['ignore', 2, 2] });
    const names = ['tsNode', 'compiled', 'bundled'];
    const cmds = names.map((n) => ({ cmd: 'sh', args: ['-c', APP_COMMANDS[n]], opts: { cwd: dir } }));
    const synthJson = (c) => {
      runOnce(c.cmd, c.args, c.opts);
      return JSON.parse(fs.readFileSync(path.join(dir, 'out', 'stacks', 'mlflow', 'cdk.tf.json'), 'utf8'));
    };
    const [viaTsNode, viaCompiled, viaBundle] = cmds.map(synthJson);
    const diff = firstDifference(viaCompiled, viaTsNode) ?? firstDifference(viaCompiled, viaBundle);
    if (diff) log(`WARNING: the consumer's app commands synthesize different JSON at ${diff}`);
    rows.push(['same JSON: app via ts-node, compiled, bundled', '-', '-', '-', 'identical', diff ? 'MISSED' : 'met']);

    const { summaries, samples } = measureRounds(cmds, { runs: RUNS });
    const vsCompiled = (i) => median(samples[i].map((s, k) => s.wallS / samples[1][k].wallS));
    // The bundling is a fixed cost (esbuild's start-up and one pass over the app's own files),
    // not one in proportion to the synth: its target is in seconds over `node main.js`.
    const bundlingS = median(samples[2].map((s, k) => s.wallS - samples[1][k].wallS));
    const [tsNode, compiled, bundled] = summaries;
    const build = measure(tsc, ['-p', '.'], { runs: Math.max(3, Math.ceil(RUNS / 2)), cwd: dir });
    results.figures.appCommand = {
      commands: APP_COMMANDS, tsNode: { ...tsNode, ratio: vsCompiled(0) }, compiled, bundled: { ...bundled, ratio: vsCompiled(2), overCompiledS: bundlingS }, tscBuild: build,
    };
    row('app: npx ts-node main.ts (the template\'s)', { ...tsNode, ratio: vsCompiled(0) }, '', undefined);
    row('app: node main.js (compiled by tsc ahead)', compiled, '', undefined);
    row('  tsc, the build step node main.js needs', build, '', undefined);
    row(`app: esbuild bundle + node (README's: +${fmt(bundlingS)} s)`, { ...bundled, ratio: vsCompiled(2) }, '<= +0.25 s over node main.js', bundlingS <= 0.25);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

printTable(['figure', 'wall s', 'peak MiB', 'ratio', 'target', ''], rows);
fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(stripStdout(results), null, 2)}\n`);
log(`\n${results.machine}; medians of ${RUNS} runs after a warm-up; ratios pair by pair (A B A B ...). Written to bench/results.json.`);

function machine() {
  return `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function printTable(header, body) {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 || i === 4 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) console.log(line(r));
}

/** The path of the first difference between two JSON values, or undefined when equal. */
function firstDifference(a, b, at = '') {
  if (a === b) return undefined;
  if (typeof a === 'string' && typeof b === 'string') {
    let i = 0;
    while (a[i] === b[i]) i++;
    return `${at} (at character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 60))})`;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || '/'} (${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)})`;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[k], b[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

function stripStdout(obj) {
  return JSON.parse(JSON.stringify(obj, (k, v) => (k === 'stdout' ? undefined : v)));
}
