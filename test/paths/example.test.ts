/**
 * The example landing zone: every flow passes, and each mutation of the synthesized JSON fails
 * exactly the flows that depend on what it removes, naming the missing hop.
 */
import { spawnSync } from 'child_process';
import { buildSync } from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { analyzePaths, analyzeStacks } from '../../analysis/paths/analyze';
import { Stacks } from '../../analysis/paths/terraform';
import { BAD_ENVIRONMENT_MESSAGE, REPO_ROOT, accountFilesOutsideRepo } from '../support/configs';
import {
  Mutation, add, all, and, edit, failing, inTable, missingOf, mutated, named, ofGroup, ref, remove, synthOutput, where, writeOutput,
} from './support';
import { exampleStack } from '../support/shared-synth';

const NET = exampleStack('network');
const SVC = exampleStack('service-analytics');
const LINK = exampleStack('network-link-analytics');

let outdir: string;
let stacks: Stacks;

beforeAll(() => {
  ({ outdir, stacks } = synthOutput('example'));
}, 60_000);

it('proves every flow of the example, with its hops', () => {
  const report = analyzeStacks(stacks);
  expect(failing(report)).toEqual([]);
  expect(report.results.map((r) => `${r.flow}:${r.scope}`)).toEqual(['1:landing zone', ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((f) => `${f}:analytics`)]);
  const hops = (flow: number) => report.results.find((r) => r.flow === flow)?.hops ?? [];
  expect(hops(1)).toContain('rtb example-corporate-private: 10.10.0.10 -> peering example-hub-corporate (auto-accepted) -> VPC example-hub');
  expect(hops(1)).toContain('security group example-hub-inbound-resolver: ingress udp/53 from 192.168.0.0/24 (corporate client)');
  const studioAnswer = 'in VPC example-hub: private DNS of endpoint example-hub-studio (studio.eu-west-1.sagemaker.aws, *.studio.eu-west-1.sagemaker.aws)';
  for (const host of ['presigned URL (domain) host <example-analytics.id>', 'Studio UI host studio-<example-analytics.id>', 'space host kk95za7le56wapk']) {
    expect(hops(2)).toContain(`inbound resolver example-hub-inbound resolves ${host}.studio.eu-west-1.sagemaker.aws ${studioAnswer}`);
  }
  expect(hops(2)).toContain('Studio endpoint example-hub-studio is in the aws:SourceVpce list of the presign grant of example-eu-west-1-service-analytics');
  expect(hops(3)).toContain('back: rtb example-hub-private: 192.168.0.0/24 -> peering example-hub-corporate (auto-accepted) -> VPC example-corporate');
  expect(hops(4)).toContain('back: rtb example-analytics-private: 192.168.0.0/24 -> peering example-analytics-corporate (accepted in example-eu-west-1-network-link-analytics) -> VPC example-corporate');
  expect(hops(5)).toContain('rtb example-analytics-private: the prefix list of gateway endpoint example-analytics-dynamodb -> gateway endpoint example-analytics-dynamodb');
  expect(hops(6)).toContain('FORWARD rule example-corporate-corp-example-com shared with account 222222222222 by RAM share example-corporate-dns-rules, accepted in example-eu-west-1-service-analytics');
  expect(report.assumptions).toContain('idp.corp.example.com is in the corporate DNS domain corp.example.com, so it is taken to live in the corporate ranges 192.168.0.0/24');
  const perimeter = 'rule group example-analytics-dns-perimeter';
  expect(hops(9)).toContain(`exfiltration.example.net: blocked by rule block-everything-else (priority 200) of ${perimeter}`);
  for (const needed of ['api.sagemaker.eu-west-1.amazonaws.com', 'host.s3.eu-west-1.amazonaws.com', 'host.studio.eu-west-1.sagemaker.aws', 'idp.corp.example.com']) {
    expect(hops(9)).toContain(`${needed}: allowed by rule allow-landing-zone (priority 100) of ${perimeter}`);
  }
});

