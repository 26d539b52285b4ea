import { Construct } from 'constructs';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { Route53ZoneAssociation } from '@cdktf/provider-aws/lib/route53-zone-association';
import { PeeringRoutes } from '../network/vpc-routes';

export interface ServiceLinkProps {
  name: string;
  /** The service account's peering request. */
  vpcPeeringConnectionId: string;
  /** Corporate-side route tables that must reach the service VPC. */
  corporateRouteTableIds: string[];
  serviceVpcCidr: string;
  /** The service's Studio private hosted zones (authorized for the hub by the service stack). */
  studioZoneIds: string[];
  hubVpcId: string;
}

/**
 * The network account's half of one service link: accept the peering, route the corporate side to
 * the service VPC, and associate the service's Studio zones with the hub so the inbound resolver
 * answers Studio names for the corporate network.
 */
export class ServiceLink extends Construct {
  constructor(scope: Construct, id: string, props: ServiceLinkProps) {
    super(scope, id);
    const accepter = new VpcPeeringConnectionAccepterA(this, 'accept-peering', {
      vpcPeeringConnectionId: props.vpcPeeringConnectionId,
      autoAccept: true,
      tags: { Name: props.name },
    });
    new PeeringRoutes(this, 'corporate-to-service', {
      routeTableIds: props.corporateRouteTableIds,
      destinationCidrs: [props.serviceVpcCidr],
      vpcPeeringConnectionId: accepter.id,
    });
    // Authorized in the zone owner's account; associated here, with the VPC owner's credentials.
    props.studioZoneIds.forEach((zoneId, i) => {
      new Route53ZoneAssociation(this, `studio-zone-${i}-hub`, { zoneId, vpcId: props.hubVpcId });
    });
  }
}
