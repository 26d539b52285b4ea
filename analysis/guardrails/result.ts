import { RuleResult } from './types';

export const compliant = (note?: string): RuleResult => (note ? { status: 'compliant', note } : { status: 'compliant' });
export const violation = (reason: string): RuleResult => ({ status: 'non-compliant', reason });
/** Non-compliant, but reported as a warning: synth goes on. */
export const warning = (reason: string): RuleResult => ({ status: 'non-compliant', reason, severity: 'WARNING' });
export const notApplicable = (reason?: string): RuleResult => (reason ? { status: 'not-applicable', reason } : { status: 'not-applicable' });

/** Non-compliant with every problem listed, or compliant when there is none. */
export const fromProblems = (problems: readonly string[], note?: string): RuleResult =>
  problems.length > 0 ? violation(problems.join('; ')) : compliant(note);
