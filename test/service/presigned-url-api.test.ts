import { PresignedUrlApi } from '../../modules/service/presigned-url-api';
import { STUDIO_ROUTE } from '../../lambda-src/shared/env-names';
import { addressesOf, blocksOf, onlyBlock, policyOf, reference, synthUnit } from '../support/unit-synth';

const props = {
  name: 'x-studio-api', region: 'eu-west-1', accountId: '111111111111', executeApiEndpointId: 'vpce-exec',
  authorizer: { functionName: 'x-authorizer', invokeArn: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/authorizer/invocations' },
  presign: { functionName: 'x-presign', invokeArn: 'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/presign/invocations' },
  stageName: 'v1', throttleRateLimit: 10, throttleBurstLimit: 20, authorizerCacheSeconds: 0,
  logsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/logs', logRetentionDays: 30,
  cloudwatchRole: { mode: 'create' as const },
};

describe('PresignedUrlApi', () => {
  const resources = synthUnit((scope) => new PresignedUrlApi(scope, 'api', props)).resource;
  const api = addressesOf(resources, 'aws_api_gateway_rest_api')[0];
  const executionArn = reference('aws_api_gateway_rest_api', api, 'execution_arn');

  it('is private to the execute-api endpoint, and its policy denies every call not through it', () => {
    expect(onlyBlock(resources, 'aws_api_gateway_rest_api').endpoint_configuration).toEqual({ types: ['PRIVATE'], vpc_endpoint_ids: ['vpce-exec'] });
    const [allow, deny] = policyOf(onlyBlock(resources, 'aws_api_gateway_rest_api_policy')).Statement;
    expect(allow).toMatchObject({ Effect: 'Allow', Resource: `${executionArn}/*/GET/${STUDIO_ROUTE.path}` });
    expect(deny).toMatchObject({ Effect: 'Deny', Resource: `${executionArn}/*`, Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-exec' } } });
  });

  it('serves GET /studio behind the JWT authorizer, proxied to the presign function, invokable by this API only', () => {
    expect(onlyBlock(resources, 'aws_api_gateway_resource').path_part).toBe('studio');
    expect(onlyBlock(resources, 'aws_api_gateway_method')).toMatchObject({ http_method: 'GET', authorization: 'CUSTOM' });
    expect(onlyBlock(resources, 'aws_api_gateway_authorizer')).toMatchObject({ type: 'REQUEST', authorizer_uri: props.authorizer.invokeArn, authorizer_result_ttl_in_seconds: 0 });
    expect(onlyBlock(resources, 'aws_api_gateway_integration')).toMatchObject({ type: 'AWS_PROXY', uri: props.presign.invokeArn });
    expect(blocksOf(resources, 'aws_lambda_permission').map((p) => [p.function_name, p.principal]).sort()).toEqual([
      ['x-authorizer', 'apigateway.amazonaws.com'], ['x-presign', 'apigateway.amazonaws.com'],
    ]);
  });

  it('caches no response, traces no data, and logs to encrypted groups', () => {
    expect(onlyBlock(resources, 'aws_api_gateway_method_settings').settings).toMatchObject({ caching_enabled: false, data_trace_enabled: false, throttling_rate_limit: 10, throttling_burst_limit: 20 });
    expect(blocksOf(resources, 'aws_cloudwatch_log_group').map((g) => [g.kms_key_id, g.retention_in_days])).toEqual([[props.logsKeyArn, 30], [props.logsKeyArn, 30]]);
    expect(onlyBlock(resources, 'aws_api_gateway_stage')).toMatchObject({ stage_name: 'v1', cache_cluster_enabled: false, xray_tracing_enabled: true });
  });

  it('creates the account\'s CloudWatch role when asked to, and no web ACL by default', () => {
    expect(onlyBlock(resources, 'aws_api_gateway_account')).toMatchObject({ reset_on_delete: true });
    expect(resources.aws_wafv2_web_acl).toBeUndefined();
    const unmanaged = synthUnit((scope) => new PresignedUrlApi(scope, 'api', { ...props, cloudwatchRole: { mode: 'unmanaged' }, rateLimitPerClient: 100 })).resource;
    expect(unmanaged.aws_api_gateway_account).toBeUndefined();
    expect(unmanaged.aws_iam_role).toBeUndefined();
    expect(onlyBlock(unmanaged, 'aws_wafv2_web_acl').name).toBe('x-studio-api-per-client');
  });
});
