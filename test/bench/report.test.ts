import {
  type CaseId,
  type CaseResult,
  type CaseResults,
  type Check,
  type OnceRun,
  type OnceRuns,
  CASE_IDS,
  TARGETS,
  assembleResults,
  atMost,
  casesTable,
  checks,
  checksTable,
  derive,
  failedSuites,
  pairedRatio,
  formatTable,
  lambdaTable,
  parseLambdaResults,
  seconds,
  verdictLine,
} from '../../bench/report';
import { summarize } from '../../bench/stats';

const repeat = (value: number) => {
  const samples = [value, value, value];
  return { ...summarize(samples), samples };
};

/** A case whose every run took `wallMs` (`cpuMs`: 90% of it unless given) and used `rssMB`, at load 1.5. */
function result(wallMs: number, rssMB = 150, stacks?: number, cpuMs = 0.9 * wallMs): CaseResult {
  return { label: `case ${wallMs}`, command: 'cmd', stacks, wallMs: repeat(wallMs), cpuMs: repeat(cpuMs), peakRssMB: repeat(rssMB), loadAverage: repeat(1.5) };
}

function cases(overrides: Partial<CaseResults> = {}): CaseResults {
  const base: Record<CaseId, CaseResult> = {
    floor: result(50),
    naive: result(4000, 500),
    template: result(12000, 300, 3),
    synth: result(1000, 130, 3),
    synthNoNpm: result(800, 130, 3),
    // 1000 ms fixed + 40 ms per stack: linear.
    services10: result(1000 + 40 * 21, 140, 21),
    services25: result(1000 + 40 * 51, 150, 51),
    services50: result(1000 + 40 * 101, 160, 101),
    services200: result(1000 + 40 * 401, 220, 401),
  };
  return { ...base, ...overrides };
}

/** One run of `wallMs` (CPU 90%) between naive runs of 4000 ms (CPU 3600 ms). */
const onceRun = (wallMs: number, passed = true): OnceRun => ({
  wallMs,
  cpuMs: 0.9 * wallMs,
  passed,
  failedSuites: passed ? [] : ['test/a.test.ts'],
  naive: { wallMs: 4000, cpuMs: 3600 },
  loadAverage: 2.5,
});
const passing: OnceRuns = { npmTest: onceRun(20_000), planOffline: onceRun(40_000) };
const verdicts = (list: Check[]) => Object.fromEntries(list.map((check) => [check.name, check.verdict]));

describe('pairedRatio', () => {
  it('takes the median of the ratios of runs taken in turn', () => {
    // The machine slowed down during runs 2 and 3: each pair still says 0.5.
    expect(pairedRatio([100, 300, 400], [200, 600, 800])).toBe(0.5);
    expect(pairedRatio([1, 10, 100], [10, 10, 10])).toBe(1);
    expect(() => pairedRatio([1], [1, 2])).toThrow(RangeError);
  });
});

describe('derive', () => {
  it('relates the example synth to the three baselines, in wall and in CPU time', () => {
    const ratios = derive(cases({ synth: result(1000, 130, 3, 450) }), passing).ratios;
    expect(ratios.wall).toMatchObject({ synthToFloor: 20, synthToNaive: 0.25, synthToTemplate: 1000 / 12000, directSynthToNaive: 0.2 });
    expect(ratios.cpu.synthToNaive).toBeCloseTo(450 / 3600);
  });

  it('relates npm test and plan:offline to the naive runs around each', () => {
    const ratios = derive(cases(), passing).ratios;
    expect(ratios.wall).toMatchObject({ npmTestToNaive: 5, planOfflineToNaive: 10 });
    expect(ratios.cpu.planOfflineToNaive).toBeCloseTo(36_000 / 3600);
  });

  it('gives the per-stack cost from 10 to 200 services and the growth of that cost, in wall and CPU time', () => {
    const derived = derive(cases(), passing);
    expect(derived.perStack.wallMs).toBeCloseTo(40);
    expect(derived.perStack.cpuMs).toBeCloseTo(36);
    expect(derived.perStack.peakRssMB).toBeCloseTo(80 / 380);
    expect(derived.growth.wall.slopesMs.map((slope) => Math.round(slope))).toEqual([40, 40, 40]);
    expect(derived.growth.wall.lastToFirst).toBeCloseTo(1);
    expect(derived.growth.cpu.lastToFirst).toBeCloseTo(1);
  });

  it('needs the stack count of each generated landing zone', () => {
    expect(() => derive(cases({ services25: result(3000) }), passing)).toThrow(/no stack count/);
  });
});

describe('atMost', () => {
  it('passes at the limit and misses above it', () => {
    expect(atMost('x', 1500, 1500, seconds)).toEqual({ name: 'x', value: '1.50 s', target: '<= 1.50 s', verdict: 'PASS' });
    expect(atMost('x', 1501, 1500, seconds).verdict).toBe('MISS');
  });

  it('never passes a value it does not have', () => {
    expect(atMost('x', undefined, 1500, seconds)).toMatchObject({ value: 'not available', verdict: 'n/a' });
  });
});

