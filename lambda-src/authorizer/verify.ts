import { createLocalJWKSet, createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { USERNAME_PATTERN } from '../shared/mapping';
import type { AuthorizerConfig } from './config';

/** Asymmetric algorithms only: `none` and HMAC (where a public key could double as the secret) are refused. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** Tolerated clock difference between the IdP and Lambda for `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 30;

export interface VerifierTuning {
  /** Minimum time between two JWKS fetches, which bounds the refetches an unknown `kid` can cause. */
  jwksCooldownMs: number;
  /** Age after which the cached JWKS is fetched again, so a key the IdP withdrew stops verifying. */
  jwksMaxAgeMs: number;
  jwksTimeoutMs: number;
}

export const DEFAULT_TUNING: VerifierTuning = { jwksCooldownMs: 30_000, jwksMaxAgeMs: 600_000, jwksTimeoutMs: 2_000 };

export type Verification = { username: string } | { denial: string; detail?: string };

/** jose error codes that mean "this token is not acceptable"; any other failure is ours (e.g. JWKS unreachable). */
const TOKEN_REJECTIONS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'bad-signature',
  ERR_JOSE_ALG_NOT_ALLOWED: 'alg-not-allowed',
  ERR_JWKS_NO_MATCHING_KEY: 'unknown-key',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'ambiguous-key',
  ERR_JWS_INVALID: 'malformed-token',
  ERR_JWT_INVALID: 'malformed-token',
  ERR_JOSE_NOT_SUPPORTED: 'malformed-token',
};

/**
 * Returns a verifier that owns the JWKS cache for the life of the container. jose refetches the set
 * for an unknown `kid` at most once per cooldown, so forged `kid`s cannot hammer the IdP.
 */
export function createTokenVerifier(config: AuthorizerConfig, tuning: VerifierTuning = DEFAULT_TUNING) {
  const keys =
    'uri' in config.jwks
      ? createRemoteJWKSet(config.jwks.uri, {
          cooldownDuration: tuning.jwksCooldownMs,
          cacheMaxAge: tuning.jwksMaxAgeMs,
          timeoutDuration: tuning.jwksTimeoutMs,
        })
      : createLocalJWKSet(config.jwks.document);

  return async (token: string): Promise<Verification> => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const denial = tokenRejection(error);
      if (denial === undefined) throw error;
      return denial;
    }
    if (!audienceAccepted(payload, config.audiences)) return { denial: 'invalid-aud' };
    const username = payload[config.usernameClaim];
    if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) return { denial: 'bad-username' };
    return { username };
  };
}

/** By code, the identifier jose documents as stable across versions, not by class. */
function tokenRejection(error: unknown): { denial: string; detail?: string } | undefined {
  const { code, claim, message } = (error ?? {}) as { code?: string; claim?: string; message?: string };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { denial: `invalid-${claim ?? 'claim'}`, detail: message };
  const denial = code === undefined ? undefined : TOKEN_REJECTIONS[code];
  return denial === undefined ? undefined : { denial, detail: message };
}

/** ID tokens carry the client in `aud`; access tokens of some IdPs (e.g. Cognito) only in `client_id`. */
function audienceAccepted(payload: JWTPayload, audiences: string[]): boolean {
  if (payload.aud !== undefined) {
    const values = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return values.some((value) => audiences.includes(value));
  }
  return typeof payload.client_id === 'string' && audiences.includes(payload.client_id);
}
