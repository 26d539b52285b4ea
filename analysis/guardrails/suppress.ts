/**
 * Construct-side API for exceptions: the suppression is written into the resource's own synthesized
 * JSON (Terraform ignores `//` keys), so it lives next to the resource and travels with the output.
 */
import type { TerraformResource } from 'cdktf';
import { RULES } from './rules';
import { SUPPRESSIONS_KEY } from './suppressions';
import { SUPPRESSION_RULE_ID } from './rules/gr-001-suppressions';

/**
 * Records that `ruleId` does not apply to `resource`, and why. Throws on an unknown rule, on the
 * suppression meta-rule, or on an empty reason: an exception without a reason is not a decision.
 */
export function suppressGuardrail(resource: TerraformResource, ruleId: string, reason: string): void {
  if (!RULES.some((r) => r.id === ruleId)) throw new Error(`suppressGuardrail: unknown rule ${ruleId}`);
  if (ruleId === SUPPRESSION_RULE_ID) throw new Error(`suppressGuardrail: ${SUPPRESSION_RULE_ID} cannot be suppressed`);
  if (reason.trim() === '') throw new Error(`suppressGuardrail: suppressing ${ruleId} on ${resource.node.path} needs a written reason`);
  resource.addOverride(`//.${SUPPRESSIONS_KEY}.${ruleId}`, reason.trim());
}
