import { parseIpv4 } from '../config/cidr';
import { ResolvedLandingZone } from '../config/types';
import { serviceStackName, studioZoneName } from '../shared/naming';

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
  zones: string[];
  /** The inbound resolver's static IPs. */
  forwarders: Forwarder[];
  /** Where the forwarded names must resolve to, per service account: the operator's check. */
  services: { name: string; stack: string; vpcCidr: string }[];
}

/** Route 53 Resolver inbound endpoints only listen on the standard DNS port. */
export const DNS_PORT = 53;

/**
 * The zone of the private API's invoke hosts. Never forwarded (see the README), but named in the
 * rebinding exemptions: its `{api-id}-{vpce-id}` hosts resolve publicly to private addresses.
 */
export const executeApiDomain = (region: string): string => `execute-api.${region}.amazonaws.com`;

export function forwardingPlan(zone: ResolvedLandingZone): ForwardingPlan {
  return {
    environment: zone.environment,
    region: zone.region,
    // One Studio host family today: the Studio endpoint service answers every Studio host (domains,
    // spaces, apps) under this zone, so no further zone is needed.
    zones: [studioZoneName(zone.region)],
    forwarders: zone.network.inboundResolverIps.map((ip) => ({ ip: mustBeIpv4(ip), port: DNS_PORT })),
    services: zone.services.map((s) => ({ name: s.name, stack: serviceStackName(s.name), vpcCidr: s.vpcCidr })),
  };
}

/** The IPs are pasted into four configuration languages: anything but a dotted quad is refused here. */
function mustBeIpv4(ip: string): string {
  if (parseIpv4(ip) === undefined) throw new Error(`inbound resolver IP "${ip}" is not an IPv4 address`);
  return ip;
}
