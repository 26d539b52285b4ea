/**
 * What Route 53 Resolver DNS Firewall does with a query from a VPC: the rule groups associated
 * with the VPC run from the lowest association priority, the rules of each from the lowest rule
 * priority; the first ALLOW or BLOCK match decides (ALERT only logs), and a query no rule matches
 * is resolved. A domain specification `*` matches every name, `*.d` the names below `d`, any other
 * exactly itself.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-settings.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-user-managed-domain-lists.html
 */
import { FirewallAssociation, FirewallRule, FirewallRuleGroup, Id, NetworkModel } from '../model';

type FirewallVerdict =
  | { kind: 'no-firewall' }
  | { kind: 'allowed' | 'blocked'; rule: FirewallRule; group: FirewallRuleGroup }
  | { kind: 'unmatched' };

function matchesSpec(name: string, spec: string): boolean {
  const lower = name.toLowerCase();
  if (spec === '*') return true;
  if (spec.startsWith('*.')) return lower.endsWith(spec.slice(1));
  return lower === spec;
}

/** The rule groups of a VPC in evaluation order. */
export function firewallGroupsOf(model: NetworkModel, vpc: Id): { association: FirewallAssociation; group: FirewallRuleGroup }[] {
  return model.firewallAssociations
    .filter((a) => a.vpc === vpc)
    .sort((a, b) => a.priority - b.priority)
    .flatMap((association) => {
      const group = model.firewallRuleGroups.get(association.ruleGroup);
      return group ? [{ association, group }] : [];
    });
}

export function firewallVerdict(model: NetworkModel, vpc: Id, name: string): FirewallVerdict {
  const groups = firewallGroupsOf(model, vpc);
  if (groups.length === 0) return { kind: 'no-firewall' };
  for (const { group } of groups) {
    for (const rule of group.rules) {
      if (rule.action !== 'ALLOW' && rule.action !== 'BLOCK') continue;
      if (rule.domains?.some((spec) => matchesSpec(name, spec))) return { kind: rule.action === 'ALLOW' ? 'allowed' : 'blocked', rule, group };
    }
  }
  return { kind: 'unmatched' };
}

export function describeVerdict(verdict: FirewallVerdict): string {
  switch (verdict.kind) {
    case 'no-firewall':
      return 'no DNS Firewall rule group is associated with the VPC';
    case 'unmatched':
      return 'no DNS Firewall rule matches it';
    default:
      return `${verdict.kind} by rule ${verdict.rule.name} (priority ${verdict.rule.priority}) of rule group ${verdict.group.name}`;
  }
}
