import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import {
  SynthesizedOutputError,
  SynthesizedStack,
  producerStacks,
  readManifest,
  readSynthesized,
  remoteOutputReads,
  replaceReferences,
  resolveReference,
  resourceReference,
  resourceTraversals,
  writeSynthesized,
} from '../../analysis/synthesized';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'reader-'));

/** A producer exporting its VPC's id and a consumer reading it, as cdktf writes cross-stack wiring. */
const STACKS: Record<string, SynthesizedStack> = {
  network: {
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
    resource: { aws_vpc: { hub: { cidr_block: '10.0.0.0/16' } } },
    output: { 'cross-stack-output-aws_vpchub_id': { value: '${aws_vpc.hub.id}' } },
  },
  service: {
    data: { terraform_remote_state: { 'cross-stack-reference-input-network': { backend: 'local' } } },
    resource: {
      aws_vpc_peering_connection: {
        peer: { peer_vpc_id: '${data.terraform_remote_state.cross-stack-reference-input-network.outputs.cross-stack-output-aws_vpchub_id}', vpc_id: '${aws_vpc.own.id}' },
      },
      aws_vpc: { own: { cidr_block: '10.1.0.0/16' } },
    },
  },
};

describe('readSynthesized', () => {
  it('reads the stacks the manifest lists, in name order, and only those', () => {
    const dir = writeSynthesized(tmp(), STACKS);
    fs.mkdirSync(path.join(dir, 'stacks', 'stray'));
    fs.writeFileSync(path.join(dir, 'stacks', 'stray', 'cdk.tf.json'), '{}');
    const synthesized = readSynthesized(dir);
    expect(Object.keys(synthesized.stacks)).toEqual(['network', 'service']);
    expect(synthesized.stacks.network.resource?.aws_vpc.hub.cidr_block).toBe('10.0.0.0/16');
    expect(synthesized.manifest.service).toEqual({ name: 'service', dependencies: ['network'], workingDirectory: 'stacks/service', synthesizedStackPath: 'stacks/service/cdk.tf.json' });
  });

  it('reads what cdktf synthesized, dependencies from its manifest', () => {
    const dir = tmp();
    const app = new App({ outdir: dir, stackTraces: false });
    const producer = new TerraformStack(app, 'producer');
    const answer = new TerraformVariable(producer, 'answer', { type: 'string' });
    const consumer = new TerraformStack(app, 'consumer');
    new TerraformOutput(consumer, 'copy', { value: answer.stringValue });
    app.synth();
    const synthesized = readSynthesized(dir);
    expect(Object.keys(synthesized.stacks)).toEqual(['consumer', 'producer']);
    expect(synthesized.manifest.consumer.dependencies).toEqual(['producer']);
    expect(producerStacks(synthesized.stacks.consumer)).toEqual(['producer']);
  });

  it('says what is wrong when the manifest is missing, with the fix', () => {
    const empty = tmp();
    expect(() => readSynthesized(empty)).toThrow(SynthesizedOutputError);
    expect(() => readSynthesized(empty)).toThrow(`${path.join(empty, 'manifest.json')}: not found, and ${path.join(empty, 'stacks')} does not exist either`);
    fs.mkdirSync(path.join(empty, 'stacks'));
    expect(() => readSynthesized(empty)).toThrow(/manifest\.json: not found beside stacks\/.*Fix: synthesize again/);
  });

  it('names the field of a malformed manifest', () => {
    const dir = writeSynthesized(tmp(), STACKS);
    const manifest = path.join(dir, 'manifest.json');
    fs.writeFileSync(manifest, '{"stacks": ');
    expect(() => readManifest(dir)).toThrow(`${manifest}: not valid JSON`);
    fs.writeFileSync(manifest, '{"stacks": []}');
    expect(() => readManifest(dir)).toThrow(`${manifest}: field "stacks" is missing or not an object`);
    fs.writeFileSync(manifest, '{"stacks": {}}');
    expect(() => readManifest(dir)).toThrow('field "stacks" lists no stack');
    fs.writeFileSync(manifest, JSON.stringify({ stacks: { network: { workingDirectory: 'stacks/network' } } }));
    expect(() => readManifest(dir)).toThrow(`${manifest}: field "stacks.network.synthesizedStackPath" is missing or not a string`);
    fs.writeFileSync(manifest, JSON.stringify({ stacks: { network: { workingDirectory: 'stacks/network', synthesizedStackPath: 'stacks/network/cdk.tf.json', dependencies: 'x' } } }));
    expect(() => readManifest(dir)).toThrow('field "stacks.network.dependencies" is not a list of stack names');
  });

  it('names a stack the manifest lists whose cdk.tf.json is missing', () => {
    const dir = writeSynthesized(tmp(), STACKS);
    fs.rmSync(path.join(dir, 'stacks', 'service', 'cdk.tf.json'));
    expect(() => readSynthesized(dir)).toThrow(`${path.join(dir, 'stacks/service/cdk.tf.json')}: stack service, listed in manifest.json, not found`);
  });
});

