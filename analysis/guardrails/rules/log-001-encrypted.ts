import { Rule } from '../types';
import { compliant, violation } from '../result';
import { logEncryptionProblem } from '../resources';

export const rule: Rule = {
  id: 'LZ-LOG-001',
  severity: 'ERROR',
  invariant: 'Every CloudWatch log group is encrypted with a customer managed KMS key.',
  why: 'These logs hold usernames, source addresses and DNS queries of the corporate network; a key of our own makes reading them an auditable, revocable grant.',
  checkov: ['CKV_AWS_158'],
  appliesTo: ['aws_cloudwatch_log_group'],
  check(group) {
    const problem = logEncryptionProblem(group);
    return problem ? violation(problem) : compliant();
  },
};
