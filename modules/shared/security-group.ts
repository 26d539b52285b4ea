import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';

/**
 * Where a rule lets traffic come from or go to: exactly one of the three. A group or prefix list
 * id may be a Terraform reference, so it carries a stable `name` (`endpoints`, `self`) that keys
 * the rule.
 */
export type Peer = { cidr: string } | { securityGroupId: string; name: string } | { prefixListId: string; name: string };

export interface RuleSpec {
  /** Shown in the console and checked by guardrails: say why the rule exists. */
  readonly description: string;
  /** IP protocol; `-1` is every protocol. */
  readonly protocol: 'tcp' | 'udp' | '-1';
  /** Single port; omitted for protocol `-1`. */
  readonly port?: number;
  /** Where the traffic comes from (ingress) or goes to (egress). */
  readonly peer: Peer;
}

export interface DescribedSecurityGroupProps {
  /** Group name and Name tag. */
  readonly name: string;
  /** What the group is for (AWS keeps it for the group's life: changing it replaces the group). */
  readonly description: string;
  /** The VPC the group belongs to. */
  readonly vpcId: string;
  /**
   * How long deleting the group may wait for network interfaces to let go of it (a Terraform
   * duration, `45m`). @default the provider's, 15 minutes
   */
  readonly deleteTimeout?: string;
}

/**
 * A security group whose every rule is its own resource with a description. It starts with no
 * rules at all: Terraform's `aws_security_group` would otherwise keep AWS's allow-all egress.
 */
export class DescribedSecurityGroup extends Construct {
  readonly group: SecurityGroup;

  constructor(scope: Construct, id: string, props: DescribedSecurityGroupProps) {
    super(scope, id);
    this.group = new SecurityGroup(this, 'sg', {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { Name: props.name },
      ...(props.deleteTimeout ? { timeouts: { delete: props.deleteTimeout } } : {}),
    });
  }

  get id(): string {
    return this.group.id;
  }

  allowIngress(rule: RuleSpec): this {
    new VpcSecurityGroupIngressRule(this, ruleKey('ingress', rule), {
      securityGroupId: this.group.id,
      ...ruleArguments(rule),
    });
    return this;
  }

  allowEgress(rule: RuleSpec): this {
    new VpcSecurityGroupEgressRule(this, ruleKey('egress', rule), {
      securityGroupId: this.group.id,
      ...ruleArguments(rule),
    });
    return this;
  }
}

/**
 * A rule is keyed by what it allows (`ingress-tcp-443-10.0.0.0_16`), not by when it was added:
 * removing one corporate range removes its rules and leaves the others' addresses alone. Two rules
 * with the same content would collide, which constructs refuses (a duplicate rule is an error in
 * AWS too).
 */
function ruleKey(direction: 'ingress' | 'egress', rule: RuleSpec): string {
  const peer = rule.peer;
  const to = 'cidr' in peer ? peer.cidr.replace('/', '_') : peer.name;
  return `${direction}-${rule.protocol === '-1' ? 'all' : `${rule.protocol}-${rule.port}`}-${to}`;
}

function ruleArguments(rule: RuleSpec) {
  const peer = rule.peer;
  return {
    description: rule.description,
    ipProtocol: rule.protocol,
    ...(rule.protocol === '-1' ? {} : { fromPort: rule.port, toPort: rule.port }),
    ...('cidr' in peer ? { cidrIpv4: peer.cidr } : {}),
    ...('securityGroupId' in peer ? { referencedSecurityGroupId: peer.securityGroupId } : {}),
    ...('prefixListId' in peer ? { prefixListId: peer.prefixListId } : {}),
  };
}

/** The same rule for TCP and UDP 53, the two transports DNS uses. */
export function dnsRules(description: string, peer: Peer): RuleSpec[] {
  return (['tcp', 'udp'] as const).map((protocol) => ({ description, protocol, port: 53, peer }));
}
