import { Construct } from 'constructs';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { studioZoneName } from '../shared/naming';

export interface StudioPrivateZonesProps {
  region: string;
  /** The Studio domains of this service account (created ids may be Terraform references). */
  domainIds: string[];
  /** The service VPC: a private zone needs one VPC at creation. */
  vpcId: string;
  /** The Studio interface endpoint (private DNS off). */
  studioEndpoint: VpcEndpoint;
  /** The network account's hub VPC, whose inbound resolver answers the corporate network. */
  hubVpcId: string;
}

/**
 * `<domain-id>.studio.<region>.sagemaker.aws`, one private zone per Studio domain, answered with
 * this account's Studio endpoint. One zone per domain, not one `studio.<region>...` zone per
 * account: the hub VPC is associated with the zones of every service account, and a VPC takes only
 * one zone of a name (a second `studio.<region>...` zone fails with ConflictingDomainExists).
 * The zones live with the endpoint; the network account associates them with the hub, which this
 * stack authorizes.
 */
export class StudioPrivateZones extends Construct {
  readonly zones: Route53Zone[];
  readonly hubAuthorizations: Route53VpcAssociationAuthorization[];

  constructor(scope: Construct, id: string, props: StudioPrivateZonesProps) {
    super(scope, id);
    // The endpoint lists its regional name first today, but order is not part of the API: pick the
    // regional entry (no AZ suffix in the first label) by its shape.
    const endpoint = props.studioEndpoint;
    const address = `${endpoint.terraformResourceType}.${endpoint.friendlyUniqueId}`;
    const regional = (attribute: 'dns_name' | 'hosted_zone_id') =>
      `\${one([for e in ${address}.dns_entry : e.${attribute} if length(regexall("^vpce-[0-9a-z]+-[0-9a-z]+[.]", e.dns_name)) > 0])}`;

    this.zones = [];
    this.hubAuthorizations = [];
    props.domainIds.forEach((domainId, i) => {
      const name = `${domainId}.${studioZoneName(props.region)}`;
      const zone = new Route53Zone(this, `domain-${i}`, {
        name,
        comment: 'Studio domain name, answered with the Studio interface endpoint',
        vpc: [{ vpcId: props.vpcId }],
        // The hub association is a separate resource in the network account.
        lifecycle: { ignoreChanges: ['vpc'] },
      });
      new Route53Record(this, `domain-${i}-endpoint`, {
        zoneId: zone.zoneId,
        name,
        type: 'A',
        alias: { name: regional('dns_name'), zoneId: regional('hosted_zone_id'), evaluateTargetHealth: false },
      });
      this.hubAuthorizations.push(
        new Route53VpcAssociationAuthorization(this, `domain-${i}-hub-authorization`, {
          zoneId: zone.zoneId,
          vpcId: props.hubVpcId,
          vpcRegion: props.region,
        }),
      );
      this.zones.push(zone);
    });
  }
}
