import { Rule } from '../types';
import { Statement, checkPolicies, conditionKeys, label, principalValues } from '../policy';

const ASSUME_ACTIONS = ['sts:assumerole', 'sts:assumerolewithwebidentity', 'sts:assumerolewithsaml', 'sts:tagsession', 'sts:setsourceidentity'];
/** A whole account (`123456789012`, `arn:aws:iam::123456789012:root`) is only precise with a condition naming who in it. */
const isAccountRoot = (value: string): boolean => /^\d{12}$/.test(value) || /^arn:[a-z-]+:iam::\d{12}:root$/.test(value);
const NARROWING_KEYS = ['aws:principalarn', 'sts:externalid', 'aws:principaltag'];

function imprecision(s: Statement, i: number): string | undefined {
  const name = label(s, i);
  if (s.notPrincipal) return `${name} uses NotPrincipal`;
  const principals = principalValues(s.principal);
  if (principals.length === 0) return `${name} names no principal`;
  const wild = principals.find((p) => p.value.includes('*'));
  if (wild) return `${name} trusts ${wild.type === '*' ? '*' : `${wild.type} ${wild.value}`}`;
  const keys = conditionKeys(s);
  const root = principals.find((p) => p.type === 'AWS' && isAccountRoot(p.value));
  if (root && !keys.some((k) => NARROWING_KEYS.some((n) => k.startsWith(n)))) return `${name} trusts all of account ${root.value} without a condition naming the principal`;
  if (principals.some((p) => p.type === 'Federated') && !keys.some((k) => k.endsWith(':aud') || k.endsWith(':sub'))) return `${name} trusts a federated provider without an aud/sub condition`;
  const other = s.actions.find((a) => !ASSUME_ACTIONS.includes(a.toLowerCase()));
  if (other || s.notActions.length > 0) return `${name} allows ${other ?? 'NotAction'} in a trust policy`;
  return undefined;
}

export const rule: Rule = {
  id: 'LZ-IAM-003',
  severity: 'ERROR',
  invariant: 'Trust policies name their principals precisely: no wildcard, no NotPrincipal, no bare account without a condition, only sts:AssumeRole* actions.',
  why:
    'Who can assume a role is who holds its permissions; the presign role can mint Studio sessions, so "any ' +
    'principal of account X" or a wildcard would hand that to people the design never meant.',
  checkov: ['CKV_AWS_60', 'CKV_AWS_61'],
  appliesTo: ['aws_iam_role'],
  check(role) {
    return checkPolicies(role, ['trust'], (policy) =>
      policy.statements.map((s, i) => (s.effect === 'Allow' ? imprecision(s, i) : undefined)).find((p) => p !== undefined),
    );
  },
};
