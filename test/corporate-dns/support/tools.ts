import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Debian package of each tool the tests run; .ci/run installs them. */
export const TOOL_PACKAGES = {
  'named-checkconf': 'bind9-utils',
  'unbound-checkconf': 'unbound',
  unbound: 'unbound',
  dnsmasq: 'dnsmasq-base',
} as const;

export type Tool = keyof typeof TOOL_PACKAGES;

/**
 * Where the record of skipped checks goes: set by test/support/skipped-tools-reporter.js in the
 * jest process, inherited by its workers. Each line is `{"check", "tools": [...], "packages": [...]}`.
 */
export const SKIP_RECORD_ENV = 'LANDING_SKIPPED_TOOLS_DIR';

/** sbin directories are often missing from a non-root PATH, yet that is where Debian puts these. */
export function searchDirs(envPath: string | undefined = process.env.PATH): string[] {
  return [...(envPath ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
}

/** Absolute path of an executable `tool` in the first of `dirs` that has one. */
export function findTool(tool: Tool, dirs: readonly string[] = searchDirs()): string | undefined {
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const packagesOf = (tools: readonly Tool[]): string[] => [...new Set(tools.map((t) => TOOL_PACKAGES[t]))];

/** `apt-get install` for the tools, each package once. */
export function installCommand(tools: readonly Tool[]): string {
  return `apt-get install -y ${packagesOf(tools).join(' ')}`;
}

/** CI as CI systems set it (`CI=true`, `CI=1`); unset, empty, `false` or `0` is a developer's machine. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/**
 * What to do with a check that needs `tools`: run it when they are all there; skip it (and say so at
 * the end of the run) when one is missing on a developer's machine; run it in CI anyway, where the
 * missing tool fails it with the install command, because a check that silently does not run
 * would pass CI while validating nothing.
 */
export function toolGate(
  tools: readonly Tool[],
  env: NodeJS.ProcessEnv = process.env,
  dirs: readonly string[] = searchDirs(env.PATH),
): { run: true } | { run: false; missing: Tool[] } {
  const missing = tools.filter((tool) => findTool(tool, dirs) === undefined);
  return missing.length === 0 || isCi(env) ? { run: true } : { run: false, missing };
}

function recordSkip(check: string, tools: readonly Tool[]): void {
  const dir = process.env[SKIP_RECORD_ENV];
  if (dir) fs.appendFileSync(path.join(dir, 'skipped.jsonl'), `${JSON.stringify({ check, tools, packages: packagesOf(tools) })}\n`);
}

/**
 * `describe(name, body)` for checks that run `tools`, skipped (and recorded for the run's closing
 * line) when `toolGate` says so. `dirs` is where to look, for the tests of this gate itself.
 */
export function describeWithTools(tools: readonly Tool[], name: string, body: () => void, dirs?: readonly string[]): void {
  const gate = toolGate(tools, process.env, dirs);
  if (gate.run) {
    describe(name, body);
    return;
  }
  recordSkip(name, gate.missing);
  describe.skip(`${name} (skipped: ${gate.missing.join(', ')} not installed; ${installCommand(gate.missing)})`, body);
}

/** Absolute path of a tool, or an error that says how to install it. */
export function requireTool(tool: Tool, dirs?: readonly string[]): string {
  const found = findTool(tool, dirs);
  if (found) return found;
  throw new Error(`${tool} is not installed (searched PATH, /usr/sbin, /sbin). Install the Debian package: ${installCommand([tool])}  (.ci/run installs it for CI)`);
}

export interface ToolResult {
  status: number | null;
  output: string;
}

/** Runs a tool to completion, bounded, with stdout and stderr together for assertion messages. */
export function runTool(tool: Tool, args: string[]): ToolResult {
  const result = spawnSync(requireTool(tool), args, { encoding: 'utf8', timeout: 20_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
}
