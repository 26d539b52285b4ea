/**
 * `npm run bench`: synth speed and memory of the landing zone at 1, 10, 25, 50 and 200 service
 * accounts, beside baselines measured in the same run, then `npm test` and `npm run plan:offline`
 * once each between two naive-require runs, and the Lambda figures (issues 7 and 17). Every target
 * that names a baseline is a ratio taken in this run: the cases run in turn (run 1 of each case,
 * then run 2, ...) and ratios are taken pair by pair, so a change in the machine's load during the
 * benchmark moves both sides of a ratio. Prints tables and writes bench/results.json, each figure
 * with the load average it was measured under. A report, not a test: it exits 0 when a target is
 * missed (the MISS lines say so) and fails only when a command itself fails.
 *
 * Options: --runs N (measured runs per case, default 5; each case also gets one discarded warm-up
 * run, so file-system caches, the synth bundle and the Lambda bundle cache are warm for every
 * measured run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { generateLandingZone } from '../tools/generate-accounts';
import { type Run, runMeasured, usageMethod } from './measure';
import { rewriteReadmes } from './readme';
import {
  type CaseId,
  type CaseResult,
  type CaseResults,
  type LambdaFigures,
  type Machine,
  type OnceRun,
  type OnceRuns,
  CASE_IDS,
  assembleResults,
  casesTable,
  checks,
  checksTable,
  derive,
  derivedTable,
  failedSuites,
  lambdaTable,
  parseLambdaResults,
  seconds,
  verdictLine,
} from './report';
import { summarize } from './stats';

const WARMUP_RUNS = 1;
const GENERATED_SIZES = [10, 25, 50, 200] as const;

interface CaseSpec {
  label: string;
  file: string;
  args: string[];
  /** Synth cases get this account file and a fresh output directory, whose stacks are counted. */
  accountFile?: string;
}

const root = process.cwd();
if (!existsSync(path.join(root, 'package.json'))) throw new Error('run from the repository root (npm run bench)');

function main(): void {
  const runs = runsOption(process.argv.slice(2));
  const date = new Date();
  const loadAverageStart = os.loadavg();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'landing-bench-'));
  try {
    const specs = caseSpecs(writeGeneratedAccountFiles(scratch));
    const cases = measureCases(specs, runs, scratch);
    const naive = specs.naive;
    const once: OnceRuns = {
      npmTest: runOnce('npm test', 'npm', ['test', '--silent'], naive, scratch),
      planOffline: runOnce('npm run plan:offline', 'npm', ['run', '-s', 'plan:offline'], naive, scratch),
    };
    const lambda = lambdaFigures(date);
    const derived = derive(cases, once);
    const list = checks(cases, derived, once, lambda);
    const machine = machineInfo(loadAverageStart);

    const busy = machine.loadAverageStart[0] > machine.cpus ? '  BUSY: figures are not final, re-measure on a quiet machine' : '';
    process.stdout.write(
      [
        '',
        `node ${machine.node}, ${machine.cpus} x ${machine.cpuModel}, load average ${loadText(loadAverageStart)} at start, ${loadText(machine.loadAverageEnd)} at end${busy}`,
        `${runs} measured runs per case after ${WARMUP_RUNS} warm-up, cases in turn; npm test (${outcome(once.npmTest)}) and plan:offline (${outcome(once.planOffline)}) ran once, between two naive runs`,
        '',
        casesTable(cases),
        '',
        derivedTable(derived),
        '',
        lambdaTable(lambda),
        '',
        checksTable(list),
        '',
        verdictLine(list),
        '',
      ].join('\n'),
    );
    const results = assembleResults({
      date,
      durationMs: Date.now() - date.getTime(),
      commit: gitDescription(),
      machine,
      method: {
        runsPerCase: runs,
        warmupRunsPerCase: WARMUP_RUNS,
        wall: 'child process start to exit, measured by the harness (performance.now around spawnSync)',
        usage: usageMethod(root),
        order: 'cases in turn: run i of every case, then run i + 1; ratios are medians of the pairwise ratios',
        once: 'npm test and plan:offline one run each: five of each would dominate the benchmark; yardstick: the mean of a naive run just before and one just after',
        loadAverage: '1-minute load average (os.loadavg) when each run started',
      },
      cases,
      once,
      derived,
      checks: list,
      lambda,
    });
    writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`written to bench/results.json in ${seconds(Date.now() - date.getTime())}\n`);
    process.stdout.write(`${rewriteReadmes(root).join('\n')}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runsOption(args: readonly string[]): number {
  const index = args.indexOf('--runs');
  if (index === -1) return 5;
  const runs = Number(args[index + 1]);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a positive integer (got ${args[index + 1]})`);
  return runs;
}

