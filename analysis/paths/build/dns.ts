/** Route 53 Resolver endpoints, rules and their associations and RAM shares; hosted zones and records. */
import {
  AliasTarget, DnsRecord, FirewallRuleGroup, HostedZone, Id, RamShare, ResolverEndpoint, ResolverRule, RuleAssociation, NetworkModel,
} from '../model';
import { blocks, block, str } from '../terraform';
import { BuildContext, bool, displayName, fqdn, num } from './context';

/** The model's part this builder fills: its types are the model's own. */
type DnsPart = Pick<NetworkModel, 'resolverEndpoints' | 'resolverRules' | 'ruleAssociations' | 'ramShares' | 'hostedZones' | 'firewallRuleGroups' | 'firewallAssociations' | 'firewallFailOpen'>;

export function buildDns(ctx: BuildContext): DnsPart {
  return {
    resolverEndpoints: buildResolverEndpoints(ctx),
    resolverRules: buildResolverRules(ctx),
    ruleAssociations: buildRuleAssociations(ctx),
    ramShares: buildRamShares(ctx),
    hostedZones: buildHostedZones(ctx),
    ...buildDnsFirewall(ctx),
  };
}

function buildDnsFirewall(ctx: BuildContext): Pick<DnsPart, 'firewallRuleGroups' | 'firewallAssociations' | 'firewallFailOpen'> {
  const groups = new Map<Id, FirewallRuleGroup>();
  for (const r of ctx.out.resources('aws_route53_resolver_firewall_rule_group')) {
    groups.set(r.address, { id: r.address, name: displayName(r), stack: r.stack, rules: [] });
  }
  for (const r of ctx.out.resources('aws_route53_resolver_firewall_rule')) {
    const group = groups.get(ctx.idOf(r.stack, r.attrs.firewall_rule_group_id) ?? '');
    if (!group) continue;
    const list = ctx.resourceOf(r.stack, r.attrs.firewall_domain_list_id, 'aws_route53_resolver_firewall_domain_list');
    group.rules.push({
      name: displayName(r),
      priority: num(r.attrs.priority, Number.POSITIVE_INFINITY),
      action: str(r.attrs.action) ?? '',
      domains: list ? ctx.strings(list.attrs.domains).map((d) => d.toLowerCase().replace(/\.$/, '')) : undefined,
    });
  }
  for (const group of groups.values()) group.rules.sort((a, b) => a.priority - b.priority);
  const firewallAssociations = ctx.out.resources('aws_route53_resolver_firewall_rule_group_association').flatMap((r) => {
    const ruleGroup = ctx.idOf(r.stack, r.attrs.firewall_rule_group_id);
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    return ruleGroup && vpc ? [{ id: r.address, name: displayName(r), stack: r.stack, vpc, ruleGroup, priority: num(r.attrs.priority, Number.POSITIVE_INFINITY) }] : [];
  });
  const firewallFailOpen = new Set(
    ctx.out.resources('aws_route53_resolver_firewall_config')
      .filter((r) => str(r.attrs.firewall_fail_open) === 'ENABLED')
      .flatMap((r) => ctx.idOf(r.stack, r.attrs.resource_id) ?? []),
  );
  return { firewallRuleGroups: groups, firewallAssociations, firewallFailOpen };
}

function buildResolverEndpoints(ctx: BuildContext): Map<Id, ResolverEndpoint> {
  const endpoints = new Map<Id, ResolverEndpoint>();
  for (const r of ctx.out.resources('aws_route53_resolver_endpoint')) {
    const addresses = blocks(r.attrs.ip_address).flatMap((b) => {
      const subnet = ctx.idOf(r.stack, b.subnet_id);
      return subnet ? [{ subnet, ip: str(b.ip) }] : [];
    });
    endpoints.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      direction: str(r.attrs.direction) ?? '',
      addresses,
      securityGroups: ctx.ids(r.stack, r.attrs.security_group_ids),
    });
  }
  return endpoints;
}

function buildResolverRules(ctx: BuildContext): Map<Id, ResolverRule> {
  const rules = new Map<Id, ResolverRule>();
  for (const r of ctx.out.resources('aws_route53_resolver_rule')) {
    rules.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      account: ctx.account(r.stack),
      domain: fqdn(str(r.attrs.domain_name) ?? ''),
      ruleType: str(r.attrs.rule_type) ?? '',
      endpoint: ctx.idOf(r.stack, r.attrs.resolver_endpoint_id),
      targets: blocks(r.attrs.target_ip).flatMap((b) => str(b.ip) ?? []),
    });
  }
  return rules;
}

