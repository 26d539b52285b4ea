import { Construct } from 'constructs';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { ConnectivityNetworkSide, ConnectivityServiceSide, CorporateConnectivity, LinkSideProps, NetworkSideProps, ServiceSideProps } from '../types';
import { CorporatePeering } from './corporate-peering';
import { PeeringAccepter } from './peering-accepter';

/** The VPC on the corporate side: the simulated one, or an existing VPC whose own clients use Studio. */
export type PeeredVpc = { kind: 'simulated' } | { kind: 'existing'; vpcId: string; vpcCidr: string; routeTableIds: string[] };

/**
 * VPC peering with one corporate-side VPC: the hub and every service VPC peer with it. Peering is
 * not transitive and carries no VPN or Direct Connect traffic (no edge-to-edge routing), so only
 * clients inside that VPC are reached. Bounded by its peering (50, up to 125) and route (50, up to
 * 1,000) quotas.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 */
export class PeeringConnectivity implements CorporateConnectivity {
  constructor(private readonly peered: PeeredVpc) {}

  addNetworkSide(scope: Construct, props: NetworkSideProps): ConnectivityNetworkSide {
    const corporate = this.corporateVpc(scope, props);
    new CorporatePeering(scope, 'hub-corporate-peering', {
      name: `${props.namePrefix}-hub-corporate`,
      vpcId: props.hub.vpcId,
      routeTables: { hub: props.hub.routeTableId },
      corporateVpcId: corporate.vpcId,
      corporateCidrs: props.corporateCidrs,
      peer: { owner: 'same-account', routeTables: corporate.routeTables, requesterCidr: props.hub.cidr },
    });
    return {
      addServiceSide: (serviceScope: Construct, service: ServiceSideProps): ConnectivityServiceSide => {
        const request = new CorporatePeering(serviceScope, 'corporate-peering', {
          name: `${service.name}-corporate`,
          vpcId: service.vpcId,
          routeTables: service.routeTableIds,
          corporateVpcId: corporate.vpcId,
          corporateCidrs: service.corporateCidrs,
          peer: { owner: 'other-account', accountId: props.networkAccountId, region: service.region },
        });
        return {
          addLinkSide: (linkScope: Construct, link: LinkSideProps) => {
            new PeeringAccepter(linkScope, 'link', {
              name: link.name,
              vpcPeeringConnectionId: request.connection.id,
              corporateRouteTables: corporate.routeTables,
              serviceVpcCidr: link.serviceVpcCidr,
            });
          },
        };
      },
    };
  }

  private corporateVpc(scope: Construct, props: NetworkSideProps): { vpcId: string; routeTables: Record<string, string> } {
    if (this.peered.kind === 'simulated') {
      const simulated = props.simulatedCorporate;
      if (!simulated) throw new Error('peering with the simulated corporate network needs the simulated corporate VPC');
      return { vpcId: simulated.vpcId, routeTables: { corporate: simulated.routeTableId } };
    }
    // Looked up by id and CIDR: the plan fails when the VPC does not have the configured block,
    // and the peered VPC's own addresses (all peering reaches) are in the synthesized output.
    const vpc = new DataAwsVpc(scope, 'corporate-vpc', { id: this.peered.vpcId, cidrBlock: this.peered.vpcCidr });
    return { vpcId: vpc.id, routeTables: Object.fromEntries(this.peered.routeTableIds.map((id) => [id, id])) };
  }
}
