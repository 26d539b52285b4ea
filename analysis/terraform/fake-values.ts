/**
 * Plausible stand-ins for values that only exist after a deploy (ids, ARNs, endpoint DNS names),
 * used by the offline plan. They have the real shape, so format checks in the provider and string
 * functions in the configuration see what they would see in AWS, and they are derived from a seed
 * (hash), so reruns generate identical files and distinct seeds give distinct ids.
 */
import { createHash } from 'crypto';

interface FakeContext {
  region: string;
  accountId: string;
  /** A seed naming the value, e.g. `network.<output name>`. */
  seed: string;
}

/** `length` lowercase hex digits derived from the seed (at most 64). */
function fakeHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function fakeUuid(seed: string): string {
  const hex = fakeHex(seed, 32);
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

const prefixedId = (prefix: string) => ({ seed }: FakeContext) => `${prefix}${fakeHex(seed, 17)}`;

/** By `<resource type>.<attribute>`: the attributes that cross stacks today (and their siblings). */
const FAKE_ATTRIBUTES: Record<string, (context: FakeContext) => string> = {
  'aws_vpc.id': prefixedId('vpc-'),
  'aws_subnet.id': prefixedId('subnet-'),
  'aws_route_table.id': prefixedId('rtb-'),
  'aws_security_group.id': prefixedId('sg-'),
  'aws_vpc_endpoint.id': prefixedId('vpce-'),
  'aws_vpc_peering_connection.id': prefixedId('pcx-'),
  'aws_ec2_transit_gateway.id': prefixedId('tgw-'),
  'aws_ec2_transit_gateway_route_table.id': prefixedId('tgw-rtb-'),
  'aws_ec2_transit_gateway_vpc_attachment.id': prefixedId('tgw-attach-'),
  'data.aws_vpc.id': prefixedId('vpc-'),
  'aws_route53_resolver_rule.id': prefixedId('rslvr-rr-'),
  'aws_route53_zone.zone_id': ({ seed }) => `Z${fakeHex(seed, 20).toUpperCase()}`,
  'aws_ram_resource_share.arn': ({ seed, region, accountId }) =>
    `arn:aws:ram:${region}:${accountId}:resource-share/${fakeUuid(seed)}`,
};

/**
 * A fake value for `<type>.<name>.<attribute>`. An attribute without a known shape is an error,
 * not a generic string: a wrong shape could make the plan pass or fail for the wrong reason.
 */
export function fakeAttribute(type: string, attribute: string, context: FakeContext): string {
  const make = FAKE_ATTRIBUTES[`${type}.${attribute}`];
  if (!make) {
    throw new Error(`no fake value for ${type}.${attribute} (${context.seed}): add its shape to FAKE_ATTRIBUTES in analysis/terraform/fake-values.ts`);
  }
  return make(context);
}

/** One element of an interface endpoint's `dns_entry`. */
// A type alias, not an interface, so that it is assignable to `HclValue`.
export type DnsEntry = {
  dns_name: string;
  hosted_zone_id: string;
};

/**
 * The `dns_entry` list AWS returns for an interface endpoint: the regional name first, then one
 * zonal name per subnet (`<vpce-id>-<suffix>-<az>.<service host>`). The service host reverses the
 * service name around the region: `com.amazonaws.<region>.sagemaker.api` ->
 * `api.sagemaker.<region>.vpce.amazonaws.com`, `aws.sagemaker.<region>.studio` ->
 * `studio.<region>.vpce.sagemaker.aws`. Every entry shares the region's endpoint hosted zone.
 */
export function fakeDnsEntries(serviceName: string, azCount: number, context: FakeContext): DnsEntry[] {
  const parts = serviceName.split('.');
  const regionIndex = parts.indexOf(context.region);
  if (regionIndex < 1 || regionIndex === parts.length - 1) {
    throw new Error(`endpoint service name ${serviceName} does not have the form <domain>.${context.region}.<service>`);
  }
  const domain = parts.slice(0, regionIndex).reverse().join('.');
  const service = parts.slice(regionIndex + 1).reverse().join('.');
  const host = `${service}.${context.region}.vpce.${domain}`;
  const endpoint = `vpce-${fakeHex(context.seed, 17)}-${fakeHex(`${context.seed}/suffix`, 8)}`;
  const hostedZoneId = `Z${fakeHex(context.region, 13).toUpperCase()}`;
  const azs = Array.from({ length: azCount }, (_, i) => `${context.region}${String.fromCharCode(97 + i)}`);
  return [endpoint, ...azs.map((az) => `${endpoint}-${az}`)].map((name) => ({
    dns_name: `${name}.${host}`,
    hosted_zone_id: hostedZoneId,
  }));
}
