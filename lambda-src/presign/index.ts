import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { clientConfig, isTransientAwsError } from '../shared/aws';
import { type Env } from '../shared/env';
import { type LambdaHandler, lazyHandler } from '../shared/lazy-handler';
import { USERNAME_PATTERN } from '../shared/mapping';
import { getMappingItem, itemToCandidate, parseMapping } from '../shared/mapping-table';
import { createObservability, errorSummary } from '../shared/observability';
import { readPresignConfig } from './config';
import { errorResponse, json, redirect, wantsJson } from './responses';
import { presignStudioUrl } from './studio';

export type PresignHandler = LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;

/**
 * Per attempt. GetItem takes a few ms, CreatePresignedDomainUrl longer. With three attempts and the
 * SDK's backoff the worst case is about 7.5 s + 15 s, inside API Gateway's 29 s, so the caller gets
 * our 503 rather than a gateway timeout (given a Lambda timeout of at least 25 s).
 */
const DYNAMODB_TIMEOUTS = { connectionTimeoutMs: 500, requestTimeoutMs: 1_000 };
const SAGEMAKER_TIMEOUTS = { connectionTimeoutMs: 1_000, requestTimeoutMs: 3_000 };

/**
 * `GET /studio` behind the authorizer: looks the caller up in the mapping table and answers with a
 * presigned Studio URL. Only the authorizer context identifies the user; nothing else in the request
 * can select a user, domain, space, landing URI or lifetime.
 */
export function createHandler(env: Env = process.env): PresignHandler {
  const config = readPresignConfig(env);
  const { logger, count, startInvocation } = createObservability('studio-presign');
  const dynamodb = new DynamoDBClient(clientConfig(DYNAMODB_TIMEOUTS));
  const sagemaker = new SageMakerClient(clientConfig(SAGEMAKER_TIMEOUTS));

  return async (event, context) => {
    startInvocation(context);
    const requestId = context.awsRequestId;
    logger.appendKeys({ apiRequestId: event.requestContext.requestId });

    const username: unknown = event.requestContext.authorizer?.username;
    if (typeof username !== 'string' || !USERNAME_PATTERN.test(username)) {
      logger.error('No valid username in the authorizer context: is the authorizer attached to this method?');
      count('Failures', 'no-identity');
      return errorResponse(500, requestId);
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

export const handler: PresignHandler = lazyHandler(() => createHandler());
