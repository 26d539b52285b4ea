import { validateConfig } from '../../modules/config/validate';
import type { ValidationProblem } from '../../modules/config/problems';
import { resolveConfig } from '../../modules/config/resolve';
import type { LandingZoneConfig, ServiceAccountConfig } from '../../modules/config/types';
import { fixtureAccountFile, rawAccountFile } from '../support/configs';

const FIXTURE = fixtureAccountFile('existing-service-vpc');
const base = (): LandingZoneConfig => rawAccountFile(FIXTURE);
/** The fixture with its first (existing-VPC) service changed by `edit`. */
function withVended(edit: (service: ServiceAccountConfig & Record<string, unknown>) => void): LandingZoneConfig {
  const zone = base();
  edit(zone.services[0] as ServiceAccountConfig & Record<string, unknown>);
  return zone;
}
const problemsOf = (zone: unknown): ValidationProblem[] => validateConfig(zone);
const at = 'services[0].existingVpc';

describe('existing service VPC: validation', () => {
  it('the fixture validates cleanly', () => {
    expect(problemsOf(base())).toEqual([]);
  });

  it.each<{ rule: string; edit: (service: ServiceAccountConfig & Record<string, unknown>) => void; path: string; message: string | RegExp; fix: RegExp }>([
    {
      rule: 'both vpcCidr and existingVpc',
      edit: (s) => { s.vpcCidr = '10.40.0.0/16'; },
      path: at,
      message: 'is given together with vpcCidr: a service VPC is either created (vpcCidr) or existing (existingVpc)',
      fix: /remove vpcCidr to use the existing VPC, or remove existingVpc/,
    },
    {
      rule: 'neither vpcCidr nor existingVpc',
      edit: (s) => { delete s.existingVpc; },
      path: 'services[0].vpcCidr',
      message: 'is required unless the service uses an existingVpc',
      fix: /add vpcCidr: .* or existingVpc: \{ vpcId, cidr, subnets \}/,
    },
    {
      rule: 'availabilityZoneIds with an existing VPC',
      edit: (s) => { s.availabilityZoneIds = ['euw1-az1', 'euw1-az2']; },
      path: 'services[0].availabilityZoneIds',
      message: /existing VPC's subnets name their own AZs/,
      fix: /remove availabilityZoneIds/,
    },
    {
      rule: 'VPC id syntax',
      edit: (s) => { s.existingVpc!.vpcId = 'vpc-12345'; },
      path: `${at}.vpcId`,
      message: /must be a VPC id: vpc- followed by 8 or 17 hexadecimal digits/,
      fix: /vpc-0a1b2c3d4e5f60718/,
    },
    {
      rule: 'subnet id syntax',
      edit: (s) => { s.existingVpc!.subnets[1].id = 'subnet-XYZ'; },
      path: `${at}.subnets[1].id`,
      message: /must be a subnet id: subnet- followed by 8 or 17 hexadecimal digits/,
      fix: /subnet-0a1b2c3d4e5f60718/,
    },
    {
      rule: 'route table id syntax',
      edit: (s) => { s.existingVpc!.subnets[0].routeTableId = 'rt-0a1b2c3d'; },
      path: `${at}.subnets[0].routeTableId`,
      message: /must be a route table id: rtb- followed by 8 or 17 hexadecimal digits/,
      fix: /rtb-0a1b2c3d4e5f60718/,
    },
    {
      rule: 'an AZ name instead of an AZ id',
      edit: (s) => { s.existingVpc!.subnets[0].availabilityZoneId = 'eu-west-1a'; },
      path: `${at}.subnets[0].availabilityZoneId`,
      message: '"eu-west-1a" is an AZ name, not an AZ id (names differ between accounts)',
      fix: /ZoneId in aws ec2 describe-availability-zones\), e\.g\. euw1-az1/,
    },
    {
      rule: 'an AZ id of another region',
      edit: (s) => { s.existingVpc!.subnets[0].availabilityZoneId = 'use1-az1'; },
      path: `${at}.subnets[0].availabilityZoneId`,
      message: '"use1-az1" is not an AZ id of eu-west-1 (euw1-az<N>)',
      fix: /ZoneId in aws ec2 describe-availability-zones/,
    },
    {
      rule: 'an AZ the region does not have',
      edit: (s) => { s.existingVpc!.subnets[0].availabilityZoneId = 'euw1-az9'; },
      path: `${at}.subnets[0].availabilityZoneId`,
      message: /eu-west-1 has no AZ euw1-az9/,
      fix: /AZ ids/,
    },
    {
      rule: 'two subnets in one AZ',
      edit: (s) => { s.existingVpc!.subnets[2].availabilityZoneId = 'euw1-az2'; },
      path: `${at}.subnets[2].availabilityZoneId`,
      message: '"euw1-az2" is also the AZ of services[0].existingVpc.subnets[1]: an interface endpoint takes one subnet per AZ',
      fix: /one subnet per AZ/,
    },
    {
      rule: 'fewer than 2 subnets',
      edit: (s) => { s.existingVpc!.subnets = s.existingVpc!.subnets.slice(0, 1); },
      path: `${at}.subnets`,
      message: /at least 2/,
      fix: /./,
    },
    {
      rule: 'the same subnet twice',
      edit: (s) => { s.existingVpc!.subnets[1].id = s.existingVpc!.subnets[0].id; },
      path: `${at}.subnets[1].id`,
      message: 'repeats services[0].existingVpc.subnets[0].id ("subnet-0a1b2c3d4e5f60701")',
      fix: /list each subnet once/,
    },
    {
      rule: 'a subnet outside the VPC CIDR',
      edit: (s) => { s.existingVpc!.subnets[2].cidr = '10.30.8.0/24'; },
      path: `${at}.subnets[2].cidr`,
      message: '"10.30.8.0/24" is not inside services[0].existingVpc.cidr (10.30.0.0/22)',
      fix: /inside the VPC's primary CIDR block/,
    },
    {
      rule: 'overlapping subnets',
      edit: (s) => { s.existingVpc!.subnets[1].cidr = '10.30.0.128/25'; },
      path: `${at}.subnets[1].cidr`,
      message: 'overlaps services[0].existingVpc.subnets[0].cidr (10.30.0.0/24)',
      fix: /own CIDR block/,
    },
    {
      rule: 'subnet CIDR with host bits',
      edit: (s) => { s.existingVpc!.subnets[0].cidr = '10.30.0.5/24'; },
      path: `${at}.subnets[0].cidr`,
      message: '"10.30.0.5/24" has host bits set',
      fix: /use the network address: 10\.30\.0\.0\/24/,
    },
    {
      rule: 'VPC CIDR too large for AWS',
      edit: (s) => { s.existingVpc!.cidr = '10.30.0.0/15'; },
      path: `${at}.cidr`,
      message: '"10.30.0.0/15" has prefix /15; AWS VPCs and subnets are /16 to /28',
      fix: /primary CIDR block/,
    },
    {
      rule: 'VPC CIDR not RFC 1918',
      edit: (s) => { s.existingVpc!.cidr = '100.64.0.0/22'; },
      path: `${at}.cidr`,
      message: '"100.64.0.0/22" is not a private (RFC 1918) range',
      fix: /RFC 1918/,
    },
    {
      rule: 'VPC CIDR unparseable',
      edit: (s) => { s.existingVpc!.cidr = '10.30.0.0/33'; },
      path: `${at}.cidr`,
      message: '"10.30.0.0/33" is not an IPv4 CIDR block',
      fix: /CidrBlock in aws ec2 describe-vpcs/,
    },
    {
      rule: 'VPC overlapping the corporate network',
      edit: (s) => { s.existingVpc!.cidr = '172.16.0.0/22'; s.existingVpc!.subnets.forEach((subnet, i) => { subnet.cidr = `172.16.${i}.0/24`; }); },
      path: `${at}.cidr`,
      message: 'overlaps corporate.cidrs[0] (172.16.0.0/12)',
      fix: /overlaps no corporate, hub or service range/,
    },
    {
      rule: 'VPC overlapping the hub',
      edit: (s) => { s.existingVpc!.cidr = '10.10.0.0/22'; s.existingVpc!.subnets.forEach((subnet, i) => { subnet.cidr = `10.10.${i}.0/24`; }); },
      path: `${at}.cidr`,
      message: 'overlaps network.hubVpcCidr (10.10.0.0/22)',
      fix: /overlaps no corporate, hub or service range/,
    },
    {
      rule: 'unknown key in a subnet',
      edit: (s) => { (s.existingVpc!.subnets[0] as unknown as Record<string, unknown>).az = 'euw1-az1'; },
      path: `${at}.subnets[0].az`,
      message: /not a known setting|is not allowed|unknown/,
      fix: /./,
    },
  ])('$rule', ({ edit, path, message, fix }) => {
    const problems = problemsOf(withVended(edit));
    const found = problems.find((p) => p.path === path);
    expect(found).toBeDefined();
    if (typeof message === 'string') expect(found!.message).toBe(message);
    else expect(found!.message).toMatch(message);
    expect(found!.fix).toMatch(fix);
  });

  it('a created service overlapping the existing one is reported on the later range', () => {
    const zone = base();
    zone.services[1].vpcCidr = '10.30.0.0/16';
    expect(problemsOf(zone)).toEqual([expect.objectContaining({ path: 'services[1].vpcCidr', message: 'overlaps services[0].existingVpc.cidr (10.30.0.0/22)' })]);
  });
});

