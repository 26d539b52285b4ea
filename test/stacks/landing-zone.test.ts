import * as fs from 'fs';
import * as path from 'path';
import { stackId, stackNameInLandingZone } from '../../modules/shared/naming';
import { EXAMPLE_ACCOUNT_FILE, fixtureAccountFile, rawAccountFile } from '../support/configs';
import { exampleStack } from '../support/shared-synth';
import { SynthResult, findResources, onlyResource, resourcesOfType, synthLandingZone } from '../support/synth';

let example: SynthResult;

beforeAll(() => {
  example = synthLandingZone(EXAMPLE_ACCOUNT_FILE);
});

/** The id of a stack of a synthesized zone, by its name in the zone. */
const idIn = (result: SynthResult, name: string): string => stackId(result.landingZone, name);
/** The stack's name within its zone, which its state key, state file and workspace are named by. */
const nameIn = (result: SynthResult, id: string): string => stackNameInLandingZone(result.landingZone, id)!;

/** Producer output named by a consumer's `${data.terraform_remote_state.<input>.outputs.<name>}`. */
function producedValue(result: SynthResult, consumerValue: string): string {
  return produced(result, consumerValue).value;
}

function produced(result: SynthResult, consumerValue: string): { producer: string; value: string } {
  const match = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.]+)\.outputs\.([^}]+)\}$/.exec(consumerValue);
  if (!match) throw new Error(`not a cross-stack reference: ${consumerValue}`);
  const [, producer, output] = match;
  return { producer, value: result.json[producer].output![output].value as string };
}