/** The peering request's id as the service stack already exports it to the link stack. */
const requestThroughRemoteState = (s: Stacks): string => {
  const request = ref(s, SVC, 'aws_vpc_peering_connection', 'id');
  const [output] = Object.entries(s[SVC].output ?? {}).find(([, o]) => o.value === request) ?? [];
  return `\${data.terraform_remote_state.cross-stack-reference-input-${SVC}.outputs.${output}}`;
};

/** As the synth allows a JWKS host: the DNS Firewall is not what a JWKS mutation tests. */
const allowInFirewall = (host: string): Mutation =>
  edit(SVC, 'aws_route53_resolver_firewall_domain_list', named('example-analytics-allowed'), (attrs) => {
    attrs.domains = [...(attrs.domains as string[]), host];
  });


const serviceRoute = (name: string, target: Record<string, (s: Stacks) => string>): Mutation =>
  add(SVC, 'aws_route', name, (s) => ({
    route_table_id: ref(s, SVC, 'aws_route_table', 'id'),
    destination_cidr_block: '0.0.0.0/0',
    ...Object.fromEntries(Object.entries(target).map(([key, value]) => [key, value(s)])),
  }));

interface Case {
  what: string;
  mutation: Mutation;
  /** `<flow>:<scope>` of exactly the flows that must fail. */
  fails: string[];
  /** Every failing flow's missing hop matches. */
  message: RegExp;
}