describe('checks', () => {
  // Fast enough for every target: the example at 0.1x the naive require, 200 services in 2.6 s.
  const fast = () => cases({ synthNoNpm: result(400, 130, 3), services200: result(2600, 220, 401) });
  const withinTargets = () => cases({ synthNoNpm: result(400, 130, 3), services10: result(100 + 6 * 21, 140, 21), services25: result(100 + 6 * 51, 150, 51), services50: result(100 + 6 * 101, 160, 101), services200: result(100 + 6 * 401, 220, 401) });

  it('passes a landing zone within every target, each check with its load', () => {
    const list = checks(withinTargets(), derive(withinTargets(), passing), passing, undefined);
    expect(list.filter((check) => check.verdict === 'MISS')).toEqual([]);
    expect(list).toHaveLength(10);
    expect(list.find((check) => check.name.startsWith('npm test'))?.loadAverage).toBe(2.5);
    expect(list[0].loadAverage).toBe(1.5);
  });

  it('misses a slow example synth, a synth above 0.15x the naive require, a large RSS and slow or large 50- and 200-service synths', () => {
    const slow = cases({ synth: result(2500, 400, 3), services50: result(9000, 160, 101), services200: result(5000, 300, 401) });
    const list = verdicts(checks(slow, derive(slow, passing), passing, undefined));
    expect(list['example synth wall (median)']).toBe('MISS');
    expect(list['example synth (node tools/synth.mjs) / naive require, wall']).toBe('MISS');
    expect(list['example synth peak RSS (median)']).toBe('MISS');
    expect(list['50 services synth wall (median)']).toBe('MISS');
    expect(list['200 services synth wall (median)']).toBe('MISS');
    expect(list['200 services synth peak RSS (median)']).toBe('MISS');
    expect(verdicts(checks(fast(), derive(fast(), passing), passing, undefined))['example synth (node tools/synth.mjs) / naive require, wall']).toBe('PASS');
  });

  it('misses npm test above 6x and plan:offline above 12x the naive runs around them', () => {
    const slow = { npmTest: onceRun(25_000), planOffline: onceRun(50_000) };
    const list = verdicts(checks(cases(), derive(cases(), slow), slow, undefined));
    expect(list['npm test / naive require, wall (1 run)']).toBe('MISS');
    expect(list['plan:offline / naive require, wall (1 run)']).toBe('MISS');
  });

  const linearity = 'per-stack CPU 50->200 / 10->25 (linear: 1)';

  it('misses CPU time that is quadratic in stacks', () => {
    const quadratic = cases({
      services10: result(21 * 21, 140, 21),
      services25: result(51 * 51, 150, 51),
      services50: result(101 * 101, 160, 101),
      services200: result(401 * 401, 220, 401),
    });
    expect(verdicts(checks(quadratic, derive(quadratic, passing), passing, undefined))[linearity]).toBe('MISS');
  });

  it('judges linearity on CPU time, not on wall time swollen by a busy machine', () => {
    const busy = cases({ services200: result(60_000, 220, 401, 0.9 * (1000 + 40 * 401)) });
    expect(derive(busy, passing).growth.wall.lastToFirst).toBeGreaterThan(2);
    expect(verdicts(checks(busy, derive(busy, passing), passing, undefined))[linearity]).toBe('PASS');
  });

  it('misses a red test suite or a failed offline plan even when it is fast', () => {
    const red = { npmTest: onceRun(1000, false), planOffline: onceRun(1000, false) };
    const list = checks(cases(), derive(cases(), red), red, undefined);
    expect(list.find((check) => check.name.startsWith('npm test'))).toMatchObject({ verdict: 'MISS', value: '0.25x, FAILED' });
    expect(list.find((check) => check.name.startsWith('plan:offline'))).toMatchObject({ verdict: 'MISS', value: '0.25x, FAILED' });
  });

  it('marks Lambda figures not available without results, and stale ones as such', () => {
    const without = checks(cases(), derive(cases(), passing), passing, undefined);
    expect(without[without.length - 1]).toMatchObject({ value: 'not available', verdict: 'n/a' });
    const stale = { date: '2020-01-01T00:00:00.000Z', fresh: false, rows: [], checks: [{ target: 'presign warm p99 <= 15 ms', ok: false }] };
    expect(checks(cases(), derive(cases(), passing), passing, stale).pop()).toMatchObject({
      name: 'Lambda: presign warm p99 <= 15 ms (stale: 2020-01-01T00:00:00.000Z)',
      verdict: 'MISS',
    });
  });
});

