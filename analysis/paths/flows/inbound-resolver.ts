import { connect } from '../analysis/connect';
import { traffic } from '../analysis/filters';
import { azIds, corporateClients, findCorporate, findHub, resolverSides } from '../analysis/landscape';
import { FlowDefinition } from './flow';

/** Flow 1: the corporate DNS (any corporate client) queries the inbound resolver over UDP and TCP. */
export const inboundResolverFlow: FlowDefinition = {
  flow: 1,
  title: 'corporate client -> inbound resolver IPs, TCP and UDP 53, and back',
  scope: 'landing-zone',
  run({ model }, trace) {
    const hub = findHub(model);
    const corporate = findCorporate(model, hub);
    const listeners = hub.inbound.addresses.map(({ ip, subnet }) => `${ip ?? 'a dynamic IP'} (${azIds(model, [subnet])})`);
    trace.hop(`inbound resolver endpoint ${hub.inbound.name} listens on ${listeners.join(', ')} in hub VPC ${hub.vpc.name}`);
    trace.hop(`corporate side: VPC ${corporate.vpc.name}, ranges ${corporate.cidrs.join(', ')}`);
    for (const client of corporateClients(corporate)) {
      for (const resolver of resolverSides(model, hub.inbound)) {
        for (const protocol of ['udp', 'tcp'] as const) connect(model, trace, client, resolver, traffic(protocol, 53));
      }
    }
  },
};
