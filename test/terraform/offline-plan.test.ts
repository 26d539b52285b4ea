import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderCliConfig } from '../../analysis/terraform/cli-config';
import { PlanJob, PlanOutcome, planOffline, splitIntoGroups } from '../../analysis/terraform/offline-plan';
import { runProcess, terraformEnv } from '../../analysis/terraform/process';
import { SynthesizedStack } from '../../analysis/synthesized';

/**
 * The real Terraform CLI over planted stacks. They use only Terraform's built-in `terraform_data`
 * and `terraform_remote_state`, so no provider plugin starts and the run takes a fraction of a second;
 * the synthesized landing zones go through the same code in `npm run plan:offline`.
 */
const HUB = '${data.terraform_remote_state.cross-stack-reference-input-network.outputs.hub}';

/** Produces `hub`, read by `consumer`; not planned itself (its `aws_vpc` needs the AWS provider). */
const network: SynthesizedStack = {
  provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: ['111111111111'] }] },
  output: { hub: { value: '${aws_vpc.hub.id}' } },
};

const planted: Record<string, SynthesizedStack> = {
  good: { resource: { terraform_data: { marker: { input: 'kept' } } } },
  consumer: {
    data: { terraform_remote_state: { 'cross-stack-reference-input-network': { backend: 'local', config: { path: '/nonexistent/terraform.tfstate' } } } },
    resource: { terraform_data: { peer: { input: HUB } } },
  },
  // Terraform's own validation must refuse it: the argument does not exist.
  invalid: { resource: { terraform_data: { marker: { input: 'x', no_such_argument: 'x' } } } },
  // Valid, but the block has no instance: the plan must be refused as incomplete.
  dropped: { resource: { terraform_data: { kept: { input: 'x' }, gone: { count: 0, input: 'x' } } } },
};

let root: string;
let outcomes: Map<string, PlanOutcome>;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-plan-'));
  const landingZoneStacks = { ...planted, network };
  const jobs: PlanJob[] = Object.entries(planted).map(([stack, json]) => {
    const dir = path.join(root, 'planted', 'stacks', stack);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
    return { landingZone: 'planted', stack, dir, json, landingZoneStacks };
  });
  const cliConfig = path.join(root, 'cli.tfrc');
  fs.writeFileSync(cliConfig, renderCliConfig({ mirrorDir: path.join(root, 'no-mirror'), pluginCacheDir: path.join(root, 'plugin-cache') }));
  const env = terraformEnv(process.env, cliConfig);
  const results = await planOffline(jobs, {
    testRoot: path.join(root, 'offline-plan'),
    groups: 2,
    terraform: (args, cwd) => runProcess('terraform', args, { cwd, env }),
  });
  outcomes = new Map(jobs.map((job, index) => [job.stack, results[index]]));
}, 60_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('planOffline with the real Terraform CLI', () => {
  it('passes a good stack and one whose cross-stack input is faked from its producer, whatever shares their process', () => {
    expect(outcomes.get('good')).toMatchObject({ ok: true, status: 'pass 1/1 planned', diagnostics: [] });
    expect(outcomes.get('consumer')).toMatchObject({ ok: true, status: 'pass 1/1 planned' });
  });

  it('refuses a stack Terraform finds invalid, pointing into that stack', () => {
    const invalid = outcomes.get('invalid')!;
    expect(invalid.ok).toBe(false);
    expect(invalid.status).toBe('ERROR');
    expect(invalid.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', file: 'cdk.tf.json', detail: expect.stringContaining('no_such_argument') }));
  });

  it('refuses a stack whose plan lacks a declared resource block', () => {
    const dropped = outcomes.get('dropped')!;
    expect(dropped.ok).toBe(false);
    expect(dropped.status).toBe('FAIL 1/2 planned');
    expect(dropped.diagnostics).toContainEqual(expect.objectContaining({ summary: 'Test assertion failed', detail: expect.stringMatching(/^terraform_data\.gone is not in the plan/) }));
  });
});

describe('splitIntoGroups', () => {
  const job = (stack: string, resources: number): PlanJob => ({
    landingZone: 'z',
    stack,
    dir: stack,
    json: { resource: { terraform_data: Object.fromEntries(Array.from({ length: resources }, (_, i) => [`r${i}`, {}])) } },
    landingZoneStacks: {},
  });

  it('balances resource counts across at most `groups` lists, keeping input order', () => {
    const jobs = [job('a', 60), job('b', 3), job('c', 75), job('d', 3), job('e', 61)];
    expect(splitIntoGroups(jobs, 2).map((group) => group.map((j) => j.stack))).toEqual([['b', 'c', 'd'], ['a', 'e']]);
    expect(splitIntoGroups(jobs.slice(0, 1), 4)).toHaveLength(1);
  });
});
