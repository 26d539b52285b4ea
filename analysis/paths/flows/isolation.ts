import { findServices } from '../analysis/landscape';
import { routeTo } from '../analysis/routes';
import { MissingHop, missing, need } from '../analysis/trace';
import { FlowDefinition } from './flow';

/**
 * Flow 8: no other service VPC is reachable from this one. Each subnet route table's way to every
 * other service VPC must end before it (no route, a route table of the Transit Gateway without
 * one, a peering that leads elsewhere): a team's account is no path into another team's.
 */
export const isolationFlow: FlowDefinition = {
  flow: 8,
  title: 'no other service VPC is reachable from this service VPC',
  scope: 'service',
  run({ model }, trace, service) {
    const others = findServices(model).filter((s) => s.vpc.id !== service.vpc.id);
    const tables = [...new Set([...model.subnets.values()].filter((s) => s.vpc === service.vpc.id).map((s) => s.routeTable))];
    for (const other of others) {
      const cidr = need(other.vpc.cidr, `VPC ${other.vpc.name} has no CIDR in the output`);
      for (const id of tables) {
        const table = need(model.routeTables.get(id), `route table ${id} is not declared`);
        let reached: string | undefined;
        try {
          reached = routeTo(model, table, { cidr }, other.vpc.id);
        } catch (error) {
          if (!(error instanceof MissingHop)) throw error;
          trace.hop(`rtb ${table.name} -> VPC ${other.vpc.name} (${cidr}): none (${error.message})`);
          continue;
        }
        missing(`service VPC ${service.vpc.name} reaches service VPC ${other.vpc.name}: ${reached}`);
      }
    }
    if (others.length === 0) trace.hop('the only service VPC of the landing zone');
  },
};
