import { SharedResolverRules } from '../../modules/dns-sharing/resolver-rules/shared-resolver-rules';
import { addressesOf, blocksOf, synthUnit } from '../support/unit-synth';

describe('SharedResolverRules', () => {
  const build = (acceptShare: boolean) => synthUnit((scope) => new SharedResolverRules(scope, 'r', {
    vpcId: 'vpc-1', shareArn: 'arn:aws:ram:eu-west-1:111111111111:resource-share/s', ruleIds: { 'corp.example.com': 'rslvr-rr-1', 'ad.example.com': 'rslvr-rr-2' }, acceptShare,
  })).resource;

  it('outside an Organization accepts the share first, then associates each rule with the VPC, keyed by domain', () => {
    const resources = build(true);
    const [accepter] = addressesOf(resources, 'aws_ram_resource_share_accepter');
    expect(blocksOf(resources, 'aws_ram_resource_share_accepter')).toEqual([{ share_arn: 'arn:aws:ram:eu-west-1:111111111111:resource-share/s' }]);
    expect(addressesOf(resources, 'aws_route53_resolver_rule_association')).toEqual([expect.stringMatching(/^r_rule-adexamplecom_/), expect.stringMatching(/^r_rule-corpexamplecom_/)]);
    expect(blocksOf(resources, 'aws_route53_resolver_rule_association').map((a) => [a.resolver_rule_id, a.vpc_id, a.depends_on]).sort()).toEqual([
      ['rslvr-rr-1', 'vpc-1', [`aws_ram_resource_share_accepter.${accepter}`]],
      ['rslvr-rr-2', 'vpc-1', [`aws_ram_resource_share_accepter.${accepter}`]],
    ]);
  });

  it('inside an Organization has nothing to accept', () => {
    const resources = build(false);
    expect(resources.aws_ram_resource_share_accepter).toBeUndefined();
    expect(blocksOf(resources, 'aws_route53_resolver_rule_association').every((a) => a.depends_on === undefined)).toBe(true);
  });
});
