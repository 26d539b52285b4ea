/**
 * Every deploy and diff command line that README.md and docs/runbook.md show, run as written (the
 * placeholders filled in for the example) with the real cdktf CLI and Terraform on the synthesized
 * example, the AWS provider from the local filesystem mirror and no AWS credentials at all. Each
 * must get as far as the first stack's credential error: the stacks selected and ordered, that
 * stack's `terraform init` done, nothing of a later wave started, never a usage error. Without
 * Terraform or the mirror the whole file is skipped outside CI (and failed in CI), like the
 * corporate DNS checks.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesizeLandingZone } from '../../modules/synthesize';
import { ManifestStack, readManifest } from '../../tools/deploy/stacks';
import { defaultMirrorRoots, findProviderMirrors, terraformPlatform } from '../../analysis/terraform/toolchain';
import { EXAMPLE_ACCOUNT_FILE, REPO_ROOT } from '../support/configs';
import { exampleStack } from '../support/shared-synth';
import { describeUnlessMissing, findTool } from '../corporate-dns/support/tools';

jest.setTimeout(600_000);

const DOCUMENTS = ['README.md', 'docs/runbook.md'];
/** A deploy or diff command, after optional `VAR=value` assignments. */
const DEPLOY_COMMAND = /^(?:[A-Z_]+=\S*\s+)*(?:npm run (?:deploy|diff)|npx cdktf (?:deploy|diff)|cdktf (?:deploy|diff))\b/;
/** The example's values for the documents' placeholders. */
const PLACEHOLDERS: Record<string, string> = { '<env>': 'example', '<region>': 'eu-west-1', '<name>': 'analytics' };

/** The command lines of the documents' `sh` blocks that deploy or diff, comments dropped. */
function documentedCommands(): { document: string; line: string }[] {
  const found: { document: string; line: string }[] = [];
  for (const document of DOCUMENTS) {
    const blocks = fs.readFileSync(path.join(REPO_ROOT, document), 'utf8').matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm);
    for (const [, block] of blocks) {
      for (const raw of block.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        if (DEPLOY_COMMAND.test(line)) found.push({ document, line: line.replace(/<[a-z]+>/g, (p) => PLACEHOLDERS[p] ?? p) });
      }
    }
  }
  return found;
}

interface Outcome {
  code: number | null;
  /** Without terminal colours. */
  output: string;
}

function runCommand(line: string, env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', line], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '') }));
  });
}

/** cdktf prints each stack's lines under its name; the text of each stack, by name. */
function linesByStack(output: string, stacks: string[]): Map<string, string> {
  const byStack = new Map<string, string>();
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const named = stacks.find((stack) => line.startsWith(`${stack}  `));
    if (named) current = named;
    else if (line !== '' && !/^\s/.test(line)) current = undefined;
    if (current) byStack.set(current, `${byStack.get(current) ?? ''}${line}\n`);
  }
  return byStack;
}

/** The provider version the bindings generate stacks for; the mirror must serve it. */
const AWS_PROVIDER_VERSION = (JSON.parse(fs.readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8')) as { cdktf: { provider: { version: string } } }).cdktf.provider.version;
const [mirror] = findProviderMirrors(defaultMirrorRoots(os.homedir()), { versions: [AWS_PROVIDER_VERSION], platform: terraformPlatform() });
const missing = [...(findTool('terraform') ? [] : ['terraform']), ...(mirror ? [] : [`AWS provider ${AWS_PROVIDER_VERSION} mirror`])];

const commands = documentedCommands();
const distinct = [...new Set(commands.map((c) => c.line))];

let synthesized: string;
let stacks: Record<string, ManifestStack>;
let baseEnv: NodeJS.ProcessEnv;
const outcomes = new Map<string, Outcome>();
const scratch: string[] = [];

describeUnlessMissing('documented deploy and diff commands', missing, { steps: 'install Terraform >= 1.11 and an AWS provider mirror (TF_PROVIDER_MIRROR, see npm run plan:offline)' }, () => {
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`${missing.join(' and ')} not found: the documented commands need them`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'documented-deploy-'));
    scratch.push(dir);
    synthesized = path.join(dir, 'cdktf.out');
    synthesizeLandingZone({ accountFile: EXAMPLE_ACCOUNT_FILE, outdir: synthesized, warn: () => undefined });
    stacks = readManifest(synthesized);
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    // No credentials of any kind: none in the environment, no profile, no shared files, no instance role.
    baseEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('TF_') && key !== 'CI'));
    Object.assign(baseEnv, {
      HOME: home,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_CONFIG_FILE: path.join(home, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-aws-credentials'),
      TF_PROVIDER_MIRROR: mirror,
    });
    // One command after the other: each `npm run` rebuilds the same bundle, which a concurrent run
    // could read half-written. Each gets its own copy of the synthesized directory.
    for (const [index, line] of distinct.entries()) {
      const outdir = path.join(dir, `run-${index}`);
      fs.cpSync(synthesized, outdir, { recursive: true });
      outcomes.set(line, await runCommand(line, { ...baseEnv, CDKTF_OUTDIR: outdir }));
    }
  });
  afterAll(() => {
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the documents show the pipeline commands: diff and deploy of the whole zone, and of one service', () => {
    expect(commands.map((c) => `${c.document}: ${c.line}`)).toEqual([
      'README.md: npm run diff',
      'README.md: npm run deploy -- --auto-approve',
      'docs/runbook.md: npm run diff',
      'docs/runbook.md: npm run deploy -- --auto-approve',
      'docs/runbook.md: npm run deploy -- --auto-approve example-eu-west-1-network example-eu-west-1-service-analytics example-eu-west-1-network-link-analytics',
    ]);
  });

  describe.each(distinct)('%s', (line) => {
    it('selects and orders the stacks, initializes the first and stops at its AWS credential error', () => {
      const { code, output } = outcomes.get(line)!;
      expect(output).not.toMatch(/usage: npm run|Unknown argument|not included in the stacks to run|no stack matches|checkpoint/i);
      const order = /^(?:deploy|diff) in this order: (.+)$/m.exec(output)?.[1].split(/ -> | /);
      expect(order).toEqual([exampleStack('network'), exampleStack('service-analytics'), exampleStack('network-link-analytics')]);
      for (const [index, name] of order!.entries()) {
        for (const dependency of stacks[name].dependencies) expect(order!.indexOf(dependency)).toBeLessThan(index);
      }
      const byStack = linesByStack(output, Object.keys(stacks));
      const first = byStack.get(order![0]) ?? '';
      expect(first).toContain('Terraform has been successfully initialized!');
      expect(first).toContain('Error: No valid credential sources found');
      // Nothing after the failing stack ran.
      expect([...byStack.keys()]).toEqual([order![0]]);
      expect(output).not.toContain('wave 2/');
      expect(code).toBe(1);
    });
  });

  it('refuses to deploy without a terminal unless told --auto-approve, before running anything', async () => {
    const { code, output } = await runCommand('npm run --silent deploy', { ...baseEnv, CDKTF_OUTDIR: synthesized });
    expect(output.trim()).toBe('no terminal to approve the plans on. Fix: add --auto-approve (a pipeline, after reviewing `npm run diff`), or run in a terminal.');
    expect(code).toBe(2);
  });
});
