import { parseUsage } from '../../bench/measure';

describe('parseUsage', () => {
  it('reads the line GNU time writes for the whole process tree', () => {
    expect(parseUsage('128924 2.42 0.23\n')).toEqual({ peakRssKB: 128924, cpuMs: 2650 });
  });

  it('skips the exit-status line GNU time adds for a failed command', () => {
    expect(parseUsage('Command exited with non-zero status 1\n40172 0.05 0.01\n')).toEqual({ peakRssKB: 40172, cpuMs: 60 });
  });

  it('takes the largest process and sums the CPU of all of them (one probe line per node process)', () => {
    const usage = parseUsage('60000 0.3 0.1\n130000 2 0.5\n');
    expect(usage.peakRssKB).toBe(130000);
    expect(usage.cpuMs).toBe(2900);
  });

  it('is NaN, never 0, when nothing was measured', () => {
    expect(parseUsage('')).toEqual({ peakRssKB: Number.NaN, cpuMs: Number.NaN });
  });
});
