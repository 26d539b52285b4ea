import { ResolverRuleShare } from '../../modules/dns-sharing/resolver-rules/resolver-rule-share';
import { addressesOf, blocksOf, onlyBlock, synthUnit } from '../support/unit-synth';

describe('ResolverRuleShare', () => {
  const build = (inOrganization: boolean, principals = ['222222222222', '333333333333']) => synthUnit((scope) => new ResolverRuleShare(scope, 's', {
    name: 'x-corporate-rules', ruleArns: { 'corp.example.com': 'arn:aws:route53resolver:eu-west-1:111111111111:resolver-rule/rslvr-rr-1' }, principals, inOrganization,
  })).resource;

  it('shares each rule with each service account; outside an Organization the share allows external principals', () => {
    const resources = build(false);
    expect(onlyBlock(resources, 'aws_ram_resource_share')).toMatchObject({ name: 'x-corporate-rules', allow_external_principals: true });
    expect(onlyBlock(build(true), 'aws_ram_resource_share').allow_external_principals).toBe(false);
    expect(blocksOf(resources, 'aws_ram_resource_association').map((a) => a.resource_arn)).toEqual(['arn:aws:route53resolver:eu-west-1:111111111111:resolver-rule/rslvr-rr-1']);
    expect(blocksOf(resources, 'aws_ram_principal_association').map((p) => p.principal).sort()).toEqual(['222222222222', '333333333333']);
  });

  it('keys principals by account id: offboarding one leaves the other\'s address', () => {
    const both = addressesOf(build(true), 'aws_ram_principal_association');
    const one = addressesOf(build(true, ['333333333333']), 'aws_ram_principal_association');
    expect(both).toEqual(expect.arrayContaining(one));
    expect(one).toEqual([expect.stringMatching(/^s_principal-333333333333_/)]);
  });
});
