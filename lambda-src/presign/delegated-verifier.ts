import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { TokenVerifier } from '../shared/token-verifier';
import { STUDIO_ROUTE } from '../shared/env-names';

/** The authorizer's policy must name a method; it is discarded, only the principal counts. */
const SYNTHETIC_METHOD_ARN = `arn:aws:execute-api:us-east-1:000000000000:presign/verify/${STUDIO_ROUTE.method}/${STUDIO_ROUTE.path}`;

/** The authorizer answered, but not with a verdict: a failure on our side. */
class DelegatedVerificationError extends Error {
  override name = 'DelegatedVerificationError';
}

/**
 * A verifier that asks the authorizer function, over the `lambda` endpoint, to verify the token,
 * for a presign function that cannot reach an internet IdP's JWKS itself. The verdict comes from an
 * IAM-authenticated Invoke of our own function, never from the presign event, so a forged event
 * still proves nothing.
 */
export function createDelegatedVerifier(client: LambdaClient, functionName: string): TokenVerifier {
  return async (token) => {
    const event = {
      type: 'REQUEST',
      methodArn: SYNTHETIC_METHOD_ARN,
      headers: { Authorization: `Bearer ${token}` },
      multiValueHeaders: { Authorization: [`Bearer ${token}`] },
    } as unknown as APIGatewayRequestAuthorizerEvent;
    const output = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event) }));
    const payload = output.Payload === undefined ? undefined : (JSON.parse(Buffer.from(output.Payload).toString('utf8')) as unknown);
    if (output.FunctionError !== undefined) {
      // The authorizer's refusal is the literal "Unauthorized"; its reason is in its own log.
      if ((payload as { errorMessage?: unknown } | undefined)?.errorMessage === 'Unauthorized') return { denial: 'refused-by-authorizer' };
      throw new DelegatedVerificationError(`the authorizer ${functionName} failed: ${String((payload as { errorMessage?: unknown } | undefined)?.errorMessage)}`);
    }
    const principal = (payload as APIGatewayAuthorizerResult | undefined)?.principalId;
    if (typeof principal !== 'string' || principal === '') throw new DelegatedVerificationError(`the authorizer ${functionName} returned no principal`);
    return { userId: principal };
  };
}
