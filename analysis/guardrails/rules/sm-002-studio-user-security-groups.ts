import { Rule } from '../types';
import { fromProblems } from '../result';
import { block, strings } from '../terraform';

export const rule: Rule = {
  id: 'LZ-SM-002',
  severity: 'ERROR',
  invariant: 'Studio domains name security groups in their default user settings, and every user profile names them in its own user settings.',
  why:
    'Studio apps take their security groups from the user settings (the profile\'s, else the domain default), not from ' +
    'the domain\'s VPC settings: without them a profile\'s apps run with no group of ours, outside the design\'s "HTTPS ' +
    'to the endpoints only" (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html).',
  appliesTo: ['aws_sagemaker_domain', 'aws_sagemaker_user_profile'],
  check(resource) {
    const key = resource.type === 'aws_sagemaker_domain' ? 'default_user_settings' : 'user_settings';
    const groups = strings(block(resource.body, key)?.security_groups);
    return fromProblems(groups.length === 0 ? [`${key}.security_groups is empty`] : []);
  },
};
