/**
 * Settings the synth-time guardrails would refuse, refused while validating the account file
 * instead: with the rule's own predicate, so a file that validates cannot fail those rules later,
 * after the stacks were written.
 */
import { logRetentionProblem } from '../../analysis/guardrails/resources';
import { rule as logRetentionRule } from '../../analysis/guardrails/rules/log-002-retention';
import { rule as runtimeRule, runtimeVerdict } from '../../analysis/guardrails/rules/lmb-004-supported-runtime';
import { LAMBDA_RUNTIMES } from './lambda-runtime';
import type { ResolvedLandingZone } from './types';
import type { ValidationProblem } from './problems';

interface PreflightOptions {
  /** `YYYY-MM-DD` the runtime's lifecycle is judged by (the synth date). */
  synthDate: string;
}

export function guardrailPreflightProblems(landingZone: ResolvedLandingZone, { synthDate }: PreflightOptions): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const retention = landingZone.logs.retentionDays;
  // The log groups the stacks create carry exactly this retention.
  const retentionProblem = logRetentionProblem({
    type: 'aws_cloudwatch_log_group',
    name: 'every',
    address: 'every log group',
    body: { retention_in_days: retention },
  });
  if (retentionProblem) {
    problems.push({
      path: 'logs.retentionDays',
      message: `${retention} days is refused by guardrail ${logRetentionRule.id} (${retentionProblem}): ${lowerFirst(logRetentionRule.why)}`,
      fix: 'use 365 or a longer CloudWatch Logs retention (400, 545, 731, ...), or omit it for the default of 365',
    });
  }
  const verdict = runtimeVerdict(landingZone.lambdaRuntime, synthDate);
  if (verdict.level === 'error') {
    problems.push({
      path: 'lambdaRuntime',
      message: `is refused by guardrail ${runtimeRule.id}: ${verdict.message}`,
      fix: runtimeFix(synthDate),
    });
  }
  return problems;
}

function runtimeFix(synthDate: string): string {
  const creatable = LAMBDA_RUNTIMES.filter((runtime) => runtimeVerdict(runtime, synthDate).level !== 'error');
  return creatable.length > 0
    ? `use ${creatable[creatable.length - 1]}`
    : 'no Node.js runtime the pinned AWS provider accepts can still be created: upgrade the AWS provider (and @cdktf/provider-aws) to one that accepts a newer runtime';
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
