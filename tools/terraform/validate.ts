/**
 * `npm run validate`: synthesizes every landing zone (see landing-zones.ts) into
 * `.build/validate/<zone>/` and runs `terraform init -backend=false` + `terraform validate` in every
 * stack, with the real AWS provider from a local filesystem mirror: nothing is downloaded.
 * `npm run plan:offline` (`--plan`) also plans every stack with `terraform test`, mocked providers
 * and faked cross-stack inputs (tftest.ts).
 *
 * Usage: npm run validate -- [--plan] [--jobs N] [landing zone ...]
 * Exit code: 0 all passed, 1 a stack failed, 2 the toolchain or the arguments are wrong.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { synthLandingZone } from '../../test/support/synth';
import { renderCliConfig } from './cli-config';
import { mapWithConcurrency, serializer } from './concurrency';
import {
  Diagnostic,
  formatDiagnostic,
  missingFromPlan,
  parseTestOutput,
  parseValidateOutput,
  streamErrors,
  unreadableOutput,
} from './diagnostics';
import { LandingZoneFile, landingZoneFiles, selectLandingZones } from './landing-zones';
import { ProcessResult, runProcess, terraformEnv } from './process';
import { SetupError } from './errors';
import { formatTable } from './table';
import { PLAN_RUN_NAME, PLAN_TEST_FILE, renderPlanTest } from './tftest';
import { TerraformJson, pinnedProviderVersion, resourceAddresses } from './terraform-json';
import { defaultMirrorRoots, requireTerraform, resolveProviderMirror, terraformPlatform } from './toolchain';

/** The bundle runs from `.build/terraform/` (package.json scripts). */
const ROOT = path.resolve(__dirname, '../..');
const OUT_DIR = path.join(ROOT, '.build/validate');
/** Outside OUT_DIR's per-zone directories, which are wiped on every run. */
const CLI_DIR = path.join(ROOT, '.build/terraform');

interface Options {
  plan: boolean;
  jobs: number;
  zones: string[];
}

function parseOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { plan: { type: 'boolean', default: false }, jobs: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new SetupError(`${(error as Error).message}\nUsage: npm run validate -- [--plan] [--jobs N] [landing zone ...]`);
  }
  const { values, positionals } = parsed;
  // Each Terraform process keeps about one core busy (the provider plugin is a 700 MB binary).
  const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new SetupError(`--jobs must be a positive integer (got ${values.jobs})`);
  return { plan: values.plan, jobs, zones: positionals };
}

interface StackJob {
  zone: string;
  stack: string;
  dir: string;
  json: TerraformJson;
  /** Every stack of the same landing zone, by name: the producers of its cross-stack inputs. */
  zoneStacks: Record<string, TerraformJson>;
}

interface StackResult {
  zone: string;
  stack: string;
  validate: string;
  plan: string;
  ok: boolean;
  seconds: number;
  /** Shown under the table: errors, and warnings even when the stack passes. */
  diagnostics: Diagnostic[];
  dir: string;
}

