/**
 * The `terraform test` file that plans one synthesized stack offline: every provider is mocked,
 * every cross-stack input is overridden with a fake of the right shape, and the values the
 * configuration computes on (interface endpoint `dns_entry` lists) are given realistic content so
 * the expressions over them are evaluated, then asserted.
 */
import { DnsEntry, fakeDnsEntries } from './fake-values';
import { HclValue, hclString, hclValue } from './hcl';
import { fakeRemoteStateOutputs, producerStackName, wholeRemoteOutputReference } from './remote-state';
import { SynthesizedStack } from '../synthesized';
import { awsProviderContext } from './terraform-json';

interface Assertion {
  condition: string;
  errorMessage: string;
}

const ENDPOINT_DNS_ENTRY_READ = /\baws_vpc_endpoint\.([A-Za-z0-9_-]+)\.dns_entry\b/;

/** `mock_provider` for every provider block (aliases included): nothing may reach a real API. */
function mockProviders(stack: SynthesizedStack): string[] {
  return Object.entries(stack.provider ?? {}).flatMap(([type, blocks]) =>
    blocks.map((block) => {
      const alias = (block as { alias?: string }).alias;
      return alias ? `mock_provider ${hclString(type)} {\n  alias = ${hclString(alias)}\n}` : `mock_provider ${hclString(type)} {}`;
    }),
  );
}

/**
 * Realistic `dns_entry` lists for the interface endpoints whose entries the stack reads. Mocks
 * leave computed attributes unknown during plan, which would let any filter over them pass
 * unevaluated, so these overrides apply during plan (Terraform >= 1.11).
 */
export function endpointDnsEntries(stack: SynthesizedStack): Map<string, DnsEntry[]> {
  const endpoints = stack.resource?.aws_vpc_endpoint ?? {};
  const names = new Set([...JSON.stringify(stack).matchAll(new RegExp(ENDPOINT_DNS_ENTRY_READ, 'g'))].map((match) => match[1]));
  return new Map(
    [...names].sort().map((name) => {
      const endpoint = endpoints[name];
      if (!endpoint) throw new Error(`aws_vpc_endpoint.${name}.dns_entry is read but the endpoint is not in this stack`);
      const subnets = Array.isArray(endpoint.subnet_ids) ? endpoint.subnet_ids.length : 0;
      const entries = fakeDnsEntries(String(endpoint.service_name), Math.max(subnets, 1), {
        ...awsProviderContext(stack),
        seed: `aws_vpc_endpoint.${name}`,
      });
      return [name, entries];
    }),
  );
}

/**
 * An alias record that picks its target from an endpoint's `dns_entry` must pick the regional name
 * (the first entry), never a zonal one: a zonal name resolves to that AZ's interface only, so the
 * record would stop answering when that AZ fails.
 */
function aliasAssertions(stack: SynthesizedStack, dnsEntries: Map<string, DnsEntry[]>): Assertion[] {
  return Object.entries(stack.resource?.aws_route53_record ?? {}).flatMap(([name, record]) => {
    const alias = record.alias as { name?: string } | undefined;
    const endpoint = alias?.name?.match(ENDPOINT_DNS_ENTRY_READ)?.[1];
    if (!endpoint) return [];
    const [regional] = dnsEntries.get(endpoint)!;
    const target = `aws_route53_record.${name}.alias[0]`;
    return [
      {
        condition: `${target}.name == ${hclString(regional.dns_name)} && ${target}.zone_id == ${hclString(regional.hosted_zone_id)}`,
        errorMessage: `aws_route53_record.${name} must alias the regional DNS name of aws_vpc_endpoint.${endpoint}, not a zonal one`,
      },
    ];
  });
}

/**
 * Each top-level argument set straight from a cross-stack output must plan with that output's
 * value: proves the reference resolves to the intended producer output and survives the provider's
 * normalisation unchanged.
 */
function wiringAssertions(stack: SynthesizedStack, fakes: Map<string, Record<string, HclValue>>): Assertion[] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).flatMap(([name, args]) =>
      Object.entries(args).flatMap(([argument, value]) => {
        const reference = wholeRemoteOutputReference(value);
        if (!reference) return [];
        const { dataName, output } = reference;
        const fake = fakes.get(dataName)?.[output];
        if (typeof fake !== 'string') return [];
        return [
          {
            condition: `${type}.${name}.${argument} == ${hclString(fake)}`,
            errorMessage: `${type}.${name}.${argument} must be output ${output} of stack ${producerStackName(dataName)}`,
          },
        ];
      }),
    ),
  );
}

function block(header: string, body: string[]): string {
  return [`${header} {`, ...body.map((line) => (line ? `  ${line}` : line)), '}'].join('\n');
}

/**
 * Every declared resource block must have an instance in the plan: a block Terraform dropped
 * (`count = 0`, an empty `for_each`) or never planned fails here. A block without `count` or
 * `for_each` is an object once planned, one with them a collection of its instances.
 */
function plannedAssertions(stack: SynthesizedStack): Assertion[] {
  return Object.entries(stack.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, args]) => {
      const address = `${type}.${name}`;
      const repeated = 'count' in args || 'for_each' in args;
      return { condition: repeated ? `length(${address}) > 0` : `${address} != null`, errorMessage: `${address} is not in the plan` };
    }),
  );
}

/** One stack to plan: a run block named `run` over the module at `source` (relative to the test's root). */
export interface PlanRunSpec {
  run: string;
  source: string;
  stack: SynthesizedStack;
  /** Every stack of the same landing zone, by name: the producers of its cross-stack inputs. */
  stacks: Record<string, SynthesizedStack>;
}

/** The run block that plans one stack with its cross-stack inputs and endpoint entries overridden. */
function renderPlanRun({ run, source, stack, stacks }: PlanRunSpec): string {
  const fakes = fakeRemoteStateOutputs(stack, stacks);
  const dnsEntries = endpointDnsEntries(stack);
  const overrideData = [...fakes].map(([dataName, outputs]) =>
    block('override_data', [
      `target = data.terraform_remote_state.${dataName}`,
      ...`values = ${hclValue({ outputs })}`.split('\n'),
    ]),
  );
  const overrideEndpoints = [...dnsEntries].map(([name, entries]) =>
    block('override_resource', [
      `target          = aws_vpc_endpoint.${name}`,
      'override_during = plan',
      ...`values = ${hclValue({ dns_entry: entries })}`.split('\n'),
    ]),
  );
  const asserts = [...plannedAssertions(stack), ...aliasAssertions(stack, dnsEntries), ...wiringAssertions(stack, fakes)].map(
    ({ condition, errorMessage }) => block('assert', [`condition     = ${condition}`, `error_message = ${hclString(errorMessage)}`]),
  );
  const body = [block('module', [`source = ${hclString(source)}`]), ...overrideData, ...overrideEndpoints, ...asserts];
  return block(`run ${hclString(run)}`, ['command = plan', ...body.flatMap((text) => ['', ...text.split('\n')])]);
}

/**
 * One test file that plans many stacks, one run block each, so one Terraform process loads the
 * provider schema once for all of them. Mock providers are file-wide: one per provider block
 * (alias included) that any of the stacks declares.
 */
export function renderPlanTest(runs: PlanRunSpec[]): string {
  const mocks = [...new Set(runs.flatMap(({ stack }) => mockProviders(stack)))].sort();
  return [
    '# Generated by analysis/terraform (npm run plan:offline): plans each stack with mocked providers. Do not edit.',
    ...mocks,
    ...runs.map(renderPlanRun),
  ].join('\n\n') + '\n';
}
