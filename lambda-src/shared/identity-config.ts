import type { JSONWebKeySet } from 'jose';
import { EnvironmentError, type Env, optionalString, requiredString } from './env';
import { ENV } from './env-names';
import { type ProxySettings, readProxySettings } from './jwks';

/** How both Lambdas recognise a token and the user it names. */
export interface IdentityConfig {
  issuer: string;
  /** Accepted `aud` values, or `client_id` values for access tokens without `aud`. */
  audiences: string[];
  /** Accepted `azp` values (OIDC Core 3.1.3.7: the client the token was issued to). */
  authorizedParties: string[];
  /** The claim identifying the user, e.g. `sub` or Entra ID's `oid`. */
  userClaim: string;
  /** Claim -> accepted values; every listed claim must carry one of its values. */
  requiredClaims: Record<string, string[]>;
  /** Oldest `iat` accepted. */
  maxTokenAgeSeconds: number;
  jwks: { uri: URL; proxy?: ProxySettings } | { document: JSONWebKeySet };
}

/** Plain HTTP to the IdP could be spoofed inside the VPC; loopback only serves local stand-ins. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Used when the stack sets no maximum age: longer than any common IdP's token lifetime (Entra ID: up to 90 min). */

export function readIdentityConfig(env: Env): IdentityConfig {
  const audiences = list(requiredString(env, ENV.idpAudience));
  if (audiences.length === 0) throw new EnvironmentError(`${ENV.idpAudience} must list at least one audience`);
  const parties = optionalString(env, ENV.idpAuthorizedParties);
  return {
    issuer: requiredString(env, ENV.idpIssuer),
    audiences,
    authorizedParties: parties === undefined ? audiences : list(parties),
    userClaim: requiredString(env, ENV.userClaim),
    requiredClaims: readRequiredClaims(env),
    maxTokenAgeSeconds: readMaxTokenAge(env),
    jwks: readJwksSource(env),
  };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readRequiredClaims(env: Env): Record<string, string[]> {
  const raw = optionalString(env, ENV.idpRequiredClaims);
  if (raw === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new EnvironmentError(`${ENV.idpRequiredClaims} must be a JSON object of claim -> accepted values (invalid JSON)`);
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((values) => Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string' && v !== ''));
  if (!valid) throw new EnvironmentError(`${ENV.idpRequiredClaims} must map each claim name to a non-empty list of strings`);
  return parsed as Record<string, string[]>;
}

function readMaxTokenAge(env: Env): number {
  // Required, as every setting with a default: the default is the account file's, set by the stack.
  const raw = requiredString(env, ENV.idpMaxTokenAgeSeconds);
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new EnvironmentError(`${ENV.idpMaxTokenAgeSeconds} must be a positive integer number of seconds, got "${raw}"`);
  return Number(raw);
}

/**
 * IDP_JWKS_JSON wins when both are set: an operator supplies the document precisely because the
 * IdP cannot be reached from the VPC.
 */
function readJwksSource(env: Env): IdentityConfig['jwks'] {
  const json = optionalString(env, ENV.idpJwksJson);
  if (json !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(json);
    } catch {
      throw new EnvironmentError(`${ENV.idpJwksJson} must be a JSON Web Key Set document (invalid JSON)`);
    }
    if (typeof document !== 'object' || document === null || !Array.isArray((document as JSONWebKeySet).keys)) {
      throw new EnvironmentError(`${ENV.idpJwksJson} must be a JSON Web Key Set document with a "keys" array`);
    }
    return { document: document as JSONWebKeySet };
  }
  const raw = optionalString(env, ENV.idpJwksUri);
  if (raw === undefined) throw new EnvironmentError(`${ENV.idpJwksUri} or ${ENV.idpJwksJson} must be set`);
  let uri: URL;
  try {
    uri = new URL(raw);
  } catch {
    throw new EnvironmentError(`${ENV.idpJwksUri} must be a URL, got "${raw}"`);
  }
  if (uri.protocol !== 'https:' && !(uri.protocol === 'http:' && LOOPBACK_HOSTS.has(uri.hostname))) {
    throw new EnvironmentError(`${ENV.idpJwksUri} must use https`);
  }
  return { uri, proxy: readProxySettings(env, uri) };
}
