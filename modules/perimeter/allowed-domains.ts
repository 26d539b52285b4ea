import { serviceDnsName, studioDnsZone } from '../shared/naming';

interface LandingZoneNamesProps {
  readonly region: string;
  /** Service names of the VPC's endpoints, interface and gateway (`com.amazonaws.<region>.sts`). */
  readonly endpointServices: string[];
  /** Corporate DNS domains: the names the shared FORWARD rules send to the corporate DNS. */
  readonly corporateDomains: string[];
  /** Hosts the VPC's code calls by name outside those (the IdP's JWKS host). */
  readonly hosts: string[];
  /** What a team adds for its own workloads. */
  readonly extra: string[];
}

/**
 * The DNS Firewall domain specifications a VPC of the landing zone needs: each endpoint's service
 * name and the names below it (S3 bucket hosts, `{api-id}` execute-api hosts), the Studio host
 * family, the corporate domains, the named hosts and the team's own. A specification `*.d` matches
 * only names below `d`, so each domain is listed twice. The AWS zones answer from AWS's own name
 * servers, so allowing them opens no channel to a name server someone else runs.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-user-managed-domain-lists.html
 */
export function landingZoneDomains(props: LandingZoneNamesProps): string[] {
  const domains = [
    ...props.endpointServices.map((service) => serviceDnsName(service) ?? refuse(service)),
    studioDnsZone(props.region),
    ...props.corporateDomains,
  ].map((domain) => domain.toLowerCase().replace(/\.$/, ''));
  const specs = new Set(domains.flatMap((domain) => [domain, `*.${domain}`]));
  for (const host of props.hosts.map((h) => h.toLowerCase())) {
    if (!domains.some((domain) => host.endsWith(`.${domain}`))) specs.add(host);
  }
  for (const spec of props.extra) specs.add(spec.toLowerCase());
  return [...specs].sort();
}

function refuse(service: string): never {
  throw new Error(`no DNS name is known for endpoint service ${service}: add it to serviceDnsName in modules/shared/naming.ts`);
}
