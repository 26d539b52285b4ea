import { Rule } from '../types';
import { compliant, violation } from '../result';

export const rule: Rule = {
  id: 'LZ-LMB-007',
  severity: 'ERROR',
  invariant: 'No Lambda permission or function URL lets anyone invoke a function.',
  why: 'The functions must only run behind the private API and its authorizer; a public permission or an unauthenticated URL bypasses both.',
  checkov: ['CKV_AWS_301', 'CKV_AWS_258'],
  securityHub: ['Lambda.1'],
  appliesTo: ['aws_lambda_permission', 'aws_lambda_function_url'],
  check(resource) {
    if (resource.type === 'aws_lambda_function_url') {
      return resource.body.authorization_type === 'AWS_IAM' ? compliant() : violation(`function URL with authorization_type ${String(resource.body.authorization_type)}`);
    }
    if (resource.body.principal === '*') return violation('principal is *');
    if (resource.body.function_url_auth_type === 'NONE') return violation('function_url_auth_type is NONE');
    return compliant();
  },
};
