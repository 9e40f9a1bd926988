import { JsonFile, cdktf, javascript } from 'projen';

const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-mlflow-azure',
  description:
    'CDK for Terraform constructs for a production MLflow tracking server on AKS with its artifacts in Azure Blob Storage: storage, RBAC, workload identity, Key Vault encryption, monitoring and the MLflow helm release, secure by default.',
  author: 'cdktf-mlflow-azure maintainers',
  authorAddress: 'maintainers@cdktf-mlflow-azure.dev',
  repositoryUrl: 'https://github.com/cdktf-mlflow-azure/cdktf-mlflow-azure.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  keywords: ['cdktf', 'mlflow', 'azure', 'aks', 'terraform', 'blob-storage', 'helm', 'workload-identity'],

  // layout
  srcdir: 'lib',
  libdir: 'dist',
  testdir: '__tests__',
  entrypoint: 'dist/index.js',
  sampleCode: false,

  // toolchain
  minNodeVersion: '20.9.0',
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',
  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  peerDeps: [
    '@cdktf/provider-azurerm@^14.23.1',
    '@cdktf/provider-helm@^12.1.2',
    '@cdktf/provider-kubernetes@^12.1.1',
    // Entra ID application for MLflow sign-in (optional use) and time_sleep / time_rotating.
    '@cdktf/provider-azuread@^14.3.1',
    '@cdktf/provider-time@^11.0.1',
  ],
  devDeps: [
    'cdktf-cli@0.21.0',
    '@types/node@^20',
    '@swc/core',
    '@swc/jest',
    'esbuild',
    'ajv@^6.14.0',
    'js-yaml@^4.1.0',
    '@types/js-yaml@^4',
  ],

  // no hosted CI or publishing from this repository: CI is .ci/run
  github: false,
  release: true,
  releaseToNpm: false,
  // commit-and-tag-version 13 needs Node >= 22; 12.x runs on our Node 20.
  bumpPackage: 'commit-and-tag-version@^12',
  depsUpgrade: false,
  buildWorkflow: false,
  pullRequestTemplate: false,

  jestOptions: {
    coverageText: false,
    junitReporting: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testEnvironment: 'node',
      collectCoverage: false,
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
      // Says which helm renders the chart in the render tests, or that they are skipped.
      globalSetup: '<rootDir>/__tests__/global-setup.ts',
      // Every core: jest's default (cores - 1) runs the suite in one worker on a 2-core machine
      // (21.8 s there, 13.3 s with two: the main process only waits).
      maxWorkers: '100%',
      transform: {
        '^.+\\.[t]sx?$': new javascript.Transform('@swc/jest', {
          jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
          module: { type: 'commonjs' },
        }),
      },
    },
  },
  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['__tests__', 'stacks', 'bench', '.projenrc.ts'],
    // `npm test` (and CI) lint without --fix: a test run never rewrites files. `eslint:fix` fixes.
    commandOptions: { fix: false },
  },
  tsconfigDev: {
    include: ['../lib/**/*.ts', '../stacks/**/*.ts', '../bench/**/*.ts'],
    compilerOptions: {},
  },
});

// ts-jest is replaced by @swc/jest above; type-checking runs once, separately.
project.deps.removeDependency('ts-jest');

// npm 11 blocks dependency install scripts unless listed; none is needed here
// (native bindings come as optional platform packages). Deny them explicitly so installs are quiet.
project.package.addField('allowScripts', {
  '@cdktf/node-pty-prebuilt-multiarch': false,
  '@parcel/watcher': false,
  '@swc/core': false,
  'esbuild': false,
});

