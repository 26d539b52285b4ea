/**
 * `npm run paths -- [--out <dir>] [--json]`: proves the network and DNS flows of the synthesized
 * output (default `cdktf.out`). Exit code 1 when a flow fails, 2 on a usage or input error.
 */
import { analyzePaths } from './analyze';
import { formatReport } from './report';

function main(argv: string[]): number {
  let outdir = 'cdktf.out';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) outdir = argv[++i];
    else if (argv[i] === '--json') json = true;
    else {
      console.error(`usage: npm run paths -- [--out <synth output dir>] [--json]  (unknown argument ${argv[i]})`);
      return 2;
    }
  }
  let report;
  try {
    report = analyzePaths(outdir);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  console.log(json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
