import { Rule } from '../types';
import { compliant, violation } from '../result';
import { block, isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-DDB-001',
  severity: 'ERROR',
  invariant: 'DynamoDB tables have point-in-time recovery enabled.',
  why: 'The mapping table decides who opens which Studio profile; a bad write or delete must be undoable to the second.',
  checkov: ['CKV_AWS_28'],
  securityHub: ['DynamoDB.2'],
  appliesTo: ['aws_dynamodb_table'],
  check(table) {
    return isTrue(block(table.body, 'point_in_time_recovery')?.enabled) ? compliant() : violation('point_in_time_recovery is not enabled');
  },
};