describe('parseLambdaResults', () => {
  const since = new Date('2026-01-01T00:00:00.000Z');
  const file = {
    date: '2026-01-01T00:05:00.000Z',
    bundles: { authorizer: { bytes: 57603 }, presign: { bytes: 377926 } },
    cold: { authorizer: { requireMs: 23.37 } },
    warm: { authorizer: { p50Ms: 0.47, p99Ms: 10.67 }, presign: { p50Ms: 7.25, p99Ms: 41.31 } },
    checks: [{ target: 'authorizer bundle <= 150 KB', ok: true }, { target: 'broken' }],
  };

  it('takes the date, one row per bundle and the well-formed checks; a missing figure prints as ?', () => {
    expect(parseLambdaResults(file, since)).toEqual({
      date: file.date,
      fresh: true,
      rows: [
        ['authorizer', '56.3 KB', '23 ms', '0.47 ms', '11 ms'],
        ['presign', '369.1 KB', '?', '7.25 ms', '41 ms'],
      ],
      checks: [{ target: 'authorizer bundle <= 150 KB', ok: true }],
    });
  });

  it('marks results older than this run as not fresh', () => {
    expect(parseLambdaResults(file, new Date('2026-02-01T00:00:00.000Z'))?.fresh).toBe(false);
  });

  it('is undefined for a file without a date or checks', () => {
    expect(parseLambdaResults({ checks: [] }, since)).toBeUndefined();
    expect(parseLambdaResults({ date: file.date }, since)).toBeUndefined();
    expect(parseLambdaResults(null, since)).toBeUndefined();
  });
});

describe('tables', () => {
  it('left-aligns the first column and right-aligns the others under a rule', () => {
    expect(formatTable(['name', 'value'], [['a', '1'], ['longer', '100']])).toBe(
      ['name    value', '------  -----', 'a           1', 'longer    100'].join('\n'),
    );
  });

  it('prints every case in the order it runs', () => {
    const lines = casesTable(cases()).split('\n').slice(2);
    expect(lines).toHaveLength(CASE_IDS.length);
    expect(lines[3]).toMatch(/^case 1000 +3 +3 +1\.00 s +1\.00 s - 1\.00 s +0\.90 s +130 MB +130 MB - 130 MB +1\.5$/);
  });

  it('makes a MISS stand out', () => {
    const table = checksTable([atMost('fast', 1, 2, seconds), atMost('slow', 3, 2, seconds)]);
    expect(table).toMatch(/fast .* PASS$/m);
    expect(checksTable([{ ...atMost('loaded', 1, 2, seconds), loadAverage: 7.25 }])).toMatch(/loaded .* 7\.3 +PASS$/m);
    expect(table).toMatch(/slow .* MISS <<<$/m);
  });

  it('says when Lambda figures are not available or stale', () => {
    expect(lambdaTable(undefined)).toMatch(/not available/);
    expect(lambdaTable({ date: 'then', fresh: false, rows: [], checks: [] })).toMatch(/STALE, not from this run: then/);
  });
});

describe('failedSuites', () => {
  it('lists each failing test file once, with or without colours', () => {
    const output = [
      'PASS test/ok.test.ts',
      '\u001b[1m\u001b[31mFAIL\u001b[39m\u001b[22m test/guardrails/rules.test.ts (12.3 s)',
      '  ● rules › no ERROR rule fails',
      'FAIL test/paths/example.test.ts',
      'FAIL test/paths/example.test.ts',
    ].join('\n');
    expect(failedSuites(output)).toEqual(['test/guardrails/rules.test.ts', 'test/paths/example.test.ts']);
    expect(failedSuites('PASS test/ok.test.ts')).toEqual([]);
  });
});

describe('verdictLine', () => {
  it('names what was missed and counts what was not available', () => {
    const list = [atMost('a', 1, 2, seconds), atMost('b', 3, 2, seconds), atMost('c', undefined, 2, seconds)];
    expect(verdictLine(list)).toBe('MISSED 1 of 2 targets: b; 1 not available');
    expect(verdictLine([atMost('a', 1, 2, seconds)])).toBe('all 1 targets met');
  });
});

describe('assembleResults', () => {
  const machine = { cpus: 2, cpuModel: 'cpu', node: 'v20', platform: 'linux x64', totalMemoryMB: 4096, loadAverageStart: [3.456, 2, 1], loadAverageEnd: [1, 1, 1] };

  it('rounds every figure to 0.01, sums the verdicts and flags a busy machine', () => {
    const all = cases();
    const list = [atMost('a', 1, 2, seconds), atMost('b', 3, 2, seconds)];
    const results = assembleResults({
      date: new Date('2026-01-01T00:00:00.000Z'),
      durationMs: 1234.5678,
      commit: 'abc1234',
      machine,
      method: { runsPerCase: 5 },
      cases: all,
      once: passing,
      derived: derive(all, passing),
      checks: list,
      lambda: undefined,
    }) as Record<string, unknown>;
    expect(results).toMatchObject({
      date: '2026-01-01T00:00:00.000Z',
      summary: { pass: 1, miss: 1, notAvailable: 0, missed: ['b'], machineBusy: true },
      durationMs: 1234.57,
      machine: { loadAverageStart: [3.46, 2, 1] },
      targets: TARGETS,
      lambda: 'not available',
    });
    expect((results.derived as { ratios: { wall: { synthToTemplate: number } } }).ratios.wall.synthToTemplate).toBe(0.08);
  });
});
