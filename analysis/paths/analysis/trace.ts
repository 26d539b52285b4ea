/**
 * A flow is straight-line code that records each hop it proves and stops at the first hop it
 * cannot: `missing()` throws, and the flow runner turns that into the flow's FAIL.
 */
export class MissingHop extends Error {
  override name = 'MissingHop';
}

export function missing(message: string): never {
  throw new MissingHop(message);
}

/** The value, or the flow stops with the message. */
export function need<T>(value: T | undefined, message: string): T {
  return value === undefined ? missing(message) : value;
}

export class Trace {
  readonly hops: string[] = [];
  readonly assumptions: string[] = [];

  /** Hops repeat when several subnets take the same way: each is listed once. */
  hop(text: string): void {
    if (!this.hops.includes(text)) this.hops.push(text);
  }

  /** Something the output cannot tell and the flow takes for granted. */
  assume(text: string): void {
    if (!this.assumptions.includes(text)) this.assumptions.push(text);
  }
}
