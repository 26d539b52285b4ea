import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { describePorts, securityGroupRules, securityGroupsOf } from '../network';
import { endpointType } from '../resources';

export const rule: Rule = {
  id: 'LZ-SG-005',
  severity: 'ERROR',
  invariant: 'Interface endpoint security groups admit only TCP 443 and open no egress.',
  why:
    'Endpoints only answer HTTPS; an endpoint never initiates connections, so any other port or any egress on ' +
    'their group is an opening for something else sharing it.',
  appliesTo: ['aws_vpc_endpoint'],
  check(endpoint, { stack }) {
    if (endpointType(endpoint) !== 'Interface') return notApplicable('gateway endpoints have no security group');
    const { groups, unresolved } = securityGroupsOf(stack, endpoint.body.security_group_ids);
    const rules = groups.flatMap((g) => securityGroupRules(stack, g));
    return fromProblems([
      ...(groups.length === 0 ? ['no security group of this stack is attached'] : []),
      ...unresolved.map((id) => `security group ${id} is not defined in this stack, so its rules cannot be checked`),
      ...rules.filter((r) => r.direction === 'egress').map((r) => `${r.address} opens egress`),
      ...rules
        .filter((r) => r.direction === 'ingress' && !(r.protocol === 'tcp' && r.fromPort === 443 && r.toPort === 443))
        .map((r) => `${r.address} admits ${describePorts(r)}, not TCP 443`),
    ]);
  },
};
