/**
 * `npm run verify`: guardrails and policy proofs over one synthesized output directory, as a table.
 * Reads only the synthesized directory (its manifest and stacks), so it judges output produced anywhere or edited by hand.
 */
import { Finding, GuardrailContext, runGuardrails } from '../guardrails';
import { readSynthesizedStacks } from '../synthesized';
import { ProofRow, runPolicyProofs } from './proofs';

type RowResult = 'PASS' | 'FAIL' | 'WARN' | 'SUPPRESSED' | 'N/A';

interface Row {
  check: string;
  resource: string;
  result: RowResult;
  reason: string;
}

interface VerifyReport {
  rows: Row[];
  /** ERROR guardrail violations and failed proofs. */
  failures: Row[];
}

function guardrailRow(f: Finding): Row | undefined {
  const resource = `${f.stack} ${f.address}`;
  const reason = f.reason ?? '';
  switch (f.status) {
    case 'compliant':
      return { check: f.ruleId, resource, result: 'PASS', reason };
    case 'suppressed':
      return { check: f.ruleId, resource, result: 'SUPPRESSED', reason };
    case 'non-compliant':
      return { check: f.ruleId, resource, result: f.severity === 'ERROR' ? 'FAIL' : 'WARN', reason };
    case 'not-applicable':
      // Only the ones that say why (e.g. "organization membership unknown") are worth a line.
      return f.reason ? { check: f.ruleId, resource, result: 'N/A', reason } : undefined;
  }
}

const proofRow = (p: ProofRow): Row => ({ ...p });

export async function verify(outdir: string, context?: GuardrailContext): Promise<VerifyReport> {
  const stacks = readSynthesizedStacks(outdir);
  const guardrails = runGuardrails(stacks, context).map(guardrailRow).filter((r): r is Row => r !== undefined);
  const proofs = (await runPolicyProofs(stacks)).map(proofRow);
  const rows = [...guardrails, ...proofs];
  return { rows, failures: rows.filter((r) => r.result === 'FAIL') };
}

const COLUMNS = ['check', 'resource', 'result', 'reason'] as const;

/** A plain-text table, widths fitted to the content (reason last, unpadded). */
export function formatTable(rows: readonly Row[]): string {
  const widths = COLUMNS.slice(0, 3).map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd();
  return [line(COLUMNS), line(widths.map((w) => '-'.repeat(w)).concat('------')), ...rows.map((r) => line(COLUMNS.map((c) => r[c])))].join('\n');
}

export function summary(report: VerifyReport): string {
  const count = (result: RowResult) => report.rows.filter((r) => r.result === result).length;
  return `${report.rows.length} checks: ${count('PASS')} passed, ${count('FAIL')} failed, ${count('WARN')} warnings, ${count('SUPPRESSED')} suppressed`;
}
