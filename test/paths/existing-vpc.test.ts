/**
 * Peering with an existing VPC of the network account, known by its id, CIDR and route tables: the
 * clients live in that VPC. The corporate DNS and hosts are outside the output, the routes into the
 * VPC are not. Peering carries nothing beyond the peered VPC: a range behind it fails.
 */
import { analyzeStacks } from '../../analysis/paths/analyze';
import { Stacks } from '../../analysis/paths/terraform';
import { shippedStackId } from '../support/shared-synth';
import { edit, failing, inTable, missingOf, mutated, remove, synthOutput, where } from './support';

/** A stack of the existing-vpc fixture, by its name in the zone. */
const stack = (name: string): string => shippedStackId('existing-vpc', name);

let stacks: Stacks;

beforeAll(() => {
  stacks = synthOutput('existing-vpc').stacks;
}, 60_000);

it('proves every flow, taking the corporate DNS forwarding as given', () => {
  const report = analyzeStacks(stacks);
  expect(failing(report)).toEqual([]);
  expect(report.results.find((r) => r.flow === 1)?.hops).toContain('corporate side: VPC vpc-0a1b2c3d4e5f60718, ranges 172.16.0.0/16');
  expect(report.assumptions).toContain(
    'the corporate DNS (outside this output) forwards studio.eu-west-1.sagemaker.aws to 10.10.0.20, 10.10.1.20, 10.10.2.20 (output inbound_resolver_ips)',
  );
  expect(report.assumptions).toContain('the corporate DNS servers 172.16.0.53, 172.16.1.53 (outside this output) answer idp.corp.example.com');
});

it('checks every configured corporate route table', () => {
  const report = analyzeStacks(mutated(stacks, remove(stack('network-link-analytics'), 'aws_route', where('route_table_id', 'rtb-0fedcba9876543210'))));
  expect(failing(report)).toEqual(['4:analytics', '6:analytics']);
  expect(missingOf(report, '4:analytics')).toBe('no route from rtb rtb-0fedcba9876543210 to 10.16.0.0/18');
});

it('fails the DNS flows that cross the hub route, not the one the corporate DNS team configures', () => {
  const report = analyzeStacks(mutated(stacks, remove(stack('network'), 'aws_route', inTable('corp-hub-private'))));
  expect(failing(report)).toEqual(['1:landing zone', '3:analytics', '6:analytics']);
  expect(missingOf(report, '1:landing zone')).toBe('no route from rtb corp-hub-private to 172.16.0.0/16');
  expect(missingOf(report, '6:analytics')).toBe('no route from rtb corp-hub-private to 172.16.0.53');
});

/**
 * What the earlier model passed: an on-premises network routed over the peering to the VPC that
 * holds the VPN. The VPC's own block is elsewhere, so every flow that needs the corporate side
 * fails, naming the edge-to-edge routing AWS does not do.
 */
it('fails every corporate flow when the corporate ranges lie behind the peered VPC (no edge-to-edge routing)', () => {
  const onPremises = mutated(stacks, edit(stack('network'), 'data.aws_vpc', () => true, (attrs) => { attrs.cidr_block = '10.200.0.0/16'; }));
  const report = analyzeStacks(onPremises);
  expect(failing(report)).toEqual(['10:analytics', '1:landing zone', '2:analytics', '3:analytics', '4:analytics', '6:analytics']);
  for (const key of failing(report)) {
    expect(missingOf(report, key)).toMatch(
      /^rtb (corp-hub-private|corp-analytics-private|rtb-0123456789abcdef0) sends it over peering corp-(hub|analytics)-corporate, but 172\.16\.0\.0\/16 is outside VPC vpc-0a1b2c3d4e5f60718 \(10\.200\.0\.0\/16\): VPC peering has no edge-to-edge routing/,
    );
  }
});
