import { Rule } from '../types';
import { fromProblems, violation } from '../result';
import { block, resourcesOf, target } from '../terraform';
import { logGroupProblems } from '../resources';

export const rule: Rule = {
  id: 'LZ-LMB-005',
  severity: 'ERROR',
  invariant: 'Every Lambda function logs to an explicit log group of its stack, encrypted with a KMS key and kept >= 365 days.',
  why:
    'Lambda otherwise creates /aws/lambda/<name> on first write: unencrypted, kept forever, outside Terraform. ' +
    'The group must exist first so that retention and encryption apply from the first line.',
  checkov: ['CKV_AWS_158', 'CKV_AWS_338'],
  securityHub: ['CloudWatch.16'],
  appliesTo: ['aws_lambda_function'],
  check(fn, { stack }) {
    const configured = target(stack, block(fn.body, 'logging_config')?.log_group, 'aws_cloudwatch_log_group');
    const byName = resourcesOf(stack, 'aws_cloudwatch_log_group').find((g) => g.body.name === `/aws/lambda/${String(fn.body.function_name)}`);
    const group = configured ?? byName;
    if (!group) return violation('no log group of this stack receives its logs (logging_config.log_group or /aws/lambda/<name>)');
    return fromProblems(logGroupProblems(group));
  },
};
