#!/usr/bin/env bash
# The npm package as users install it: build, pack, install the tarball with its peer
# dependencies into a clean consumer project, type-check and run a consumer stack there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export JSII_SILENCE_SUPPORT_WARNING=1 JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 CHECKPOINT_DISABLE=1

cd "$root"
npx jsii --silence-warnings=reserved-word
tarball="$(npm pack --silent --pack-destination "$work")"
echo "packed $tarball:"
tar -tzf "$work/$tarball" | sed 's#^package/##' | sort > "$work/contents.txt"
# Only compiled JS, declarations, the jsii assembly and the docs may be in it.
if grep -vE '^(dist/.*\.(js|d\.ts)|\.jsii|API\.md|CHANGELOG\.md|LICENSE|README\.md|docs/.*\.md|package\.json)$' "$work/contents.txt"; then
  echo "unexpected files in the package (above)" >&2
  exit 1
fi
echo "  $(wc -l < "$work/contents.txt") files: dist/**/*.js, dist/**/*.d.ts, .jsii, API.md, CHANGELOG.md, LICENSE, README.md, docs/"

peers="$(node -p "Object.entries(require('./package.json').peerDependencies).map(([n, v]) => n + '@' + v).join(' ')")"
cd "$work"
echo '{ "name": "consumer", "private": true, "version": "1.0.0" }' > package.json
# shellcheck disable=SC2086
npm install --no-audit --no-fund --silent "./$tarball" $peers
cp "$root/test-consumer/main.ts" main.ts
"$root/node_modules/.bin/tsc" --strict --module commonjs --target es2022 --types node --typeRoots "$root/node_modules/@types" main.ts
node main.js
node -e "
const json = require('./out/stacks/mlflow/cdk.tf.json');
const types = Object.keys(json.resource).sort();
for (const t of ['azurerm_storage_account', 'azurerm_federated_identity_credential', 'helm_release', 'kubernetes_network_policy_v1', 'kubernetes_secret_v1']) {
  if (!types.includes(t)) { console.error('missing ' + t); process.exit(1); }
}
console.log('consumer stack synthesized: ' + types.join(', '));
"
