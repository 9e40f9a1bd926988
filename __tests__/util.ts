import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack, Testing } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { IConstruct } from 'constructs';
import { resolveInStack } from '../lib/core/tokens';

/** The output directory of every test app of one test file, made on first use, removed after the file. */
let outdir: string | undefined;
afterAll(() => {
  if (outdir !== undefined) fs.rmSync(outdir, { recursive: true, force: true });
  outdir = undefined;
});

/**
 * A test app (`Testing.app()`: stack traces off, stubbed version, future flags) whose output
 * directory is shared by the test file: `Testing.app()` makes a new temporary directory per app
 * and never removes it (about 1,200 per run, and as many mkdtemp calls on the test's path).
 * The tests of one file run one after another, and no test reads a directory another wrote.
 */
export function testApp(): App {
  outdir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-mlflow-azure-test-'));
  return Testing.app({ outdir });
}

/** A fresh stack in a test app (no backend, deterministic). */
export function testStack(): TerraformStack {
  const app = testApp();
  return new TerraformStack(app, 'test');
}

/** Synthesize a stack and parse its JSON. */
export function synthJson(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of a type in synthesized JSON, as a list of [logical id, config]. */
export function resourcesOf(json: any, type: string): [string, any][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** The only resource of a type; fails when there is not exactly one. */
export function onlyResource(json: any, type: string): any {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0][1];
}

/** Run `fn` and return the message of the error it throws (fails when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** The `${type.logical_id.attr}` reference a token resolves to in a stack. */
export function ref(stack: TerraformStack, token: string): string {
  return resolveInStack(stack, token) as string;
}

/**
 * Every annotation of a level (`@cdktf/warn`, `@cdktf/error`) in the tree below `scope`, after
 * the aspects of its stacks ran (construct warnings are added by an aspect, at synth).
 */
function annotationsOf(scope: IConstruct, type: string): string[] {
  const stacks = TerraformStack.isStack(scope) ? [scope] : scope.node.scopes.some((s) => TerraformStack.isStack(s))
    ? [TerraformStack.of(scope)]
    : scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) invokeAspects(stack);
  return scope.node
    .findAll()
    .flatMap((c) => c.node.metadata)
    .filter((m) => m.type === type)
    .map((m) => String(m.data));
}

/** Every warning annotation (cdktf `Annotations.addWarning`) in the tree below `scope`. */
export function warningsOf(scope: IConstruct): string[] {
  return annotationsOf(scope, '@cdktf/warn');
}

/** Every error annotation (cdktf `Annotations.addError`) in the tree below `scope`. */
export function errorsOf(scope: IConstruct): string[] {
  return annotationsOf(scope, '@cdktf/error');
}
