import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { type Env } from '../shared/env';
import { type LambdaHandler, lazyHandler } from '../shared/lazy-handler';
import { createObservability, errorSummary } from '../shared/observability';
import { bearerToken } from './bearer';
import { readAuthorizerConfig } from './config';
import { allowStudio } from './policy';
import { createTokenVerifier, DEFAULT_TUNING, type Verification, type VerifierTuning } from './verify';

export type AuthorizerHandler = LambdaHandler<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>;

/**
 * API Gateway REQUEST authorizer for `GET /studio`. Every refusal throws `Unauthorized` (API Gateway
 * answers 401) with the reason only in logs and metrics; failures on our side (JWKS unreachable)
 * throw other errors, which API Gateway turns into 500.
 */
export function createHandler(env: Env = process.env, tuning: Partial<VerifierTuning> = {}): AuthorizerHandler {
  const config = readAuthorizerConfig(env);
  const verify = createTokenVerifier(config, { ...DEFAULT_TUNING, ...tuning });
  const { logger, count, startInvocation } = createObservability('studio-authorizer');

  const deny = (reason: string, detail?: string): never => {
    logger.warn('Request denied', { reason, detail });
    count('Denials', reason);
    throw new Error('Unauthorized');
  };

  return async (event, context) => {
    startInvocation(context);
    const header = bearerToken(event);
    if ('denial' in header) return deny(header.denial);

    let verification: Verification;
    try {
      verification = await verify(header.token);
    } catch (error) {
      logger.error('Token verification failed on our side', { error: errorSummary(error) });
      throw new Error('Token verification unavailable');
    }
    if ('denial' in verification) return deny(verification.denial, verification.detail);

    logger.info('Request authorized', { username: verification.username });
    return allowStudio(verification.username, event.methodArn);
  };
}

export const handler: AuthorizerHandler = lazyHandler(() => createHandler());
