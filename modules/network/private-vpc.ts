import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { ResolvedSubnet } from '../config/types';
import { recordVpcFlowLog } from './vpc-flow-log';
import { VpcPlacement } from './vpc-placement';

/** Long enough for Lambda to release the network interfaces of the VPC's deleted functions. */
export const SUBNET_DELETE_TIMEOUT = '45m';

export interface PrivateVpcProps {
  /** Name tag prefix, e.g. `example-hub`. */
  readonly name: string;
  /** The VPC's IPv4 block. */
  readonly cidr: string;
  /** One private subnet per AZ. */
  readonly subnets: ResolvedSubnet[];
  /** The account the VPC is in: the flow-log role trusts its log delivery only. */
  readonly accountId: string;
  /** Region of the VPC: part of its flow-log role's (account-global) name. */
  readonly region: string;
  /** The KMS key that encrypts its log groups. */
  readonly logsKeyArn: string;
  /** Days the flow-log group keeps records. */
  readonly logRetentionDays: number;
}

/**
 * A VPC with private subnets only: no internet gateway, no NAT, no public IPs. One route table
 * serves every subnet, so a route added for a peer reaches every AZ. The default security group is
 * emptied (nothing may rely on it) and all traffic is recorded by flow logs.
 */
export class PrivateVpc extends Construct implements VpcPlacement {
  readonly vpc: Vpc;
  readonly subnets: Subnet[];
  private readonly subnetsByAz = new Map<string, Subnet>();
  readonly routeTable: RouteTable;
  /** Emptied: no rules, so nothing can rely on it (what VPC Lambdas fall back to on destroy). */
  readonly defaultSecurityGroup: DefaultSecurityGroup;
  readonly cidr: string;

  constructor(scope: Construct, id: string, props: PrivateVpcProps) {
    super(scope, id);
    this.cidr = props.cidr;
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: props.name },
    });
    this.routeTable = new RouteTable(this, 'private-routes', {
      vpcId: this.vpc.id,
      tags: { Name: `${props.name}-private` },
    });
    // Keyed by AZ id: adding or removing an AZ leaves the other subnets' addresses alone.
    this.subnets = props.subnets.map((subnet) => {
      const created = new Subnet(this, `private-${subnet.availabilityZoneId}`, {
        vpcId: this.vpc.id,
        cidrBlock: subnet.cidr,
        availabilityZoneId: subnet.availabilityZoneId,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-private-${subnet.availabilityZoneId}` },
        // Lambda releases a deleted VPC function's network interfaces only after a while; the
        // subnet cannot go before they do (the provider's default wait is 20 minutes).
        timeouts: { delete: SUBNET_DELETE_TIMEOUT },
      });
      this.subnetsByAz.set(subnet.availabilityZoneId, created);
      new RouteTableAssociation(this, `private-${subnet.availabilityZoneId}-routes`, {
        subnetId: created.id,
        routeTableId: this.routeTable.id,
      });
      return created;
    });
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'default-sg-closed', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${props.name}-default-closed` },
    });

    recordVpcFlowLog(this, {
      name: props.name,
      vpcId: this.vpc.id,
      accountId: props.accountId,
      region: props.region,
      logsKeyArn: props.logsKeyArn,
      logRetentionDays: props.logRetentionDays,
    });
  }

  get vpcId(): string {
    return this.vpc.id;
  }

  get subnetIds(): string[] {
    return this.subnets.map((s) => s.id);
  }

  get subnetIdsByAz(): Record<string, string> {
    return Object.fromEntries([...this.subnetsByAz].map(([az, subnet]) => [az, subnet.id]));
  }

  get routeTableIds(): Record<string, string> {
    return { private: this.routeTable.id };
  }

  get replacementSecurityGroupId(): string {
    return this.defaultSecurityGroup.id;
  }

  /** The subnet in one of the VPC's AZs. */
  subnetIn(availabilityZoneId: string): Subnet {
    const subnet = this.subnetsByAz.get(availabilityZoneId);
    if (!subnet) throw new Error(`${this.node.path} has no subnet in ${availabilityZoneId}`);
    return subnet;
  }
}
