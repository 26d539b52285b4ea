import { Rule } from '../types';
import { fromProblems } from '../result';
import { blocks, strings } from '../terraform';
import { isAnywhere } from '../network';

export const rule: Rule = {
  id: 'LZ-VPC-002',
  severity: 'ERROR',
  invariant: 'No route sends 0.0.0.0/0 or ::/0 anywhere: VPCs route only to known private ranges.',
  why:
    'A default route (to a gateway, a peering, a firewall or an appliance) is a path to every address, including ' +
    'the public SageMaker and execute-api endpoints that the aws:SourceVpce conditions must never see traffic from.',
  appliesTo: ['aws_route', 'aws_route_table', 'aws_default_route_table'],
  check(resource) {
    const destinations = resource.type === 'aws_route'
      ? [...strings(resource.body.destination_cidr_block), ...strings(resource.body.destination_ipv6_cidr_block)]
      : blocks(resource.body, 'route').flatMap((r) => [...strings(r.cidr_block), ...strings(r.ipv6_cidr_block)]);
    return fromProblems(destinations.filter(isAnywhere).map((d) => `routes ${d}`));
  },
};
