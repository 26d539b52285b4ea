import { Rule } from '../types';
import { compliant, violation } from '../result';
import { block, isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-DDB-002',
  severity: 'ERROR',
  invariant: 'DynamoDB tables are encrypted with a customer managed KMS key.',
  why: 'With a key of its own, reading the mapping table needs kms:Decrypt that the key policy and IAM control (and CloudTrail records); the AWS owned key grants that to anyone with table access.',
  checkov: ['CKV_AWS_119'],
  appliesTo: ['aws_dynamodb_table'],
  check(table) {
    const sse = block(table.body, 'server_side_encryption');
    if (!isTrue(sse?.enabled)) return violation('server_side_encryption is not enabled (AWS owned key)');
    return sse?.kms_key_arn ? compliant() : violation('server_side_encryption has no kms_key_arn (AWS managed key)');
  },
};
