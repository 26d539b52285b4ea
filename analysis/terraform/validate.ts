/**
 * `npm run validate`: synthesizes every landing zone (see landing-zones.ts) into
 * `.build/validate/<zone>/` and runs `terraform init -backend=false` + `terraform validate` in every
 * stack, with the real AWS provider from a local filesystem mirror: nothing is downloaded.
 * `npm run plan:offline` (`--plan`) instead plans every stack with `terraform test` (which
 * validates first), mocked providers and faked cross-stack inputs (offline-plan.ts, tftest.ts).
 *
 * Usage: npm run validate -- [--plan] [--jobs N] [landing zone name | account file | synthesized directory ...]
 * Exit code: 0 all passed, 1 a stack failed, 2 the toolchain or the arguments are wrong.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { readSynthesized } from '../synthesized';
import { synthLandingZone } from '../synthesized/synth';
import { renderCliConfig } from './cli-config';
import { mapWithConcurrency, serializer } from './concurrency';
import { Diagnostic, formatDiagnostic, parseValidateOutput, streamErrors, unreadableOutput } from './diagnostics';
import { LandingZoneSource, landingZoneFiles, selectLandingZones } from './landing-zones';
import { PlanJob, planOffline } from './offline-plan';
import { ProcessResult, runProcess, terraformEnv } from './process';
import { SetupError } from './errors';
import { formatTable } from './table';
import { pinnedProviderVersion } from './terraform-json';
import { defaultMirrorRoots, requireTerraform, resolveProviderMirror, terraformPlatform } from './toolchain';

/** The bundle runs from `.build/terraform/` (package.json scripts). */
const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(ROOT, '.build/validate');
/** Outside OUT_DIR's per-zone directories, which are wiped on every run. */
const CLI_DIR = path.join(ROOT, '.build/terraform');
/** The test root of the offline plan (offline-plan.ts), rewritten on every run. */
const PLAN_DIR = path.join(CLI_DIR, 'offline-plan');

interface Options {
  plan: boolean;
  jobs: number;
  landingZones: string[];
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { plan: { type: 'boolean', default: false }, jobs: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new SetupError(`${(error as Error).message}\nUsage: npm run validate -- [--plan] [--jobs N] [landing zone name | account file | synthesized directory ...]`);
  }
  const { values, positionals } = parsed;
  // Each Terraform process keeps about one core busy (the provider plugin is a 700 MB binary).
  const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new SetupError(`--jobs must be a positive integer (got ${values.jobs})`);
  return { plan: values.plan, jobs, landingZones: positionals };
}

type StackJob = PlanJob;

interface StackResult {
  landingZone: string;
  stack: string;
  /** The table cell: `valid (2 warnings)`, or with --plan `pass 61/61 planned`. */
  status: string;
  ok: boolean;
  seconds: number;
  /** Shown under the table: errors, and warnings even when the stack passes. */
  diagnostics: Diagnostic[];
  dir: string;
}

/**
 * Synthesizes each account file into a clean directory, and reads each synthesized directory in
 * place; a zone that fails to synthesize or to parse is a failed row.
 */
function synthesize(landingZones: LandingZoneSource[]): { jobs: StackJob[]; failures: StackResult[] } {
  const jobs: StackJob[] = [];
  const failures: StackResult[] = [];
  for (const landingZone of landingZones) {
    const outdir = 'synthesized' in landingZone ? landingZone.synthesized : path.join(OUT_DIR, landingZone.name);
    try {
      if (!('synthesized' in landingZone)) {
        fs.rmSync(outdir, { recursive: true, force: true });
        // cdktf creates only the last level of its output directory.
        fs.mkdirSync(outdir, { recursive: true });
        synthLandingZone(landingZone.file, outdir);
      }
      const { manifest, stacks } = readSynthesized(outdir);
      for (const stack of Object.keys(stacks)) {
        jobs.push({ landingZone: landingZone.name, stack, dir: path.join(outdir, manifest[stack].workingDirectory), json: stacks[stack], landingZoneStacks: stacks });
      }
    } catch (error) {
      const what = 'synthesized' in landingZone ? `reading ${landingZone.synthesized}` : `synthesis of ${landingZone.file}`;
      const diagnostic: Diagnostic = { severity: 'error', summary: `${what} failed`, detail: String(error) };
      failures.push({ landingZone: landingZone.name, stack: '-', status: 'SYNTH FAILED', ok: false, seconds: 0, diagnostics: [diagnostic], dir: path.relative(ROOT, outdir) });
    }
  }
  return { jobs, failures };
}

/** Writes the CLI configuration for the mirror that serves every provider version the stacks pin. */
function writeCliConfig(jobs: StackJob[]): string {
  const versions = [...new Set(jobs.map((job) => pinnedProviderVersion(job.json, 'aws')))];
  const mirrorDir = resolveProviderMirror(process.env, defaultMirrorRoots(os.homedir()), { versions, platform: terraformPlatform() });
  const pluginCacheDir = path.join(CLI_DIR, 'plugin-cache');
  fs.mkdirSync(pluginCacheDir, { recursive: true });
  const file = path.join(CLI_DIR, 'cli.tfrc');
  fs.writeFileSync(file, renderCliConfig({ mirrorDir, pluginCacheDir }));
  console.log(`provider mirror ${mirrorDir}, CLI configuration ${path.relative(ROOT, file)}`);
  return file;
}

/** The outcome of one Terraform step in one stack, as a table cell and the diagnostics behind it. */
interface Step {
  ok: boolean;
  status: string;
  diagnostics: Diagnostic[];
}

