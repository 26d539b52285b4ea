import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';

/**
 * Runtimes AWS still patches (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html,
 * as of 2025-11). Remove a runtime on its deprecation date; add new ones as they ship.
 */
export const SUPPORTED_RUNTIMES: readonly string[] = [
  'nodejs20.x', 'nodejs22.x',
  'python3.10', 'python3.11', 'python3.12', 'python3.13',
  'java11', 'java17', 'java21',
  'dotnet8',
  'ruby3.3', 'ruby3.4',
  'provided.al2', 'provided.al2023',
];

export const rule: Rule = {
  id: 'LZ-LMB-004',
  severity: 'ERROR',
  invariant: 'Every zip-packaged Lambda function uses a runtime AWS still supports.',
  why: 'A deprecated runtime gets no security patches, and AWS eventually blocks updating the function: the fix for the next CVE could not be deployed.',
  checkov: ['CKV_AWS_363'],
  securityHub: ['Lambda.2'],
  appliesTo: ['aws_lambda_function'],
  check(fn) {
    if (fn.body.package_type === 'Image') return notApplicable('container image: the image pins its runtime');
    const runtime = String(fn.body.runtime ?? '');
    return SUPPORTED_RUNTIMES.includes(runtime) ? compliant() : violation(`runtime ${runtime || '(none)'} is not supported`);
  },
};
