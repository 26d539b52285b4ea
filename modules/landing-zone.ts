import { App } from 'cdktf';
import { ResolvedLandingZone } from './config/types';
import { NetworkStack } from './stacks/network-stack';
import { LambdaBundles, ServiceStack } from './stacks/service-stack';
import { NetworkLinkStack } from './stacks/network-link-stack';
import { NETWORK_STACK, stackId } from './shared/naming';

export interface LandingZoneStacks {
  readonly network: NetworkStack;
  readonly services: ServiceStack[];
  readonly links: NetworkLinkStack[];
}

/**
 * Adds every stack of one landing zone to the app, each a direct child: `network`, then per service
 * account `service-<name>` and `network-link-<name>`, each id prefixed with the zone's environment
 * and region (`example-eu-west-1-network`), so an app can hold several landing zones.
 */
export function addLandingZone(app: App, landingZone: ResolvedLandingZone, bundles: LambdaBundles): LandingZoneStacks {
  const taken = app.node.tryFindChild(stackId(landingZone, NETWORK_STACK));
  if (taken) {
    throw new Error(
      `the app already holds landing zone "${landingZone.environment}" in ${landingZone.region} (stack ${taken.node.id}). ` +
        'Fix: give each landing zone of one app its own environment, or put them in different regions.',
    );
  }
  const network = new NetworkStack(app, landingZone);
  const services = landingZone.services.map((service) => new ServiceStack(app, { landingZone, service, network, bundles }));
  const links = services.map((service) => new NetworkLinkStack(app, { landingZone, service }));
  return { network, services, links };
}
