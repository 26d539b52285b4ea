/**
 * `npm run verify -- [<account file or synthesized dir>] [--failures]`: prints the verify table for
 * a synthesized output directory (default `cdktf.out`; `--out <dir>` also names it), or for an
 * account file synthesized first, and exits non-zero when any check fails.
 */
import { INPUT_USAGE, InputError, openSynthesizedInput, parseToolArgs } from '../synthesized/input';
import { formatTable, summary, verify } from './verify';

const USAGE = `usage: npm run verify -- [${INPUT_USAGE}] [--failures]`;

/** Runs verify and prints; the exit code: 0 all passed, 1 a check failed, 2 bad usage or unreadable input. */
export async function main(argv: readonly string[], print: (text: string) => void = console.log): Promise<number> {
  let input;
  let failuresOnly: boolean;
  try {
    const args = parseToolArgs(argv, { failures: { type: 'boolean' } }, USAGE);
    failuresOnly = args.values.failures === true;
    input = openSynthesizedInput(args.target);
  } catch (error) {
    print((error as Error).message);
    return error instanceof InputError ? error.exitCode : 2;
  }
  try {
    const report = await verify(input.outdir);
    print(formatTable(failuresOnly ? report.failures : report.rows));
    print(summary(report));
    return report.failures.length > 0 ? 1 : 0;
  } catch (error) {
    print(`verify: ${(error as Error).message}`);
    return 2;
  } finally {
    input.dispose();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
