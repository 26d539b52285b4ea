/**
 * Reads Terraform's machine-readable output: the single JSON document of `validate -json` and the
 * JSON-lines stream of `init -json` / `test -json`.
 */
import * as path from 'path';

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
  '@timestamp'?: string;
  '@testfile'?: string;
  diagnostic?: JsonDiagnostic;
  test_run?: { path: string; run: string; progress: string; status?: string };
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

/** A diagnostic of `terraform test`, with the test file it was reported for (none for configuration loading). */
export type StreamDiagnostic = Diagnostic & { testFile?: string };

interface RunOutcome {
  /** `pass`, `fail`, `error` or `skip`. */
  status: string;
  /** From the run's start to its end, by Terraform's timestamps. */
  seconds: number;
}

interface TestStream {
  /** Final status of each run block, by test file and run name. */
  runs: Map<string, Map<string, RunOutcome>>;
  diagnostics: StreamDiagnostic[];
}

/** `terraform test -json` over any number of test files. */
export function parseTestStream(stdout: string): TestStream {
  const runs = new Map<string, Map<string, RunOutcome>>();
  const started = new Map<string, number>();
  const diagnostics: StreamDiagnostic[] = [];
  for (const message of parseStream(stdout)) {
    const { test_run: run, diagnostic } = message;
    const time = Date.parse(message['@timestamp'] ?? '');
    if (run?.progress === 'starting') started.set(`${run.path}\0${run.run}`, time);
    if (run?.progress === 'complete' && run.status) {
      const seconds = (time - (started.get(`${run.path}\0${run.run}`) ?? time)) / 1000;
      if (!runs.has(run.path)) runs.set(run.path, new Map());
      runs.get(run.path)!.set(run.run, { status: run.status, seconds: Number.isFinite(seconds) ? seconds : 0 });
    }
    if (diagnostic) diagnostics.push({ ...toDiagnostic(diagnostic), ...(message['@testfile'] ? { testFile: message['@testfile'] } : {}) });
  }
  return { runs, diagnostics };
}

/** `<dir>/<file>:<line>: Error: <summary>` and the detail indented below. */
export function formatDiagnostic(diagnostic: Diagnostic, dir: string): string {
  const file = diagnostic.file && path.join(dir, diagnostic.file);
  const where = file ? `${file}${diagnostic.line ? `:${diagnostic.line}` : ''}: ` : `${dir}: `;
  const severity = diagnostic.severity === 'error' ? 'Error' : 'Warning';
  const detail = diagnostic.detail ? `\n${diagnostic.detail.replace(/^/gm, '    ')}` : '';
  return `${where}${severity}: ${diagnostic.summary}${detail}`;
}
