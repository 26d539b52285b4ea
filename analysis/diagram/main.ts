/**
 * `npm run diagram -- [<account file or synthesized dir>] [--dest <dir>]`: draws the landing zone
 * from the synthesized stacks (default `cdktf.out`; `--out <dir>` also names it), or from an account
 * file synthesized first, as Mermaid, DOT, SVG and PNG. They are written to `<dir>/diagram` for a
 * synthesized directory, to `diagram/<file name>` for an account file, unless `--dest` says
 * otherwise. The README's diagram is the example's: `npm run synth && npm run diagram -- --dest docs`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { INPUT_USAGE, InputError, SynthesizedInput, openSynthesizedInput, parseToolArgs } from '../synthesized/input';
import { renderDot } from './dot';
import { renderMermaid } from './mermaid';
import { buildDiagram } from './model';
import { renderPng, renderSvg } from './render';
import { readDiagramStacks } from './synthesized';

const BASENAME = 'architecture';
const USAGE = `usage: npm run diagram -- [${INPUT_USAGE}] [--dest <dir, default <dir>/diagram or diagram/<account file name>>]`;

function defaultDest(input: SynthesizedInput): string {
  if (!input.accountFile) return path.join(input.outdir, 'diagram');
  return path.join('diagram', path.basename(input.accountFile).replace(/\.ya?ml$/i, ''));
}

async function draw(input: SynthesizedInput, dest: string | undefined): Promise<string> {
  const diagram = buildDiagram(readDiagramStacks(input.outdir));
  const outdir = dest ?? defaultDest(input);
  const dot = renderDot(diagram);
  const svg = await renderSvg(dot);
  const files: Record<string, string | Buffer> = { mmd: renderMermaid(diagram), dot, svg, png: renderPng(svg) };
  fs.mkdirSync(outdir, { recursive: true });
  const written = Object.entries(files).map(([extension, content]) => {
    const file = path.join(outdir, `${BASENAME}.${extension}`);
    fs.writeFileSync(file, content);
    return file;
  });
  const accounts = diagram.clusters.filter((c) => c.kind === 'account').length;
  return `Diagram of ${input.accountFile ?? input.outdir} (${accounts} accounts):\n${written.map((f) => `  ${f}`).join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  let input;
  let dest: string | undefined;
  try {
    const args = parseToolArgs(argv, { dest: { type: 'string' } }, USAGE);
    dest = args.values.dest as string | undefined;
    input = openSynthesizedInput(args.target);
  } catch (error) {
    console.error((error as Error).message);
    return error instanceof InputError ? error.exitCode : 2;
  }
  try {
    console.log(await draw(input, dest));
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    input.dispose();
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
