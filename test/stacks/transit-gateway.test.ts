/**
 * Transit Gateway connectivity as synthesized: the network side (Transit Gateway, explicit route
 * tables, hub and corporate attachments, RAM share), each service's attachment and routes, and each
 * link stack's acceptance and route-table wiring.
 */
import { landingZoneSummary } from '../../modules/summary';
import { fixtureAccountFile } from '../support/configs';
import { SynthResult, SynthesizedStack, findResources, onlyResource, resourcesOfType, synthLandingZone } from '../support/synth';
import { stackId } from '../../modules/shared/naming';

let created: SynthResult;
let existing: SynthResult;

beforeAll(() => {
  created = synthLandingZone(fixtureAccountFile('transit-gateway'));
  existing = synthLandingZone(fixtureAccountFile('existing-transit-gateway'));
}, 60_000);

/** The id of a stack of a synthesized zone, by its name in the zone. */
const idIn = (result: SynthResult, name: string): string => stackId(result.landingZone, name);
const ref = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;
const named = (stack: SynthesizedStack, type: string, name: string): string =>
  Object.entries(resourcesOfType(stack, type)).find(([, r]) => (r.tags as Record<string, string> | undefined)?.Name === name)![0];
/** The value a cross-stack reference stands for in its producing stack. */
function produced(result: SynthResult, value: string): string {
  const [, producer, output] = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-(.+)\.outputs\.([^}]+)\}$/.exec(value)!;
  return `${producer}:${String(result.json[producer].output![output].value)}`;
}