const CASES: Case[] = [
  {
    what: 'the corporate route to the service VPC (network-link)',
    mutation: remove(LINK, 'aws_route'),
    fails: ['4:analytics', '6:analytics'],
    message: /^no route from rtb example-corporate-private to 10\.16\.0\.0\/18$/,
  },
  {
    what: 'the service route to the corporate ranges',
    mutation: remove(SVC, 'aws_route', where('destination_cidr_block', '192.168.0.0/16')),
    fails: ['4:analytics', '6:analytics'],
    message: /^no route from rtb example-analytics-private to 192\.168\.0\.0\/24$/,
  },
  {
    what: 'the hub route to the corporate ranges',
    mutation: remove(NET, 'aws_route', inTable('example-hub-private')),
    fails: ['1:landing zone', '2:analytics', '3:analytics', '6:analytics'],
    message: /^no route from rtb example-hub-private to 192\.168\.0\.(0\/24|0\/26|10)$/,
  },
  {
    what: 'the corporate route to the hub',
    mutation: remove(NET, 'aws_route', and(inTable('example-corporate-private'), where('destination_cidr_block', '10.10.0.0/24'))),
    fails: ['1:landing zone', '2:analytics', '3:analytics', '6:analytics'],
    message: /^no route from rtb example-corporate-private to 10\.10\.0\.(10|0\/26)$/,
  },
  {
    what: 'the hub <-> corporate peering acceptance',
    mutation: edit(NET, 'aws_vpc_peering_connection', named('example-hub-corporate'), (attrs) => { attrs.auto_accept = false; }),
    fails: ['1:landing zone', '2:analytics', '3:analytics', '6:analytics'],
    message: /^peering example-hub-corporate \(VPC example-hub -> VPC example-corporate\) is never accepted/,
  },
  {
    what: 'the service peering accepter (the link route then names the request)',
    mutation: all(
      remove(LINK, 'aws_vpc_peering_connection_accepter'),
      edit(LINK, 'aws_route', () => true, (attrs, s) => { attrs.vpc_peering_connection_id = requestThroughRemoteState(s); }),
    ),
    fails: ['4:analytics', '6:analytics'],
    message: /^peering example-analytics-corporate \(VPC example-analytics -> VPC example-corporate\) is never accepted: no aws_vpc_peering_connection_accepter with auto_accept in account 111111111111$/,
  },
  {
    what: 'the execute-api endpoint group\'s ingress from the corporate range',
    mutation: remove(SVC, 'aws_vpc_security_group_ingress_rule', and(ofGroup(SVC, 'example-analytics-browser-endpoints'), where('cidr_ipv4', '192.168.0.0/16'))),
    fails: ['4:analytics'],
    message: /^security group example-analytics-browser-endpoints has no ingress for tcp\/443 from 192\.168\.0\.0\/24 \(corporate client\)$/,
  },
  {
    what: "the hub Studio endpoint's ingress from the corporate range",
    mutation: remove(NET, 'aws_vpc_security_group_ingress_rule', ofGroup(NET, 'example-hub-studio-endpoint')),
    fails: ['3:analytics'],
    message: /^security group example-hub-studio-endpoint has no ingress for tcp\/443 from 192\.168\.0\.0\/24 \(corporate client\)$/,
  },
  {
    what: 'the endpoints group\'s ingress from the presign Lambda\'s group',
    mutation: remove(SVC, 'aws_vpc_security_group_ingress_rule', and(ofGroup(SVC, 'example-analytics-endpoints'), where('description', 'HTTPS from the presign Lambda'))),
    fails: ['5:analytics'],
    message: /^security group example-analytics-endpoints has no ingress for tcp\/443 from 10\.16\.0\.0\/18 \(Lambda example-analytics-studio-presign\)$/,
  },
  {
    what: 'the presign egress to the interface endpoints',
    mutation: remove(SVC, 'aws_vpc_security_group_egress_rule', and(ofGroup(SVC, 'example-analytics-studio-presign-lambda'), where('referenced_security_group_id', 'aws_security_group'))),
    fails: ['5:analytics'],
    message: /^security group example-analytics-studio-presign-lambda has no egress for tcp\/443 to 10\.16\.0\.0\/18 \(endpoint example-analytics-sagemakerApi\)$/,
  },
  {
    what: 'the presign egress to the DynamoDB prefix list',
    mutation: remove(SVC, 'aws_vpc_security_group_egress_rule', where('prefix_list_id', 'aws_vpc_endpoint')),
    fails: ['5:analytics'],
    message: /^security group example-analytics-studio-presign-lambda has no egress for tcp\/443 to the prefix list of gateway endpoint example-analytics-dynamodb \(DynamoDB\)$/,
  },
  {
    what: "the DynamoDB gateway endpoint's route table",
    mutation: edit(SVC, 'aws_vpc_endpoint', named('example-analytics-dynamodb'), (attrs) => { attrs.route_table_ids = []; }),
    fails: ['5:analytics'],
    message: /^no route from rtb example-analytics-private to the prefix list of gateway endpoint example-analytics-dynamodb$/,
  },
  {
    what: 'private DNS of the sagemaker.api endpoint',
    mutation: edit(SVC, 'aws_vpc_endpoint', named('example-analytics-sagemakerApi'), (attrs) => { attrs.private_dns_enabled = false; }),
    fails: ['5:analytics'],
    message: /^api\.sagemaker\.eu-west-1\.amazonaws\.com does not resolve to a sagemaker\.api endpoint in VPC example-analytics: it resolves through public DNS$/,
  },
  {
    what: 'the authorizer egress to the IdP',
    mutation: remove(SVC, 'aws_vpc_security_group_egress_rule', ofGroup(SVC, 'example-analytics-studio-authorizer-lambda')),
    fails: ['6:analytics'],
    message: /^security group example-analytics-studio-authorizer-lambda has no egress for tcp\/443 to 192\.168\.0\.0\/24 \(IdP host\)$/,
  },
  {
    what: 'the inbound resolver ingress over UDP',
    mutation: remove(NET, 'aws_vpc_security_group_ingress_rule', and(ofGroup(NET, 'example-hub-inbound-resolver'), where('ip_protocol', 'udp'))),
    fails: ['1:landing zone', '2:analytics'],
    message: /^security group example-hub-inbound-resolver has no ingress for udp\/53 from 192\.168\.0\.(0\/24 \(corporate client\)|0\/26 \(resolver endpoint example-corporate-studio-outbound\))$/,
  },
  {
    what: 'the outbound resolver egress to the corporate DNS',
    mutation: remove(NET, 'aws_vpc_security_group_egress_rule', ofGroup(NET, 'example-hub-outbound-resolver')),
    fails: ['6:analytics'],
    message: /^security group example-hub-outbound-resolver has no egress for udp\/53 to 192\.168\.0\.10 \(resolver endpoint example-corporate-dns-inbound\)$/,
  },
  {
    what: "private DNS of the hub's Studio endpoint",
    mutation: edit(NET, 'aws_vpc_endpoint', named('example-hub-studio'), (attrs) => { attrs.private_dns_enabled = false; }),
    fails: ['2:analytics', '3:analytics'],
    message: /^the presigned URL \(domain\) host <example-analytics\.id>\.studio\.eu-west-1\.sagemaker\.aws would resolve publicly for the corporate network and the session would be refused outside the endpoints: nothing in VPC example-hub answers it \(it resolves through public DNS\)$/,
  },
  {
    what: "the hub's Studio endpoint in the presign grant (only the service's own sagemaker.api endpoint left)",
    mutation: edit(SVC, 'aws_iam_role_policy', where('policy', 'CreatePresignedDomainUrl'), (attrs) => {
      attrs.policy = (attrs.policy as string).replace(/,"\$\{data\.terraform_remote_state\.[^}]*studio-endpoint[^}]*\}"/g, '');
    }),
    fails: ['2:analytics'],
    message: /^<example-analytics\.id>\.studio\.eu-west-1\.sagemaker\.aws resolves to Studio endpoint example-hub-studio \(VPC example-hub\), which the presign grant of example-eu-west-1-service-analytics does not list in aws:SourceVpce: SageMaker refuses the session$/,
  },
  {
    what: "the simulated corporate DNS's Studio forwarding",
    mutation: remove(NET, 'aws_route53_resolver_rule_association', where('vpc_id', 'simulated-corporate')),
    fails: ['2:analytics'],
    message: /^VPC example-corporate does not forward <example-analytics\.id>\.studio\.eu-west-1\.sagemaker\.aws to the inbound resolver: it resolves through public DNS$/,
  },
  {
    what: 'the corporate rule association with the service VPC',
    mutation: remove(SVC, 'aws_route53_resolver_rule_association'),
    fails: ['6:analytics'],
    message: /^FORWARD rule example-corporate-corp-example-com \(corp\.example\.com\) is not associated with VPC example-analytics: for idp\.corp\.example\.com it resolves through public DNS$/,
  },
  {
    what: 'the RAM resource association of the rule',
    mutation: remove(NET, 'aws_ram_resource_association'),
    fails: ['6:analytics'],
    message: /^FORWARD rule example-corporate-corp-example-com \(account 111111111111\) is in no RAM share: account 222222222222 cannot associate it$/,
  },
  {
    what: 'the RAM principal association of the service account',
    mutation: remove(NET, 'aws_ram_principal_association'),
    fails: ['6:analytics'],
    message: /^RAM share example-corporate-dns-rules of FORWARD rule example-corporate-corp-example-com does not name account 222222222222 as a principal$/,
  },
  {
    what: 'the RAM share accepter',
    mutation: all(
      remove(SVC, 'aws_ram_resource_share_accepter'),
      edit(SVC, 'aws_route53_resolver_rule_association', () => true, (attrs) => { delete attrs.depends_on; }),
    ),
    fails: ['6:analytics'],
    message: /^account 222222222222 never accepts RAM share example-corporate-dns-rules/,
  },
  {
    what: 'a JWKS host outside every corporate domain',
    mutation: all(
      edit(SVC, 'aws_lambda_function', named('example-analytics-studio-authorizer'), (attrs) => {
        ((attrs.environment as Record<string, Record<string, string>>).variables).IDP_JWKS_URI = 'https://login.example.net/keys';
      }),
      allowInFirewall('login.example.net'),
    ),
    fails: ['6:analytics'],
    message: /^JWKS host login\.example\.net is outside every corporate DNS domain \(corp\.example\.com\) and the service VPC has no internet path: set identityProvider\.jwksAccess to \{ via: outside-vpc \} \(the authorizer outside the VPC\) or \{ via: proxy, proxyUrl: <corporate proxy> \}, or use a corporate-hosted JWKS$/,
  },
  {
    what: 'a presign Lambda whose JWKS host is outside every corporate domain',
    mutation: all(
      edit(SVC, 'aws_lambda_function', named('example-analytics-studio-presign'), (attrs) => {
        ((attrs.environment as Record<string, Record<string, string>>).variables).IDP_JWKS_URI = 'https://login.example.net/keys';
      }),
      allowInFirewall('login.example.net'),
    ),
    fails: ['6:analytics'],
    message: /^JWKS host login\.example\.net is outside every corporate DNS domain/,
  },
  {
    what: 'an internet gateway route in the service VPC',
    mutation: all(
      add(SVC, 'aws_internet_gateway', 'igw', (s) => ({ vpc_id: ref(s, SVC, 'aws_vpc', 'id') })),
      serviceRoute('to-igw', { gateway_id: () => '${aws_internet_gateway.igw.id}' }),
    ),
    fails: ['7:analytics'],
    message: /^rtb example-analytics-private \(subnets example-analytics-private-euw1-az1, example-analytics-private-euw1-az2\) sends 0\.0\.0\.0\/0 to aws_internet_gateway igw: a path to the internet$/,
  },
  {
    what: 'a NAT gateway route in the service VPC',
    mutation: serviceRoute('to-nat', { nat_gateway_id: () => 'nat-0123456789abcdef0' }),
    fails: ['7:analytics'],
    message: /sends 0\.0\.0\.0\/0 to nat-0123456789abcdef0: a path to the internet$/,
  },
  {
    what: 'a Studio domain with SageMaker-managed internet',
    mutation: edit(SVC, 'aws_sagemaker_domain', () => true, (attrs) => { attrs.app_network_access_type = 'PublicInternetOnly'; }),
    fails: ['7:analytics'],
    message: /^Studio domain example-analytics is PublicInternetOnly: SageMaker gives its apps internet access outside the VPC$/,
  },
  {
    what: "the service subnets' route table associations (they fall back to the VPC's main route table)",
    mutation: remove(SVC, 'aws_route_table_association'),
    fails: ['4:analytics', '5:analytics', '6:analytics'],
    message: /^no route from rtb example-analytics main to (192\.168\.0\.0\/24|the prefix list of gateway endpoint example-analytics-dynamodb)$/,
  },
  {
    what: "the service subnets' route table associations, with an internet route in the VPC's default route table",
    mutation: all(
      remove(SVC, 'aws_route_table_association'),
      add(SVC, 'aws_default_route_table', 'main', (s) => ({
        default_route_table_id: ref(s, SVC, 'aws_vpc', 'default_route_table_id'),
        route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-0123456789abcdef0' }],
        tags: { Name: 'example-analytics-main' },
      })),
    ),
    fails: ['4:analytics', '5:analytics', '6:analytics', '7:analytics'],
    message: new RegExp([
      '^rtb example-analytics-main sends 192\\.168\\.0\\.0/24 to igw-0123456789abcdef0, not to VPC example-corporate$',
      '^no route from rtb example-analytics-main to the prefix list of gateway endpoint example-analytics-dynamodb$',
      '^rtb example-analytics-main \\(subnets .*\\) sends 0\\.0\\.0\\.0/0 to igw-0123456789abcdef0: a path to the internet$',
    ].join('|')),
  },
  {
    what: 'the service subnets\' ACL rule for HTTPS from the corporate ranges (turned to deny)',
    mutation: edit(SVC, 'aws_network_acl_rule', and(where('egress', false), where('cidr_block', '192.168.0.0/16')), (attrs) => { attrs.rule_action = 'deny'; }),
    fails: ['4:analytics'],
    message: /^network ACL example-analytics-subnets of subnet example-analytics-private-euw1-az1 denies \(rule \d+\) inbound tcp\/443 from 192\.168\.0\.0\/24$/,
  },
  {
    what: 'the service subnets\' ACL rules for the ephemeral return ports',
    mutation: remove(SVC, 'aws_network_acl_rule', and(where('egress', true), (attrs) => attrs.from_port === 1024)),
    // Replies to the corporate clients and between the Lambdas and the endpoints.
    fails: ['4:analytics', '5:analytics'],
    message: /^network ACL example-analytics-subnets of subnet example-analytics-private-euw1-az1 does not allow outbound tcp\/1024-65535 to (192\.168\.0\.0\/24|10\.16\.0\.0\/18)$/,
  },
  {
    what: 'an ACL rule opening every port from the corporate ranges',
    mutation: add(SVC, 'aws_network_acl_rule', 'planted-all', (s) => ({
      network_acl_id: ref(s, SVC, 'aws_network_acl', 'id'), rule_number: 1, egress: false, protocol: '-1', rule_action: 'allow', cidr_block: '192.168.0.0/16', from_port: 0, to_port: 0,
    })),
    fails: ['10:analytics'],
    message: /^network ACL example-analytics-subnets lets tcp\/22 in from corporate client 192\.168\.0\.0\/24 \(rule 1\) in subnet example-analytics-private-euw1-az\d$/,
  },
  {
    what: 'the endpoints group opened to the corporate range',
    mutation: add(SVC, 'aws_vpc_security_group_ingress_rule', 'planted-corporate', (s) => ({
      security_group_id: ref(s, SVC, 'aws_security_group', 'id', named('example-analytics-endpoints')), ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '192.168.0.0/16',
    })),
    fails: ['10:analytics'],
    message: /^endpoint example-analytics-\w+ is reachable from corporate client 192\.168\.0\.0\/24 on tcp\/443: security group example-analytics-endpoints/,
  },
  {
    what: 'the DNS Firewall rule group association (the firewall detached)',
    mutation: remove(SVC, 'aws_route53_resolver_firewall_rule_group_association'),
    fails: ['9:analytics'],
    message: /^no DNS Firewall rule group is associated with VPC example-analytics: its resolver answers any public name, a channel out of the VPC$/,
  },
  {
    what: 'the BLOCK rule on "*"',
    mutation: remove(SVC, 'aws_route53_resolver_firewall_rule', where('action', 'BLOCK')),
    fails: ['9:analytics'],
    message: /^public name exfiltration\.example\.net resolves from VPC example-analytics: no DNS Firewall rule matches it$/,
  },
  {
    what: 'the landing zone\'s names in the allow list (an allow list of "*")',
    mutation: edit(SVC, 'aws_route53_resolver_firewall_domain_list', named('example-analytics-allowed'), (attrs) => { attrs.domains = ['*']; }),
    fails: ['9:analytics'],
    message: /^public name exfiltration\.example\.net resolves from VPC example-analytics: allowed by rule allow-landing-zone/,
  },
  {
    what: 'the SageMaker API name in the allow list',
    mutation: edit(SVC, 'aws_route53_resolver_firewall_domain_list', named('example-analytics-allowed'), (attrs) => {
      attrs.domains = (attrs.domains as string[]).filter((d) => !d.endsWith('api.sagemaker.eu-west-1.amazonaws.com'));
    }),
    fails: ['5:analytics', '9:analytics'],
    message: /api\.sagemaker\.eu-west-1\.amazonaws\.com.* blocked by rule block-everything-else \(priority 200\) of rule group example-analytics-dns-perimeter$/,
  },
  {
    what: 'the corporate domain in the allow list',
    mutation: edit(SVC, 'aws_route53_resolver_firewall_domain_list', named('example-analytics-allowed'), (attrs) => {
      attrs.domains = (attrs.domains as string[]).filter((d) => !d.endsWith('corp.example.com'));
    }),
    fails: ['6:analytics', '9:analytics'],
    message: /corp\.example\.com.* blocked by rule block-everything-else \(priority 200\) of rule group example-analytics-dns-perimeter$/,
  },
  {
    what: 'the Studio names in the hub\'s allow list',
    mutation: edit(NET, 'aws_route53_resolver_firewall_domain_list', named('example-hub-allowed'), (attrs) => {
      attrs.domains = (attrs.domains as string[]).filter((d) => !d.includes('studio'));
    }),
    fails: ['2:analytics', '3:analytics'],
    message: /^DNS Firewall refuses .*studio\.eu-west-1\.sagemaker\.aws in VPC example-hub: blocked by rule block-everything-else/,
  },
];

