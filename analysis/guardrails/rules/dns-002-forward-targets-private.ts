import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { blocks, strings } from '../terraform';
import { withinAny } from '../network';
import { RFC1918_BLOCKS, formatCidr } from '../../../modules/config/cidr';

const PRIVATE_IPV4 = RFC1918_BLOCKS.map(formatCidr);
/** IPv6 unique local addresses, fc00::/7. */
const isPrivateIpv6 = (ip: string): boolean => /^f[cd][0-9a-f]{0,2}:/i.test(ip);

export const rule: Rule = {
  id: 'LZ-DNS-002',
  severity: 'ERROR',
  invariant: 'FORWARD rules send queries only to private (RFC 1918 / ULA) addresses.',
  why: 'A public target would carry corporate (and, through the shares, service-VPC) DNS queries over the internet to a server nobody here controls.',
  appliesTo: ['aws_route53_resolver_rule'],
  check(rule) {
    if (rule.body.rule_type !== 'FORWARD') return notApplicable(`${String(rule.body.rule_type)} rule`);
    const targets = blocks(rule.body, 'target_ip');
    if (targets.length === 0) return fromProblems(['no target_ip']);
    return fromProblems(
      targets.flatMap((t) => [
        ...strings(t.ip).filter((ip) => !withinAny(ip, PRIVATE_IPV4)).map((ip) => `target ${ip} is not a private address`),
        ...strings(t.ipv6).filter((ip) => !isPrivateIpv6(ip)).map((ip) => `target ${ip} is not a private address`),
      ]),
    );
  },
};
