import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-KMS-001',
  severity: 'ERROR',
  invariant: 'Every symmetric KMS key rotates its key material.',
  why: 'Rotation bounds how much data one key version protects; the keys here guard the mapping table and every log group for years.',
  checkov: ['CKV_AWS_7'],
  securityHub: ['KMS.4'],
  appliesTo: ['aws_kms_key'],
  check(key) {
    const spec = key.body.customer_master_key_spec ?? key.body.key_spec;
    if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT') return notApplicable(`asymmetric or HMAC key (${String(spec)}) cannot rotate`);
    return isTrue(key.body.enable_key_rotation) ? compliant() : violation('enable_key_rotation is not true');
  },
};
