import { STUDIO_LOG_GROUP, StudioDomain } from '../../modules/service/studio-domain';
import { addressesOf, blocksOf, onlyBlock, reference, synthUnit } from '../support/unit-synth';

const props = {
  domainName: 'x-analytics', region: 'eu-west-1', accountId: '222222222222', vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'],
  endpointSecurityGroupId: 'sg-endpoints', endpointIds: ['vpce-api', 'vpce-studio'], userProfiles: ['alice', 'bob'],
  allowedInstanceTypes: ['ml.t3.medium', 'ml.m5.large'], idleShutdownMinutes: 60, s3PrefixListId: 'pl-s3', retainHomeFileSystem: true,
  logsKeyArn: 'arn:aws:kms:eu-west-1:222222222222:key/logs', logRetentionDays: 30,
};

describe('StudioDomain', () => {
  const build = (extra = {}) => synthUnit((scope) => new StudioDomain(scope, 'studio', { ...props, ...extra })).resource;
  const resources = build();
  const domain = onlyBlock(resources, 'aws_sagemaker_domain');

  it('is VpcOnly with IAM auth, encrypted with its own key, after the app log group exists', () => {
    expect(domain).toMatchObject({
      domain_name: 'x-analytics', auth_mode: 'IAM', app_network_access_type: 'VpcOnly', vpc_id: 'vpc-1', subnet_ids: ['subnet-a', 'subnet-b'],
      kms_key_id: reference('aws_kms_key', addressesOf(resources, 'aws_kms_key')[0], 'arn'),
      retention_policy: { home_efs_file_system: 'Retain' },
    });
    const group = addressesOf(resources, 'aws_cloudwatch_log_group')[0];
    expect(onlyBlock(resources, 'aws_cloudwatch_log_group')).toEqual({ name: STUDIO_LOG_GROUP, kms_key_id: props.logsKeyArn, retention_in_days: 30 });
    expect(domain.depends_on).toEqual([`aws_cloudwatch_log_group.${group}`]);
    expect(onlyBlock(build({ retainHomeFileSystem: false }), 'aws_sagemaker_domain').retention_policy).toEqual({ home_efs_file_system: 'Delete' });
  });

  it('gives its apps HTTPS to the endpoints and to S3 through the gateway, nothing else', () => {
    expect(resources.aws_vpc_security_group_ingress_rule).toBeUndefined();
    expect(blocksOf(resources, 'aws_vpc_security_group_egress_rule').map((r) => [r.from_port, r.referenced_security_group_id ?? r.prefix_list_id]).sort()).toEqual([
      [443, 'pl-s3'], [443, 'sg-endpoints'],
    ]);
  });

  it('gives each profile its own execution role, keyed by profile name, and stops idle apps', () => {
    expect(addressesOf(resources, 'aws_sagemaker_user_profile')).toEqual([expect.stringMatching(/^studio_profile-alice_/), expect.stringMatching(/^studio_profile-bob_/)]);
    const roles = Object.fromEntries(Object.entries(resources.aws_iam_role).map(([address, role]) => [role.name, address]));
    const alice = blocksOf(resources, 'aws_sagemaker_user_profile').find((p) => p.user_profile_name === 'alice')!;
    const aliceRole = Object.keys(roles).find((name) => name.includes('alice'))!;
    expect((alice.user_settings as Record<string, unknown>).execution_role).toBe(reference('aws_iam_role', roles[aliceRole], 'arn'));
    const settings = (domain.default_user_settings as Record<string, Record<string, Record<string, unknown>>>).jupyter_lab_app_settings;
    expect(settings.app_lifecycle_management).toEqual({ idle_settings: { lifecycle_management: 'ENABLED', idle_timeout_in_minutes: 60, max_idle_timeout_in_minutes: 60 } });
    expect(settings.default_resource_spec).toEqual({ instance_type: 'ml.t3.medium' });
    expect(addressesOf(build({ userProfiles: ['bob'] }), 'aws_sagemaker_user_profile')).toEqual([addressesOf(resources, 'aws_sagemaker_user_profile')[1]]);
  });
});
