import { Rule } from '../types';
import { compliant, notApplicable, violation } from '../result';

/**
 * Namespaces AWS answers for. Forwarding one of them (or a parent such as `com`) sends AWS service
 * names, the endpoint names included, to the corporate DNS.
 */
const AWS_ZONES: readonly string[] = [
  'amazonaws.com', 'amazonaws.com.cn', 'aws', 'amazon.com', 'amazon', 'awsapps.com', 'amazoncognito.com',
  'cloudfront.net', 'amazontrust.com', 'aws.dev', 'a2z.com', 'awsstatic.com',
];

const normalize = (domain: string): string => domain.trim().toLowerCase().replace(/\.$/, '');
/** Same zone, a zone inside the other, or a parent of it. */
const overlaps = (a: string, b: string): boolean => a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
const inside = (domain: string, dnsZone: string): boolean => domain === dnsZone || domain.endsWith(`.${dnsZone}`);

export const rule: Rule = {
  id: 'LZ-DNS-003',
  severity: 'ERROR',
  invariant: 'FORWARD rules capture only corporate domains: never the root, an AWS namespace or a parent of one.',
  why:
    'A FORWARD rule overrides private hosted zones and endpoint private DNS in every VPC it is associated ' +
    'with. Forwarding "." or an AWS zone would resolve sagemaker.api or execute-api through the corporate DNS ' +
    'to public addresses, and the aws:SourceVpce conditions would then refuse every call. The simulated ' +
    'corporate VPC\'s Studio rule is the one exception; it is suppressed next to that resource.',
  appliesTo: ['aws_route53_resolver_rule'],
  check(rule, { context }) {
    if (rule.body.rule_type !== 'FORWARD') return notApplicable(`${String(rule.body.rule_type)} rule`);
    const domain = normalize(String(rule.body.domain_name ?? ''));
    if (domain === '') return violation('forwards the root domain "."');
    const aws = AWS_ZONES.find((dnsZone) => overlaps(domain, dnsZone));
    if (aws) return violation(`forwards ${domain}, which ${domain === aws ? 'is' : 'overlaps'} the AWS namespace ${aws}`);
    const corporate = context.corporateDomains?.map(normalize);
    if (corporate && !corporate.some((dnsZone) => inside(domain, dnsZone))) return violation(`forwards ${domain}, which is not a corporate domain (${corporate.join(', ')})`);
    return compliant(corporate ? undefined : 'corporate domains unknown: checked against the AWS namespaces only');
  },
};
