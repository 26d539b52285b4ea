import { Rule } from '../types';
import { compliant, violation } from '../result';
import { numberValue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-LMB-003',
  severity: 'ERROR',
  invariant: 'A Lambda function\'s reserved concurrency, when set, is at least 1 (0 disables the function).',
  why:
    'Reserved concurrency is opt-in (services[].lambdaReservedConcurrency): Lambda keeps 100 of an account\'s ' +
    'concurrency unreserved and new accounts start with a quota of 10, so a default reservation would fail the ' +
    'first apply. Unreserved, the functions are capped by the API stage throttling; a reservation of 0 would ' +
    'silently lock every user out. https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html',
  checkov: ['CKV_AWS_115'],
  appliesTo: ['aws_lambda_function'],
  check(fn) {
    const reserved = numberValue(fn.body.reserved_concurrent_executions);
    if (reserved === undefined || reserved < 0) return compliant('unreserved: capped by the API stage throttling');
    return reserved >= 1 ? compliant() : violation('reserved_concurrent_executions is 0: the function is disabled');
  },
};
