import { ForwardingRules } from '../../modules/network/forwarding-rules';
import { addressesOf, blocksOf, synthUnit } from '../support/unit-synth';

describe('ForwardingRules', () => {
  const build = (domains: string[]) => {
    let byDomain: Record<string, string> = {};
    const { resource } = synthUnit((scope) => {
      const rules = new ForwardingRules(scope, 'f', {
        name: 'x-corporate', domains, targetIps: ['192.168.0.2', '192.168.0.3'], outboundEndpointId: 'rslvr-out-1', vpcIds: { hub: 'vpc-1' },
      });
      byDomain = rules.byDomain('id');
    });
    return { resource, byDomain };
  };

  it('forwards each domain to every target on 53 through the outbound endpoint, and associates it with each VPC', () => {
    const { resource } = build(['corp.example.com']);
    expect(blocksOf(resource, 'aws_route53_resolver_rule')).toEqual([{
      name: 'x-corporate-corp-example-com', domain_name: 'corp.example.com', rule_type: 'FORWARD', resolver_endpoint_id: 'rslvr-out-1',
      target_ip: [{ ip: '192.168.0.2', port: 53 }, { ip: '192.168.0.3', port: 53 }],
    }]);
    const [rule] = addressesOf(resource, 'aws_route53_resolver_rule');
    expect(blocksOf(resource, 'aws_route53_resolver_rule_association')).toEqual([{ resolver_rule_id: `\${aws_route53_resolver_rule.${rule}.id}`, vpc_id: 'vpc-1' }]);
  });

  it('keys rules by domain: adding one leaves the others\' addresses, and byDomain names them', () => {
    const one = build(['corp.example.com']);
    const two = build(['ad.example.com', 'corp.example.com']);
    expect(addressesOf(two.resource, 'aws_route53_resolver_rule')).toEqual(expect.arrayContaining(addressesOf(one.resource, 'aws_route53_resolver_rule')));
    expect(Object.keys(two.byDomain)).toEqual(['ad.example.com', 'corp.example.com']);
  });

  it('cuts a long rule name to the 64 characters Route 53 Resolver allows', () => {
    const long = `${'a'.repeat(60)}.example.com`;
    expect(String(blocksOf(build([long]).resource, 'aws_route53_resolver_rule')[0].name)).toHaveLength(64);
  });
});
