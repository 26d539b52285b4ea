import { Construct } from 'constructs';
import { ResolvedLandingZone } from '../config/types';
import { ServiceLink } from '../link/service-link';
import { networkLinkStackName } from '../shared/naming';
import { AccountStack } from './account-stack';
import { NetworkForLink } from './network-stack';
import { ServiceStack } from './service-stack';

export interface NetworkLinkStackProps {
  zone: ResolvedLandingZone;
  network: NetworkForLink;
  service: ServiceStack;
}

/**
 * The network account's resources for one service account. A stack of its own so that the order
 * network -> service -> link has no cycle: it needs ids that only exist once the service is deployed.
 */
export class NetworkLinkStack extends AccountStack {
  constructor(scope: Construct, props: NetworkLinkStackProps) {
    const { zone, network, service } = props;
    super(scope, networkLinkStackName(service.service.name), {
      zone,
      accountId: zone.network.accountId,
      roleArn: zone.network.roleArn,
    });
    new ServiceLink(this, 'link', {
      name: this.prefix(`${service.service.name}-corporate`),
      vpcPeeringConnectionId: service.peering.connection.id,
      corporateRouteTableIds: network.corporate.routeTableIds,
      serviceVpcCidr: service.service.vpcCidr,
    });
    // The accepter needs the service stack's peering request to exist first.
    this.addDependency(service);
  }
}
