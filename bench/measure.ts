/**
 * Runs one command as a child process and measures it: wall time around the whole process (start-up
 * included, as a user or pipeline pays it), CPU time of the whole process tree, and peak resident
 * set size of its largest process. CPU time is what to compare across sizes on a shared machine:
 * wall time there depends on what else runs, CPU time much less.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';

export interface Run {
  wallMs: number;
  /** User + system CPU time of every process in the command's tree. */
  cpuMs: number;
  /** Largest peak RSS of any process in the command's tree, in KB. */
  peakRssKB: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** How CPU time and peak RSS are measured on this machine, for the results file. */
export function usageMethod(root: string): string {
  return existsSync(GNU_TIME)
    ? `${GNU_TIME} -f '%M %U %S' (max RSS of the largest process in the tree; CPU of the whole tree)`
    : `${path.join(root, 'bench/usage-probe.cjs')} preloaded into every node process (largest maxRSS; CPU summed over node processes only)`;
}

/**
 * Runs `file args` in `root` with exactly `env` and waits for it. GNU time reports the kernel's
 * rusage of waited-for descendants: %M is the largest process (for `npm run synth` the synth, not
 * npm), %U and %S the CPU of all of them.
 */
export function runMeasured(root: string, file: string, args: readonly string[], env: NodeJS.ProcessEnv): Run {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-usage-'));
  const usageFile = path.join(scratch, 'usage');
  try {
    const useTime = existsSync(GNU_TIME);
    const [command, commandArgs, commandEnv] = useTime
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, file, ...args], env]
      : [file, [...args], { ...env, NODE_OPTIONS: `--require ${path.join(root, 'bench/usage-probe.cjs')}`, BENCH_USAGE_FILE: usageFile }];
    const started = performance.now();
    const child = spawnSync(command, commandArgs, { cwd: root, env: commandEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wallMs = performance.now() - started;
    if (child.error) throw child.error;
    return { wallMs, ...parseUsage(readIfPresent(usageFile)), status: child.status, stdout: child.stdout, stderr: child.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readIfPresent(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * Reads `<max RSS KB> <user s> <system s>` lines: one from GNU time for the whole tree, or one per
 * node process from the probe. Peak RSS is the largest line's, CPU the sum. Other lines (GNU time's
 * "Command exited with non-zero status") are skipped; no usage line at all gives NaN, never 0.
 */
export function parseUsage(text: string): { cpuMs: number; peakRssKB: number } {
  const usages = text
    .split('\n')
    .map((line) => /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map(([, rss, user, system]) => ({ peakRssKB: Number(rss), cpuMs: Math.round((Number(user) + Number(system)) * 1000) }));
  if (usages.length === 0) return { cpuMs: Number.NaN, peakRssKB: Number.NaN };
  return {
    cpuMs: usages.reduce((sum, usage) => sum + usage.cpuMs, 0),
    peakRssKB: Math.max(...usages.map((usage) => usage.peakRssKB)),
  };
}
