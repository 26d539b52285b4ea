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
  /** Zone numbers of the default pair, where `az1` and `az2` are not both available. */
  readonly defaultZones?: readonly [number, number];
}

const REGIONS: ReadonlyMap<string, RegionInfo> = new Map<string, RegionInfo>([
  ['af-south-1', { azIdPrefix: 'afs1' }],
  ['ap-east-1', { azIdPrefix: 'ape1' }],
  ['ap-east-2', { azIdPrefix: 'ape2' }],
  ['ap-northeast-1', { azIdPrefix: 'apne1' }],
  ['ap-northeast-2', { azIdPrefix: 'apne2' }],
  ['ap-northeast-3', { azIdPrefix: 'apne3' }],
  ['ap-south-1', { azIdPrefix: 'aps1' }],
  ['ap-south-2', { azIdPrefix: 'aps2' }],
  ['ap-southeast-1', { azIdPrefix: 'apse1' }],
  ['ap-southeast-2', { azIdPrefix: 'apse2' }],
  ['ap-southeast-3', { azIdPrefix: 'apse3' }],
  ['ap-southeast-4', { azIdPrefix: 'apse4' }],
  ['ap-southeast-5', { azIdPrefix: 'apse5' }],
  ['ap-southeast-6', { azIdPrefix: 'apse6' }],
  ['ap-southeast-7', { azIdPrefix: 'apse7' }],
  ['ca-central-1', { azIdPrefix: 'cac1' }],
  ['ca-west-1', { azIdPrefix: 'caw1' }],
  ['eu-central-1', { azIdPrefix: 'euc1' }],
  ['eu-central-2', { azIdPrefix: 'euc2' }],
  ['eu-north-1', { azIdPrefix: 'eun1' }],
  ['eu-south-1', { azIdPrefix: 'eus1' }],
  ['eu-south-2', { azIdPrefix: 'eus2' }],
  ['eu-west-1', { azIdPrefix: 'euw1' }],
  ['eu-west-2', { azIdPrefix: 'euw2' }],
  ['eu-west-3', { azIdPrefix: 'euw3' }],
  ['il-central-1', { azIdPrefix: 'ilc1' }],
  ['me-central-1', { azIdPrefix: 'mec1' }],
  ['me-south-1', { azIdPrefix: 'mes1' }],
  ['me-west-1', { azIdPrefix: 'mew1' }],
  ['mx-central-1', { azIdPrefix: 'mxc1' }],
  ['sa-east-1', { azIdPrefix: 'sae1' }],
  ['sa-west-1', { azIdPrefix: 'saw1' }],
  ['us-east-1', { azIdPrefix: 'use1' }],
  ['us-east-2', { azIdPrefix: 'use2' }],
  // us-west-1 has no usw1-az2: its zones are usw1-az1 and usw1-az3.
  ['us-west-1', { azIdPrefix: 'usw1', defaultZones: [1, 3] }],
  ['us-west-2', { azIdPrefix: 'usw2' }],
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

/** True for `<prefix>-az<N>` of the region. */
export function isAzIdOfRegion(azId: string, region: string): boolean {
  const prefix = azIdPrefix(region);
  return prefix !== undefined && new RegExp(`^${prefix}-az[1-9][0-9]?$`).test(azId);
}

/** The two AZ ids used when a file lists none. */
export function defaultAvailabilityZoneIds(region: string): string[] {
  const info = REGIONS.get(region);
  if (!info) throw new Error(`unknown region "${region}"`);
  return (info.defaultZones ?? [1, 2]).map((zone) => `${info.azIdPrefix}-az${zone}`);
}
