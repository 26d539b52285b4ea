import { Rule } from '../types';
import { compliant, violation } from '../result';
import { isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-VPC-003',
  severity: 'ERROR',
  invariant: 'Subnets never assign public IPv4 addresses on launch.',
  why:
    'A public address on an interface is the first half of an internet path; with no gateway it is useless, and ' +
    'with one added later it silently exposes whatever runs in the subnet.',
  checkov: ['CKV_AWS_130'],
  securityHub: ['EC2.15'],
  appliesTo: ['aws_subnet', 'aws_default_subnet'],
  check(resource) {
    const value = resource.body.map_public_ip_on_launch;
    // Default subnets map public IPs unless told otherwise; ordinary subnets default to false.
    if (resource.type === 'aws_default_subnet' ? value !== false : isTrue(value)) {
      return violation('map_public_ip_on_launch is on');
    }
    return compliant();
  },
};
