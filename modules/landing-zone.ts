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
export function addLandingZone(app: App, landingZone: ResolvedLandingZone, bundles: LambdaBundles): LandingZoneStacks {
  const network = new NetworkStack(app, landingZone);
  const services = landingZone.services.map((service) => new ServiceStack(app, { landingZone, service, network, bundles }));
  const links = services.map((service) => new NetworkLinkStack(app, { landingZone, service }));
  return { network, services, links };
}
