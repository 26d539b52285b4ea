/**
 * Validation of a parsed account file. Two layers, both always run so that every problem is
 * reported at once: the structural one (`schema-errors.ts`) and the semantic one (`checks/`).
 * Where both layers flag the same path, the semantic problem is kept: it is the more specific one.
 */
import { synthDate } from '../../analysis/guardrails/rules/lmb-004-supported-runtime';
import { semanticProblems } from './checks';
import { guardrailPreflightProblems } from './guardrail-preflight';
import { nameLengthProblems } from './name-limits';
import type { ValidationProblem } from './problems';
import { quotaProblems } from './quotas';
import { resolveConfig } from './resolve';
import { structuralProblems } from './schema-errors';
import type { LandingZoneConfig } from './types';

export interface ValidationOptions {
  /** `YYYY-MM-DD` that date-bound checks (the Lambda runtime's lifecycle) judge by. @default `LANDING_SYNTH_DATE`, else today */
  synthDate?: string;
}

/**
 * Every problem of a parsed account file; empty when it is valid. Checks of the landing zone as
 * resolved (generated names, quotas, guardrail settings) run once the file itself is sound.
 */
export function validateConfig(raw: unknown, options: ValidationOptions = {}): ValidationProblem[] {
  const problems = fileProblems(raw);
  if (problems.length > 0) return problems;
  const landingZone = resolveConfig(raw as LandingZoneConfig);
  return [...nameLengthProblems(landingZone), ...quotaProblems(landingZone), ...guardrailPreflightProblems(landingZone, { synthDate: synthDate(options) })];
}

function fileProblems(raw: unknown): ValidationProblem[] {
  const semantic = semanticProblems(raw);
  const reported = new Set(semantic.map((problem) => problem.path));
  const structural = structuralProblems(raw).filter((problem) => {
    // One structural problem per path: a value that is too short and off-pattern needs one fix.
    if (reported.has(problem.path)) return false;
    reported.add(problem.path);
    return true;
  });
  return [...structural, ...semantic];
}
