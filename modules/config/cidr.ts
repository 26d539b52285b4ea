/**
 * Small IPv4 / CIDR helpers for validating and deriving the landing zone's address plan.
 * Addresses are unsigned 32-bit integers so that range checks are plain comparisons.
 */

/** A CIDR block as written: `address` may have host bits set (see `hasHostBits`). */
export interface Cidr {
  readonly address: number;
  readonly prefix: number;
}

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** Parses dotted-quad IPv4; rejects leading zeros, which some tools read as octal. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => OCTET.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

export function parseCidr(text: string): Cidr | undefined {
  const match = /^([0-9.]+)\/(0|[1-9][0-9]?)$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32) return undefined;
  return { address, prefix };
}

/** For values that validation has already accepted. */
export function mustParseCidr(text: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) throw new Error(`"${text}" is not an IPv4 CIDR block`);
  return cidr;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.address)}/${cidr.prefix}`;
}

/** Number of addresses in the block. */
function blockSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

export function networkAddress(cidr: Cidr): number {
  return cidr.address - (cidr.address % blockSize(cidr));
}

export function broadcastAddress(cidr: Cidr): number {
  return networkAddress(cidr) + blockSize(cidr) - 1;
}

/** `10.0.0.1/16` names a host, not a network: AWS rejects it for VPCs and routes. */
export function hasHostBits(cidr: Cidr): boolean {
  return networkAddress(cidr) !== cidr.address;
}

export function containsAddress(cidr: Cidr, address: number): boolean {
  return address >= networkAddress(cidr) && address <= broadcastAddress(cidr);
}

export function containsCidr(outer: Cidr, inner: Cidr): boolean {
  return containsAddress(outer, networkAddress(inner)) && containsAddress(outer, broadcastAddress(inner));
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return networkAddress(a) <= broadcastAddress(b) && networkAddress(b) <= broadcastAddress(a);
}

/** The block split into four equal subnets (prefix + 2), in address order. */
export function splitInFour(cidr: Cidr): Cidr[] {
  if (cidr.prefix > 30) throw new RangeError(`${formatCidr(cidr)} is too small to split into 4 subnets`);
  const prefix = cidr.prefix + 2;
  const size = blockSize({ address: 0, prefix });
  return [0, 1, 2, 3].map((i) => ({ address: networkAddress(cidr) + i * size, prefix }));
}

/** The address `offset` positions after the network address. */
export function addressAt(cidr: Cidr, offset: number): number {
  if (offset < 0 || offset >= blockSize(cidr)) throw new RangeError(`${formatCidr(cidr)} has no address at offset ${offset}`);
  return networkAddress(cidr) + offset;
}

/**
 * AWS reserves the network address, +1 (VPC router), +2 (DNS), +3 (future use) and the broadcast
 * address of every subnet; none can be assigned to an interface.
 */
export function isAwsReservedAddress(subnet: Cidr, address: number): boolean {
  const offset = address - networkAddress(subnet);
  return (offset >= 0 && offset <= 3) || address === broadcastAddress(subnet);
}

export const RFC1918_BLOCKS: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(mustParseCidr);

export function isRfc1918(cidr: Cidr): boolean {
  return RFC1918_BLOCKS.some((block) => containsCidr(block, cidr));
}

/** The lowest private block of the given prefix length that overlaps none of `used`, to suggest a fix. */
export function firstFreePrivateBlock(prefix: number, used: readonly Cidr[]): Cidr | undefined {
  const size = blockSize({ address: 0, prefix });
  for (const block of RFC1918_BLOCKS) {
    if (block.prefix > prefix) continue;
    let address = networkAddress(block);
    while (address <= broadcastAddress(block)) {
      const candidate = { address, prefix };
      const clash = used.find((other) => cidrsOverlap(other, candidate));
      if (!clash) return candidate;
      // Jump past the clashing block, realigned to the candidate size.
      address = Math.ceil((broadcastAddress(clash) + 1) / size) * size;
    }
  }
  return undefined;
}
