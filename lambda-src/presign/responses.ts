import type { APIGatewayProxyResult } from 'aws-lambda';

/** Every answer is per user and may carry a credential: never cached, never leaked as a Referer. */
const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

/** Seconds a client should wait after a 503; longer than the SDK's own retries took. */
export const RETRY_AFTER_SECONDS = 5;

type ErrorStatus = 401 | 403 | 500 | 502 | 503;

/** Deliberately generic: the reason is in the logs, under the request id the body carries. */
const ERROR_MESSAGES: Record<ErrorStatus, string> = {
  401: 'Sign in again: the request carries no acceptable token',
  403: 'Access to SageMaker Studio is not configured for this user',
  500: 'Internal error',
  502: 'SageMaker Studio is not available for this user',
  503: 'Service temporarily unavailable, retry later',
};

export function redirect(url: string): APIGatewayProxyResult {
  return { statusCode: 302, headers: { ...COMMON_HEADERS, Location: url }, body: '' };
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { ...COMMON_HEADERS, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(statusCode: ErrorStatus, requestId: string): APIGatewayProxyResult {
  const headers: Record<string, string> =
    statusCode === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : statusCode === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return json(statusCode, { error: ERROR_MESSAGES[statusCode], requestId }, headers);
}

/** Whether the client asked for JSON (a portal fetching the URL) rather than a browser redirect. */
export function wantsJson(headers: Record<string, string | undefined> | null): boolean {
  const accept = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'accept')?.[1];
  return accept !== undefined && /(^|,)\s*application\/json\s*(;|,|$)/i.test(accept);
}
