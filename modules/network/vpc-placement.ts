/**
 * What a service stack places its endpoints, functions, Studio domain and connectivity in: a VPC
 * the stack creates (`PrivateVpc`) or one the account already has (`ExistingVpc`). Ids may be
 * references to the created resources or to the looked-up data sources.
 */
export interface VpcPlacement {
  readonly vpcId: string;
  readonly cidr: string;
  /** One private subnet per AZ, in AZ-id order. */
  readonly subnetIds: string[];
  /** The same subnets by AZ id, for what is keyed by AZ (network ACL associations). */
  readonly subnetIdsByAz: Readonly<Record<string, string>>;
  /**
   * The subnets' route tables by a stable key (a name for a created table, the configured `rtb-`
   * id for an existing one): gateway endpoints and corporate routes go into each.
   */
  readonly routeTableIds: Readonly<Record<string, string>>;
  /** A group without rules that VPC Lambdas are moved to before they are deleted. */
  readonly replacementSecurityGroupId: string;
}
