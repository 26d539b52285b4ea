/**
 * Reads V8 CPU profiles (`node --cpu-prof`): time per function, self and total, and time per
 * package. Pure functions over the parsed profile, so they are tested on hand-made profiles.
 */

/** The parts of a `.cpuprofile` used here (Chrome DevTools protocol `Profiler.Profile`). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  /** The node sampled at each tick, with the time since the previous tick in microseconds. */
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  /** `name url:line` (line 1-based), the same function across profiles. */
  key: string;
  packageName: string;
  /** Time with this function on top of the stack. */
  selfMs: number;
  /** Time with this function anywhere on the stack, counted once per sample even when recursive. */
  totalMs: number;
}

/**
 * Who owns a script: the innermost npm package under node_modules (scoped names kept whole), `node:` for
 * Node's own modules, `app` for our bundle and sources, and V8's pseudo-frames by name.
 */
export function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  return url.startsWith('node:') ? 'node:' : 'app';
}

function functionKey(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const file = frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

/** Self and total time of every function in the profile, most total time first. */
export function functionTimes(profile: CpuProfile): FunctionTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const times = new Map<string, FunctionTime>();
  const entry = (id: number) => {
    const { callFrame } = byId.get(id)!;
    const key = functionKey(callFrame);
    let time = times.get(key);
    if (!time) {
      time = { key, packageName: packageOf(callFrame.url, callFrame.functionName), selfMs: 0, totalMs: 0 };
      times.set(key, time);
    }
    return time;
  };
  profile.samples.forEach((leaf, i) => {
    const ms = profile.timeDeltas[i] / 1000;
    entry(leaf).selfMs += ms;
    const seen = new Set<FunctionTime>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const time = entry(id);
      if (!seen.has(time)) {
        seen.add(time);
        time.totalMs += ms;
      }
    }
  });
  return [...times.values()].sort((a, b) => b.totalMs - a.totalMs);
}

/** Self time summed per package, most first. */
export function packageTimes(functions: readonly FunctionTime[]): { packageName: string; selfMs: number }[] {
  const sums = new Map<string, number>();
  for (const { packageName, selfMs } of functions) sums.set(packageName, (sums.get(packageName) ?? 0) + selfMs);
  return [...sums].map(([packageName, selfMs]) => ({ packageName, selfMs })).sort((a, b) => b.selfMs - a.selfMs);
}

/** Total sampled time of the profile. */
export function profileMs(profile: CpuProfile): number {
  return profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1000;
}
