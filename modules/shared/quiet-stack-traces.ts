/**
 * Runs `work` with V8 stack-trace capture and formatting switched off for explicit captures. cdktf records a full creation stack for
 * every token it makes (thousands per stack) and formats it at once; we never print those, and the
 * formatting alone is about a third of a large synth. V8 formats an Error's `stack` lazily, on
 * first access, so errors thrown inside still get their normal trace once the formatter is back.
 */
export function withQuietStackTraces<T>(work: () => T): T {
  const previousFormat = Error.prepareStackTrace;
  const previousCapture = Error.captureStackTrace;
  Error.prepareStackTrace = () => '';
  // Capturing (not only formatting) an unlimited-depth stack per token is the larger cost; errors
  // thrown by `new Error()` still record their own stack, which does not go through this hook.
  Error.captureStackTrace = () => undefined;
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previousFormat;
    Error.captureStackTrace = previousCapture;
  }
}
