// Runs the app the way `npm run synth` and `cdktf synth` do: esbuild transpiles and bundles our own
// TypeScript (no type-check: that is `npm run typecheck`), then the bundle runs in this process.
// Source maps stay off at run time: cdktf captures a stack trace for every token, and mapping each
// one costs more than the synth itself. For a mapped trace: node --enable-source-maps .build/main.js
import { buildSync } from 'esbuild';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, '.build/main.js');
buildSync({
  entryPoints: [join(root, 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  outfile,
  logLevel: 'warning',
});
createRequire(import.meta.url)(outfile);
