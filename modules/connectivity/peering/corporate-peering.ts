import { Construct } from 'constructs';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcRoutes } from '../routes';

/**
 * Who owns the corporate-side VPC, relative to the requesting one:
 * - `same-account` (the hub): the connection is accepted on creation, and the corporate side's
 *   route tables route back to the requester here;
 * - `other-account` (a service VPC): the connection is a request the network account accepts
 *   (`PeeringAccepter`, which also adds the routes back).
 */
export type CorporatePeer =
  | {
    readonly owner: 'same-account';
    /** Corporate-side route tables, by stable key, that route `requesterCidr` back over the connection. */
    readonly routeTables: Readonly<Record<string, string>>;
    readonly requesterCidr: string;
  }
  | {
    readonly owner: 'other-account';
    /** The network account, which owns the corporate-side VPC. */
    readonly accountId: string;
    readonly region: string;
  };

export interface CorporatePeeringProps {
  /** Name tag of the connection. */
  readonly name: string;
  /** The requesting VPC: the hub, or a service VPC. */
  readonly vpcId: string;
  /** The requester's route tables, by stable key, that route `corporateCidrs` over the connection. */
  readonly routeTables: Readonly<Record<string, string>>;
  /** The corporate-side VPC. */
  readonly corporateVpcId: string;
  /** Ranges the requester routes over the peering: the corporate VPC's own clients. */
  readonly corporateCidrs: readonly string[];
  /** Who owns the corporate-side VPC, and so who accepts the connection. */
  readonly peer: CorporatePeer;
}

/**
 * VPC peering between one VPC (the hub or a service VPC) and the corporate-side VPC, with the
 * routes to the corporate ranges. Peering is not transitive and carries no VPN or Direct Connect
 * traffic: it connects these two VPCs and nothing behind them, so each service VPC needs its own
 * peering, not one via the hub.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 */
export class CorporatePeering extends Construct {
  readonly connection: VpcPeeringConnection;

  constructor(scope: Construct, id: string, props: CorporatePeeringProps) {
    super(scope, id);
    const { peer } = props;
    // The ids name what the connection is in its account (an accepted peering, or a request): the
    // addresses existing states hold.
    this.connection = new VpcPeeringConnection(this, peer.owner === 'same-account' ? 'peering' : 'request', {
      vpcId: props.vpcId,
      peerVpcId: props.corporateVpcId,
      ...(peer.owner === 'same-account'
        ? { autoAccept: true }
        : { peerOwnerId: peer.accountId, peerRegion: peer.region }),
      tags: { Name: props.name },
    });
    const target = { vpcPeeringConnectionId: this.connection.id };
    new VpcRoutes(this, 'to-corporate', { routeTables: props.routeTables, destinationCidrs: props.corporateCidrs, target });
    if (peer.owner === 'same-account') {
      new VpcRoutes(this, 'to-hub', { routeTables: peer.routeTables, destinationCidrs: [peer.requesterCidr], target });
    }
  }
}
