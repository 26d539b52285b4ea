import { Construct } from 'constructs';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';

export interface ResolverRuleShareProps {
  /** Name of the RAM resource share. */
  readonly name: string;
  /** The shared rules' ARNs by domain. */
  readonly ruleArns: Record<string, string>;
  /** Account ids of the service accounts. */
  readonly principals: string[];
  /**
   * Inside one AWS Organization (with RAM sharing enabled) shares stay internal and need no
   * acceptance; outside it they must allow external principals and be accepted by each account.
   */
  readonly inOrganization: boolean;
}

/** Shares the corporate FORWARD rules with the service accounts through AWS RAM. */
export class ResolverRuleShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: ResolverRuleShareProps) {
    super(scope, id);
    this.share = new RamResourceShare(this, 'share', {
      name: props.name,
      allowExternalPrincipals: !props.inOrganization,
    });
    // Keyed by domain and account id: onboarding or offboarding one service touches only its own.
    for (const [domain, resourceArn] of Object.entries(props.ruleArns)) {
      new RamResourceAssociation(this, `rule-${domain}`, { resourceShareArn: this.share.arn, resourceArn });
    }
    for (const principal of props.principals) {
      new RamPrincipalAssociation(this, `principal-${principal}`, { resourceShareArn: this.share.arn, principal });
    }
  }
}
