// Read a change to the example stacks' snapshots: `node scripts/stack-snapshot-diff.js <old .snap> <new .snap>` prints
// every changed path (helm values expanded), since jest shows the values as one long line.
const fs = require('fs');
function load(file) {
  const e = {}; new Function('exports', fs.readFileSync(file, 'utf8'))(e);
  const r = {};
  for (const [k, v] of Object.entries(e)) { const m = /example stacks (\S+) matches/.exec(k); if (m) r[m[1]] = JSON.parse(v.trim().slice(1, -1)); }
  return r;
}
function flat(o, p = '', acc = {}) {
  if (o && typeof o === 'object') { for (const [k, v] of Object.entries(o)) flat(v, p ? `${p}.${k}` : k, acc); if (Object.keys(o).length === 0) acc[p] = JSON.stringify(o); }
  else acc[p] = JSON.stringify(o);
  return acc;
}
const a = load(process.argv[2]), b = load(process.argv[3]);
// every stack of either file: one added or removed shows each of its paths against "-"
for (const stack of new Set([...Object.keys(a), ...Object.keys(b)])) {
  const fa = a[stack], fb = b[stack];
  const expand = (j) => { const c = JSON.parse(JSON.stringify(j)); for (const r of Object.values(c.resource?.helm_release ?? {})) r.values = r.values.map((v) => JSON.parse(v)); return c; };
  const A = fa ? flat(expand(fa)) : {}, B = fb ? flat(expand(fb)) : {};
  console.log(`== ${stack}${fa ? '' : ' (added)'}${fb ? '' : ' (removed)'}`);
  for (const k of new Set([...Object.keys(A), ...Object.keys(B)])) {
    if (A[k] !== B[k]) console.log(`  ${k}: ${A[k] ?? '-'} -> ${B[k] ?? '-'}`);
  }
}
