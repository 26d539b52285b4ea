/**
 * `npm run diagram [-- --synth <dir>] [-- --out <dir>]`: draws the landing zone from the synthesized
 * stacks (default `cdktf.out`) as Mermaid, DOT, SVG and PNG, into `<synth>/diagram` by default.
 * The README's diagram is the example's: `npm run synth && npm run diagram -- --out docs`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { renderDot } from './dot';
import { renderMermaid } from './mermaid';
import { buildDiagram } from './model';
import { readSynthesizedStacks } from './synthesized';

const BASENAME = 'architecture';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a directory`);
  return value;
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
  const synth = option(args, '--synth') ?? 'cdktf.out';
  const outdir = option(args, '--out') ?? path.join(synth, 'diagram');
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
