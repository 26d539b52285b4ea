import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { block, numberValue, refersTo, resourcesOf, strings } from '../terraform';
import { SynthResource, SynthesizedStack } from '../types';

const ANYWHERE = '0.0.0.0/0';

/** The ACL a subnet (a reference or a literal id) is explicitly associated with. */
function aclOfSubnet(stack: SynthesizedStack, subnet: string): SynthResource | undefined {
  const acls = resourcesOf(stack, 'aws_network_acl');
  const association = resourcesOf(stack, 'aws_network_acl_association').find((a) => a.body.subnet_id === subnet);
  return association ? acls.find((acl) => refersTo(association.body.network_acl_id, acl)) : acls.find((acl) => strings(acl.body.subnet_ids).includes(subnet));
}

/** The ACL's rules, inline or as `aws_network_acl_rule` resources, in one shape. */
function rulesOf(stack: SynthesizedStack, acl: SynthResource) {
  const inline = (['ingress', 'egress'] as const).flatMap((direction) =>
    [acl.body[direction]].flat().filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null)
      .map((b) => ({ egress: direction === 'egress', action: b.action, protocol: b.protocol, cidr: b.cidr_block, from: b.from_port, to: b.to_port, at: `${acl.address} ${direction} rule ${String(b.rule_no)}` })));
  const separate = resourcesOf(stack, 'aws_network_acl_rule').filter((r) => refersTo(r.body.network_acl_id, acl))
    .map((r) => ({ egress: r.body.egress === true, action: r.body.rule_action, protocol: r.body.protocol, cidr: r.body.cidr_block, from: r.body.from_port, to: r.body.to_port, at: r.address }));
  return [...inline, ...separate];
}

export const rule: Rule = {
  id: 'LZ-VPC-005',
  severity: 'WARNING',
  invariant:
    'The subnets of every VPC Lambda have a network ACL of their own that allows no protocol "all" to or from 0.0.0.0/0 and no inbound port below 1024 from 0.0.0.0/0.',
  why:
    'Security groups are the only filter otherwise: one opening there (a rule for the whole corporate range, a shared group) is an opening of the subnet. ' +
    'A stateless ACL keeps a second, independent layer (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html). The replies\' ' +
    'ephemeral range 1024-65535 from 0.0.0.0/0 is allowed: S3 and DynamoDB gateway endpoints answer from public addresses and ACLs cannot name ' +
    'prefix lists; it contains 3389, which CKV_AWS_231 and Security Hub EC2.21 flag, and nothing in these subnets listens there (security groups). ' +
    'A warning: a service may turn the ACL off (networkAcl.enabled: false) and rely on its security groups.',
  checkov: ['CKV2_AWS_1', 'CKV_AWS_229', 'CKV_AWS_230', 'CKV_AWS_232'],
  securityHub: ['EC2.21'],
  overrides: ['CKV_AWS_231 (3389 inside the ephemeral reply range)', 'cdk-nag AwsSolutions-VPC3 (advises against network ACLs)'],
  appliesTo: ['aws_lambda_function'],
  check(fn, { stack }) {
    const subnets = strings(block(fn.body, 'vpc_config')?.subnet_ids);
    if (subnets.length === 0) return notApplicable('not attached to a VPC');
    return fromProblems(subnets.flatMap((subnet) => {
      const acl = aclOfSubnet(stack, subnet);
      if (!acl) return [`subnet ${subnet} has no network ACL of its own (the VPC's default ACL allows everything)`];
      return rulesOf(stack, acl).filter((r) => String(r.action).toLowerCase() === 'allow' && r.cidr === ANYWHERE).flatMap((r) => {
        if (['-1', 'all'].includes(String(r.protocol))) return [`${r.at} allows every protocol ${r.egress ? 'to' : 'from'} ${ANYWHERE}`];
        const from = numberValue(r.from) ?? 0;
        return !r.egress && from < 1024 ? [`${r.at} admits port ${from} from ${ANYWHERE}`] : [];
      });
    }));
  },
};
