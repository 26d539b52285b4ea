import {
  type CaseId,
  type CaseResult,
  type CaseResults,
  type Check,
  CASE_IDS,
  TARGETS,
  assembleResults,
  atMost,
  casesTable,
  checks,
  checksTable,
  derive,
  failedSuites,
  formatTable,
  lambdaTable,
  parseLambdaResults,
  seconds,
  verdictLine,
} from '../../bench/report';
import { summarize } from '../../bench/stats';

/** A case whose every run took `wallMs` (`cpuMs`: 90% of it unless given) and used `rssMB`. */
function result(wallMs: number, rssMB = 150, stacks?: number, cpuMs = 0.9 * wallMs): CaseResult {
  const repeat = (value: number) => {
    const samples = [value, value, value];
    return { ...summarize(samples), samples };
  };
  return { label: `case ${wallMs}`, command: 'cmd', stacks, wallMs: repeat(wallMs), cpuMs: repeat(cpuMs), peakRssMB: repeat(rssMB) };
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
  };
  return { ...base, ...overrides };
}

const passingTests = { wallMs: 30_000, passed: true, failedSuites: [] };
const verdicts = (list: Check[]) => Object.fromEntries(list.map((check) => [check.name, check.verdict]));

describe('derive', () => {
  it('relates the example synth to the three baselines, in wall and in CPU time', () => {
    const ratios = derive(cases({ synth: result(1000, 130, 3, 450) })).ratios;
    expect(ratios.wall).toEqual({ synthToFloor: 20, synthToNaive: 0.25, synthToTemplate: 1000 / 12000 });
    expect(ratios.cpu.synthToNaive).toBeCloseTo(450 / 3600);
  });

  it('gives the per-stack cost from 10 to 50 services and the growth of that cost, in wall and CPU time', () => {
    const derived = derive(cases());
    expect(derived.perStack.wallMs).toBeCloseTo(40);
    expect(derived.perStack.cpuMs).toBeCloseTo(36);
    expect(derived.perStack.peakRssMB).toBeCloseTo(20 / 80);
    expect(derived.growth.wall.slopesMs.map((slope) => Math.round(slope))).toEqual([40, 40]);
    expect(derived.growth.wall.lastToFirst).toBeCloseTo(1);
    expect(derived.growth.cpu.lastToFirst).toBeCloseTo(1);
  });

  it('needs the stack count of each generated landing zone', () => {
    expect(() => derive(cases({ services25: result(3000) }))).toThrow(/no stack count/);
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
  it('passes a landing zone within every target', () => {
    const list = checks(cases(), derive(cases()), passingTests, undefined);
    expect(list.filter((check) => check.verdict === 'MISS')).toEqual([]);
    expect(list).toHaveLength(7);
  });

  it('misses a slow example synth, a synth above half the naive require, a large RSS and a slow 50-service synth', () => {
    const slow = cases({ synth: result(2500, 400, 3), services50: result(9000, 160, 101) });
    const list = verdicts(checks(slow, derive(slow), passingTests, undefined));
    expect(list['example synth wall (median)']).toBe('MISS');
    expect(list['example synth / naive require']).toBe('MISS');
    expect(list['example synth peak RSS (median)']).toBe('MISS');
    expect(list['50 services synth wall (median)']).toBe('MISS');
  });

  const linearity = 'per-stack CPU 25->50 / 10->25 (linear: 1)';

  it('misses CPU time that is quadratic in stacks', () => {
    const quadratic = cases({
      services10: result(21 * 21, 140, 21),
      services25: result(51 * 51, 150, 51),
      services50: result(101 * 101, 160, 101),
    });
    expect(verdicts(checks(quadratic, derive(quadratic), passingTests, undefined))[linearity]).toBe('MISS');
  });

  it('judges linearity on CPU time, not on wall time swollen by a busy machine', () => {
    const busy = cases({ services50: result(9000, 160, 101, 0.9 * (1000 + 40 * 101)) });
    expect(derive(busy).growth.wall.lastToFirst).toBeGreaterThan(2);
    expect(verdicts(checks(busy, derive(busy), passingTests, undefined))[linearity]).toBe('PASS');
  });

  it('misses a red test suite even when it is fast', () => {
    const list = checks(cases(), derive(cases()), { wallMs: 1000, passed: false, failedSuites: ['test/a.test.ts'] }, undefined);
    expect(list.find((check) => check.name.startsWith('npm test'))).toMatchObject({ verdict: 'MISS', value: '1.00 s, tests FAILED' });
  });

  it('marks Lambda figures not available without results, and stale ones as such', () => {
    const without = checks(cases(), derive(cases()), passingTests, undefined);
    expect(without[without.length - 1]).toMatchObject({ value: 'not available', verdict: 'n/a' });
    const stale = { date: '2020-01-01T00:00:00.000Z', fresh: false, rows: [], checks: [{ target: 'presign warm p99 <= 15 ms', ok: false }] };
    expect(checks(cases(), derive(cases()), passingTests, stale).pop()).toMatchObject({
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
    expect(lines[3]).toMatch(/^case 1000 +3 +3 +1\.00 s +1\.00 s - 1\.00 s +0\.90 s +130 MB +130 MB - 130 MB$/);
  });

  it('makes a MISS stand out', () => {
    const table = checksTable([atMost('fast', 1, 2, seconds), atMost('slow', 3, 2, seconds)]);
    expect(table).toMatch(/fast .* PASS$/m);
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
      npmTest: passingTests,
      derived: derive(all),
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
