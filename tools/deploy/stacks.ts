/**
 * Which stacks a deploy or diff runs, and in which order: read from the synthesized
 * `manifest.json` (every stack with the stacks it reads outputs from), never from a hard-coded list.
 */
import { ManifestStack, SynthesizedOutputError, readManifest as readSynthesizedManifest } from '../../analysis/synthesized';

export type { ManifestStack };

/** The stacks of a synthesized directory, by name; an unreadable manifest is bad input (exit 2). */
export function readManifest(outdir: string): Record<string, ManifestStack> {
  try {
    return readSynthesizedManifest(outdir);
  } catch (error) {
    if (error instanceof SynthesizedOutputError) throw new UsageError(`${error.message} Or name the synthesized directory with --out <dir>.`);
    throw error;
  }
}

/** Bad arguments or input: exit 2. */
export class UsageError extends Error {}

const globToRegExp = (glob: string): RegExp => new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

/**
 * The selected stacks (all of them without `patterns`; `*` matches any run of characters) in
 * waves: a stack runs in the wave after the last of its selected dependencies, so `network`, then
 * every `service-<name>`, then every `network-link-<name>`. Dependencies left out of the selection
 * must already be deployed; a pattern that selects nothing is an error, not an empty deploy.
 */
export function deployWaves(stacks: Record<string, ManifestStack>, patterns: readonly string[] = []): string[][] {
  const names = Object.keys(stacks).sort();
  const selected = new Set<string>();
  for (const pattern of patterns.length > 0 ? patterns : ['*']) {
    const matches = names.filter((name) => globToRegExp(pattern).test(name));
    if (matches.length === 0) throw new UsageError(`no stack matches "${pattern}". Fix: use one of ${names.join(', ')} ('*' matches any characters).`);
    for (const name of matches) selected.add(name);
  }
  const depth = new Map<string, number>();
  const depthOf = (name: string, seen: string[]): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (seen.includes(name)) throw new Error(`manifest.json: stacks depend on each other in a cycle: ${[...seen, name].join(' -> ')}`);
    const upstream = stacks[name].dependencies.filter((d) => selected.has(d)).map((d) => depthOf(d, [...seen, name]) + 1);
    const result = Math.max(0, ...upstream);
    depth.set(name, result);
    return result;
  };
  const waves: string[][] = [];
  for (const name of [...selected].sort()) (waves[depthOf(name, [])] ??= []).push(name);
  return waves;
}
