import { Construct } from 'constructs';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';

export interface DnsFirewallProps {
  /** Name prefix of the rule group, its domain lists and associations (`example-analytics`). */
  readonly name: string;
  /** The filtered VPCs, by a stable name (`service`, `hub`). */
  readonly vpcIds: Record<string, string>;
  /** Domain specifications that resolve (`d`, `*.d`); every other name is blocked. */
  readonly allowedDomains: string[];
  /** Let queries through unfiltered when DNS Firewall cannot evaluate them (availability over security). */
  readonly failOpen: boolean;
}

/** Rule priorities inside the group: lowest first, the first matching ALLOW or BLOCK ends the evaluation. */
export const ALLOW_RULE_PRIORITY = 100;
export const BLOCK_RULE_PRIORITY = 200;
/**
 * The group's place among the groups associated with a VPC (100..9900, lowest first): in the middle,
 * so an organisation's own groups (Firewall Manager's, a threat list) can run before or after it.
 */
export const ASSOCIATION_PRIORITY = 1000;

/**
 * Route 53 Resolver DNS Firewall around a VPC: an ALLOW rule for the landing zone's names, then a
 * BLOCK rule on a domain list holding `*` (every name), so the VPC's resolver answers nothing else
 * and code in the VPC cannot tunnel data out through queries to a name server it controls. The
 * resolver query log records every query with the rule's action.
 * - Priorities: rules run from the lowest, the first ALLOW or BLOCK match decides.
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-settings.html
 * - `*` matches every domain; a specification may start with `*`.
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-user-managed-domain-lists.html
 * - Fail mode: closed by default (SERVFAIL when DNS Firewall does not answer), open on request.
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html
 */
export class DnsFirewall extends Construct {
  readonly ruleGroup: Route53ResolverFirewallRuleGroup;
  readonly allowed: Route53ResolverFirewallDomainList;

  constructor(scope: Construct, id: string, props: DnsFirewallProps) {
    super(scope, id);
    this.allowed = new Route53ResolverFirewallDomainList(this, 'allowed', {
      name: `${props.name}-allowed`,
      domains: props.allowedDomains,
    });
    const everything = new Route53ResolverFirewallDomainList(this, 'everything', {
      name: `${props.name}-everything`,
      domains: ['*'],
    });
    this.ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'rule-group', { name: `${props.name}-dns-perimeter` });
    const rules = [
      new Route53ResolverFirewallRule(this, 'allow-landing-zone', {
        name: 'allow-landing-zone',
        firewallRuleGroupId: this.ruleGroup.id,
        firewallDomainListId: this.allowed.id,
        priority: ALLOW_RULE_PRIORITY,
        action: 'ALLOW',
        // The default inspects every name of a CNAME chain (an S3 bucket host answers with a CNAME
        // into AWS's own zone): the chain of an allowed name is AWS's or the corporate DNS's answer.
        firewallDomainRedirectionAction: 'TRUST_REDIRECTION_DOMAIN',
      }),
      new Route53ResolverFirewallRule(this, 'block-everything-else', {
        name: 'block-everything-else',
        firewallRuleGroupId: this.ruleGroup.id,
        firewallDomainListId: everything.id,
        priority: BLOCK_RULE_PRIORITY,
        action: 'BLOCK',
        blockResponse: 'NXDOMAIN',
      }),
    ];
    for (const [vpcName, vpcId] of Object.entries(props.vpcIds)) {
      new Route53ResolverFirewallRuleGroupAssociation(this, `association-${vpcName}`, {
        name: `${props.name}-${vpcName}`,
        firewallRuleGroupId: this.ruleGroup.id,
        vpcId,
        priority: ASSOCIATION_PRIORITY,
        // An association made before the rules would let every name through in between.
        dependsOn: rules,
      });
      new Route53ResolverFirewallConfig(this, `config-${vpcName}`, {
        resourceId: vpcId,
        firewallFailOpen: props.failOpen ? 'ENABLED' : 'DISABLED',
      });
    }
  }
}
