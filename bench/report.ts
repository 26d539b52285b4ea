/**
 * The benchmark's report: derived figures (ratios, per-stack cost, growth), the checks against the
 * targets of issues 7 and 17, the Lambda figures read from bench/lambda-results.json, and text tables.
 * Pure functions over measured data, so the report logic is tested without running anything.
 */
import { type Summary, growth, median, perStack } from './stats';

/** The measured cases, in the order they run and print. */
export const CASE_IDS = ['floor', 'naive', 'template', 'synth', 'synthNoNpm', 'services10', 'services25', 'services50', 'services200'] as const;
export type CaseId = (typeof CASE_IDS)[number];

/**
 * The repeats of one command: wall and CPU time in ms and peak RSS in MB (2^20 bytes) per run.
 * Cases run in turn (run 1 of every case, then run 2, ...), so sample i of two cases was taken
 * under about the same load, and a ratio is taken pair by pair.
 */
export interface CaseResult {
  label: string;
  command: string;
  /** Stacks written by each run (synth cases only). */
  stacks?: number;
  wallMs: Summary & { samples: number[] };
  cpuMs: Summary & { samples: number[] };
  peakRssMB: Summary & { samples: number[] };
  /** The 1-minute load average when each run started: above the CPU count, the machine was shared. */
  loadAverage: Summary & { samples: number[] };
}

export type CaseResults = Record<CaseId, CaseResult>;

/**
 * A command measured once (a test suite or the offline plan five times over would dominate the
 * benchmark), with the naive require run just before and just after it as its yardstick.
 */
export interface OnceRun {
  wallMs: number;
  cpuMs: number;
  passed: boolean;
  /** Test files jest reported as FAIL (npm test only). */
  failedSuites: string[];
  /** The mean of the naive require runs around it. */
  naive: { wallMs: number; cpuMs: number };
  /** The 1-minute load average when it started. */
  loadAverage: number;
}

/** The commands measured once. */
export interface OnceRuns {
  npmTest: OnceRun;
  planOffline: OnceRun;
}

/** A Lambda target as bench:lambda reports it. */
export interface LambdaCheck {
  target: string;
  ok: boolean;
}

/** What the harness takes from bench/lambda-results.json. */
export interface LambdaFigures {
  date: string;
  /** Written during this benchmark run, not left over from an earlier one. */
  fresh: boolean;
  /** One row per bundle: name, size, cold require, warm p50, warm p99. */
  rows: string[][];
  checks: LambdaCheck[];
}

export const TARGETS = {
  exampleWallMs: 1500,
  /** `node tools/synth.mjs` of the example over the naive require, wall, pair by pair. */
  exampleToNaive: 0.15,
  examplePeakRssMB: 300,
  services50WallMs: 6000,
  services200WallMs: 3000,
  services200PeakRssMB: 250,
  /**
   * Per-stack CPU time from 50 to 200 services over that from 10 to 25: 1 is linear. 1.25 leaves
   * room for noise; cost quadratic in stacks would give (101+401)/(21+51) = 7 (21, 51, 101, 401 stacks).
   */
  growthLastToFirst: 1.25,
  /** One `npm test` over the naive require runs around it, wall. */
  npmTestToNaive: 6,
  /** One `npm run plan:offline` (every fixture) over the naive require runs around it, wall. */
  planOfflineToNaive: 12,
} as const;

/** Per-stack cost of each size step (10 -> 25 -> 50 services) and the last step's over the first's. */
export interface Growth {
  slopesMs: number[];
  lastToFirst: number;
}

/** The example synth over each baseline (medians of the pairwise ratios), and the once-run commands over theirs. */
export interface Ratios {
  synthToFloor: number;
  synthToNaive: number;
  synthToTemplate: number;
  /** `node tools/synth.mjs`, without npm's start-up: the figure the synth target names. */
  directSynthToNaive: number;
  npmTestToNaive: number;
  planOfflineToNaive: number;
}

export interface Derived {
  /** Wall time is what the targets name; CPU time is the same comparison less disturbed by load. */
  ratios: { wall: Ratios; cpu: Ratios };
  /** Marginal cost of one more stack, from 10 to 200 services (21 to 401 stacks). */
  perStack: { wallMs: number; cpuMs: number; peakRssMB: number };
  /**
   * Wall time is what the target is about, but on a shared machine it swings with the load; the
   * linearity check reads CPU time, which other processes disturb far less.
   */
  growth: { wall: Growth; cpu: Growth };
}

export type Verdict = 'PASS' | 'MISS' | 'n/a';

