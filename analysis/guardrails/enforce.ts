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
  /**
   * The stacks to judge, by id: one landing zone of an app that holds several (the context is that
   * landing zone's, and its stacks refer only to each other).
   * @default every stack of the directory
   */
  stacks?: readonly string[];
}

/**
 * Runs every rule on `<outdir>/stacks/*` and throws a `GuardrailViolationError` listing all ERROR
 * violations. Warnings are reported, not fatal. Returns every finding.
 */
export function enforceGuardrails(outdir: string, options: EnforceOptions = {}): Finding[] {
  const all = readSynthesizedStacks(outdir);
  const findings = runGuardrails(options.stacks ? pick(all, options.stacks) : all, options.context);
  const warn = options.warn ?? ((line: string) => console.warn(line));
  for (const w of warningsOf(findings)) warn(`guardrail warning: ${formatFinding(w)}`);
  const errors = errorsOf(findings);
  if (errors.length > 0) throw new GuardrailViolationError(errors);
  return findings;
}

function pick(stacks: Readonly<Record<string, SynthesizedStack>>, names: readonly string[]): Record<string, SynthesizedStack> {
  const missing = names.filter((name) => !(name in stacks));
  if (missing.length > 0) throw new Error(`no stack ${missing.join(', ')} in the synthesized output (stacks: ${Object.keys(stacks).join(', ')})`);
  return Object.fromEntries(names.map((name) => [name, stacks[name]]));
}
