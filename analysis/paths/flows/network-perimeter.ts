import { Traffic, aclOf, decidingRule, describeTraffic, requireSecurityGroups, traffic } from '../analysis/filters';
import { findCorporate, findHub } from '../analysis/landscape';
import { MissingHop, missing } from '../analysis/trace';
import { FlowDefinition } from './flow';

/**
 * Ports nothing in a service subnet serves or calls on the corporate network: remote shells, file
 * shares, plain HTTP, and DNS to a resolver other than the VPC's (which would bypass DNS Firewall;
 * the VPC's own resolver is out of an ACL's reach:
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
 */
const INBOUND_PROBES: Traffic[] = [traffic('tcp', 22), traffic('tcp', 80), traffic('tcp', 445), traffic('udp', 53)];
const OUTBOUND_PROBES: Traffic[] = [traffic('tcp', 22), traffic('tcp', 53), traffic('udp', 53), traffic('tcp', 445)];

/**
 * Flow 10: the service VPC's second layer. The interface endpoints the VPC's code calls admit no
 * corporate client (only execute-api serves browsers), and the service subnets' network ACL refuses
 * the probes above from and to the corporate ranges, whatever a security group says. A subnet on
 * the VPC's default ACL (the setting turned off) is guarded by its security groups alone: that is a
 * hop, not a failure (guardrail LZ-VPC-005 flags it).
 */
export const networkPerimeterFlow: FlowDefinition = {
  flow: 10,
  title: 'service endpoints admit their real sources only; the subnets\' network ACL refuses every other port',
  scope: 'service',
  run({ model, region }, trace, service) {
    const corporate = findCorporate(model, findHub(model));
    const browserFacing = `com.amazonaws.${region}.execute-api`;
    for (const endpoint of [...model.endpoints.values()].filter((e) => e.vpc === service.vpc.id && e.type === 'Interface' && e.serviceName !== browserFacing)) {
      for (const cidr of corporate.cidrs) {
        let admitted: string | undefined;
        try {
          admitted = requireSecurityGroups(model, endpoint.securityGroups, 'ingress', traffic('tcp', 443), { range: { cidr }, label: 'corporate client' });
        } catch (error) {
          if (!(error instanceof MissingHop)) throw error;
        }
        if (admitted) missing(`endpoint ${endpoint.name} is reachable from corporate client ${cidr} on tcp/443: ${admitted}`);
      }
      trace.hop(`endpoint ${endpoint.name}: no corporate client admitted (the VPC's code calls it, browsers do not)`);
    }
    for (const subnet of [...model.subnets.values()].filter((s) => s.vpc === service.vpc.id)) {
      const acl = aclOf(model, subnet.id);
      if (!acl || acl.isDefault) {
        trace.hop(`subnet ${subnet.name}: the VPC's default network ACL, so its security groups alone guard it`);
        continue;
      }
      for (const cidr of corporate.cidrs) {
        for (const [egress, probes] of [[false, INBOUND_PROBES], [true, OUTBOUND_PROBES]] as const) {
          for (const probe of probes) {
            const rule = decidingRule(acl, egress, probe, { cidr });
            if (rule?.allow) {
              missing(`network ACL ${acl.name} lets ${describeTraffic(probe)} ${egress ? 'out to' : 'in from'} corporate client ${cidr} (rule ${rule.ruleNumber}) in subnet ${subnet.name}`);
            }
          }
        }
      }
      trace.hop(`network ACL ${acl.name} (subnet ${subnet.name}): refuses ${INBOUND_PROBES.map(describeTraffic).join(', ')} in and ${OUTBOUND_PROBES.map(describeTraffic).join(', ')} out, for ${corporate.cidrs.join(', ')}`);
    }
  },
};
