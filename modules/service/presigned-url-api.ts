import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayAuthorizer } from '@cdktf/provider-aws/lib/api-gateway-authorizer';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayDeployment } from '@cdktf/provider-aws/lib/api-gateway-deployment';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayRestApiPolicy } from '@cdktf/provider-aws/lib/api-gateway-rest-api-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { EncryptedLogGroup } from '../shared/encrypted-log-group';
import { policyDocument, serviceTrustPolicy } from '../shared/iam-policy';
import { ApiRateLimit } from './api-rate-limit';
import { iamRoleName } from '../shared/naming';
import { STUDIO_ROUTE } from '../../lambda-src/shared/env-names';
import { ApiGatewayCloudWatchRoleConfig } from '../config/types';


/** A Lambda function the API invokes, by the two values API Gateway needs. */
export interface InvokedFunction {
  /** The function's name, which the invoke permission names. */
  readonly functionName: string;
  /** The ARN API Gateway calls (`aws_lambda_function.invoke_arn`). */
  readonly invokeArn: string;
}

export interface PresignedUrlApiProps {
  /** Names the API, its log groups, its logging role and its web ACL. */
  readonly name: string;
  /** Region of the API: part of its invoke URL and logging role. */
  readonly region: string;
  /** The account of the API: its logging role trusts API Gateway for it only. */
  readonly accountId: string;
  /** The execute-api interface endpoint: the only way in. */
  readonly executeApiEndpointId: string;
  /** The Lambda authorizer that verifies the caller's JWT. */
  readonly authorizer: InvokedFunction;
  /** The function that answers `GET /studio` with the presigned URL. */
  readonly presign: InvokedFunction;
  /** The one stage, e.g. `v1`: part of the invoke URL. */
  readonly stageName: string;
  /** Steady-state requests per second of the stage. */
  readonly throttleRateLimit: number;
  /** Requests the stage serves at once above the rate. */
  readonly throttleBurstLimit: number;
  /** Seconds API Gateway caches the authorizer's answer per Authorization header; 0 = no cache. */
  readonly authorizerCacheSeconds: number;
  /** Requests per 5 minutes per client address before WAF blocks it. @default undefined (no web ACL) */
  readonly rateLimitPerClient?: number;
  /** The KMS key that encrypts its log groups. */
  readonly logsKeyArn: string;
  /** Days the access and execution log groups keep records. */
  readonly logRetentionDays: number;
  /** Who manages the account's API Gateway CloudWatch role (an account-wide setting). */
  readonly cloudwatchRole: ApiGatewayCloudWatchRoleConfig;
}

/** Access log fields: who called, through which endpoint, as whom, with what result; never headers or query. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  vpceId: '$context.identity.vpceId',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLength: '$context.responseLength',
  username: '$context.authorizer.username',
  authorizerError: '$context.authorizer.error',
  integrationStatus: '$context.integration.status',
  integrationLatency: '$context.integration.latency',
});

/**
 * The private REST API the portal calls: `GET /studio` behind a Lambda authorizer, answered by the
 * presign Lambda. Reachable only through the service VPC's execute-api endpoint.
 */
