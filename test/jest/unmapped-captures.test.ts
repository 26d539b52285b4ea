/**
 * The jest setup that leaves cdktf's token creation stacks unmapped (test/support/unmapped-captures.ts)
 * must not cost a failing test its mapped trace. The type annotation before each capture below is
 * removed by the transpiler, so only a trace mapped back to this file has the TypeScript position.
 */
import * as fs from 'fs';

const source = fs.readFileSync(__filename, 'utf8').split('\n');
/** The 1-based line and column, in this TypeScript file, of the capture on the line ending in the comment `// <probe>`. */
function capturedAt(probe: string): string {
  const index = source.findIndex((text) => text.includes(`// ${probe}`));
  return `${index + 1}:${source[index].indexOf('captureStackTrace') + 1}`;
}
const position = (stack: string | undefined): string | undefined => /unmapped-captures\.test\.ts:(\d+:\d+)/.exec(stack ?? '')?.[1];

describe('stack traces under jest', () => {
  it('an error\'s trace is mapped to the TypeScript line and column', () => {
    const error: Error & { detail?: Record<string, unknown> } = new Error('probe'); Error.captureStackTrace(error); // error
    expect(position(error.stack)).toBe(capturedAt('error'));
  });

  it('a capture into a plain object, as cdktf makes for every token, is formatted by V8, unmapped', () => {
    const target: { stack: string; detail?: Record<string, unknown> } = { stack: '' }; Error.captureStackTrace(target); // object
    expect(target.stack.split('\n')[0]).toBe('[object Object]');
    expect(position(target.stack)).toMatch(/^\d+:\d+$/);
    expect(position(target.stack)).not.toBe(capturedAt('object'));
  });
});
