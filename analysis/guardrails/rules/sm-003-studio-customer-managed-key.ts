import { Rule } from '../types';
import { fromProblems } from '../result';
import { target } from '../terraform';

export const rule: Rule = {
  id: 'LZ-SM-003',
  severity: 'ERROR',
  invariant: 'Studio domains encrypt their storage (home EFS, space volumes) with a rotating customer managed KMS key of the stack.',
  why:
    'Without kms_key_id SageMaker uses an AWS managed key: its policy cannot be narrowed, its use cannot be revoked in an ' +
    'incident, and users\' notebooks and data sit under it (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html).',
  appliesTo: ['aws_sagemaker_domain'],
  check(domain, { stack }) {
    const key = target(stack, domain.body.kms_key_id, 'aws_kms_key');
    if (domain.body.kms_key_id === undefined) return fromProblems(['no kms_key_id: the domain\'s storage uses an AWS managed key']);
    if (!key) return fromProblems([`kms_key_id ${String(domain.body.kms_key_id)} is not a key of this stack, so it cannot be shown customer managed and rotating`]);
    return fromProblems(key.body.enable_key_rotation === true ? [] : [`${key.address} does not rotate`]);
  },
};
