import { Rule } from '../types';
import { compliant, violation } from '../result';
import { referencing } from '../terraform';

export const rule: Rule = {
  id: 'LZ-VPC-004',
  severity: 'ERROR',
  invariant: 'Every VPC has a flow log recording ALL traffic.',
  why:
    'Flow logs are the only record of which addresses reached the endpoints and resolvers; without them a ' +
    'replayed URL or an unexpected peer cannot be traced after the fact.',
  checkov: ['CKV2_AWS_11'],
  securityHub: ['EC2.6'],
  appliesTo: ['aws_vpc'],
  check(vpc, { stack }) {
    const logs = referencing(stack, 'aws_flow_log', 'vpc_id', vpc);
    if (logs.length === 0) return violation('no aws_flow_log references this VPC');
    if (!logs.some((l) => l.body.traffic_type === 'ALL')) return violation('its flow logs record only part of the traffic (traffic_type is not ALL)');
    return compliant();
  },
};
