import { CentralStudioEndpoint } from '../../modules/network/central-studio-endpoint';
import { addressesOf, blocksOf, onlyBlock, policyOf, reference, synthUnit } from '../support/unit-synth';

describe('CentralStudioEndpoint', () => {
  const resources = synthUnit((scope) => new CentralStudioEndpoint(scope, 'studio', {
    name: 'x-hub', region: 'eu-west-1', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'],
    corporateCidrs: ['192.168.0.0/16'], serviceAccountIds: ['333333333333', '222222222222'], allowedInstanceTypes: ['ml.t3.medium'],
  })).resource;

  it('is the Studio interface endpoint with private DNS on, in the hub subnets, behind its own group', () => {
    expect(onlyBlock(resources, 'aws_vpc_endpoint')).toMatchObject({
      vpc_id: 'vpc-1', service_name: 'aws.sagemaker.eu-west-1.studio', vpc_endpoint_type: 'Interface', private_dns_enabled: true,
      subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: [reference('aws_security_group', addressesOf(resources, 'aws_security_group')[0], 'id')],
      tags: { Name: 'x-hub-studio' },
    });
  });

  it('admits HTTPS from the corporate ranges only', () => {
    expect(blocksOf(resources, 'aws_vpc_security_group_ingress_rule').map((r) => [r.ip_protocol, r.from_port, r.cidr_ipv4])).toEqual([['tcp', 443, '192.168.0.0/16']]);
    expect(resources.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it('lets only the service accounts\' principals through its policy', () => {
    const statements = policyOf(onlyBlock(resources, 'aws_vpc_endpoint')).Statement;
    const presign = statements.find((s) => s.Sid === 'PresignedSessionsOfLandingZoneProfiles');
    expect(presign?.Condition).toMatchObject({ StringEquals: { 'aws:PrincipalAccount': ['222222222222', '333333333333'] } });
  });
});
