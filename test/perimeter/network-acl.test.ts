import { ANYWHERE, SubnetNetworkAcl, numberRules, serviceAclRules } from '../../modules/perimeter/subnet-network-acl';
import { blocksOf, synthUnit } from '../support/unit-synth';

const base = { vpcCidr: '10.16.0.0/16', browserCidrs: ['192.168.0.0/16'], egress: { port: 443, cidrs: ['192.168.1.10/32'] } };

describe('service subnets\' network ACL', () => {
  it('keeps every other rule\'s number when a corporate range is added', () => {
    const before = numberRules(serviceAclRules(base));
    const after = numberRules(serviceAclRules({ ...base, browserCidrs: [...base.browserCidrs, '172.16.0.0/12'] }));
    for (const [key, number] of before) expect(after.get(key)).toBe(number);
    expect(after.size).toBe(before.size + 2);
  });

  it('numbers inbound and outbound rules apart, without duplicates, within the ACL\'s range', () => {
    const rules = serviceAclRules({ ...base, browserCidrs: Array.from({ length: 15 }, (_, i) => `10.${100 + i}.0.0/16`) });
    const numbers = numberRules(rules);
    for (const egress of [true, false]) {
      const used = rules.filter((r) => r.egress === egress).map((r) => numbers.get(r.key)!);
      expect(new Set(used).size).toBe(used.length);
      for (const n of used) expect(n >= 1 && n <= 32766).toBe(true);
    }
  });

  it('opens the IdP\'s port to its addresses only when it is not HTTPS (HTTPS is open anyway, for the gateway endpoints)', () => {
    const proxied = serviceAclRules({ ...base, egress: { port: 3128, cidrs: ['192.168.1.10/32'] } }).filter((r) => r.egress && r.fromPort === 3128);
    expect(proxied.map((r) => r.cidr)).toEqual(['192.168.1.10/32']);
    expect(serviceAclRules(base).filter((r) => r.egress && r.fromPort !== 443 && r.fromPort !== 1024)).toEqual([]);
  });

  it('admits nothing below the ephemeral range from anywhere but HTTPS from the VPC and the browsers', () => {
    const inbound = serviceAclRules(base).filter((r) => !r.egress);
    expect(inbound.filter((r) => r.cidr === ANYWHERE).map((r) => [r.fromPort, r.toPort])).toEqual([[1024, 65535]]);
    expect(inbound.filter((r) => r.fromPort < 1024).map((r) => r.cidr).sort()).toEqual(['10.16.0.0/16', '192.168.0.0/16']);
  });
});

describe('SubnetNetworkAcl', () => {
  const resources = synthUnit((scope) => new SubnetNetworkAcl(scope, 'acl', { ...base, name: 'x-analytics', vpcId: 'vpc-1', subnets: { 'euw1-az1': 'subnet-a', 'subnet-0abc': 'subnet-0abc' } })).resource;

  it('associates every subnet given, created or existing, by its key', () => {
    expect(blocksOf(resources, 'aws_network_acl_association').map((a) => a.subnet_id).sort()).toEqual(['subnet-0abc', 'subnet-a']);
  });

  it('writes each rule as its own resource, numbered as numberRules says', () => {
    const numbers = numberRules(serviceAclRules(base));
    const rules = blocksOf(resources, 'aws_network_acl_rule');
    expect(rules).toHaveLength(numbers.size);
    expect(rules.every((r) => r.rule_action === 'allow' && r.protocol === 'tcp')).toBe(true);
    expect(rules.map((r) => r.rule_number).sort()).toEqual([...numbers.values()].sort());
  });
});
