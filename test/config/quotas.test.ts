import { peeringCapacity, resolverEndpointNames, resolverEndpointWarning } from '../../modules/config/quotas';
import { DEFAULTS, resolveConfig } from '../../modules/config/resolve';
import schema from '../../modules/config/schema.json';
import type { LandingZoneConfig } from '../../modules/config/types';
import { configWarnings } from '../../modules/config/load';
import { validateConfig } from '../../modules/config/validate';
import { generateLandingZone } from '../../tools/generate-accounts';
import { fixtureAccountFile, rawAccountFile } from '../support/configs';

const withoutQuotas = (count: number): LandingZoneConfig => {
  const file = generateLandingZone(count);
  delete file.quotas;
  return file;
};

describe('service accounts that peering can carry', () => {
  it('defaults to the AWS defaults, in the schema and in resolve.ts alike', () => {
    const { properties } = schema.properties.quotas;
    expect([properties.routesPerRouteTable.default, properties.peeringConnectionsPerVpc.default, properties.resolverEndpointsPerRegion.default])
      .toEqual([DEFAULTS.routesPerRouteTable, DEFAULTS.peeringConnectionsPerVpc, DEFAULTS.resolverEndpointsPerRegion]);
    expect(resolveConfig(rawAccountFile()).quotas).toEqual({ routesPerRouteTable: 50, peeringConnectionsPerVpc: 50, resolverEndpointsPerRegion: 4 });
  });

  it('is 48 with the default quotas (50 routes: local, hub and 48 service VPCs; 50 peering connections)', () => {
    expect(peeringCapacity(DEFAULTS)).toBe(48);
    expect(validateConfig(withoutQuotas(48))).toEqual([]);
  });

  it('refuses the 49th service, naming both quotas, how to raise them and the Transit Gateway', () => {
    const problems = validateConfig(withoutQuotas(49));
    expect(problems).toEqual([{
      path: 'services',
      message: 'lists 49 service accounts; VPC peering to the corporate side carries at most 48 with the quotas "Routes per route table" = 50 (each corporate route table: the local route, the hub and one route per service VPC) and "Active VPC peering connections per VPC" = 50 (the hub and one per service VPC)',
      fix: expect.stringContaining('raise both quotas for the corporate VPC\'s account in Service Quotas (Amazon VPC quota codes L-93826ACB and L-7E9ECCDB'),
    }]);
    expect(problems[0].fix).toContain('or connect the corporate network through a Transit Gateway instead (corporate.connectivity.type: transit-gateway)');
  });

  it('accepts more once the raised quotas are declared, up to what the maximum quotas allow', () => {
    expect(validateConfig({ ...withoutQuotas(60), quotas: { routesPerRouteTable: 100, peeringConnectionsPerVpc: 100 } })).toEqual([]);
    expect(validateConfig({ ...withoutQuotas(60), quotas: { routesPerRouteTable: 60, peeringConnectionsPerVpc: 100 } }).map((p) => p.path)).toEqual(['services']);
    const beyond = validateConfig({ ...withoutQuotas(124), services: generateLandingZone(125).services, quotas: { routesPerRouteTable: 1000, peeringConnectionsPerVpc: 125 } });
    expect(beyond.map((p) => p.fix)).toEqual([expect.stringMatching(/^connect the corporate network through a Transit Gateway instead .*: 125 service accounts exceed what peering carries even with both quotas at their maximum/)]);
    expect(validateConfig(generateLandingZone(124))).toEqual([]);
    // The generator switches to a Transit Gateway there, which peering's bound does not apply to.
    expect(generateLandingZone(125).corporate.connectivity.type).toBe('transit-gateway');
    expect(validateConfig(generateLandingZone(125))).toEqual([]);
    expect(validateConfig(generateLandingZone(200))).toEqual([]);
  });

  it('applies to an existing corporate VPC too', () => {
    const existing = rawAccountFile(fixtureAccountFile('existing-vpc')).corporate.connectivity;
    const generated = withoutQuotas(49);
    // The clients live in the peered VPC, so it is the whole corporate range.
    const connectivity = { ...existing, vpcCidr: generated.corporate.cidrs[0] };
    expect(validateConfig({ ...generated, corporate: { ...generated.corporate, connectivity } }).map((p) => p.path)).toEqual(['services']);
    expect(validateConfig({ ...withoutQuotas(48), corporate: { ...generated.corporate, connectivity } })).toEqual([]);
  });
});

describe('Route 53 Resolver endpoints in the network account', () => {
  it('are four with the simulated corporate network (two of the hub, two of the simulated corporate DNS), two otherwise', () => {
    expect(resolverEndpointNames(resolveConfig(rawAccountFile()))).toEqual(['example-hub-inbound', 'example-hub-outbound', 'example-corporate-dns-inbound', 'example-corporate-studio-outbound']);
    expect(resolverEndpointNames(resolveConfig(rawAccountFile(fixtureAccountFile('existing-vpc'))))).toHaveLength(2);
    expect(configWarnings('zone.yaml', resolveConfig(rawAccountFile()))).toEqual([]);
  });

  it('warn when more than the quota', () => {
    expect(resolverEndpointWarning(['a', 'b', 'c', 'd'], 4)).toBeUndefined();
    expect(resolverEndpointWarning(['a', 'b', 'c', 'd', 'e'], 4)).toEqual({
      path: 'quotas.resolverEndpointsPerRegion',
      message: 'the network account gets 5 Route 53 Resolver endpoints (a, b, c, d, e), more than its quota of 4 endpoints per Region',
      fix: expect.stringContaining('raise "Endpoints per Region" of Route 53 Resolver'),
    });
  });
});
