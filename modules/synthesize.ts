/**
 * The pipeline of `npm run synth`, shared with the tools that accept an account file (`paths`,
 * `verify`, `diagram`): validate the file in full before any stack exists (a bad file writes
 * nothing), synthesize every stack, write the corporate DNS files, enforce the guardrails.
 */
import { App } from 'cdktf';
import { ResolvedLandingZone } from './config/types';
import { loadAccountFile } from './config/validate';
import { contextFromConfig, enforceGuardrails } from './guardrails';
import { writeCorporateDnsArtifacts } from './corporate-dns';
import { addLandingZone } from './landing-zone';
import { withQuietStackTraces } from './shared/quiet-stack-traces';
import { buildLambdaBundles } from '../lambda-src/build';

export interface SynthesizedLandingZone {
  config: ResolvedLandingZone;
  /** Where the stacks were written. */
  outdir: string;
}

/**
 * Throws `ConfigError` for a bad account file and `GuardrailViolationError` when a guardrail
 * refuses the output. `outdir` defaults to cdktf's (`CDKTF_OUTDIR`, else `cdktf.out`).
 */
export function synthesizeAccountFile(file: string, outdir?: string): SynthesizedLandingZone {
  const { config } = loadAccountFile(file);
  const bundles = buildLambdaBundles();
  // Stack traces in construct metadata are for debugging cdktf itself; they cost time on every synth.
  const app = new App({ stackTraces: false, ...(outdir ? { outdir } : {}) });
  withQuietStackTraces(() => {
    addLandingZone(app, config, bundles);
    app.synth();
  });
  writeCorporateDnsArtifacts(config, app.outdir);
  enforceGuardrails(app.outdir, { context: contextFromConfig(config) });
  return { config, outdir: app.outdir };
}
