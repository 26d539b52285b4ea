import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Debian package of each tool the tests run; CI installs them (see the message below). */
export const TOOL_PACKAGES = {
  'named-checkconf': 'bind9-utils',
  'unbound-checkconf': 'unbound',
  unbound: 'unbound',
  dnsmasq: 'dnsmasq-base',
  dot: 'graphviz',
} as const;

export type Tool = keyof typeof TOOL_PACKAGES;

/** sbin directories are often missing from a non-root PATH, yet that is where Debian puts these. */
const SEARCH_DIRS = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), '/usr/sbin', '/sbin'];

/**
 * Absolute path of a tool, or an error that says how to install it. Never a skip: a check that
 * silently does not run would pass in CI while validating nothing.
 */
export function requireTool(tool: Tool): string {
  for (const dir of SEARCH_DIRS) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  const pkg = TOOL_PACKAGES[tool];
  throw new Error(
    `${tool} is not installed (searched PATH, /usr/sbin, /sbin). Install the Debian package: ` +
      `apt-get install -y ${pkg}  (.ci/run installs it for CI)`,
  );
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
