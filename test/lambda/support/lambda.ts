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

/** A proxy event as API Gateway passes it on after the authorizer allowed `username`. */
export function presignEvent(username: string | undefined, request: Partial<APIGatewayProxyEvent> = {}): APIGatewayProxyEvent {
  return {
    resource: '/studio',
    path: '/studio',
    httpMethod: 'GET',
    headers: { Accept: 'text/html' },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    ...request,
    requestContext: {
      requestId: randomUUID(),
      authorizer: username === undefined ? null : { username, principalId: username },
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}
