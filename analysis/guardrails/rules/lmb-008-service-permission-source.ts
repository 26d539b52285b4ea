import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';

/** An API's execution ARN: a reference to a REST API of the stack, or a literal ARN with a concrete API id. */
const NAMES_AN_API = /^(\$\{aws_api_gateway_rest_api\.[A-Za-z0-9_-]+\.execution_arn\}|arn:[a-z-]+:execute-api:[^:]+:\d{12}:[a-z0-9]+)(\/|$)/;

export const rule: Rule = {
  id: 'LZ-LMB-008',
  severity: 'ERROR',
  invariant: 'Lambda permissions for AWS services are scoped by source_arn (API Gateway: to a named API).',
  why:
    'Without source_arn, any API (or bucket, or rule) of any account can invoke the function through the ' +
    'service principal: the confused-deputy path around the private API\'s resource policy.',
  checkov: ['CKV_AWS_364'],
  appliesTo: ['aws_lambda_permission'],
  check(permission) {
    const principal = String(permission.body.principal ?? '');
    if (!principal.endsWith('.amazonaws.com')) return notApplicable();
    const source = permission.body.source_arn;
    if (typeof source !== 'string' || source === '') return violation(`${principal} may invoke without source_arn`);
    if (principal === 'apigateway.amazonaws.com' && !NAMES_AN_API.test(source)) return violation(`source_arn ${source} does not name one API`);
    return compliant();
  },
};
