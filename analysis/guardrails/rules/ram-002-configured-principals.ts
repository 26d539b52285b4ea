import { Rule } from '../types';
import { compliant, violation } from '../result';
import { stackAccount } from '../terraform';

export const rule: Rule = {
  id: 'LZ-RAM-002',
  severity: 'ERROR',
  invariant: 'RAM principals are single accounts of the landing zone (its service accounts), never the sharing account, an OU or an Organization.',
  why: 'Corporate DNS rules reveal internal names and forward into the corporate network; an OU or a stray account id would extend that to accounts nobody configured.',
  appliesTo: ['aws_ram_principal_association'],
  check(association, { stack, context }) {
    const principal = String(association.body.principal ?? '');
    if (!/^\d{12}$/.test(principal)) return violation(`principal ${principal} is not a single account id`);
    if (principal === stackAccount(stack).accountId) return violation('shares with its own account');
    const allowed = context.sharePrincipals;
    if (allowed && !allowed.includes(principal)) return violation(`principal ${principal} is not a configured service account (${allowed.join(', ')})`);
    return compliant(allowed ? undefined : 'configured principals unknown: account id form checked only');
  },
};
