import { Construct } from 'constructs';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { VpcRoutes } from '../routes';

export interface ServiceAttachmentProps {
  /** Name tag of the attachment. */
  readonly name: string;
  /** The network account's Transit Gateway, shared with this account by RAM. */
  readonly transitGatewayId: string;
  /** The RAM share of the Transit Gateway with this account. */
  readonly shareArn: string;
  /** Outside an Organization the share is an invitation this account accepts first. */
  readonly acceptShare: boolean;
  /** The service VPC to attach. */
  readonly vpcId: string;
  /** One subnet per AZ: an AZ without an attachment subnet cannot reach the Transit Gateway. */
  readonly subnetIds: string[];
  /** The VPC's route tables, by stable key, that route the corporate ranges to the Transit Gateway. */
  readonly routeTables: Readonly<Record<string, string>>;
  /** The corporate ranges, routed through the Transit Gateway. */
  readonly corporateCidrs: string[];
}

/**
 * The service account's side of the Transit Gateway: the VPC attachment (accepted and wired into
 * the route tables by the network account's link stack) and the VPC routes to the corporate
 * ranges through it. No default route: the VPC still has no way to the internet.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html
 */
export class ServiceAttachment extends Construct {
  readonly attachment: Ec2TransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: ServiceAttachmentProps) {
    super(scope, id);
    const accepter = props.acceptShare ? new RamResourceShareAccepter(this, 'accept-share', { shareArn: props.shareArn }) : undefined;
    // The default route table settings belong to the Transit Gateway's owner: they cannot be set
    // on an attachment to a shared Transit Gateway (the link stack's accepter sets them).
    this.attachment = new Ec2TransitGatewayVpcAttachment(this, 'attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: props.vpcId,
      subnetIds: props.subnetIds,
      dnsSupport: 'enable',
      tags: { Name: props.name },
      // Attaching before the share is accepted fails: the Transit Gateway is not visible yet.
      dependsOn: accepter ? [accepter] : undefined,
    });
    new VpcRoutes(this, 'to-corporate', {
      routeTables: props.routeTables,
      destinationCidrs: props.corporateCidrs,
      target: { transitGatewayId: props.transitGatewayId },
      dependsOn: [this.attachment],
    });
  }
}
