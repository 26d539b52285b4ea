import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { type ClientTimeouts, clientConfig, isTransientAwsError } from '../shared/aws';
import { bearerToken } from '../shared/bearer';
import { type Env, optionalString } from '../shared/env';
import { ENV } from '../shared/env-names';
import { readIdentityConfig } from '../shared/identity-config';
import { DEFAULT_JWKS_TUNING, type JwksTuning } from '../shared/jwks';
import { type LambdaHandler, lazyHandler } from '../shared/lazy-handler';
import { getMappingItem, itemToCandidate, parseMapping } from '../shared/mapping-table';
import { createObservability, errorSummary } from '../shared/observability';
import { createTokenVerifier, type TokenVerifier, type Verification } from '../shared/token-verifier';
import { readPresignConfig } from './config';
import { createDelegatedVerifier } from './delegated-verifier';
import { errorResponse, json, redirect, wantsJson } from './responses';
import { presignStudioUrl, studioUrlProblem } from './studio';

export type PresignHandler = LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * Per attempt. GetItem takes a few ms, CreatePresignedDomainUrl longer. With three attempts and the
 * SDK's backoff the worst case is about 7.5 s + 15 s, inside API Gateway's 29 s, so the caller gets
 * our 503 rather than a gateway timeout (given a Lambda timeout of at least 25 s).
 */
const DYNAMODB_TIMEOUTS: ClientTimeouts = { connectionTimeoutMs: 500, requestTimeoutMs: 1_000 };
const SAGEMAKER_TIMEOUTS: ClientTimeouts = { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000 };
/**
 * Asking the authorizer to verify (when it runs outside the VPC): one attempt, long enough for its
 * cold start and JWKS fetch (2 s), so the three steps together stay under API Gateway's 29 s.
 */
const VERIFIER_TIMEOUTS: ClientTimeouts = { connectionTimeoutMs: 1_000, requestTimeoutMs: 4_000 };

/** What tests and benchmarks may shorten; production uses the defaults. */
export interface PresignTuning {
  jwks: Partial<JwksTuning>;
  dynamodb: ClientTimeouts;
  sagemaker: ClientTimeouts;
  verifier: ClientTimeouts;
}

/**
 * `GET /studio` behind the authorizer: verifies the caller's bearer token itself, looks the user it
 * proves up in the mapping table and answers with a presigned Studio URL. The event's authorizer
 * context is never trusted alone: anyone allowed to invoke the function could have written it.
 * Nothing else in the request can select a user, domain, space, landing URI or lifetime.
 */
export function createHandler(env: Env = process.env, tuning: Partial<PresignTuning> = {}): PresignHandler {
  const config = readPresignConfig(env);
  const verify = createVerifier(env, tuning);
  const { logger, count, startInvocation } = createObservability('studio-presign');
  const dynamodb = new DynamoDBClient(clientConfig(tuning.dynamodb ?? DYNAMODB_TIMEOUTS));
  const sagemaker = new SageMakerClient(clientConfig(tuning.sagemaker ?? SAGEMAKER_TIMEOUTS));

  return async (event, context) => {
    startInvocation(context);
    const requestId = context.awsRequestId;
    logger.appendKeys({ apiRequestId: event.requestContext?.requestId });

    const refuse = (reason: string, message: string, detail?: string) => {
      logger.warn(message, { reason, detail });
      count('Denials', reason);
      return errorResponse(401, requestId);
    };
    const header = bearerToken(event);
    if ('denial' in header) return refuse(header.denial, 'No usable bearer token: was the function invoked other than through the API?');
    let verification: Verification;
    try {
      verification = await verify(header.token);
    } catch (error) {
      logger.error('Token verification failed on our side', { error: errorSummary(error) });
      count('Failures', 'token-verification-unavailable');
      return errorResponse(503, requestId);
    }
    if ('denial' in verification) return refuse(verification.denial, 'Token refused', verification.detail);
    const username = verification.userId;
    const claimed: unknown = event.requestContext?.authorizer?.username;
    if (claimed !== undefined && claimed !== username) {
      logger.error('The authorizer context names another user than the token proves: a forged event?', { username });
      count('Denials', 'identity-mismatch');
      return errorResponse(401, requestId);
    }
    logger.appendKeys({ username });

    let step: 'mapping lookup' | 'presign' = 'mapping lookup';
    try {
      const item = await getMappingItem(dynamodb, config.tableName, username);
      if (item === undefined) {
        logger.warn('User has no Studio mapping');
        count('Denials', 'not-mapped');
        return errorResponse(403, requestId);
      }
      const parsed = parseMapping(itemToCandidate(item));
      if (!parsed.ok) {
        logger.error('Malformed mapping item', { table: config.tableName, key: { username }, problems: parsed.problems });
        count('Failures', 'malformed-mapping');
        return errorResponse(500, requestId);
      }
      const { mapping } = parsed;
      logger.appendKeys({ domainId: mapping.domainId, userProfileName: mapping.userProfileName });

      step = 'presign';
      // Taken before the call, so the advertised expiry is never later than the real one.
      const expiresAt = new Date(Date.now() + config.urlExpiresSeconds * 1000).toISOString();
      const url = await presignStudioUrl(sagemaker, mapping, config);
      const problem = studioUrlProblem(url, config.region);
      if (problem !== undefined) {
        logger.error('SageMaker returned a URL that is not a Studio URL of this region; not handing it out', problem);
        count('Failures', 'foreign-redirect');
        return errorResponse(502, requestId);
      }
      logger.info('Presigned Studio URL issued', { spaceName: mapping.spaceName, expiresAt });
      count('UrlsIssued');
      return wantsJson(event.headers) ? json(200, { url, expiresAt }) : redirect(url);
    } catch (error) {
      if (isTransientAwsError(error)) {
        logger.warn(`AWS still throttled or unavailable after retries during ${step}`, { error: errorSummary(error) });
        count('Failures', 'unavailable');
        return errorResponse(503, requestId);
      }
      if (step === 'presign' && (error as { name?: unknown } | null)?.name === 'ResourceNotFound') {
        logger.error('The mapped Studio domain or user profile does not exist in SageMaker; fix the mapping item', {
          error: errorSummary(error),
        });
        count('Failures', 'studio-not-found');
        return errorResponse(502, requestId);
      }
      logger.error(`Unexpected failure during ${step}`, { error: errorSummary(error) });
      count('Failures', 'unexpected');
      return errorResponse(500, requestId);
    }
  };
}

/** Its own verifier, or the authorizer's when IDP_VERIFIER_FUNCTION names it. */
function createVerifier(env: Env, tuning: Partial<PresignTuning>): TokenVerifier {
  const delegate = optionalString(env, ENV.idpVerifierFunction);
  if (delegate === undefined) return createTokenVerifier(readIdentityConfig(env), { ...DEFAULT_JWKS_TUNING, ...tuning.jwks });
  return createDelegatedVerifier(new LambdaClient(clientConfig(tuning.verifier ?? VERIFIER_TIMEOUTS, 1)), delegate);
}

export const handler: PresignHandler = lazyHandler(() => createHandler());
