/**
 * Each connectivity construct on its own, in a bare stack: what it creates from plain values.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { TransitGatewayHub } from '../../modules/connectivity/transit-gateway/transit-gateway-hub';
import { ServiceAttachment } from '../../modules/connectivity/transit-gateway/service-attachment';
import { TransitGatewayServiceLink } from '../../modules/connectivity/transit-gateway/service-link';
import { PeeringAccepter } from '../../modules/connectivity/peering/peering-accepter';
import { CorporatePeering } from '../../modules/connectivity/peering/corporate-peering';
import { VpcRoutes } from '../../modules/connectivity/routes';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synth(build: (scope: Construct) => void): Json['resource'] {
  const stack = new TerraformStack(Testing.app(), 'unit');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  return (JSON.parse(Testing.synth(stack)) as Json).resource;
}

const values = <T>(byName: Record<string, T> | undefined): T[] => Object.values(byName ?? {});
const hub = { vpcId: 'vpc-0000000000000000a', subnetIds: ['subnet-0000000000000000a', 'subnet-0000000000000000b'], routeTableId: 'rtb-0000000000000000a' };

describe('VpcRoutes', () => {
  it('keys each route by its table and CIDR, so reordering the CIDRs changes nothing', () => {
    const routes = (cidrs: string[]) => Object.keys(synth((s) => new VpcRoutes(s, 'r', { routeTables: { hub: 'rtb-1' }, destinationCidrs: cidrs, target: { transitGatewayId: 'tgw-1' } })).aws_route).sort();
    expect(routes(['10.0.0.0/8', '192.168.0.0/16'])).toEqual(routes(['192.168.0.0/16', '10.0.0.0/8']));
    expect(routes(['10.0.0.0/8'])).toEqual([expect.stringMatching(/^r_hub-to-10-0-0-0-8_/)]);
  });
});

describe('TransitGatewayHub', () => {
  it('with an existing Transit Gateway and a VPN attachment: no gateway created, its ARN shared, the attachment associated with corporate', () => {
    const resources = synth((s) => new TransitGatewayHub(s, 'tgw', {
      name: 'x-tgw', region: 'eu-west-1', networkAccountId: '111111111111', transitGatewayId: 'tgw-0123456789abcdef0', hub,
      corporate: { attachmentId: 'tgw-attach-0123456789abcdef0' }, corporateCidrs: ['172.16.0.0/12'], hubCidr: '10.10.0.0/24',
      serviceAccountIds: ['222222222222', '333333333333', '222222222222'], inOrganization: true,
    }));
    expect(resources.aws_ec2_transit_gateway).toBeUndefined();
    expect(values(resources.aws_ram_resource_association).map((a) => a.resource_arn)).toEqual(['arn:aws:ec2:eu-west-1:111111111111:transit-gateway/tgw-0123456789abcdef0']);
    expect(values(resources.aws_ram_principal_association).map((p) => p.principal)).toEqual(['222222222222', '333333333333']);
    expect(values(resources.aws_ram_resource_share)[0].allow_external_principals).toBe(false);
    expect(values(resources.aws_ec2_transit_gateway_vpc_attachment)).toHaveLength(1);
    expect(values(resources.aws_ec2_transit_gateway_route_table_association).map((a) => a.transit_gateway_attachment_id)).toContain('tgw-attach-0123456789abcdef0');
    expect(values(resources.aws_ec2_transit_gateway_route).map((r) => [r.destination_cidr_block, r.transit_gateway_attachment_id])).toEqual([
      ['172.16.0.0/12', 'tgw-attach-0123456789abcdef0'],
      ['172.16.0.0/12', 'tgw-attach-0123456789abcdef0'],
    ]);
    // The hub routes the corporate ranges only once its attachment exists.
    const [hubRoute] = values(resources.aws_route);
    expect(hubRoute).toMatchObject({ destination_cidr_block: '172.16.0.0/12', transit_gateway_id: 'tgw-0123456789abcdef0' });
    expect(hubRoute.depends_on).toEqual([expect.stringMatching(/^aws_ec2_transit_gateway_vpc_attachment\./)]);
  });
});

describe('ServiceAttachment', () => {
  it('accepts the share before attaching outside an Organization, and routes only the corporate ranges', () => {
    const resources = synth((s) => new ServiceAttachment(s, 'a', {
      name: 'x-svc-tgw', transitGatewayId: 'tgw-1', shareArn: 'arn:aws:ram:eu-west-1:111111111111:resource-share/x', acceptShare: true,
      vpcId: 'vpc-1', subnetIds: ['subnet-1', 'subnet-2'], routeTables: { private: 'rtb-1' }, corporateCidrs: ['192.168.0.0/16'],
    }));
    const [attachment] = values(resources.aws_ec2_transit_gateway_vpc_attachment);
    expect(attachment.depends_on).toEqual([expect.stringMatching(/^aws_ram_resource_share_accepter\./)]);
    expect(values(resources.aws_route).map((r) => [r.destination_cidr_block, r.depends_on])).toEqual([
      ['192.168.0.0/16', [`aws_ec2_transit_gateway_vpc_attachment.${Object.keys(resources.aws_ec2_transit_gateway_vpc_attachment)[0]}`]],
    ]);
    expect(synth((s) => new ServiceAttachment(s, 'a', {
      name: 'x', transitGatewayId: 'tgw-1', shareArn: 'arn', acceptShare: false, vpcId: 'vpc-1', subnetIds: ['subnet-1'], routeTables: {}, corporateCidrs: [],
    })).aws_ram_resource_share_accepter).toBeUndefined();
  });
});

describe('TransitGatewayServiceLink', () => {
  it('accepts when asked, and wires the accepted attachment into the two route tables', () => {
    const props = { name: 'x', transitGatewayId: 'tgw-1', attachmentId: 'tgw-attach-1', servicesRouteTableId: 'tgw-rtb-s', corporateRouteTableId: 'tgw-rtb-c', serviceVpcCidr: '10.16.0.0/16' };
    const accepted = synth((s) => new TransitGatewayServiceLink(s, 'l', { ...props, accept: true }));
    const accepter = Object.keys(accepted.aws_ec2_transit_gateway_vpc_attachment_accepter)[0];
    expect(values(accepted.aws_ec2_transit_gateway_route_table_association)[0]).toMatchObject({ transit_gateway_attachment_id: `\${aws_ec2_transit_gateway_vpc_attachment_accepter.${accepter}.id}`, transit_gateway_route_table_id: 'tgw-rtb-s' });
    expect(values(accepted.aws_ec2_transit_gateway_route_table_propagation)[0]).toMatchObject({ transit_gateway_route_table_id: 'tgw-rtb-c' });
    expect(accepted.aws_route).toBeUndefined();
    const auto = synth((s) => new TransitGatewayServiceLink(s, 'l', { ...props, accept: false, simulatedCorporateRouteTableId: 'rtb-corp' }));
    expect(auto.aws_ec2_transit_gateway_vpc_attachment_accepter).toBeUndefined();
    expect(values(auto.aws_ec2_transit_gateway_route_table_association)[0].transit_gateway_attachment_id).toBe('tgw-attach-1');
    expect(values(auto.aws_route)).toEqual([expect.objectContaining({ route_table_id: 'rtb-corp', destination_cidr_block: '10.16.0.0/16', transit_gateway_id: 'tgw-1' })]);
  });
});

describe('PeeringAccepter', () => {
  it('accepts the request and routes each corporate route table to the service VPC over the accepted connection', () => {
    const resources = synth((s) => new PeeringAccepter(s, 'p', { name: 'x', vpcPeeringConnectionId: 'pcx-1', corporateRouteTables: { 'rtb-a': 'rtb-a', 'rtb-b': 'rtb-b' }, serviceVpcCidr: '10.16.0.0/16' }));
    const accepter = Object.keys(resources.aws_vpc_peering_connection_accepter)[0];
    expect(values(resources.aws_route).map((r) => [r.route_table_id, r.vpc_peering_connection_id])).toEqual([
      ['rtb-a', `\${aws_vpc_peering_connection_accepter.${accepter}.id}`],
      ['rtb-b', `\${aws_vpc_peering_connection_accepter.${accepter}.id}`],
    ]);
  });
});

describe('CorporatePeering', () => {
  const base = { name: 'x-corporate', vpcId: 'vpc-s', routeTables: { private: 'rtb-s' }, corporateVpcId: 'vpc-c', corporateCidrs: ['192.168.0.0/16'] };

  it('from a service account: a request to the network account\'s VPC, and routes to the corporate ranges only', () => {
    const resources = synth((s) => new CorporatePeering(s, 'corporate-peering', { ...base, peer: { owner: 'other-account', accountId: '111111111111', region: 'eu-west-1' } }));
    expect(Object.keys(resources.aws_vpc_peering_connection)).toEqual([expect.stringMatching(/^corporate-peering_request_[0-9A-F]{8}$/)]);
    const [request] = values(resources.aws_vpc_peering_connection);
    expect(request).toEqual({ vpc_id: 'vpc-s', peer_vpc_id: 'vpc-c', peer_owner_id: '111111111111', peer_region: 'eu-west-1', tags: { Name: 'x-corporate' } });
    const connection = `\${aws_vpc_peering_connection.${Object.keys(resources.aws_vpc_peering_connection)[0]}.id}`;
    expect(Object.keys(resources.aws_route)).toEqual([expect.stringMatching(/^corporate-peering_to-corporate_private-to-192-168-0-0-16_/)]);
    expect(values(resources.aws_route)).toEqual([{ route_table_id: 'rtb-s', destination_cidr_block: '192.168.0.0/16', vpc_peering_connection_id: connection }]);
  });

  it('in the network account (the hub): accepted on creation, with the corporate side routing the hub back', () => {
    const resources = synth((s) => new CorporatePeering(s, 'hub-corporate-peering', {
      ...base, routeTables: { hub: 'rtb-h' }, peer: { owner: 'same-account', routeTables: { corporate: 'rtb-c' }, requesterCidr: '10.10.0.0/24' },
    }));
    // cdktf drops the inner `peering` as a repeat of the scope's name: the address states already hold.
    expect(Object.keys(resources.aws_vpc_peering_connection)).toEqual(['hub-corporate-peering_EC3CD9E3']);
    const [peering] = values(resources.aws_vpc_peering_connection);
    expect(peering).toEqual({ vpc_id: 'vpc-s', peer_vpc_id: 'vpc-c', auto_accept: true, tags: { Name: 'x-corporate' } });
    expect(values(resources.aws_route).map((r) => [r.route_table_id, r.destination_cidr_block]).sort()).toEqual([['rtb-c', '10.10.0.0/24'], ['rtb-h', '192.168.0.0/16']]);
    expect(Object.keys(resources.aws_route).sort()).toEqual([
      expect.stringMatching(/^hub-corporate-peering_to-corporate_hub-to-192-168-0-0-16_/),
      expect.stringMatching(/^hub-corporate-peering_to-hub_corporate-to-10-10-0-0-24_/),
    ]);
  });
});
