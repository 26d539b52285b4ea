import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';

/** Generous for IdP tokens carrying group claims, small enough to refuse junk before parsing. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

/** The scheme is case-insensitive (RFC 7235); the token must look like a compact JWS. */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

export type HeaderDenial = 'missing-header' | 'duplicate-header' | 'oversized-header' | 'not-bearer';

/**
 * The token of exactly one `Authorization: Bearer` header. A REQUEST authorizer sees every header,
 * so a second Authorization header (which a TOKEN authorizer would never notice) is refused.
 */
export function bearerToken(event: APIGatewayRequestAuthorizerEvent): { token: string } | { denial: HeaderDenial } {
  const values = authorizationValues(event);
  if (values.length === 0) return { denial: 'missing-header' };
  if (values.length > 1) return { denial: 'duplicate-header' };
  const [value] = values;
  if (value.length > MAX_AUTHORIZATION_LENGTH) return { denial: 'oversized-header' };
  const match = BEARER.exec(value);
  return match ? { token: match[1] } : { denial: 'not-bearer' };
}

/**
 * multiValueHeaders holds every occurrence; headers only the last one per name, so it is the
 * fallback. Names are matched case-insensitively as HTTP requires.
 */
function authorizationValues(event: APIGatewayRequestAuthorizerEvent): string[] {
  const multi = event.multiValueHeaders;
  if (multi) {
    return Object.entries(multi)
      .filter(([name]) => name.toLowerCase() === 'authorization')
      .flatMap(([, values]) => values ?? []);
  }
  return Object.entries(event.headers ?? {})
    .filter(([name, value]) => name.toLowerCase() === 'authorization' && value !== undefined)
    .map(([, value]) => value as string);
}
