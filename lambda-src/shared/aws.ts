/**
 * AWS SDK settings shared by the Lambdas and the admin CLI. Endpoints are deliberately absent: the
 * SDK's own configuration (VPC endpoint private DNS in AWS, `AWS_ENDPOINT_URL_<SERVICE>` locally)
 * decides where calls go.
 */

/** Attempts per call, the first included. */
export const MAX_ATTEMPTS = 3;

/** Per attempt: to open the connection, and from then on until the response headers arrive. */
export interface ClientTimeouts {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

/**
 * Standard retry with few attempts and per-attempt timeouts, so a call's total time is bounded:
 * at most MAX_ATTEMPTS * (connection + request timeout) plus the SDK's jittered backoff
 * (under 1 s + 2 s for throttling). `throwOnRequestTimeout`: without it, @smithy/node-http-handler
 * (4.x) only logs a warning when `requestTimeout` passes and keeps waiting, so a hung endpoint would
 * hold the call until the Lambda timeout.
 */
export function clientConfig(timeouts: ClientTimeouts, maxAttempts: number = MAX_ATTEMPTS) {
  return {
    maxAttempts,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
]);

const TIMEOUT_ERRORS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * Failures that outlasted the SDK's retries but are worth retrying later: the caller gets a 503
 * with Retry-After instead of a 500. An error the SDK retried is transient by the SDK's own
 * classification; the explicit lists cover errors it could not retry (retry quota used up).
 */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $retryable, $metadata } = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number; attempts?: number };
  };
  return (
    ($metadata?.attempts ?? 1) > 1 ||
    (name !== undefined && (THROTTLING_ERRORS.has(name) || TIMEOUT_ERRORS.has(name))) ||
    (code !== undefined && NETWORK_ERROR_CODES.has(code)) ||
    $retryable !== undefined ||
    ($metadata?.httpStatusCode ?? 0) >= 500
  );
}
