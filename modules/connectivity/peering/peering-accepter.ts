import { Construct } from 'constructs';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { VpcRoutes } from '../routes';

export interface PeeringAccepterProps {
  /** Name tag of the accepted connection. */
  readonly name: string;
  /** The service account's peering request. */
  readonly vpcPeeringConnectionId: string;
  /** Corporate-side route tables, by stable key, that must reach the service VPC. */
  readonly corporateRouteTables: Readonly<Record<string, string>>;
  /** The service VPC's block, routed over the peering. */
  readonly serviceVpcCidr: string;
}

/** The network account's half of one service peering: accept it and route the corporate side to the service VPC. */
export class PeeringAccepter extends Construct {
  constructor(scope: Construct, id: string, props: PeeringAccepterProps) {
    super(scope, id);
    const accepter = new VpcPeeringConnectionAccepterA(this, 'accept-peering', {
      vpcPeeringConnectionId: props.vpcPeeringConnectionId,
      autoAccept: true,
      tags: { Name: props.name },
    });
    new VpcRoutes(this, 'corporate-to-service', {
      routeTables: props.corporateRouteTables,
      destinationCidrs: [props.serviceVpcCidr],
      target: { vpcPeeringConnectionId: accepter.id },
    });
  }
}
