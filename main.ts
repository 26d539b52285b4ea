/**
 * Synthesizes one landing zone: the account file named by LANDING_ENV (default `example`) or
 * LANDING_ACCOUNT_FILE, validated in full before any stack exists, so a bad file writes nothing.
 */
import { ConfigError, accountFilePath } from './modules/config/validate';
import { GuardrailViolationError } from './modules/guardrails';
import { landingZoneSummary } from './modules/summary';
import { synthesizeAccountFile } from './modules/synthesize';

function main(): void {
  const { config, outdir } = synthesizeAccountFile(accountFilePath());
  console.log(landingZoneSummary(config, outdir));
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
