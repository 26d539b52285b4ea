import { ALLOW_RULE_PRIORITY, ASSOCIATION_PRIORITY, BLOCK_RULE_PRIORITY, DnsFirewall } from '../../modules/perimeter/dns-firewall';
import { addressesOf, blocksOf, reference, synthUnit } from '../support/unit-synth';

describe('DnsFirewall on its own', () => {
  const build = (failOpen: boolean) => synthUnit((scope) => new DnsFirewall(scope, 'fw', {
    name: 'x-analytics', vpcIds: { service: 'vpc-1' }, allowedDomains: ['corp.example.com', '*.corp.example.com'], failOpen,
  })).resource;
  const resources = build(false);
  const list = (suffix: string) => addressesOf(resources, 'aws_route53_resolver_firewall_domain_list').find((a) => a.startsWith(`fw_${suffix}_`))!;

  it('allows the listed names first, then blocks every other name with NXDOMAIN', () => {
    const lists = resources.aws_route53_resolver_firewall_domain_list;
    expect(lists[list('allowed')]).toEqual({ name: 'x-analytics-allowed', domains: ['corp.example.com', '*.corp.example.com'] });
    expect(lists[list('everything')]).toEqual({ name: 'x-analytics-everything', domains: ['*'] });
    const rules = blocksOf(resources, 'aws_route53_resolver_firewall_rule').sort((a, b) => Number(a.priority) - Number(b.priority));
    expect(rules.map((r) => [r.priority, r.action, r.firewall_domain_list_id])).toEqual([
      [ALLOW_RULE_PRIORITY, 'ALLOW', reference('aws_route53_resolver_firewall_domain_list', list('allowed'), 'id')],
      [BLOCK_RULE_PRIORITY, 'BLOCK', reference('aws_route53_resolver_firewall_domain_list', list('everything'), 'id')],
    ]);
    expect(rules[1].block_response).toBe('NXDOMAIN');
    expect(ALLOW_RULE_PRIORITY).toBeLessThan(BLOCK_RULE_PRIORITY);
  });

  it('associates the group with each VPC only after its rules exist, keyed by the VPC\'s name', () => {
    expect(addressesOf(resources, 'aws_route53_resolver_firewall_rule_group_association')).toEqual([expect.stringMatching(/^fw_association-service_/)]);
    const [association] = blocksOf(resources, 'aws_route53_resolver_firewall_rule_group_association');
    expect(association).toMatchObject({ vpc_id: 'vpc-1', priority: ASSOCIATION_PRIORITY, name: 'x-analytics-service' });
    expect((association.depends_on as string[]).sort()).toEqual(addressesOf(resources, 'aws_route53_resolver_firewall_rule').map((a) => `aws_route53_resolver_firewall_rule.${a}`));
  });

  it('fails closed unless told to fail open', () => {
    expect(blocksOf(resources, 'aws_route53_resolver_firewall_config')).toEqual([{ resource_id: 'vpc-1', firewall_fail_open: 'DISABLED' }]);
    expect(blocksOf(build(true), 'aws_route53_resolver_firewall_config')[0].firewall_fail_open).toBe('ENABLED');
  });
});
