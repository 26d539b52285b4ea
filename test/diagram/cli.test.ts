/**
 * `npm run diagram` as the npm script runs it (bundled by esbuild, in its own process), on an
 * account file kept outside accounts/: synthesized first, drawn in all four formats.
 */
import { spawnSync } from 'child_process';
import { buildSync } from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { BAD_ENVIRONMENT_MESSAGE, REPO_ROOT, accountFilesOutsideRepo } from '../support/configs';

jest.setTimeout(120_000);

let files: ReturnType<typeof accountFilesOutsideRepo>;
let cli: string;
beforeAll(() => {
  files = accountFilesOutsideRepo();
  // Inside the repository, where the bundle's external packages resolve.
  fs.mkdirSync(path.join(REPO_ROOT, '.build'), { recursive: true });
  cli = path.join(fs.mkdtempSync(path.join(REPO_ROOT, '.build', 'diagram-cli-')), 'main.js');
  buildSync({ entryPoints: [path.join(REPO_ROOT, 'analysis/diagram/main.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: cli, logLevel: 'warning' });
});
afterAll(() => {
  fs.rmSync(files.dir, { recursive: true, force: true });
  fs.rmSync(path.dirname(cli), { recursive: true, force: true });
});

const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });

it('draws an account file given instead of a synthesized directory', () => {
  const dest = path.join(files.dir, 'drawn');
  const result = run(files.good, '--dest', dest);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`Diagram of ${files.good} (2 accounts):`);
  expect(fs.readdirSync(dest).sort()).toEqual(['architecture.dot', 'architecture.mmd', 'architecture.png', 'architecture.svg']);
  // The same zone as the example: the same drawing as docs/, byte for byte.
  for (const file of fs.readdirSync(dest)) {
    expect(fs.readFileSync(path.join(dest, file)).equals(fs.readFileSync(path.join(REPO_ROOT, 'docs', file)))).toBe(true);
  }
});

it('exits 2 on a bad account file, naming the field, drawing nothing', () => {
  const dest = path.join(files.dir, 'not-drawn');
  const result = run(files.bad, '--dest', dest);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(BAD_ENVIRONMENT_MESSAGE);
  expect(fs.existsSync(dest)).toBe(false);
});

it('exits 2 on two inputs', () => {
  const result = run(files.good, '--out', 'cdktf.out');
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('one input only');
});
