/**
 * The landing zones the repository ships (the example and every fixture), synthesized once for all
 * test files by `npm run synth`'s own path (tools/synth.mjs: the prebuilt bundle and its code
 * cache) into `.build/test-synth/<zone>/`, and reused while nothing it depends on changed: the
 * account file, our sources (modules/, lambda-src/, main.ts, tools/synth.mjs), the lockfiles, the
 * Node version and the synth date (the Lambda runtime lifecycle is judged by it). jest's global
 * setup (test/support/shared-synth-setup.ts) brings them up to date before any test file starts;
 * a test file that finds one stale (a source edited during a watch run) synthesizes it itself.
 *
 * A test file that only reads the synthesized JSON loads neither cdktf nor the provider classes
 * this way, which was most of its cost.
 */
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SynthesizedStack, readSynthesizedStacks } from '../../analysis/synthesized';
import { stackId } from '../../modules/shared/naming';
import { EXAMPLE_ACCOUNT_FILE, REPO_ROOT, rawAccountFile } from './configs';

const SHARED_DIR = path.join(REPO_ROOT, '.build/test-synth');
const FIXTURES_DIR = path.join(REPO_ROOT, 'test/fixtures/accounts');

/** Every landing zone the repository ships, by name: `example` and each fixture's file name. */
export const SHIPPED_LANDING_ZONES: Readonly<Record<string, string>> = {
  example: EXAMPLE_ACCOUNT_FILE,
  ...Object.fromEntries(
    fs.readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.yaml')).sort().map((f) => [f.replace(/\.yaml$/, ''), path.join(FIXTURES_DIR, f)]),
  ),
};

/**
 * The id of a shipped zone's stack, from the stack's name within the zone (`network`,
 * `service-analytics`) and the zone's environment and region: `example-eu-west-1-network`.
 */
export function shippedStackId(zone: string, name: string): string {
  return stackId(zoneOf(zone), name);
}

/** Each shipped zone's environment and region, its account file parsed once per test file however many stack ids are asked. */
const zones = new Map<string, { environment: string; region: string }>();
function zoneOf(zone: string): { environment: string; region: string } {
  const accountFile = SHIPPED_LANDING_ZONES[zone];
  if (!accountFile) throw new Error(`${zone} is not a landing zone the repository ships (${Object.keys(SHIPPED_LANDING_ZONES).join(', ')})`);
  if (!zones.has(zone)) {
    const { environment, region } = rawAccountFile(accountFile);
    zones.set(zone, { environment, region });
  }
  return zones.get(zone)!;
}

/** The id of a stack of the example zone (accounts/example.yaml): `exampleStack('network')` is `example-eu-west-1-network`. */
export const exampleStack = (name: string): string => shippedStackId('example', name);

function filesUnder(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

const readOrEmpty = (file: string): Buffer => (fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));

/** The files of `root` every zone's output depends on besides its account file. */
export const SOURCES = ['main.ts', 'tools/synth.mjs', 'package-lock.json', 'node_modules/.package-lock.json', 'modules', 'lambda-src'];

/** What every zone's output depends on besides its account file: SOURCES by content, the Node version and the synth date. */
export function sourcesKey(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  hash.update([process.version, process.arch, process.env.LANDING_SYNTH_DATE ?? new Date().toISOString().slice(0, 10)].join('\n'));
  const files = SOURCES.flatMap((source) => (fs.existsSync(path.join(root, source)) && fs.statSync(path.join(root, source)).isDirectory() ? filesUnder(root, source) : [source]));
  for (const file of files) hash.update(`\n${file}\n`).update(readOrEmpty(path.join(root, file)));
  return hash.digest('hex');
}

const landingZoneKey = (sources: string, accountFile: string): string => createHash('sha256').update(sources).update(fs.readFileSync(accountFile)).digest('hex');

interface ShippedLandingZone {
  name: string;
  accountFile: string;
  key: string;
  /** The synthesized output directory. */
  outdir: string;
  keyFile: string;
}

function shippedLandingZone(name: string, sources: string): ShippedLandingZone {
  const accountFile = SHIPPED_LANDING_ZONES[name];
  if (!accountFile) throw new Error(`${name} is not a landing zone the repository ships (${Object.keys(SHIPPED_LANDING_ZONES).join(', ')})`);
  const dir = path.join(SHARED_DIR, name);
  return { name, accountFile, key: landingZoneKey(sources, accountFile), outdir: path.join(dir, 'cdktf.out'), keyFile: path.join(dir, 'key') };
}

