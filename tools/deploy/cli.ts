/**
 * `npm run deploy -- [--auto-approve] [--out <dir>] [stack ...]` and
 * `npm run diff -- [--out <dir>] [stack ...]`: the cdktf CLI on an already synthesized directory
 * (default: where `npm run synth` writes, `CDKTF_OUTDIR` or `cdktf.out`; what synth, `verify` and
 * `paths` checked is what is deployed),
 * in the order its manifest gives: `network`, then every `service-<name>`, then every
 * `network-link-<name>`. Stacks are names or `*` patterns (default: all); dependencies left out
 * must already be deployed.
 *
 * Made for pipelines: no synth, no prompt without a terminal, no version check over the network
 * (`CHECKPOINT_DISABLE`), and with `TF_PROVIDER_MIRROR` set the AWS provider comes from that
 * filesystem mirror (the Terraform CLI configuration of `npm run validate`), never the registry.
 * Exit code: 0 done, 1 a stack failed (cdktf's own output says why), 2 bad arguments or input.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { readSynthesizedStacks } from '../../analysis/synthesized';
import { renderCliConfig } from '../../analysis/terraform/cli-config';
import { pinnedProviderVersion } from '../../analysis/terraform/terraform-json';
import { SetupError } from '../../analysis/terraform/errors';
import { MIRROR_ENV, resolveProviderMirror, terraformPlatform } from '../../analysis/terraform/toolchain';
import { ManifestStack, UsageError, deployWaves, readManifest } from './stacks';

/** The bundle runs from `.build/deploy/` (package.json scripts); cdktf reads cdktf.json from the root. */
const ROOT = path.resolve(__dirname, '../..');
const CDKTF = path.join(ROOT, 'node_modules/cdktf-cli/bundle/bin/cdktf');
const CLI_DIR = path.join(ROOT, '.build/deploy');
/** `npm run validate`'s: the provider is copied into it once, then only linked. */
const PLUGIN_CACHE_DIR = path.join(ROOT, '.build/terraform/plugin-cache');

const USAGE = {
  deploy: 'usage: npm run deploy -- [--auto-approve] [--out <synthesized dir, default cdktf.out>] [stack or pattern ...]',
  diff: 'usage: npm run diff -- [--out <synthesized dir, default cdktf.out>] [stack or pattern ...]',
};
type Command = keyof typeof USAGE;

interface Run {
  command: Command;
  outdir: string;
  autoApprove: boolean;
  patterns: string[];
}

function parse(argv: string[]): Run {
  const [command, ...rest] = argv;
  if (command !== 'deploy' && command !== 'diff') throw new UsageError(`${USAGE.deploy}\n${USAGE.diff}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { out: { type: 'string' }, ...(command === 'deploy' ? { 'auto-approve': { type: 'boolean' } } : {}) },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE[command]}`);
  }
  const { values, positionals } = parsed;
  return { command, outdir: path.resolve((values.out as string | undefined) ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out'), autoApprove: values['auto-approve'] === true, patterns: positionals };
}

/**
 * cdktf's environment, and the flags the provider source needs. With a mirror, `terraform
 * providers lock` (which cdktf runs after init) is skipped, as it would ask the registry, and the
 * plugin cache is the configuration's (cdktf would otherwise point TF_PLUGIN_CACHE_DIR, which wins
 * over the file, at `~/.terraform.d/plugin-cache`).
 */
function providerSetup(outdir: string, stacks: ManifestStack[]): { env: NodeJS.ProcessEnv; flags: string[] } {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  if (!process.env[MIRROR_ENV]) return { env, flags: [] };
  const synthesized = readSynthesizedStacks(outdir);
  const versions = [...new Set(stacks.map((s) => pinnedProviderVersion(synthesized[s.name], 'aws')))];
  const mirrorDir = resolveProviderMirror(process.env, [], { versions, platform: terraformPlatform() });
  fs.mkdirSync(PLUGIN_CACHE_DIR, { recursive: true });
  const cliConfig = path.join(CLI_DIR, 'cli.tfrc');
  fs.writeFileSync(cliConfig, renderCliConfig({ mirrorDir, pluginCacheDir: PLUGIN_CACHE_DIR }));
  return { env: { ...env, TF_CLI_CONFIG_FILE: cliConfig, TF_PLUGIN_CACHE_DIR: PLUGIN_CACHE_DIR }, flags: ['--skip-provider-lock'] };
}

function cdktf(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  console.log(`$ cdktf ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CDKTF, ...args], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`cannot run the cdktf CLI (${CDKTF}): ${error.message}. Fix: npm ci`);
      resolve(2);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(argv: string[]): Promise<number> {
  const run = parse(argv);
  const stacks = readManifest(run.outdir);
  const waves = deployWaves(stacks, run.patterns);
  if (run.command === 'deploy' && !run.autoApprove && !process.stdin.isTTY) {
    throw new UsageError('no terminal to approve the plans on. Fix: add --auto-approve (a pipeline, after reviewing `npm run diff`), or run in a terminal.');
  }
  const { env, flags } = providerSetup(run.outdir, waves.flat().map((name) => stacks[name]));
  const common = ['--skip-synth', '--output', run.outdir, ...flags];
  console.log(`${run.command} in this order: ${waves.map((wave) => wave.join(' ')).join(' -> ')}`);
  for (const [index, wave] of waves.entries()) {
    console.log(`wave ${index + 1}/${waves.length}: ${wave.join(', ')}`);
    // One cdktf process per wave: the stacks of a wave are independent and run in parallel; the
    // stacks they read from were selected in an earlier wave or must already be deployed.
    const invocations =
      run.command === 'deploy'
        ? [['deploy', ...wave, '--ignore-missing-stack-dependencies', ...(run.autoApprove ? ['--auto-approve'] : []), ...common]]
        : wave.map((stack) => ['diff', stack, ...common]);
    for (const args of invocations) {
      const code = await cdktf(args, env);
      if (code !== 0) return code;
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = error instanceof UsageError || error instanceof SetupError ? 2 : 1;
  },
);
