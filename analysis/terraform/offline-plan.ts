/**
 * The offline plan of many stacks in few Terraform processes. Starting the AWS provider plugin and
 * loading its schema is most of the cost of a `terraform test` (about 5 s of CPU), and one process
 * loads it once for every test file it runs. So every stack gets its own test file (one run block
 * over the stack as an alternate module: a stack that errors skips only its own run, never
 * another stack's), all files sit in one test root initialised once, and the files are split into
 * `groups`, each run by one `terraform test` process. All of them attach to one provider process
 * (shared-provider.ts) instead of starting one per graph walk.
 *
 * `terraform test` validates each module before planning it, so no separate `terraform validate`
 * runs. It is not run with `-verbose` (that prints every plan with the whole provider schema,
 * 13.6 MB per run): the run's own assertions prove that every declared resource is in the plan.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, StreamDiagnostic, parseTestStream, streamErrors, unreadableOutput } from './diagnostics';
import { ProcessResult } from './process';
import { PlanRunSpec, renderPlanTest } from './tftest';
import { SynthesizedStack } from '../synthesized';
import { startSharedProvider } from './shared-provider';
import { resourceAddresses } from './terraform-json';

/** One stack to plan. */
export interface PlanJob {
  landingZone: string;
  stack: string;
  /** The stack's directory (holding `cdk.tf.json`). */
  dir: string;
  json: SynthesizedStack;
  /** Every stack of the same landing zone, by name: the producers of its cross-stack inputs. */
  landingZoneStacks: Record<string, SynthesizedStack>;
}

export interface PlanOutcome {
  ok: boolean;
  /** `pass 61/61 planned`, `FAIL ...`, `ERROR ...`, `NOT RUN`. */
  status: string;
  seconds: number;
  diagnostics: Diagnostic[];
}

/** Runs `terraform <args>` in `cwd`, with `env` added to its environment. */
type TerraformRunner = (args: string[], cwd: string, env?: Record<string, string>) => Promise<ProcessResult>;

/**
 * A stack's directory is loaded as a module, so Terraform warns that the stack's `backend` block
 * has no effect; it is ignored on purpose (the plan keeps state in memory), like
 * `init -backend=false` ignores it for a root module.
 */
const EXPECTED_WARNINGS = new Set(['Backend configuration ignored']);

/** The one run block in each stack's test file. */
const RUN_NAME = 'plan';

/** `<zone>.<stack>.tftest.hcl`: names the stack in Terraform's own messages. */
function planTestFileName(job: Pick<PlanJob, 'landingZone' | 'stack'>): string {
  return `${job.landingZone}.${job.stack}.tftest.hcl`;
}

/**
 * Splits the jobs into at most `groups` lists of about equal work (resource count, largest first
 * onto the lightest group); each list keeps the input order.
 */
export function splitIntoGroups(jobs: PlanJob[], groups: number): PlanJob[][] {
  const count = Math.max(1, Math.min(groups, jobs.length));
  const load = new Array<number>(count).fill(0);
  const assigned = new Map<PlanJob, number>();
  const bySize = [...jobs].sort((a, b) => resourceAddresses(b.json).length - resourceAddresses(a.json).length);
  for (const job of bySize) {
    const lightest = load.indexOf(Math.min(...load));
    assigned.set(job, lightest);
    load[lightest] += resourceAddresses(job.json).length + 1;
  }
  return Array.from({ length: count }, (_, group) => jobs.filter((job) => assigned.get(job) === group)).filter((group) => group.length > 0);
}

/** The diagnostic with its file relative to the stack's directory when it is in there, else to `testRoot`. */
function located(diagnostic: StreamDiagnostic, testRoot: string, job: PlanJob): Diagnostic {
  const { file, ...rest } = diagnostic;
  if (!file) return rest;
  return { ...rest, file: path.relative(job.dir, path.resolve(testRoot, file)) };
}

/** The job a diagnostic is about: by its test file, else by the configuration file it points into. */
function ownerOf(diagnostic: StreamDiagnostic, testRoot: string, jobs: PlanJob[]): PlanJob | undefined {
  if (diagnostic.testFile) return jobs.find((job) => planTestFileName(job) === diagnostic.testFile);
  if (!diagnostic.file) return undefined;
  const file = path.resolve(testRoot, diagnostic.file);
  return jobs.find((job) => file.startsWith(`${path.resolve(job.dir)}${path.sep}`));
}

