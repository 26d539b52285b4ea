/**
 * What the AWS quotas of the accounts let the zone hold. Defaults from
 * https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html (routes per route table 50,
 * up to 1,000; active VPC peering connections per VPC 50, up to 125) and
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver
 * (Resolver endpoints per Region 4); raised values are declared under `quotas` in the account file.
 */
import { generatedNames } from '../shared/naming';
import type { ResolvedLandingZone } from './types';
import type { ValidationProblem } from './problems';

/** The most `quotas.routesPerRouteTable` and `quotas.peeringConnectionsPerVpc` can be raised to. */
const MAX_ROUTES_PER_ROUTE_TABLE = 1000;
const MAX_PEERING_CONNECTIONS_PER_VPC = 125;

/**
 * Service accounts that VPC peering to the corporate side can carry: each corporate route table
 * holds its local route, the route to the hub and one route per service VPC, and the corporate VPC
 * one peering connection per service VPC plus the hub's. (An existing corporate VPC's own routes,
 * e.g. towards its VPN, come on top: the bound is then optimistic.)
 */
export function peeringCapacity(quotas: { routesPerRouteTable: number; peeringConnectionsPerVpc: number }): number {
  return Math.min(quotas.routesPerRouteTable - 2, quotas.peeringConnectionsPerVpc - 1);
}

export function quotaProblems(landingZone: ResolvedLandingZone): ValidationProblem[] {
  const type: string = landingZone.corporate.connectivity.type;
  if (type !== 'simulated' && type !== 'existing-vpc') return [];
  const { routesPerRouteTable, peeringConnectionsPerVpc } = landingZone.quotas;
  const capacity = peeringCapacity(landingZone.quotas);
  const count = landingZone.services.length;
  if (count <= capacity) return [];
  const raisable = count <= peeringCapacity({ routesPerRouteTable: MAX_ROUTES_PER_ROUTE_TABLE, peeringConnectionsPerVpc: MAX_PEERING_CONNECTIONS_PER_VPC });
  const transitGateway = 'connect the corporate network through a Transit Gateway instead (corporate.connectivity.type: transit-gateway), which has no per-VPC peering bound';
  return [{
    path: 'services',
    message: `lists ${count} service accounts; VPC peering to the corporate side carries at most ${capacity} with the quotas "Routes per route table" = ${routesPerRouteTable} (each corporate route table: the local route, the hub and one route per service VPC) and "Active VPC peering connections per VPC" = ${peeringConnectionsPerVpc} (the hub and one per service VPC)`,
    fix: raisable
      ? `raise both quotas for the corporate VPC's account in Service Quotas (Amazon VPC quota codes L-93826ACB and L-7E9ECCDB: aws service-quotas request-service-quota-increase --service-code vpc --quota-code <code> --desired-value <n>) and set quotas.routesPerRouteTable and quotas.peeringConnectionsPerVpc to the granted values, or ${transitGateway}`
      : `${transitGateway}: ${count} service accounts exceed what peering carries even with both quotas at their maximum (${MAX_ROUTES_PER_ROUTE_TABLE} routes, ${MAX_PEERING_CONNECTIONS_PER_VPC} peering connections)`,
  }];
}

/** The Route 53 Resolver endpoints the zone creates in the network account (every one is in the network stack). */
export function resolverEndpointNames(landingZone: ResolvedLandingZone): string[] {
  return generatedNames(landingZone).filter((name) => name.kind === 'Route 53 Resolver endpoint name').map((name) => name.name);
}

/** Not an error: the quota may have been raised without telling us, but a new account would fail the apply. */
export function resolverEndpointWarning(endpoints: readonly string[], quota: number): ValidationProblem | undefined {
  if (endpoints.length <= quota) return undefined;
  return {
    path: 'quotas.resolverEndpointsPerRegion',
    message: `the network account gets ${endpoints.length} Route 53 Resolver endpoints (${endpoints.join(', ')}), more than its quota of ${quota} endpoints per Region`,
    fix: 'raise "Endpoints per Region" of Route 53 Resolver for the network account in Service Quotas before the first apply and set quotas.resolverEndpointsPerRegion to the granted value',
  };
}

export function quotaWarnings(landingZone: ResolvedLandingZone): ValidationProblem[] {
  const warning = resolverEndpointWarning(resolverEndpointNames(landingZone), landingZone.quotas.resolverEndpointsPerRegion);
  return warning ? [warning] : [];
}
