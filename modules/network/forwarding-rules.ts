import { Construct } from 'constructs';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';

export interface ForwardingRulesProps {
  /** Name prefix, e.g. `example-corporate`. */
  readonly name: string;
  /** One FORWARD rule per domain. */
  readonly domains: string[];
  /** DNS servers the rules forward to, port 53. */
  readonly targetIps: string[];
  /** The Route 53 Resolver outbound endpoint the rules' queries leave through. */
  readonly outboundEndpointId: string;
  /** VPCs (in this account) whose resolver applies the rules, by a stable name (`hub`). */
  readonly vpcIds: Record<string, string>;
}

/** Route 53 Resolver FORWARD rules, one per domain, and their associations with local VPCs. */
export class ForwardingRules extends Construct {
  /** Keyed by domain, in the order given. */
  readonly rules: { domain: string; rule: Route53ResolverRule }[];

  constructor(scope: Construct, id: string, props: ForwardingRulesProps) {
    super(scope, id);
    this.rules = props.domains.map((domain) => {
      const rule = new Route53ResolverRule(this, `rule-${domain}`, {
        name: `${props.name}-${domain.replace(/\./g, '-')}`.slice(0, 64),
        domainName: domain,
        ruleType: 'FORWARD',
        resolverEndpointId: props.outboundEndpointId,
        targetIp: props.targetIps.map((ip) => ({ ip, port: 53 })),
      });
      for (const [vpcName, vpcId] of Object.entries(props.vpcIds)) {
        new Route53ResolverRuleAssociation(this, `rule-${domain}-${vpcName}`, { resolverRuleId: rule.id, vpcId });
      }
      return { domain, rule };
    });
  }

  /** One attribute of every rule, by domain: what shares and associations are keyed by. */
  byDomain(attribute: 'arn' | 'id'): Record<string, string> {
    return Object.fromEntries(this.rules.map(({ domain, rule }) => [domain, rule[attribute]]));
  }
}