describe('references', () => {
  it('resolves a cross-stack reference to the producing stack, output and resource', () => {
    const peer = STACKS.service.resource!.aws_vpc_peering_connection.peer;
    const resolved = resolveReference(STACKS, 'service', peer.peer_vpc_id);
    expect(resolved).toMatchObject({ stack: 'network', attribute: 'id', through: [{ stack: 'network', output: 'cross-stack-output-aws_vpchub_id' }] });
    expect(resolved?.resource).toMatchObject({ type: 'aws_vpc', name: 'hub', address: 'aws_vpc.hub', body: { cidr_block: '10.0.0.0/16' } });
  });

  it('resolves an in-stack reference in its own stack, and nothing that is not declared', () => {
    const peer = STACKS.service.resource!.aws_vpc_peering_connection.peer;
    expect(resolveReference(STACKS, 'service', peer.vpc_id)?.resource.body).toEqual({ cidr_block: '10.1.0.0/16' });
    expect(resolveReference(STACKS, 'network', peer.vpc_id)).toBeUndefined();
    // An output of the same name in another stack is not the producer cdktf named.
    const misnamed = '${data.terraform_remote_state.cross-stack-reference-input-service.outputs.cross-stack-output-aws_vpchub_id}';
    expect(resolveReference(STACKS, 'service', misnamed)).toBeUndefined();
    expect(resolveReference(STACKS, 'service', 'vpc-123')).toBeUndefined();
  });

  it('tells a whole reference from a template, data sources and variables from resources', () => {
    expect(resourceReference('${aws_vpc.hub.id}')).toEqual({ kind: 'resource', type: 'aws_vpc', name: 'hub', attribute: 'id' });
    expect(resourceReference('arn:${aws_vpc.hub.id}')).toBeUndefined();
    expect(resourceReference('${data.aws_vpc.hub.id}')).toBeUndefined();
    expect(resourceReference('${var.hub.id}')).toBeUndefined();
  });

  it('finds references inside larger expressions', () => {
    const text = '${sha1(jsonencode([aws_api_gateway_method.get.id, data.aws_vpc.existing.id]))} ${data.terraform_remote_state.cross-stack-reference-input-network.outputs.a}';
    expect(resourceTraversals(text)).toEqual([{ type: 'aws_api_gateway_method', name: 'get', attribute: 'id' }]);
    expect(remoteOutputReads(text)).toEqual([{ kind: 'remote-output', dataName: 'cross-stack-reference-input-network', producer: 'network', output: 'a' }]);
    expect(replaceReferences('${aws_vpc.hub.id}/${var.x.y}', (expression) => `<${expression}>`)).toBe('<aws_vpc.hub.id>/${var.x.y}');
  });
});