function buildRuleAssociations(ctx: BuildContext): RuleAssociation[] {
  return ctx.out.resources('aws_route53_resolver_rule_association').flatMap((r) => {
    const rule = ctx.idOf(r.stack, r.attrs.resolver_rule_id);
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    return rule && vpc ? [{ id: r.address, name: displayName(r), stack: r.stack, account: ctx.account(r.stack), rule, vpc }] : [];
  });
}

function buildRamShares(ctx: BuildContext): RamShare[] {
  const shares = new Map<Id, RamShare>();
  for (const r of ctx.out.resources('aws_ram_resource_share')) {
    shares.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      allowExternalPrincipals: bool(r.attrs.allow_external_principals, false),
      resources: [],
      principals: [],
      accepters: [],
    });
  }
  const shareOf = (stack: string, value: unknown) => shares.get(ctx.idOf(stack, value) ?? '');
  for (const r of ctx.out.resources('aws_ram_resource_association')) {
    const resource = ctx.idOf(r.stack, r.attrs.resource_arn);
    if (resource) shareOf(r.stack, r.attrs.resource_share_arn)?.resources.push(resource);
  }
  for (const r of ctx.out.resources('aws_ram_principal_association')) {
    const principal = str(r.attrs.principal);
    if (principal) shareOf(r.stack, r.attrs.resource_share_arn)?.principals.push(principal);
  }
  for (const r of ctx.out.resources('aws_ram_resource_share_accepter')) {
    shareOf(r.stack, r.attrs.share_arn)?.accepters.push({ id: r.address, account: ctx.account(r.stack) });
  }
  return [...shares.values()];
}

function buildHostedZones(ctx: BuildContext): HostedZone[] {
  const hostedZones = new Map<Id, HostedZone>();
  for (const r of ctx.out.resources('aws_route53_zone')) {
    const account = ctx.account(r.stack);
    hostedZones.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      fqdn: fqdn(ctx.out.canonical(r.stack, str(r.attrs.name) ?? '')),
      account,
      vpcs: blocks(r.attrs.vpc).flatMap((b) => {
        const vpc = ctx.idOf(r.stack, b.vpc_id);
        return vpc ? [{ vpc, via: r.address, account }] : [];
      }),
      authorizedVpcs: [],
      records: [],
    });
  }
  const hostedZoneOf = (stack: string, value: unknown) => hostedZones.get(ctx.idOf(stack, value) ?? '');
  for (const r of ctx.out.resources('aws_route53_zone_association')) {
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    if (vpc) hostedZoneOf(r.stack, r.attrs.zone_id)?.vpcs.push({ vpc, via: r.address, account: ctx.account(r.stack) });
  }
  for (const r of ctx.out.resources('aws_route53_vpc_association_authorization')) {
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    if (vpc) hostedZoneOf(r.stack, r.attrs.zone_id)?.authorizedVpcs.push(vpc);
  }
  for (const r of ctx.out.resources('aws_route53_record')) {
    const hostedZone = hostedZoneOf(r.stack, r.attrs.zone_id);
    if (!hostedZone) continue;
    const name = fqdn(ctx.out.canonical(r.stack, str(r.attrs.name) ?? ''));
    // A relative record name is completed with the zone's name, as Route 53 does.
    const absolute = name === hostedZone.fqdn || name.endsWith(`.${hostedZone.fqdn}`) ? name : `${name}.${hostedZone.fqdn}`;
    const record: DnsRecord = { id: r.address, name: displayName(r), stack: r.stack, fqdn: absolute, type: str(r.attrs.type) ?? '' };
    const alias = block(r.attrs.alias);
    if (alias) record.alias = aliasTarget(ctx, r.stack, alias.name);
    hostedZone.records.push(record);
  }
  return [...hostedZones.values()];
}

/**
 * An alias to an interface endpoint reads `dns_entry`, whose order is not part of the API: the
 * regional entry must be picked by its shape (a `for ... if` filter), never by index.
 */
function aliasTarget(ctx: BuildContext, stack: string, value: unknown): AliasTarget {
  const text = str(value) ?? '';
  const endpoint = ctx.out.traversals(stack, text).find((t) => t.resource.type === 'aws_vpc_endpoint' && t.attribute === 'dns_entry');
  if (!endpoint) return { kind: 'other', text: ctx.out.canonical(stack, text) };
  const pick = /\[\s*for\s[^\]]*\sif\s/.test(text) ? 'regional-filter' : /dns_entry\s*\[\s*\d+\s*\]/.test(text) ? 'by-index' : 'other';
  return { kind: 'endpoint', endpoint: endpoint.resource.address, pick };
}
