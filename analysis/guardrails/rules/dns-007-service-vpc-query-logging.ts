import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { hasInterfaceEndpoints, hasQueryLogging } from '../resources';

export const rule: Rule = {
  id: 'LZ-DNS-007',
  severity: 'ERROR',
  invariant: 'Every VPC with interface endpoints has Route 53 Resolver query logging.',
  why:
    'The names a Studio app or a Lambda looked up, and the DNS Firewall action on each, are the evidence of ' +
    'an attempt to leave the VPC through DNS; without query logs the blocked attempts leave no trace.',
  appliesTo: ['aws_vpc', 'data.aws_vpc'],
  check(vpc, { stack }) {
    if (!hasInterfaceEndpoints(stack, vpc)) return notApplicable('no interface endpoint in this VPC');
    return hasQueryLogging(stack, vpc) ? compliant() : violation('no resolver query log configuration is associated with this VPC');
  },
};
