// Whole-process measurement: wall time from spawn to exit, and the peak RSS of the largest
// single Node process the command started (each reports its own at exit through rss-probe.js).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PROBE = path.join(__dirname, 'rss-probe.js');

/**
 * Run a command once; returns { wallS, peakRssMiB, status, stdout }. Throws when it fails,
 * unless `opts.allowFailure` (a test suite that fails is still timed, and reported as failing).
 */
function runOnce(cmd, args, opts = {}) {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const env = {
    ...process.env,
    ...opts.env,
    BENCH_RSS_FILE: rssFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PROBE}`.trim(),
    CHECKPOINT_DISABLE: '1',
  };
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? path.join(__dirname, '..'), env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  let peakKiB = 0;
  if (fs.existsSync(rssFile)) {
    for (const line of fs.readFileSync(rssFile, 'utf8').split('\n')) {
      const kib = Number(line.split(' ')[1]);
      if (kib > peakKiB) peakKiB = kib;
    }
    fs.rmSync(rssFile, { force: true });
  }
  if (r.status !== 0 && !(opts.allowFailure && r.status !== null)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal ?? r.error}\n${r.stdout}\n${r.stderr}`);
  }
  return { wallS, peakRssMiB: peakKiB / 1024, status: r.status, stdout: r.stdout, stderr: r.status === 0 ? '' : r.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of `runs` runs after `warmup` uncounted ones. */
function measure(cmd, args, { runs = 5, warmup = 1, before, ...opts } = {}) {
  for (let i = 0; i < warmup; i++) {
    before?.();
    runOnce(cmd, args, opts);
  }
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    samples.push(runOnce(cmd, args, opts));
  }
  return summarize(samples);
}

/**
 * A and B run alternately (A B A B ...) so that drift of a shared, noisy machine hits both;
 * the ratio is taken pair by pair, then the median.
 */
function measurePair(a, b, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) {
    runOnce(a.cmd, a.args, a.opts);
    runOnce(b.cmd, b.args, b.opts);
  }
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(runOnce(a.cmd, a.args, a.opts));
    bs.push(runOnce(b.cmd, b.args, b.opts));
  }
  return {
    a: summarize(as),
    b: summarize(bs),
    wallRatio: median(as.map((x, i) => x.wallS / bs[i].wallS)),
    rssRatio: median(as.map((x, i) => x.peakRssMiB / bs[i].peakRssMiB)),
  };
}

/**
 * Several commands in rounds (A B C A B C ...) after one warm-up of each, so that drift of a
 * shared machine hits all alike; returns one summary per command and the raw samples, for
 * figures taken round by round.
 */
function measureRounds(cmds, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) for (const c of cmds) runOnce(c.cmd, c.args, c.opts);
  const samples = cmds.map(() => []);
  for (let i = 0; i < runs; i++) cmds.forEach((c, j) => samples[j].push(runOnce(c.cmd, c.args, c.opts)));
  return { summaries: samples.map(summarize), samples };
}

function summarize(samples) {
  return {
    runs: samples.length,
    wallS: median(samples.map((s) => s.wallS)),
    wallMinS: Math.min(...samples.map((s) => s.wallS)),
    wallMaxS: Math.max(...samples.map((s) => s.wallS)),
    peakRssMiB: median(samples.map((s) => s.peakRssMiB)),
    failedRuns: samples.filter((s) => s.status !== 0).length,
    failureTail: tail(samples.filter((s) => s.status !== 0).pop()),
    stdout: samples[samples.length - 1].stdout,
  };
}

/** The last lines a failed run printed (undefined when every run passed). */
function tail(sample) {
  if (!sample) return undefined;
  return `exit ${sample.status}: ${`${sample.stdout}\n${sample.stderr}`.trim().split('\n').slice(-12).join('\n')}`;
}

module.exports = { runOnce, measure, measurePair, measureRounds, median };
