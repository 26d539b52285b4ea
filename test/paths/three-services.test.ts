/**
 * Three service accounts: each service's flows depend on its own resources only, and on the shared
 * network ones. Failures are compared with the unmutated output's.
 */
import { analyzeStacks } from '../../tools/paths/analyze';
import { Stacks } from '../../tools/paths/terraform';
import { fixtureAccountFile } from '../support/configs';
import { Match, Mutation, and, edit, failing, find, inTable, missingOf, mutated, remove, synthOutput, where } from './support';

const NET = 'network';

let stacks: Stacks;
let baseline: string[];

beforeAll(() => {
  stacks = synthOutput(fixtureAccountFile('three-services')).stacks;
  baseline = failing(analyzeStacks(stacks));
}, 60_000);

it('proves every flow for every service', () => {
  expect(baseline).toEqual([]);
  const zones = analyzeStacks(stacks).results.filter((r) => r.flow === 2).map((r) => r.hops.find((h) => h.startsWith('inbound resolver')));
  expect(zones).toEqual([
    expect.stringContaining('zone <multi-analytics.id>.studio.eu-central-1.sagemaker.aws (service-analytics)'),
    expect.stringContaining('zone <ml-platform-studio.id>.studio.eu-central-1.sagemaker.aws (service-ml-platform)'),
    expect.stringContaining('zone d-abcdefghijkl.studio.eu-central-1.sagemaker.aws (service-research)'),
  ]);
});

/**
 * Route 53 takes one zone of a name per VPC: were two services to bring a zone of the same name
 * (as one shared `studio.<region>` zone per service would), the hub association fails at apply.
 */
it('fails flow 2 when two services associate zones of one name with the hub', () => {
  const sameName = (stack: string): Mutation =>
    edit(stack, 'aws_route53_zone', () => true, (attrs) => { attrs.name = 'studio.eu-central-1.sagemaker.aws'; });
  const report = analyzeStacks(mutated(stacks, (s) => { sameName('service-analytics')(s); sameName('service-research')(s); }));
  expect(failing(report)).toEqual(expect.arrayContaining(['2:analytics']));
  expect(missingOf(report, '2:analytics')).toMatch(/Route 53 allows one zone of a name per VPC \(ConflictingDomainExists\)/);
});

/** The association, in a service stack, of the network stack's FORWARD rule for a domain. */
const associationOf = (domain: string): Match => (attrs, s) => {
  const [rule] = find(s, NET, 'aws_route53_resolver_rule', where('domain_name', domain));
  return where('resolver_rule_id', rule)(attrs, s);
};

const CASES: { what: string; mutation: Mutation; newlyFailing: string[]; message: RegExp }[] = [
  {
    what: "research's corporate route (its network-link stack)",
    mutation: remove('network-link-research', 'aws_route'),
    newlyFailing: ['3:research', '4:research', '6:research'],
    message: /^no route from rtb multi-corporate-private to 10\.17\.0\.0\/18$/,
  },
  {
    what: 'the hub route to the corporate ranges (ml-platform ships its JWKS inline)',
    mutation: remove(NET, 'aws_route', inTable('multi-hub-private')),
    // Studio DNS answers return over the same route, for every service.
    newlyFailing: ['1:landing zone', '2:analytics', '2:ml-platform', '2:research', '6:analytics', '6:research'],
    message: /^no route from rtb multi-hub-private to 192\.168\.0\.(0\/16|0\/26|10)$/,
  },
  {
    what: "research's association of the corp.example.com rule",
    mutation: remove('service-research', 'aws_route53_resolver_rule_association', associationOf('corp.example.com')),
    newlyFailing: ['6:research'],
    message: /^FORWARD rule multi-corporate-corp-example-com \(corp\.example\.com\) is not associated with VPC multi-research/,
  },
  {
    what: "research's RAM principal association",
    mutation: remove(NET, 'aws_ram_principal_association', where('principal', '333333333333')),
    newlyFailing: ['6:research'],
    message: /^RAM share multi-corporate-dns-rules of FORWARD rule multi-corporate-corp-example-com does not name account 333333333333 as a principal$/,
  },
  {
    what: 'the endpoints ingress from the corporate range in analytics',
    mutation: remove('service-analytics', 'aws_vpc_security_group_ingress_rule', and(where('cidr_ipv4', '192.168.0.0/16'), where('security_group_id', 'endpoints'))),
    newlyFailing: ['3:analytics', '4:analytics'],
    message: /^security group multi-analytics-endpoints has no ingress for tcp\/443 from 192\.168\.0\.0\/16 \(corporate client\)$/,
  },
];

describe.each(CASES)('without $what', ({ mutation, newlyFailing, message }) => {
  it("fails only the flows that depend on it, of the services that depend on it", () => {
    const report = analyzeStacks(mutated(stacks, mutation));
    expect(failing(report).filter((key) => !baseline.includes(key))).toEqual([...newlyFailing].sort());
    for (const key of newlyFailing) expect(missingOf(report, key)).toMatch(message);
  });
});

it("ignores the association of a rule for a domain the IdP is not in", () => {
  const report = analyzeStacks(mutated(stacks, remove('service-research', 'aws_route53_resolver_rule_association', associationOf('ad.example.com'))));
  expect(failing(report)).toEqual(baseline);
});
