/** The corporate connectivity: the Transit Gateway's corporate side, peered and simulated corporate VPCs, corporate DNS servers. */
import { addressAt, containsAddress, containsCidr, formatCidr, formatIpv4, isAwsReservedAddress, mustParseCidr, parseIpv4, type Cidr } from '../cidr';
import { childPath, inline, plural, type Problems } from '../problems';
import { DEFAULTS, deriveSubnets } from '../resolve';
import { checkCidr, reservedMessage, usableRange, type NamedRange } from './cidrs';
import type { Json } from './json';

/** The corporate side on a Transit Gateway is one thing: a VPN / Direct Connect attachment, or a simulated VPC. */
export function checkTransitGateway(problems: Problems, connectivity: Json): void {
  const at = 'corporate.connectivity';
  const attachment = connectivity.corporateAttachmentId !== undefined;
  const simulated = connectivity.vpcCidr !== undefined;
  if (attachment === simulated) {
    problems.add(at, attachment
      ? 'names both corporateAttachmentId and vpcCidr; the corporate side on the Transit Gateway is one of them'
      : 'names no corporate side for the Transit Gateway',
    'give corporateAttachmentId (the Site-to-Site VPN or Direct Connect gateway attachment of the corporate network), or vpcCidr for a simulated corporate VPC in a demo');
  }
  if (connectivity.autoAcceptSharedAttachments !== undefined && connectivity.transitGatewayId === undefined) {
    problems.add(`${at}.autoAcceptSharedAttachments`, 'applies only to an existing Transit Gateway (transitGatewayId); a created one never auto-accepts',
      'remove autoAcceptSharedAttachments, or give the transitGatewayId it describes');
  }
}

/**
 * Peering reaches the peered VPC's own addresses only: VPC peering carries no VPN or Direct
 * Connect traffic onward (no edge-to-edge routing), so every corporate range must live in it.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 */
export function checkExistingCorporateVpc(problems: Problems, connectivity: Json, ranges: NamedRange[]): void {
  const vpc = checkCidr(problems, 'corporate.connectivity.vpcCidr', connectivity.vpcCidr, { vpc: true });
  if (!vpc) return;
  for (const range of ranges.filter((r) => r.corporate && !containsCidr(vpc, r.cidr))) {
    problems.add(range.path, `"${range.text}" is not inside the peered VPC ${String(connectivity.vpcCidr)}: existing-vpc peering is for clients that live in that VPC, ` +
      'and VPC peering carries no VPN or Direct Connect traffic (no edge-to-edge routing), so an on-premises range behind it is never reached',
    'for an on-premises network use corporate.connectivity.type transit-gateway with its VPN or Direct Connect attachment; otherwise list only ranges of that VPC');
  }
}

/** Returns the simulated VPC's subnets (over the network AZs) when they can be derived. */
export function checkSimulatedCorporate(
  problems: Problems,
  connectivity: Json,
  corporateCidrs: Cidr[],
  ranges: NamedRange[],
  networkAzIds: string[] | undefined,
): Cidr[] | undefined {
  const at = 'corporate.connectivity.vpcCidr';
  const vpc = checkCidr(problems, at, connectivity.vpcCidr, { vpc: true });
  if (!vpc) return undefined;
  const text = String(connectivity.vpcCidr);
  if (!corporateCidrs.some((cidr) => containsCidr(cidr, vpc))) {
    problems.add(at, `"${text}" is not inside any of corporate.cidrs`, `add ${text} to corporate.cidrs, or choose a vpcCidr inside one of them`);
    // Outside the corporate ranges it would otherwise escape the overlap check.
    ranges.push({ path: at, text, cidr: vpc, corporate: false });
  }
  return networkAzIds && deriveSubnets(formatCidr(vpc), networkAzIds).map((subnet) => mustParseCidr(subnet.cidr));
}

/**
 * Corporate DNS servers must be corporate addresses. With a simulated corporate network they are
 * created: a Route 53 inbound endpoint in the simulated VPC's subnets, which needs at least 2 IPs.
 */
export function checkDnsServerIps(problems: Problems, value: unknown, corporateCidrs: Cidr[], simulatedSubnets: Cidr[] | undefined): void {
  if (!Array.isArray(value)) return;
  const at = 'corporate.dnsServerIps';
  const listed = simulatedSubnets?.map(formatCidr).join(', ');
  const examples = simulatedSubnets?.map((subnet) => formatIpv4(addressAt(subnet, DEFAULTS.resolverIpOffset)));
  if (examples && value.length < 2) {
    problems.add(at, `lists ${plural(value.length, 'IP', 'IPs')}; the simulated corporate DNS (a Route 53 inbound endpoint) needs at least 2`,
      `list 2 addresses inside the simulated VPC's subnets (${listed}), e.g. ${inline(examples.slice(0, 2))}`);
  }
  for (const [i, ip] of value.entries()) {
    if (typeof ip !== 'string') continue;
    const ipAt = childPath(at, i);
    const address = parseIpv4(ip);
    const subnet = simulatedSubnets?.find((candidate) => address !== undefined && containsAddress(candidate, address));
    if (address === undefined) {
      problems.add(ipAt, `"${ip}" is not an IPv4 address`, `write it as a.b.c.d, e.g. ${examples?.[0] ?? '192.168.0.10'}`);
    } else if (simulatedSubnets && !subnet) {
      problems.add(ipAt, `"${ip}" is outside the simulated corporate VPC's subnets (${listed})`, `use an address inside one of them, e.g. ${examples?.[0]}`);
    } else if (subnet && isAwsReservedAddress(subnet, address)) {
      problems.add(ipAt, reservedMessage(ip, formatCidr(subnet)), `use an address from ${usableRange(subnet)}`);
    } else if (!simulatedSubnets && corporateCidrs.length > 0 && !corporateCidrs.some((cidr) => containsAddress(cidr, address))) {
      problems.add(ipAt, `"${ip}" is not inside any of corporate.cidrs`, 'use the address of a corporate DNS server, or add its range to corporate.cidrs');
    }
  }
}
