import { ResolvedConnectivity } from '../config/types';
import { PeeringConnectivity } from './peering';
import { TransitGatewayConnectivity } from './transit-gateway';
import { CorporateConnectivity } from './types';

export * from './types';
export { PeeringConnectivity, type PeeredVpc } from './peering';
export { TransitGatewayConnectivity, type TransitGatewayChoice } from './transit-gateway';

/** The strategy the account file chooses. */
export function corporateConnectivity(connectivity: ResolvedConnectivity): CorporateConnectivity {
  switch (connectivity.type) {
    case 'simulated':
      return new PeeringConnectivity({ kind: 'simulated' });
    case 'existing-vpc':
      return new PeeringConnectivity({ kind: 'existing', vpcId: connectivity.vpcId, vpcCidr: connectivity.vpcCidr, routeTableIds: connectivity.routeTableIds });
    case 'transit-gateway':
      return new TransitGatewayConnectivity({
        transitGatewayId: connectivity.transitGatewayId,
        autoAcceptSharedAttachments: connectivity.autoAcceptSharedAttachments,
        corporateAttachmentId: connectivity.corporate.kind === 'attachment' ? connectivity.corporate.attachmentId : undefined,
      });
  }
}

/** The simulated corporate VPC the connectivity needs, if any. */
export function simulatedCorporateOf(connectivity: ResolvedConnectivity): { vpcCidr: string; subnets: { availabilityZoneId: string; cidr: string }[] } | undefined {
  if (connectivity.type === 'simulated') return connectivity;
  if (connectivity.type === 'transit-gateway' && connectivity.corporate.kind === 'simulated') return connectivity.corporate;
  return undefined;
}
