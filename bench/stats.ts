/** Statistics for the benchmark: pure functions over measured samples, no I/O. */

/** Median, min and max of one case's samples (the repeats of one command). */
export interface Summary {
  runs: number;
  median: number;
  min: number;
  max: number;
}

/** A measured value at a landing-zone size, for per-stack cost and growth. */
export interface SizePoint {
  stacks: number;
  value: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    runs: samples.length,
    median: median(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** Cost of one more stack between two sizes: (value at b - value at a) / (stacks at b - stacks at a). */
export function perStack(a: SizePoint, b: SizePoint): number {
  if (b.stacks === a.stacks) throw new RangeError(`both points have ${a.stacks} stacks`);
  return (b.value - a.value) / (b.stacks - a.stacks);
}

/**
 * How the per-stack cost changes with size: the slope of each consecutive segment and the ratio of
 * the last slope to the first. Linear growth keeps the ratio near 1; work that is quadratic in the
 * number of stacks (every stack looking at every other) makes the later slope grow with size.
 */
export function growth(points: readonly SizePoint[]): { slopes: number[]; lastToFirst: number } {
  if (points.length < 3) throw new RangeError('growth needs at least three sizes');
  const sorted = [...points].sort((a, b) => a.stacks - b.stacks);
  const slopes = sorted.slice(1).map((point, i) => perStack(sorted[i], point));
  return { slopes, lastToFirst: slopes[slopes.length - 1] / slopes[0] };
}
