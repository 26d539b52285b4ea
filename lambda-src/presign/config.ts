import { clampedInteger, type Env, requiredString } from '../shared/env';
import { ENV } from '../shared/env-names';

export interface PresignConfig {
  tableName: string;
  /** Lifetime of the presigned URL itself; short, as it is a bearer credential until used. */
  urlExpiresSeconds: number;
  /** Lifetime of the Studio session the URL opens. */
  sessionSeconds: number;
  /** The function's own region: the only one whose Studio hosts a redirect may name. */
  region: string;
}

export function readPresignConfig(env: Env): PresignConfig {
  return {
    tableName: requiredString(env, ENV.mappingTableName),
    // The bounds are CreatePresignedDomainUrl's own limits.
    urlExpiresSeconds: clampedInteger(env, ENV.presignedUrlExpiresSeconds, { min: 5, max: 300 }),
    sessionSeconds: clampedInteger(env, ENV.studioSessionSeconds, { min: 1800, max: 43200 }),
    region: requiredString(env, ENV.awsRegion),
  };
}
