import { Rule } from '../types';
import { compliant, violation } from '../result';
import { MIN_LOG_RETENTION_DAYS, logRetentionProblem } from '../resources';

export const rule: Rule = {
  id: 'LZ-LOG-002',
  severity: 'ERROR',
  invariant: `Every CloudWatch log group has a retention of at least ${MIN_LOG_RETENTION_DAYS} days (and not "forever").`,
  why: 'A year of logs covers incident investigations and audits; unbounded retention keeps personal data (usernames, queries) with no end date.',
  checkov: ['CKV_AWS_338'],
  securityHub: ['CloudWatch.16'],
  appliesTo: ['aws_cloudwatch_log_group'],
  check(group) {
    const problem = logRetentionProblem(group);
    return problem ? violation(problem) : compliant();
  },
};
