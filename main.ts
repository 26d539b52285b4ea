/**
 * Synthesizes one landing zone: the account file named by LANDING_ENV (default `example`) or
 * LANDING_ACCOUNT_FILE, validated in full before any stack exists, so a bad file writes nothing.
 */
import { App } from 'cdktf';
import { ConfigError, accountFilePath, loadAccountFile } from './modules/config/validate';
import { addLandingZone } from './modules/landing-zone';
import { landingZoneSummary } from './modules/summary';
import { buildLambdaBundles } from './lambda-src/build';

function main(): void {
  const file = accountFilePath();
  const { config } = loadAccountFile(file);
  const bundles = buildLambdaBundles();
  const app = new App();
  addLandingZone(app, config, bundles);
  app.synth();
  console.log(landingZoneSummary(config, app.outdir));
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
