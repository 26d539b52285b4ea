/**
 * `npm run bench`: synth speed and memory of the landing zone at 1, 10, 25 and 50 service accounts,
 * beside baselines measured in the same run, then `npm test` and the Lambda figures (issue 7).
 * Prints tables and writes bench/results.json. A report, not a test: it exits 0 when a target is
 * missed (the MISS lines say so) and fails only when a command itself fails.
 *
 * Options: --runs N (measured runs per case, default 5; each case also gets one discarded warm-up
 * run, so file-system caches and the Lambda bundle cache are warm for every measured run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { generateLandingZone } from '../test/fixtures/generate-accounts';
import { type Run, runMeasured, usageMethod } from './measure';
import {
  type CaseId,
  type CaseResult,
  type CaseResults,
  type LambdaFigures,
  type Machine,
  type TestRun,
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
const GENERATED_SIZES = [10, 25, 50] as const;

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
    const cases = Object.fromEntries(CASE_IDS.map((id) => [id, measureCase(specs[id], runs, scratch)])) as CaseResults;
    const npmTest = runTests();
    const lambda = lambdaFigures(date);
    const derived = derive(cases);
    const list = checks(cases, derived, npmTest, lambda);
    const machine = machineInfo(loadAverageStart);

    const busy = machine.loadAverageStart[0] > machine.cpus ? '  BUSY: figures are not final, re-measure on a quiet machine' : '';
    process.stdout.write(
      [
        '',
        `node ${machine.node}, ${machine.cpus} x ${machine.cpuModel}, load average ${loadText(loadAverageStart)} at start, ${loadText(machine.loadAverageEnd)} at end${busy}`,
        `${runs} measured runs per case after ${WARMUP_RUNS} warm-up; npm test ran once (${npmTest.passed ? 'passed' : `FAILED: ${npmTest.failedSuites.join(', ')}`})`,
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
        npmTest: 'one run: a test suite five times over would dominate the benchmark',
      },
      cases,
      npmTest,
      derived,
      checks: list,
      lambda,
    });
    writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`written to bench/results.json in ${seconds(Date.now() - date.getTime())}\n`);
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

function measureCase(spec: CaseSpec, runs: number, scratch: string): CaseResult {
  const measured: { run: Run; stacks?: number }[] = [];
  for (let i = 0; i < WARMUP_RUNS + runs; i++) {
    const outdir = mkdtempSync(path.join(scratch, 'out-'));
    const extra: Record<string, string> = spec.accountFile ? { LANDING_ACCOUNT_FILE: spec.accountFile, CDKTF_OUTDIR: outdir } : {};
    const run = runMeasured(root, spec.file, spec.args, childEnv(extra));
    if (run.status !== 0) throw new Error(`${spec.label} exited with ${run.status}:\n${tail(run.stderr || run.stdout)}`);
    const stacks = spec.accountFile ? readdirSync(path.join(outdir, 'stacks')).length : undefined;
    rmSync(outdir, { recursive: true, force: true });
    const warmup = i < WARMUP_RUNS;
    process.stderr.write(`${spec.label}: ${warmup ? 'warm-up' : `run ${i - WARMUP_RUNS + 1}/${runs}`} ${seconds(run.wallMs)}\n`);
    if (!warmup) measured.push({ run, stacks });
  }
  const stackCounts = new Set(measured.map((entry) => entry.stacks));
  if (stackCounts.size !== 1) throw new Error(`${spec.label} wrote different stack counts: ${[...stackCounts].join(', ')}`);
  const wall = measured.map(({ run }) => run.wallMs);
  const cpu = measured.map(({ run }) => run.cpuMs);
  const rss = measured.map(({ run }) => run.peakRssKB / 1024);
  return {
    label: spec.label,
    command: [spec.file, ...spec.args].join(' '),
    stacks: measured[0].stacks,
    wallMs: { ...summarize(wall), samples: wall },
    cpuMs: { ...summarize(cpu), samples: cpu },
    peakRssMB: { ...summarize(rss), samples: rss },
  };
}

/** `npm test` once; a red suite is reported (a MISS), not thrown: the timing is still worth seeing. */
function runTests(): TestRun {
  process.stderr.write('npm test: running once\n');
  const run = runMeasured(root, 'npm', ['test', '--silent'], childEnv({}));
  const passed = run.status === 0;
  const failed = failedSuites(run.stderr);
  const outcome = passed ? 'passed' : `FAILED (exit ${run.status}): ${failed.join(', ') || tail(run.stderr)}`;
  process.stderr.write(`npm test: ${seconds(run.wallMs)}, ${outcome}\n`);
  return { wallMs: run.wallMs, passed, failedSuites: failed };
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