export interface Check {
  name: string;
  value: string;
  target: string;
  verdict: Verdict;
  /** The 1-minute load average (median over the runs) the figure was measured under. */
  loadAverage?: number;
}

/** The median of a[i] / b[i]: runs taken in turn share the machine's load, so each pair is a fair comparison. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`cannot pair ${a.length} runs with ${b.length}`);
  return median(a.map((value, i) => value / b[i]));
}

export function derive(cases: CaseResults, once: OnceRuns): Derived {
  const ratios = (of: (result: CaseResult) => number[], ofOnce: (run: OnceRun) => number, ofNaive: (naive: OnceRun['naive']) => number): Ratios => ({
    synthToFloor: pairedRatio(of(cases.synth), of(cases.floor)),
    synthToNaive: pairedRatio(of(cases.synth), of(cases.naive)),
    synthToTemplate: pairedRatio(of(cases.synth), of(cases.template)),
    directSynthToNaive: pairedRatio(of(cases.synthNoNpm), of(cases.naive)),
    npmTestToNaive: ofOnce(once.npmTest) / ofNaive(once.npmTest.naive),
    planOfflineToNaive: ofOnce(once.planOffline) / ofNaive(once.planOffline.naive),
  });
  const point = (id: CaseId, of: (result: CaseResult) => number) => ({ stacks: stackCount(cases[id]), value: of(cases[id]) });
  const wall = (result: CaseResult) => result.wallMs.median;
  const cpu = (result: CaseResult) => result.cpuMs.median;
  const rss = (result: CaseResult) => result.peakRssMB.median;
  const sizes = (of: (result: CaseResult) => number): Growth => {
    const { slopes, lastToFirst } = growth([point('services10', of), point('services25', of), point('services50', of), point('services200', of)]);
    return { slopesMs: slopes, lastToFirst };
  };
  return {
    ratios: {
      wall: ratios((result) => result.wallMs.samples, (run) => run.wallMs, (naive) => naive.wallMs),
      cpu: ratios((result) => result.cpuMs.samples, (run) => run.cpuMs, (naive) => naive.cpuMs),
    },
    perStack: {
      wallMs: perStack(point('services10', wall), point('services200', wall)),
      cpuMs: perStack(point('services10', cpu), point('services200', cpu)),
      peakRssMB: perStack(point('services10', rss), point('services200', rss)),
    },
    growth: { wall: sizes(wall), cpu: sizes(cpu) },
  };
}

function stackCount(result: CaseResult): number {
  if (result.stacks === undefined) throw new Error(`${result.label} has no stack count`);
  return result.stacks;
}

/** A check that passes when `value` is at most `limit`; an absent value is `n/a`, never a PASS. */
export function atMost(name: string, value: number | undefined, limit: number, format: (n: number) => string): Check {
  return {
    name,
    value: value === undefined ? 'not available' : format(value),
    target: `<= ${format(limit)}`,
    verdict: value === undefined ? 'n/a' : value <= limit ? 'PASS' : 'MISS',
  };
}

export function checks(cases: CaseResults, derived: Derived, once: OnceRuns, lambda: LambdaFigures | undefined): Check[] {
  const load = (...results: CaseResult[]) => median(results.flatMap((result) => result.loadAverage.samples));
  const withLoad = (check: Check, loadAverage: number): Check => ({ ...check, loadAverage });
  // A red run is a MISS whatever its time: a fast failing run says nothing about the real one.
  const onceCheck = (name: string, run: OnceRun, ratio: number, limit: number): Check => {
    const check = withLoad(atMost(name, ratio, limit, times), run.loadAverage);
    return run.passed ? check : { ...check, value: `${check.value}, FAILED`, verdict: 'MISS' };
  };
  return [
    withLoad(atMost('example synth wall (median)', cases.synth.wallMs.median, TARGETS.exampleWallMs, seconds), load(cases.synth)),
    withLoad(
      atMost('example synth (node tools/synth.mjs) / naive require, wall', derived.ratios.wall.directSynthToNaive, TARGETS.exampleToNaive, times),
      load(cases.synthNoNpm, cases.naive),
    ),
    withLoad(atMost('example synth peak RSS (median)', cases.synth.peakRssMB.median, TARGETS.examplePeakRssMB, megabytes), load(cases.synth)),
    withLoad(atMost('50 services synth wall (median)', cases.services50.wallMs.median, TARGETS.services50WallMs, seconds), load(cases.services50)),
    withLoad(atMost('200 services synth wall (median)', cases.services200.wallMs.median, TARGETS.services200WallMs, seconds), load(cases.services200)),
    withLoad(atMost('200 services synth peak RSS (median)', cases.services200.peakRssMB.median, TARGETS.services200PeakRssMB, megabytes), load(cases.services200)),
    withLoad(
      atMost('per-stack CPU 50->200 / 10->25 (linear: 1)', derived.growth.cpu.lastToFirst, TARGETS.growthLastToFirst, times),
      load(cases.services10, cases.services25, cases.services50, cases.services200),
    ),
    onceCheck('npm test / naive require, wall (1 run)', once.npmTest, derived.ratios.wall.npmTestToNaive, TARGETS.npmTestToNaive),
    onceCheck('plan:offline / naive require, wall (1 run)', once.planOffline, derived.ratios.wall.planOfflineToNaive, TARGETS.planOfflineToNaive),
    ...lambdaChecks(lambda),
  ];
}

