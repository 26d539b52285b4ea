/**
 * Network facts read from synthesized resources: security group rules in their three Terraform
 * spellings, subnets' AZs, CIDR containment.
 */
import { containsCidr, parseCidr, parseIpv4 } from '../../modules/config/cidr';
import { SynthResource, SynthesizedStack } from './types';
import { asArray, blocks, dataTarget, isTrue, numberValue, parseRef, lookup, refersTo, resourcesOf, strings, target } from './terraform';

/** IPv4 and IPv6 "any address". */
export const isAnywhere = (cidr: string): boolean => cidr === '0.0.0.0/0' || cidr === '::/0';

type Direction = 'ingress' | 'egress';

/** One security group rule, whichever resource spelled it. */
export interface SgRule {
  /** Resource address, with the block index for inline rules. */
  address: string;
  direction: Direction;
  /** `tcp`, `udp`, `icmp`, or `-1` for all. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  cidrs: string[];
  /** Peers that are not CIDR blocks: security groups, prefix lists, `self`. */
  otherPeers: string[];
  description?: string;
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
const normalizeProtocol = (p: unknown): string => {
  const text = String(p ?? '-1').toLowerCase();
  return PROTOCOLS[text] ?? text;
};

/** The standalone SG rule resource types and the direction each implies (`undefined`: read `type`). */
const SG_RULE_TYPES: Readonly<Record<string, Direction | undefined>> = {
  aws_vpc_security_group_ingress_rule: 'ingress',
  aws_vpc_security_group_egress_rule: 'egress',
  aws_security_group_rule: undefined,
};

/** Normalizes a standalone rule resource (`aws_vpc_security_group_*_rule`, `aws_security_group_rule`). */
export function standaloneRule(resource: SynthResource): SgRule | undefined {
  if (!(resource.type in SG_RULE_TYPES)) return undefined;
  const b = resource.body;
  const direction = SG_RULE_TYPES[resource.type] ?? (b.type === 'egress' ? 'egress' : 'ingress');
  return {
    address: resource.address,
    direction,
    protocol: normalizeProtocol(b.ip_protocol ?? b.protocol),
    fromPort: numberValue(b.from_port),
    toPort: numberValue(b.to_port),
    cidrs: [...strings(b.cidr_ipv4), ...strings(b.cidr_ipv6), ...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)],
    otherPeers: [
      ...strings(b.referenced_security_group_id),
      ...strings(b.source_security_group_id),
      ...strings(b.prefix_list_id),
      ...strings(b.prefix_list_ids),
      ...(b.self === true ? ['self'] : []),
    ],
    description: typeof b.description === 'string' ? b.description : undefined,
  };
}

/** Inline `ingress` / `egress` blocks of an `aws_security_group` or `aws_default_security_group`. */
export function inlineRules(group: SynthResource): SgRule[] {
  return (['ingress', 'egress'] as const).flatMap((direction) =>
    blocks(group.body, direction).map((b, i) => ({
      address: `${group.address}.${direction}[${i}]`,
      direction,
      protocol: normalizeProtocol(b.protocol),
      fromPort: numberValue(b.from_port),
      toPort: numberValue(b.to_port),
      cidrs: [...strings(b.cidr_blocks), ...strings(b.ipv6_cidr_blocks)],
      otherPeers: [...strings(b.security_groups), ...strings(b.prefix_list_ids), ...(b.self === true ? ['self'] : [])],
      description: typeof b.description === 'string' ? b.description : undefined,
    })),
  );
}

/** Every rule of a security group: inline blocks and standalone rule resources that reference it. */
export function securityGroupRules(stack: SynthesizedStack, group: SynthResource): SgRule[] {
  const standalone = Object.keys(SG_RULE_TYPES)
    .flatMap((type) => resourcesOf(stack, type))
    .filter((r) => refersTo(r.body.security_group_id, group))
    .map((r) => standaloneRule(r))
    .filter((r): r is SgRule => r !== undefined);
  return [...inlineRules(group), ...standalone];
}

/**
 * Resolves a list of `${aws_security_group.x.id}` references. A group that is not defined in this
 * stack (a literal `sg-...` or another stack's output) cannot be inspected.
 */
export function securityGroupsOf(stack: SynthesizedStack, ids: unknown): { groups: SynthResource[]; unresolved: string[] } {
  const groups: SynthResource[] = [];
  const unresolved: string[] = [];
  for (const id of strings(ids)) {
    const ref = parseRef(id);
    const group = ref?.type === 'aws_security_group' ? lookup(stack, ref) : undefined;
    if (group) groups.push(group);
    else unresolved.push(id);
  }
  return { groups, unresolved };
}

/** The subnet a value names: created in this stack, or an existing one this stack looks up. */
export function subnetOf(stack: SynthesizedStack, value: unknown): SynthResource | undefined {
  return target(stack, value, 'aws_subnet') ?? dataTarget(stack, value, 'aws_subnet');
}

/**
 * Whether interfaces in the subnet may get public IPv4 addresses: a created subnet by its
 * setting, a looked-up one unless the lookup only finds subnets that map none.
 */
export function mapsPublicIps(subnet: SynthResource): boolean {
  if (subnet.type === 'aws_subnet') return isTrue(subnet.body.map_public_ip_on_launch);
  return !blocks(subnet.body, 'filter').some((f) => f.name === 'map-public-ip-on-launch' && strings(f.values).join() === 'false');
}

/** The AZ (id or name) of each referenced subnet; `undefined` where the subnet is not in this stack. */
export function subnetAzs(stack: SynthesizedStack, subnetIds: unknown): (string | undefined)[] {
  return asArray(subnetIds as unknown[]).map((id) => {
    const subnet = subnetOf(stack, id);
    const az = subnet?.body.availability_zone_id ?? subnet?.body.availability_zone;
    return typeof az === 'string' ? az : undefined;
  });
}

/** `inner` (CIDR or address) lies inside one of `outers`. Unparseable values are never inside. */
export function withinAny(inner: string, outers: readonly string[]): boolean {
  const block = parseCidr(inner) ?? (parseIpv4(inner) !== undefined ? parseCidr(`${inner}/32`) : undefined);
  if (!block) return false;
  return outers.some((outer) => {
    const o = parseCidr(outer);
    return !!o && containsCidr(o, block);
  });
}

export const describePorts = (rule: SgRule): string =>
  rule.protocol === '-1' ? 'all traffic' : `${rule.protocol} ${rule.fromPort ?? '*'}-${rule.toPort ?? '*'}`;