const upToDate = (landingZone: ShippedLandingZone): boolean => fs.existsSync(landingZone.keyFile) && fs.readFileSync(landingZone.keyFile, 'utf8') === landingZone.key;

/** The synth's command line and environment: the account file and the output directory, nothing inherited that would change them. */
function synthCommand(landingZone: ShippedLandingZone, outdir: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['LANDING_ENV', 'LANDING_ACCOUNT_FILE', 'CDKTF_OUTDIR', 'NODE_OPTIONS'].includes(key)));
  return { args: [path.join(REPO_ROOT, 'tools/synth.mjs')], env: { ...env, LANDING_ACCOUNT_FILE: landingZone.accountFile, CDKTF_OUTDIR: outdir } };
}

/** A fresh scratch directory beside the zone's, renamed into place when the synth succeeded. */
function scratchFor(landingZone: ShippedLandingZone): string {
  fs.mkdirSync(SHARED_DIR, { recursive: true });
  return fs.mkdtempSync(path.join(SHARED_DIR, `.${landingZone.name}-`));
}

function install(landingZone: ShippedLandingZone, scratch: string, code: number | null, output: string): void {
  if (code !== 0) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new Error(`synth of ${path.relative(REPO_ROOT, landingZone.accountFile)} exited ${code}:\n${output}`);
  }
  fs.writeFileSync(path.join(scratch, 'key'), landingZone.key);
  const dir = path.dirname(landingZone.outdir);
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(scratch, dir);
  } catch (error) {
    // Another jest process installed it first; its output is the same.
    fs.rmSync(scratch, { recursive: true, force: true });
    if (!upToDate(landingZone)) throw error;
  }
}

function synthesizeNow(landingZone: ShippedLandingZone): void {
  const scratch = scratchFor(landingZone);
  const { args, env } = synthCommand(landingZone, path.join(scratch, 'cdktf.out'));
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, env, encoding: 'utf8' });
  install(landingZone, scratch, result.status, `${result.stdout}${result.stderr}`);
}

function synthesizeInBackground(landingZone: ShippedLandingZone): Promise<void> {
  const scratch = scratchFor(landingZone);
  const { args, env } = synthCommand(landingZone, path.join(scratch, 'cdktf.out'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        install(landingZone, scratch, code, output);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * Brings every shipped zone up to date, two synths at a time (the machines have two cores); the
 * first alone, as it may rebuild the synth bundle the others reuse.
 */
export async function synthesizeShippedZones(): Promise<void> {
  const sources = sourcesKey();
  const stale = Object.keys(SHIPPED_LANDING_ZONES).map((name) => shippedLandingZone(name, sources)).filter((landingZone) => !upToDate(landingZone));
  if (stale.length === 0) return;
  await synthesizeInBackground(stale[0]);
  const queue = stale.slice(1);
  const lane = async (): Promise<void> => {
    for (let landingZone = queue.shift(); landingZone; landingZone = queue.shift()) await synthesizeInBackground(landingZone);
  };
  await Promise.all([lane(), lane()]);
}

const read = new Map<string, { outdir: string; json: Record<string, SynthesizedStack> }>();

function shared(name: string): { outdir: string; json: Record<string, SynthesizedStack> } {
  let result = read.get(name);
  if (!result) {
    const landingZone = shippedLandingZone(name, sourcesKey());
    if (!upToDate(landingZone)) synthesizeNow(landingZone);
    result = { outdir: landingZone.outdir, json: readSynthesizedStacks(landingZone.outdir) };
    read.set(name, result);
  }
  return result;
}

/** A shipped zone's synthesized stacks, parsed: a copy of its own for the caller to change. */
export function shippedStacks(name: string): Record<string, SynthesizedStack> {
  return structuredClone(shared(name).json);
}

/** A private copy of a shipped zone's output directory, for a command that writes into it (`npm run deploy-roles -- --out`). */
export function shippedOutdir(name: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'landing-synth-'));
  fs.cpSync(shared(name).outdir, copy, { recursive: true });
  return copy;
}
