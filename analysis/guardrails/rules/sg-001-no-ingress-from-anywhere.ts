import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { inlineRules, isAnywhere, standaloneRule } from '../network';

export const rule: Rule = {
  id: 'LZ-SG-001',
  severity: 'ERROR',
  invariant: 'No security group rule admits traffic from 0.0.0.0/0 or ::/0.',
  why:
    'Ingress from anywhere turns reachability into the only control; every admitted source here is a named ' +
    'private range (corporate network, the VPC itself) or a security group.',
  checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'],
  securityHub: ['EC2.18', 'EC2.19'],
  appliesTo: ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'aws_security_group', 'aws_default_security_group'],
  check(resource) {
    const single = standaloneRule(resource);
    const rules = (single ? [single] : inlineRules(resource)).filter((r) => r.direction === 'ingress');
    if (rules.length === 0) return notApplicable();
    return fromProblems(rules.flatMap((r) => r.cidrs.filter(isAnywhere).map((c) => `${r.address} admits ${c}`)));
  },
};
