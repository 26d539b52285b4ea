import { Construct } from 'constructs';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcRoutes } from '../routes';

export interface PeeringRequestProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  readonly routeTables: Readonly<Record<string, string>>;
  /** The corporate-side VPC in the network account. */
  readonly peerVpcId: string;
  readonly peerAccountId: string;
  readonly corporateCidrs: string[];
}

/**
 * The service account's half of the service <-> corporate peering: the request and the routes to
 * the corporate ranges. The network account accepts it (link stack). Peering is not transitive,
 * so the service VPC needs its own link to the corporate side, not one via the hub.
 */
export class PeeringRequest extends Construct {
  readonly connection: VpcPeeringConnection;

  constructor(scope: Construct, id: string, props: PeeringRequestProps) {
    super(scope, id);
    this.connection = new VpcPeeringConnection(this, 'request', {
      vpcId: props.vpcId,
      peerVpcId: props.peerVpcId,
      peerOwnerId: props.peerAccountId,
      peerRegion: props.region,
      tags: { Name: props.name },
    });
    new VpcRoutes(this, 'to-corporate', {
      routeTables: props.routeTables,
      destinationCidrs: props.corporateCidrs,
      target: { vpcPeeringConnectionId: this.connection.id },
    });
  }
}
