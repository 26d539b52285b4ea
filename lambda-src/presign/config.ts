import { clampedInteger, type Env, requiredString } from '../shared/env';

export interface PresignConfig {
  tableName: string;
  /** Lifetime of the presigned URL itself; short, as it is a bearer credential until used. */
  urlExpiresSeconds: number;
  /** Lifetime of the Studio session the URL opens. */
  sessionSeconds: number;
}

export function readPresignConfig(env: Env): PresignConfig {
  return {
    tableName: requiredString(env, 'MAPPING_TABLE_NAME'),
    // The bounds are CreatePresignedDomainUrl's own limits.
    urlExpiresSeconds: clampedInteger(env, 'PRESIGNED_URL_EXPIRES_SECONDS', { min: 5, max: 300, fallback: 60 }),
    sessionSeconds: clampedInteger(env, 'STUDIO_SESSION_SECONDS', { min: 1800, max: 43200, fallback: 43200 }),
  };
}
