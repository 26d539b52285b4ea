import { fakeAttribute, fakeDnsEntries } from '../../analysis/terraform/fake-values';
import {
  fakeRemoteStateOutputs,
  producerStackName,
  remoteStateReads,
  wholeRemoteOutputReference,
} from '../../analysis/terraform/remote-state';
import { SynthesizedStack } from '../../analysis/synthesized';

const provider = { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] };

const network: SynthesizedStack = {
  provider,
  output: {
    hub: { value: '${aws_vpc.hub.id}' },
    share: { value: '${aws_ram_resource_share.rules.arn}' },
    ips: { value: ['10.10.0.10', '10.10.0.74'] },
    rules: { value: ['${aws_route53_resolver_rule.a.id}', '${aws_route53_resolver_rule.b.id}'] },
    joined: { value: '${join(",", aws_subnet.a.*.id)}' },
    queue: { value: '${aws_sqs_queue.q.arn}' },
  },
};

const input = (name: string) => ({ backend: 'local', config: { path: `../terraform.${name}.tfstate` } });

function consumer(reads: string[], declared = ['cross-stack-reference-input-network']): SynthesizedStack {
  return {
    provider,
    data: { terraform_remote_state: Object.fromEntries(declared.map((name) => [name, input(name)])) },
    resource: {
      aws_route: Object.fromEntries(
        reads.map((output, i) => [`r${i}`, { route_table_id: `\${data.terraform_remote_state.cross-stack-reference-input-network.outputs.${output}}` }]),
      ),
    },
  };
}

describe('remoteStateReads', () => {
  it('finds every output read, also inside larger expressions, once and sorted', () => {
    const stack = consumer(['share', 'hub']);
    stack.resource!.aws_route.r9 = { tags: { Hub: '${upper(data.terraform_remote_state.cross-stack-reference-input-network.outputs.hub)}' } };
    expect(remoteStateReads(stack)).toEqual(new Map([['cross-stack-reference-input-network', ['hub', 'share']]]));
  });

  it('lists declared data sources that nothing reads: they need an override all the same', () => {
    expect(remoteStateReads(consumer([], ['cross-stack-reference-input-network']))).toEqual(
      new Map([['cross-stack-reference-input-network', []]]),
    );
  });

  it('rejects a read of an undeclared data source', () => {
    expect(() => remoteStateReads(consumer(['hub'], []))).toThrow('cross-stack-reference-input-network is read but not declared');
  });
});

describe('references', () => {
  it('names the producer of a cdktf cross-stack input', () => {
    expect(producerStackName('cross-stack-reference-input-service-analytics')).toBe('service-analytics');
    expect(() => producerStackName('shared')).toThrow('not a cdktf cross-stack reference');
  });

  it('recognizes a value that is exactly one remote output', () => {
    expect(wholeRemoteOutputReference('${data.terraform_remote_state.in-x.outputs.out_1}')).toEqual({ dataName: 'in-x', output: 'out_1' });
    expect(wholeRemoteOutputReference('x-${data.terraform_remote_state.in-x.outputs.out_1}')).toBeUndefined();
    expect(wholeRemoteOutputReference(42)).toBeUndefined();
  });
});

describe('fakeRemoteStateOutputs', () => {
  it("fakes each output read from the producer's own expression, with the right shape", () => {
    const fakes = fakeRemoteStateOutputs(consumer(['hub', 'share', 'ips', 'rules']), { network });
    const outputs = fakes.get('cross-stack-reference-input-network')!;
    expect(outputs.hub).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(outputs.share).toMatch(/^arn:aws:ram:eu-west-1:111111111111:resource-share\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(outputs.ips).toEqual(['10.10.0.10', '10.10.0.74']);
    expect(outputs.rules).toEqual([expect.stringMatching(/^rslvr-rr-[0-9a-f]{17}$/), expect.stringMatching(/^rslvr-rr-[0-9a-f]{17}$/)]);
    expect(new Set(outputs.rules as string[]).size).toBe(2);
  });

  it('gives an output the same fake in every consumer, and different outputs different fakes', () => {
    const one = fakeRemoteStateOutputs(consumer(['hub']), { network }).get('cross-stack-reference-input-network')!;
    const two = fakeRemoteStateOutputs(consumer(['hub', 'share']), { network }).get('cross-stack-reference-input-network')!;
    expect(two.hub).toBe(one.hub);
    expect(fakeAttribute('aws_vpc', 'id', { region: 'r', accountId: 'a', seed: 'other' })).not.toBe(one.hub);
  });

  it('reports a read of an output the producer does not declare', () => {
    expect(() => fakeRemoteStateOutputs(consumer(['gone']), { network })).toThrow('reads output gone, which stack network does not declare');
  });

  it('reports a producer that was not synthesized', () => {
    expect(() => fakeRemoteStateOutputs(consumer(['hub']), {})).toThrow('reads stack network, which was not synthesized');
  });

  it('refuses to guess a value it has no shape for', () => {
    expect(() => fakeRemoteStateOutputs(consumer(['queue']), { network })).toThrow('no fake value for aws_sqs_queue.arn (network.queue)');
    expect(() => fakeRemoteStateOutputs(consumer(['joined']), { network })).toThrow('cannot fake the output expression ${join(');
  });
});

describe('fakeDnsEntries', () => {
  const context = { region: 'eu-west-1', accountId: '222222222222', seed: 'aws_vpc_endpoint.studio' };

  it('lists the regional name first, then one zonal name per subnet, all in one hosted zone', () => {
    const entries = fakeDnsEntries('aws.sagemaker.eu-west-1.studio', 2, context);
    const [regional, zoneA, zoneB] = entries.map((entry) => entry.dns_name);
    expect(entries).toHaveLength(3);
    expect(regional).toMatch(/^vpce-[0-9a-f]{17}-[0-9a-f]{8}\.studio\.eu-west-1\.vpce\.sagemaker\.aws$/);
    expect(zoneA).toBe(regional.replace('.studio.', '-eu-west-1a.studio.'));
    expect(zoneB).toBe(regional.replace('.studio.', '-eu-west-1b.studio.'));
    expect(new Set(entries.map((entry) => entry.hosted_zone_id))).toEqual(new Set([expect.stringMatching(/^Z[0-9A-F]{13}$/)]));
  });

  it('reverses multi-label service names around the region, as AWS does', () => {
    const [regional] = fakeDnsEntries('com.amazonaws.eu-west-1.sagemaker.api', 1, context);
    expect(regional.dns_name).toMatch(/^vpce-[0-9a-f]{17}-[0-9a-f]{8}\.api\.sagemaker\.eu-west-1\.vpce\.amazonaws\.com$/);
  });

  it('rejects a service name of another region', () => {
    expect(() => fakeDnsEntries('com.amazonaws.us-east-1.sts', 1, context)).toThrow('<domain>.eu-west-1.<service>');
  });
});
