import { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DataAwsSubnet } from '@cdktf/provider-aws/lib/data-aws-subnet';
import { DataAwsRouteTable } from '@cdktf/provider-aws/lib/data-aws-route-table';
import { DescribedSecurityGroup } from '../shared/security-group';
import { SUBNET_DELETE_TIMEOUT } from './private-vpc';
import { recordVpcFlowLog } from './vpc-flow-log';
import { VpcPlacement } from './vpc-placement';

export interface ExistingSubnet {
  /** `subnet-...` id. */
  readonly id: string;
  /** AZ id the subnet must be in. */
  readonly availabilityZoneId: string;
  /** CIDR block the subnet must have. */
  readonly cidr: string;
  /** The route table the subnet is explicitly associated with. */
  readonly routeTableId: string;
}

export interface ExistingVpcProps {
  /** Name prefix of what the construct creates in the VPC, e.g. `example-analytics`. */
  readonly name: string;
  /** `vpc-...` id. */
  readonly vpcId: string;
  /** The VPC's primary CIDR block. */
  readonly cidr: string;
  /** One private subnet per AZ. */
  readonly subnets: readonly ExistingSubnet[];
  /** The account the VPC is in: the flow-log role trusts its log delivery only. */
  readonly accountId: string;
  /** Region of the VPC: part of its flow-log role's (account-global) name. */
  readonly region: string;
  /** The KMS key that encrypts the flow-log group. */
  readonly logsKeyArn: string;
  /** Days the flow-log group keeps records. */
  readonly logRetentionDays: number;
}

/**
 * A VPC the account already has (vended by a platform team), used in place of a created one. It
 * is looked up, not managed: each lookup filters on what the account file says, so the plan fails
 * when the VPC's primary CIDR block, a subnet's VPC, AZ id or CIDR, or a subnet's explicit
 * route-table association differ from it, or when a subnet maps public IPs on launch. What a lookup cannot see (DNS attributes, routes to the
 * internet in the given route tables, other subnets) is the operator's to check: see the README.
 * Its traffic is recorded by a flow log of the landing zone's own, and retired Lambda interfaces
 * move to an empty group of its own rather than the VPC's default group, whose rules are not ours.
 */
export class ExistingVpc extends Construct implements VpcPlacement {
  readonly vpcId: string;
  readonly cidr: string;
  readonly subnetIds: string[];
  readonly subnetIdsByAz: Readonly<Record<string, string>>;
  readonly routeTableIds: Readonly<Record<string, string>>;
  readonly replacementSecurityGroupId: string;

  constructor(scope: Construct, id: string, props: ExistingVpcProps) {
    super(scope, id);
    this.cidr = props.cidr;
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/vpc: cidr_block filters on the primary block.
    const vpc = new DataAwsVpc(this, 'vpc', { id: props.vpcId, cidrBlock: props.cidr });
    this.vpcId = vpc.id;
    const routeTableIds: Record<string, string> = {};
    const subnetIdsByAz: Record<string, string> = {};
    // Keyed by AZ id, as the created VPC's subnets: adding or removing one leaves the others alone.
    this.subnetIds = props.subnets.map((given) => {
      const subnet = new DataAwsSubnet(this, `subnet-${given.availabilityZoneId}`, {
        id: given.id,
        vpcId: vpc.id,
        availabilityZoneId: given.availabilityZoneId,
        cidrBlock: given.cidr,
        // A subnet that gives interfaces public addresses is not found, so it fails the plan.
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html
        filter: [{ name: 'map-public-ip-on-launch', values: ['false'] }],
      });
      // subnet_id filters on an explicit association: a subnet left on the main route table is not found.
      const table = new DataAwsRouteTable(this, `route-table-${given.availabilityZoneId}`, {
        routeTableId: given.routeTableId,
        subnetId: subnet.id,
        vpcId: vpc.id,
      });
      routeTableIds[given.routeTableId] ??= table.routeTableId;
      subnetIdsByAz[given.availabilityZoneId] = subnet.id;
      return subnet.id;
    });
    this.routeTableIds = routeTableIds;
    this.subnetIdsByAz = subnetIdsByAz;
    this.replacementSecurityGroupId = new DescribedSecurityGroup(this, 'retired-lambdas', {
      name: `${props.name}-retired-lambdas`,
      description: 'No rules: deleted Lambda functions network interfaces wait here until Lambda releases them',
      vpcId: vpc.id,
      deleteTimeout: SUBNET_DELETE_TIMEOUT,
    }).id;
    recordVpcFlowLog(this, {
      name: props.name,
      vpcId: vpc.id,
      accountId: props.accountId,
      region: props.region,
      logsKeyArn: props.logsKeyArn,
      logRetentionDays: props.logRetentionDays,
    });
  }
}
