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
 * jest process, inherited by its workers. Each line is `{"check", "missing": [...], "packages"?: [...], "steps"?}`.
 */
export const SKIP_RECORD_ENV = 'LANDING_SKIPPED_TOOLS_DIR';

/** sbin directories are often missing from a non-root PATH, yet that is where Debian puts these. */
export function searchDirs(envPath: string | undefined = process.env.PATH): string[] {
  return [...(envPath ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
}

/** Absolute path of an executable `tool` in the first of `dirs` that has one. */
export function findTool(tool: string, dirs: readonly string[] = searchDirs()): string | undefined {
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

/** The tools of `tools` that `dirs` lack. */
export function missingTools(tools: readonly Tool[], dirs: readonly string[] = searchDirs()): Tool[] {
  return tools.filter((tool) => findTool(tool, dirs) === undefined);
}

/**
 * Whether a check that needs what `missing` names is skipped: only outside CI. In CI it runs and
 * what is missing fails it, because a check that silently does not run would pass CI while
 * validating nothing.
 */
export function skipsCheck(missing: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return missing.length > 0 && !isCi(env);
}

/** How to get what a skipped check needs: Debian packages, and other steps in words. */
export interface Enable {
  packages?: string[];
  steps?: string;
}

/**
 * `describe(name, body)` for a check that needs things outside npm, skipped when `skipsCheck`
 * says so and recorded for the run's closing line (test/support/skipped-tools-reporter.js).
 */
export function describeUnlessMissing(name: string, missing: readonly string[], enable: Enable, body: () => void): void {
  if (!skipsCheck(missing)) {
    describe(name, body);
    return;
  }
  const dir = process.env[SKIP_RECORD_ENV];
  if (dir) fs.appendFileSync(path.join(dir, 'skipped.jsonl'), `${JSON.stringify({ check: name, missing, ...enable })}\n`);
  const how = [...(enable.packages ? [`apt-get install -y ${enable.packages.join(' ')}`] : []), ...(enable.steps ? [enable.steps] : [])];
  describe.skip(`${name} (skipped: ${missing.join(', ')} missing; ${how.join('; ')})`, body);
}

/** `describeUnlessMissing` for checks that run `tools`; `dirs` is where to look, for the tests of the gate itself. */
export function describeWithTools(tools: readonly Tool[], name: string, body: () => void, dirs?: readonly string[]): void {
  const missing = missingTools(tools, dirs);
  describeUnlessMissing(name, missing, { packages: packagesOf(missing) }, body);
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
