import { Rule } from '../types';
import { notApplicable } from '../result';
import { endpointPolicyResult, endpointType } from '../resources';

export const rule: Rule = {
  id: 'LZ-VPCE-001',
  severity: 'ERROR',
  invariant: 'Interface endpoints have a policy, and each Allow to "*" is bounded to this account by a condition or by account-scoped resources.',
  why:
    'Without a policy an endpoint lets anything in the VPC call any account\'s resources (the classic ' +
    'exfiltration path from a VPC with no internet). Principal "*" with aws:PrincipalAccount (or resources ' +
    'naming this account) is the correct endpoint-policy pattern: the endpoint cannot name roles that do not ' +
    'exist yet, but it can refuse other accounts.',
  appliesTo: ['aws_vpc_endpoint'],
  check(endpoint, { stack }) {
    return endpointType(endpoint) === 'Interface' ? endpointPolicyResult(stack, endpoint) : notApplicable();
  },
};