/** `parse()`, or undefined when Terraform printed something other than its JSON (a crash, a panic). */
function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

const output = ({ stdout, stderr }: ProcessResult): string => `${stdout}\n${stderr}`;

type Terraform = (args: string[]) => Promise<ProcessResult>;
type OneAtATime = ReturnType<typeof serializer>;

async function initStack(terraform: Terraform, oneAtATime: OneAtATime): Promise<Step> {
  // Concurrent installs into one plugin cache can race (Terraform documents the cache as not
  // concurrency-safe), so inits take turns; each takes under a second as it only links the provider.
  const result = await oneAtATime(() => terraform(['init', '-backend=false', '-input=false', '-json']));
  if (result.code === 0) return { ok: true, status: 'initialized', diagnostics: [] };
  const errors = tryParse(() => streamErrors(result.stdout)) ?? [];
  return { ok: false, status: 'INIT FAILED', diagnostics: errors.length > 0 ? errors : [unreadableOutput('init', output(result))] };
}

async function validateStack(terraform: Terraform): Promise<Step> {
  const result = await terraform(['validate', '-json']);
  const parsed = tryParse(() => parseValidateOutput(result.stdout));
  if (!parsed) return { ok: false, status: 'INVALID', diagnostics: [unreadableOutput('validate', output(result))] };
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = parsed.diagnostics.length - errors;
  const ok = result.code === 0 && parsed.valid && errors === 0;
  const counts = [errors && `${errors} errors`, warnings && `${warnings} warnings`].filter(Boolean).join(', ');
  return { ok, status: `${ok ? 'valid' : 'INVALID'}${counts ? ` (${counts})` : ''}`, diagnostics: parsed.diagnostics };
}

async function validateOneStack(job: StackJob, env: NodeJS.ProcessEnv, oneAtATime: OneAtATime): Promise<StackResult> {
  const started = Date.now();
  const terraform: Terraform = (args) => runProcess('terraform', args, { cwd: job.dir, env });
  const init = await initStack(terraform, oneAtATime);
  const validation = init.ok ? await validateStack(terraform) : init;
  return {
    landingZone: job.landingZone,
    stack: job.stack,
    status: validation.status,
    ok: validation.ok,
    seconds: (Date.now() - started) / 1000,
    diagnostics: validation.diagnostics,
    dir: path.relative(ROOT, job.dir),
  };
}

/** `--plan`: every stack in `--jobs` Terraform processes; `terraform test` validates each stack first. */
async function planAllStacks(jobs: StackJob[], options: Options, env: NodeJS.ProcessEnv): Promise<StackResult[]> {
  const outcomes = await planOffline(jobs, {
    testRoot: PLAN_DIR,
    groups: options.jobs,
    terraform: (args, cwd, extra) => runProcess('terraform', args, { cwd, env: { ...env, ...extra } }),
  });
  return jobs.map((job, index) => {
    const { ok, status, seconds, diagnostics } = outcomes[index];
    return { landingZone: job.landingZone, stack: job.stack, status, ok, seconds, diagnostics, dir: path.relative(ROOT, job.dir) };
  });
}

function report(results: StackResult[], options: Options, timings: { synth: number; terraform: number }): void {
  const rows = results.map((r) => [r.landingZone, r.stack, r.status, r.seconds.toFixed(1)]);
  console.log(`\n${formatTable(['landing zone', 'stack', options.plan ? 'validate + offline plan' : 'validate', 'seconds'], rows)}\n`);
  for (const result of results.filter((r) => r.diagnostics.length > 0)) {
    console.log(`${result.ok ? 'warnings' : 'FAILED'}: ${result.landingZone}/${result.stack}`);
    for (const diagnostic of result.diagnostics) console.log(`  ${formatDiagnostic(diagnostic, result.dir).replace(/\n/g, '\n  ')}`);
    console.log('');
  }
  const failed = results.filter((r) => !r.ok).length;
  const landingZoneCount = new Set(results.map((r) => r.landingZone)).size;
  console.log(
    `${results.length} stacks in ${landingZoneCount} landing zones: ${results.length - failed} passed, ${failed} failed. ` +
      `Synthesis ${timings.synth.toFixed(1)} s, Terraform ${timings.terraform.toFixed(1)} s with ${options.jobs} jobs.`,
  );
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const version = requireTerraform();
  const landingZones = selectLandingZones(landingZoneFiles(ROOT), options.landingZones);
  console.log(`Terraform ${version}; landing zones: ${landingZones.map((landingZone) => ('synthesized' in landingZone ? `${landingZone.name} (${path.relative(ROOT, landingZone.synthesized) || '.'})` : landingZone.name)).join(', ')}`);

  const synthStarted = Date.now();
  const { jobs, failures } = synthesize(landingZones);
  const synthSeconds = (Date.now() - synthStarted) / 1000;

  const terraformStarted = Date.now();
  const results: StackResult[] = [];
  if (jobs.length > 0) {
    const env = terraformEnv(process.env, writeCliConfig(jobs));
    if (options.plan) {
      results.push(...(await planAllStacks(jobs, options, env)));
    } else {
      const oneAtATime = serializer();
      results.push(...(await mapWithConcurrency(jobs, options.jobs, (job) => validateOneStack(job, env, oneAtATime))));
    }
  }
  const all = [...failures, ...results];
  report(all, options, { synth: synthSeconds, terraform: (Date.now() - terraformStarted) / 1000 });
  return all.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof SetupError ? error.message : error);
    process.exit(2);
  },
);
