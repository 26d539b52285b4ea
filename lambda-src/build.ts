import type { BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { esbuildTarget } from '../modules/config/lambda-runtime';
import { DEFAULTS } from '../modules/config/resolve';

const load = createRequire(__filename);
/** esbuild's JS API, loaded only to build a missing bundle: a synth with cached bundles never needs it. */
const esbuild = (): typeof import('esbuild') => load('esbuild') as typeof import('esbuild');
const esbuildVersion = (load('esbuild/package.json') as { version: string }).version;

/** Entry points of the deployed Lambdas; each bundle's handler string is `index.handler`. */
const ENTRY_POINTS = {
  authorizer: 'lambda-src/authorizer/index.ts',
  presign: 'lambda-src/presign/index.ts',
} as const;

export type LambdaBundleName = keyof typeof ENTRY_POINTS;

/** Files written into each bundle directory. */
type LambdaBundleFiles = Record<'index.js' | 'index.js.map', Uint8Array>;

const OPTIONS = {
  bundle: true,
  minify: true,
  platform: 'node',
  // CommonJS is what the Node.js runtimes load as `index.handler` without a package.json.
  format: 'cjs',
  // The SDK is bundled, not taken from the runtime, so its version is the pinned one; its ESM build
  // lets esbuild drop the commands we never call.
  mainFields: ['module', 'main'],
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'silent',
} satisfies BuildOptions;

/**
 * Bundles both Lambdas for `runtime` (esbuild targets its Node version) and returns the absolute
 * directory of each (`index.js` + `index.js.map`).
 * Synchronous because CDKTF constructs run synchronously. Bundles are cached under
 * `.build/lambda/<name>-<hash>/`, where the hash covers everything a bundle can read (lambda-src,
 * the lockfile, tsconfig) and the build options, so a synth with unchanged inputs costs a few ms.
 */
export function buildLambdaBundles(runtime: string = DEFAULTS.lambdaRuntime): Record<LambdaBundleName, string> {
  const root = repoRoot();
  const target = esbuildTarget(runtime);
  const inputs = inputsHash(root, target);
  return {
    authorizer: cachedBundle(root, 'authorizer', inputs, target),
    presign: cachedBundle(root, 'presign', inputs, target),
  };
}

/** Runs esbuild for one bundle without touching the disk: the cache writes it, the determinism test compares it. */
export function renderLambdaBundle(name: LambdaBundleName, outDir: string, target: string = esbuildTarget(DEFAULTS.lambdaRuntime)): LambdaBundleFiles {
  const root = repoRoot();
  let outputFiles;
  try {
    ({ outputFiles } = esbuild().buildSync({
      ...OPTIONS,
      target,
      absWorkingDir: root,
      entryPoints: [ENTRY_POINTS[name]],
      // Source map paths are relative to the final location, so the map is the same wherever it was built.
      outfile: path.join(outDir, 'index.js'),
      write: false,
    }));
  } catch (error) {
    const messages = ((error as { errors?: { text: string; location: { file: string; line: number } | null }[] }).errors ?? [])
      .map((message) => (message.location ? `${message.location.file}:${message.location.line}: ${message.text}` : message.text))
      .join('\n');
    throw new Error(`esbuild could not bundle the ${name} Lambda (${ENTRY_POINTS[name]}):\n${messages || String(error)}`);
  }
  const files: Partial<LambdaBundleFiles> = {};
  for (const file of outputFiles) files[path.basename(file.path) as keyof LambdaBundleFiles] = file.contents;
  if (!files['index.js'] || !files['index.js.map']) throw new Error(`esbuild produced no index.js/index.js.map for the ${name} Lambda`);
  return files as LambdaBundleFiles;
}

function cachedBundle(root: string, name: LambdaBundleName, inputs: string, target: string): string {
  const hash = createHash('sha256').update(inputs).update(name).digest('hex').slice(0, 16);
  const dir = path.join(root, '.build', 'lambda', `${name}-${hash}`);
  if (fs.existsSync(path.join(dir, 'index.js')) && fs.existsSync(path.join(dir, 'index.js.map'))) return dir;

  const files = renderLambdaBundle(name, dir, target);
  // Written aside and renamed into place, so a concurrent synth never sees a half-written bundle.
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(staging, { recursive: true });
  for (const [file, contents] of Object.entries(files)) fs.writeFileSync(path.join(staging, file), contents);
  try {
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another process finished the same bundle first; identical inputs give identical bytes.
    if (!fs.existsSync(path.join(dir, 'index.js'))) throw error;
  }
  return dir;
}

/** A superset of what the bundles read: any code change in lambda-src, dependencies or compiler settings rebuilds. */
function inputsHash(root: string, target: string): string {
  const hash = createHash('sha256').update(JSON.stringify({ esbuildVersion, OPTIONS, target, ENTRY_POINTS }));
  const sources = listFiles(root, 'lambda-src').filter((file) => /\.(ts|js|json)$/.test(file));
  const files = [...sources, 'package-lock.json', 'tsconfig.json'];
  for (const file of files) {
    hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

function listFiles(root: string, dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const relative = path.posix.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(root, relative) : [relative];
    });
}

/** This file also runs from the synth bundle in `.build/`, so the root is found, not assumed. */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, ENTRY_POINTS.presign))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find the repository root (with ${ENTRY_POINTS.presign}) above ${__dirname}`);
  }
}
