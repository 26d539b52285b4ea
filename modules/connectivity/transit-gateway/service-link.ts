import { Construct } from 'constructs';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { VpcRoutes } from '../routes';

export interface TransitGatewayServiceLinkProps {
  /** Name tag of the accepted attachment. */
  readonly name: string;
  /** The network account's Transit Gateway. */
  readonly transitGatewayId: string;
  /** The service account's attachment. */
  readonly attachmentId: string;
  /** The Transit Gateway does not accept shared attachments by itself: accept it here. */
  readonly accept: boolean;
  /** The `services` route table the attachment is associated with. */
  readonly servicesRouteTableId: string;
  /** The `corporate` route table the attachment propagates into. */
  readonly corporateRouteTableId: string;
  /** The service VPC's block, which the simulated corporate VPC routes to. */
  readonly serviceVpcCidr: string;
  /** The simulated corporate VPC's route table, which routes to the service VPC. @default none: the corporate side is a VPN or Direct Connect attachment */
  readonly simulatedCorporateRouteTableId?: string;
}

/**
 * The network account's half of one service attachment: accept it, associate it with the
 * `services` route table (the hub and the corporate ranges, never another service) and propagate
 * it into the `corporate` one (so the hub and the corporate network reach it).
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#tgw-vpc-attachment-accept
 */
export class TransitGatewayServiceLink extends Construct {
  constructor(scope: Construct, id: string, props: TransitGatewayServiceLinkProps) {
    super(scope, id);
    const accepter = props.accept
      ? new Ec2TransitGatewayVpcAttachmentAccepter(this, 'accept-attachment', {
        transitGatewayAttachmentId: props.attachmentId,
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: { Name: props.name },
      })
      : undefined;
    // The accepter's id is the attachment's: naming it waits for the acceptance.
    const transitGatewayAttachmentId = accepter?.id ?? props.attachmentId;
    new Ec2TransitGatewayRouteTableAssociation(this, 'associate-services', { transitGatewayAttachmentId, transitGatewayRouteTableId: props.servicesRouteTableId });
    new Ec2TransitGatewayRouteTablePropagation(this, 'propagate-to-corporate', { transitGatewayAttachmentId, transitGatewayRouteTableId: props.corporateRouteTableId });
    if (props.simulatedCorporateRouteTableId) {
      new VpcRoutes(this, 'corporate-to-service', {
        routeTables: { corporate: props.simulatedCorporateRouteTableId },
        destinationCidrs: [props.serviceVpcCidr],
        target: { transitGatewayId: props.transitGatewayId },
      });
    }
  }
}
