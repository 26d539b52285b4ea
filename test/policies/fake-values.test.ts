import { FakeWorld, UnresolvableError, expandExecuteApi } from '../../analysis/policy-proofs/fake-values';
import { NETWORK, SERVICE, example, first, ref } from '../guardrails/support';
import { exampleStack } from '../support/shared-synth';

describe('FakeWorld', () => {
  const stacks = example();
  const world = new FakeWorld(stacks);
  const endpoint = first(stacks[SERVICE], 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.sagemaker.api'));

  it('gives each reference a value of the shape AWS gives it', () => {
    expect(world.resolve(SERVICE, ref('aws_vpc_endpoint', endpoint.name))).toMatch(/^vpce-[0-9a-f]{17}$/);
    const domain = first(stacks[SERVICE], 'aws_sagemaker_domain');
    expect(world.resolve(SERVICE, ref('aws_sagemaker_domain', domain.name))).toMatch(/^d-[a-z0-9]{12}$/);
    const api = first(stacks[SERVICE], 'aws_api_gateway_rest_api');
    expect(world.resolve(SERVICE, ref('aws_api_gateway_rest_api', api.name, 'execution_arn'))).toMatch(/^arn:aws:execute-api:eu-west-1:222222222222:[a-z0-9]{10}$/);
    const table = first(stacks[SERVICE], 'aws_dynamodb_table');
    expect(world.resolve(SERVICE, ref('aws_dynamodb_table', table.name, 'arn'))).toBe(`arn:aws:dynamodb:eu-west-1:222222222222:table/${String(table.body.name)}`);
  });

  it('resolves the same reference to the same value everywhere, templates included', () => {
    const id = world.resolve(SERVICE, ref('aws_vpc_endpoint', endpoint.name));
    expect(world.resolve(SERVICE, `x-${ref('aws_vpc_endpoint', endpoint.name)}-y`)).toBe(`x-${id}-y`);
    const other = first(stacks[SERVICE], 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.sts'));
    expect(world.resolve(SERVICE, ref('aws_vpc_endpoint', other.name))).not.toBe(id);
  });

  it('follows remote-state outputs to the value the exporting stack gives them', () => {
    const link = Object.keys(stacks).find((s) => s.startsWith(exampleStack('network-link-')))!;
    const route = first(stacks[link], 'aws_route');
    const corporate = first(stacks[NETWORK], 'aws_route_table', (b) => String((b.tags as Record<string, string>).Name).endsWith('-corporate-private'));
    expect(world.resolve(link, route.body.route_table_id as string)).toBe(world.resolve(NETWORK, ref('aws_route_table', corporate.name)));
  });

  it('refuses what has no value before apply', () => {
    expect(() => world.resolve(SERVICE, '${var.tables}')).toThrow(UnresolvableError);
    expect(() => world.document(SERVICE, '${jsonencode({})}')).toThrow(UnresolvableError);
  });

  it('expands the execute-api shorthand of API resource policies to full ARNs', () => {
    const arn = 'arn:aws:execute-api:eu-west-1:222222222222:abcdefghij';
    const policy = expandExecuteApi({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: ['execute-api:/*/GET/studio', 'arn:aws:s3:::x'] }, { Effect: 'Deny', Resource: 'execute-api:/*' }] }, arn);
    expect(policy.Statement).toEqual([
      { Effect: 'Allow', Resource: [`${arn}/*/GET/studio`, 'arn:aws:s3:::x'] },
      { Effect: 'Deny', Resource: `${arn}/*` },
    ]);
  });
});
