import { PathsReport } from './analyze';

/** The report as the CLI prints it: each flow with PASS and its hops, or FAIL and the missing hop. */
export function formatReport(report: PathsReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    lines.push(`flow ${result.flow} [${result.scope}] ${result.ok ? 'PASS' : 'FAIL'}: ${result.title}`);
    if (result.ok) {
      lines.push(...result.hops.map((hop) => `    ${hop}`));
    } else {
      lines.push(`    MISSING: ${result.missing}`);
      if (result.hops.length > 0) lines.push(`    (proved before it: ${result.hops.length} hops, last: ${result.hops[result.hops.length - 1]})`);
    }
  }
  lines.push('', 'assumptions:', ...report.assumptions.map((a) => `  - ${a}`));
  const failed = report.results.filter((r) => !r.ok).length;
  lines.push('', `${report.results.length} flows, ${failed === 0 ? 'all pass' : `${failed} FAIL`}`);
  return lines.join('\n');
}
