/**
 * Existing service VPCs in the paths model and the verifier: the VPC, its subnets and route tables
 * are modelled from the lookups that carry the configured ids, CIDRs and AZs, with any connectivity
 * and beside created services. What the lookups cannot show (routes the tables had before) is an
 * assumption the report names, and a planted internet route or a missing corporate route fails.
 */
import { analyzeStacks } from '../../analysis/paths/analyze';
import { Stacks } from '../../analysis/paths/terraform';
import { verify } from '../../analysis/policy-proofs/verify';
import type { LandingZoneConfig } from '../../modules/config/types';
import { validateConfig } from '../../modules/config/validate';
import { fixtureAccountFile, rawAccountFile } from '../support/configs';
import { synthLandingZone } from '../support/synth';
import { shippedStackId } from '../support/shared-synth';
import { add, edit, failing, missingOf, mutated, remove, synthOutput, where } from './support';

const FIXTURE = fixtureAccountFile('existing-service-vpc');
/** A stack of the fixture's zone (its variants keep its environment and region), by its name in the zone. */
const stack = (name: string): string => shippedStackId('existing-service-vpc', name);
const VENDED = stack('service-vended');
let fixture: { outdir: string; stacks: Stacks };

beforeAll(() => {
  fixture = synthOutput('existing-service-vpc');
}, 60_000);

const EXISTING_TABLE_ROUTE = (table: string) => (attrs: Record<string, unknown>) => String(attrs.route_table_id).includes('data.aws_route_table') && String(attrs.route_table_id).includes(table);

