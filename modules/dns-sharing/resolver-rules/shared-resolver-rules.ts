import { Construct } from 'constructs';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';

export interface SharedResolverRulesProps {
  /** The service VPC whose resolver applies the rules. */
  readonly vpcId: string;
  /** ARN of the network account's RAM share. */
  readonly shareArn: string;
  /** The shared rules' ids by domain. */
  readonly ruleIds: Record<string, string>;
  /** Outside an Organization the share is an invitation this account must accept first. */
  readonly acceptShare: boolean;
}

/** Applies the network account's corporate FORWARD rules to the service VPC. */
export class SharedResolverRules extends Construct {
  constructor(scope: Construct, id: string, props: SharedResolverRulesProps) {
    super(scope, id);
    const accepter = props.acceptShare
      ? new RamResourceShareAccepter(this, 'accept-share', { shareArn: props.shareArn })
      : undefined;
    // Associating a rule before the share is accepted fails with "rule not found": make it explicit.
    for (const [domain, resolverRuleId] of Object.entries(props.ruleIds)) {
      new Route53ResolverRuleAssociation(this, `rule-${domain}`, {
        resolverRuleId,
        vpcId: props.vpcId,
        dependsOn: accepter ? [accepter] : undefined,
      });
    }
  }
}