describe.each(CASES)('without $what', ({ mutation, fails, message }) => {
  it('fails exactly the flows that depend on it, naming the missing hop', () => {
    const report = analyzeStacks(mutated(stacks, mutation));
    expect(failing(report)).toEqual([...fails].sort());
    for (const key of fails) expect(missingOf(report, key)).toMatch(message);
  });
});

it('needs no network path for an inline JWKS', () => {
  const inline = (name: string) => edit(SVC, 'aws_lambda_function', named(name), (attrs) => {
    const variables = (attrs.environment as Record<string, Record<string, string>>).variables;
    delete variables.IDP_JWKS_URI;
    variables.IDP_JWKS_JSON = '{"keys":[]}';
  });
  const report = analyzeStacks(mutated(stacks, all(
    inline('example-analytics-studio-authorizer'),
    inline('example-analytics-studio-presign'),
    remove(SVC, 'aws_route53_resolver_rule_association'),
  )));
  expect(failing(report)).toEqual([]);
  expect(report.results.find((r) => r.flow === 6)?.hops).toEqual([
    'authorizer example-analytics-studio-authorizer carries the JWKS document (IDP_JWKS_JSON): no network path needed',
    'presign example-analytics-studio-presign carries the JWKS document (IDP_JWKS_JSON): no network path needed',
  ]);
});