describe('the existing-service-vpc fixture', () => {
  it('proves every flow for the existing and the created service, and names what it assumes of the existing VPC', () => {
    const report = analyzeStacks(fixture.stacks);
    expect(failing(report)).toEqual([]);
    expect(report.results.filter((r) => r.scope === 'vended').map((r) => r.flow)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(report.results.find((r) => r.flow === 7 && r.scope === 'vended')?.hops.join('\n')).toContain(
      'rtb rtb-0a1b2c3d4e5f60702 (subnets subnet-0a1b2c3d4e5f60702, subnet-0a1b2c3d4e5f60703)',
    );
    expect(report.assumptions.some((a) => a.startsWith('existing VPC vpc-0a1b2c3d4e5f60718 (looked up, not created): DNS support and DNS hostnames are on'))).toBe(true);
  });

  it('passes verify: guardrails and policy proofs', async () => {
    const report = await verify(fixture.outdir);
    expect(report.failures).toEqual([]);
    expect(report.rows.filter((r) => r.check === 'LZ-SM-001' && r.resource.startsWith(VENDED)).map((r) => r.result)).toEqual(['PASS']);
  });

  it('fails the corporate flows of the AZs whose route table lost its corporate route', () => {
    const report = analyzeStacks(mutated(fixture.stacks, remove(VENDED, 'aws_route', EXISTING_TABLE_ROUTE('route-table-euw1-az2'))));
    expect(failing(report)).toEqual(['4:vended', '6:vended']);
    expect(missingOf(report, '4:vended')).toMatch(/rtb rtb-0a1b2c3d4e5f60702/);
  });

  it('fails flow 7 when an existing route table gets a route to an internet gateway', () => {
    const withInternet = mutated(fixture.stacks, add(VENDED, 'aws_route', 'planted_internet', (stacks) => {
      const [name] = Object.entries(stacks[VENDED].data!.aws_route_table).find(([, body]) => body.route_table_id === 'rtb-0a1b2c3d4e5f60701')!;
      return { route_table_id: `\${data.aws_route_table.${name}.route_table_id}`, destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-0a1b2c3d4e5f60718' };
    }));
    const report = analyzeStacks(withInternet);
    expect(failing(report)).toEqual(['7:vended']);
  });

  it('puts a looked-up subnet in the AZ its lookup names', () => {
    const moved = mutated(fixture.stacks, edit(VENDED, 'data.aws_subnet', where('id', 'subnet-0a1b2c3d4e5f60701'), (attrs) => { attrs.availability_zone_id = 'euw1-az2'; }));
    const report = analyzeStacks(moved);
    const hops = report.results.find((r) => r.flow === 4 && r.scope === 'vended')!.hops.join('\n');
    expect(hops).toContain('AZs euw1-az2, euw1-az2, euw1-az3');
  });
});

/** The fixture's vended service with another connectivity, or beside other services: held-out style. */
function variant(change: (zone: LandingZoneConfig) => void): LandingZoneConfig {
  const zone = rawAccountFile(FIXTURE);
  change(zone);
  expect(validateConfig(zone)).toEqual([]);
  return zone;
}

describe.each<[string, (zone: LandingZoneConfig) => void]>([
  [
    'simulated corporate network over VPC peering',
    (zone) => {
      zone.corporate = {
        cidrs: ['192.168.0.0/16'],
        dnsServerIps: ['192.168.0.10', '192.168.0.74'],
        dnsDomains: ['corp.example.com'],
        connectivity: { type: 'simulated', vpcCidr: '192.168.0.0/24' },
      };
    },
  ],
  [
    'peering with an existing corporate VPC (two looked-up VPCs)',
    (zone) => {
      zone.corporate = {
        cidrs: ['172.16.0.0/16'],
        dnsServerIps: ['172.16.0.53'],
        dnsDomains: ['corp.example.com'],
        connectivity: { type: 'existing-vpc', vpcId: 'vpc-0fedcba9876543210', vpcCidr: '172.16.0.0/16', routeTableIds: ['rtb-0123456789abcdef0'] },
      };
    },
  ],
  [
    'an existing Transit Gateway, only existing service VPCs',
    (zone) => {
      zone.corporate.connectivity = { type: 'transit-gateway', transitGatewayId: 'tgw-0a1b2c3d4e5f60718', corporateAttachmentId: 'tgw-attach-0123456789abcdef0' };
      const second = structuredClone(zone.services[0]);
      second.name = 'second';
      second.accountId = '444444444444';
      second.existingVpc = {
        vpcId: 'vpc-0b1b2c3d4e5f60718',
        cidr: '10.31.0.0/24',
        subnets: [
          { id: 'subnet-0b1b2c3d', availabilityZoneId: 'euw1-az2', cidr: '10.31.0.0/25', routeTableId: 'rtb-0b1b2c3d' },
          { id: 'subnet-0b1b2c3e', availabilityZoneId: 'euw1-az1', cidr: '10.31.0.128/25', routeTableId: 'rtb-0b1b2c3d' },
        ],
      };
      second.mappings = [{ username: 'carol', userProfileName: 'carol' }];
      second.studio = { mode: 'create', userProfiles: ['carol'] };
      zone.services = [zone.services[0], second];
    },
  ],
])('existing service VPC with %s', (_name, change) => {
  let stacks: Stacks;
  beforeAll(() => {
    stacks = synthLandingZone(variant(change)).json as Stacks;
  }, 60_000);

  it('proves every flow of every service', () => {
    const report = analyzeStacks(stacks);
    expect(failing(report)).toEqual([]);
    const services = Object.keys(stacks).filter((s) => s.startsWith(stack('service-')));
    expect(services.length).toBeGreaterThan(0);
    for (const service of services) {
      const lookedUp = stacks[service].data?.aws_vpc !== undefined;
      expect(Object.keys(stacks[service].resource?.aws_vpc ?? {}).length).toBe(lookedUp ? 0 : 1);
    }
  });

  it('fails when a looked-up route table of the vended VPC loses its routes to the corporate side', () => {
    const report = analyzeStacks(mutated(stacks, remove(VENDED, 'aws_route', EXISTING_TABLE_ROUTE('route-table-euw1-az1'))));
    expect(failing(report)).toEqual(expect.arrayContaining(['4:vended']));
  });
});
