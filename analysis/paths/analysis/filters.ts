/** Security groups (stateful) and network ACLs (stateless) between two sides of a connection. */
import { Id, NaclRule, NetworkAcl, NetworkModel, SgRule } from '../model';
import { Range, cidrContains, describeRange } from './routes';
import { missing } from './trace';

export interface Traffic {
  protocol: 'tcp' | 'udp';
  fromPort: number;
  toPort: number;
}

export const traffic = (protocol: 'tcp' | 'udp', port: number): Traffic => ({ protocol, fromPort: port, toPort: port });

/** Replies go to the client's ephemeral ports; a stateless ACL must let them through. */
export const replies = (t: Traffic): Traffic => ({ protocol: t.protocol, fromPort: 1024, toPort: 65535 });

export function describeTraffic(t: Traffic): string {
  return `${t.protocol}/${t.fromPort === t.toPort ? t.fromPort : `${t.fromPort}-${t.toPort}`}`;
}

/** The other side of a security group check: its addresses, and its security groups when modeled. */
interface Peer {
  range: Range;
  securityGroups?: Id[];
  /** How messages name it, when the range alone does not say enough. */
  label?: string;
}

function protocolMatches(ruleProtocol: string, t: Traffic): boolean {
  return ruleProtocol === 'all' || ruleProtocol === t.protocol;
}

function peerMatches(rule: SgRule, peer: Peer): boolean {
  const range = peer.range;
  if ('securityGroup' in rule.peer) return peer.securityGroups?.includes(rule.peer.securityGroup) ?? false;
  if ('prefixListOf' in rule.peer) return 'prefixListOf' in range && range.prefixListOf === rule.peer.prefixListOf;
  // An AWS service's prefix list holds public addresses: only an all-addresses rule covers it.
  return 'cidr' in range ? cidrContains(rule.peer.cidr, range.cidr) : rule.peer.cidr === '0.0.0.0/0';
}

/**
 * Proves that one of `groups` (an interface's security groups) allows the traffic to or from the
 * peer. Stateful: the reply needs no rule. Returns the hop.
 */
export function requireSecurityGroups(model: NetworkModel, groups: Id[], direction: 'ingress' | 'egress', t: Traffic, peer: Peer): string {
  const declared = groups.map((id) => model.securityGroups.get(id)).filter((g) => g !== undefined);
  const preposition = direction === 'ingress' ? 'from' : 'to';
  const other = `${describeRange(model, peer.range)}${peer.label ? ` (${peer.label})` : ''}`;
  for (const group of declared) {
    const rule = group[direction].find((r) => protocolMatches(r.protocol, t) && r.fromPort <= t.fromPort && t.toPort <= r.toPort && peerMatches(r, peer));
    if (rule) return `security group ${group.name}: ${direction} ${describeTraffic(t)} ${preposition} ${other}`;
  }
  const names = declared.map((g) => g.name);
  const subject = names.length === 0 ? 'the interface has no security group and so' : `security group${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  return missing(`${subject} ${names.length > 1 ? 'have' : 'has'} no ${direction} for ${describeTraffic(t)} ${preposition} ${other}`);
}

/** The subnet's ACL: an explicit one, else the VPC's declared default ACL, else AWS's default (allow all). */
export function aclOf(model: NetworkModel, subnetId: Id): NetworkAcl | undefined {
  const vpc = model.subnets.get(subnetId)?.vpc;
  return model.nacls.find((a) => !a.isDefault && a.subnets.includes(subnetId)) ?? model.nacls.find((a) => a.isDefault && a.vpc === vpc);
}

function naclRuleCovers(rule: NaclRule, t: Traffic, range: Range): boolean {
  if (!protocolMatches(rule.protocol, t) || rule.fromPort > t.fromPort || t.toPort > rule.toPort) return false;
  // ACL rules cannot name prefix lists: an AWS service is anywhere in 0.0.0.0/0.
  return 'cidr' in range ? cidrContains(rule.cidr, range.cidr) : rule.cidr === '0.0.0.0/0';
}

function naclRuleTouches(rule: NaclRule, t: Traffic, range: Range): boolean {
  if (!protocolMatches(rule.protocol, t) || rule.toPort < t.fromPort || t.toPort < rule.fromPort) return false;
  return 'cidr' in range ? cidrContains(rule.cidr, range.cidr) || cidrContains(range.cidr, rule.cidr) : true;
}

/**
 * The rule that decides the traffic in one direction of an ACL: rules apply in number order; a
 * deny that touches any of the traffic before an allow covers all of it stops it. Undefined: no
 * rule matches, and the implicit last rule denies.
 */
export function decidingRule(acl: NetworkAcl, egress: boolean, t: Traffic, range: Range): NaclRule | undefined {
  return acl.rules.find((r) => r.egress === egress && (r.allow ? naclRuleCovers(r, t, range) : naclRuleTouches(r, t, range)));
}

/**
 * Proves that the subnets' network ACLs let the traffic cross in one direction. Returns the hops
 * (none for subnets on AWS's default ACL).
 */
export function requireAcls(model: NetworkModel, subnets: Id[], egress: boolean, t: Traffic, range: Range): string[] {
  const hops: string[] = [];
  const what = `${describeTraffic(t)} ${egress ? 'to' : 'from'} ${describeRange(model, range)}`;
  for (const subnet of subnets) {
    const acl = aclOf(model, subnet);
    if (!acl) continue;
    const subnetName = model.subnets.get(subnet)?.name ?? subnet;
    const decisive = decidingRule(acl, egress, t, range);
    if (!decisive?.allow) {
      missing(`network ACL ${acl.name} of subnet ${subnetName} ${decisive ? `denies (rule ${decisive.ruleNumber})` : 'does not allow'} ${egress ? 'outbound' : 'inbound'} ${what}`);
    }
    hops.push(`network ACL ${acl.name} (subnet ${subnetName}): rule ${decisive.ruleNumber} allows ${egress ? 'outbound' : 'inbound'} ${what}`);
  }
  return hops;
}
