import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { bearerToken } from '../shared/bearer';
import { type Env } from '../shared/env';
import { readIdentityConfig } from '../shared/identity-config';
import { DEFAULT_JWKS_TUNING, type JwksTuning } from '../shared/jwks';
import { type LambdaHandler, lazyHandler } from '../shared/lazy-handler';
import { createObservability, errorSummary } from '../shared/observability';
import { createTokenVerifier, type Verification } from '../shared/token-verifier';
import { allowStudio } from './policy';

export type AuthorizerHandler = LambdaHandler<APIGatewayRequestAuthorizerEvent, APIGatewayAuthorizerResult>;

/**
 * API Gateway REQUEST authorizer for `GET /studio`. Every refusal throws `Unauthorized` (API Gateway
 * answers 401) with the reason only in logs and metrics; failures on our side (JWKS unreachable)
 * throw other errors, which API Gateway turns into 500.
 */
export function createHandler(env: Env = process.env, tuning: Partial<JwksTuning> = {}): AuthorizerHandler {
  const verify = createTokenVerifier(readIdentityConfig(env), { ...DEFAULT_JWKS_TUNING, ...tuning });
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

    logger.info('Request authorized', { username: verification.userId });
    return allowStudio(verification.userId, event.methodArn);
  };
}

export const handler: AuthorizerHandler = lazyHandler(() => createHandler());
