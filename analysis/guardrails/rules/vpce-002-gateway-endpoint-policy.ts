import { Rule } from '../types';
import { notApplicable } from '../result';
import { endpointPolicyResult, endpointType } from '../resources';

export const rule: Rule = {
  id: 'LZ-VPCE-002',
  severity: 'WARNING',
  invariant: 'Gateway endpoints (S3, DynamoDB) have a policy bounded to this account, like interface endpoints.',
  why:
    'The default gateway endpoint policy allows every bucket and table of every account: from a VPC without ' +
    'internet that is the remaining way to move data out. A warning, not an error: the Lambdas only need the ' +
    'mapping table, but Studio users may legitimately need buckets that the landing zone does not know.',
  appliesTo: ['aws_vpc_endpoint'],
  check(endpoint, { stack }) {
    return endpointType(endpoint) === 'Gateway' ? endpointPolicyResult(stack, endpoint) : notApplicable();
  },
};
