import { createLocalJWKSet, type JWTHeaderParameters, type JWTPayload, jwtVerify } from 'jose';
import type { IdentityConfig } from './identity-config';
import { DEFAULT_JWKS_TUNING, type JwksTuning, remoteJwks } from './jwks';
import { USERNAME_PATTERN } from './mapping';

/** Asymmetric algorithms only: `none` and HMAC (where a public key could double as the secret) are refused. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];

/** Tolerated clock difference between the IdP and Lambda for `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * `typ` header values of tokens that identify a user to a client: ID tokens (`JWT`, OIDC Core) and
 * access tokens (`at+jwt`, RFC 9068). Logout tokens (`logout+jwt`, OIDC Back-Channel Logout 2.4)
 * and security event tokens (`secevent+jwt`, RFC 8417) carry a `sub` too, but prove no sign-in.
 */
const USER_TOKEN_TYPES = new Set(['jwt', 'at+jwt']);
/** Cognito's `token_use` (refresh tokens are encrypted and never get this far). */
const USER_TOKEN_USES = new Set(['id', 'access']);
/** Keycloak's `typ` claim: `Refresh`, `Offline` and `Logout` tokens are signed JWTs of the same issuer. */
const USER_TOKEN_TYP_CLAIMS = new Set(['id', 'bearer']);

export type Verification = { userId: string } | { denial: string; detail?: string };
export type TokenVerifier = (token: string) => Promise<Verification>;

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
 * Returns a verifier that owns the JWKS cache for the life of the container. The authorizer and
 * the presign function use the same one, so the user the presign function acts for is the one the
 * token proves, whatever its event says.
 */
export function createTokenVerifier(config: IdentityConfig, tuning: JwksTuning = DEFAULT_JWKS_TUNING): TokenVerifier {
  const keys = 'uri' in config.jwks ? remoteJwks(config.jwks.uri, config.jwks.proxy, tuning) : createLocalJWKSet(config.jwks.document);

  return async (token) => {
    let payload: JWTPayload;
    let header: JWTHeaderParameters;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
        // Also makes `iat` required and refuses one in the future.
        maxTokenAge: config.maxTokenAgeSeconds,
      }));
    } catch (error) {
      const denial = tokenRejection(error);
      if (denial === undefined) throw error;
      return denial;
    }
    const refusal = tokenTypeRefusal(header, payload) ?? audienceRefusal(payload, config) ?? requiredClaimRefusal(payload, config.requiredClaims);
    if (refusal !== undefined) return refusal;
    const userId = payload[config.userClaim];
    if (typeof userId !== 'string' || !USERNAME_PATTERN.test(userId)) return { denial: 'bad-username', detail: `claim ${config.userClaim}` };
    return { userId };
  };
}

/** By code, the identifier jose documents as stable across versions, not by class. */
function tokenRejection(error: unknown): { denial: string; detail?: string } | undefined {
  const { code, claim, message } = (error ?? {}) as { code?: string; claim?: string; message?: string };
  if (code === 'ERR_JWT_EXPIRED' && claim === 'iat') return { denial: 'too-old', detail: message };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { denial: `invalid-${claim ?? 'claim'}`, detail: message };
  const denial = code === undefined ? undefined : TOKEN_REJECTIONS[code];
  return denial === undefined ? undefined : { denial, detail: message };
}

function tokenTypeRefusal(header: JWTHeaderParameters, payload: JWTPayload): { denial: string; detail: string } | undefined {
  const refuse = (detail: string) => ({ denial: 'invalid-token-type', detail });
  // RFC 8725 3.11: media types compare case-insensitively, with or without "application/".
  const typ = header.typ?.toLowerCase().replace(/^application\//, '');
  if (typ !== undefined && !USER_TOKEN_TYPES.has(typ)) return refuse(`typ header ${header.typ}`);
  if (payload.events !== undefined) return refuse('an events claim (logout or security event token)');
  if (payload.token_use !== undefined && !USER_TOKEN_USES.has(String(payload.token_use))) return refuse(`token_use ${String(payload.token_use)}`);
  if (payload.typ !== undefined && !USER_TOKEN_TYP_CLAIMS.has(String(payload.typ).toLowerCase())) return refuse(`typ claim ${String(payload.typ)}`);
  return undefined;
}

/**
 * ID tokens carry the client in `aud`; access tokens of some IdPs (e.g. Cognito) only in
 * `client_id`. With several audiences, OIDC Core 3.1.3.7 makes `azp` the client the token was
 * issued to: it must be present then, and whenever present it must be one we accept.
 */
function audienceRefusal(payload: JWTPayload, config: IdentityConfig): { denial: string } | undefined {
  if (payload.aud !== undefined) {
    const values = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!values.some((value) => config.audiences.includes(value))) return { denial: 'invalid-aud' };
    if (values.length > 1 && payload.azp === undefined) return { denial: 'invalid-azp' };
  } else if (typeof payload.client_id !== 'string' || !config.audiences.includes(payload.client_id)) {
    return { denial: 'invalid-aud' };
  }
  if (payload.azp !== undefined && (typeof payload.azp !== 'string' || !config.authorizedParties.includes(payload.azp))) return { denial: 'invalid-azp' };
  return undefined;
}

/**
 * Each required claim must hold an accepted value, or be a list containing one (`groups`). A claim
 * the IdP left out counts as not matching: Entra ID, for instance, replaces `groups` by an overage
 * pointer (`_claim_names`) for members of more than 200 groups, and that user is refused.
 */
function requiredClaimRefusal(payload: JWTPayload, required: Record<string, string[]>): { denial: string; detail: string } | undefined {
  for (const [claim, accepted] of Object.entries(required)) {
    const value = payload[claim];
    const values = Array.isArray(value) ? value : [value];
    if (!values.some((item) => typeof item === 'string' && accepted.includes(item))) return { denial: 'missing-required-claim', detail: `claim ${claim}` };
  }
  return undefined;
}
