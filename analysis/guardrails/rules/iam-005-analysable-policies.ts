import { Rule } from '../types';
import { fromProblems } from '../result';
import { POLICY_RESOURCE_TYPES, parsePolicy, policiesOf } from '../policy';

export const rule: Rule = {
  id: 'LZ-IAM-005',
  severity: 'ERROR',
  invariant: 'Every policy document is a literal JSON string whose only Terraform expressions are plain references inside string values.',
  why:
    'Guardrails and the policy evaluator read the synthesized document; a Fn.jsonencode(...) policy, a data ' +
    'source\'s .json or a computed value is only known after apply, so nothing about it could be shown here.',
  appliesTo: POLICY_RESOURCE_TYPES,
  check(resource) {
    return fromProblems(
      policiesOf(resource).flatMap((p) => {
        const parsed = parsePolicy(p.raw);
        return parsed.ok ? [] : [`${p.attribute}: ${parsed.reason}`];
      }),
    );
  },
};