// Type-check everything (lib, stacks, tests, bench) once, as part of `npm test`.
project.addTask('typecheck', {
  description: 'Type-check lib/, stacks/, __tests__/ and bench/ (no emit)',
  exec: 'tsc --noEmit -p __tests__/tsconfig.json',
});
// `npm test`: the type-check and the lint at the same time (10.5 s together against 12.4 s one
// after the other: neither keeps two cores busy), then jest (which does).
const staticChecks = project.addTask('test:static', {
  description: 'Type-check and lint at the same time (typecheck, eslint); fails if either does',
  exec: 'node scripts/run-tasks.js typecheck eslint',
});
const jestStep = project.testTask.steps.find((step) => step.execArgs?.[0] === 'jest' || step.exec?.startsWith('jest'));
if (!jestStep) throw new Error('projen test task: no jest step found');
project.testTask.reset();
project.testTask.spawn(staticChecks);
project.testTask.addSteps(jestStep);

// `npm run synth` runs the stacks app directly: no projen task, no type-checking in the synth
// path, and no TypeScript loader hook either (a loader consulted on every require, with source
// maps over cdktf's per-token stack traces, cost ~2.7x the floor of node + cdktf).
// scripts/synth.js bundles stacks/ and lib/ with esbuild (packages stay external) while it loads
// cdktf, then runs the bundle in the same process.
const synthCommand = 'node scripts/synth.js';
project.package.setScript('synth', synthCommand);

// Benchmarks: plain Node scripts, whole-process medians (never a timed test).
project.package.setScript('bench', 'node bench/run.js');
// The npm package as users install it (pack, install in a clean project, run a consumer stack).
project.package.setScript('test:package', 'bash scripts/check-package.sh');
project.package.setScript('bench:floor', "node -e \"require('cdktf')\"");

// cdktf.json: `cdktf synth|deploy` run the same app the same way.
new JsonFile(project, 'cdktf.json', {
  obj: {
    language: 'typescript',
    app: synthCommand,
    output: 'cdktf.out',
    projectId: 'cdktf-mlflow-azure-examples',
    sendCrashReports: 'false',
    terraformProviders: [],
    terraformModules: [],
    context: {},
  },
});

// Lint without type information: the two type-aware rules projen enables (floating promises,
// return-await) have nothing to check in this synchronous code base and cost a second
// TypeScript program per run; `npm test` type-checks everything with tsc already.
project.eslint?.addRules({
  '@typescript-eslint/no-floating-promises': 'off',
  '@typescript-eslint/return-await': 'off',
});
project.tryFindObjectFile('.eslintrc.json')?.addDeletionOverride('parserOptions.projectService');
// For developers: the same lint with --fix (the eslint task passes its arguments on to eslint).
project.addTask('eslint:fix', {
  description: 'Runs eslint with --fix (npm test lints without it)',
  exec: 'projen eslint --fix',
});

// The vendored MLflow chart (tests only; provenance in vendor/README.md).
project.gitattributes.addAttributes('/vendor/**', 'linguist-vendored');

project.gitignore.exclude('cdktf.out/', '*.tfstate', '*.tfstate.*', '.terraform/', 'bench/results.json');
project.npmignore?.exclude(
  '/bench/', '/cdktf.json', '/cdktf.out/', '/.ci/', '/__tests__/',
  '/scripts/', '/test-consumer/', '/test-reports/', '/vendor/*',
  '/dist/js/', '/dist/changelog.md', '/dist/version.txt', '/dist/releasetag.txt',
);
// What the README links or names ships with the code (`npm run test:package` checks every
// relative link of every shipped markdown file inside the installed package):
// - docker/: the image recipe (Dockerfile, README), named by the README and by synth errors;
// - stacks/*.ts: the example app, the production example (stacks/prod.ts) among them, as
//   sources to read and copy (they import '../lib': in a project, 'cdktf-mlflow-azure').
//   jsii compiles lib/ only, so they are not compiled into dist/;
// - lib/**/README.md: the concern folders' READMEs (the TypeScript sources of lib/ stay out:
//   a negation under the excluded /lib/ makes npm walk into it, hence /lib/**/*.ts);
// - vendor/README.md: the vendored chart's provenance (the chart itself stays out);
// - docs/: shipped as before.
project.npmignore?.exclude('/lib/**/*.ts');
project.npmignore?.include('/lib/**/README.md', '/vendor/README.md');

project.synth();
