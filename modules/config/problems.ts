/**
 * The wording of a problem with an account file: where it is, what is wrong and the fix, and the
 * error that carries them. Every layer (reading, schema, semantic checks) words problems with these.
 */
import * as path from 'node:path';

/** The path of a problem with the file as a whole. */
export const ROOT = '(root)';

export interface ValidationProblem {
  /** Where in the file, e.g. `services[1].vpcCidr`; `(root)` for the file as a whole. */
  path: string;
  /** What is wrong, without a trailing period. */
  message: string;
  /** A concrete change that resolves it. */
  fix: string;
}

/** Thrown when an account file cannot be used; the message lists every problem on its own line. */
export class ConfigError extends Error {
  constructor(
    /** The file (or setting, e.g. `LANDING_ENV`) the problems are in. */
    readonly source: string,
    readonly problems: readonly ValidationProblem[],
  ) {
    super(problems.map((problem) => formatProblem(source, problem)).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(source: string, problem: ValidationProblem): string {
  return `${displayPath(source)}: ${problem.path}: ${problem.message}. Fix: ${problem.fix}`;
}

function displayPath(source: string): string {
  const relative = path.relative(process.cwd(), source);
  return path.isAbsolute(source) && !relative.startsWith('..') && relative !== '' ? relative : source;
}

export class Problems {
  readonly list: ValidationProblem[] = [];

  add(path: string, message: string, fix: string): void {
    this.list.push(problem(path, message, fix));
  }

  /** Reports each repeated string value at its later position. */
  unique(values: [number, unknown][], pathOf: (index: number) => string, fix: string): void {
    const first = new Map<string, number>();
    for (const [i, value] of values) {
      if (typeof value !== 'string') continue;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, i);
      else this.add(pathOf(i), `repeats ${pathOf(earlier)} (${inline(value)})`, fix);
    }
  }
}

export function problem(path: string, message: string, fix: string): ValidationProblem {
  return { path, message, fix };
}

export function childPath(parent: string, key: string | number): string {
  const base = parent === ROOT ? '' : parent;
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** A value as it would be written inline in YAML. */
export function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${inline(item)}`).join(', ')} }`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The candidate within a small edit distance, to turn a typo into a concrete fix. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(value.length / 4)) ? best.candidate : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
