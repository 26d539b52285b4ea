/**
 * `npm run diagram -- [--out <synth output dir>] [--dest <dir>]`: draws the landing zone from the
 * synthesized stacks (`--out` as for `npm run paths` and `verify`, default `cdktf.out`) as Mermaid,
 * DOT, SVG and PNG, written to `<out>/diagram` unless `--dest` says otherwise. The README's diagram
 * is the example's: `npm run synth && npm run diagram -- --dest docs`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { renderDot } from './dot';
import { renderMermaid } from './mermaid';
import { buildDiagram } from './model';
import { readSynthesizedStacks } from './synthesized';

const BASENAME = 'architecture';
const USAGE = 'usage: npm run diagram -- [--out <synthesized output dir, default cdktf.out>] [--dest <dir, default <out>/diagram>]';

function options(args: string[]): { out: string; dest: string } {
  try {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, dest: { type: 'string' } }, strict: true });
    const out = values.out ?? 'cdktf.out';
    return { out, dest: values.dest ?? path.join(out, 'diagram') };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
}

function graphviz(format: 'svg' | 'png', dotFile: string): string {
  const out = dotFile.replace(/\.dot$/, `.${format}`);
  const args = [`-T${format}`, ...(format === 'png' ? ['-Gdpi=110'] : []), '-o', out, dotFile];
  const result = spawnSync('dot', args, { encoding: 'utf8' });
  if (result.error) throw new Error(`Graphviz \`dot\` is needed for the ${format.toUpperCase()} (Debian: apt-get install -y graphviz): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`dot ${args.join(' ')} failed:\n${result.stderr}`);
  return out;
}

function main(args: string[]): void {
  const { out: synth, dest: outdir } = options(args);
  const diagram = buildDiagram(readSynthesizedStacks(synth));
  fs.mkdirSync(outdir, { recursive: true });
  const mermaid = path.join(outdir, `${BASENAME}.mmd`);
  const dot = path.join(outdir, `${BASENAME}.dot`);
  fs.writeFileSync(mermaid, renderMermaid(diagram));
  fs.writeFileSync(dot, renderDot(diagram));
  const written = [mermaid, dot, graphviz('svg', dot), graphviz('png', dot)];
  console.log(`Diagram of ${synth} (${diagram.clusters.filter((c) => c.kind === 'account').length} accounts):\n${written.map((f) => `  ${f}`).join('\n')}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
