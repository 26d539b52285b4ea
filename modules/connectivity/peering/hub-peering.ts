import { Construct } from 'constructs';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcRoutes } from '../routes';

export interface HubPeeringProps {
  readonly name: string;
  readonly hubVpcId: string;
  readonly hubCidr: string;
  readonly hubRouteTableId: string;
  readonly corporateVpcId: string;
  /** Ranges the hub routes over the peering: the corporate VPC's own clients. */
  readonly corporateCidrs: string[];
  /** Corporate-side route tables, by stable key, that route the hub back. */
  readonly corporateRouteTables: Readonly<Record<string, string>>;
}

/**
 * Peering between the hub and the corporate-side VPC, both in the network account, accepted in
 * place, with routes both ways. Peering is not transitive and carries no VPN or Direct Connect
 * traffic: it connects these two VPCs and nothing behind them.
 */
export class HubPeering extends Construct {
  readonly connection: VpcPeeringConnection;

  constructor(scope: Construct, id: string, props: HubPeeringProps) {
    super(scope, id);
    this.connection = new VpcPeeringConnection(this, 'peering', {
      vpcId: props.hubVpcId,
      peerVpcId: props.corporateVpcId,
      autoAccept: true,
      tags: { Name: props.name },
    });
    const target = { vpcPeeringConnectionId: this.connection.id };
    new VpcRoutes(this, 'to-corporate', { routeTables: { hub: props.hubRouteTableId }, destinationCidrs: props.corporateCidrs, target });
    new VpcRoutes(this, 'to-hub', { routeTables: props.corporateRouteTables, destinationCidrs: [props.hubCidr], target });
  }
}
