/** Security groups with their rules (inline and standalone) and network ACLs. */
import { Id, NaclRule, NetworkAcl, Protocol, SecurityGroup, SgPeer, SgRule } from '../model';
import { Attributes, Resource, blocks, str } from '../terraform';
import { BuildContext, bool, displayName, num } from './context';

const ALL_PORTS = { fromPort: 0, toPort: 65535 };

/** Terraform accepts names and numbers; `-1`/`all` is every protocol and every port. */
function normalizeProtocol(value: unknown): Protocol {
  const text = String(value ?? '-1').toLowerCase();
  return ({ '-1': 'all', all: 'all', '6': 'tcp', '17': 'udp', '1': 'icmp' } as Record<string, Protocol>)[text] ?? text;
}

function ports(protocol: Protocol, attrs: Attributes): { fromPort: number; toPort: number } {
  if (protocol === 'all') return ALL_PORTS;
  return { fromPort: num(attrs.from_port, 0), toPort: num(attrs.to_port, 65535) };
}

export function buildSecurityGroups(ctx: BuildContext): Map<Id, SecurityGroup> {
  const groups = new Map<Id, SecurityGroup>();
  for (const r of ctx.out.resources('aws_security_group')) {
    const group: SecurityGroup = { id: r.address, name: displayName(r), stack: r.stack, ingress: [], egress: [] };
    for (const direction of ['ingress', 'egress'] as const) {
      for (const b of blocks(r.attrs[direction])) group[direction].push(...legacyRules(ctx, r, b));
    }
    groups.set(r.address, group);
  }
  const groupOf = (r: Resource) => groups.get(ctx.idOf(r.stack, r.attrs.security_group_id) ?? '');
  for (const [type, direction] of [['aws_vpc_security_group_ingress_rule', 'ingress'], ['aws_vpc_security_group_egress_rule', 'egress']] as const) {
    for (const r of ctx.out.resources(type)) {
      const protocol = normalizeProtocol(r.attrs.ip_protocol);
      const peer = rulePeer(ctx, r);
      if (peer) groupOf(r)?.[direction].push({ protocol, ...ports(protocol, r.attrs), peer });
    }
  }
  for (const r of ctx.out.resources('aws_security_group_rule')) {
    const direction = r.attrs.type === 'egress' ? 'egress' : 'ingress';
    groupOf(r)?.[direction].push(...legacyRules(ctx, r, r.attrs));
  }
  return groups;
}

/** `aws_vpc_security_group_*_rule`: exactly one peer. */
function rulePeer(ctx: BuildContext, r: Resource): SgPeer | undefined {
  const cidr = str(r.attrs.cidr_ipv4) ?? str(r.attrs.cidr_ipv6);
  if (cidr) return { cidr };
  const group = ctx.idOf(r.stack, r.attrs.referenced_security_group_id);
  if (group) return { securityGroup: group };
  const prefixList = ctx.idOf(r.stack, r.attrs.prefix_list_id);
  return prefixList ? { prefixListOf: prefixList } : undefined;
}

/** Inline blocks and `aws_security_group_rule`: one rule per listed peer. */
function legacyRules(ctx: BuildContext, r: Resource, attrs: Attributes): SgRule[] {
  const protocol = normalizeProtocol(attrs.protocol);
  const own = ctx.idOf(r.stack, attrs.security_group_id) ?? r.address;
  const peers: SgPeer[] = [
    ...ctx.strings(attrs.cidr_blocks).map((cidr) => ({ cidr })),
    ...ctx.strings(attrs.ipv6_cidr_blocks).map((cidr) => ({ cidr })),
    ...[...ctx.ids(r.stack, attrs.security_groups), ...ctx.ids(r.stack, attrs.source_security_group_id)].map((securityGroup) => ({ securityGroup })),
    ...ctx.ids(r.stack, attrs.prefix_list_ids).map((prefixListOf) => ({ prefixListOf })),
    ...(bool(attrs.self, false) ? [{ securityGroup: own }] : []),
  ];
  return peers.map((peer) => ({ protocol, ...ports(protocol, attrs), peer }));
}

export function buildNetworkAcls(ctx: BuildContext): NetworkAcl[] {
  const acls = new Map<Id, NetworkAcl>();
  for (const [type, isDefault] of [['aws_network_acl', false], ['aws_default_network_acl', true]] as const) {
    for (const r of ctx.out.resources(type)) {
      // The default ACL names its VPC through `aws_vpc.x.default_network_acl_id`.
      const vpc = ctx.idOf(r.stack, isDefault ? r.attrs.default_network_acl_id : r.attrs.vpc_id);
      const rules = (['ingress', 'egress'] as const).flatMap((direction) =>
        blocks(r.attrs[direction]).map((b) => naclRule(b, direction === 'egress', 'rule_no', 'action')),
      );
      acls.set(r.address, { id: r.address, name: displayName(r), stack: r.stack, vpc, isDefault, subnets: ctx.ids(r.stack, r.attrs.subnet_ids), rules });
    }
  }
  for (const r of ctx.out.resources('aws_network_acl_rule')) {
    acls.get(ctx.idOf(r.stack, r.attrs.network_acl_id) ?? '')?.rules.push(naclRule(r.attrs, bool(r.attrs.egress, false), 'rule_number', 'rule_action'));
  }
  for (const r of ctx.out.resources('aws_network_acl_association')) {
    const subnet = ctx.idOf(r.stack, r.attrs.subnet_id);
    if (subnet) acls.get(ctx.idOf(r.stack, r.attrs.network_acl_id) ?? '')?.subnets.push(subnet);
  }
  for (const acl of acls.values()) acl.rules.sort((a, b) => a.ruleNumber - b.ruleNumber);
  return [...acls.values()];
}

function naclRule(attrs: Attributes, egress: boolean, numberKey: string, actionKey: string): NaclRule {
  const protocol = normalizeProtocol(attrs.protocol);
  return {
    ruleNumber: num(attrs[numberKey], 0),
    egress,
    protocol,
    allow: String(attrs[actionKey]).toLowerCase() === 'allow',
    cidr: str(attrs.cidr_block) ?? str(attrs.ipv6_cidr_block) ?? '0.0.0.0/0',
    ...ports(protocol, attrs),
  };
}
