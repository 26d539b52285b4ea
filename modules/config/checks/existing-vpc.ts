/**
 * Checks of a service's VPC choice: `vpcCidr` (created) or `existingVpc` (looked up by id), and
 * the existing VPC's CIDR and subnets. The ids' syntax is the schema's; what AWS alone knows (that
 * the subnets are in that VPC, in those AZs, with those route tables) fails the plan instead.
 */
import { Cidr, cidrsOverlap, containsCidr, formatCidr, hasHostBits, isRfc1918, networkAddress, parseCidr } from '../cidr';
import { type Problems } from '../problems';
import { type NamedRange } from './cidrs';
import { asObject, type Json } from './json';
import { checkAzId } from './regions';

/** AWS's VPC and subnet size limits: /16 to /28 (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html). */
const AWS_BLOCK_PREFIX = { min: 16, max: 28 };

/**
 * Exactly one of `vpcCidr` and `existingVpc`; `availabilityZoneIds` only for a created VPC; the
 * existing VPC's CIDR and subnets. Returns the existing VPC's range when it is valid.
 */
export function checkServiceVpcChoice(problems: Problems, at: string, service: Json, region: string | undefined): NamedRange | undefined {
  const existing = asObject(service.existingVpc);
  if (service.existingVpc === undefined) {
    if (service.vpcCidr === undefined) {
      problems.add(`${at}.vpcCidr`, 'is required unless the service uses an existingVpc',
        'add vpcCidr: 10.20.0.0/16 for a VPC the stack creates, or existingVpc: { vpcId, cidr, subnets } for one the account already has');
    }
    return undefined;
  }
  if (service.vpcCidr !== undefined) {
    problems.add(`${at}.existingVpc`, 'is given together with vpcCidr: a service VPC is either created (vpcCidr) or existing (existingVpc)',
      'remove vpcCidr to use the existing VPC, or remove existingVpc to have the stack create one');
  }
  if (service.availabilityZoneIds !== undefined) {
    problems.add(`${at}.availabilityZoneIds`, 'applies to a VPC the stack creates; an existing VPC\'s subnets name their own AZs',
      'remove availabilityZoneIds: each existingVpc.subnets entry gives its availabilityZoneId');
  }
  return existing ? checkExistingVpc(problems, `${at}.existingVpc`, existing, region) : undefined;
}

function checkExistingVpc(problems: Problems, at: string, existing: Json, region: string | undefined): NamedRange | undefined {
  const vpc = checkBlock(problems, `${at}.cidr`, existing.cidr, 'the VPC\'s primary CIDR block (CidrBlock in aws ec2 describe-vpcs), e.g. 10.30.0.0/22');
  const subnets = Array.isArray(existing.subnets) ? [...existing.subnets.entries()] : [];
  const seen = { ids: new Map<string, number>(), azs: new Map<string, number>() };
  const blocks: { index: number; cidr: Cidr }[] = [];
  for (const [i, value] of subnets) {
    const subnet = asObject(value);
    if (!subnet) continue;
    const subnetAt = `${at}.subnets[${i}]`;
    if (typeof subnet.id === 'string') {
      const earlier = seen.ids.get(subnet.id);
      if (earlier === undefined) seen.ids.set(subnet.id, i);
      else problems.add(`${subnetAt}.id`, `repeats ${at}.subnets[${earlier}].id ("${subnet.id}")`, 'list each subnet once');
    }
    if (typeof subnet.availabilityZoneId === 'string') {
      checkAzId(problems, `${subnetAt}.availabilityZoneId`, subnet.availabilityZoneId, region);
      const earlier = seen.azs.get(subnet.availabilityZoneId);
      // https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html: one subnet per AZ.
      if (earlier === undefined) seen.azs.set(subnet.availabilityZoneId, i);
      else {
        problems.add(`${subnetAt}.availabilityZoneId`,
          `"${subnet.availabilityZoneId}" is also the AZ of ${at}.subnets[${earlier}]: an interface endpoint takes one subnet per AZ`,
          'list one subnet per AZ (the one for the landing zone\'s endpoints, Lambdas and Studio apps)');
      }
    }
    const cidr = checkBlock(problems, `${subnetAt}.cidr`, subnet.cidr, 'the subnet\'s CIDR block (CidrBlock in aws ec2 describe-subnets), e.g. 10.30.0.0/24');
    if (!cidr) continue;
    if (vpc && !containsCidr(vpc, cidr)) {
      problems.add(`${subnetAt}.cidr`, `"${String(subnet.cidr)}" is not inside ${at}.cidr (${String(existing.cidr)})`,
        'give the subnet\'s own CIDR block, which lies inside the VPC\'s primary CIDR block (a subnet of a secondary block is not supported)');
      continue;
    }
    const overlapping = blocks.find((other) => cidrsOverlap(other.cidr, cidr));
    if (overlapping) {
      problems.add(`${subnetAt}.cidr`, `overlaps ${at}.subnets[${overlapping.index}].cidr (${formatCidr(overlapping.cidr)})`,
        'give each subnet its own CIDR block: subnets of one VPC never overlap');
    }
    blocks.push({ index: i, cidr });
  }
  if (subnets.length >= 2 && seen.azs.size === 1) {
    problems.add(`${at}.subnets`, `are all in ${[...seen.azs.keys()][0]}; at least 2 AZs are required`,
      'add a subnet in a second AZ: an endpoint, Lambda or Studio app in one AZ stops with that AZ');
  }
  return vpc ? { path: `${at}.cidr`, text: String(existing.cidr), cidr: vpc, corporate: false } : undefined;
}

/** An IPv4 block AWS accepts for a VPC or subnet, inside RFC 1918; the block when valid. */
function checkBlock(problems: Problems, at: string, value: unknown, what: string): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const cidr = parseCidr(value);
  if (!cidr) {
    problems.add(at, `"${value}" is not an IPv4 CIDR block`, `write ${what}`);
    return undefined;
  }
  if (hasHostBits(cidr)) {
    problems.add(at, `"${value}" has host bits set`, `use the network address: ${formatCidr({ address: networkAddress(cidr), prefix: cidr.prefix })}`);
    return undefined;
  }
  if (cidr.prefix < AWS_BLOCK_PREFIX.min || cidr.prefix > AWS_BLOCK_PREFIX.max) {
    problems.add(at, `"${value}" has prefix /${cidr.prefix}; AWS VPCs and subnets are /${AWS_BLOCK_PREFIX.min} to /${AWS_BLOCK_PREFIX.max}`, `write ${what}`);
    return undefined;
  }
  if (!isRfc1918(cidr)) {
    problems.add(at, `"${value}" is not a private (RFC 1918) range`, 'the landing zone routes only RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16): use a VPC in one of them');
    return undefined;
  }
  return cidr;
}
