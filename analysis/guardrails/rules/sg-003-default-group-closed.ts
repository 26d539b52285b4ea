import { Rule } from '../types';
import { compliant, fromProblems, violation } from '../result';
import { referencing } from '../terraform';
import { securityGroupRules } from '../network';

export const rule: Rule = {
  id: 'LZ-SG-003',
  severity: 'ERROR',
  invariant: "Every VPC's default security group is managed and has no rules.",
  why:
    'Anything launched without an explicit group lands in the default one, which AWS creates allowing all ' +
    'traffic between its members and all egress. Emptying it makes "forgot the security group" fail closed.',
  checkov: ['CKV2_AWS_12'],
  securityHub: ['EC2.2'],
  appliesTo: ['aws_vpc', 'aws_default_security_group'],
  check(resource, { stack }) {
    if (resource.type === 'aws_default_security_group') {
      return fromProblems(securityGroupRules(stack, resource).map((r) => `${r.address} opens ${r.direction} traffic`));
    }
    // The group itself is judged above; the VPC only needs one to exist.
    return referencing(stack, 'aws_default_security_group', 'vpc_id', resource).length > 0
      ? compliant()
      : violation('no aws_default_security_group closes the default group of this VPC');
  },
};
