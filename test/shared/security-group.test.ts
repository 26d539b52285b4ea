import { DescribedSecurityGroup, dnsRules } from '../../modules/shared/security-group';
import { addressesOf, addressStartingWith, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

describe('DescribedSecurityGroup', () => {
  const build = (rules: (group: DescribedSecurityGroup) => void, deleteTimeout?: string) => synthUnit((scope) => {
    rules(new DescribedSecurityGroup(scope, 'g', { name: 'x-endpoints', description: 'why', vpcId: 'vpc-1', deleteTimeout }));
  }).resource;

  it('starts with no rules (no allow-all egress) and revokes its rules on delete', () => {
    const resources = build(() => undefined);
    const group = onlyBlock(resources, 'aws_security_group');
    expect(group).toMatchObject({ name: 'x-endpoints', description: 'why', vpc_id: 'vpc-1', revoke_rules_on_delete: true, tags: { Name: 'x-endpoints' } });
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
    expect(group.timeouts).toBeUndefined();
    expect(resources.aws_vpc_security_group_ingress_rule).toBeUndefined();
    expect(resources.aws_vpc_security_group_egress_rule).toBeUndefined();
    expect(onlyBlock(build(() => undefined, '45m'), 'aws_security_group').timeouts).toEqual({ delete: '45m' });
  });

  it('writes each rule as its own described resource keyed by what it allows', () => {
    const resources = build((group) => {
      group.allowIngress({ description: 'HTTPS from 10.0.0.0/16', protocol: 'tcp', port: 443, peer: { cidr: '10.0.0.0/16' } });
      group.allowEgress({ description: 'to the endpoints', protocol: 'tcp', port: 443, peer: { securityGroupId: 'sg-2', name: 'endpoints' } });
      group.allowEgress({ description: 'to S3', protocol: '-1', peer: { prefixListId: 'pl-1', name: 's3' } });
    });
    const groupId = reference('aws_security_group', addressesOf(resources, 'aws_security_group')[0], 'id');
    const [ingress] = blocksOf(resources, 'aws_vpc_security_group_ingress_rule');
    expect(addressesOf(resources, 'aws_vpc_security_group_ingress_rule')).toEqual([expect.stringMatching(/^g_ingress-tcp-443-10000_16_/)]);
    expect(ingress).toEqual({ security_group_id: groupId, description: 'HTTPS from 10.0.0.0/16', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/16' });
    expect(addressesOf(resources, 'aws_vpc_security_group_egress_rule')).toEqual([
      expect.stringMatching(/^g_egress-all-s3_/),
      expect.stringMatching(/^g_egress-tcp-443-endpoints_/),
    ]);
    const egress = resources.aws_vpc_security_group_egress_rule;
    const toEndpoints = egress[addressStartingWith(resources, 'aws_vpc_security_group_egress_rule', 'g_egress-tcp-443-endpoints_')];
    const toS3 = egress[addressStartingWith(resources, 'aws_vpc_security_group_egress_rule', 'g_egress-all-s3_')];
    expect(toEndpoints).toMatchObject({ referenced_security_group_id: 'sg-2', from_port: 443 });
    expect(toS3).toEqual({ security_group_id: groupId, description: 'to S3', ip_protocol: '-1', prefix_list_id: 'pl-1' });
  });

  it('keys rules by content, so reordering them changes no address', () => {
    const cidrs = ['10.0.0.0/16', '192.168.0.0/16'];
    const ingress = (order: string[]) => addressesOf(build((group) => {
      for (const cidr of order) group.allowIngress({ description: cidr, protocol: 'tcp', port: 443, peer: { cidr } });
    }), 'aws_vpc_security_group_ingress_rule');
    expect(ingress(cidrs)).toEqual(ingress([...cidrs].reverse()));
  });

  it('dnsRules: DNS is TCP and UDP 53', () => {
    expect(dnsRules('DNS', { cidr: '10.0.0.0/8' }).map((rule) => [rule.protocol, rule.port])).toEqual([['tcp', 53], ['udp', 53]]);
  });
});
