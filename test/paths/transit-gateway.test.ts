/**
 * Transit Gateway connectivity: a created Transit Gateway with the simulated corporate network on
 * it (three services, outside an Organization), and an existing one with the on-premises network
 * behind its VPN / Direct Connect attachment (in an Organization). Each mutation fails exactly the
 * flows that depend on what it removes, naming the missing hop.
 */
import { analyzeStacks } from '../../analysis/paths/analyze';
import { Stacks } from '../../analysis/paths/terraform';
import { verify } from '../../analysis/policy-proofs/verify';
import { shippedStackId } from '../support/shared-synth';
import { Mutation, add, all, edit, failing, find, missingOf, mutated, named, ref, remove, synthOutput, where } from './support';

/** A stack of the transit-gateway fixture, by its name in the zone. */
const stack = (name: string): string => shippedStackId('transit-gateway', name);
const NET = stack('network');
const RESEARCH = stack('service-research');
const LINK = stack('network-link-research');
const ANALYTICS = stack('service-analytics');

let stacks: Stacks;

beforeAll(() => {
  stacks = synthOutput('transit-gateway').stacks;
}, 60_000);

const SERVICES = ['analytics', 'ml-platform', 'research'];
const each = (flows: number[], services = SERVICES) => flows.flatMap((f) => services.map((s) => `${f}:${s}`));

it('proves every flow of every service over the created Transit Gateway', () => {
  const report = analyzeStacks(stacks);
  expect(failing(report)).toEqual([]);
  const hops = (flow: number, scope: string) => report.results.find((r) => r.flow === flow && r.scope === scope)?.hops ?? [];
  expect(hops(1, 'landing zone')).toContain(
    'rtb tgw-corporate-private: 10.10.0.10 -> Transit Gateway tgw-tgw (attachment tgw-tgw-corporate); Transit Gateway route table tgw-tgw-corporate (associated with tgw-tgw-corporate): 10.10.0.0/24 propagated from tgw-tgw-hub -> attachment tgw-tgw-hub -> VPC tgw-hub',
  );
  expect(hops(1, 'landing zone')).toContain(
    'back: rtb tgw-hub-private: 192.168.0.0/24 -> Transit Gateway tgw-tgw (attachment tgw-tgw-hub); Transit Gateway route table tgw-tgw-corporate (associated with tgw-tgw-hub): 192.168.0.0/16 static route -> attachment tgw-tgw-corporate -> VPC tgw-corporate',
  );
  expect(hops(4, 'research')).toContain(
    'rtb tgw-corporate-private: 10.17.0.0/18 -> Transit Gateway tgw-tgw (attachment tgw-tgw-corporate); Transit Gateway route table tgw-tgw-corporate (associated with tgw-tgw-corporate): 10.17.0.0/16 propagated from tgw-research-tgw -> attachment tgw-research-tgw, accepted in tgw-eu-west-1-network-link-research -> VPC tgw-research',
  );
  expect(hops(4, 'research')).toContain(
    'back: rtb tgw-research-private: 192.168.0.0/24 -> Transit Gateway tgw-tgw (attachment tgw-research-tgw, accepted in tgw-eu-west-1-network-link-research); Transit Gateway route table tgw-tgw-services (associated with tgw-research-tgw): 192.168.0.0/24 propagated from tgw-tgw-corporate -> attachment tgw-tgw-corporate -> VPC tgw-corporate',
  );
  expect(hops(8, 'research')).toEqual([
    'rtb tgw-research-private -> VPC tgw-analytics (10.16.0.0/16): none (no route from rtb tgw-research-private to 10.16.0.0/16)',
    'rtb tgw-research-private -> VPC tgw-ml-platform (10.18.0.0/20): none (no route from rtb tgw-research-private to 10.18.0.0/20)',
  ]);
});

/** A link-stack resource of research's attachment (named through the accepter). */
const ofResearchLink = (type: string): Mutation => remove(LINK, type);

