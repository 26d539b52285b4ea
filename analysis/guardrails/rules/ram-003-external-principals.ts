import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-RAM-003',
  severity: 'ERROR',
  invariant: 'A RAM share allows external principals only when the accounts are not in one AWS Organization.',
  why:
    'Inside an Organization shares stay internal and need no invitation; allowing external principals there ' +
    'would let the share be extended to any account outside it without anyone accepting anything here.',
  appliesTo: ['aws_ram_resource_share'],
  check(share, { context }) {
    const external = isTrue(share.body.allow_external_principals);
    if (context.inOrganization === undefined) return notApplicable('whether the accounts share an Organization is unknown (no consumer stack)');
    return external && context.inOrganization
      ? violation('allow_external_principals is true although the accounts are in one Organization')
      : compliant();
  },
};