/** Account files for the generated landing zones, keyed by service count. */
function writeGeneratedAccountFiles(dir: string): Record<(typeof GENERATED_SIZES)[number], string> {
  const entries = GENERATED_SIZES.map((services) => {
    const file = path.join(dir, `services-${services}.yaml`);
    writeFileSync(file, stringify(generateLandingZone(services)));
    return [services, file];
  });
  return Object.fromEntries(entries);
}

function caseSpecs(generated: Record<(typeof GENERATED_SIZES)[number], string>): Record<CaseId, CaseSpec> {
  const example = path.join(root, 'accounts', 'example.yaml');
  const synth = (label: string, accountFile: string): CaseSpec => ({ label, file: 'npm', args: ['run', '-s', 'synth'], accountFile });
  return {
    floor: { label: 'floor: node -e 0', file: 'node', args: ['-e', '0'] },
    naive: { label: "naive: require('@cdktf/provider-aws')", file: 'node', args: ['-e', "require('@cdktf/provider-aws')"] },
    template: { label: 'template way: npx ts-node main.ts', file: 'npx', args: ['ts-node', 'main.ts'], accountFile: example },
    synth: synth('npm run synth (example)', example),
    // The same synth without npm's own start-up, to show how much of the total npm is.
    synthNoNpm: { label: 'node tools/synth.mjs (example)', file: 'node', args: ['tools/synth.mjs'], accountFile: example },
    services10: synth('npm run synth, 10 services', generated[10]),
    services25: synth('npm run synth, 25 services', generated[25]),
    services50: synth('npm run synth, 50 services', generated[50]),
    services200: synth('npm run synth, 200 services', generated[200]),
  };
}

/**
 * The caller's environment without what would change the thing measured: a transpile-only ts-node
 * would skip the type-check the template way pays, and inherited NODE_OPTIONS (--cpu-prof,
 * --inspect) or landing-zone settings would change every synth.
 */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const ignored = (key: string) => key.startsWith('TS_NODE_') || ['NODE_OPTIONS', 'LANDING_ENV', 'LANDING_ACCOUNT_FILE', 'CDKTF_OUTDIR'].includes(key);
  return { ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !ignored(key))), ...extra };
}

interface Measured {
  run: Run;
  stacks?: number;
  loadAverage: number;
}

function measureOnce(spec: CaseSpec, scratch: string): Measured {
  const outdir = spec.accountFile ? mkdtempSync(path.join(scratch, 'out-')) : undefined;
  const extra: Record<string, string> = spec.accountFile && outdir ? { LANDING_ACCOUNT_FILE: spec.accountFile, CDKTF_OUTDIR: outdir } : {};
  const loadAverage = os.loadavg()[0];
  const run = runMeasured(root, spec.file, spec.args, childEnv(extra));
  if (run.status !== 0) throw new Error(`${spec.label} exited with ${run.status}:\n${tail(run.stderr || run.stdout)}`);
  if (!outdir) return { run, loadAverage };
  const stacks = readdirSync(path.join(outdir, 'stacks')).length;
  rmSync(outdir, { recursive: true, force: true });
  return { run, stacks, loadAverage };
}

