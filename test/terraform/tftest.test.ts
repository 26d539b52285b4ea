import * as fs from 'fs';
import { landingZoneFiles } from '../../analysis/terraform/landing-zones';
import { endpointDnsEntries, renderPlanTest } from '../../analysis/terraform/tftest';
import { SynthesizedStack } from '../../analysis/synthesized';
import { stackId } from '../../modules/shared/naming';
import { REPO_ROOT, rawAccountFile } from '../support/configs';
import { synthLandingZone } from '../support/synth';

const provider = { aws: [{ region: 'eu-west-1', allowed_account_ids: ['222222222222'] }] };
const HUB = '${data.terraform_remote_state.cross-stack-reference-input-network.outputs.hub}';
/** The filter the Studio zone's wildcard record uses: regional entries only. */
const REGIONAL_ONLY = '[for e in aws_vpc_endpoint.studio.dns_entry : e.dns_name if length(regexall("^vpce-[0-9a-z]+-[0-9a-z]+[.]", e.dns_name)) > 0]';

const network: SynthesizedStack = {
  provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
  output: { hub: { value: '${aws_vpc.hub.id}' } },
};

const service: SynthesizedStack = {
  provider,
  data: { terraform_remote_state: { 'cross-stack-reference-input-network': { backend: 'local', config: {} } } },
  resource: {
    aws_vpc_endpoint: {
      studio: { service_name: 'aws.sagemaker.eu-west-1.studio', subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'] },
      sts: { service_name: 'com.amazonaws.eu-west-1.sts' },
    },
    aws_route53_record: {
      wildcard: { name: '*.studio', alias: { name: `\${one(${REGIONAL_ONLY})}`, zone_id: '${aws_vpc_endpoint.studio.dns_entry[0].hosted_zone_id}' } },
      plain: { name: 'x', records: ['10.0.0.1'] },
    },
    aws_route53_vpc_association_authorization: { hub: { vpc_id: HUB, zone_id: '${aws_route53_zone.studio.zone_id}' } },
  },
};

/** The test file of one stack, as the offline plan writes it. */
const planTest = (stack: SynthesizedStack, stacks: Record<string, SynthesizedStack>) => renderPlanTest([{ run: 'plan', source: '../z/stacks/service', stack, stacks }]);

describe('renderPlanTest', () => {
  const file = planTest(service, { network, service });
  const hub = /"hub" = "(vpc-[0-9a-f]{17})"/.exec(file)?.[1];
  const [regional] = endpointDnsEntries(service).get('studio')!;

  it('mocks every provider block and plans the stack as an alternate module', () => {
    expect(file).toContain('mock_provider "aws" {}');
    expect(file).toContain('run "plan" {\n  command = plan\n\n  module {\n    source = "../z/stacks/service"\n  }\n');
    expect(planTest({ provider: { aws: [{}, { alias: 'peer' }] } }, {})).toContain('mock_provider "aws" {\n  alias = "peer"\n}');
  });

  it('mocks each provider once for many stacks, each in its own run', () => {
    const two = renderPlanTest([
      { run: 'service', source: './a', stack: service, stacks: { network, service } },
      { run: 'network', source: './b', stack: network, stacks: { network, service } },
    ]);
    expect(two.match(/mock_provider "aws" \{\}/g)).toHaveLength(1);
    expect(two).toContain('run "service" {');
    expect(two).toContain('run "network" {');
  });

  it('asserts that every declared resource block is in the plan', () => {
    for (const address of ['aws_vpc_endpoint.studio', 'aws_vpc_endpoint.sts', 'aws_route53_record.plain', 'aws_route53_vpc_association_authorization.hub']) {
      expect(file).toContain(`condition     = ${address} != null\n    error_message = "${address} is not in the plan"`);
    }
    // A repeated block is a collection once planned: it must have an instance.
    const repeated = planTest({ provider, resource: { aws_subnet: { a: { count: 2 } }, aws_route: { r: { for_each: '${toset(["x"])}' } } } }, {});
    expect(repeated).toContain('condition     = length(aws_subnet.a) > 0');
    expect(repeated).toContain('condition     = length(aws_route.r) > 0');
  });

  it('overrides each cross-stack input with fakes of the outputs the stack reads', () => {
    expect(hub).toBeDefined();
    expect(file).toContain('  override_data {\n    target = data.terraform_remote_state.cross-stack-reference-input-network\n    values = {\n      "outputs" = {\n        "hub" = ');
  });

  it('gives the endpoints whose dns_entry is read realistic entries during plan, and only those', () => {
    expect([...endpointDnsEntries(service).keys()]).toEqual(['studio']);
    expect(endpointDnsEntries(service).get('studio')).toHaveLength(3);
    expect(file).toContain('  override_resource {\n    target          = aws_vpc_endpoint.studio\n    override_during = plan\n');
    expect(file).toContain(`"dns_name" = "${regional.dns_name}"`);
  });

  it('asserts that the alias record targets the regional entry, which the record filter must pick', () => {
    expect(file).toContain(
      `condition     = aws_route53_record.wildcard.alias[0].name == "${regional.dns_name}" && aws_route53_record.wildcard.alias[0].zone_id == "${regional.hosted_zone_id}"`,
    );
    const names = endpointDnsEntries(service).get('studio')!.map((entry) => entry.dns_name);
    expect(names.filter((name) => /^vpce-[0-9a-z]+-[0-9a-z]+[.]/.test(name))).toEqual([regional.dns_name]);
  });

  it('asserts that arguments set from a cross-stack output plan with its value', () => {
    expect(file).toContain(`condition     = aws_route53_vpc_association_authorization.hub.vpc_id == "${hub}"`);
    expect(file).toContain('error_message = "aws_route53_vpc_association_authorization.hub.vpc_id must be output hub of stack network"');
    expect(file).not.toContain('aws_route53_record.plain.');
  });

  it('reports a dns_entry read of an endpoint that is not in the stack', () => {
    const broken: SynthesizedStack = { provider, resource: { aws_route53_record: { r: { alias: { name: '${aws_vpc_endpoint.gone.dns_entry[0].dns_name}' } } } } };
    expect(() => planTest(broken, {})).toThrow('aws_vpc_endpoint.gone.dns_entry is read but the endpoint is not in this stack');
  });
});

describe('every synthesized stack of every landing zone', () => {
  // What `npm run plan:offline` writes, minus Terraform: a new cross-stack output without a fake
  // shape, or a read of an output its producer lacks, fails here first.
  it.each(landingZoneFiles(REPO_ROOT).map(({ name, file }) => [name, file]))('%s gets a plan test', (_name, file) => {
    const { json, outdir } = synthLandingZone(file);
    fs.rmSync(outdir, { recursive: true, force: true });
    for (const stack of Object.values(json)) expect(planTest(stack, json)).toContain('run "plan"');
    // Every service stack's presign grant plans with the hub Studio endpoint's id from remote state.
    const { environment, region } = rawAccountFile(file);
    const services = Object.keys(json).filter((stack) => stack.startsWith(stackId({ environment, region }, 'service-')));
    expect(services.length).toBeGreaterThan(0);
    for (const name of services) {
      expect(planTest(json[name], json)).toMatch(/"cross-stack-output-aws_vpc_endpointstudio-endpoint_[0-9A-F]+id" = "vpce-[0-9a-f]{17}"/);
    }
  });
});
