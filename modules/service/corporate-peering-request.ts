import { Construct } from 'constructs';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { PeeringRoutes } from '../network/vpc-routes';

export interface CorporatePeeringRequestProps {
  name: string;
  region: string;
  vpcId: string;
  routeTableIds: string[];
  /** The corporate-side VPC in the network account. */
  peerVpcId: string;
  peerAccountId: string;
  corporateCidrs: string[];
}

/**
 * The service account's half of the service <-> corporate peering: the request and the routes to
 * the corporate ranges. The network account accepts it (network-link stack). Peering is not
 * transitive, so the service VPC needs its own link to the corporate side, not one via the hub.
 */
export class CorporatePeeringRequest extends Construct {
  readonly connection: VpcPeeringConnection;

  constructor(scope: Construct, id: string, props: CorporatePeeringRequestProps) {
    super(scope, id);
    this.connection = new VpcPeeringConnection(this, 'request', {
      vpcId: props.vpcId,
      peerVpcId: props.peerVpcId,
      peerOwnerId: props.peerAccountId,
      peerRegion: props.region,
      tags: { Name: props.name },
    });
    new PeeringRoutes(this, 'to-corporate', {
      routeTableIds: props.routeTableIds,
      destinationCidrs: props.corporateCidrs,
      vpcPeeringConnectionId: this.connection.id,
    });
  }
}
