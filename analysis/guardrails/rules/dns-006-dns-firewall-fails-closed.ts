import { Rule } from '../types';
import { compliant, warning } from '../result';

export const rule: Rule = {
  id: 'LZ-DNS-006',
  severity: 'WARNING',
  invariant: 'DNS Firewall fails closed in every VPC (firewall_fail_open is not ENABLED).',
  why:
    'Failing open lets every query through unfiltered whenever DNS Firewall does not answer, so the DNS ' +
    'perimeter holds only while the service is healthy. It is a setting (dnsFirewall.failOpen) for zones that ' +
    'choose availability, hence a warning. ' +
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-vpc-configuration.html',
  appliesTo: ['aws_route53_resolver_firewall_config'],
  check(config) {
    return config.body.firewall_fail_open === 'ENABLED'
      ? warning('firewall_fail_open is ENABLED: queries pass unfiltered when DNS Firewall is impaired')
      : compliant();
  },
};
