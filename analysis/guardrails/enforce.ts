/**
 * The synth-time gate: read what `app.synth()` wrote and refuse it when any ERROR rule fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Finding, GuardrailContext, SynthesizedStack } from './types';
import { errorsOf, formatFinding, runGuardrails, warningsOf } from './engine';

/** Every `<outdir>/stacks/<name>/cdk.tf.json`, parsed, by stack name. */
export function readSynthesizedStacks(outdir: string): Record<string, SynthesizedStack> {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: is ${outdir} a synthesized output directory?`);
  const stacks: Record<string, SynthesizedStack> = {};
  for (const name of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    if (fs.existsSync(file)) stacks[name] = JSON.parse(fs.readFileSync(file, 'utf8')) as SynthesizedStack;
  }
  if (Object.keys(stacks).length === 0) throw new Error(`no stacks/*/cdk.tf.json under ${outdir}`);
  return stacks;
}

export class GuardrailViolationError extends Error {
  constructor(readonly violations: Finding[]) {
    super(
      [`${violations.length} guardrail violation(s); fix the construct or suppress next to it with a reason:`,
        ...violations.map((v) => `  ${formatFinding(v)}`)].join('\n'),
    );
    this.name = 'GuardrailViolationError';
  }
}

export interface EnforceOptions {
  /** Facts from the resolved configuration (stricter than what the output alone tells). */
  context?: GuardrailContext;
  /** Where WARNING findings go. @default console.warn */
  warn?: (line: string) => void;
}

/**
 * Runs every rule on `<outdir>/stacks/*` and throws a `GuardrailViolationError` listing all ERROR
 * violations. Warnings are reported, not fatal. Returns every finding.
 */
export function enforceGuardrails(outdir: string, options: EnforceOptions = {}): Finding[] {
  const findings = runGuardrails(readSynthesizedStacks(outdir), options.context);
  const warn = options.warn ?? ((line: string) => console.warn(line));
  for (const w of warningsOf(findings)) warn(`guardrail warning: ${formatFinding(w)}`);
  const errors = errorsOf(findings);
  if (errors.length > 0) throw new GuardrailViolationError(errors);
  return findings;
}
