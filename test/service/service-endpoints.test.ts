import { ServiceEndpoints } from '../../modules/service/service-endpoints';
import { blocksOf, policyOf, synthUnit } from '../support/unit-synth';

const props = {
  name: 'x-analytics', region: 'eu-west-1', accountId: '222222222222', vpcId: 'vpc-1',
  subnetIds: ['subnet-a', 'subnet-b'], routeTableIds: ['rtb-1'], corporateCidrs: ['192.168.0.0/16'],
  perimeter: { accountIds: ['222222222222', '111111111111'] },
};
const inside = { StringEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222'], 'aws:ResourceAccount': ['111111111111', '222222222222'] } };

describe('ServiceEndpoints', () => {
  const build = (extra = {}) => synthUnit((scope) => new ServiceEndpoints(scope, 'e', { ...props, ...extra })).resource;
  const resources = build();
  const endpoint = (service: string) => blocksOf(resources, 'aws_vpc_endpoint').find((e) => e.service_name === `com.amazonaws.eu-west-1.${service}`)!;

  it('creates the interface endpoints with private DNS in the VPC subnets, and S3 and DynamoDB gateways on the route tables', () => {
    for (const service of ['execute-api', 'sagemaker.api', 'sagemaker.runtime', 'lambda', 'sts', 'logs']) {
      expect(endpoint(service)).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true, subnet_ids: ['subnet-a', 'subnet-b'] });
    }
    for (const service of ['s3', 'dynamodb']) expect(endpoint(service)).toMatchObject({ vpc_endpoint_type: 'Gateway', route_table_ids: ['rtb-1'] });
    expect(blocksOf(resources, 'aws_vpc_endpoint')).toHaveLength(8);
  });

  const groupOf = (endpointService: string) => (endpoint(endpointService).security_group_ids as string[])[0];
  const ingressOf = (group: string, extra = {}) => blocksOf(build(extra), 'aws_vpc_security_group_ingress_rule')
    .filter((r) => r.security_group_id === group).map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4 ?? r.referenced_security_group_id]);

  it('admits the corporate ranges to execute-api only, and to the other endpoints only what admit() and extraClientCidrs name', () => {
    expect(ingressOf(groupOf('execute-api'))).toEqual([['tcp', 443, '192.168.0.0/16']]);
    expect(ingressOf(groupOf('sts'))).toEqual([]);
    expect(ingressOf(groupOf('sts'), { extraClientCidrs: ['10.16.3.0/26'] })).toEqual([['tcp', 443, '10.16.3.0/26']]);
    const admitted = synthUnit((scope) => new ServiceEndpoints(scope, 'e', props).admit('presign', 'sg-presign', 'the presign Lambda')).resource;
    expect(blocksOf(admitted, 'aws_vpc_security_group_ingress_rule').filter((r) => r.referenced_security_group_id === 'sg-presign').map((r) => r.from_port)).toEqual([443]);
  });

  it('holds every endpoint but execute-api to the perimeter: the landing zone\'s principals on its resources', () => {
    for (const service of ['sagemaker.api', 'sagemaker.runtime', 'lambda', 'sts', 'logs', 'dynamodb', 's3']) {
      expect(policyOf(endpoint(service)).Statement[0].Condition).toEqual(inside);
    }
    expect(policyOf(endpoint('execute-api')).Statement).toEqual([expect.objectContaining({ Resource: 'arn:aws:execute-api:eu-west-1:222222222222:*' })]);
    expect(policyOf(endpoint('execute-api')).Statement[0].Condition).toBeUndefined();
    expect(policyOf(endpoint('dynamodb')).Statement[0].Resource).toBe('arn:aws:dynamodb:eu-west-1:222222222222:table/*');
  });

  it('denies invoking API-only functions through the lambda endpoint, except for the role named', () => {
    expect(policyOf(endpoint('lambda')).Statement.filter((s) => s.Effect === 'Deny')).toEqual([]);
    const arn = 'arn:aws:lambda:eu-west-1:222222222222:function:x-presign';
    const guarded = blocksOf(build({ apiOnlyFunctions: [{ arn, exceptRoleArn: 'arn:aws:iam::222222222222:role/x' }] }), 'aws_vpc_endpoint')
      .find((e) => e.service_name === 'com.amazonaws.eu-west-1.lambda')!;
    expect(policyOf(guarded).Statement.find((s) => s.Effect === 'Deny')).toEqual({
      Sid: 'NoDirectInvokexpresign', Effect: 'Deny', Principal: '*', Action: ['lambda:InvokeFunction', 'lambda:InvokeAsync'],
      Resource: [arn, `${arn}:*`], Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/x' } },
    });
  });
});