export class PresignedUrlApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly stage: ApiGatewayStage;
  /** `https://{api-id}-{vpce-id}.execute-api.{region}.amazonaws.com/{stage}/studio` */
  readonly invokeUrl: string;

  constructor(scope: Construct, id: string, props: PresignedUrlApiProps) {
    super(scope, id);
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: props.name,
      description: 'Creates SageMaker Studio presigned URLs for corporate users',
      endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: [props.executeApiEndpointId] },
      disableExecuteApiEndpoint: false,
    });
    // Full ARNs, in a resource of its own (the API's ARN is only known once it exists): API Gateway
    // stores the `execute-api:/...` shorthand expanded, so a policy written with it differs from
    // the stored one on every plan and redeploys the stage each time.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-create-attach.html
    const policy = new ApiGatewayRestApiPolicy(this, 'policy', {
      restApiId: this.api.id,
      policy: policyDocument([
        {
          Sid: 'InvokeStudioRoute',
          Effect: 'Allow',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: `${this.api.executionArn}/*/${STUDIO_ROUTE.method}/${STUDIO_ROUTE.path}`,
        },
        {
          // aws:SourceVpce is absent on calls that do not come through an endpoint, so only a Deny on
          // StringNotEquals also refuses those.
          Sid: 'DenyUnlessThroughOwnEndpoint',
          Effect: 'Deny',
          Principal: '*',
          Action: 'execute-api:Invoke',
          Resource: `${this.api.executionArn}/*`,
          Condition: { StringNotEquals: { 'aws:SourceVpce': props.executeApiEndpointId } },
        },
      ]),
    });
    const resource = new ApiGatewayResource(this, 'studio', {
      restApiId: this.api.id,
      parentId: this.api.rootResourceId,
      pathPart: STUDIO_ROUTE.path,
    });
    const authorizer = new ApiGatewayAuthorizer(this, 'jwt-authorizer', {
      restApiId: this.api.id,
      name: 'corporate-jwt',
      type: 'REQUEST',
      authorizerUri: props.authorizer.invokeArn,
      identitySource: 'method.request.header.Authorization',
      // Keyed on the whole Authorization header: repeats of one token and requests without it cost
      // no invocation. A cached Allow names only GET /studio, and the presign Lambda verifies the
      // token (expiry included) on every request, so the cache never outlives the token. This is
      // the authorizer's verdict, not the per-user response that guardrail LZ-API-007 keeps uncached.
      authorizerResultTtlInSeconds: props.authorizerCacheSeconds,
    });
    const method = new ApiGatewayMethod(this, 'get-studio', {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: STUDIO_ROUTE.method,
      authorization: 'CUSTOM',
      authorizerId: authorizer.id,
    });
    const integration = new ApiGatewayIntegration(this, 'get-studio-presign', {
      restApiId: this.api.id,
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: props.presign.invokeArn,
    });

    // Any change to the policy or the route must reach the stage; API Gateway only serves what the
    // last deployment snapshotted.
    const deployment = new ApiGatewayDeployment(this, 'deployment', {
      restApiId: this.api.id,
      description: 'Managed by cdktf; replaced whenever the policy or the route changes',
      triggers: {
        redeployment: Fn.sha1(Fn.jsonencode([policy.policy, resource.id, method.id, integration.id, authorizer.id, integration.uri])),
      },
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [method, integration, policy],
    });

    const account = apiGatewayAccount(this, props);
    const accessLogs = new EncryptedLogGroup(this, 'access-logs', {
      name: `/apigateway/${props.name}/access`,
      kmsKeyArn: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
    });
    // Execution logging (level ERROR below) writes to this group; created here it has retention and
    // encryption instead of being created by API Gateway without either.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
    const executionLogs = new EncryptedLogGroup(this, 'execution-logs', {
      name: `API-Gateway-Execution-Logs_${this.api.id}/${props.stageName}`,
      kmsKeyArn: props.logsKeyArn,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new ApiGatewayStage(this, 'stage', {
      restApiId: this.api.id,
      deploymentId: deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: true,
      cacheClusterEnabled: false,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [executionLogs, ...(account ? [account] : [])],
    });
    new ApiGatewayMethodSettings(this, 'all-methods', {
      restApiId: this.api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        loggingLevel: 'ERROR',
        // Request and response bodies carry the token and the presigned URL.
        dataTraceEnabled: false,
        // Each response is one user's single-use URL; a cache would hand it to the next caller.
        cachingEnabled: false,
        throttlingRateLimit: props.throttleRateLimit,
        throttlingBurstLimit: props.throttleBurstLimit,
      },
    });

    new LambdaPermission(this, 'authorizer-invoke', {
      statementId: 'ApiGatewayAuthorizer',
      action: 'lambda:InvokeFunction',
      functionName: props.authorizer.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/authorizers/${authorizer.id}`,
    });
    new LambdaPermission(this, 'presign-invoke', {
      statementId: 'ApiGatewayGetStudio',
      action: 'lambda:InvokeFunction',
      functionName: props.presign.functionName,
      principal: 'apigateway.amazonaws.com',
      sourceArn: `${this.api.executionArn}/${this.stage.stageName}/${STUDIO_ROUTE.method}/${STUDIO_ROUTE.path}`,
    });

    if (props.rateLimitPerClient !== undefined) {
      new ApiRateLimit(this, 'rate-limit', { name: `${props.name}-per-client`, stageArn: this.stage.arn, requestsPerFiveMinutes: props.rateLimitPerClient });
    }

    this.invokeUrl =
      `https://${this.api.id}-${props.executeApiEndpointId}.execute-api.${props.region}.amazonaws.com/${this.stage.stageName}/${STUDIO_ROUTE.path}`;
  }
}

/**
 * The account's API Gateway CloudWatch role (one per account and region): stage logging needs it.
 * Created and set here, set to an existing role, or left to whoever manages it already.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 */
function apiGatewayAccount(scope: Construct, props: PresignedUrlApiProps): ApiGatewayAccount | undefined {
  const choice = props.cloudwatchRole;
  if (choice.mode === 'unmanaged') return undefined;
  if (choice.mode === 'existing') {
    return new ApiGatewayAccount(scope, 'account-logging', { cloudwatchRoleArn: choice.roleArn });
  }
  const role = new IamRole(scope, 'cloudwatch-role', {
    name: iamRoleName(`${props.name}-apigw-logs`, props.region),
    assumeRolePolicy: serviceTrustPolicy('apigateway.amazonaws.com', props.accountId),
  });
  const rolePolicy = new IamRolePolicy(scope, 'cloudwatch-role-policy', {
    role: role.id,
    name: 'push-logs',
    policy: policyDocument([
      {
        Sid: 'PushApiLogsInThisAccount',
        Effect: 'Allow',
        Action: [
          'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups',
          'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents',
        ],
        Resource: `arn:aws:logs:${props.region}:${props.accountId}:*`,
      },
    ]),
  });
  // Ours, so destroying the stack resets the setting instead of leaving it on a deleted role.
  // Provider 5.100.0 marks reset_on_delete deprecated only because 6.0 always resets on destroy.
  // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/api_gateway_account#reset_on_delete
  return new ApiGatewayAccount(scope, 'account-logging', {
    cloudwatchRoleArn: role.arn,
    resetOnDelete: true,
    dependsOn: [rolePolicy],
  });
}
