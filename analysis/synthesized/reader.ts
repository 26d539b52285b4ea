/**
 * The one reader of a synthesized directory: `manifest.json` says which stacks there are and where
 * each `cdk.tf.json` is, so a stray directory under `stacks/` is never taken for a stack.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ManifestStack, Synthesized, SynthesizedStack } from './types';
import { producerStacks } from './references';

export const MANIFEST_FILE = 'manifest.json';
const STACK_FILE = 'cdk.tf.json';

/** The directory is not what `cdktf synth` writes; the message names the file and the fix. */
export class SynthesizedOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthesizedOutputError';
  }
}

const RESYNTH = 'Fix: synthesize again (npm run synth writes cdktf.out) and pass the directory cdktf synthesized into.';

/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new SynthesizedOutputError(`${file}: ${what} not found. ${RESYNTH}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SynthesizedOutputError(`${file}: not valid JSON (${(error as Error).message}). ${RESYNTH}`);
  }
}

/** The stacks `<outdir>/manifest.json` lists, by name in name order. */
export function readManifest(outdir: string): Record<string, ManifestStack> {
  const file = path.join(outdir, MANIFEST_FILE);
  if (!fs.existsSync(file)) {
    const stacksDir = path.join(outdir, 'stacks');
    const missing = fs.existsSync(stacksDir) ? 'not found beside stacks/' : `not found, and ${stacksDir} does not exist either`;
    throw new SynthesizedOutputError(`${file}: ${missing}: ${outdir} is not a directory cdktf synthesized into. ${RESYNTH}`);
  }
  const json = readJson(file, 'the manifest');
  if (!isRecord(json) || !isRecord(json.stacks)) throw new SynthesizedOutputError(`${file}: field "stacks" is missing or not an object. ${RESYNTH}`);
  const names = Object.keys(json.stacks).sort();
  if (names.length === 0) throw new SynthesizedOutputError(`${file}: field "stacks" lists no stack. ${RESYNTH}`);
  return Object.fromEntries(names.map((name) => [name, manifestStack(file, name, (json.stacks as Record<string, unknown>)[name])]));
}

function manifestStack(file: string, name: string, entry: unknown): ManifestStack {
  const field = (key: string) => `${file}: field "stacks.${name}.${key}"`;
  if (!isRecord(entry)) throw new SynthesizedOutputError(`${file}: field "stacks.${name}" is not an object. ${RESYNTH}`);
  for (const key of ['synthesizedStackPath', 'workingDirectory'] as const) {
    if (typeof entry[key] !== 'string') throw new SynthesizedOutputError(`${field(key)} is missing or not a string. ${RESYNTH}`);
  }
  const dependencies = entry.dependencies ?? [];
  if (!Array.isArray(dependencies) || !dependencies.every((d) => typeof d === 'string')) {
    throw new SynthesizedOutputError(`${field('dependencies')} is not a list of stack names. ${RESYNTH}`);
  }
  return { name, dependencies, workingDirectory: entry.workingDirectory as string, synthesizedStackPath: entry.synthesizedStackPath as string };
}

/** `dir` holds what `cdktf synth` writes (its manifest); says nothing of whether it reads cleanly. */
export const isSynthesizedDirectory = (dir: string): boolean => fs.existsSync(path.join(dir, MANIFEST_FILE));

/** Every stack of a synthesized directory, parsed: the manifest and each stack's `cdk.tf.json`. */
export function readSynthesized(outdir: string): Synthesized {
  const manifest = readManifest(outdir);
  const stacks = Object.fromEntries(
    Object.values(manifest).map((entry) => {
      const json = readJson(path.join(outdir, entry.synthesizedStackPath), `stack ${entry.name}, listed in ${MANIFEST_FILE},`);
      if (!isRecord(json)) throw new SynthesizedOutputError(`${path.join(outdir, entry.synthesizedStackPath)}: not a Terraform JSON object. ${RESYNTH}`);
      return [entry.name, json as SynthesizedStack];
    }),
  );
  return { outdir, manifest, stacks };
}

/** The parsed stacks of a synthesized directory, by name. */
export const readSynthesizedStacks = (outdir: string): Record<string, SynthesizedStack> => readSynthesized(outdir).stacks;

/**
 * Writes stacks as cdktf lays out a synthesized directory (`manifest.json`, dependencies from the
 * cross-stack remote state each stack reads; `stacks/<name>/cdk.tf.json`) and returns `outdir`:
 * for analysing stacks changed in memory with the tools that read a directory.
 */
export function writeSynthesized(outdir: string, stacks: Readonly<Record<string, SynthesizedStack>>): string {
  const manifest: Record<string, ManifestStack> = {};
  for (const [name, json] of Object.entries(stacks)) {
    const workingDirectory = `stacks/${name}`;
    fs.mkdirSync(path.join(outdir, workingDirectory), { recursive: true });
    fs.writeFileSync(path.join(outdir, workingDirectory, STACK_FILE), JSON.stringify(json, null, 2));
    manifest[name] = { name, dependencies: producerStacks(json), workingDirectory, synthesizedStackPath: `${workingDirectory}/${STACK_FILE}` };
  }
  fs.writeFileSync(path.join(outdir, MANIFEST_FILE), JSON.stringify({ stacks: manifest }, null, 2));
  return outdir;
}
