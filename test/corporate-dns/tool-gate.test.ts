/**
 * The gate in front of the checks that need BIND, Unbound or dnsmasq: on a developer's machine a
 * missing tool skips its checks and the run ends with one line saying what to install; in CI the
 * same checks run and fail. Proven on the lookup itself and on a real jest child run.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../support/configs';
import { findTool, installCommand, isCi, missingTools, searchDirs, skipsCheck } from './support/tools';

jest.setTimeout(60_000);

let bin: string;
beforeAll(() => {
  bin = fs.mkdtempSync(path.join(os.tmpdir(), 'tool-gate-'));
  fs.writeFileSync(path.join(bin, 'dnsmasq'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'unbound'), 'not executable\n', { mode: 0o644 });
  fs.mkdirSync(path.join(bin, 'named-checkconf'));
});
afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));

describe('tool lookup', () => {
  it('finds an executable file and nothing else', () => {
    expect(findTool('dnsmasq', [bin])).toBe(path.join(bin, 'dnsmasq'));
    expect(findTool('unbound', [bin])).toBeUndefined();
    expect(findTool('named-checkconf', [bin])).toBeUndefined();
  });

  it('also looks in the sbin directories a non-root PATH lacks', () => {
    expect(searchDirs(`/usr/bin${path.delimiter}${bin}`)).toEqual(['/usr/bin', bin, '/usr/sbin', '/sbin']);
  });

  it('reads CI the way CI systems set it', () => {
    expect([undefined, '', 'false', '0', 'FALSE'].map((CI) => isCi({ CI }))).toEqual([false, false, false, false, false]);
    expect(['true', '1', 'yes'].map((CI) => isCi({ CI }))).toEqual([true, true, true]);
  });
});

describe('tool gate', () => {
  it('runs a check whose tools are installed', () => {
    expect(missingTools(['dnsmasq'], [bin])).toEqual([]);
    expect(skipsCheck([], {})).toBe(false);
  });

  it('skips a check with a missing tool outside CI, naming it', () => {
    expect(missingTools(['dnsmasq', 'unbound', 'unbound-checkconf'], [bin])).toEqual(['unbound', 'unbound-checkconf']);
    expect(skipsCheck(['unbound'], {})).toBe(true);
    expect(installCommand(['unbound', 'unbound-checkconf', 'named-checkconf'])).toBe('apt-get install -y unbound bind9-utils');
  });

  it('runs it in CI, where the missing tool fails it', () => {
    expect(skipsCheck(['unbound'], { CI: 'true' })).toBe(false);
  });
});

interface JestRun {
  status: number | null;
  output: string;
}

/** A real jest run of the fixture, in the repository's configuration (reporter included). */
function jestChild(toolDirs: string, ci: boolean): Promise<JestRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, FIXTURE_TOOL_DIRS: toolDirs };
  for (const name of ['CI', 'JEST_WORKER_ID', 'LANDING_SKIPPED_TOOLS_DIR']) delete env[name];
  if (ci) env.CI = 'true';
  const args = [require.resolve('jest/bin/jest'), '--rootDir', REPO_ROOT, '--testMatch', '**/corporate-dns/fixtures/gated.fixture.ts', '--runInBand'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('a jest run with dnsmasq installed and named-checkconf missing', () => {
  let local: JestRun;
  let ci: JestRun;
  beforeAll(async () => {
    [local, ci] = await Promise.all([jestChild(bin, false), jestChild(bin, true)]);
  });

  it('outside CI: passes, skips the named-checkconf check and ends with one line saying what to install', () => {
    expect(local.status).toBe(0);
    expect(local.output).toMatch(/Tests: +1 skipped, 1 passed, 2 total/);
    const lines = local.output.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('Skipped '))).toHaveLength(1);
    expect(lines.at(-1)).toBe(
      'Skipped 1 check(s), system tools not installed: named-checkconf fixture check [named-checkconf]. Enable: apt-get install -y bind9-utils',
    );
  });

  it('in CI: fails on the missing tool, saying how to install it', () => {
    expect(ci.status).toBe(1);
    expect(ci.output).toMatch(/Tests: +1 failed, 1 passed, 2 total/);
    expect(ci.output).toContain('named-checkconf is not installed');
    expect(ci.output).toContain('apt-get install -y bind9-utils');
    expect(ci.output).not.toMatch(/^Skipped /m);
  });
});
