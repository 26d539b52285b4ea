import { type CpuProfile, functionTimes, packageOf, packageTimes, profileMs } from '../../bench/cpu-profile';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * (root) -> main (app) -> resolve (cdktf) -> resolve (cdktf, recursive) -> hash (node:crypto)
 * Samples: 2 ms in hash under the recursion, 3 ms in the outer resolve, 1 ms in main.
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2] },
    { id: 2, callFrame: frame('main', 'file:///repo/.build/main.js', 9), children: [3] },
    { id: 3, callFrame: frame('resolve', 'file:///repo/node_modules/cdktf/lib/tokens/resolve.js', 41), children: [4] },
    { id: 4, callFrame: frame('resolve', 'file:///repo/node_modules/cdktf/lib/tokens/resolve.js', 41), children: [5] },
    { id: 5, callFrame: frame('hash', 'node:crypto', 99) },
  ],
  samples: [5, 5, 3, 3, 3, 2],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000],
};

describe('functionTimes', () => {
  const byKey = Object.fromEntries(functionTimes(profile).map((time) => [time.key, time]));

  it('gives self time per function, by name, file and 1-based line', () => {
    expect(byKey['hash node:crypto:100'].selfMs).toBe(2);
    expect(byKey['resolve cdktf/lib/tokens/resolve.js:42'].selfMs).toBe(3);
    expect(byKey['main /repo/.build/main.js:10'].selfMs).toBe(1);
  });

  it('counts a recursive function once per sample in its total time', () => {
    expect(byKey['resolve cdktf/lib/tokens/resolve.js:42'].totalMs).toBe(5);
    expect(byKey['main /repo/.build/main.js:10'].totalMs).toBe(6);
    expect(byKey['(root) :1'].totalMs).toBe(6);
  });

  it('sorts by total time, most first', () => {
    const totals = functionTimes(profile).map((time) => time.totalMs);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });
});

describe('packageOf', () => {
  it('names npm packages, scoped ones whole, and Node, our code and V8 pseudo-frames', () => {
    expect(packageOf('file:///r/node_modules/cdktf/lib/app.js', 'synth')).toBe('cdktf');
    expect(packageOf('file:///r/node_modules/@cdktf/provider-aws/lib/vpc/index.js', 'Vpc')).toBe('@cdktf/provider-aws');
    expect(packageOf('file:///r/node_modules/a/node_modules/b/x.js', 'f')).toBe('b');
    expect(packageOf('node:internal/fs/utils', 'stat')).toBe('node:');
    expect(packageOf('file:///r/.build/main.js', 'main')).toBe('app');
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(packageOf('', 'stringify')).toBe('(native)');
  });
});

describe('packageTimes and profileMs', () => {
  it('sums self time per package and the whole profile', () => {
    expect(packageTimes(functionTimes(profile))).toEqual([
      { packageName: 'cdktf', selfMs: 3 },
      { packageName: 'node:', selfMs: 2 },
      { packageName: 'app', selfMs: 1 },
      { packageName: '(root)', selfMs: 0 },
    ]);
    expect(profileMs(profile)).toBe(6);
  });
});