const CASES: { what: string; mutation: Mutation; fails: string[]; message: RegExp }[] = [
  {
    what: "research's propagation into the corporate route table",
    mutation: remove(LINK, 'aws_ec2_transit_gateway_route_table_propagation'),
    fails: ['4:research', '6:research'],
    message: /^Transit Gateway route table tgw-tgw-corporate has no route to 10\.17\.0\.0\/18: no static route and no propagation from an attachment that holds it$/,
  },
  {
    what: "research's association with the services route table",
    mutation: ofResearchLink('aws_ec2_transit_gateway_route_table_association'),
    fails: ['4:research', '6:research'],
    message: /^Transit Gateway attachment tgw-research-tgw is associated with no route table of tgw-tgw: its traffic is dropped$/,
  },
  {
    what: "research's VPC routes to the Transit Gateway",
    mutation: remove(RESEARCH, 'aws_route'),
    fails: ['4:research', '6:research'],
    message: /^no route from rtb tgw-research-private to 192\.168\.0\.0\/24$/,
  },
  {
    what: "research's attachment",
    mutation: remove(RESEARCH, 'aws_ec2_transit_gateway_vpc_attachment'),
    fails: ['4:research', '6:research'],
    // Into research, the corporate route table has nothing to send to; out of it, the VPC has no attachment.
    message: /^(rtb tgw-research-private sends 192\.168\.0\.0\/24 to Transit Gateway tgw-tgw, but VPC tgw-research has no attachment to Transit Gateway tgw-tgw|Transit Gateway route table tgw-tgw-corporate has no route to 10\.17\.0\.0\/18: no static route and no propagation from an attachment that holds it)$/,
  },
  {
    what: "the acceptance of research's attachment",
    mutation: all(
      remove(LINK, 'aws_ec2_transit_gateway_vpc_attachment_accepter'),
      (s) => {
        const attachment = Object.entries(s[RESEARCH].output ?? {}).find(([, o]) => String(o.value).includes('aws_ec2_transit_gateway_vpc_attachment'))![0];
        for (const type of ['aws_ec2_transit_gateway_route_table_association', 'aws_ec2_transit_gateway_route_table_propagation']) {
          edit(LINK, type, () => true, (attrs) => { attrs.transit_gateway_attachment_id = `\${data.terraform_remote_state.cross-stack-reference-input-${RESEARCH}.outputs.${attachment}}`; })(s);
        }
      },
    ),
    fails: ['4:research', '6:research'],
    message: /^Transit Gateway attachment tgw-research-tgw \(account 333333333333\) is never accepted: no aws_ec2_transit_gateway_vpc_attachment_accepter in account 111111111111, and tgw-tgw does not auto-accept$/,
  },
  {
    what: "the hub's attachment",
    mutation: remove(NET, 'aws_ec2_transit_gateway_vpc_attachment', named('tgw-tgw-hub')),
    fails: ['1:landing zone', ...each([2, 3, 6])],
    message: /^(rtb tgw-hub-private sends 192\.168\.0\.[0-9/]+ to Transit Gateway tgw-tgw, but VPC tgw-hub has no attachment to Transit Gateway tgw-tgw|Transit Gateway route table tgw-tgw-corporate has no route to 10\.10\.0\.(10|0\/26): no static route and no propagation from an attachment that holds it)$/,
  },
  {
    // A static route wins over the corporate VPC's propagated 192.168.0.0/24 of the same prefix.
    what: 'the static corporate route of the services route table, with a blackhole for the corporate VPC in its place',
    mutation: all(
      remove(NET, 'aws_ec2_transit_gateway_route', (attrs, s) => attrs.transit_gateway_route_table_id === ref(s, NET, 'aws_ec2_transit_gateway_route_table', 'id', named('tgw-tgw-services'))),
      add(NET, 'aws_ec2_transit_gateway_route', 'blackhole', (s) => ({
        transit_gateway_route_table_id: ref(s, NET, 'aws_ec2_transit_gateway_route_table', 'id', named('tgw-tgw-services')),
        destination_cidr_block: '192.168.0.0/24',
        blackhole: true,
      })),
    ),
    fails: each([4, 6]),
    message: /^Transit Gateway route table tgw-tgw-services drops 192\.168\.0\.0\/24: 192\.168\.0\.0\/24 is a blackhole route$/,
  },
  {
    what: "private DNS of the hub's Studio endpoint",
    mutation: edit(NET, 'aws_vpc_endpoint', named('tgw-hub-studio'), (attrs) => { attrs.private_dns_enabled = false; }),
    fails: each([2, 3]),
    message: /^the presigned URL \(domain\) host (<tgw-[a-z-]+\.id>|d-abcdefghijkl)\.studio\.eu-west-1\.sagemaker\.aws would resolve publicly for the corporate network and the session would be refused outside the endpoints: nothing in VPC tgw-hub answers it/,
  },
  {
    what: 'isolation: a service attachment propagated into the services route table and a wide route to the Transit Gateway',
    mutation: all(
      add(LINK, 'aws_ec2_transit_gateway_route_table_propagation', 'into-services', (s) => ({
        transit_gateway_attachment_id: find(s, LINK, 'aws_ec2_transit_gateway_vpc_attachment_accepter').map((n) => `\${aws_ec2_transit_gateway_vpc_attachment_accepter.${n}.id}`)[0],
        transit_gateway_route_table_id: String(Object.values(s[LINK].resource!.aws_ec2_transit_gateway_route_table_association)[0].transit_gateway_route_table_id),
      })),
      add(ANALYTICS, 'aws_route', 'wide', (s) => ({
        route_table_id: ref(s, ANALYTICS, 'aws_route_table', 'id'),
        destination_cidr_block: '10.0.0.0/8',
        transit_gateway_id: String(Object.values(s[ANALYTICS].resource!.aws_route)[0].transit_gateway_id),
      })),
    ),
    fails: ['8:analytics'],
    message: /^service VPC tgw-analytics reaches service VPC tgw-research: rtb tgw-analytics-private: 10\.17\.0\.0\/16 -> Transit Gateway tgw-tgw .* 10\.17\.0\.0\/16 propagated from tgw-research-tgw -> attachment tgw-research-tgw, accepted in tgw-eu-west-1-network-link-research -> VPC tgw-research$/,
  },
];

