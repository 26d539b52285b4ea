import { Rule } from '../types';
import { compliant, violation } from '../result';
import { isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-DDB-003',
  severity: 'ERROR',
  invariant: 'DynamoDB tables have deletion protection enabled.',
  why: 'Deleting the mapping table (or replacing it in a careless plan) locks every user out of Studio; PITR does not survive a table deletion.',
  securityHub: ['DynamoDB.6'],
  appliesTo: ['aws_dynamodb_table'],
  check(table) {
    return isTrue(table.body.deletion_protection_enabled) ? compliant() : violation('deletion_protection_enabled is not true');
  },
};
