import { Construct } from 'constructs';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { PeeringRoutes } from '../network/vpc-routes';

export interface ServiceLinkProps {
  name: string;
  /** The service account's peering request. */
  vpcPeeringConnectionId: string;
  /** Corporate-side route tables that must reach the service VPC. */
  corporateRouteTableIds: string[];
  serviceVpcCidr: string;
}

/**
 * The network account's half of one service link: accept the peering and route the corporate side
 * to the service VPC.
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
  }
}
