import { Rule } from '../types';
import { fromProblems } from '../result';
import { block } from '../terraform';

/** The app types of the current Studio experience that support idle shutdown. */
const APP_SETTINGS = ['jupyter_lab_app_settings', 'code_editor_app_settings'];

export const rule: Rule = {
  id: 'LZ-SM-004',
  severity: 'ERROR',
  invariant: 'JupyterLab and Code Editor apps have idle shutdown ENABLED with a timeout, in the domain\'s default user settings and in every profile\'s.',
  why:
    'A forgotten app keeps its instance (and its cost, and its open session to the data) running for ever; SageMaker stops ' +
    'idle apps only when the user settings say so (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_IdleSettings.html).',
  appliesTo: ['aws_sagemaker_domain', 'aws_sagemaker_user_profile'],
  check(resource) {
    const key = resource.type === 'aws_sagemaker_domain' ? 'default_user_settings' : 'user_settings';
    const settings = block(resource.body, key) ?? {};
    return fromProblems(APP_SETTINGS.flatMap((app) => {
      const idle = block(block(block(settings, app) ?? {}, 'app_lifecycle_management') ?? {}, 'idle_settings');
      if (idle?.lifecycle_management !== 'ENABLED') return [`${key}.${app} does not enable idle shutdown`];
      return typeof idle.idle_timeout_in_minutes === 'number' ? [] : [`${key}.${app} has no idle_timeout_in_minutes`];
    }));
  },
};
