import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { LandingZoneConfig, ResolvedLandingZone } from '../../modules/config/types';
import { resolveConfig } from '../../modules/config/resolve';
import { LandingZoneStacks, addLandingZone } from '../../modules/landing-zone';
import { buildLambdaBundles } from '../../lambda-src/build';

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

/** Full `app.synth()` of a landing zone into a fresh temporary directory (cross-stack wiring included). */
export function synthLandingZone(config: LandingZoneConfig, outdir?: string): SynthResult {
  const dir = outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'landing-synth-'));
  const zone = resolveConfig(config);
  const app = new App({ outdir: dir });
  const stacks = addLandingZone(app, zone, buildLambdaBundles());
  app.synth();
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
