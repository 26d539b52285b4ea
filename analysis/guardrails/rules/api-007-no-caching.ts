import { Rule } from '../types';
import { compliant, violation } from '../result';
import { isTrue } from '../terraform';
import { settingsOf } from '../resources';

export const rule: Rule = {
  id: 'LZ-API-007',
  severity: 'ERROR',
  invariant: 'API stages have no cache cluster and method settings never enable caching.',
  why:
    'Every response of this API is one user\'s single-use presigned URL (a 302 Location). A cache keyed on ' +
    'path and method would hand that URL, and with it the user\'s Studio session, to the next caller. ' +
    'Scanners recommend the opposite (checkov CKV_AWS_120 "API Gateway caching is enabled") for APIs whose ' +
    'responses are shared; for per-user credentials that advice is wrong, so this rule overrides it and ' +
    'CKV_AWS_120 should be skipped for this API.',
  overrides: ['CKV_AWS_120'],
  appliesTo: ['aws_api_gateway_stage', 'aws_api_gateway_method_settings'],
  check(resource) {
    if (resource.type === 'aws_api_gateway_stage') {
      return isTrue(resource.body.cache_cluster_enabled) ? violation('cache_cluster_enabled is true') : compliant();
    }
    return isTrue(settingsOf(resource, 'settings').caching_enabled) ? violation('caching_enabled is true') : compliant();
  },
};