function lambdaChecks(lambda: LambdaFigures | undefined): Check[] {
  if (lambda === undefined) return [{ name: 'Lambda targets (bench:lambda)', value: 'not available', target: 'issue 3', verdict: 'n/a' }];
  const origin = lambda.fresh ? '' : ` (stale: ${lambda.date})`;
  return lambda.checks.map((check) => ({
    name: `Lambda: ${check.target}${origin}`,
    value: 'see Lambda table',
    target: 'bench:lambda',
    verdict: check.ok ? 'PASS' : 'MISS',
  }));
}

/**
 * Reads the parts of bench/lambda-results.json the report shows. That file belongs to bench:lambda
 * and may change shape, so every field is optional here: a missing figure prints as `?`, and only a
 * file without a date or checks counts as not available.
 */
export function parseLambdaResults(json: unknown, since: Date): LambdaFigures | undefined {
  const date = at(json, 'date');
  const rawChecks = at(json, 'checks');
  if (typeof date !== 'string' || !Array.isArray(rawChecks)) return undefined;
  const lambdaChecks = rawChecks.filter(
    (check): check is LambdaCheck => typeof at(check, 'target') === 'string' && typeof at(check, 'ok') === 'boolean',
  );
  const bundles = at(json, 'bundles');
  const names = bundles !== null && typeof bundles === 'object' ? Object.keys(bundles) : [];
  const figure = (format: (n: number) => string, ...path: string[]) => {
    const value = at(json, ...path);
    return typeof value === 'number' ? format(value) : '?';
  };
  return {
    date,
    fresh: new Date(date).getTime() >= since.getTime(),
    rows: names.map((name) => [
      name,
      figure((bytes) => `${(bytes / 1024).toFixed(1)} KB`, 'bundles', name, 'bytes'),
      figure(milliseconds, 'cold', name, 'requireMs'),
      figure(milliseconds, 'warm', name, 'p50Ms'),
      figure(milliseconds, 'warm', name, 'p99Ms'),
    ]),
    checks: lambdaChecks.map(({ target, ok }) => ({ target, ok })),
  };
}

