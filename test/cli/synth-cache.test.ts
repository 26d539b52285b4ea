import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../support/configs';

/**
 * The synth bundle cache of tools/synth.mjs in a copy of the repository's sources (node_modules
 * linked, not copied), so editing a source file here cannot touch the working tree.
 */
const SOURCES = ['main.ts', 'modules', 'analysis', 'lambda-src', 'tools/synth.mjs', 'accounts', 'package.json', 'package-lock.json', 'tsconfig.json', 'cdktf.json'];

let repo: string;

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cache-'));
  for (const source of SOURCES) fs.cpSync(path.join(REPO_ROOT, source), path.join(repo, source), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'node_modules'));
  // The Lambda bundles built for the working tree fit the copy until its Lambda source is edited.
  const lambdaCache = path.join(REPO_ROOT, '.build/lambda');
  if (fs.existsSync(lambdaCache)) fs.cpSync(lambdaCache, path.join(repo, '.build/lambda'), { recursive: true });
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

/** Every file under `dir`, by relative path, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name))]));
}

/**
 * Each file's SHA-256: two trees compare in milliseconds this way, where jest's deep equality walks
 * the megabytes of Lambda archives byte by byte (8 of the file's 15 s).
 */
const digests = (files: Map<string, Buffer>): Record<string, string> =>
  Object.fromEntries([...files].map(([file, bytes]) => [file, createHash('sha256').update(bytes).digest('hex')]));

let runs = 0;
/** `node tools/synth.mjs [args]` of the example into a fresh directory; returns what it wrote. */
function synth(args: string[] = []): Map<string, Buffer> {
  const outdir = path.join(repo, `out-${++runs}`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('LANDING_') && key !== 'CDKTF_OUTDIR'));
  const result = spawnSync(process.execPath, ['tools/synth.mjs', ...args], { cwd: repo, env: { ...env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`synth ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return tree(outdir);
}

const bundle = () => path.join(repo, '.build/synth/main.js');
const bundleBuilt = () => fs.statSync(bundle()).mtimeMs;
const stack = (out: Map<string, Buffer>, name: string) => out.get(`stacks/${name}/cdk.tf.json`)!.toString('utf8');

function edit(file: string, from: string, to: string): void {
  const full = path.join(repo, file);
  const text = fs.readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  fs.writeFileSync(full, text.replace(from, to));
}

// The tests run in order, each on the state the previous one left.
describe('the synth bundle cache', () => {
  let first: Map<string, Buffer>;
  let edited: Map<string, Buffer>;
  let built: number;

  beforeAll(() => {
    first = synth();
    built = bundleBuilt();
  });

  it('reuses the bundle and the code cache while nothing changed, with the same output', () => {
    expect(fs.existsSync(path.join(repo, '.build/synth/main.js.v8-cache'))).toBe(true);
    expect(digests(synth())).toEqual(digests(first));
    expect(bundleBuilt()).toBe(built);
  });

  it('writes byte for byte what the uncached path (our code bundled, every package from node_modules) writes', () => {
    const uncached = synth(['--no-cache']);
    expect([...uncached.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [file, bytes] of first) expect({ file, same: bytes.equals(uncached.get(file)!) }).toEqual({ file, same: true });
  });

  it('sees an edited construct on the next synth', () => {
    edit('modules/stacks/service-stack.ts', "'Verifies the corporate JWT and passes the user id on'", "'Verifies the corporate JWT (edited)'");
    edited = synth();
    expect(bundleBuilt()).toBeGreaterThan(built);
    expect(stack(edited, 'example-eu-west-1-service-analytics')).toContain('"description": "Verifies the corporate JWT (edited)"');
    expect(stack(first, 'example-eu-west-1-service-analytics')).not.toContain('(edited)');
  });

  it('sees an edited Lambda source on the next synth', () => {
    const before = edited;
    const rebuilt = bundleBuilt();
    fs.appendFileSync(path.join(repo, 'lambda-src/presign/index.ts'), '\nconsole.log("edited presign");\n');
    const after = synth();
    const hashes = (out: Map<string, Buffer>) => stack(out, 'example-eu-west-1-service-analytics').match(/"source_code_hash": "[^"]+"/g);
    expect(hashes(after)).not.toEqual(hashes(before));
    const archives = (out: Map<string, Buffer>) => [...out.keys()].filter((file) => file.includes('presign') && file.endsWith('.zip'));
    expect(archives(after)).not.toEqual(archives(before));
    // The Lambda bundle has its own cache; the synth bundle does not include Lambda sources.
    expect(bundleBuilt()).toBe(rebuilt);
  });
});
