import { Construct } from 'constructs';
import { ConnectivityNetworkSide, ConnectivityServiceSide, CorporateConnectivity, LinkSideProps, NetworkSideProps, ServiceSideProps } from '../types';
import { ServiceAttachment } from './service-attachment';
import { TransitGatewayServiceLink } from './service-link';
import { TransitGatewayHub, TransitGatewayHubProps } from './transit-gateway-hub';

export interface TransitGatewayChoice {
  /** An existing Transit Gateway of the network account. @default one is created */
  readonly transitGatewayId?: string;
  /** The existing Transit Gateway accepts shared attachments by itself. @default false */
  readonly autoAcceptSharedAttachments: boolean;
  /** The VPN / Direct Connect gateway attachment; undefined: the simulated corporate VPC is attached. */
  readonly corporateAttachmentId?: string;
}

/**
 * A Transit Gateway in the network account: how a corporate network that arrives over
 * Site-to-Site VPN or Direct Connect reaches the hub and every service VPC (VPC peering would not
 * carry it). Bounded by 5,000 attachments per Transit Gateway and 10,000 routes over all of its
 * route tables (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html).
 */
export class TransitGatewayConnectivity implements CorporateConnectivity {
  constructor(private readonly choice: TransitGatewayChoice) {}

  addNetworkSide(scope: Construct, props: NetworkSideProps): ConnectivityNetworkSide {
    const { corporateAttachmentId } = this.choice;
    const simulated = props.simulatedCorporate;
    let corporate: TransitGatewayHubProps['corporate'];
    if (corporateAttachmentId !== undefined) corporate = { attachmentId: corporateAttachmentId };
    else if (simulated) corporate = { vpc: simulated };
    else throw new Error('a Transit Gateway without a corporate attachment needs the simulated corporate VPC');
    const hub = new TransitGatewayHub(scope, 'transit-gateway', {
      name: `${props.namePrefix}-tgw`,
      region: props.region,
      networkAccountId: props.networkAccountId,
      transitGatewayId: this.choice.transitGatewayId,
      hub: props.hub,
      corporate,
      corporateCidrs: props.corporateCidrs,
      hubCidr: props.hub.cidr,
      serviceAccountIds: props.serviceAccountIds,
      inOrganization: props.inOrganization,
    });
    // A created Transit Gateway never auto-accepts; an existing one says so in the account file.
    const accept = this.choice.transitGatewayId === undefined || !this.choice.autoAcceptSharedAttachments;
    return {
      addServiceSide: (serviceScope: Construct, service: ServiceSideProps): ConnectivityServiceSide => {
        const attachment = new ServiceAttachment(serviceScope, 'corporate-attachment', {
          name: `${service.name}-tgw`,
          transitGatewayId: hub.transitGatewayId,
          shareArn: hub.share.arn,
          acceptShare: !props.inOrganization,
          vpcId: service.vpcId,
          subnetIds: service.subnetIds,
          routeTables: service.routeTableIds,
          corporateCidrs: service.corporateCidrs,
        });
        return {
          addLinkSide: (linkScope: Construct, link: LinkSideProps) => {
            new TransitGatewayServiceLink(linkScope, 'link', {
              name: link.name,
              transitGatewayId: hub.transitGatewayId,
              attachmentId: attachment.attachment.id,
              accept,
              servicesRouteTableId: hub.servicesRouteTable.id,
              corporateRouteTableId: hub.corporateRouteTable.id,
              serviceVpcCidr: link.serviceVpcCidr,
              simulatedCorporateRouteTableId: hub.simulatedCorporateRouteTableId,
            });
          },
        };
      },
    };
  }
}
