import { Rule } from '../types';
import { compliant, violation } from '../result';
import { block } from '../terraform';

export const rule: Rule = {
  id: 'LZ-API-003',
  severity: 'ERROR',
  invariant: 'Every API stage writes access logs (destination and format).',
  why:
    'Access logs record which endpoint (vpceId), which user (authorizer context) and which result each ' +
    'presign request had: the audit trail of who obtained a Studio URL.',
  checkov: ['CKV_AWS_76'],
  appliesTo: ['aws_api_gateway_stage'],
  check(stage) {
    const settings = block(stage.body, 'access_log_settings');
    if (!settings?.destination_arn) return violation('no access_log_settings.destination_arn');
    if (!settings.format) return violation('access_log_settings has no format');
    return compliant();
  },
};
