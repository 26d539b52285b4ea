import { CustomerManagedKey } from '../../modules/shared/customer-managed-key';
import { EncryptedLogGroup, LogsKey } from '../../modules/shared/encrypted-log-group';
import { addressesOf, onlyBlock, policyOf, reference, synthUnit } from '../support/unit-synth';

describe('CustomerManagedKey', () => {
  it('rotates, keeps a 30-day deletion window, is administered by the account root and aliased', () => {
    const resources = synthUnit((scope) => new CustomerManagedKey(scope, 'k', {
      alias: 'x-table', description: 'Encrypts x', accountId: '111111111111',
      usage: [{ Sid: 'Use', Effect: 'Allow', Principal: { Service: 'dynamodb.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*' }],
    })).resource;
    const key = onlyBlock(resources, 'aws_kms_key');
    expect(key).toMatchObject({ description: 'Encrypts x', enable_key_rotation: true, deletion_window_in_days: 30 });
    const statements = policyOf(key).Statement;
    expect(statements.map((s) => s.Sid)).toEqual(['AccountAdministersKey', 'AccountIamPoliciesGrantUse', 'Use']);
    expect(statements[0]).toMatchObject({ Principal: { AWS: 'arn:aws:iam::111111111111:root' } });
    // Administration is enumerated: the root may not use kms:* through the administering statement.
    expect(statements[0].Action).not.toContain('kms:*');
    expect(statements[0].Action).not.toContain('kms:Decrypt');
    expect(onlyBlock(resources, 'aws_kms_alias')).toEqual({
      name: 'alias/x-table',
      target_key_id: reference('aws_kms_key', addressesOf(resources, 'aws_kms_key')[0], 'key_id'),
    });
  });
});

describe('LogsKey and EncryptedLogGroup', () => {
  it('lets CloudWatch Logs of this account and region use the key, and encrypts the group with the ARN given', () => {
    const resources = synthUnit((scope) => {
      const key = new LogsKey(scope, 'logs-key', { alias: 'x-logs', accountId: '111111111111', region: 'eu-west-1' });
      new EncryptedLogGroup(scope, 'group', { name: '/x/y', kmsKeyArn: key.key.arn, retentionInDays: 90 });
    }).resource;
    const logs = policyOf(onlyBlock(resources, 'aws_kms_key')).Statement.find((s) => s.Sid === 'CloudWatchLogsOfThisAccount');
    expect(logs).toMatchObject({
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:*' } },
    });
    expect(onlyBlock(resources, 'aws_cloudwatch_log_group')).toEqual({
      name: '/x/y',
      retention_in_days: 90,
      kms_key_id: reference('aws_kms_key', addressesOf(resources, 'aws_kms_key')[0], 'arn'),
    });
  });
});
