import { Construct } from 'constructs';
import { Route } from '@cdktf/provider-aws/lib/route';

export interface PeeringRoutesProps {
  routeTableIds: string[];
  destinationCidrs: string[];
  vpcPeeringConnectionId: string;
}

/** Routes from each route table to each destination over one peering connection. */
export class PeeringRoutes extends Construct {
  constructor(scope: Construct, id: string, props: PeeringRoutesProps) {
    super(scope, id);
    props.routeTableIds.forEach((routeTableId, t) => {
      props.destinationCidrs.forEach((destinationCidrBlock, d) => {
        new Route(this, `rt-${t}-to-${d}`, {
          routeTableId,
          destinationCidrBlock,
          vpcPeeringConnectionId: props.vpcPeeringConnectionId,
        });
      });
    });
  }
}
