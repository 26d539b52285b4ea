/**
 * cdktf records a creation stack for every token it makes, with `Error.captureStackTrace` into a
 * plain object: two at module load (a fresh load in every test file) and one per token of every
 * synth not run quiet. Under jest each capture is formatted by jest's source-map support, which
 * parses the inline source map of every cdktf file on the stack: seconds per run, for traces no
 * test reads. A capture into anything but an error is formatted the way V8 formats it by default,
 * unmapped; errors (of any realm) keep jest's mapped traces.
 */
import { types } from 'util';

const mapped = Error.prepareStackTrace;
if (mapped) {
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) =>
    types.isNativeError(target) ? mapped(target, frames) : [String(target), ...frames.map((frame) => `    at ${String(frame)}`)].join('\n');
}
