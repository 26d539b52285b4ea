import { Rule } from '../types';
import { compliant, violation } from '../result';
import { isTrue } from '../terraform';
import { settingsOf } from '../resources';

export const rule: Rule = {
  id: 'LZ-API-006',
  severity: 'ERROR',
  invariant: 'API method settings never enable data tracing (full request/response logging).',
  why:
    'Data tracing writes request and response bodies and headers to CloudWatch: here that is the bearer JWT ' +
    'and the presigned Studio URL, i.e. a replayable login in a log group.',
  checkov: ['CKV_AWS_276'],
  appliesTo: ['aws_api_gateway_method_settings'],
  check(settings) {
    return isTrue(settingsOf(settings, 'settings').data_trace_enabled) ? violation('data_trace_enabled is true') : compliant();
  },
};
