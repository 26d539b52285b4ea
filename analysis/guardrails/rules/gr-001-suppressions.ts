import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { suppressionsOf } from '../suppressions';

/** The meta-rule that judges suppressions themselves; it cannot be suppressed. */
export const SUPPRESSION_RULE_ID = 'LZ-GR-001';

export const rule: Rule = {
  id: SUPPRESSION_RULE_ID,
  severity: 'ERROR',
  invariant: 'Every guardrail suppression names a known rule (not this one) and gives a written reason.',
  why: 'A suppression is a recorded decision; without a reason nobody can tell later whether it still holds, and a misspelt rule id silences nothing while looking like it does.',
  appliesTo: ['*'],
  check(resource, { ruleIds }) {
    const entries = Object.entries(suppressionsOf(resource.body));
    if (entries.length === 0) return notApplicable();
    return fromProblems(
      entries.flatMap(([id, reason]) => [
        ...(id === SUPPRESSION_RULE_ID ? [`${id} cannot be suppressed`] : !ruleIds.has(id) ? [`suppression names unknown rule ${id}`] : []),
        ...(typeof reason !== 'string' || reason.trim() === '' ? [`suppression of ${id} gives no reason (and so does not apply)`] : []),
      ]),
    );
  },
};
