// Runs the app the way `npm run synth` and `cdktf synth` do: esbuild transpiles our TypeScript (no
// type-check: that is `npm run typecheck`) and bundles it with cdktf, constructs and the provider
// classes it imports into one file, which runs in this process. Loading one file and, through a V8
// code cache, skipping its compilation is most of what a synth costs, so both are kept in
// .build/synth/ and reused while the bundle's inputs are unchanged:
//   - every file of ours the bundle includes (esbuild's metafile lists them), by content;
//   - the packages it includes, through the lockfiles (package-lock.json and the installed tree's
//     node_modules/.package-lock.json, which npm rewrites on every install);
//   - the Node version and architecture, the esbuild version, the repository's location and this
//     script (the build options).
// Any change rebuilds the bundle before the synth. `--no-cache` bundles only our code, with every
// package loaded from node_modules, as before the cache: the reference the cached output must match
// byte for byte (test/cli/synth-cache.test.ts).
// Source maps stay off at run time: cdktf captures a stack trace for every token, and mapping each
// one costs more than the synth itself. For a mapped trace: node --enable-source-maps .build/synth/main.js
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Module, createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';

const self = fileURLToPath(import.meta.url);
const root = path.join(path.dirname(self), '..');
const entry = path.join(root, 'main.ts');
const cacheDir = path.join(root, '.build/synth');
const bundleFile = path.join(cacheDir, 'main.js');
const manifestFile = path.join(cacheDir, 'manifest.json');
const codeCacheFile = path.join(cacheDir, 'main.js.v8-cache');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const readOrEmpty = (file) => {
  try {
    return fs.readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
};

/** Written aside and renamed into place, so a concurrent synth never reads a half-written file. */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/** What the bundle depends on besides our own source files. */
function environmentKey() {
  const esbuildPackage = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/esbuild/package.json'), 'utf8'));
  return sha256(
    [
      process.version,
      process.arch,
      esbuildPackage.version,
      root,
      sha256(fs.readFileSync(self)),
      sha256(readOrEmpty(path.join(root, 'package-lock.json'))),
      sha256(readOrEmpty(path.join(root, 'node_modules/.package-lock.json'))),
    ].join('\n'),
  );
}

/** Our files the bundle was built from (relative to the root), with their content hashes. */
const hashInputs = (files) => Object.fromEntries(files.map((file) => [file, sha256(readOrEmpty(path.join(root, file)))]));

function upToDate(environment) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.environment !== environment || !fs.existsSync(bundleFile)) return false;
  const inputs = hashInputs(Object.keys(manifest.inputs));
  return Object.entries(manifest.inputs).every(([file, hash]) => inputs[file] === hash);
}

/**
 * cdktf loads `archiver` (about a third of cdktf's load time) for zipping directory assets, which
 * this app never makes (its Lambda archives are built by lambda-src/build.ts). The bundle loads it
 * from cdktf's own dependencies on the first call instead.
 */
const lazyArchiver = {
  name: 'lazy-archiver',
  setup(build) {
    build.onResolve({ filter: /^archiver$/ }, (args) => ({ path: args.resolveDir, namespace: 'lazy-archiver' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-archiver' }, (args) => ({
      contents: `module.exports = (...args) => require('module').createRequire(${JSON.stringify(path.join(args.path, 'index.js'))})('archiver')(...args);`,
      loader: 'js',
    }));
  },
};

async function rebuild(environment, options) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    metafile: true,
    write: false,
    outfile: bundleFile,
    logLevel: 'warning',
    ...options,
  });
  fs.mkdirSync(cacheDir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const ours = Object.keys(result.metafile.inputs).filter((file) => !/(^|\/)node_modules\//.test(file) && !file.includes(':'));
  writeAtomically(manifestFile, `${JSON.stringify({ environment, inputs: hashInputs(ours) }, null, 2)}\n`);
}

/** Runs the CommonJS bundle in this process, compiled from the V8 code cache when it matches. */
function runBundle() {
  const source = fs.readFileSync(bundleFile, 'utf8');
  const cachedData = fs.existsSync(codeCacheFile) ? fs.readFileSync(codeCacheFile) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: bundleFile, cachedData });
  const module = { exports: {}, filename: bundleFile, id: bundleFile, loaded: false, children: [], paths: [] };
  script.runInThisContext()(module.exports, createRequire(bundleFile), module, bundleFile, cacheDir);
  // Made after the run, so it holds the functions the synth compiled, not only the top level.
  if (cachedData === undefined || script.cachedDataRejected) writeAtomically(codeCacheFile, script.createCachedData());
}

if (process.argv.includes('--no-cache')) {
  const outfile = path.join(root, '.build/main.js');
  const esbuild = await import('esbuild');
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, outfile, logLevel: 'warning' });
  createRequire(import.meta.url)(outfile);
} else {
  const environment = environmentKey();
  if (!upToDate(environment)) await rebuild(environment, { external: ['esbuild'], plugins: [lazyArchiver] });
  runBundle();
}
