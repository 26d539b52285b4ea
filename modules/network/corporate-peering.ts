import { Construct } from 'constructs';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { PeeringRoutes } from './vpc-routes';

export interface SameAccountPeeringProps {
  name: string;
  vpcId: string;
  peerVpcId: string;
  /** Routes from `vpcId`'s side towards the peer. */
  routeTableIds: string[];
  peerCidrs: string[];
  /** Routes from the peer's side back. */
  peerRouteTableIds: string[];
  cidr: string;
}

/**
 * Peering between two VPCs of one account (hub and corporate side), accepted in place, with routes
 * both ways. Peering is not transitive: this only connects these two VPCs.
 */
export class SameAccountPeering extends Construct {
  readonly connection: VpcPeeringConnection;

  constructor(scope: Construct, id: string, props: SameAccountPeeringProps) {
    super(scope, id);
    this.connection = new VpcPeeringConnection(this, 'peering', {
      vpcId: props.vpcId,
      peerVpcId: props.peerVpcId,
      autoAccept: true,
      tags: { Name: props.name },
    });
    new PeeringRoutes(this, 'to-peer', {
      routeTableIds: props.routeTableIds,
      destinationCidrs: props.peerCidrs,
      vpcPeeringConnectionId: this.connection.id,
    });
    new PeeringRoutes(this, 'from-peer', {
      routeTableIds: props.peerRouteTableIds,
      destinationCidrs: [props.cidr],
      vpcPeeringConnectionId: this.connection.id,
    });
  }
}
