/**
 * Runs `work` with V8 stack-trace formatting switched off. cdktf records a full creation stack for
 * every token it makes (thousands per stack) and formats it at once; we never print those, and the
 * formatting alone is about a third of a large synth. V8 formats an Error's `stack` lazily, on
 * first access, so errors thrown inside still get their normal trace once the formatter is back.
 */
export function withQuietStackTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => '';
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
