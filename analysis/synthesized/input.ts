/**
 * What `npm run paths`, `verify` and `diagram` read: a synthesized directory as it is, or an
 * account file, synthesized first into a temporary directory by the pipeline of `npm run synth`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type ParseArgsConfig, parseArgs } from 'util';
import { ConfigError } from '../../modules/config/problems';
import { GuardrailViolationError } from '../guardrails';
import { synthesizeLandingZone } from '../../modules/synthesize';

export const INPUT_USAGE = '<account file or synthesized dir, default cdktf.out>';

export interface SynthesizedInput {
  /** The synthesized directory to read. */
  outdir: string;
  /** The account file it was synthesized from, when one was given. */
  accountFile?: string;
  /** Removes the temporary synthesis of an account file; nothing for a directory. */
  dispose(): void;
}

/** The input could not be read or synthesized; `exitCode` as `npm run synth` would exit for it. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

interface ToolArgs {
  /** The account file or synthesized directory: the positional argument or `--out`. */
  target: string;
  values: Record<string, string | boolean | undefined>;
}

/**
 * A tool's arguments: at most one input, positional or `--out <path>` (the older spelling), plus
 * the tool's own `options`. Throws with `usage` on anything else.
 */
export function parseToolArgs(argv: readonly string[], options: NonNullable<ParseArgsConfig['options']>, usage: string): ToolArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, out: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const targets = [...positionals, ...(typeof values.out === 'string' ? [values.out] : [])];
  if (targets.length > 1) throw new Error(`one input only, got ${targets.join(', ')}\n${usage}`);
  return { target: targets[0] ?? 'cdktf.out', values };
}

export function openSynthesizedInput(target: string): SynthesizedInput {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new InputError(`${target}: no such file or directory. Fix: give an account file or a synthesized directory (\`npm run synth\` writes cdktf.out).`, 2);
  }
  if (stat.isDirectory()) return { outdir: target, dispose: () => undefined };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landing-zone-synth-'));
  const dispose = () => fs.rmSync(outdir, { recursive: true, force: true });
  try {
    synthesizeLandingZone({ accountFile: target, outdir });
    return { outdir, accountFile: target, dispose };
  } catch (error) {
    dispose();
    if (error instanceof ConfigError) throw new InputError(error.message, 2);
    if (error instanceof GuardrailViolationError) throw new InputError(error.message, 1);
    throw error;
  }
}
