import { Rule } from '../types';
import { compliant, violation } from '../result';
import { numberValue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-LMB-003',
  severity: 'ERROR',
  invariant: 'Every Lambda function has a reserved concurrency of at least 1.',
  why:
    'Reserved concurrency caps what a flood of requests can cost and keeps other functions of the account ' +
    'from starving the login path (and vice versa).',
  checkov: ['CKV_AWS_115'],
  appliesTo: ['aws_lambda_function'],
  check(fn) {
    const reserved = numberValue(fn.body.reserved_concurrent_executions);
    if (reserved === undefined || reserved < 0) return violation('no reserved_concurrent_executions (unreserved)');
    return reserved >= 1 ? compliant() : violation('reserved_concurrent_executions is 0: the function is disabled');
  },
};
