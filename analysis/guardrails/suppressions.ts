/**
 * Suppressions live in the synthesized JSON of the resource they concern, under the Terraform JSON
 * comment key `//` (ignored by Terraform), so any output directory carries its own exceptions:
 *
 *   "//": { "metadata": {...}, "guardrail_suppressions": { "LZ-DNS-003": "why this one is fine" } }
 */
import { ResourceBody } from './types';
import { isRecord } from './terraform';

export const SUPPRESSIONS_KEY = 'guardrail_suppressions';

/** Rule id -> reason as written (possibly empty, which LZ-GR-001 reports). */
export function suppressionsOf(body: ResourceBody): Record<string, unknown> {
  const comment = body['//'];
  const suppressions = isRecord(comment) ? comment[SUPPRESSIONS_KEY] : undefined;
  return isRecord(suppressions) ? suppressions : {};
}

/** The written reason, or undefined when the suppression gives none (and therefore does not apply). */
export function suppressionReason(body: ResourceBody, ruleId: string): string | undefined {
  const reason = suppressionsOf(body)[ruleId];
  return typeof reason === 'string' && reason.trim().length > 0 ? reason.trim() : undefined;
}
