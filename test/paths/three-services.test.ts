/**
 * Three service accounts: each service's flows depend on its own resources only, and on the shared
 * network ones. Failures are compared with the unmutated output's.
 */
import { analyzeStacks } from '../../analysis/paths/analyze';
import { Stacks } from '../../analysis/paths/terraform';
import { shippedStackId } from '../support/shared-synth';
import { Match, Mutation, add, all, and, edit, failing, find, inTable, missingOf, mutated, named, ref, remove, synthOutput, where } from './support';

/** A stack of the three-services fixture, by its name in the zone. */
const stack = (name: string): string => shippedStackId('three-services', name);
const NET = stack('network');

let stacks: Stacks;
let baseline: string[];

beforeAll(() => {
  stacks = synthOutput('three-services').stacks;
  baseline = failing(analyzeStacks(stacks));
}, 60_000);

it('proves every flow for every service, each Studio session over the hub endpoint', () => {
  expect(baseline).toEqual([]);
  const granted = analyzeStacks(stacks).results.filter((r) => r.flow === 2).map((r) => r.hops.find((h) => h.startsWith('Studio endpoint')));
  expect(granted).toEqual(['analytics', 'ml-platform', 'research'].map(
    (service) => `Studio endpoint multi-hub-studio is in the aws:SourceVpce list of the presign grant of multi-eu-central-1-service-${service}`,
  ));
});

/**
 * What the central endpoint replaces: a per-domain zone answers the presigned URL's host only. The
 * Studio UI's `studio-<domain-id>` host then resolves publicly and the session is refused.
 */
it('fails flow 2 on the Studio UI host when only a per-domain zone answers', () => {
  const endpoint = ref(stacks, NET, 'aws_vpc_endpoint', 'dns_entry', named('multi-hub-studio')).slice(2, -1);
  const regional = (attribute: string) => `\${one([for e in ${endpoint} : e.${attribute} if length(regexall("^vpce-[0-9a-z]+-[0-9a-z]+[.]", e.dns_name)) > 0])}`;
  const report = analyzeStacks(mutated(stacks, all(
    edit(NET, 'aws_vpc_endpoint', named('multi-hub-studio'), (attrs) => { attrs.private_dns_enabled = false; }),
    add(NET, 'aws_route53_zone', 'research-domain', (s) => ({ name: 'd-abcdefghijkl.studio.eu-central-1.sagemaker.aws', vpc: [{ vpc_id: ref(s, NET, 'aws_vpc', 'id', named('multi-hub')) }] })),
    add(NET, 'aws_route53_record', 'research-domain', () => ({
      zone_id: '${aws_route53_zone.research-domain.zone_id}',
      name: 'd-abcdefghijkl.studio.eu-central-1.sagemaker.aws',
      type: 'A',
      alias: { name: regional('dns_name'), zone_id: regional('hosted_zone_id'), evaluate_target_health: false },
    })),
  )));
  expect(report.results.find((r) => r.flow === 2 && r.scope === 'research')?.hops).toContain(
    'inbound resolver multi-hub-inbound resolves presigned URL (domain) host d-abcdefghijkl.studio.eu-central-1.sagemaker.aws in VPC multi-hub: ' +
      'zone d-abcdefghijkl.studio.eu-central-1.sagemaker.aws (multi-eu-central-1-network), record d-abcdefghijkl.studio.eu-central-1.sagemaker.aws -> alias of endpoint multi-hub-studio',
  );
  expect(missingOf(report, '2:research')).toBe(
    'the Studio UI host studio-d-abcdefghijkl.studio.eu-central-1.sagemaker.aws would resolve publicly for the corporate network and the session would be refused ' +
      'outside the endpoints: nothing in VPC multi-hub answers it (it resolves through public DNS)',
  );
});

/** The association, in a service stack, of the network stack's FORWARD rule for a domain. */
const associationOf = (domain: string): Match => (attrs, s) => {
  const [rule] = find(s, NET, 'aws_route53_resolver_rule', where('domain_name', domain));
  return where('resolver_rule_id', rule)(attrs, s);
};

const CASES: { what: string; mutation: Mutation; newlyFailing: string[]; message: RegExp }[] = [
  {
    what: "research's corporate route (its network-link stack)",
    mutation: remove(stack('network-link-research'), 'aws_route'),
    newlyFailing: ['4:research', '6:research'],
    message: /^no route from rtb multi-corporate-private to 10\.17\.0\.0\/18$/,
  },
  {
    what: 'the hub route to the corporate ranges (ml-platform ships its JWKS inline)',
    mutation: remove(NET, 'aws_route', inTable('multi-hub-private')),
    // Studio DNS answers and the Studio session return over the same route, for every service.
    newlyFailing: ['1:landing zone', '2:analytics', '2:ml-platform', '2:research', '3:analytics', '3:ml-platform', '3:research', '6:analytics', '6:research'],
    message: /^no route from rtb multi-hub-private to 192\.168\.0\.(0\/24|0\/26|10)$/,
  },
  {
    what: "research's association of the corp.example.com rule",
    mutation: remove(stack('service-research'), 'aws_route53_resolver_rule_association', associationOf('corp.example.com')),
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
    what: 'the execute-api endpoint group\'s ingress from the corporate range in analytics',
    mutation: remove(stack('service-analytics'), 'aws_vpc_security_group_ingress_rule', and(where('cidr_ipv4', '192.168.0.0/16'), where('security_group_id', 'browser-sg'))),
    newlyFailing: ['4:analytics'],
    message: /^security group multi-analytics-browser-endpoints has no ingress for tcp\/443 from 192\.168\.0\.0\/24 \(corporate client\)$/,
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
  const report = analyzeStacks(mutated(stacks, remove(stack('service-research'), 'aws_route53_resolver_rule_association', associationOf('ad.example.com'))));
  expect(failing(report)).toEqual(baseline);
});
