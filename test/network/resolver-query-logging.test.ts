import { ResolverQueryLogging } from '../../modules/network/resolver-query-logging';
import { addressesOf, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

describe('ResolverQueryLogging', () => {
  it('logs every VPC given to one encrypted group, each association keyed by the VPC\'s name', () => {
    const resources = synthUnit((scope) => new ResolverQueryLogging(scope, 'q', {
      name: 'x-hub', vpcIds: { hub: 'vpc-1', corporate: 'vpc-2' }, logsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/logs', logRetentionDays: 14,
    })).resource;
    expect(onlyBlock(resources, 'aws_cloudwatch_log_group')).toEqual({ name: '/route53resolver/x-hub', kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:key/logs', retention_in_days: 14 });
    const config = onlyBlock(resources, 'aws_route53_resolver_query_log_config');
    expect(config).toEqual({ name: 'x-hub', destination_arn: reference('aws_cloudwatch_log_group', addressesOf(resources, 'aws_cloudwatch_log_group')[0], 'arn') });
    const configId = reference('aws_route53_resolver_query_log_config', addressesOf(resources, 'aws_route53_resolver_query_log_config')[0], 'id');
    expect(addressesOf(resources, 'aws_route53_resolver_query_log_config_association')).toEqual([expect.stringMatching(/^q_vpc-corporate_/), expect.stringMatching(/^q_vpc-hub_/)]);
    expect(blocksOf(resources, 'aws_route53_resolver_query_log_config_association').map((a) => [a.resolver_query_log_config_id, a.resource_id]).sort()).toEqual([[configId, 'vpc-1'], [configId, 'vpc-2']]);
  });
});
