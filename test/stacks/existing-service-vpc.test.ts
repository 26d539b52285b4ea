/**
 * A service that uses an existing (vended) VPC: the stack looks the VPC, its subnets and their
 * route tables up by the configured ids and places everything in them; it creates no VPC, subnet,
 * route table or default-group resource for that service, and the created service beside it is
 * unchanged.
 */
import { fixtureAccountFile } from '../support/configs';
import { shippedStackId } from '../support/shared-synth';
import { SynthResult, SynthesizedStack, asList, onlyResource, resourcesOfType, synthLandingZone } from '../support/synth';

let result: SynthResult;
let vended: SynthesizedStack;

beforeAll(() => {
  result = synthLandingZone(fixtureAccountFile('existing-service-vpc'));
  vended = result.json[shippedStackId('existing-service-vpc', 'service-vended')];
}, 60_000);

const dataOf = (stack: SynthesizedStack, type: string) => Object.entries(stack.data?.[type] ?? {});
/** The reference to the looked-up data source of `type` whose `key` is `value`. */
function lookedUp(type: string, key: string, value: string, attribute: string): string {
  const [name] = dataOf(vended, type).find(([, body]) => body[key] === value)!;
  return `\${data.${type}.${name}.${attribute}}`;
}
const SUBNETS = ['subnet-0a1b2c3d4e5f60701', 'subnet-0a1b2c3d4e5f60702', 'subnet-0a1b2c3d4e5f60703'];
const TABLES = ['rtb-0a1b2c3d4e5f60701', 'rtb-0a1b2c3d4e5f60702'];

