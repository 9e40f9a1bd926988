import { types } from 'util';
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();

/*
 * cdktf records a stack trace at the creation of every token (`Error.captureStackTrace` on a plain
 * object, read at once, with no frame limit): thousands per test file. Under jest, every frame of
 * each goes through jest's source-map formatter, which took about a third of the suite's time.
 * Those stacks are printed only in cdktf's own token errors, so here a stack captured on anything
 * that is not an Error keeps V8's default depth (10 frames: where the token was made, not jest's
 * own frames below) in V8's plain format (frames of the transformed file, not mapped back to the
 * .ts line). Errors, and so every failing test's stack, are formatted by jest as before; so is a
 * capture made by code that set `Error.prepareStackTrace` itself (it wants its own format).
 */
const captureStackTrace = Error.captureStackTrace;
// With V8's header line, which cdktf drops (`stack.split("\n").slice(1)`), as from a native capture.
const plainFrames = (target: unknown, frames: NodeJS.CallSite[]): string =>
  [Error.prototype.toString.call(target), ...frames.map((frame) => `    at ${frame}`)].join('\n');
Error.captureStackTrace = function captureStackTraceFast(target: object, constructorOpt?: Function): void {
  if (target instanceof Error || types.isNativeError(target) || Error.prepareStackTrace !== undefined) {
    captureStackTrace(target, constructorOpt ?? captureStackTraceFast);
    return;
  }
  const [previousFormat, previousLimit] = [Error.prepareStackTrace, Error.stackTraceLimit];
  Error.prepareStackTrace = plainFrames;
  Error.stackTraceLimit = 10;
  try {
    captureStackTrace(target, constructorOpt ?? captureStackTraceFast);
    void (target as { stack?: string }).stack; // formatted now, while the plain format is in place
  } finally {
    Error.prepareStackTrace = previousFormat;
    Error.stackTraceLimit = previousLimit;
  }
};
