import { Rule } from '../types';
import { compliant, violation } from '../result';
import { isTrue } from '../terraform';

export const rule: Rule = {
  id: 'LZ-API-004',
  severity: 'ERROR',
  invariant: 'Every API stage has X-Ray tracing enabled.',
  why: 'A trace follows one presign request through the authorizer, the presign Lambda and SageMaker: how latency and failures are diagnosed without logging tokens.',
  checkov: ['CKV_AWS_73'],
  securityHub: ['APIGateway.3'],
  appliesTo: ['aws_api_gateway_stage'],
  check(stage) {
    return isTrue(stage.body.xray_tracing_enabled) ? compliant() : violation('xray_tracing_enabled is not true');
  },
};
