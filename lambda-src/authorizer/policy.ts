import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { STUDIO_ROUTE } from '../shared/env-names';

/** `arn:<partition>:execute-api:<region>:<account>:<api-id>/<stage>/<method>/<path>` */
const METHOD_ARN = /^(arn:aws[a-z-]*:execute-api:[a-z0-9-]+:\d{12}:[a-z0-9]+)\/([A-Za-z0-9_-]+)\//;

/**
 * The `GET /studio` ARN of the API and stage in the request. API Gateway caches the policy per
 * token, so it names the one route this token may use, whatever method triggered the authorizer.
 */
function studioMethodArn(methodArn: string): string {
  const match = METHOD_ARN.exec(methodArn);
  if (!match) throw new Error('Unexpected methodArn format in the authorizer event');
  return `${match[1]}/${match[2]}/${STUDIO_ROUTE.method}/${STUDIO_ROUTE.path}`;
}

/** The context key keeps its name: the access log and the mapping table know the user id as `username`. */
export function allowStudio(username: string, methodArn: string): APIGatewayAuthorizerResult {
  return {
    principalId: username,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: studioMethodArn(methodArn) }],
    },
    context: { username },
  };
}
