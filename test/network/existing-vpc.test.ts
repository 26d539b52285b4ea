import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { ExistingVpc } from '../../modules/network/existing-vpc';
import { addressesOf, blocksOf, onlyBlock, synthUnit } from '../support/unit-synth';

const props = {
  name: 'x-vended',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  cidr: '10.30.0.0/22',
  subnets: [
    { id: 'subnet-0a1b2c3d', availabilityZoneId: 'euw1-az1', cidr: '10.30.0.0/24', routeTableId: 'rtb-0a1b2c3d' },
    { id: 'subnet-0a1b2c3e', availabilityZoneId: 'euw1-az2', cidr: '10.30.1.0/24', routeTableId: 'rtb-0a1b2c3e' },
    { id: 'subnet-0a1b2c3f', availabilityZoneId: 'euw1-az3', cidr: '10.30.2.0/24', routeTableId: 'rtb-0a1b2c3e' },
  ],
  accountId: '222222222222',
  region: 'eu-west-1',
  logsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/logs',
  logRetentionDays: 30,
};

describe('ExistingVpc', () => {
  let vpc: ExistingVpc;
  const synthesized = synthUnit((scope) => {
    vpc = new ExistingVpc(scope, 'v', props);
    // A consumer of what it hands out, as the service stack's constructs are.
    new VpcEndpoint(scope, 'consumer', {
      serviceName: 'com.amazonaws.eu-west-1.s3',
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds,
      routeTableIds: Object.values(vpc.routeTableIds),
      securityGroupIds: [vpc.replacementSecurityGroupId],
    });
  });
  const resources = synthesized.resource;
  const data = synthesized.data;
  const dataRef = (type: string, name: string, attribute: string) => `\${data.${type}.${name}.${attribute}}`;
  const vpcRef = () => dataRef('aws_vpc', Object.keys(data.aws_vpc)[0], 'id');
  const consumer = () => onlyBlock(resources, 'aws_vpc_endpoint');

  it('creates no VPC, subnet, route table or default group: it looks them up by the given ids', () => {
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_route_table_association', 'aws_default_security_group', 'aws_route']) {
      expect(resources[type]).toBeUndefined();
    }
    expect(Object.values(data.aws_vpc)).toEqual([expect.objectContaining({ id: props.vpcId, cidr_block: props.cidr })]);
    expect(Object.keys(data.aws_subnet)).toEqual(['v_subnet-euw1-az1', 'v_subnet-euw1-az2', 'v_subnet-euw1-az3'].map((k) => expect.stringMatching(new RegExp(`^${k}_`))));
    expect(Object.values(data.aws_subnet).map((s) => [s.id, s.availability_zone_id, s.cidr_block, s.vpc_id, s.filter])).toEqual(
      props.subnets.map((s) => [s.id, s.availabilityZoneId, s.cidr, vpcRef(), [{ name: 'map-public-ip-on-launch', values: ['false'] }]]),
    );
    const subnetNames = Object.keys(data.aws_subnet);
    expect(Object.values(data.aws_route_table).map((t) => [t.route_table_id, t.subnet_id, t.vpc_id])).toEqual(
      props.subnets.map((s, i) => [s.routeTableId, dataRef('aws_subnet', subnetNames[i], 'id'), vpcRef()]),
    );
  });

  it('hands out the looked-up ids: subnets in AZ order, each route table once by its id', () => {
    const subnetNames = Object.keys(data.aws_subnet);
    const tableNames = Object.keys(data.aws_route_table);
    expect(consumer().vpc_id).toBe(vpcRef());
    expect(vpc.cidr).toBe(props.cidr);
    expect(consumer().subnet_ids).toEqual(subnetNames.map((name) => dataRef('aws_subnet', name, 'id')));
    expect(Object.keys(vpc.routeTableIds)).toEqual(['rtb-0a1b2c3d', 'rtb-0a1b2c3e']);
    expect(consumer().route_table_ids).toEqual([dataRef('aws_route_table', tableNames[0], 'route_table_id'), dataRef('aws_route_table', tableNames[1], 'route_table_id')]);
  });

  it('records ALL traffic into its own encrypted group, and keeps an empty group for retired Lambda interfaces', () => {
    expect(onlyBlock(resources, 'aws_flow_log')).toMatchObject({ vpc_id: vpcRef(), traffic_type: 'ALL' });
    expect(onlyBlock(resources, 'aws_cloudwatch_log_group')).toMatchObject({ name: '/vpc/flow-logs/x-vended', kms_key_id: props.logsKeyArn, retention_in_days: 30 });
    const [group] = addressesOf(resources, 'aws_security_group');
    expect(onlyBlock(resources, 'aws_security_group')).toMatchObject({ name: 'x-vended-retired-lambdas', vpc_id: vpcRef(), timeouts: { delete: '45m' } });
    expect(consumer().security_group_ids).toEqual([`\${aws_security_group.${group}.id}`]);
    expect(blocksOf(resources, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(blocksOf(resources, 'aws_vpc_security_group_egress_rule')).toEqual([]);
  });
});