describe.each(CASES)('without $what', ({ mutation, fails, message }) => {
  it('fails exactly the flows that depend on it, naming the missing hop', () => {
    const report = analyzeStacks(mutated(stacks, mutation));
    expect(failing(report)).toEqual([...fails].sort());
    for (const key of fails) expect(missingOf(report, key)).toMatch(message);
  });
});

describe('an existing Transit Gateway with the on-premises network behind its attachment', () => {
  let existing: Stacks;
  beforeAll(() => {
    existing = synthOutput('existing-transit-gateway').stacks;
  }, 60_000);

  it('proves every flow, the corporate clients and DNS servers entering at the VPN / Direct Connect attachment', () => {
    const report = analyzeStacks(existing);
    expect(failing(report)).toEqual([]);
    const hops = report.results.find((r) => r.flow === 1)?.hops ?? [];
    expect(hops).toContain('corporate side: VPC corporate network behind tgw-attach-0123456789abcdef0, ranges 172.16.0.0/12, 192.168.0.0/16');
    expect(hops).toContain(
      'corporate network -> Transit Gateway route table corp-tgw-corporate (associated with tgw-attach-0123456789abcdef0): 10.10.0.0/22 propagated from corp-tgw-hub -> attachment corp-tgw-hub -> VPC corp-hub',
    );
  });

  it("fails every corporate flow when the corporate attachment's association is dropped", () => {
    const report = analyzeStacks(mutated(existing, remove(shippedStackId('existing-transit-gateway', 'network'), 'aws_ec2_transit_gateway_route_table_association', where('transit_gateway_attachment_id', 'tgw-attach-0123456789abcdef0'))));
    // Studio names: the corporate DNS team's forwarding is outside the output (flow 2 assumes it); reaching the resolver is flow 1.
    expect(failing(report)).toEqual(['1:landing zone', '3:analytics', '3:forecasting', '4:analytics', '4:forecasting', '6:analytics']);
    expect(missingOf(report, '1:landing zone')).toBe('Transit Gateway attachment tgw-attach-0123456789abcdef0 is associated with no route table of tgw-0a1b2c3d4e5f60718: its traffic is dropped');
  });
});

// CI ran `npm run verify` on both account files; the same guardrails and policy proofs, here on the
// shared synth of each fixture.
describe.each(['transit-gateway', 'existing-transit-gateway'])('the %s fixture', (zone) => {
  it('passes verify: guardrails and policy proofs, with endpoint proofs for every service', async () => {
    const fixture = synthOutput(zone);
    const report = await verify(fixture.outdir);
    expect(report.failures).toEqual([]);
    const services = Object.keys(fixture.stacks).filter((id) => id.startsWith(shippedStackId(zone, 'service-')));
    expect(services.length).toBeGreaterThan(1);
    for (const service of services) {
      expect([service, report.rows.some((r) => r.check.startsWith('policy: endpoint:') && r.resource.startsWith(`${service} `) && r.result === 'PASS')]).toEqual([service, true]);
    }
  });
});
