/**
 * Guardrails over synthesized Terraform JSON, in the spirit of cdk-nag: one rule per file under
 * `rules/`, applied to every resource of every stack on every synth (`enforceGuardrails`) and by
 * `npm run verify` on any output directory.
 */
export type { Finding, FindingStatus, GuardrailContext, Rule, RuleResult, RuleScope, Severity, SynthResource, SynthesizedStack } from './types';
export { RULES } from './rules';
export { runGuardrails, errorsOf, warningsOf, formatFinding } from './engine';
export { enforceGuardrails, enforceGuardrailsOn, GuardrailViolationError, type EnforceOptions } from './enforce';
export { contextFromConfig, resolveContext } from './context';
export { suppressGuardrail } from './suppress';
