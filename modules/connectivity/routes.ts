import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { Route } from '@cdktf/provider-aws/lib/route';

/** Where the routes send traffic: exactly one of the two. */
export type RouteTarget = { vpcPeeringConnectionId: string } | { transitGatewayId: string };

export interface VpcRoutesProps {
  /**
   * Route tables by a stable key (a configured `rtb-` id, or a name for a created table), so that
   * adding or removing one changes only its routes.
   */
  readonly routeTables: Readonly<Record<string, string>>;
  /** Ranges each route table sends to the target. */
  readonly destinationCidrs: readonly string[];
  /** The peering connection or Transit Gateway the routes point at. */
  readonly target: RouteTarget;
  /**
   * What must exist before the routes (a route to a Transit Gateway fails until the VPC is attached).
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** A construct id from a CIDR: `192.168.0.0/16` -> `192-168-0-0-16`. */
export const cidrKey = (cidr: string): string => cidr.replace(/[./]/g, '-');

/** Routes from each route table to each destination, over one peering connection or Transit Gateway. */
export class VpcRoutes extends Construct {
  constructor(scope: Construct, id: string, props: VpcRoutesProps) {
    super(scope, id);
    for (const [tableKey, routeTableId] of Object.entries(props.routeTables)) {
      for (const destinationCidrBlock of props.destinationCidrs) {
        new Route(this, `${tableKey}-to-${cidrKey(destinationCidrBlock)}`, { routeTableId, destinationCidrBlock, ...props.target, dependsOn: props.dependsOn });
      }
    }
  }
}
