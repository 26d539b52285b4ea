/** Which way a route table sends a range, and whether a peering connection carries traffic at all. */
import { containsCidr, parseCidr } from '../../../modules/config/cidr';
import { Id, NetworkModel, Peering, Route, RouteTable } from '../model';
import { missing, need } from './trace';
import { throughTransitGateway } from './transit';

/** Addresses traffic goes to or comes from: a CIDR block, or an AWS service's prefix list. */
export type Range = { cidr: string } | { prefixListOf: Id };

export function describeRange(model: NetworkModel, range: Range): string {
  if ('prefixListOf' in range) return `the prefix list of ${endpointLabel(model, range.prefixListOf)}`;
  return range.cidr.endsWith('/32') ? range.cidr.slice(0, -3) : range.cidr;
}

function endpointLabel(model: NetworkModel, id: Id): string {
  return `gateway endpoint ${model.endpoints.get(id)?.name ?? id}`;
}

export function vpcName(model: NetworkModel, id: Id | undefined): string {
  return (id && model.vpcs.get(id)?.name) ?? id ?? 'an unknown VPC';
}

/** Whether `outer` holds every address of `inner`; unparseable (IPv6, symbolic) blocks hold nothing. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
  return !!a && !!b && containsCidr(a, b);
}

type Decision = { local: true } | { local: false; route: Route };

/**
 * The route a table uses for a whole range: the longest prefix that holds all of it, the VPC's
 * local route included (it wins a tie). A prefix list only matches a route to that prefix list.
 */
function lookupRoute(model: NetworkModel, table: RouteTable, range: Range): Decision | undefined {
  if ('prefixListOf' in range) {
    const route = table.routes.find((r) => 'prefixListOf' in r.destination && r.destination.prefixListOf === range.prefixListOf);
    return route ? { local: false, route } : undefined;
  }
  const localCidr = table.vpc ? model.vpcs.get(table.vpc)?.cidr : undefined;
  let best: { prefix: number; decision: Decision } | undefined;
  if (localCidr && cidrContains(localCidr, range.cidr)) best = { prefix: prefixOf(localCidr), decision: { local: true } };
  for (const route of table.routes) {
    if (!('cidr' in route.destination) || !cidrContains(route.destination.cidr, range.cidr)) continue;
    const prefix = prefixOf(route.destination.cidr);
    if (!best || prefix > best.prefix) best = { prefix, decision: { local: false, route } };
  }
  return best?.decision;
}

function prefixOf(cidr: string): number {
  return parseCidr(cidr)?.prefix ?? -1;
}

/**
 * Proves that `table` sends `range` to `destinationVpc` (where the range lives): by its local
 * route, or over an accepted peering connection with that VPC. Returns the hop.
 */
export function routeTo(model: NetworkModel, table: RouteTable, range: Range, destinationVpc: Id | undefined): string {
  const what = describeRange(model, range);
  const decision = need(lookupRoute(model, table, range), `no route from rtb ${table.name} to ${what}`);
  if (decision.local) {
    if (table.vpc !== destinationVpc) missing(`rtb ${table.name} keeps ${what} inside VPC ${vpcName(model, table.vpc)} (local route), but it lives in VPC ${vpcName(model, destinationVpc)}`);
    return `rtb ${table.name}: ${what} -> local (VPC ${vpcName(model, table.vpc)})`;
  }
  const route = decision.route;
  if (route.kind === 'gateway-endpoint' && 'prefixListOf' in range) return `rtb ${table.name}: ${what} -> ${route.via}`;
  if (route.kind === 'unresolved') missing(`rtb ${table.name} sends ${what} to ${route.via}, which is not declared`);
  if (route.kind === 'transit-gateway' && route.target) {
    return `rtb ${table.name}: ${what} -> ${throughTransitGateway(model, table.vpc, route.target, range, destinationVpc, table.name)}`;
  }
  if (route.kind !== 'peering' || !route.target) missing(`rtb ${table.name} sends ${what} to ${route.via}, not to VPC ${vpcName(model, destinationVpc)}`);
  const peering = need(model.peerings.get(route.target), `rtb ${table.name} sends ${what} to ${route.via}, which is not declared`);
  const far = peering.requesterVpc === table.vpc ? peering.accepterVpc : peering.accepterVpc === table.vpc ? peering.requesterVpc : undefined;
  if (far !== destinationVpc) {
    missing(`rtb ${table.name} sends ${what} to peering ${peering.name}, which leads to VPC ${vpcName(model, far)}, not to VPC ${vpcName(model, destinationVpc)}`);
  }
  insidePeer(model, peering, far, range, table);
  return `rtb ${table.name}: ${what} -> peering ${peering.name} ${acceptance(model, peering)} -> VPC ${vpcName(model, far)}`;
}

/**
 * A peering delivers only to the peer VPC's own addresses: no edge-to-edge routing, so nothing
 * behind that VPC (its VPN, Direct Connect, Transit Gateway or other peerings) is reached.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 */
function insidePeer(model: NetworkModel, peering: Peering, far: Id | undefined, range: Range, table: RouteTable): void {
  if (!('cidr' in range)) return;
  const cidr = far ? model.vpcs.get(far)?.cidr : undefined;
  const what = describeRange(model, range);
  if (!cidr) {
    missing(`rtb ${table.name} sends ${what} to peering ${peering.name}, but the CIDR of VPC ${vpcName(model, far)} is not in the output: peering reaches only that VPC's own addresses, and whether ${what} is one of them cannot be told`);
  }
  if (!cidrContains(cidr, range.cidr)) {
    missing(
      `rtb ${table.name} sends ${what} to peering ${peering.name}, but ${what} is outside VPC ${vpcName(model, far)} (${cidr}): VPC peering has no edge-to-edge routing, ` +
        'so a network behind that VPC (VPN, Direct Connect, Transit Gateway or another peering) is never reached; connect it with corporate.connectivity.type transit-gateway',
    );
  }
}

/** A peering carries traffic once accepted: in place when both VPCs share an account, else by an accepter. */
function acceptance(model: NetworkModel, peering: Peering): string {
  if (peering.autoAccept && peering.accepterAccount === peering.requesterAccount) return '(auto-accepted)';
  const accepter = peering.accepters.find((a) => a.account === peering.accepterAccount);
  if (!accepter) {
    missing(
      `peering ${peering.name} (VPC ${vpcName(model, peering.requesterVpc)} -> VPC ${vpcName(model, peering.accepterVpc)}) is never accepted: ` +
        `no aws_vpc_peering_connection_accepter with auto_accept in account ${peering.accepterAccount}`,
    );
  }
  return `(accepted in ${accepter.id.split('/')[0]})`;
}
