/**
 * A landing zone synthesized for an analysis or a test: `app.synth()` into a directory, then read
 * back with the reader.
 */
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
import { readSynthesizedStacks } from './reader';
import { SynthesizedStack } from './types';

export interface SynthResult {
  outdir: string;
  landingZone: ResolvedLandingZone;
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
  const landingZone = typeof config === 'string' ? loadAccountFile(config).config : resolveConfig(config);
  // As main.ts does: cdktf's per-token creation stacks are never read, and capturing them is most
  // of a synth's time (about 400 ms instead of 100 ms for the example).
  const app = new App({ outdir: dir, stackTraces: false });
  const bundles = buildLambdaBundles(landingZone.lambdaRuntime);
  const stacks = withQuietStackTraces(() => {
    const added = addLandingZone(app, landingZone, bundles);
    app.synth();
    return added;
  });
  return { outdir: dir, landingZone, stacks, json: readSynthesizedStacks(dir) };
}
