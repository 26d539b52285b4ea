import { InboundResolver, OutboundResolver } from '../../modules/network/resolver-endpoints';
import { addressesOf, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

const rules = (resources: ReturnType<typeof synthUnit>['resource'], type: string) =>
  blocksOf(resources, type).map((rule) => [rule.ip_protocol, rule.from_port, rule.cidr_ipv4]).sort();

describe('InboundResolver', () => {
  const resources = synthUnit((scope) => new InboundResolver(scope, 'in', {
    name: 'x-hub', vpcId: 'vpc-1',
    addresses: [{ subnetId: 'subnet-a', ip: '10.10.0.10' }, { subnetId: 'subnet-b', ip: '10.10.0.74' }],
    clientCidrs: ['192.168.0.0/16', '172.16.0.0/12'],
  })).resource;

  it('listens on the static IPs given, over Do53, behind its own group', () => {
    const endpoint = onlyBlock(resources, 'aws_route53_resolver_endpoint');
    expect(endpoint).toMatchObject({
      name: 'x-hub-inbound', direction: 'INBOUND', protocols: ['Do53'],
      ip_address: [{ subnet_id: 'subnet-a', ip: '10.10.0.10' }, { subnet_id: 'subnet-b', ip: '10.10.0.74' }],
      security_group_ids: [reference('aws_security_group', addressesOf(resources, 'aws_security_group')[0], 'id')],
    });
  });

  it('answers TCP and UDP 53 from the client ranges only, and sends nothing', () => {
    expect(rules(resources, 'aws_vpc_security_group_ingress_rule')).toEqual([
      ['tcp', 53, '172.16.0.0/12'], ['tcp', 53, '192.168.0.0/16'], ['udp', 53, '172.16.0.0/12'], ['udp', 53, '192.168.0.0/16'],
    ]);
    expect(resources.aws_vpc_security_group_egress_rule).toBeUndefined();
  });
});

describe('OutboundResolver', () => {
  const resources = synthUnit((scope) => new OutboundResolver(scope, 'out', {
    name: 'x-hub', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], targetIps: ['192.168.0.2'],
  })).resource;

  it('takes an address in each subnet and reaches only the target DNS servers on 53', () => {
    expect(onlyBlock(resources, 'aws_route53_resolver_endpoint')).toMatchObject({
      name: 'x-hub-outbound', direction: 'OUTBOUND', ip_address: [{ subnet_id: 'subnet-a' }, { subnet_id: 'subnet-b' }],
    });
    expect(rules(resources, 'aws_vpc_security_group_egress_rule')).toEqual([['tcp', 53, '192.168.0.2/32'], ['udp', 53, '192.168.0.2/32']]);
    expect(resources.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });
});
