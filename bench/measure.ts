/**
 * Runs one command as a child process and measures it: wall time around the whole process (start-up
 * included, as a user or pipeline pays it) and peak resident set size of its largest process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

export interface Run {
  wallMs: number;
  /** Largest peak RSS of any process in the command's tree, in KB. */
  peakRssKB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** How peak RSS is measured on this machine, for the results file. */
export function rssMethod(root: string): string {
  return existsSync(GNU_TIME)
    ? `${GNU_TIME} -f %M (max RSS of the largest process in the tree)`
    : `${path.join(root, 'bench/rss-probe.cjs')} preloaded into every node process (largest maxRSS)`;
}

/**
 * Runs `file args` in `cwd` with exactly `env` and waits for it. GNU time's %M is the kernel's
 * ru_maxrss over waited-for descendants, so `npm run synth` reports the synth process, not npm.
 */
export function runMeasured(root: string, file: string, args: readonly string[], env: NodeJS.ProcessEnv): Run {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-rss-'));
  const rssFile = path.join(scratch, 'rss');
  try {
    const useTime = existsSync(GNU_TIME);
    const [command, commandArgs, commandEnv] = useTime
      ? [GNU_TIME, ['-f', '%M', '-o', rssFile, file, ...args], env]
      : [file, [...args], { ...env, NODE_OPTIONS: `--require ${path.join(root, 'bench/rss-probe.cjs')}`, BENCH_RSS_FILE: rssFile }];
    const started = performance.now();
    const child = spawnSync(command, commandArgs, { cwd: root, env: commandEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wallMs = performance.now() - started;
    if (child.error) throw child.error;
    return { wallMs, peakRssKB: largestNumber(readIfPresent(rssFile)), status: child.status, stdout: child.stdout, stderr: child.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readIfPresent(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** The largest integer on its own line (GNU time adds a "Command exited with non-zero status" line). */
function largestNumber(text: string): number {
  const numbers = text.split('\n').filter((line) => /^\d+$/.test(line.trim())).map(Number);
  return numbers.length === 0 ? Number.NaN : Math.max(...numbers);
}