it('mutates copies only: the synthesized stacks still pass', () => {
  expect(failing(analyzeStacks(stacks))).toEqual([]);
});

describe('npm run paths', () => {
  let cli: string;

  beforeAll(() => {
    // The CLI as the npm script runs it: bundled by esbuild, no type-check; inside the repository,
    // where its external packages resolve.
    fs.mkdirSync(path.join(REPO_ROOT, '.build'), { recursive: true });
    cli = path.join(fs.mkdtempSync(path.join(REPO_ROOT, '.build', 'paths-cli-')), 'cli.js');
    buildSync({ entryPoints: [path.join(REPO_ROOT, 'analysis/paths/cli.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: cli, logLevel: 'warning' });
  });

  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

  it('prints every flow with PASS and its hops, and exits 0', () => {
    const result = run('--out', outdir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('flow 1 [landing zone] PASS: corporate client -> inbound resolver IPs, TCP and UDP 53, and back');
    expect(result.stdout).toContain('    rtb example-corporate-private: 10.10.0.10 -> peering example-hub-corporate (auto-accepted) -> VPC example-hub');
    expect(result.stdout).toMatch(/\n10 flows, all pass\n$/);
  });

  it('prints the first missing hop of a failing flow and exits 1', () => {
    const result = run('--out', writeOutput(mutated(stacks, remove(LINK, 'aws_route'))));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('flow 4 [analytics] FAIL: corporate client -> execute-api endpoint, TCP 443, and back\n    MISSING: no route from rtb example-corporate-private to 10.16.0.0/18');
    expect(result.stdout).toMatch(/\n10 flows, 2 FAIL\n$/);
  });

  it('prints the report as JSON with --json', () => {
    const result = run('--out', outdir, '--json');
    expect(JSON.parse(result.stdout)).toEqual(analyzePaths(outdir));
  });

  it('exits 2 when there is no synthesized output', () => {
    const result = run('--out', path.join(outdir, 'nowhere'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('nowhere: no such file or directory. Fix: give an account file or a synthesized directory');
  });

  it('synthesizes an account file kept outside accounts/ and proves its flows', () => {
    const files = accountFilesOutsideRepo();
    try {
      const result = run(files.good);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/\n10 flows, all pass\n$/);
      expect(result.status).toBe(0);
      const bad = run(files.bad);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(BAD_ENVIRONMENT_MESSAGE);
      expect(bad.stdout).toBe('');
    } finally {
      fs.rmSync(files.dir, { recursive: true, force: true });
    }
  });
});
