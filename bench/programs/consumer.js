'use strict';
// A user's cdktf project, as `cdktf init --template=typescript` makes it, around
// test-consumer/main.ts (the consumer stack of `npm run test:package`): the template's
// tsconfig.json, and node_modules holding the compiled library (this repository: package.json
// main dist/index.js, types dist/index.d.ts) and its peers. Every package is a symlink into this
// repository's node_modules, so the consumer's require('cdktf') and the library's are one module.
//
// The app commands a consumer can put in cdktf.json ("app"), run in that directory:
//   tsNode    `npx ts-node main.ts`        the template's: type-checks and compiles in memory
//   compiled  `node main.js`               main.js compiled ahead by `tsc` (a build step)
//   bundled   esbuild bundle, then node    the README's (as `npm run synth` here): no type-checking
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');
const TEMPLATE_TSCONFIG = path.join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'templates', 'typescript', 'tsconfig.json');

/** The "app" of the cdktf.json block under the README's "### A fast app command" (the one it recommends). */
function readmeAppCommand() {
  const md = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = md.split(/^### A fast app command$/m)[1]?.split(/^#{1,3} /m)[0] ?? '';
  const block = /^```json\n([\s\S]*?)^```/m.exec(section);
  if (!block) throw new Error('README.md: no json block under "### A fast app command"');
  return JSON.parse(block[1]).app;
}

/** The app commands (shell words), by name; `bundled` is the README's. */
const APP_COMMANDS = {
  tsNode: 'npx ts-node main.ts',
  compiled: 'node main.js',
  bundled: readmeAppCommand(),
};

/** Creates the project in a temporary directory; returns its path. Remove it with fs.rmSync. */
function makeConsumer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-consumer-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const link = (name, target) => {
    const at = path.join(dir, 'node_modules', name);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at);
  };
  link(pkg.name, ROOT);
  const fromRepo = ['cdktf', 'constructs', ...Object.keys(pkg.peerDependencies ?? {}),
    // what `cdktf init --template=typescript` installs to build and run the app
    'typescript', 'ts-node', '@types/node',
    // the bundler of the bundled command
    'esbuild'];
  for (const name of new Set(fromRepo)) link(name, path.join(ROOT, 'node_modules', name));
  for (const bin of ['ts-node', 'tsc', 'esbuild']) link(path.join('.bin', bin), path.join(ROOT, 'node_modules', '.bin', bin));
  fs.copyFileSync(TEMPLATE_TSCONFIG, path.join(dir, 'tsconfig.json'));
  fs.copyFileSync(path.join(ROOT, 'test-consumer', 'main.ts'), path.join(dir, 'main.ts'));
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, main: 'main.js', types: 'main.ts' }, null, 2)}\n`);
  return dir;
}

module.exports = { makeConsumer, APP_COMMANDS };
