import { isRfc1918, parseCidr } from '../../../modules/config/cidr';
import { describeRange } from '../analysis/routes';
import { missing, need } from '../analysis/trace';
import { NetworkModel, Route, RouteTable } from '../model';
import { FlowDefinition } from './flow';

/**
 * Flow 7: no subnet of the service VPC reaches the internet. Internet, egress-only internet and NAT
 * gateways do, whatever the destination; transit, VPN and local gateways or network interfaces may,
 * for public destinations. Peering is not transitive: a peer's gateways are no way out. A Studio
 * domain that is not VpcOnly gives its apps internet through SageMaker's own VPC.
 */
export const noInternetFlow: FlowDefinition = {
  flow: 7,
  title: 'no subnet of the service VPC has a path to the internet',
  scope: 'service',
  run({ model }, trace, service) {
    const subnets = [...model.subnets.values()].filter((s) => s.vpc === service.vpc.id);
    if (subnets.length === 0) missing(`VPC ${service.vpc.name} has no subnet`);
    for (const tableId of new Set(subnets.map((s) => s.routeTable))) {
      const table = need(model.routeTables.get(tableId), `route table ${tableId} is not declared`);
      const users = subnets.filter((s) => s.routeTable === tableId).map((s) => s.name);
      const exit = table.routes.find(leadsOut);
      if (exit) missing(`rtb ${table.name} (subnets ${users.join(', ')}) sends ${describeRange(model, exit.destination)} to ${exit.via}: a path to the internet`);
      trace.hop(`rtb ${table.name} (subnets ${users.join(', ')}): ${summary(model, table)}: no internet path`);
    }
    for (const domain of model.studioDomains.filter((d) => d.vpc === service.vpc.id)) {
      if (domain.appNetworkAccessType !== 'VpcOnly') missing(`Studio domain ${domain.name} is ${domain.appNetworkAccessType}: SageMaker gives its apps internet access outside the VPC`);
      trace.hop(`Studio domain ${domain.name}: VpcOnly`);
    }
  },
};

function leadsOut(route: Route): boolean {
  if (route.kind === 'internet') return true;
  // A Transit Gateway may lead to an egress VPC: for public destinations it is a way out.
  if (route.kind !== 'other-gateway' && route.kind !== 'transit-gateway') return false;
  if (!('cidr' in route.destination)) return true;
  const cidr = parseCidr(route.destination.cidr);
  return !cidr || !isRfc1918(cidr);
}

function summary(model: NetworkModel, table: RouteTable): string {
  const routes = table.routes.map((r) => `${describeRange(model, r.destination)} -> ${r.via}${r.kind === 'peering' ? ' (not transitive)' : ''}`);
  return ['local', ...routes].join(', ');
}
