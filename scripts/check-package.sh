#!/usr/bin/env bash
# The npm package as users install it: build, pack, install the tarball with its peer
# dependencies into a clean project made as `cdktf init --template=typescript` makes one (its
# tsconfig.json, typescript and @types/node as dev dependencies), then check there that
#  1. the package holds what the README points to: every relative link of every shipped
#     markdown file resolves inside the installed package (to a file or folder, and to a heading
#     or anchor when it names one), and the docker recipe and the example app are there;
#  2. the consumer stack (test-consumer/main.ts) type-checks under the template's tsconfig
#     (test-consumer/tsconfig.json, a verbatim copy) and synthesizes;
#  3. the shipped example app (stacks/, mlflow-prod among its stacks) compiles and synthesizes
#     once its imports of '../lib' name the package;
#  4. the README's recommended `app` command ("### A fast app command") runs the consumer stack.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export JSII_SILENCE_SUPPORT_WARNING=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 CHECKPOINT_DISABLE=1

cd "$root"
template="node_modules/cdktf-cli/bundle/templates/typescript/tsconfig.json"
if ! cmp -s test-consumer/tsconfig.json "$template"; then
  echo "test-consumer/tsconfig.json is not the tsconfig.json of cdktf init --template=typescript ($template):" >&2
  diff test-consumer/tsconfig.json "$template" >&2 || true
  exit 1
fi
npx jsii --silence-warnings=reserved-word
tarball="$(npm pack --silent --pack-destination "$work")"
echo "packed $tarball:"
tar -tzf "$work/$tarball" | sed 's#^package/##' | sort > "$work/contents.txt"
# Compiled JS, declarations, the jsii assembly, the docs, the image recipe, the example app's
# sources and the READMEs of lib/ and vendor/; nothing else (no lib/ sources, no tests, no chart).
if grep -vE '^(dist/.*\.(js|d\.ts)|\.jsii|API\.md|CHANGELOG\.md|LICENSE|README\.md|docs/.*\.md|docker/(Dockerfile|README\.md)|stacks/[a-z0-9-]+\.ts|lib/([a-z0-9-]+/)*README\.md|vendor/README\.md|package\.json)$' "$work/contents.txt"; then
  echo "unexpected files in the package (above)" >&2
  exit 1
fi
for f in docker/Dockerfile docker/README.md stacks/main.ts stacks/prod.ts; do
  grep -qx "$f" "$work/contents.txt" || { echo "$f is not in the package" >&2; exit 1; }
done
echo "  $(wc -l < "$work/contents.txt") files: dist/**/*.js, dist/**/*.d.ts, .jsii, API.md, CHANGELOG.md, LICENSE, README.md, docs/, docker/, stacks/*.ts, lib/**/README.md, vendor/README.md"

peers="$(node -p "Object.entries(require('./package.json').peerDependencies).map(([n, v]) => n + '@' + v).join(' ')")"
# What cdktf init installs to build the app (the versions of this repository), and esbuild for
# the README's app command.
devdeps="$(node -p "['typescript', '@types/node', 'esbuild'].map((n) => n + '@' + require('./node_modules/' + n + '/package.json').version).join(' ')")"
cd "$work"
echo '{ "name": "consumer", "private": true, "version": "1.0.0", "main": "main.js", "types": "main.ts" }' > package.json
# shellcheck disable=SC2086
npm install --no-audit --no-fund --silent "./$tarball" $peers
# shellcheck disable=SC2086
npm install --no-audit --no-fund --silent --save-dev $devdeps
pkg="node_modules/cdktf-mlflow-azure"

# 1. every relative link of every shipped markdown file resolves inside the installed package
node - "$pkg" <<'EOF'
const fs = require('fs');
const path = require('path');
const pkg = path.resolve(process.argv[2]);
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path.join(d, e.name))) : [path.join(d, e.name)]);
const docs = walk(pkg).filter((f) => f.endsWith('.md'));
const rel = (f) => path.relative(pkg, f);

