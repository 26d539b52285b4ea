import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT, fixtureAccountFile, rawAccountFile } from '../support/configs';
import { stringify } from 'yaml';

/** The synth command exactly as `npm run synth` runs it (bundled app, no type-check). */
function runSynth(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools/synth.mjs')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cli-'));
});

it('synthesizes the example and prints the deploy order, forwarders and invoke URL pattern', () => {
  const outdir = path.join(tmp, 'example-out');
  const result = runSynth({ CDKTF_OUTDIR: outdir, LANDING_ENV: 'example' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['example-eu-west-1-network', 'example-eu-west-1-network-link-analytics', 'example-eu-west-1-service-analytics']);
  expect(result.stdout).toMatch(/1\. example-eu-west-1-network\s+account 111111111111/);
  expect(result.stdout).toMatch(/2\. example-eu-west-1-service-analytics\s+account 222222222222/);
  expect(result.stdout).toMatch(/3\. example-eu-west-1-network-link-analytics\s+account 111111111111/);
  expect(result.stdout).toContain('zone:       studio.eu-west-1.sagemaker.aws');
  expect(result.stdout).toContain('forwarders: 10.10.0.10, 10.10.0.74');
  expect(result.stdout).toContain('https://{api-id}-{vpce-id}.execute-api.eu-west-1.amazonaws.com/{stage}/studio');
});

it('refuses an invalid account file with every problem, writing nothing', () => {
  const raw = rawAccountFile();
  raw.network.accountId = '1234';
  raw.services[0].vpcCidr = '10.10.0.0/24';
  raw.services[0].presignedUrl = { expiresInSeconds: 900 };
  const file = path.join(tmp, 'broken.yaml');
  fs.writeFileSync(file, stringify(raw));
  const outdir = path.join(tmp, 'broken-out');

  const result = runSynth({ CDKTF_OUTDIR: outdir, LANDING_ACCOUNT_FILE: file });

  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('network.accountId');
  expect(result.stderr).toContain('services[0].vpcCidr');
  expect(result.stderr).toContain('services[0].presignedUrl.expiresInSeconds');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(outdir)).toBe(false);
});

it('names the environments it knows when LANDING_ENV has no account file', () => {
  const outdir = path.join(tmp, 'missing-out');
  const result = runSynth({ CDKTF_OUTDIR: outdir, LANDING_ENV: 'does-not-exist' });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('example');
  expect(fs.existsSync(outdir)).toBe(false);
});

it('synthesizes a Terraform Cloud landing zone on a machine without terraform', () => {
  // Only node on the PATH: cdktf's own CloudBackend would run `terraform version` here and fail.
  const outdir = path.join(tmp, 'cloud-out');
  const result = runSynth({
    CDKTF_OUTDIR: outdir,
    LANDING_ACCOUNT_FILE: fixtureAccountFile('cloud-backend'),
    PATH: path.dirname(process.execPath),
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const network = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/prod-eu-west-1-network/cdk.tf.json'), 'utf8'));
  expect(network.terraform.cloud).toEqual({
    hostname: 'app.terraform.io',
    organization: 'acme-platform',
    workspaces: { name: 'prod-eu-west-1-network', project: 'sagemaker-landing' },
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  expect(manifest.stacks['prod-eu-west-1-network'].annotations).toEqual([]);
});
