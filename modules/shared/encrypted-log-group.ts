import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CustomerManagedKey } from './customer-managed-key';

export interface LogsKeyProps {
  alias: string;
  accountId: string;
  region: string;
}

/** The key every log group of one stack is encrypted with. */
export class LogsKey extends CustomerManagedKey {
  constructor(scope: Construct, id: string, props: LogsKeyProps) {
    super(scope, id, {
      alias: props.alias,
      description: 'Encrypts the CloudWatch log groups of this stack',
      accountId: props.accountId,
      usage: [
        {
          Sid: 'CloudWatchLogsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: `logs.${props.region}.amazonaws.com` },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
          Resource: '*',
          Condition: {
            ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${props.region}:${props.accountId}:log-group:*` },
          },
        },
      ],
    });
  }
}

export interface EncryptedLogGroupProps {
  name: string;
  key: LogsKey;
  retentionInDays: number;
}

/** A log group created before its writer, so retention and encryption apply from the first line. */
export class EncryptedLogGroup extends CloudwatchLogGroup {
  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id, {
      name: props.name,
      kmsKeyId: props.key.key.arn,
      retentionInDays: props.retentionInDays,
    });
  }
}