/** The markdown lines outside fenced code blocks, with their line numbers. */
function prose(file) {
  let fence = false;
  return fs.readFileSync(file, 'utf8').split('\n').map((text, i) => ({ text, n: i + 1 })).filter(({ text }) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fence = !fence;
      return false;
    }
    return !fence;
  });
}
/** GitHub's heading ids (lowercase; punctuation but - and _ dropped; spaces to -; -1, -2 for repeats) and explicit anchors. */
const anchorCache = new Map();
function anchors(file) {
  if (anchorCache.has(file)) return anchorCache.get(file);
  const ids = new Set();
  const seen = new Map();
  for (const { text } of prose(file)) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (h) {
      const base = h[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '').toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
      const k = seen.get(base) ?? 0;
      seen.set(base, k + 1);
      ids.add(k ? `${base}-${k}` : base);
    }
    for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) ids.add(m[1]);
  }
  anchorCache.set(file, ids);
  return ids;
}

let links = 0;
const broken = [];
for (const file of docs) {
  for (const { text, n } of prose(file)) {
    const line = text.replace(/`[^`]*`/g, '');
    const targets = [...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...line.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]);
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      links++;
      const [filePart, anchor] = decodeURI(target).split('#');
      const resolved = filePart ? path.resolve(path.dirname(file), filePart) : file;
      const where = `${rel(file)}:${n}: ${target}`;
      if (resolved !== pkg && !resolved.startsWith(pkg + path.sep)) broken.push(`${where} (outside the package)`);
      else if (!fs.existsSync(resolved)) broken.push(`${where} (${rel(resolved)} is not in the package)`);
      else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${where} (no heading or anchor #${anchor} in ${rel(resolved)})`);
    }
  }
}
if (broken.length) {
  console.error(`relative links that do not resolve inside the installed package:\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log(`${docs.length} markdown files in the installed package, ${links} relative links: each resolves inside it`);
EOF

# 2. the consumer stack, under the template's tsconfig, compiled as `npm run build` does (tsc)
cp "$root/test-consumer/main.ts" "$root/test-consumer/tsconfig.json" .
# 3. the example app as shipped, its imports of the library pointed at the package
mkdir example
cp "$pkg"/stacks/*.ts example/
sed -i "s#from '\.\./lib'#from 'cdktf-mlflow-azure'#" example/*.ts
if grep -n "from '\.\./" example/*.ts; then
  echo "the example imports the library by a path other than '../lib' (above): it must use the package's exports" >&2
  exit 1
fi
npx tsc -p .
node main.js
check_stack() { # <cdk.tf.json> <resource type>...
  node -e "
const json = require(process.argv[1]);
const types = Object.keys(json.resource).sort();
const missing = process.argv.slice(2).filter((t) => !types.includes(t));
if (missing.length) { console.error(process.argv[1] + ': missing ' + missing.join(', ')); process.exit(1); }
console.log(process.argv[1] + ': ' + types.length + ' resource types (' + process.argv.slice(2).join(', ') + ')');
" "$@"
}
check_stack ./out/stacks/mlflow/cdk.tf.json azurerm_storage_account azurerm_federated_identity_credential helm_release kubernetes_network_policy_v1 kubernetes_secret_v1
CDKTF_OUTDIR=out-example node example/main.js
check_stack ./out-example/stacks/mlflow-prod/cdk.tf.json azurerm_storage_account azurerm_key_vault_key azurerm_private_endpoint azurerm_monitor_metric_alert helm_release
echo "example app (stacks/ of the package) synthesized: $(ls out-example/stacks | tr '\n' ' ')"

# 4. the README's recommended app command (the "app" of the cdktf.json block under "### A fast app command")
app="$(node -e "
const md = require('fs').readFileSync(process.argv[1], 'utf8');
const section = md.split(/^### A fast app command$/m)[1]?.split(/^#{1,3} /m)[0] ?? '';
const block = /^\`\`\`json\n([\s\S]*?)^\`\`\`/m.exec(section);
if (!block) { console.error('README.md: no json block under ### A fast app command'); process.exit(1); }
console.log(JSON.parse(block[1]).app);
" "$pkg/README.md")"
echo "README's app command: $app"
rm -rf out
sh -c "$app"
check_stack ./out/stacks/mlflow/cdk.tf.json azurerm_storage_account helm_release
