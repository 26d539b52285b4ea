import { Rule, SynthResource, SynthesizedStack } from '../types';
import { fromProblems } from '../result';
import { lookup, parseRef, resourcesOf, strings } from '../terraform';
import { SgRule, describePorts, securityGroupRules, securityGroupsOf, withinAny } from '../network';
import { resolverEndpointIps, resolverEndpointVpc, ruleTargets, rulesUsing } from '../resources';

const isDns = (r: SgRule): boolean => (r.protocol === 'tcp' || r.protocol === 'udp') && r.fromPort === 53 && r.toPort === 53;

/**
 * Who may talk to the endpoint. Inbound: the corporate ranges, plus the VPCs whose outbound
 * endpoints forward to this endpoint's addresses (the simulated corporate DNS forwarding Studio
 * names to the hub). Outbound: exactly the FORWARD targets of the rules that use this endpoint.
 */
function allowedPeers(stack: SynthesizedStack, endpoint: SynthResource, corporate: string[] | undefined): string[] | undefined {
  if (endpoint.body.direction !== 'INBOUND') return rulesUsing(stack, endpoint).flatMap(ruleTargets).map((ip) => `${ip}/32`);
  if (!corporate) return undefined;
  const ips = resolverEndpointIps(endpoint);
  const forwarderVpcs = resourcesOf(stack, 'aws_route53_resolver_rule')
    .filter((rule) => ruleTargets(rule).some((ip) => ips.includes(ip)))
    .map((rule) => lookup(stack, parseRef(rule.body.resolver_endpoint_id)))
    .map((outbound) => (outbound ? resolverEndpointVpc(stack, outbound) : undefined))
    .flatMap((vpc) => strings(vpc?.body.cidr_block));
  return [...corporate, ...forwarderVpcs];
}

/** DNS falls back to TCP for large answers: a range opened for one transport only half works. */
function singleTransportPeers(rules: SgRule[]): string[] {
  const transports = new Map<string, Set<string>>();
  for (const r of rules) for (const c of r.cidrs) transports.set(c, (transports.get(c) ?? new Set()).add(r.protocol));
  return [...transports].filter(([, p]) => !(p.has('tcp') && p.has('udp'))).map(([c]) => c);
}

export const rule: Rule = {
  id: 'LZ-SG-004',
  severity: 'ERROR',
  invariant: 'Resolver endpoint security groups open only TCP and UDP 53, inbound from the corporate ranges or outbound to the FORWARD targets.',
  why:
    'The inbound resolver answers Studio names with private endpoint addresses and the outbound one carries ' +
    'queries into the corporate network; any other port or peer turns a DNS hop into a general network path.',
  appliesTo: ['aws_route53_resolver_endpoint'],
  check(endpoint, { stack, context }) {
    const direction = endpoint.body.direction === 'INBOUND' ? 'ingress' : 'egress';
    const { groups, unresolved } = securityGroupsOf(stack, endpoint.body.security_group_ids);
    const allowed = allowedPeers(stack, endpoint, context.corporateCidrs);
    const rules = groups.flatMap((g) => securityGroupRules(stack, g));
    const problems = [
      ...(groups.length === 0 ? ['no security group of this stack is attached'] : []),
      ...unresolved.map((id) => `security group ${id} is not defined in this stack, so its rules cannot be checked`),
      ...rules.flatMap((r) => [
        ...(r.direction !== direction ? [`${r.address} opens ${r.direction}; a ${String(endpoint.body.direction)} endpoint needs ${direction} only`] : []),
        ...(isDns(r) ? [] : [`${r.address} opens ${describePorts(r)}, not DNS (TCP/UDP 53)`]),
        ...(r.otherPeers.length > 0 ? [`${r.address} names peers that are not address ranges (${r.otherPeers.join(', ')})`] : []),
        ...(allowed ? r.cidrs.filter((c) => !withinAny(c, allowed)).map((c) => `${r.address} opens ${c}, outside ${allowed.join(', ') || 'any FORWARD target'}`) : []),
      ]),
      ...singleTransportPeers(rules).map((c) => `${c} is opened for only one of TCP and UDP 53`),
    ];
    return fromProblems(problems, allowed ? undefined : 'corporate ranges unknown: ports checked, sources not');
  },
};
