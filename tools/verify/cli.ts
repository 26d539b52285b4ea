/**
 * `npm run verify -- [--out <dir>] [--failures]`: prints the verify table for a synthesized output
 * directory (default `cdktf.out`) and exits non-zero when any check fails.
 */
import { formatTable, summary, verify } from './verify';

interface Options {
  outdir: string;
  failuresOnly: boolean;
}

const USAGE = 'usage: npm run verify -- [--out <synthesized output dir, default cdktf.out>] [--failures]';

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { outdir: 'cdktf.out', failuresOnly: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) options.outdir = argv[++i];
    else if (argv[i] === '--failures') options.failuresOnly = true;
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return options;
}

/** Runs verify and prints; the exit code: 0 all passed, 1 a check failed, 2 bad usage or unreadable output. */
export async function main(argv: readonly string[], print: (text: string) => void = console.log): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    print((error as Error).message);
    return 2;
  }
  try {
    const report = await verify(options.outdir);
    print(formatTable(options.failuresOnly ? report.failures : report.rows));
    print(summary(report));
    return report.failures.length > 0 ? 1 : 0;
  } catch (error) {
    print(`verify: ${(error as Error).message}`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
