import { Rule } from '../types';
import { IDENTITY_POLICY_TYPES, checkPolicies, label } from '../policy';

/** `*` or `service:*`: everything, or everything a service can do. */
const isServiceWildcard = (action: string): boolean => action === '*' || /^[a-z0-9-]+:\*$/i.test(action);

export const rule: Rule = {
  id: 'LZ-IAM-001',
  severity: 'ERROR',
  invariant: 'Identity policies never allow "*" or "service:*" actions, nor use NotAction in an Allow.',
  why:
    'A service-wide grant includes actions added after review (for SageMaker: presigning any domain\'s URL, ' +
    'creating apps with internet access); least privilege here is a short, enumerated list.',
  checkov: ['CKV_AWS_62', 'CKV_AWS_63'],
  securityHub: ['IAM.1', 'IAM.21'],
  appliesTo: IDENTITY_POLICY_TYPES,
  check(resource) {
    return checkPolicies(resource, ['identity'], (policy) =>
      policy.statements
        .map((s, i) => {
          if (s.effect !== 'Allow') return undefined;
          if (s.notActions.length > 0) return `${label(s, i)} allows everything except ${s.notActions.join(', ')}`;
          const wild = s.actions.filter(isServiceWildcard);
          return wild.length > 0 ? `${label(s, i)} allows ${wild.join(', ')}` : undefined;
        })
        .find((p) => p !== undefined),
    );
  },
};
