import { Rule } from '../types';
import { compliant, fromProblems, violation } from '../result';
import { refersTo, resourcesOf } from '../terraform';
import { parsePolicy, unboundedAllows } from '../policy';

export const rule: Rule = {
  id: 'LZ-KMS-002',
  severity: 'ERROR',
  invariant: 'KMS key policies have no Allow for a "*" principal without a condition bounding the caller.',
  why:
    'A key policy is the only policy KMS consults first; an unconditioned "*" lets any AWS account use (or ' +
    'administer) the key that protects the mapping table and the logs.',
  checkov: ['CKV_AWS_33'],
  appliesTo: ['aws_kms_key'],
  check(key, { stack }) {
    const raw = key.body.policy ?? resourcesOf(stack, 'aws_kms_key_policy').find((p) => refersTo(p.body.key_id, key))?.body.policy;
    if (raw === undefined) return compliant('default key policy: the account root only');
    const parsed = parsePolicy(raw);
    if (!parsed.ok) return violation(`policy: ${parsed.reason}`);
    return fromProblems(unboundedAllows(parsed.policy));
  },
};
