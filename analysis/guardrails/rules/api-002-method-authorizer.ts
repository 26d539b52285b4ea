import { Rule } from '../types';
import { compliant, violation } from '../result';

const AUTHORIZED = ['CUSTOM', 'AWS_IAM', 'COGNITO_USER_POOLS'];

export const rule: Rule = {
  id: 'LZ-API-002',
  severity: 'ERROR',
  invariant: 'Every API method requires an authorizer (CUSTOM / COGNITO_USER_POOLS with an authorizer id, or AWS_IAM).',
  why:
    'The resource policy only proves where a call came from, not who made it; an open method would hand any ' +
    'caller on the corporate network the presigned URL of whichever user it names.',
  checkov: ['CKV_AWS_59'],
  appliesTo: ['aws_api_gateway_method'],
  check(method) {
    const authorization = String(method.body.authorization ?? 'NONE');
    if (!AUTHORIZED.includes(authorization)) return violation(`authorization is ${authorization}`);
    if (authorization !== 'AWS_IAM' && !method.body.authorizer_id) return violation(`authorization ${authorization} without an authorizer_id`);
    return compliant();
  },
};
