import type { APIGatewayProxyEvent, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

export const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abcde12345/prod/GET/studio';

export function lambdaContext(): Context {
  return {
    awsRequestId: randomUUID(),
    functionName: 'studio-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:studio-test',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/studio-test',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A REQUEST authorizer event; each header entry may repeat a name, as a client can. */
export function authorizerEvent(headers: [string, string][], methodArn = METHOD_ARN): APIGatewayRequestAuthorizerEvent {
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of headers) (multiValueHeaders[name] ??= []).push(value);
  return {
    type: 'REQUEST',
    methodArn,
    resource: '/studio',
    path: '/studio',
    httpMethod: 'GET',
    headers: Object.fromEntries(headers),
    multiValueHeaders,
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {} as APIGatewayRequestAuthorizerEvent['requestContext'],
  };
}

export function bearerEvent(token: string): APIGatewayRequestAuthorizerEvent {
  return authorizerEvent([['Authorization', `Bearer ${token}`]]);
}

/**
 * A proxy event as API Gateway passes it on: the caller's Authorization header (when `token` is
 * given) and the authorizer context naming `claimedUser` (when given). A direct invocation can put
 * anything in either.
 */
export function presignEvent(token: string | undefined, request: Partial<APIGatewayProxyEvent> = {}, claimedUser?: string): APIGatewayProxyEvent {
  const defaults: Record<string, string> = { Accept: 'text/html', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) };
  const given = Object.keys(request.headers ?? {}).map((name) => name.toLowerCase());
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(defaults).filter(([name]) => !given.includes(name.toLowerCase()))),
    ...(request.headers as Record<string, string> | undefined),
  };
  return {
    resource: '/studio',
    path: '/studio',
    httpMethod: 'GET',
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    ...request,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
    requestContext: {
      requestId: randomUUID(),
      authorizer: claimedUser === undefined ? null : { username: claimedUser, principalId: claimedUser },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}