/** Every case in turn, `runs` times after the warm-up round, so sample i of every case shares the load of round i. */
function measureCases(specs: Record<CaseId, CaseSpec>, runs: number, scratch: string): CaseResults {
  const measured = Object.fromEntries(CASE_IDS.map((id) => [id, [] as Measured[]])) as Record<CaseId, Measured[]>;
  for (let round = 0; round < WARMUP_RUNS + runs; round++) {
    const warmup = round < WARMUP_RUNS;
    for (const id of CASE_IDS) {
      const one = measureOnce(specs[id], scratch);
      process.stderr.write(`${specs[id].label}: ${warmup ? 'warm-up' : `run ${round - WARMUP_RUNS + 1}/${runs}`} ${seconds(one.run.wallMs)}\n`);
      if (!warmup) measured[id].push(one);
    }
  }
  return Object.fromEntries(CASE_IDS.map((id) => [id, caseResult(specs[id], measured[id])])) as CaseResults;
}

function caseResult(spec: CaseSpec, measured: Measured[]): CaseResult {
  const stackCounts = new Set(measured.map((entry) => entry.stacks));
  if (stackCounts.size !== 1) throw new Error(`${spec.label} wrote different stack counts: ${[...stackCounts].join(', ')}`);
  const series = (of: (entry: Measured) => number) => {
    const samples = measured.map(of);
    return { ...summarize(samples), samples };
  };
  return {
    label: spec.label,
    command: [spec.file, ...spec.args].join(' '),
    stacks: measured[0].stacks,
    wallMs: series(({ run }) => run.wallMs),
    cpuMs: series(({ run }) => run.cpuMs),
    peakRssMB: series(({ run }) => run.peakRssKB / 1024),
    loadAverage: series((entry) => entry.loadAverage),
  };
}

/**
 * One run of a command too long to repeat, between two runs of the naive require: their mean is
 * its yardstick. A failing run is reported (a MISS), not thrown: the timing is still worth seeing.
 */
function runOnce(label: string, file: string, args: string[], naive: CaseSpec, scratch: string): OnceRun {
  process.stderr.write(`${label}: running once\n`);
  const before = measureOnce(naive, scratch);
  const loadAverage = os.loadavg()[0];
  const run = runMeasured(root, file, args, childEnv({}));
  const after = measureOnce(naive, scratch);
  const passed = run.status === 0;
  const failed = label === 'npm test' ? failedSuites(run.stderr) : [];
  const result = passed ? 'passed' : `FAILED (exit ${run.status}): ${failed.join(', ') || tail(run.stderr || run.stdout)}`;
  process.stderr.write(`${label}: ${seconds(run.wallMs)}, ${result}\n`);
  const mean = (of: (entry: Measured) => number) => (of(before) + of(after)) / 2;
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    passed,
    failedSuites: failed,
    naive: { wallMs: mean(({ run: r }) => r.wallMs), cpuMs: mean(({ run: r }) => r.cpuMs) },
    loadAverage,
  };
}

function outcome(run: OnceRun): string {
  return run.passed ? 'passed' : `FAILED${run.failedSuites.length > 0 ? `: ${run.failedSuites.join(', ')}` : ''}`;
}

/**
 * Runs bench:lambda when package.json has it, then reads its results file. Without the script an
 * existing file is still shown, marked stale; without either the figures are "not available".
 */
function lambdaFigures(since: Date): LambdaFigures | undefined {
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if ('bench:lambda' in scripts) {
    process.stderr.write('bench:lambda: running\n');
    const run = runMeasured(root, 'npm', ['run', '-s', 'bench:lambda'], childEnv({}));
    const outcome = run.status === 0 ? 'done' : `FAILED (exit ${run.status})\n${tail(run.stderr)}`;
    process.stderr.write(`bench:lambda: ${seconds(run.wallMs)}, ${outcome}\n`);
  }
  const file = path.join(root, 'bench', 'lambda-results.json');
  return existsSync(file) ? parseLambdaResults(JSON.parse(readFileSync(file, 'utf8')), since) : undefined;
}

function machineInfo(loadAverageStart: number[]): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    totalMemoryMB: os.totalmem() / 2 ** 20,
    loadAverageStart,
    loadAverageEnd: os.loadavg(),
  };
}

/** HEAD and whether the tree had changes, so a result can be tied to the code it measured. */
function gitDescription(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function loadText(load: readonly number[]): string {
  return load.map((value) => value.toFixed(2)).join(' ');
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

main();