describe('network-link stack', () => {
  it('accepts the peering and routes the corporate side to the service VPC', () => {
    const link = example.json[exampleStack('network-link-analytics')];
    const accepter = onlyResource(link, 'aws_vpc_peering_connection_accepter');
    expect(accepter.auto_accept).toBe(true);
    expect(producedValue(example, accepter.vpc_peering_connection_id as string)).toMatch(/^\$\{aws_vpc_peering_connection\./);

    const route = onlyResource(link, 'aws_route');
    expect(route.destination_cidr_block).toBe('10.16.0.0/16');
    expect(producedValue(example, route.route_table_id as string)).toMatch(/^\$\{aws_route_table\./);
    expect(resourcesOfType(link, 'aws_route53_zone_association')).toEqual({});
  });
});

describe('every stack', () => {
  it('deploys into exactly one account through its assumed role, with default tags', () => {
    const expected: Record<string, string> = {
      network: '111111111111',
      'service-analytics': '222222222222',
      'network-link-analytics': '111111111111',
    };
    for (const [name, account] of Object.entries(expected)) {
      const [aws] = example.json[exampleStack(name)].provider!.aws as Record<string, unknown>[];
      expect(aws).toMatchObject({
        region: 'eu-west-1',
        allowed_account_ids: [account],
        assume_role: [{ role_arn: `arn:aws:iam::${account}:role/LandingZoneDeployer` }],
        default_tags: [{ tags: expect.objectContaining({ LandingZone: 'example', Stack: name }) }],
      });
    }
  });

  it('passes configuration values as plain values: only created ids cross stacks', () => {
    const service = example.json[exampleStack('service-analytics')];
    const remote = JSON.stringify(service).match(/cross-stack-reference-input-example-eu-west-1-network\.outputs\.[a-zA-Z0-9_-]+/g) ?? [];
    expect(remote.length).toBeGreaterThan(0);
    const produced = new Set(remote.map((r) => producedValue(example, `\${data.terraform_remote_state.${r}}`)));
    for (const value of produced) expect(value).toMatch(/^\$\{aws_[a-z0-9_]+\.[^}]+\.(id|arn)\}$/);
    expect(JSON.stringify(service)).toContain('"peer_owner_id":"111111111111"');
  });
});

describe('three service accounts', () => {
  let three: SynthResult;
  beforeAll(() => {
    three = synthLandingZone(fixtureAccountFile('three-services'));
  });

  it('gives 7 stacks, each a direct child of the app, in a dependency order without cycles', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(three.outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    const names = Object.keys(manifest.stacks);
    expect(names).toHaveLength(7);
    const services = three.landingZone.services.map((s) => s.name);
    const id = (name: string) => idIn(three, name);
    expect(names.sort()).toEqual([id('network'), ...services.map((s) => id(`service-${s}`)), ...services.map((s) => id(`network-link-${s}`))].sort());

    const order = [id('network'), ...services.map((s) => id(`service-${s}`)), ...services.map((s) => id(`network-link-${s}`))];
    for (const [name, { dependencies }] of Object.entries(manifest.stacks)) {
      for (const dependency of dependencies) expect(order.indexOf(dependency)).toBeLessThan(order.indexOf(name));
    }
    for (const s of services) {
      expect(manifest.stacks[id(`service-${s}`)].dependencies).toEqual([id('network')]);
      expect(manifest.stacks[id(`network-link-${s}`)].dependencies.sort()).toEqual([id('network'), id(`service-${s}`)].sort());
    }
  });

  it('binds every service to the one hub Studio endpoint, the only Studio endpoint of the landing zone', () => {
    const studio = Object.entries(three.json).flatMap(([stack, json]) =>
      Object.entries(resourcesOfType(json, 'aws_vpc_endpoint')).filter(([, e]) => e.service_name === `aws.sagemaker.${three.landingZone.region}.studio`).map(([id]) => `${stack}:${id}`));
    expect(studio).toHaveLength(1);
    expect(studio[0]).toMatch(/^multi-eu-central-1-network:/);
    for (const service of three.landingZone.services) {
      const stack = three.json[idIn(three, `service-${service.name}`)];
      const grant = Object.values(resourcesOfType(stack, 'aws_iam_role_policy'))
        .flatMap((p) => JSON.parse(p.policy as string).Statement as { Sid: string; Condition?: Record<string, Record<string, string[]>> }[])
        .find((st) => st.Sid === 'PresignOnlyThroughOwnEndpoints')!;
      const produces = grant.Condition!.StringEquals['aws:SourceVpce'].filter((v) => v.includes('terraform_remote_state')).map((v) => produced(three, v));
      expect(produces).toEqual([{ producer: idIn(three, 'network'), value: `\${aws_vpc_endpoint.${studio[0].split(':')[1]}.id}` }]);
    }
  });

  it('shares the corporate rules with every service account', () => {
    const principals = Object.values(resourcesOfType(three.json[idIn(three, 'network')], 'aws_ram_principal_association')).map((p) => p.principal);
    expect(principals.sort()).toEqual(three.landingZone.services.map((s) => s.accountId).sort());
  });
});

describe('backends', () => {
  it('local: state beside the project, found by the consumers relative to their working directory', () => {
    const backend = (example.json[exampleStack('network')].terraform as { backend: { local: { path: string } } }).backend.local;
    const stackDir = path.join(example.outdir, 'stacks', exampleStack('network'));
    expect(path.isAbsolute(backend.path)).toBe(false);
    expect(path.resolve(stackDir, backend.path)).toBe(path.join(process.cwd(), 'terraform.example.eu-west-1.network.tfstate'));
    const remote = (example.json[exampleStack('service-analytics')].data as Record<string, Record<string, Record<string, unknown>>>)
      .terraform_remote_state['cross-stack-reference-input-example-eu-west-1-network'];
    expect(remote.backend).toBe('local');
    expect(path.resolve(path.join(example.outdir, 'stacks', exampleStack('service-analytics')), (remote.config as { path: string }).path)).toBe(
      path.join(process.cwd(), 'terraform.example.eu-west-1.network.tfstate'),
    );
  });

  it('s3: one key per stack, S3-native locking, and remote state read from the same bucket', () => {
    const s3 = synthLandingZone(fixtureAccountFile('s3-backend'));
    const backends = Object.fromEntries(
      Object.entries(s3.json).map(([name, stack]) => [name, (stack.terraform as { backend: { s3: Record<string, unknown> } }).backend.s3]),
    );
    const keys = Object.values(backends).map((b) => b.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [id, backend] of Object.entries(backends)) {
      expect(backend).toMatchObject({ encrypt: true, use_lockfile: true });
      expect(backend.key).toMatch(new RegExp(`/${nameIn(s3, id)}\\.tfstate$`));
    }
    const service = Object.keys(s3.json).find((n) => n.startsWith(idIn(s3, 'service-')))!;
    const remote = (s3.json[service].data as Record<string, Record<string, Record<string, unknown>>>).terraform_remote_state[
      `cross-stack-reference-input-${idIn(s3, 'network')}`
    ];
    expect(remote.backend).toBe('s3');
    const network = backends[idIn(s3, 'network')];
    expect(remote.config).toMatchObject({ bucket: network.bucket, key: network.key });
  });

  it('cloud: one named workspace per stack, remote state from the producer workspace, no token', () => {
    const cloud = synthLandingZone(fixtureAccountFile('cloud-backend'));
    const { environment: env, region } = cloud.landingZone;
    for (const [id, stack] of Object.entries(cloud.json)) {
      const block = (stack.terraform as { cloud: Record<string, unknown> }).cloud;
      expect(block).toMatchObject({ organization: 'acme-platform', workspaces: { name: `${env}-${region}-${nameIn(cloud, id)}`, project: 'sagemaker-landing' } });
      expect(JSON.stringify(stack)).not.toMatch(/"token"/);
    }
    const service = Object.keys(cloud.json).find((n) => n.startsWith(idIn(cloud, 'service-')))!;
    const remote = (cloud.json[service].data as Record<string, Record<string, Record<string, unknown>>>).terraform_remote_state[
      `cross-stack-reference-input-${idIn(cloud, 'network')}`
    ];
    expect(remote.backend).toBe('remote');
    expect(remote.config).toMatchObject({ organization: 'acme-platform', workspaces: { name: `${env}-${region}-network` } });
  });
});

describe('corporate connectivity through an existing VPC', () => {
  it('peers the hub and every service with the configured VPC and routes its route tables', () => {
    const raw = rawAccountFile();
    raw.corporate.connectivity = { type: 'existing-vpc', vpcId: 'vpc-0a1b2c3d4e5f60718', vpcCidr: '192.168.0.0/16', routeTableIds: ['rtb-0a1b2c3d4e5f60718'] };
    const existing = synthLandingZone(raw);
    const network = existing.json[exampleStack('network')];
    expect(Object.keys(resourcesOfType(network, 'aws_vpc'))).toHaveLength(1);
    // Looked up by id and CIDR, so the plan fails when the VPC does not have the configured block.
    const [lookup, vpc] = Object.entries(network.data?.aws_vpc ?? {})[0];
    expect(vpc).toMatchObject({ id: 'vpc-0a1b2c3d4e5f60718', cidr_block: '192.168.0.0/16' });
    expect(onlyResource(network, 'aws_vpc_peering_connection').peer_vpc_id).toBe(`\${data.aws_vpc.${lookup}.id}`);
    expect(findResources(network, 'aws_route', { route_table_id: 'rtb-0a1b2c3d4e5f60718' })).toHaveLength(1);
    expect(onlyResource(existing.json[exampleStack('service-analytics')], 'aws_vpc_peering_connection').peer_vpc_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-example-eu-west-1-network\.outputs\./);
    expect(onlyResource(existing.json[exampleStack('network-link-analytics')], 'aws_route').route_table_id).toBe('rtb-0a1b2c3d4e5f60718');
  });
});