function outcomesOfGroup(result: ProcessResult, jobs: PlanJob[], testRoot: string): PlanOutcome[] {
  let parsed;
  try {
    parsed = parseTestStream(result.stdout);
  } catch {
    parsed = undefined;
  }
  const diagnostics = new Map<PlanJob, Diagnostic[]>(jobs.map((job) => [job, []]));
  const unowned: Diagnostic[] = [];
  for (const diagnostic of parsed?.diagnostics ?? []) {
    if (diagnostic.severity === 'warning' && EXPECTED_WARNINGS.has(diagnostic.summary)) continue;
    const owner = ownerOf(diagnostic, testRoot, jobs);
    if (owner) diagnostics.get(owner)!.push(located(diagnostic, testRoot, owner));
    else unowned.push(diagnostic);
  }
  const output = `${result.stdout}\n${result.stderr}`;
  return jobs.map((job) => {
    const run = parsed?.runs.get(planTestFileName(job))?.get(RUN_NAME);
    const own = diagnostics.get(job)!;
    const declared = resourceAddresses(job.json);
    const notPlanned = own.filter((d) => d.severity === 'error' && /^\S+ is not in the plan$/m.test(d.detail ?? '')).length;
    const ok = run?.status === 'pass' && !own.some((d) => d.severity === 'error');
    const problems = ok ? own : [...own, ...unowned];
    // A run that failed without saying why (a crash, a panic) shows what Terraform printed.
    if (!ok && !problems.some((d) => d.severity === 'error')) problems.push(unreadableOutput('test', output));
    const verdict = !run ? 'NOT RUN' : run.status === 'pass' ? (ok ? 'pass' : 'FAIL') : run.status.toUpperCase();
    const planned = run && run.status !== 'error' ? ` ${declared.length - notPlanned}/${declared.length} planned` : '';
    return { ok, status: `${verdict}${planned}`, seconds: run?.seconds ?? 0, diagnostics: problems };
  });
}

interface PlanOptions {
  /** A directory this function owns: emptied, then the test root (a stub module and the test files). */
  testRoot: string;
  groups: number;
  terraform: TerraformRunner;
}

/**
 * Plans every job offline; outcomes in job order. A test file that cannot be generated fails its
 * stack only; an `init` that fails fails all of them with its diagnostics.
 */
export async function planOffline(jobs: PlanJob[], { testRoot, groups, terraform }: PlanOptions): Promise<PlanOutcome[]> {
  fs.rmSync(testRoot, { recursive: true, force: true });
  fs.mkdirSync(testRoot, { recursive: true });
  // `terraform init` installs the modules test files use only when the directory has a configuration.
  fs.writeFileSync(path.join(testRoot, 'main.tf'), '# The test root of the offline plan: each test file plans one stack as an alternate module.\nterraform {}\n');
  const outcomes = new Map<PlanJob, PlanOutcome>();
  const runnable: PlanJob[] = [];
  for (const job of jobs) {
    const spec: PlanRunSpec = { run: RUN_NAME, source: moduleSource(testRoot, job.dir), stack: job.json, stacks: job.landingZoneStacks };
    try {
      fs.writeFileSync(path.join(testRoot, planTestFileName(job)), renderPlanTest([spec]));
      runnable.push(job);
    } catch (error) {
      const diagnostic: Diagnostic = { severity: 'error', summary: `cannot generate ${planTestFileName(job)}`, detail: String(error) };
      outcomes.set(job, { ok: false, status: 'NO TEST', seconds: 0, diagnostics: [diagnostic] });
    }
  }
  if (runnable.length > 0) {
    const init = await terraform(['init', '-backend=false', '-input=false', '-json'], testRoot);
    if (init.code !== 0) {
      const errors = safely(() => streamErrors(init.stdout)) ?? [];
      const diagnostics = errors.length > 0 ? errors : [unreadableOutput('init', `${init.stdout}\n${init.stderr}`)];
      for (const job of runnable) outcomes.set(job, { ok: false, status: 'INIT FAILED', seconds: 0, diagnostics });
    } else {
      const split = splitIntoGroups(runnable, groups);
      const provider = await startSharedProvider(testRoot);
      let results: ProcessResult[];
      try {
        results = await Promise.all(
          split.map((group) => terraform(['test', '-json', ...group.map((job) => `-filter=${planTestFileName(job)}`)], testRoot, provider?.env)),
        );
      } finally {
        provider?.stop();
      }
      split.forEach((group, index) => outcomesOfGroup(results[index], group, testRoot).forEach((outcome, i) => outcomes.set(group[i], outcome)));
    }
  }
  return jobs.map((job) => outcomes.get(job)!);
}

/** A local module source (Terraform requires `./` or `../`), with forward slashes on every platform. */
function moduleSource(from: string, dir: string): string {
  const relative = path.relative(from, dir).split(path.sep).join('/');
  return relative.startsWith('../') ? relative : `./${relative}`;
}

function safely<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
