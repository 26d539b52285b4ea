import { PrivateVpc, SUBNET_DELETE_TIMEOUT } from '../../modules/network/private-vpc';
import { addressesOf, blocksOf, onlyBlock, policyOf, reference, synthUnit } from '../support/unit-synth';

const props = {
  name: 'x-hub',
  cidr: '10.10.0.0/24',
  subnets: [{ availabilityZoneId: 'euw1-az1', cidr: '10.10.0.0/26' }, { availabilityZoneId: 'euw1-az2', cidr: '10.10.0.64/26' }],
  accountId: '111111111111',
  region: 'eu-west-1',
  logsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/logs',
  logRetentionDays: 30,
};

describe('PrivateVpc', () => {
  const resources = synthUnit((scope) => new PrivateVpc(scope, 'v', props)).resource;
  const vpcId = reference('aws_vpc', addressesOf(resources, 'aws_vpc')[0], 'id');

  it('has no way to the internet: no gateway, no NAT, no public IPs, no route but the local one', () => {
    expect(resources.aws_internet_gateway).toBeUndefined();
    expect(resources.aws_nat_gateway).toBeUndefined();
    expect(resources.aws_route).toBeUndefined();
    expect(onlyBlock(resources, 'aws_route_table').route).toBeUndefined();
    expect(blocksOf(resources, 'aws_subnet').every((subnet) => subnet.map_public_ip_on_launch === false)).toBe(true);
    expect(onlyBlock(resources, 'aws_vpc')).toMatchObject({ cidr_block: '10.10.0.0/24', enable_dns_support: true, enable_dns_hostnames: true });
  });

  it('keys subnets and their route-table associations by AZ id, and waits for Lambda interfaces on delete', () => {
    expect(addressesOf(resources, 'aws_subnet')).toEqual([expect.stringMatching(/^v_private-euw1-az1_/), expect.stringMatching(/^v_private-euw1-az2_/)]);
    expect(addressesOf(resources, 'aws_route_table_association')).toEqual([expect.stringMatching(/^v_private-euw1-az1-routes_/), expect.stringMatching(/^v_private-euw1-az2-routes_/)]);
    expect(blocksOf(resources, 'aws_subnet').map((s) => [s.availability_zone_id, s.cidr_block, s.timeouts])).toEqual([
      ['euw1-az1', '10.10.0.0/26', { delete: SUBNET_DELETE_TIMEOUT }],
      ['euw1-az2', '10.10.0.64/26', { delete: SUBNET_DELETE_TIMEOUT }],
    ]);
    const table = reference('aws_route_table', addressesOf(resources, 'aws_route_table')[0], 'id');
    expect(blocksOf(resources, 'aws_route_table_association').every((a) => a.route_table_id === table)).toBe(true);
  });

  it('empties the default security group', () => {
    expect(onlyBlock(resources, 'aws_default_security_group')).toMatchObject({ vpc_id: vpcId, ingress: [], egress: [] });
  });

  it('logs all traffic to a group encrypted with the key given, through a role that writes only that group', () => {
    const group = onlyBlock(resources, 'aws_cloudwatch_log_group');
    expect(group).toEqual({ name: '/vpc/flow-logs/x-hub', kms_key_id: props.logsKeyArn, retention_in_days: 30 });
    const groupArn = reference('aws_cloudwatch_log_group', addressesOf(resources, 'aws_cloudwatch_log_group')[0], 'arn');
    expect(onlyBlock(resources, 'aws_flow_log')).toMatchObject({ vpc_id: vpcId, traffic_type: 'ALL', log_destination: groupArn, max_aggregation_interval: 60 });
    expect(policyOf(onlyBlock(resources, 'aws_iam_role_policy')).Statement).toEqual([expect.objectContaining({ Resource: `${groupArn}:*` })]);
    expect(policyOf(onlyBlock(resources, 'aws_iam_role'), 'assume_role_policy').Statement[0]).toMatchObject({
      Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
    });
  });

  it('subnetIn names the subnet of an AZ, and refuses an AZ it does not have', () => {
    synthUnit((scope) => {
      const vpc = new PrivateVpc(scope, 'v', props);
      expect(vpc.subnetIn('euw1-az2')).toBe(vpc.subnets[1]);
      expect(() => vpc.subnetIn('euw1-az3')).toThrow('has no subnet in euw1-az3');
    });
  });
});