/** Synthesizes each landing zone into a clean directory; a zone that fails to synthesize is a failed row. */
function synthesize(zones: LandingZoneFile[]): { jobs: StackJob[]; failures: StackResult[] } {
  const jobs: StackJob[] = [];
  const failures: StackResult[] = [];
  for (const { name, file } of zones) {
    const outdir = path.join(OUT_DIR, name);
    fs.rmSync(outdir, { recursive: true, force: true });
    // cdktf creates only the last level of its output directory.
    fs.mkdirSync(outdir, { recursive: true });
    try {
      const { json } = synthLandingZone(file, outdir);
      for (const stack of Object.keys(json).sort()) {
        jobs.push({ zone: name, stack, dir: path.join(outdir, 'stacks', stack), json: json[stack], zoneStacks: json });
      }
    } catch (error) {
      const diagnostic: Diagnostic = { severity: 'error', summary: `synthesis of ${file} failed`, detail: String(error) };
      failures.push({ zone: name, stack: '-', validate: 'SYNTH FAILED', plan: '-', ok: false, seconds: 0, diagnostics: [diagnostic], dir: outdir });
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

/** The plan run must pass, and every declared resource must be in its plan. */
async function planStack(terraform: Terraform, job: StackJob): Promise<Step> {
  try {
    fs.writeFileSync(path.join(job.dir, PLAN_TEST_FILE), renderPlanTest(job.json, job.zoneStacks));
  } catch (error) {
    return { ok: false, status: 'NO TEST', diagnostics: [{ severity: 'error', summary: `cannot generate ${PLAN_TEST_FILE}`, detail: String(error) }] };
  }
  // -verbose adds each run's plan to the output: the evidence that every resource was planned.
  const result = await terraform(['test', '-json', '-verbose']);
  const outcome = tryParse(() => parseTestOutput(result.stdout));
  if (!outcome) return { ok: false, status: 'FAIL', diagnostics: [unreadableOutput('test', output(result))] };
  const run = outcome.runs[PLAN_RUN_NAME] ?? 'not run';
  const declared = resourceAddresses(job.json);
  const missing = missingFromPlan(declared, outcome.planned);
  const diagnostics = [...outcome.errors];
  if (missing.length > 0) diagnostics.push({ severity: 'error', summary: `not in the plan: ${missing.join(', ')}` });
  const ok = result.code === 0 && run === 'pass' && diagnostics.length === 0;
  if (!ok && diagnostics.length === 0) diagnostics.push(unreadableOutput('test', output(result)));
  const verdict = ok ? 'pass' : run === 'pass' ? 'FAIL' : run.toUpperCase();
  return { ok, status: `${verdict} ${declared.length - missing.length}/${declared.length} planned`, diagnostics };
}

const NOT_REQUESTED: Step = { ok: true, status: '-', diagnostics: [] };
const SKIPPED: Step = { ok: false, status: 'skipped', diagnostics: [] };

async function checkStack(job: StackJob, options: Options, env: NodeJS.ProcessEnv, oneAtATime: OneAtATime): Promise<StackResult> {
  const started = Date.now();
  const terraform: Terraform = (args) => runProcess('terraform', args, { cwd: job.dir, env });
  const init = await initStack(terraform, oneAtATime);
  const validation = init.ok ? await validateStack(terraform) : init;
  const plan = !options.plan ? NOT_REQUESTED : validation.ok ? await planStack(terraform, job) : SKIPPED;
  return {
    zone: job.zone,
    stack: job.stack,
    validate: validation.status,
    plan: plan.status,
    ok: validation.ok && plan.ok,
    seconds: (Date.now() - started) / 1000,
    diagnostics: [...validation.diagnostics, ...plan.diagnostics],
    dir: path.relative(ROOT, job.dir),
  };
}

function report(results: StackResult[], options: Options, timings: { synth: number; terraform: number }): void {
  const rows = results.map((r) => [r.zone, r.stack, r.validate, ...(options.plan ? [r.plan] : []), r.seconds.toFixed(1)]);
  console.log(`\n${formatTable(['landing zone', 'stack', 'validate', ...(options.plan ? ['offline plan'] : []), 'seconds'], rows)}\n`);
  for (const result of results.filter((r) => r.diagnostics.length > 0)) {
    console.log(`${result.ok ? 'warnings' : 'FAILED'}: ${result.zone}/${result.stack}`);
    for (const diagnostic of result.diagnostics) console.log(`  ${formatDiagnostic(diagnostic, result.dir).replace(/\n/g, '\n  ')}`);
    console.log('');
  }
  const failed = results.filter((r) => !r.ok).length;
  const zones = new Set(results.map((r) => r.zone)).size;
  console.log(
    `${results.length} stacks in ${zones} landing zones: ${results.length - failed} passed, ${failed} failed. ` +
      `Synthesis ${timings.synth.toFixed(1)} s, Terraform ${timings.terraform.toFixed(1)} s with ${options.jobs} jobs.`,
  );
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const version = requireTerraform();
  const zones = selectLandingZones(landingZoneFiles(ROOT), options.zones);
  console.log(`Terraform ${version}; landing zones: ${zones.map((zone) => zone.name).join(', ')}`);

  const synthStarted = Date.now();
  const { jobs, failures } = synthesize(zones);
  const synthSeconds = (Date.now() - synthStarted) / 1000;

  const terraformStarted = Date.now();
  const results: StackResult[] = [];
  if (jobs.length > 0) {
    const env = terraformEnv(process.env, writeCliConfig(jobs));
    const oneAtATime = serializer();
    results.push(...(await mapWithConcurrency(jobs, options.jobs, (job) => checkStack(job, options, env, oneAtATime))));
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
