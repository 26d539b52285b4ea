import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { PolicyStatement, policyDocument } from './iam-policy';

export interface CustomerManagedKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  /** What the key encrypts, shown in the KMS console. */
  readonly description: string;
  /** The account whose root administers the key. */
  readonly accountId: string;
  /** Statements for the services or roles that use the key, each conditioned to this account. */
  readonly usage: PolicyStatement[];
}

/**
 * A rotating KMS key. The account root keeps administration (enumerated, not `kms:*`) so IAM
 * policies in the account can grant use; no statement has an unconditioned `*` principal.
 */
export class CustomerManagedKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    const root = `arn:aws:iam::${props.accountId}:root`;
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument([
        {
          Sid: 'AccountAdministersKey',
          Effect: 'Allow',
          Principal: { AWS: root },
          Action: [
            'kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*',
            'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource',
            'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
          ],
          Resource: '*',
        },
        {
          Sid: 'AccountIamPoliciesGrantUse',
          Effect: 'Allow',
          Principal: { AWS: root },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: '*',
        },
        ...props.usage,
      ]),
    });
    new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }
}
