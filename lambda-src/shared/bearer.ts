/** Generous for IdP tokens carrying group claims, small enough to refuse junk before parsing. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

/** The scheme is case-insensitive (RFC 7235); the token must look like a compact JWS. */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

type HeaderDenial = 'missing-header' | 'duplicate-header' | 'oversized-header' | 'not-bearer';

/** The header maps API Gateway passes to both a REQUEST authorizer and a proxy integration. */
interface RequestHeaders {
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
}

/**
 * The token of exactly one `Authorization: Bearer` header. Every header is visible here, so a
 * second Authorization header (which a TOKEN authorizer would never notice) is refused.
 */
export function bearerToken(request: RequestHeaders): { token: string } | { denial: HeaderDenial } {
  const values = authorizationValues(request);
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
function authorizationValues(request: RequestHeaders): string[] {
  const multi = request.multiValueHeaders;
  if (multi && Object.keys(multi).length > 0) {
    return Object.entries(multi)
      .filter(([name]) => name.toLowerCase() === 'authorization')
      .flatMap(([, values]) => values ?? []);
  }
  return Object.entries(request.headers ?? {})
    .filter(([name, value]) => name.toLowerCase() === 'authorization' && value !== undefined)
    .map(([, value]) => value as string);
}
