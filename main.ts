/**
 * Synthesizes one landing zone: the account file named by LANDING_ENV (default `example`) or
 * LANDING_ACCOUNT_FILE, through the same pipeline a team's own app uses (`synthesizeLandingZone`):
 * a bad file or a guardrail violation writes nothing.
 */
import { accountFilePath } from './modules/config/load';
import { ConfigError } from './modules/config/problems';
import { GuardrailViolationError } from './analysis/guardrails';
import { synthesizeLandingZone } from './modules/synthesize';

try {
  console.log(synthesizeLandingZone({ accountFile: accountFilePath() }).summary);
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
