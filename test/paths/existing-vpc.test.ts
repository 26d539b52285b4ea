/**
 * An existing corporate VPC, known only by the ids of it and its route tables: the corporate DNS
 * and hosts are outside the output, the routes into the corporate network are not.
 */
import { analyzeStacks } from '../../tools/paths/analyze';
import { Stacks } from '../../tools/paths/terraform';
import { fixtureAccountFile } from '../support/configs';
import { failing, inTable, missingOf, mutated, remove, synthOutput, where } from './support';

let stacks: Stacks;

beforeAll(() => {
  stacks = synthOutput(fixtureAccountFile('existing-vpc')).stacks;
}, 60_000);

it('proves every flow, taking the corporate DNS forwarding as given', () => {
  const report = analyzeStacks(stacks);
  expect(failing(report)).toEqual([]);
  expect(report.results.find((r) => r.flow === 1)?.hops).toContain('corporate side: VPC vpc-0a1b2c3d4e5f60718, ranges 172.16.0.0/12, 192.168.0.0/16');
  expect(report.assumptions).toContain(
    'the corporate DNS (outside this output) forwards studio.eu-west-1.sagemaker.aws to 10.10.0.20, 10.10.1.20, 10.10.2.20 (output inbound_resolver_ips)',
  );
  expect(report.assumptions).toContain('the corporate DNS servers 172.16.0.53, 172.16.1.53 (outside this output) answer idp.corp.example.com');
});

it('checks every configured corporate route table', () => {
  const report = analyzeStacks(mutated(stacks, remove('network-link-analytics', 'aws_route', where('route_table_id', 'rtb-0fedcba9876543210'))));
  expect(failing(report)).toEqual(['4:analytics', '6:analytics']);
  expect(missingOf(report, '4:analytics')).toBe('no route from rtb rtb-0fedcba9876543210 to 10.16.0.0/18');
});

it('fails the DNS flows that cross the hub route, not the one the corporate DNS team configures', () => {
  const report = analyzeStacks(mutated(stacks, remove('network', 'aws_route', inTable('corp-hub-private'))));
  expect(failing(report)).toEqual(['1:landing zone', '3:analytics', '6:analytics']);
  expect(missingOf(report, '1:landing zone')).toBe('no route from rtb corp-hub-private to 172.16.0.0/12');
  expect(missingOf(report, '6:analytics')).toBe('no route from rtb corp-hub-private to 172.16.0.53');
});
