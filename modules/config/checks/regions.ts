/** The region and the availability zone ids subnets are placed in. */
import { childPath, closest, inline, plural, type Problems } from '../problems';
import { availabilityZoneIds, azIdPrefix, defaultAvailabilityZoneIds, isAzIdOfRegion, isKnownRegion, REGION_NAMES } from '../regions';
import { subnetQuarter } from '../resolve';
import { asString } from './json';

export function checkRegion(problems: Problems, at: string, value: unknown): string | undefined {
  const region = asString(value);
  if (region === undefined) return undefined;
  if (isKnownRegion(region)) return region;
  const suggestion = closest(region, REGION_NAMES);
  problems.add(at, `"${region}" is not a known AWS commercial region`,
    suggestion ? `use "${suggestion}"` : `use one of: ${REGION_NAMES.join(', ')}`);
  return undefined;
}

/**
 * Returns the AZ ids to derive subnets from (the given ones when valid, else the region's
 * default), or undefined when they are unusable.
 */
export function checkAvailabilityZoneIds(problems: Problems, at: string, value: unknown, region: string | undefined): string[] | undefined {
  if (value === undefined) return region ? defaultAvailabilityZoneIds(region) : undefined;
  if (!Array.isArray(value)) return undefined;
  const before = problems.list.length;
  const example = region ? defaultAvailabilityZoneIds(region) : ['euw1-az1', 'euw1-az2'];
  if (value.length < 2) {
    problems.add(at, `lists ${plural(value.length, 'AZ id', 'AZ ids')}; at least 2 are required`,
      `list at least 2 AZ ids${region ? ` of ${region}` : ''}, e.g. ${inline(example)}`);
  }
  if (value.length > 4) {
    problems.add(at, `lists ${value.length} AZ ids; at most 4 fit (the VPC is split into 4 equal subnets)`, 'remove AZ ids until 4 or fewer remain');
  }
  for (const [i, azId] of value.entries()) {
    if (typeof azId === 'string') checkAzId(problems, childPath(at, i), azId, region);
  }
  problems.unique([...value.entries()], (i) => childPath(at, i), 'list each AZ id once');
  // Past 4 AZ ids two always share a quarter; the count is the problem to report.
  if (value.length <= 4) checkSubnetQuarters(problems, at, value);
  return problems.list.length === before && value.every((azId) => typeof azId === 'string') ? (value as string[]) : undefined;
}

/** Each AZ id's number picks its quarter of the VPC (see `subnetQuarter`): two may not share one. */
function checkSubnetQuarters(problems: Problems, at: string, azIds: unknown[]): void {
  const owners = new Map<number, number>();
  for (const [i, azId] of azIds.entries()) {
    if (typeof azId !== 'string' || !/-az[0-9]+$/.test(azId)) continue;
    const quarter = subnetQuarter(azId);
    const owner = owners.get(quarter);
    if (owner === undefined) owners.set(quarter, i);
    else if (azIds[owner] !== azId) {
      problems.add(childPath(at, i),
        `"${azId}" would take the same subnet as ${childPath(at, owner)} ("${String(azIds[owner])}"): the number of an AZ id picks its quarter of the VPC (az1 and az5 the first, az2 and az6 the second, ...)`,
        'keep only one of the two AZ ids');
    }
  }
}

export function checkAzId(problems: Problems, at: string, azId: string, region: string | undefined): void {
  const example = region ? `${azIdPrefix(region)}-az1` : 'euw1-az1';
  const fix = `use the zone's AZ id (ZoneId in aws ec2 describe-availability-zones), e.g. ${example}`;
  if (/^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$/.test(azId)) {
    problems.add(at, `"${azId}" is an AZ name, not an AZ id (names differ between accounts)`, fix);
  } else if (region && !isAzIdOfRegion(azId, region)) {
    problems.add(at, `"${azId}" is not an AZ id of ${region} (${azIdPrefix(region)}-az<N>)`, fix);
  } else if (region && !availabilityZoneIds(region).includes(azId)) {
    problems.add(at, `${region} has no AZ ${azId} (its AZ ids: ${availabilityZoneIds(region).join(', ')})`,
      `use one of ${region}'s AZ ids (see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html)`);
  } else if (!region && !/^[a-z]{2,5}[0-9]+-az[0-9]+$/.test(azId)) {
    problems.add(at, `"${azId}" is not an AZ id`, fix);
  }
}
