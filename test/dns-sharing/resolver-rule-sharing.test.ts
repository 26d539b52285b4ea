/**
 * The RAM-shared resolver rules strategy end to end in one bare stack: the network side shares the
 * rules, each service side accepts that very share (outside an Organization) and associates the rules.
 */
import { ResolverRuleSharing } from '../../modules/dns-sharing';
import { addressStartingWith, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

const rules = {
  ruleArns: { 'corp.example.com': 'arn:aws:route53resolver:eu-west-1:111111111111:resolver-rule/rslvr-rr-1' },
  ruleIds: { 'corp.example.com': 'rslvr-rr-1' },
};

const build = (inOrganization: boolean) => synthUnit((scope) => {
  const network = new ResolverRuleSharing().addNetworkSide(scope, { name: 'x-corporate-dns-rules', ...rules, serviceAccountIds: ['222222222222'], inOrganization });
  network.addServiceSide(scope, { vpcId: 'vpc-1' });
}).resource;

describe('ResolverRuleSharing', () => {
  it('outside an Organization the service side accepts the share the network side created, then associates its rules', () => {
    const resources = build(false);
    const share = addressStartingWith(resources, 'aws_ram_resource_share', 'rule-share_');
    expect(onlyBlock(resources, 'aws_ram_resource_share_accepter').share_arn).toBe(reference('aws_ram_resource_share', share, 'arn'));
    expect(onlyBlock(resources, 'aws_ram_principal_association').principal).toBe('222222222222');
    expect(blocksOf(resources, 'aws_route53_resolver_rule_association').map((a) => [a.resolver_rule_id, a.vpc_id])).toEqual([['rslvr-rr-1', 'vpc-1']]);
  });

  it('inside an Organization the share stays internal and nothing is accepted', () => {
    const resources = build(true);
    expect(onlyBlock(resources, 'aws_ram_resource_share').allow_external_principals).toBe(false);
    expect(resources.aws_ram_resource_share_accepter).toBeUndefined();
  });
});