function at(value: unknown, ...path: string[]): unknown {
  return path.reduce<unknown>(
    (current, key) => (current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined),
    value,
  );
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const milliseconds = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
export const megabytes = (mb: number): string => `${mb.toFixed(0)} MB`;
export const times = (ratio: number): string => `${ratio.toFixed(2)}x`;

/** Test files jest reported as failing (`FAIL <path>` lines, ANSI colours or not), each once. */
export function failedSuites(jestOutput: string): string[] {
  const plain = jestOutput.replace(/\u001b\[[0-9;]*m/g, '');
  return [...new Set([...plain.matchAll(/^\s*FAIL\s+(\S+)/gm)].map((match) => match[1]))];
}

/** Left-aligns the first column, right-aligns the others, two spaces between columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    widths
      .map((width, column) => (column === 0 ? (row[column] ?? '').padEnd(width) : (row[column] ?? '').padStart(width)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function casesTable(cases: CaseResults): string {
  const range = (summary: Summary, format: (n: number) => string) => `${format(summary.min)} - ${format(summary.max)}`;
  return formatTable(
    ['case', 'stacks', 'runs', 'wall median', 'wall min - max', 'CPU median', 'RSS median', 'RSS min - max', 'load median'],
    CASE_IDS.map((id) => {
      const result = cases[id];
      return [
        result.label,
        result.stacks === undefined ? '' : String(result.stacks),
        String(result.wallMs.runs),
        seconds(result.wallMs.median),
        range(result.wallMs, seconds),
        seconds(result.cpuMs.median),
        megabytes(result.peakRssMB.median),
        range(result.peakRssMB, megabytes),
        result.loadAverage.median.toFixed(1),
      ];
    }),
  );
}

export function derivedTable(derived: Derived): string {
  const steps = (growth: Growth) => growth.slopesMs.map(milliseconds).join(' / ');
  const both = (of: (ratios: Ratios) => number) => `${times(of(derived.ratios.wall))} / ${times(of(derived.ratios.cpu))}`;
  return formatTable(
    ['figure', 'value'],
    [
      ['example synth / floor (node -e 0): wall / CPU', both((r) => r.synthToFloor)],
      ['example synth / naive (require provider root): wall / CPU', both((r) => r.synthToNaive)],
      ['example synth / template way (ts-node): wall / CPU', both((r) => r.synthToTemplate)],
      ['node tools/synth.mjs (example) / naive: wall / CPU', both((r) => r.directSynthToNaive)],
      ['npm test / naive around it: wall / CPU', both((r) => r.npmTestToNaive)],
      ['plan:offline / naive around it: wall / CPU', both((r) => r.planOfflineToNaive)],
      ['per added stack, 10 -> 200 services: wall', `${milliseconds(derived.perStack.wallMs)}/stack`],
      ['per added stack, 10 -> 200 services: CPU', `${milliseconds(derived.perStack.cpuMs)}/stack`],
      ['per added stack, 10 -> 200 services: peak RSS', `${derived.perStack.peakRssMB.toFixed(2)} MB/stack`],
      ['per added stack, 10 -> 25 / 25 -> 50 / 50 -> 200 services: wall', steps(derived.growth.wall)],
      ['per added stack, 10 -> 25 / 25 -> 50 / 50 -> 200 services: CPU', steps(derived.growth.cpu)],
    ],
  );
}

export function checksTable(list: readonly Check[]): string {
  return formatTable(
    ['target', 'value', 'limit', 'load', 'result'],
    // The padding after MISS makes it stand out in a column of PASS.
    list.map((check) => [
      check.name,
      check.value,
      check.target,
      check.loadAverage === undefined ? '' : check.loadAverage.toFixed(1),
      check.verdict === 'MISS' ? 'MISS <<<' : check.verdict,
    ]),
  );
}

export function lambdaTable(lambda: LambdaFigures | undefined): string {
  if (lambda === undefined) return 'Lambda figures: not available (no bench:lambda script and no bench/lambda-results.json)';
  const origin = lambda.fresh ? 'this run' : `STALE, not from this run: ${lambda.date}`;
  return `${formatTable(['Lambda bundle', 'size', 'cold require', 'warm p50', 'warm p99'], lambda.rows)}\n(bench/lambda-results.json, ${origin})`;
}

/** Where the figures were taken: without it a number cannot be compared with a later run. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMB: number;
  /** 1, 5 and 15 minute load averages: above the CPU count, the machine was shared while measuring. */
  loadAverageStart: number[];
  loadAverageEnd: number[];
}

export interface ResultsInput {
  date: Date;
  durationMs: number;
  commit: string;
  machine: Machine;
  method: Record<string, unknown>;
  cases: CaseResults;
  once: OnceRuns;
  derived: Derived;
  checks: Check[];
  lambda: LambdaFigures | undefined;
}

/** The content of bench/results.json: every figure rounded to 0.01, verdicts summed up front. */
export function assembleResults(input: ResultsInput): unknown {
  const { date, checks: list, lambda, ...rest } = input;
  const count = (verdict: Verdict) => list.filter((check) => check.verdict === verdict).length;
  const results = {
    date: date.toISOString(),
    summary: {
      pass: count('PASS'),
      miss: count('MISS'),
      notAvailable: count('n/a'),
      missed: list.filter((check) => check.verdict === 'MISS').map((check) => check.name),
      machineBusy: input.machine.loadAverageStart[0] > input.machine.cpus || input.machine.loadAverageEnd[0] > input.machine.cpus,
    },
    ...rest,
    targets: TARGETS,
    checks: list,
    lambda: lambda ?? 'not available',
  };
  return JSON.parse(JSON.stringify(results, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 100) / 100 : value)));
}

/** One line naming every missed target, or saying there is none. */
export function verdictLine(list: readonly Check[]): string {
  const missed = list.filter((check) => check.verdict === 'MISS').map((check) => check.name);
  const unavailable = list.filter((check) => check.verdict === 'n/a').length;
  const tail = unavailable > 0 ? `; ${unavailable} not available` : '';
  return missed.length === 0
    ? `all ${list.length - unavailable} targets met${tail}`
    : `MISSED ${missed.length} of ${list.length - unavailable} targets: ${missed.join('; ')}${tail}`;
}
