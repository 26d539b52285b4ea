import { Rule } from '../types';
import { compliant, violation } from '../result';
import { block } from '../terraform';

export const rule: Rule = {
  id: 'LZ-LMB-002',
  severity: 'ERROR',
  invariant: 'Every Lambda function has X-Ray active tracing.',
  why: 'Traces connect an API request to the SageMaker and DynamoDB calls it caused, through the endpoints, without logging the token or the URL.',
  checkov: ['CKV_AWS_50'],
  securityHub: ['Lambda.7'],
  appliesTo: ['aws_lambda_function'],
  check(fn) {
    const mode = block(fn.body, 'tracing_config')?.mode;
    return mode === 'Active' ? compliant() : violation(`tracing_config.mode is ${String(mode ?? 'unset (PassThrough)')}`);
  },
};
