/** The corporate DNS domains forwarded to the corporate DNS servers. */
import type { Problems } from '../problems';
import { asString } from './json';

/** Zones that must keep resolving inside AWS: VPC endpoint names and Studio URLs live in them. */
const AWS_ZONES = ['amazonaws.com', 'amazonaws.com.cn', 'aws', 'api.aws'];
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function checkDnsDomain(problems: Problems, at: string, value: unknown): void {
  const domain = asString(value);
  if (domain === undefined) return;
  if (domain === '.' || domain === '') {
    problems.add(at, 'is the DNS root, which would forward every name (AWS ones included) to the corporate DNS', 'list the corporate domains themselves, e.g. corp.example.com');
    return;
  }
  const labels = domain.split('.');
  if (domain.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) {
    problems.add(at, `"${domain}" is not a valid DNS domain name`,
      'use lowercase labels of letters, digits and hyphens separated by dots, without a trailing dot, e.g. corp.example.com');
    return;
  }
  const awsDnsZone = AWS_ZONES.find((aws) => isSameOrSubdomain(domain, aws) || isSameOrSubdomain(aws, domain));
  if (awsDnsZone) {
    problems.add(at, `"${domain}" covers the AWS zone ${awsDnsZone}; forwarding it would send VPC endpoint and Studio names to the corporate DNS`,
      'remove it: AWS names must be answered inside AWS');
  }
}

function isSameOrSubdomain(name: string, dnsZone: string): boolean {
  return name === dnsZone || name.endsWith(`.${dnsZone}`);
}
