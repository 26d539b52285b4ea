import { parseIpv4 } from '../config/cidr';
import { ResolvedLandingZone } from '../config/types';
import { NETWORK_STACK, stackId, studioDnsZone } from '../shared/naming';

/** A DNS server that corporate resolvers forward to. */
export interface Forwarder {
  ip: string;
  port: number;
}

/** What the corporate side configures, from the account file alone: nothing waits for a deployment. */
export interface ForwardingPlan {
  environment: string;
  region: string;
  /** Zones forwarded, only, to the inbound resolver. */
  dnsZones: string[];
  /** The inbound resolver's static IPs. */
  forwarders: Forwarder[];
  /** Where every forwarded name must resolve to: the hub's Studio endpoint, in the hub VPC. */
  studioEndpoint: { stack: string; output: string; vpcCidr: string };
}

/** Route 53 Resolver inbound endpoints only listen on the standard DNS port. */
export const DNS_PORT = 53;

/**
 * The zone of the private API's invoke hosts. Never forwarded (see the README), but named in the
 * rebinding exemptions: its `{api-id}-{vpce-id}` hosts resolve publicly to private addresses.
 */
export const executeApiDomain = (region: string): string => `execute-api.${region}.amazonaws.com`;

export function forwardingPlan(landingZone: ResolvedLandingZone): ForwardingPlan {
  return {
    environment: landingZone.environment,
    region: landingZone.region,
    // One Studio host family: the hub's Studio endpoint answers every Studio host (the presigned
    // URL's domain host, the UI's studio-<domain-id> host, each space's random host) under this
    // zone and its apex, so no further zone is needed.
    dnsZones: [studioDnsZone(landingZone.region)],
    forwarders: landingZone.network.inboundResolverIps.map((ip) => ({ ip: mustBeIpv4(ip), port: DNS_PORT })),
    studioEndpoint: { stack: stackId(landingZone, NETWORK_STACK), output: 'studio_endpoint_id', vpcCidr: landingZone.network.hubVpcCidr },
  };
}

/** The IPs are pasted into four configuration languages: anything but a dotted quad is refused here. */
function mustBeIpv4(ip: string): string {
  if (parseIpv4(ip) === undefined) throw new Error(`inbound resolver IP "${ip}" is not an IPv4 address`);
  return ip;
}
