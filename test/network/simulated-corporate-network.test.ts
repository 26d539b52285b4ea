import { SimulatedCorporateNetwork } from '../../modules/network/simulated-corporate-network';
import { addressesOf, blocksOf, onlyBlock, synthUnit } from '../support/unit-synth';

const props = {
  name: 'x-corporate', region: 'eu-west-1', accountId: '111111111111', vpcCidr: '192.168.0.0/24',
  subnets: [{ availabilityZoneId: 'euw1-az1', cidr: '192.168.0.0/26' }, { availabilityZoneId: 'euw1-az2', cidr: '192.168.0.64/26' }],
  corporateCidrs: ['192.168.0.0/16'], dnsServerIps: ['192.168.0.10', '192.168.0.74'], dnsDomains: ['corp.example.com'],
  hubCidr: '10.10.0.0/24', inboundResolverIps: ['10.10.0.10', '10.10.0.74'],
  logsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/logs', logRetentionDays: 30,
};

describe('SimulatedCorporateNetwork', () => {
  const resources = synthUnit((scope) => new SimulatedCorporateNetwork(scope, 'corp', props)).resource;

  it('answers DNS on the configured IPs, each in its AZ\'s subnet, to the corporate ranges and the hub', () => {
    const inbound = blocksOf(resources, 'aws_route53_resolver_endpoint').find((e) => e.direction === 'INBOUND');
    const subnetOf = (az: string) => `\${aws_subnet.${addressesOf(resources, 'aws_subnet').find((a) => a.includes(az))}.id}`;
    expect(inbound?.ip_address).toEqual([{ subnet_id: subnetOf('euw1-az1'), ip: '192.168.0.10' }, { subnet_id: subnetOf('euw1-az2'), ip: '192.168.0.74' }]);
    const clients = blocksOf(resources, 'aws_vpc_security_group_ingress_rule').map((r) => r.cidr_ipv4);
    expect([...new Set(clients)].sort()).toEqual(['10.10.0.0/24', '192.168.0.0/16']);
  });

  it('is authoritative for the corporate domains and forwards the Studio names to the hub inbound resolver', () => {
    expect(onlyBlock(resources, 'aws_route53_zone')).toMatchObject({ name: 'corp.example.com' });
    expect(onlyBlock(resources, 'aws_route53_resolver_rule')).toMatchObject({
      domain_name: 'studio.eu-west-1.sagemaker.aws', rule_type: 'FORWARD',
      target_ip: [{ ip: '10.10.0.10', port: 53 }, { ip: '10.10.0.74', port: 53 }],
    });
  });

  it('refuses a DNS server IP outside its subnets', () => {
    expect(() => synthUnit((scope) => new SimulatedCorporateNetwork(scope, 'corp', { ...props, dnsServerIps: ['192.168.0.200'] })))
      .toThrow('corporate.dnsServerIps: 192.168.0.200 is in no subnet of the simulated corporate VPC');
  });
});
