import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { hasInterfaceEndpoints } from '../resources';
import { referencing } from '../terraform';

export const rule: Rule = {
  id: 'LZ-VPC-004',
  severity: 'ERROR',
  invariant: 'Every VPC the landing zone creates or places its endpoints in has a flow log recording ALL traffic.',
  why:
    'Flow logs are the only record of which addresses reached the endpoints and resolvers; without them a ' +
    'replayed URL or an unexpected peer cannot be traced after the fact.',
  checkov: ['CKV2_AWS_11'],
  securityHub: ['EC2.6'],
  appliesTo: ['aws_vpc', 'data.aws_vpc'],
  check(vpc, { stack }) {
    // A looked-up VPC is ours to log only when the landing zone puts its endpoints in it (an existing
    // service VPC); the corporate side's VPC is logged by its owner.
    if (vpc.type === 'data.aws_vpc' && !hasInterfaceEndpoints(stack, vpc)) return notApplicable('a looked-up VPC the landing zone places no endpoint in');
    const logs = referencing(stack, 'aws_flow_log', 'vpc_id', vpc);
    if (logs.length === 0) return violation('no aws_flow_log references this VPC');
    if (!logs.some((l) => l.body.traffic_type === 'ALL')) return violation('its flow logs record only part of the traffic (traffic_type is not ALL)');
    return compliant();
  },
};
