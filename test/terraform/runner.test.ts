import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeSynthesized } from '../../analysis/synthesized';
import { mapWithConcurrency, serializer } from '../../analysis/terraform/concurrency';
import { SetupError } from '../../analysis/terraform/errors';
import { landingZoneFiles, selectLandingZones } from '../../analysis/terraform/landing-zones';
import { terraformEnv } from '../../analysis/terraform/process';
import { formatTable } from '../../analysis/terraform/table';
import { pinnedProviderVersion, resourceAddresses } from '../../analysis/terraform/terraform-json';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let active = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++active);
      for (let i = 0; i < n; i++) await tick();
      active--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe('serializer', () => {
  it('runs sections one at a time in call order, also after a failure', async () => {
    const oneAtATime = serializer();
    const events: string[] = [];
    const section = (name: string, fail = false) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([oneAtATime(section('a', true)), oneAtATime(section('b')), oneAtATime(section('c'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});

describe('terraformEnv', () => {
  it('points Terraform at the generated CLI configuration, offline and non-interactive', () => {
    const env = terraformEnv({ PATH: '/bin', TF_DATA_DIR: '/shared', TF_CLI_ARGS_init: '-upgrade', TF_CLI_CONFIG_FILE: '/root/.terraformrc' }, '/x/cli.tfrc');
    expect(env).toEqual({ PATH: '/bin', TF_CLI_CONFIG_FILE: '/x/cli.tfrc', TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' });
  });
});

describe('landing zones', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'zones-'));
    fs.mkdirSync(path.join(root, 'accounts'));
    fs.mkdirSync(path.join(root, 'fixtures'));
    for (const file of ['accounts/prod.yaml', 'accounts/example.yml', 'accounts/README.md', 'fixtures/s3.yaml']) fs.writeFileSync(path.join(root, file), '');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('takes every YAML file of the directories, named by its base name', () => {
    expect(landingZoneFiles(root, ['accounts', 'fixtures']).map((landingZone) => landingZone.name)).toEqual(['example', 'prod', 's3']);
  });

  it('refuses two files of the same name, whose outputs would collide', () => {
    fs.writeFileSync(path.join(root, 'fixtures/prod.yaml'), '');
    expect(() => landingZoneFiles(root, ['accounts', 'fixtures'])).toThrow('two account files are named prod');
  });

  it('selects by name, all by default, and names the choices on a typo', () => {
    const landingZones = landingZoneFiles(root, ['accounts', 'fixtures']);
    expect(selectLandingZones(landingZones, [])).toEqual(landingZones);
    expect(selectLandingZones(landingZones, ['s3']).map((landingZone) => landingZone.name)).toEqual(['s3']);
    expect(() => selectLandingZones(landingZones, ['s4'])).toThrow(SetupError);
    expect(() => selectLandingZones(landingZones, ['s4'])).toThrow('unknown landing zone s4; available: example, prod, s3');
  });

  it('takes any account file by path and a synthesized directory as it is', () => {
    const landingZones = landingZoneFiles(root, ['accounts']);
    fs.mkdirSync(path.join(root, 'elsewhere'));
    fs.writeFileSync(path.join(root, 'elsewhere/staging.yaml'), '');
    writeSynthesized(path.join(root, 'cdktf.out'), { network: {} });
    expect(selectLandingZones(landingZones, ['elsewhere/staging.yaml', 'cdktf.out', 'prod'], root)).toEqual([
      { name: 'staging', file: path.join(root, 'elsewhere/staging.yaml') },
      { name: 'cdktf.out', synthesized: path.join(root, 'cdktf.out') },
      { name: 'prod', file: path.join(root, 'accounts/prod.yaml') },
    ]);
  });

  it('says what a path must be when it is neither an account file nor a synthesized directory', () => {
    const landingZones = landingZoneFiles(root, ['accounts']);
    expect(() => selectLandingZones(landingZones, ['fixtures'], root)).toThrow('fixtures: no stacks/<stack>/cdk.tf.json in this directory. Fix: ');
    expect(() => selectLandingZones(landingZones, ['accounts/README.md'], root)).toThrow('accounts/README.md: not an account file (.yaml or .yml). Fix: ');
    expect(() => selectLandingZones(landingZones, ['prod', 'fixtures/s3.yaml', 'accounts/prod.yaml'], root)).toThrow('two landing zones are named prod');
  });
});

describe('terraform JSON', () => {
  it('lists resource blocks and requires an exact provider pin', () => {
    expect(resourceAddresses({ resource: { aws_vpc: { a: {}, b: {} }, aws_subnet: { c: {} } } })).toEqual(['aws_vpc.a', 'aws_vpc.b', 'aws_subnet.c']);
    expect(pinnedProviderVersion({ terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } } }, 'aws')).toBe('5.100.0');
    expect(() => pinnedProviderVersion({ terraform: { required_providers: { aws: { version: '~> 5.0' } } } }, 'aws')).toThrow('found ~> 5.0');
    expect(() => pinnedProviderVersion({}, 'aws')).toThrow('found none');
  });
});

describe('formatTable', () => {
  it('aligns columns to their widest cell', () => {
    expect(formatTable(['zone', 'stack'], [['example', 'network'], ['org', 'service-analytics']])).toBe(
      ['zone     stack', '-------  -----------------', 'example  network', 'org      service-analytics'].join('\n'),
    );
  });
});
