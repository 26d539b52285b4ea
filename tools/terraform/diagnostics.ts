/**
 * Reads Terraform's machine-readable output: the single JSON document of `validate -json` and the
 * JSON-lines stream of `init -json` / `test -json`.
 */

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  /** Relative to the working directory, as Terraform reports it. */
  file?: string;
  line?: number;
}

interface JsonDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  range?: { filename: string; start: { line: number } };
  /** The values of the expressions involved, e.g. what a failed assertion compared. */
  snippet?: { values?: { traversal: string; statement: string }[] };
}

function toDiagnostic({ severity, summary, detail, range, snippet }: JsonDiagnostic): Diagnostic {
  const values = (snippet?.values ?? []).map(({ traversal, statement }) => `${traversal} ${statement}`);
  const text = [detail, ...values].filter(Boolean).join('\n');
  return { severity, summary, ...(text ? { detail: text } : {}), ...(range ? { file: range.filename, line: range.start.line } : {}) };
}

/** A diagnostic for output that is not what Terraform should have printed (a crash, a panic). */
export function unreadableOutput(command: string, output: string): Diagnostic {
  return { severity: 'error', summary: `terraform ${command} printed no readable JSON`, detail: output.trim().slice(-2000) };
}

/** `terraform validate -json`. */
export function parseValidateOutput(stdout: string): { valid: boolean; diagnostics: Diagnostic[] } {
  const parsed = JSON.parse(stdout) as { valid: boolean; diagnostics: JsonDiagnostic[] };
  return { valid: parsed.valid, diagnostics: parsed.diagnostics.map(toDiagnostic) };
}

interface StreamMessage {
  type: string;
  diagnostic?: JsonDiagnostic;
  test_run?: { run: string; progress: string; status?: string };
  test_plan?: { resource_changes?: { address: string; mode: string }[] };
}

function parseStream(stdout: string): StreamMessage[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as StreamMessage);
}

/** The error diagnostics of a JSON-lines stream (`init -json`, `test -json`). */
export function streamErrors(stdout: string): Diagnostic[] {
  return parseStream(stdout)
    .map((message) => message.diagnostic)
    .filter((diagnostic): diagnostic is JsonDiagnostic => diagnostic?.severity === 'error')
    .map(toDiagnostic);
}

export interface TestOutcome {
  /** Final status of each run block (`pass`, `fail`, `error`, `skip`). */
  runs: Record<string, string>;
  /** Addresses of the managed resources in the runs' plans (printed by `-verbose`). */
  planned: Set<string>;
  errors: Diagnostic[];
}

/** `terraform test -json -verbose`. */
export function parseTestOutput(stdout: string): TestOutcome {
  const messages = parseStream(stdout);
  const runs: Record<string, string> = {};
  const planned = new Set<string>();
  for (const { test_run: run, test_plan: plan } of messages) {
    if (run?.progress === 'complete' && run.status) runs[run.run] = run.status;
    for (const change of plan?.resource_changes ?? []) {
      if (change.mode === 'managed') planned.add(change.address);
    }
  }
  return { runs, planned, errors: streamErrors(stdout) };
}

/** `aws_vpc.hub[0]` and `aws_vpc.hub["a"]` are instances of the resource block `aws_vpc.hub`. */
export function resourceBlockAddress(instanceAddress: string): string {
  return instanceAddress.replace(/\[[^\]]*\]$/, '');
}

/** Declared resource blocks with no instance in the plan. */
export function missingFromPlan(declared: string[], planned: Set<string>): string[] {
  const blocks = new Set([...planned].map(resourceBlockAddress));
  return declared.filter((address) => !blocks.has(address));
}

/** `<dir>/<file>:<line>: Error: <summary>` and the detail indented below. */
export function formatDiagnostic(diagnostic: Diagnostic, dir: string): string {
  const where = diagnostic.file ? `${dir}/${diagnostic.file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ` : `${dir}: `;
  const severity = diagnostic.severity === 'error' ? 'Error' : 'Warning';
  const detail = diagnostic.detail ? `\n${diagnostic.detail.replace(/^/gm, '    ')}` : '';
  return `${where}${severity}: ${diagnostic.summary}${detail}`;
}
