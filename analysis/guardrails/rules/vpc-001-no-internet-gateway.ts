import { Rule } from '../types';
import { compliant, violation } from '../result';

export const rule: Rule = {
  id: 'LZ-VPC-001',
  severity: 'ERROR',
  invariant: 'No internet gateway, egress-only internet gateway or public NAT gateway exists in any landing-zone stack.',
  why:
    'Every VPC here is private by design: the presigned URL is only bound to the VPC endpoints if nothing in the ' +
    'VPC can reach AWS or anyone else over the internet. One gateway would give the Lambdas (and Studio apps) an ' +
    'unaudited way out and make the endpoint conditions bypassable.',
  appliesTo: ['aws_internet_gateway', 'aws_internet_gateway_attachment', 'aws_egress_only_internet_gateway', 'aws_nat_gateway'],
  check(resource) {
    // A private NAT gateway translates between private networks only.
    if (resource.type === 'aws_nat_gateway' && resource.body.connectivity_type === 'private') return compliant('private NAT gateway');
    return violation(`${resource.type} gives a VPC a path to or from the internet`);
  },
};
