import type { Context } from 'aws-lambda';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const RESULT_MARKER = '@@LAMBDA_RESULT ';

/**
 * Loads `index.handler` from a bundle in a fresh `node` process, as the Lambda runtime does, and
 * invokes it once. A separate process because the bundle is plain Node code (it uses dynamic
 * `import()` of built-ins) that jest's module sandbox cannot run.
 */
const RUNNER = `
const { handler } = require(process.argv[1]);
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const { event, context } = JSON.parse(input);
  context.getRemainingTimeInMillis = () => 10000;
  let outcome;
  try {
    outcome = { result: await handler(event, context) };
  } catch (error) {
    outcome = { error: String(error && error.message) };
  }
  process.stdout.write('\\n${RESULT_MARKER}' + JSON.stringify(outcome) + '\\n', () => process.exit(0));
});
`;

export interface BundleInvocation<R> {
  result?: R;
  /** Message of the error the handler threw. */
  error?: string;
  /** Everything else the process printed (logs, metrics). */
  output: string;
}

export async function invokeBundle<R>(bundleDir: string, event: unknown, context: Context): Promise<BundleInvocation<R>> {
  const child = spawn(process.execPath, ['-e', RUNNER, path.join(bundleDir, 'index.js')], { env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.end(JSON.stringify({ event, context }));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  const markerAt = stdout.lastIndexOf(RESULT_MARKER);
  if (code !== 0 || markerAt < 0) throw new Error(`bundle runner exited with ${code}:\n${stderr}${stdout}`);
  const outcome = JSON.parse(stdout.slice(markerAt + RESULT_MARKER.length)) as { result?: R; error?: string };
  return { ...outcome, output: stdout.slice(0, markerAt) + stderr };
}
