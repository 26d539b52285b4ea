import { Rule } from '../types';
import { compliant, violation } from '../result';
import { block, strings } from '../terraform';
import { subnetZones } from '../network';

export const rule: Rule = {
  id: 'LZ-LMB-001',
  severity: 'ERROR',
  invariant: 'Every Lambda function runs in a VPC, with security groups, in subnets of at least two AZs.',
  why:
    'Outside the VPC a function reaches SageMaker over the public endpoint, where the aws:SourceVpce grant ' +
    'does not apply; in one AZ an AZ outage stops every Studio login.',
  checkov: ['CKV_AWS_117'],
  securityHub: ['Lambda.3', 'Lambda.5'],
  appliesTo: ['aws_lambda_function'],
  check(fn, { stack }) {
    const vpc = block(fn.body, 'vpc_config');
    const subnets = strings(vpc?.subnet_ids);
    if (!vpc || subnets.length === 0) return violation('no vpc_config.subnet_ids: the function runs outside the VPC');
    if (strings(vpc.security_group_ids).length === 0) return violation('vpc_config has no security_group_ids');
    const zones = subnetZones(stack, subnets);
    if (zones.some((z) => z === undefined)) return violation('a subnet is not defined in this stack, so its AZ cannot be shown');
    const distinct = new Set(zones);
    return distinct.size >= 2 ? compliant() : violation(`subnets span ${distinct.size} AZ (${[...distinct].join(', ')})`);
  },
};
