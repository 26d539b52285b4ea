import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CustomerManagedKey } from './customer-managed-key';

export interface LogsKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  /** The account whose log groups the key encrypts. */
  readonly accountId: string;
  /** The region of those log groups: CloudWatch Logs is a regional service principal. */
  readonly region: string;
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
  /** The log group's name, which its writer expects. */
  readonly name: string;
  /** The KMS key (a `LogsKey`'s ARN) that encrypts the group. */
  readonly kmsKeyArn: string;
  /** Days the group keeps records. */
  readonly retentionInDays: number;
}

/** A log group created before its writer, so retention and encryption apply from the first line. */
export class EncryptedLogGroup extends CloudwatchLogGroup {
  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id, {
      name: props.name,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: props.retentionInDays,
    });
  }
}
