import { Rule } from '../types';
import { fromProblems } from '../result';
import { inlineRules, standaloneRule } from '../network';

/** What Terraform writes when a group has no description: says nothing about why the group exists. */
const TERRAFORM_DEFAULT = 'Managed by Terraform';
const described = (text: unknown): boolean => typeof text === 'string' && text.trim() !== '' && text.trim() !== TERRAFORM_DEFAULT;

export const rule: Rule = {
  id: 'LZ-SG-002',
  severity: 'ERROR',
  invariant: 'Every security group and every security group rule has a description saying why it exists.',
  why:
    'Reviewers and responders read rules in the console, not in this repository; an undescribed opening is the ' +
    'one nobody dares to remove.',
  checkov: ['CKV_AWS_23'],
  appliesTo: ['aws_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'],
  check(resource) {
    const single = standaloneRule(resource);
    if (single) return fromProblems(described(single.description) ? [] : [`${resource.address} has no description`]);
    return fromProblems([
      ...(described(resource.body.description) ? [] : [`${resource.address} has no description`]),
      ...inlineRules(resource).filter((r) => !described(r.description)).map((r) => `${r.address} has no description`),
    ]);
  },
};
