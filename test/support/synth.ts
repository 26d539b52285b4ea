import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { LandingZoneConfig, ResolvedLandingZone } from '../../modules/config/types';
import { resolveConfig } from '../../modules/config/resolve';
import { loadAccountFile } from '../../modules/config/load';
import { LandingZoneStacks, addLandingZone } from '../../modules/landing-zone';
import { buildLambdaBundles } from '../../lambda-src/build';
import { withQuietStackTraces } from '../../modules/shared/quiet-stack-traces';

/** A synthesized stack: its `cdk.tf.json`, parsed. */
export type SynthesizedStack = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  terraform?: Record<string, unknown>;
  provider?: Record<string, unknown[]>;
  [key: string]: unknown;
};

export interface SynthResult {
  outdir: string;
  zone: ResolvedLandingZone;
  stacks: LandingZoneStacks;
  /** Parsed `cdk.tf.json` by stack name, with every cross-stack reference resolved. */
  json: Record<string, SynthesizedStack>;
}

/**
 * Full `app.synth()` of a landing zone into a fresh temporary directory (cross-stack wiring
 * included). `config` is a config object, or the path of an account file (validated first).
 */
export function synthLandingZone(config: LandingZoneConfig | string, outdir?: string): SynthResult {
  const dir = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'landing-synth-'));
  const zone = typeof config === 'string' ? loadAccountFile(config).config : resolveConfig(config);
  // As main.ts does: cdktf's per-token creation stacks are never read, and capturing them is most
  // of a synth's time (about 400 ms instead of 100 ms for the example).
  const app = new App({ outdir: dir, stackTraces: false });
  const bundles = buildLambdaBundles(zone.lambdaRuntime);
  const stacks = withQuietStackTraces(() => {
    const added = addLandingZone(app, zone, bundles);
    app.synth();
    return added;
  });
  const stacksDir = path.join(dir, 'stacks');
  const json = Object.fromEntries(
    fs.readdirSync(stacksDir).map((name) => [
      name,
      JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as SynthesizedStack,
    ]),
  );
  return { outdir: dir, zone, stacks, json };
}

/** The resources of one type in a synthesized stack, by logical id. */
export function resourcesOfType(stack: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}

/** The single resource of a type in a stack; fails the test when there is not exactly one. */
export function onlyResource(stack: SynthesizedStack, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOfType(stack, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Every resource of a type whose properties include `match` (shallow equality per key). */
export function findResources(
  stack: SynthesizedStack,
  type: string,
  match: Record<string, unknown> = {},
): Record<string, unknown>[] {
  return Object.values(resourcesOfType(stack, type)).filter((r) =>
    Object.entries(match).every(([k, v]) => JSON.stringify(r[k]) === JSON.stringify(v)),
  );
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** A synthesized policy attribute, parsed: it must be plain JSON, not a Terraform function call. */
export function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== 'string') throw new Error(`policy is not a JSON string: ${JSON.stringify(policy)}`);
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement;
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
