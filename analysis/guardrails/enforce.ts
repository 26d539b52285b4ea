/**
 * The synth-time gate: read what `app.synth()` wrote and refuse it when any ERROR rule fails.
 */
import { SynthesizedStack, readSynthesizedStacks } from '../synthesized';
import { Finding, GuardrailContext } from './types';
import { errorsOf, formatFinding, runGuardrails, warningsOf } from './engine';

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
  return enforceGuardrailsOn(readSynthesizedStacks(outdir), options);
}

/**
 * `enforceGuardrails` on stacks already read: one landing zone's of an app that holds several (the
 * context is that zone's, and its stacks refer only to each other).
 */
export function enforceGuardrailsOn(stacks: Readonly<Record<string, SynthesizedStack>>, options: EnforceOptions = {}): Finding[] {
  const findings = runGuardrails(stacks, options.context);
  const warn = options.warn ?? ((line: string) => console.warn(line));
  for (const w of warningsOf(findings)) warn(`guardrail warning: ${formatFinding(w)}`);
  const errors = errorsOf(findings);
  if (errors.length > 0) throw new GuardrailViolationError(errors);
  return findings;
}
