/**
 * Synthesizes one landing zone: the account file named by LANDING_ENV (default `example`) or
 * LANDING_ACCOUNT_FILE, validated in full before any stack exists, so a bad file writes nothing.
 */
import { App } from 'cdktf';
import { ConfigError, accountFilePath, loadAccountFile } from './modules/config/validate';
import { GuardrailViolationError, contextFromConfig, enforceGuardrails } from './modules/guardrails';
import { writeCorporateDnsArtifacts } from './modules/corporate-dns';
import { addLandingZone } from './modules/landing-zone';
import { landingZoneSummary } from './modules/summary';
import { withQuietStackTraces } from './modules/shared/quiet-stack-traces';
import { buildLambdaBundles } from './lambda-src/build';

function main(): void {
  const file = accountFilePath();
  const { config } = loadAccountFile(file);
  const bundles = buildLambdaBundles();
  // Stack traces in construct metadata are for debugging cdktf itself; they cost time on every synth.
  const app = new App({ stackTraces: false });
  withQuietStackTraces(() => {
    addLandingZone(app, config, bundles);
    app.synth();
  });
  writeCorporateDnsArtifacts(config, app.outdir);
  enforceGuardrails(app.outdir, { context: contextFromConfig(config) });
  console.log(landingZoneSummary(config, app.outdir));
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof GuardrailViolationError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
