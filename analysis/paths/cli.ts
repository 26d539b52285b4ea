/**
 * `npm run paths -- [<account file or synthesized dir>] [--json]`: proves the network and DNS flows
 * of a synthesized output (default `cdktf.out`; `--out <dir>` also names it), or of an account file
 * synthesized first. Exit code 1 when a flow fails, 2 on a usage or input error.
 */
import { INPUT_USAGE, InputError, openSynthesizedInput, parseToolArgs } from '../synthesized/input';
import { analyzePaths } from './analyze';
import { formatReport } from './report';

const USAGE = `usage: npm run paths -- [${INPUT_USAGE}] [--json]`;

function main(argv: string[]): number {
  let input;
  let json: boolean;
  try {
    const args = parseToolArgs(argv, { json: { type: 'boolean' } }, USAGE);
    json = args.values.json === true;
    input = openSynthesizedInput(args.target);
  } catch (error) {
    console.error((error as Error).message);
    return error instanceof InputError ? error.exitCode : 2;
  }
  try {
    const report = analyzePaths(input.outdir);
    console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.ok ? 0 : 1;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  } finally {
    input.dispose();
  }
}

process.exitCode = main(process.argv.slice(2));
