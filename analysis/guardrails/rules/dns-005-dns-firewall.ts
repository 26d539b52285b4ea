import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { referencing, target } from '../terraform';
import { firewallRules, hasInterfaceEndpoints } from '../resources';

export const rule: Rule = {
  id: 'LZ-DNS-005',
  severity: 'ERROR',
  invariant: 'Every VPC with interface endpoints has a DNS Firewall rule group that BLOCKs "*" and ALLOWs only listed names before it.',
  why:
    'A VPC with no internet route still answers any public name through its resolver, and the query itself ' +
    'reaches the name server of whoever owns the domain: code in a Studio app or a Lambda can carry data out ' +
    'in the names it looks up. A BLOCK rule on the "*" domain list after an ALLOW rule for the landing zone\'s ' +
    'names closes that channel; an ALLOW of "*" before it would reopen it. ' +
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-settings.html',
  appliesTo: ['aws_vpc', 'data.aws_vpc'],
  check(vpc, { stack }) {
    if (!hasInterfaceEndpoints(stack, vpc)) return notApplicable('no interface endpoint in this VPC');
    const associations = referencing(stack, 'aws_route53_resolver_firewall_rule_group_association', 'vpc_id', vpc);
    if (associations.length === 0) return violation('no DNS Firewall rule group is associated with this VPC: its resolver answers any public name');
    const problems: string[] = [];
    for (const association of associations) {
      const group = target(stack, association.body.firewall_rule_group_id, 'aws_route53_resolver_firewall_rule_group');
      if (!group) {
        problems.push(`${association.address} names a rule group outside this stack`);
        continue;
      }
      const rules = firewallRules(stack, group);
      const blockAll = rules.findIndex((r) => r.action === 'BLOCK' && r.domains.includes('*'));
      if (blockAll < 0) {
        problems.push(`${group.address} has no BLOCK rule on a domain list holding "*": names outside its lists resolve`);
        continue;
      }
      const open = rules.slice(0, blockAll).find((r) => r.action === 'ALLOW' && r.domains.includes('*'));
      if (open) {
        problems.push(`${open.rule.address} ALLOWs "*" before the BLOCK rule: every name resolves`);
        continue;
      }
      return compliant(`${group.address}: ${rules.slice(0, blockAll).length} rule(s) before BLOCK "*"`);
    }
    return violation(problems.join('; '));
  },
};
