import { growth, median, perStack, summarize } from '../../bench/stats';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even count, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('refuses no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });

  it('leaves its input unsorted', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('gives runs, median, min and max', () => {
    expect(summarize([1200, 1000, 1100, 5000, 1050])).toEqual({ runs: 5, median: 1100, min: 1000, max: 5000 });
  });
});

describe('perStack', () => {
  it('is the marginal cost between two sizes', () => {
    expect(perStack({ stacks: 21, value: 2000 }, { stacks: 101, value: 6000 })).toBe(50);
  });

  it('refuses two points of the same size', () => {
    expect(() => perStack({ stacks: 21, value: 1 }, { stacks: 21, value: 2 })).toThrow(RangeError);
  });
});

describe('growth', () => {
  // t = fixed + k * stacks at 21, 51 and 101 stacks.
  const at = (stacks: number, of: (n: number) => number) => ({ stacks, value: of(stacks) });
  const sizes = [21, 51, 101];

  it('is 1 for linear cost, whatever the fixed part', () => {
    const result = growth(sizes.map((n) => at(n, (s) => 800 + 40 * s)));
    expect(result.slopes).toEqual([40, 40]);
    expect(result.lastToFirst).toBe(1);
  });

  it('is well above 1 for cost quadratic in stacks (every stack against every other)', () => {
    // Slopes of s^2 are the sums of the segment ends: (21+51) and (51+101).
    expect(growth(sizes.map((n) => at(n, (s) => s * s))).lastToFirst).toBeCloseTo(152 / 72);
  });

  it('sorts the sizes itself', () => {
    expect(growth([at(101, (s) => 2 * s), at(21, (s) => 2 * s), at(51, (s) => 2 * s)]).slopes).toEqual([2, 2]);
  });

  it('needs three sizes', () => {
    expect(() => growth([at(21, (s) => s), at(101, (s) => s)])).toThrow(RangeError);
  });
});
