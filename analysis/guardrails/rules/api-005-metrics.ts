import { Rule } from '../types';
import { compliant, violation } from '../result';
import { isTrue } from '../terraform';
import { methodSettingsOf, settingsOf } from '../resources';

const EXECUTION_LOG_LEVELS = ['ERROR', 'INFO'];

export const rule: Rule = {
  id: 'LZ-API-005',
  severity: 'ERROR',
  invariant: 'Every API stage has method settings for */* with metrics and execution logging (ERROR or INFO).',
  why: 'Metrics and execution logs show authorizer denials and throttling per method; without them a broken login looks like silence.',
  checkov: ['CKV2_AWS_4'],
  securityHub: ['APIGateway.1'],
  appliesTo: ['aws_api_gateway_stage'],
  check(stage, { stack }) {
    const all = methodSettingsOf(stack, stage).filter((m) => m.body.method_path === '*/*');
    if (all.length === 0) return violation('no aws_api_gateway_method_settings with method_path */* for this stage');
    const settings = all.map((m) => settingsOf(m, 'settings'));
    if (!settings.some((s) => isTrue(s.metrics_enabled))) return violation('metrics_enabled is not true for */*');
    if (!settings.some((s) => EXECUTION_LOG_LEVELS.includes(String(s.logging_level)))) return violation('execution logging_level is not ERROR or INFO for */*');
    return compliant();
  },
};
