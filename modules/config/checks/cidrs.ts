/** The address plan: CIDR blocks, the inbound resolver's addresses, and overlaps between ranges. */
import {
  addressAt,
  broadcastAddress,
  cidrsOverlap,
  containsAddress,
  firstFreePrivateBlock,
  formatCidr,
  formatIpv4,
  hasHostBits,
  isAwsReservedAddress,
  isRfc1918,
  mustParseCidr,
  networkAddress,
  parseCidr,
  parseIpv4,
  type Cidr,
} from '../cidr';
import { childPath, inline, plural, type Problems } from '../problems';
import { defaultResolverIp, deriveSubnets } from '../resolve';
import { asString } from './json';

/** A range taking part in the overlap check. */
export interface NamedRange {
  path: string;
  text: string;
  cidr: Cidr;
  corporate: boolean;
}

const VPC_PREFIX = { min: 16, max: 24 };

/** Returns the CIDR when it is fully valid, so later checks never build on a broken value. */
export function checkCidr(problems: Problems, at: string, value: unknown, { vpc }: { vpc: boolean }): Cidr | undefined {
  const text = asString(value);
  if (text === undefined) return undefined;
  const cidr = parseCidr(text);
  const example = vpc ? '10.20.0.0/16' : '192.168.0.0/16';
  if (!cidr) {
    problems.add(at, `"${text}" is not an IPv4 CIDR block`, `write it as address/prefix, e.g. ${example}`);
    return undefined;
  }
  const before = problems.list.length;
  const network = { address: networkAddress(cidr), prefix: cidr.prefix };
  if (hasHostBits(cidr)) {
    problems.add(at, `"${text}" has host bits set`, `use the network address: ${formatCidr(network)}`);
  }
  if (vpc && (cidr.prefix < VPC_PREFIX.min || cidr.prefix > VPC_PREFIX.max)) {
    problems.add(at, `"${text}" has prefix /${cidr.prefix}; a VPC here must be /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`,
      `use a prefix length from /${VPC_PREFIX.min} to /${VPC_PREFIX.max} (each of the 4 subnets gets a quarter)`);
  }
  if (!isRfc1918(cidr)) {
    problems.add(at, `"${text}" is not a private (RFC 1918) range`, 'use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
  }
  return problems.list.length === before ? network : undefined;
}

export function checkResolverIps(problems: Problems, value: unknown, hub: Cidr | undefined, azIds: string[] | undefined): void {
  if (!Array.isArray(value)) return;
  const at = 'network.inboundResolverIps';
  const subnets = hub && azIds ? deriveSubnets(formatCidr(hub), azIds) : undefined;
  const defaults = subnets?.map((subnet) => defaultResolverIp(subnet.cidr));
  if (azIds && value.length !== azIds.length) {
    problems.add(at, `lists ${plural(value.length, 'IP', 'IPs')} for ${plural(azIds.length, 'AZ', 'AZs')}`,
      `list one IP per AZ id, in the same order${defaults ? `, e.g. ${inline(defaults)}` : ''}`);
  }
  for (const [i, text] of value.entries()) {
    if (typeof text !== 'string') continue;
    const ipAt = childPath(at, i);
    const address = parseIpv4(text);
    const subnet = subnets?.[i];
    const example = defaults?.[i] ?? '10.10.0.10';
    if (address === undefined) {
      problems.add(ipAt, `"${text}" is not an IPv4 address`, `write it as a.b.c.d, e.g. ${example}`);
    } else if (subnet) {
      const subnetCidr = mustParseCidr(subnet.cidr);
      if (!containsAddress(subnetCidr, address)) {
        problems.add(ipAt, `"${text}" is outside the hub subnet of ${subnet.availabilityZoneId} (${subnet.cidr})`,
          `use an address inside ${subnet.cidr}, e.g. ${example}`);
      } else if (isAwsReservedAddress(subnetCidr, address)) {
        problems.add(ipAt, reservedMessage(text, subnet.cidr), `use an address from ${usableRange(subnetCidr)}, e.g. ${example}`);
      }
    }
  }
  problems.unique([...value.entries()], (i) => childPath(at, i), 'give each AZ its own resolver IP');
}

export function reservedMessage(ip: string, subnet: string): string {
  return `"${ip}" is reserved by AWS in subnet ${subnet} (the first four addresses and the last one are reserved)`;
}

export function usableRange(subnet: Cidr): string {
  return `${formatIpv4(addressAt(subnet, 4))} to ${formatIpv4(broadcastAddress(subnet) - 1)}`;
}

export function checkOverlaps(problems: Problems, ranges: NamedRange[]): void {
  for (const [j, later] of ranges.entries()) {
    const earlier = ranges.slice(0, j).find((range) => cidrsOverlap(range.cidr, later.cidr));
    if (!earlier) continue;
    if (later.corporate) {
      problems.add(later.path, `overlaps ${earlier.path} (${earlier.text})`, 'list each corporate range once: remove one of them or list their union');
      continue;
    }
    const free = firstFreePrivateBlock(later.cidr.prefix, ranges.filter((range) => range !== later).map((range) => range.cidr));
    problems.add(later.path, `overlaps ${earlier.path} (${earlier.text})`,
      `choose a range that overlaps no corporate, hub or service range${free ? `, e.g. ${formatCidr(free)}` : ''}`);
  }
}
