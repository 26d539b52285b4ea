import { ApiRateLimit } from '../../modules/service/api-rate-limit';
import { addressesOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

describe('ApiRateLimit', () => {
  it('blocks a client address over its 5-minute budget on the stage, allowing everything else', () => {
    const resources = synthUnit((scope) => new ApiRateLimit(scope, 'r', {
      name: 'x-api-per-client', stageArn: 'arn:aws:apigateway:eu-west-1::/restapis/a/stages/v1', requestsPerFiveMinutes: 300,
    })).resource;
    const acl = onlyBlock(resources, 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ name: 'x-api-per-client', scope: 'REGIONAL', default_action: { allow: {} } });
    expect(acl.rule).toEqual([expect.objectContaining({
      name: 'per-client-rate', action: { block: {} },
      statement: { rate_based_statement: { limit: 300, aggregate_key_type: 'IP' } },
      visibility_config: expect.objectContaining({ metric_name: 'xapiperclientPerClientRate' }),
    })]);
    expect(onlyBlock(resources, 'aws_wafv2_web_acl_association')).toEqual({
      resource_arn: 'arn:aws:apigateway:eu-west-1::/restapis/a/stages/v1',
      web_acl_arn: reference('aws_wafv2_web_acl', addressesOf(resources, 'aws_wafv2_web_acl')[0], 'arn'),
    });
  });
});
