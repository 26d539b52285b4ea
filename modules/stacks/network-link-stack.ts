import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { ResolvedLandingZone } from '../config/types';
import { networkLinkStackName } from '../shared/naming';
import { AccountStack } from './account-stack';
import { ServiceForLink } from './service-stack';

export interface NetworkLinkStackProps {
  readonly landingZone: ResolvedLandingZone;
  /** The service stack this link completes (deployed before it). */
  readonly service: ServiceForLink & TerraformStack;
}

/**
 * The network account's resources for one service account: its half of the corporate
 * connectivity (accepting the peering or the Transit Gateway attachment, routes and route-table
 * wiring). A stack of its own so that the order network -> service -> link has no cycle: it
 * needs ids that only exist once the service is deployed.
 */
export class NetworkLinkStack extends AccountStack {
  constructor(scope: Construct, props: NetworkLinkStackProps) {
    const { landingZone, service } = props;
    super(scope, networkLinkStackName(service.service.name), {
      landingZone,
      accountId: landingZone.network.accountId,
      roleArn: landingZone.network.roleArn,
    });
    service.connectivity.addLinkSide(this, {
      name: this.prefix(`${service.service.name}-corporate`),
      serviceVpcCidr: service.service.vpcCidr,
    });
    // The acceptance needs the service stack's request or attachment to exist first.
    this.addDependency(service);
  }
}
