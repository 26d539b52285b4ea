import { App } from 'cdktf';
import { ResolvedLandingZone } from './config/types';
import { NetworkStack } from './stacks/network-stack';
import { LambdaBundles, ServiceStack } from './stacks/service-stack';
import { NetworkLinkStack } from './stacks/network-link-stack';

export interface LandingZoneStacks {
  network: NetworkStack;
  services: ServiceStack[];
  links: NetworkLinkStack[];
}

/**
 * Adds every stack of one landing zone to the app, each a direct child: `network`, then per service
 * account `service-<name>` and `network-link-<name>`.
 */
export function addLandingZone(app: App, zone: ResolvedLandingZone, bundles: LambdaBundles): LandingZoneStacks {
  const network = new NetworkStack(app, zone);
  const services = zone.services.map((service) => new ServiceStack(app, { zone, service, network, bundles }));
  const links = services.map((service) => new NetworkLinkStack(app, { zone, service }));
  return { network, services, links };
}
