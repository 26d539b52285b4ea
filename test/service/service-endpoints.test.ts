import { ServiceEndpoints } from '../../modules/service/service-endpoints';
import { blocksOf, policyOf, synthUnit } from '../support/unit-synth';

const props = {
  name: 'x-analytics', region: 'eu-west-1', accountId: '222222222222', vpcId: 'vpc-1', vpcCidr: '10.16.0.0/16',
  subnetIds: ['subnet-a', 'subnet-b'], routeTableIds: ['rtb-1'], corporateCidrs: ['192.168.0.0/16'],
};

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

  it('admits HTTPS from the VPC and the corporate ranges only', () => {
    expect(blocksOf(resources, 'aws_vpc_security_group_ingress_rule').map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4]).sort()).toEqual([
      ['tcp', 443, '10.16.0.0/16'], ['tcp', 443, '192.168.0.0/16'],
    ]);
  });

  it('keeps each endpoint to this account: its principals, its APIs, its tables and buckets', () => {
    expect(policyOf(endpoint('sts')).Statement).toEqual([expect.objectContaining({ Condition: { StringEquals: { 'aws:PrincipalAccount': '222222222222' } } })]);
    expect(policyOf(endpoint('execute-api')).Statement[0].Resource).toBe('arn:aws:execute-api:eu-west-1:222222222222:*');
    expect(policyOf(endpoint('dynamodb')).Statement[0].Resource).toBe('arn:aws:dynamodb:eu-west-1:222222222222:table/*');
    expect(policyOf(endpoint('s3')).Statement[0].Condition).toEqual({ StringEquals: { 'aws:ResourceAccount': '222222222222' } });
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
