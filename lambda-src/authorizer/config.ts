import type { JSONWebKeySet } from 'jose';
import { ConfigError, type Env, optionalString, requiredString } from '../shared/env';

export interface AuthorizerConfig {
  issuer: string;
  /** Accepted `aud` values, or `client_id` values for access tokens without `aud`. */
  audiences: string[];
  usernameClaim: string;
  jwks: { uri: URL } | { document: JSONWebKeySet };
}

/** Plain HTTP to the IdP could be spoofed inside the VPC; loopback only serves local stand-ins. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function readAuthorizerConfig(env: Env): AuthorizerConfig {
  const audiences = requiredString(env, 'IDP_AUDIENCE')
    .split(',')
    .map((audience) => audience.trim())
    .filter((audience) => audience !== '');
  if (audiences.length === 0) throw new ConfigError('IDP_AUDIENCE must list at least one audience');
  return {
    issuer: requiredString(env, 'IDP_ISSUER'),
    audiences,
    usernameClaim: requiredString(env, 'USERNAME_CLAIM'),
    jwks: readJwksSource(env),
  };
}

/**
 * IDP_JWKS_JSON wins when both are set: an operator supplies the document precisely because the
 * IdP cannot be reached from the VPC.
 */
function readJwksSource(env: Env): AuthorizerConfig['jwks'] {
  const json = optionalString(env, 'IDP_JWKS_JSON');
  if (json !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(json);
    } catch {
      throw new ConfigError('IDP_JWKS_JSON must be a JSON Web Key Set document (invalid JSON)');
    }
    if (typeof document !== 'object' || document === null || !Array.isArray((document as JSONWebKeySet).keys)) {
      throw new ConfigError('IDP_JWKS_JSON must be a JSON Web Key Set document with a "keys" array');
    }
    return { document: document as JSONWebKeySet };
  }
  const raw = optionalString(env, 'IDP_JWKS_URI');
  if (raw === undefined) throw new ConfigError('IDP_JWKS_URI or IDP_JWKS_JSON must be set');
  let uri: URL;
  try {
    uri = new URL(raw);
  } catch {
    throw new ConfigError(`IDP_JWKS_URI must be a URL, got "${raw}"`);
  }
  if (uri.protocol !== 'https:' && !(uri.protocol === 'http:' && LOOPBACK_HOSTS.has(uri.hostname))) {
    throw new ConfigError('IDP_JWKS_URI must use https');
  }
  return { uri };
}
