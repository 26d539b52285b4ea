/**
 * AWS commercial regions (partition `aws`) and their AZ id prefixes.
 *
 * The landing zone names AZs by id (`euw1-az1`), never by name (`eu-west-1a`): names are shuffled
 * per account, ids are the same physical zone in every account, which is what a resolver endpoint
 * in the network account and subnets in service accounts must agree on.
 */

interface RegionInfo {
  /** AZ ids of the region are `<azIdPrefix>-az<N>`. */
  readonly azIdPrefix: string;
  /** The `<N>` of every AZ id the region has; the first two are the default pair. */
  readonly azNumbers: readonly number[];
}

/**
 * The AZ ids of each region, from https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html
 * (the AZ ID column of its per-geography tables, as of 2026). Gaps are real: us-west-1 has no usw1-az2,
 * and ap-northeast-1 and ca-central-1 have no az3 open to new accounts. When AWS opens a zone, add
 * its number here: until then an AZ id the table lacks is refused at validation, which beats a
 * subnet that fails to create at apply.
 */
const REGIONS: ReadonlyMap<string, RegionInfo> = new Map<string, RegionInfo>([
  ['af-south-1', { azIdPrefix: 'afs1', azNumbers: [1, 2, 3] }],
  ['ap-east-1', { azIdPrefix: 'ape1', azNumbers: [1, 2, 3] }],
  ['ap-east-2', { azIdPrefix: 'ape2', azNumbers: [1, 2, 3] }],
  ['ap-northeast-1', { azIdPrefix: 'apne1', azNumbers: [1, 2, 4] }],
  ['ap-northeast-2', { azIdPrefix: 'apne2', azNumbers: [1, 2, 3, 4] }],
  ['ap-northeast-3', { azIdPrefix: 'apne3', azNumbers: [1, 2, 3] }],
  ['ap-south-1', { azIdPrefix: 'aps1', azNumbers: [1, 2, 3] }],
  ['ap-south-2', { azIdPrefix: 'aps2', azNumbers: [1, 2, 3] }],
  ['ap-southeast-1', { azIdPrefix: 'apse1', azNumbers: [1, 2, 3] }],
  ['ap-southeast-2', { azIdPrefix: 'apse2', azNumbers: [1, 2, 3] }],
  ['ap-southeast-3', { azIdPrefix: 'apse3', azNumbers: [1, 2, 3] }],
  ['ap-southeast-4', { azIdPrefix: 'apse4', azNumbers: [1, 2, 3] }],
  ['ap-southeast-5', { azIdPrefix: 'apse5', azNumbers: [1, 2, 3] }],
  ['ap-southeast-6', { azIdPrefix: 'apse6', azNumbers: [1, 2, 3] }],
  ['ap-southeast-7', { azIdPrefix: 'apse7', azNumbers: [1, 2, 3] }],
  ['ca-central-1', { azIdPrefix: 'cac1', azNumbers: [1, 2, 4] }],
  ['ca-west-1', { azIdPrefix: 'caw1', azNumbers: [1, 2, 3] }],
  ['eu-central-1', { azIdPrefix: 'euc1', azNumbers: [1, 2, 3] }],
  ['eu-central-2', { azIdPrefix: 'euc2', azNumbers: [1, 2, 3] }],
  ['eu-north-1', { azIdPrefix: 'eun1', azNumbers: [1, 2, 3] }],
  ['eu-south-1', { azIdPrefix: 'eus1', azNumbers: [1, 2, 3] }],
  ['eu-south-2', { azIdPrefix: 'eus2', azNumbers: [1, 2, 3] }],
  ['eu-west-1', { azIdPrefix: 'euw1', azNumbers: [1, 2, 3] }],
  ['eu-west-2', { azIdPrefix: 'euw2', azNumbers: [1, 2, 3] }],
  ['eu-west-3', { azIdPrefix: 'euw3', azNumbers: [1, 2, 3] }],
  ['il-central-1', { azIdPrefix: 'ilc1', azNumbers: [1, 2, 3] }],
  ['me-central-1', { azIdPrefix: 'mec1', azNumbers: [1, 2, 3] }],
  ['me-south-1', { azIdPrefix: 'mes1', azNumbers: [1, 2, 3] }],
  ['me-west-1', { azIdPrefix: 'mew1', azNumbers: [1, 2, 3] }],
  ['mx-central-1', { azIdPrefix: 'mxc1', azNumbers: [1, 2, 3] }],
  ['sa-east-1', { azIdPrefix: 'sae1', azNumbers: [1, 2, 3] }],
  ['sa-west-1', { azIdPrefix: 'saw1', azNumbers: [1, 2, 3] }],
  ['us-east-1', { azIdPrefix: 'use1', azNumbers: [1, 2, 3, 4, 5, 6] }],
  ['us-east-2', { azIdPrefix: 'use2', azNumbers: [1, 2, 3] }],
  ['us-west-1', { azIdPrefix: 'usw1', azNumbers: [1, 3] }],
  ['us-west-2', { azIdPrefix: 'usw2', azNumbers: [1, 2, 3, 4] }],
]);

/** Region names in alphabetical order. */
export const REGION_NAMES: readonly string[] = [...REGIONS.keys()];

export function isKnownRegion(region: string): boolean {
  return REGIONS.has(region);
}

/** `euw1` for `eu-west-1`; undefined for an unknown region. */
export function azIdPrefix(region: string): string | undefined {
  return REGIONS.get(region)?.azIdPrefix;
}

/** True for `<prefix>-az<N>` of the region, whether or not the region has zone `<N>`. */
export function isAzIdOfRegion(azId: string, region: string): boolean {
  const prefix = azIdPrefix(region);
  return prefix !== undefined && new RegExp(`^${prefix}-az[1-9][0-9]?$`).test(azId);
}

/** Every AZ id the region has. */
export function availabilityZoneIds(region: string): string[] {
  const info = REGIONS.get(region);
  if (!info) throw new Error(`unknown region "${region}"`);
  return info.azNumbers.map((azNumber) => `${info.azIdPrefix}-az${azNumber}`);
}

/** The two AZ ids used when a file lists none. */
export function defaultAvailabilityZoneIds(region: string): string[] {
  return availabilityZoneIds(region).slice(0, 2);
}