describe('network side of a created Transit Gateway', () => {
  it('turns default association and propagation off and never auto-accepts', () => {
    expect(onlyResource(created.json[idIn(created, 'network')], 'aws_ec2_transit_gateway')).toMatchObject({
      default_route_table_association: 'disable',
      default_route_table_propagation: 'disable',
      auto_accept_shared_attachments: 'disable',
    });
  });

  it('associates hub and corporate attachments with the corporate table, and propagates the hub into both tables', () => {
    const network = created.json[idIn(created, 'network')];
    const services = ref('aws_ec2_transit_gateway_route_table', named(network, 'aws_ec2_transit_gateway_route_table', 'tgw-tgw-services'));
    const corporate = ref('aws_ec2_transit_gateway_route_table', named(network, 'aws_ec2_transit_gateway_route_table', 'tgw-tgw-corporate'));
    const hub = ref('aws_ec2_transit_gateway_vpc_attachment', named(network, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw-tgw-hub'));
    const simulated = ref('aws_ec2_transit_gateway_vpc_attachment', named(network, 'aws_ec2_transit_gateway_vpc_attachment', 'tgw-tgw-corporate'));
    const pairs = (type: string) => Object.values(resourcesOfType(network, type)).map((r) => `${String(r.transit_gateway_attachment_id)} ${String(r.transit_gateway_route_table_id)}`).sort();
    expect(pairs('aws_ec2_transit_gateway_route_table_association')).toEqual([`${hub} ${corporate}`, `${simulated} ${corporate}`].sort());
    expect(pairs('aws_ec2_transit_gateway_route_table_propagation')).toEqual([`${hub} ${services}`, `${hub} ${corporate}`, `${simulated} ${services}`].sort());
    for (const attachment of Object.values(resourcesOfType(network, 'aws_ec2_transit_gateway_vpc_attachment'))) {
      expect(attachment).toMatchObject({ transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    }
    const routes = Object.values(resourcesOfType(network, 'aws_ec2_transit_gateway_route')).map((r) => `${String(r.transit_gateway_route_table_id)} ${String(r.destination_cidr_block)} ${String(r.transit_gateway_attachment_id)}`);
    expect(routes.sort()).toEqual([`${services} 192.168.0.0/16 ${simulated}`, `${corporate} 192.168.0.0/16 ${simulated}`].sort());
  });

  it('shares the Transit Gateway with each service account, by account id, to external principals outside an Organization', () => {
    const network = created.json[idIn(created, 'network')];
    const share = Object.entries(resourcesOfType(network, 'aws_ram_resource_share')).find(([, s]) => s.name === 'tgw-tgw-share')!;
    expect(share[1].allow_external_principals).toBe(true);
    const principals = findResources(network, 'aws_ram_principal_association', { resource_share_arn: ref('aws_ram_resource_share', share[0], 'arn') }).map((p) => p.principal);
    expect(principals.sort()).toEqual(['222222222222', '333333333333', '444444444444']);
    const tgw = Object.keys(resourcesOfType(network, 'aws_ec2_transit_gateway'))[0];
    expect(findResources(network, 'aws_ram_resource_association', { resource_share_arn: ref('aws_ram_resource_share', share[0], 'arn') }).map((a) => a.resource_arn)).toEqual([ref('aws_ec2_transit_gateway', tgw, 'arn')]);
  });

  it('routes the corporate ranges from the hub and the hub from the simulated corporate VPC through it, never 0.0.0.0/0', () => {
    const routes = Object.values(resourcesOfType(created.json[idIn(created, 'network')], 'aws_route')).filter((r) => r.transit_gateway_id !== undefined);
    expect(routes.map((r) => r.destination_cidr_block).sort()).toEqual(['10.10.0.0/24', '192.168.0.0/16']);
    expect(resourcesOfType(created.json[idIn(created, 'network')], 'aws_vpc_peering_connection')).toEqual({});
  });
});

describe('service side', () => {
  it('accepts the share, then attaches its VPC in every AZ and routes only the corporate ranges to the Transit Gateway', () => {
    const service = created.json[idIn(created, 'service-research')];
    const attachment = onlyResource(service, 'aws_ec2_transit_gateway_vpc_attachment');
    const accepter = Object.keys(resourcesOfType(service, 'aws_ram_resource_share_accepter')).find((name) => name.includes('corporate-attachment'))!;
    expect(attachment.depends_on).toEqual([`aws_ram_resource_share_accepter.${accepter}`]);
    expect(produced(created, attachment.transit_gateway_id as string)).toMatch(/^tgw-eu-west-1-network:\$\{aws_ec2_transit_gateway\./);
    expect(attachment.subnet_ids).toEqual(Object.keys(resourcesOfType(service, 'aws_subnet')).map((s) => ref('aws_subnet', s)));
    // Set only by the Transit Gateway's owner (the link stack's accepter).
    expect(attachment.transit_gateway_default_route_table_association).toBeUndefined();
    const routes = Object.values(resourcesOfType(service, 'aws_route'));
    expect(routes.map((r) => [r.destination_cidr_block, produced(created, r.transit_gateway_id as string).split(':')[0]])).toEqual([['192.168.0.0/16', 'tgw-eu-west-1-network']]);
    expect(resourcesOfType(service, 'aws_vpc_peering_connection')).toEqual({});
  });
});

describe('link side', () => {
  it('accepts the attachment, associates it with the services table and propagates it into the corporate table only', () => {
    const link = created.json[idIn(created, 'network-link-research')];
    const accepter = onlyResource(link, 'aws_ec2_transit_gateway_vpc_attachment_accepter');
    expect(accepter).toMatchObject({ transit_gateway_default_route_table_association: false, transit_gateway_default_route_table_propagation: false });
    expect(produced(created, accepter.transit_gateway_attachment_id as string)).toMatch(/^tgw-eu-west-1-service-research:\$\{aws_ec2_transit_gateway_vpc_attachment\./);
    const accepted = ref('aws_ec2_transit_gateway_vpc_attachment_accepter', Object.keys(resourcesOfType(link, 'aws_ec2_transit_gateway_vpc_attachment_accepter'))[0]);
    const association = onlyResource(link, 'aws_ec2_transit_gateway_route_table_association');
    const propagation = onlyResource(link, 'aws_ec2_transit_gateway_route_table_propagation');
    expect([association.transit_gateway_attachment_id, propagation.transit_gateway_attachment_id]).toEqual([accepted, accepted]);
    const network = created.json[idIn(created, 'network')];
    expect(produced(created, association.transit_gateway_route_table_id as string)).toBe(`tgw-eu-west-1-network:${ref('aws_ec2_transit_gateway_route_table', named(network, 'aws_ec2_transit_gateway_route_table', 'tgw-tgw-services'))}`);
    expect(produced(created, propagation.transit_gateway_route_table_id as string)).toBe(`tgw-eu-west-1-network:${ref('aws_ec2_transit_gateway_route_table', named(network, 'aws_ec2_transit_gateway_route_table', 'tgw-tgw-corporate'))}`);
    expect(onlyResource(link, 'aws_route')).toMatchObject({ destination_cidr_block: '10.17.0.0/16' });
  });
});

describe('an existing Transit Gateway in an Organization', () => {
  it('creates no Transit Gateway, wires the given one and the on-premises attachment, and needs no share acceptance', () => {
    const network = existing.json[idIn(existing, 'network')];
    expect(resourcesOfType(network, 'aws_ec2_transit_gateway')).toEqual({});
    for (const table of Object.values(resourcesOfType(network, 'aws_ec2_transit_gateway_route_table'))) expect(table.transit_gateway_id).toBe('tgw-0a1b2c3d4e5f60718');
    expect(findResources(network, 'aws_ec2_transit_gateway_route_table_association', { transit_gateway_attachment_id: 'tgw-attach-0123456789abcdef0' })).toHaveLength(1);
    expect(findResources(network, 'aws_ec2_transit_gateway_route', { transit_gateway_attachment_id: 'tgw-attach-0123456789abcdef0' })).toHaveLength(4);
    expect(findResources(network, 'aws_ram_resource_association', { resource_arn: 'arn:aws:ec2:eu-west-1:111111111111:transit-gateway/tgw-0a1b2c3d4e5f60718' })).toHaveLength(1);
    for (const share of Object.values(resourcesOfType(network, 'aws_ram_resource_share'))) expect(share.allow_external_principals).toBe(false);
    for (const name of ['service-analytics', 'service-forecasting']) {
      expect(resourcesOfType(existing.json[idIn(existing, name)], 'aws_ram_resource_share_accepter')).toEqual({});
      expect(onlyResource(existing.json[idIn(existing, name)], 'aws_ec2_transit_gateway_vpc_attachment').transit_gateway_id).toBe('tgw-0a1b2c3d4e5f60718');
    }
    expect(onlyResource(existing.json[idIn(existing, 'network-link-analytics')], 'aws_ec2_transit_gateway_vpc_attachment_accepter')).toBeDefined();
    expect(resourcesOfType(existing.json[idIn(existing, 'network-link-analytics')], 'aws_route')).toEqual({});
  });
});

describe('summary', () => {
  it('names the connectivity and what the network team still owes', () => {
    expect(landingZoneSummary(existing.landingZone, 'out')).toContain(
      'Corporate connectivity: existing Transit Gateway tgw-0a1b2c3d4e5f60718, with the corporate network behind attachment tgw-attach-0123456789abcdef0 (on-premises routers must learn the hub and service CIDRs)',
    );
    expect(landingZoneSummary(created.landingZone, 'out')).toContain('Corporate connectivity: Transit Gateway created by the network stack, with a simulated corporate VPC 192.168.0.0/24');
  });
});
