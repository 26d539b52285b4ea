import { Rule } from '../types';
import { fromProblems } from '../result';
import { blocks, strings } from '../terraform';
import { subnetAzs } from '../network';

export const rule: Rule = {
  id: 'LZ-DNS-001',
  severity: 'ERROR',
  invariant: 'Resolver endpoints have >= 2 IP addresses in distinct subnets of distinct AZs; inbound ones at fixed IPs.',
  why:
    'The corporate DNS forwards Studio names to the inbound IPs and the FORWARD rules leave through the ' +
    'outbound ones; one AZ down must not stop Studio logins, and an inbound IP that changes on replacement ' +
    'silently breaks the corporate forwarders.',
  appliesTo: ['aws_route53_resolver_endpoint'],
  check(endpoint, { stack }) {
    const addresses = blocks(endpoint.body, 'ip_address');
    const subnets = addresses.flatMap((a) => strings(a.subnet_id));
    const azs = subnetAzs(stack, subnets);
    return fromProblems([
      ...(addresses.length < 2 ? [`${addresses.length} IP address(es)`] : []),
      ...(new Set(subnets).size < addresses.length ? ['two IP addresses share a subnet'] : []),
      ...(azs.some((z) => z === undefined) ? ['a subnet is not defined in this stack, so its AZ cannot be shown'] : []),
      ...(azs.every((z) => z !== undefined) && new Set(azs).size < 2 ? [`all IP addresses are in ${azs[0] ?? 'one AZ'}`] : []),
      ...(endpoint.body.direction === 'INBOUND' && addresses.some((a) => !a.ip) ? ['an inbound IP address is not fixed (no ip)'] : []),
    ]);
  },
};