describe('service stack with an existing VPC', () => {
  it('creates no VPC, subnet, route table, association or default group', () => {
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_route_table_association', 'aws_default_security_group']) {
      expect(Object.keys(resourcesOfType(vended, type))).toEqual([]);
    }
    // The created service beside it still creates its own.
    expect(Object.keys(resourcesOfType(result.json[shippedStackId('existing-service-vpc', 'service-analytics')], 'aws_subnet'))).toHaveLength(3);
  });

  it('looks the VPC, each subnet and its route table up by what the account file says', () => {
    expect(dataOf(vended, 'aws_vpc').map(([, b]) => ({ id: b.id, cidr_block: b.cidr_block }))).toEqual([{ id: 'vpc-0a1b2c3d4e5f60718', cidr_block: '10.30.0.0/22' }]);
    const vpc = lookedUp('aws_vpc', 'id', 'vpc-0a1b2c3d4e5f60718', 'id');
    const subnets = dataOf(vended, 'aws_subnet').map(([, b]) => b).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(subnets.map((b) => [b.id, b.availability_zone_id, b.cidr_block, b.vpc_id, b.filter])).toEqual(
      [['euw1-az1', '10.30.0.0/24'], ['euw1-az2', '10.30.1.0/24'], ['euw1-az3', '10.30.2.0/24']].map(([az, cidr], i) => [
        SUBNETS[i], az, cidr, vpc, [{ name: 'map-public-ip-on-launch', values: ['false'] }],
      ]),
    );
    const tables = dataOf(vended, 'aws_route_table').map(([, b]) => [b.route_table_id, b.subnet_id, b.vpc_id]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(tables).toEqual([
      [TABLES[0], lookedUp('aws_subnet', 'id', SUBNETS[0], 'id'), vpc],
      [TABLES[1], lookedUp('aws_subnet', 'id', SUBNETS[1], 'id'), vpc],
      [TABLES[1], lookedUp('aws_subnet', 'id', SUBNETS[2], 'id'), vpc],
    ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))));
  });

  it('places the interface endpoints in the given subnets and the gateway endpoints in the given route tables, once each', () => {
    const subnetRefs = SUBNETS.map((id) => lookedUp('aws_subnet', 'id', id, 'id')).sort();
    const endpoints = Object.values(resourcesOfType(vended, 'aws_vpc_endpoint'));
    const vpc = lookedUp('aws_vpc', 'id', 'vpc-0a1b2c3d4e5f60718', 'id');
    for (const endpoint of endpoints) {
      expect(endpoint.vpc_id).toBe(vpc);
      if (endpoint.vpc_endpoint_type === 'Interface') expect(asList(endpoint.subnet_ids as string[]).sort()).toEqual(subnetRefs);
      else expect(asList(endpoint.route_table_ids as string[]).map((r) => /route-table-(euw1-az\d)/.exec(r)![1])).toEqual(['euw1-az1', 'euw1-az2']);
    }
    expect(endpoints.filter((e) => e.vpc_endpoint_type === 'Interface')).toHaveLength(6);
  });

  it('runs the Lambdas and the Studio domain in the given subnets; retired Lambda interfaces go to an empty group of its own', () => {
    const subnetRefs = SUBNETS.map((id) => lookedUp('aws_subnet', 'id', id, 'id')).sort();
    const retired = Object.entries(resourcesOfType(vended, 'aws_security_group')).find(([, g]) => g.name === 'corp-vended-retired-lambdas')!;
    for (const fn of Object.values(resourcesOfType(vended, 'aws_lambda_function'))) {
      const vpcConfig = fn.vpc_config as Record<string, unknown>;
      expect(asList(vpcConfig.subnet_ids as string[]).sort()).toEqual(subnetRefs);
      expect(fn.replacement_security_group_ids).toEqual([`\${aws_security_group.${retired[0]}.id}`]);
    }
    for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']) {
      expect(Object.values(resourcesOfType(vended, type)).filter((r) => r.security_group_id === `\${aws_security_group.${retired[0]}.id}`)).toEqual([]);
    }
    const domain = onlyResource(vended, 'aws_sagemaker_domain');
    expect(asList(domain.subnet_ids as string[]).sort()).toEqual(subnetRefs);
    expect(domain.vpc_id).toBe(lookedUp('aws_vpc', 'id', 'vpc-0a1b2c3d4e5f60718', 'id'));
  });

  it('records the VPC\'s traffic, filters and logs its DNS, associates the corporate rules and attaches it to the Transit Gateway', () => {
    const vpc = lookedUp('aws_vpc', 'id', 'vpc-0a1b2c3d4e5f60718', 'id');
    expect(onlyResource(vended, 'aws_flow_log')).toMatchObject({ vpc_id: vpc, traffic_type: 'ALL' });
    expect(onlyResource(vended, 'aws_route53_resolver_firewall_rule_group_association')).toMatchObject({ vpc_id: vpc });
    expect(onlyResource(vended, 'aws_route53_resolver_query_log_config_association')).toMatchObject({ resource_id: vpc });
    expect(Object.values(resourcesOfType(vended, 'aws_route53_resolver_rule_association')).map((a) => a.vpc_id)).toEqual([vpc]);
    const attachment = onlyResource(vended, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.vpc_id).toBe(vpc);
    expect(asList(attachment.subnet_ids as string[]).sort()).toEqual(SUBNETS.map((id) => lookedUp('aws_subnet', 'id', id, 'id')).sort());
  });

  it('routes the corporate ranges from each given route table once, keyed by its id', () => {
    const routes = Object.entries(resourcesOfType(vended, 'aws_route')).map(([name, r]) => [name.replace(/_[0-9A-F]{8}$/, ''), r.destination_cidr_block, r.route_table_id]);
    expect(routes.sort()).toEqual([
      ['corporate-attachment_to-corporate_rtb-0a1b2c3d4e5f60701-to-172-16-0-0-12', '172.16.0.0/12', lookedUp('aws_route_table', 'subnet_id', lookedUp('aws_subnet', 'id', SUBNETS[0], 'id'), 'route_table_id')],
      ['corporate-attachment_to-corporate_rtb-0a1b2c3d4e5f60702-to-172-16-0-0-12', '172.16.0.0/12', lookedUp('aws_route_table', 'subnet_id', lookedUp('aws_subnet', 'id', SUBNETS[1], 'id'), 'route_table_id')],
    ]);
  });
});
