/**
 * Configuration comes only from environment variables set by the service stack. A missing or
 * unparsable value fails the invocation with a message naming the variable, rather than running
 * with a guess.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A Lambda environment variable is missing or unusable: a deployment fault, not an account-file
 * problem (those are `ConfigError`s, refused at synth).
 */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

export function requiredString(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new EnvironmentError(`${name} must be set`);
  return value;
}

export function optionalString(env: Env, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

/**
 * An integer setting bounded to what the consuming API accepts. Out-of-range values are clamped
 * rather than refused: the API's limits are fixed, and an operator asking for "a day" should get the
 * longest allowed session, not an outage. Required: its default is the account file's
 * (modules/config/resolve.ts), which the stack always sets, so no second default lives here.
 */
export function clampedInteger(env: Env, name: string, bounds: { min: number; max: number }): number {
  const raw = requiredString(env, name);
  if (!/^-?\d+$/.test(raw)) throw new EnvironmentError(`${name} must be an integer number of seconds, got "${raw}"`);
  return Math.min(bounds.max, Math.max(bounds.min, Number(raw)));
}
