import { Rule } from '../types';
import { IDENTITY_POLICY_TYPES, WILDCARD_ONLY_ACTIONS, checkPolicies, isWildcardOnlyAction, label } from '../policy';

export const rule: Rule = {
  id: 'LZ-IAM-002',
  severity: 'ERROR',
  invariant: `Identity policies allow Resource "*" only for actions without resource-level permissions (${WILDCARD_ONLY_ACTIONS.join(', ')}).`,
  why:
    'Resource "*" on a restrictable action grants it on every resource of the account and, for SageMaker, on ' +
    'every domain and user profile: the presign role could mint URLs for users it does not serve.',
  checkov: ['CKV_AWS_355'],
  appliesTo: IDENTITY_POLICY_TYPES,
  check(resource) {
    return checkPolicies(resource, ['identity'], (policy) =>
      policy.statements
        .map((s, i) => {
          if (s.effect !== 'Allow') return undefined;
          if (s.notResources.length > 0) return `${label(s, i)} allows everything except ${s.notResources.join(', ')}`;
          if (!s.resources.includes('*')) return undefined;
          const restrictable = s.actions.filter((a) => !isWildcardOnlyAction(a));
          return restrictable.length > 0 ? `${label(s, i)} allows ${restrictable.join(', ')} on Resource "*"` : undefined;
        })
        .find((p) => p !== undefined),
    );
  },
};
