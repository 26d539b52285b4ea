import { Rule } from '../types';
import { fromProblems } from '../result';
import { strings } from '../terraform';
import { mapsPublicIps, subnetOf } from '../network';

export const rule: Rule = {
  id: 'LZ-SM-001',
  severity: 'ERROR',
  invariant: 'Studio domains are VpcOnly, use IAM authentication, and live in private subnets this stack creates or looks up.',
  why:
    'PublicInternetOnly gives every Studio app a SageMaker-managed internet path; CreatePresignedDomainUrl only ' +
    'serves IAM-auth domains; subnets that map public IPs would expose the apps\' interfaces.',
  appliesTo: ['aws_sagemaker_domain'],
  check(domain, { stack }) {
    const subnets = strings(domain.body.subnet_ids);
    const resolved = subnets.map((id) => subnetOf(stack, id));
    return fromProblems([
      ...(domain.body.app_network_access_type !== 'VpcOnly' ? [`app_network_access_type is ${String(domain.body.app_network_access_type ?? 'PublicInternetOnly (default)')}`] : []),
      ...(domain.body.auth_mode !== 'IAM' ? [`auth_mode is ${String(domain.body.auth_mode)}`] : []),
      ...(subnets.length === 0 ? ['no subnet_ids'] : []),
      ...(resolved.some((s) => !s) ? ['a subnet is not defined in this stack, so it cannot be shown private'] : []),
      ...resolved.filter((s) => s && mapsPublicIps(s)).map((s) => `${s!.address} maps public IPs`),
    ]);
  },
};
