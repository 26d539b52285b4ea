import { Construct } from 'constructs';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { VpcRoutes, cidrKey } from '../routes';

/** A VPC of the network account attached to the Transit Gateway (the hub, the simulated corporate VPC). */
export interface AttachedVpc {
  /** The attached VPC. */
  readonly vpcId: string;
  /** One subnet per AZ: an AZ without an attachment subnet cannot reach the Transit Gateway. */
  readonly subnetIds: string[];
  /** The VPC's route table, which routes through the Transit Gateway. */
  readonly routeTableId: string;
}

export interface TransitGatewayHubProps {
  /** Name prefix of the Transit Gateway, its route tables, attachments and share. */
  readonly name: string;
  /** Region of the Transit Gateway: part of an existing one's ARN. */
  readonly region: string;
  /** The network account, owner of the Transit Gateway. */
  readonly networkAccountId: string;
  /** An existing Transit Gateway of the network account. @default one is created */
  readonly transitGatewayId?: string;
  /** The hub VPC, attached and associated with the `corporate` route table. */
  readonly hub: AttachedVpc;
  /** The corporate side: the VPN / Direct Connect gateway attachment id, or a simulated VPC to attach. */
  readonly corporate: { attachmentId: string } | { vpc: AttachedVpc };
  /** The corporate ranges: static routes to the corporate attachment, and the hub's routes to them. */
  readonly corporateCidrs: string[];
  /** The hub VPC's block, which a simulated corporate VPC routes back. */
  readonly hubCidr: string;
  /** Service accounts the Transit Gateway is shared with (they attach their VPCs). */
  readonly serviceAccountIds: string[];
  /** All accounts in one AWS Organization: the share stays internal and needs no acceptance. */
  readonly inOrganization: boolean;
}

/**
 * The network account's Transit Gateway with two explicit route tables (default association and
 * propagation off, so nothing lands in a table by accident):
 * - `services`: associated with every service attachment; routes to the hub (propagated) and to
 *   the corporate ranges (static, to the corporate attachment) only. Service attachments never
 *   propagate into it, so service VPCs cannot reach each other.
 * - `corporate`: associated with the hub and corporate attachments; every attachment propagates
 *   into it (the link stacks add each service's), plus static corporate routes.
 * The hub's and the corporate VPC's route tables send the corporate ranges and the hub through it.
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html
 * https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-isolated.html
 */
export class TransitGatewayHub extends Construct {
  readonly transitGatewayId: string;
  readonly servicesRouteTable: Ec2TransitGatewayRouteTable;
  readonly corporateRouteTable: Ec2TransitGatewayRouteTable;
  readonly share: RamResourceShare;
  /** The route table of the simulated corporate VPC, which each link stack routes to its service. */
  readonly simulatedCorporateRouteTableId?: string;

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    const created = props.transitGatewayId === undefined
      ? new Ec2TransitGateway(this, 'transit-gateway', {
        description: `${props.name}: hub, services and the corporate network`,
        defaultRouteTableAssociation: 'disable',
        defaultRouteTablePropagation: 'disable',
        // Every service attachment is accepted explicitly by its link stack.
        autoAcceptSharedAttachments: 'disable',
        dnsSupport: 'enable',
        vpnEcmpSupport: 'enable',
        tags: { Name: props.name },
      })
      : undefined;
    this.transitGatewayId = created?.id ?? (props.transitGatewayId as string);
    const transitGatewayArn = created?.arn ?? `arn:aws:ec2:${props.region}:${props.networkAccountId}:transit-gateway/${props.transitGatewayId}`;

    const table = (key: string) => new Ec2TransitGatewayRouteTable(this, key, { transitGatewayId: this.transitGatewayId, tags: { Name: `${props.name}-${key}` } });
    this.servicesRouteTable = table('services');
    this.corporateRouteTable = table('corporate');

    const hubAttachment = this.attachVpc('hub', props.hub, `${props.name}-hub`);
    const simulatedAttachment = 'vpc' in props.corporate ? this.attachVpc('simulated-corporate', props.corporate.vpc, `${props.name}-corporate`) : undefined;
    const corporateAttachment = { id: simulatedAttachment?.id ?? ('attachmentId' in props.corporate ? props.corporate.attachmentId : '') };
    this.associate('hub', hubAttachment, this.corporateRouteTable);
    this.associate('corporate', corporateAttachment, this.corporateRouteTable);
    this.propagate('hub-to-services', hubAttachment, this.servicesRouteTable);
    this.propagate('hub-to-corporate', hubAttachment, this.corporateRouteTable);
    this.propagate('corporate-to-services', corporateAttachment, this.servicesRouteTable);
    // The corporate ranges are wider than what a VPN or Direct Connect may announce (or than a
    // simulated VPC's block): static routes make them explicit. Static routes win over propagated
    // ones of the same prefix.
    for (const [key, routeTable] of [['services', this.servicesRouteTable], ['corporate', this.corporateRouteTable]] as const) {
      for (const cidr of props.corporateCidrs) {
        new Ec2TransitGatewayRoute(this, `${key}-to-${cidrKey(cidr)}`, {
          transitGatewayRouteTableId: routeTable.id,
          destinationCidrBlock: cidr,
          transitGatewayAttachmentId: corporateAttachment.id,
        });
      }
    }

    new VpcRoutes(this, 'hub-to-corporate', {
      routeTables: { hub: props.hub.routeTableId },
      destinationCidrs: props.corporateCidrs,
      target: { transitGatewayId: this.transitGatewayId },
      dependsOn: [hubAttachment],
    });
    if ('vpc' in props.corporate && simulatedAttachment) {
      this.simulatedCorporateRouteTableId = props.corporate.vpc.routeTableId;
      new VpcRoutes(this, 'corporate-to-hub', {
        routeTables: { corporate: props.corporate.vpc.routeTableId },
        destinationCidrs: [props.hubCidr],
        target: { transitGatewayId: this.transitGatewayId },
        dependsOn: [simulatedAttachment],
      });
    }

    // The service accounts attach their VPCs through this share; outside an Organization each
    // accepts it first. https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html#tgw-sharing
    this.share = new RamResourceShare(this, 'share', { name: `${props.name}-share`, allowExternalPrincipals: !props.inOrganization });
    new RamResourceAssociation(this, 'share-transit-gateway', { resourceShareArn: this.share.arn, resourceArn: transitGatewayArn });
    for (const principal of [...new Set(props.serviceAccountIds)]) {
      new RamPrincipalAssociation(this, `share-with-${principal}`, { resourceShareArn: this.share.arn, principal });
    }
  }

  private attachVpc(key: string, vpc: AttachedVpc, name: string): Ec2TransitGatewayVpcAttachment {
    return new Ec2TransitGatewayVpcAttachment(this, `${key}-attachment`, {
      transitGatewayId: this.transitGatewayId,
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds,
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      dnsSupport: 'enable',
      tags: { Name: name },
    });
  }

  private associate(key: string, attachment: { id: string }, routeTable: Ec2TransitGatewayRouteTable): void {
    new Ec2TransitGatewayRouteTableAssociation(this, `associate-${key}`, { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: routeTable.id });
  }

  private propagate(key: string, attachment: { id: string }, routeTable: Ec2TransitGatewayRouteTable): void {
    new Ec2TransitGatewayRouteTablePropagation(this, `propagate-${key}`, { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: routeTable.id });
  }
}