describe('existing service VPC: resolution', () => {
  it('gives the service the existing VPC\'s CIDR and subnets, sorted by AZ id, and no derived subnets', () => {
    const zone = base();
    zone.services[0].existingVpc!.subnets.reverse();
    const vended = resolveConfig(zone).services[0];
    expect(vended.vpcCidr).toBe('10.30.0.0/22');
    expect(vended.subnets).toEqual([
      { availabilityZoneId: 'euw1-az1', cidr: '10.30.0.0/24' },
      { availabilityZoneId: 'euw1-az2', cidr: '10.30.1.0/24' },
      { availabilityZoneId: 'euw1-az3', cidr: '10.30.2.0/24' },
    ]);
    expect(vended.existingVpc).toEqual({
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnets: [
        { id: 'subnet-0a1b2c3d4e5f60701', availabilityZoneId: 'euw1-az1', cidr: '10.30.0.0/24', routeTableId: 'rtb-0a1b2c3d4e5f60701' },
        { id: 'subnet-0a1b2c3d4e5f60702', availabilityZoneId: 'euw1-az2', cidr: '10.30.1.0/24', routeTableId: 'rtb-0a1b2c3d4e5f60702' },
        { id: 'subnet-0a1b2c3d4e5f60703', availabilityZoneId: 'euw1-az3', cidr: '10.30.2.0/24', routeTableId: 'rtb-0a1b2c3d4e5f60702' },
      ],
    });
    expect(resolveConfig(zone).services[1].existingVpc).toBeUndefined();
  });
});
