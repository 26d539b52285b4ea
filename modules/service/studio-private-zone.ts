import { Construct } from 'constructs';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53VpcAssociationAuthorization } from '@cdktf/provider-aws/lib/route53-vpc-association-authorization';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { studioZoneName } from '../shared/naming';

export interface StudioPrivateZoneProps {
  region: string;
  /** The service VPC: its own resolver answers Studio names from this zone. */
  vpcId: string;
  /** The Studio interface endpoint (private DNS off). */
  studioEndpoint: VpcEndpoint;
  /** The network account's hub VPC, whose inbound resolver answers the corporate network. */
  hubVpcId: string;
}

/**
 * `studio.<region>.sagemaker.aws` answered privately: every `<domain-id>.studio...` name is an alias
 * of the Studio endpoint. The zone lives with the endpoint (service account); the network account
 * associates it with the hub VPC, which this stack authorizes.
 */
export class StudioPrivateZone extends Construct {
  readonly zone: Route53Zone;
  readonly hubAuthorization: Route53VpcAssociationAuthorization;

  constructor(scope: Construct, id: string, props: StudioPrivateZoneProps) {
    super(scope, id);
    const zoneName = studioZoneName(props.region);
    this.zone = new Route53Zone(this, 'zone', {
      name: zoneName,
      comment: 'Studio names resolve to the Studio interface endpoint',
      vpc: [{ vpcId: props.vpcId }],
      // The hub association is a separate resource in the network account.
      lifecycle: { ignoreChanges: ['vpc'] },
    });

    // The endpoint lists its regional name first today, but order is not part of the API: pick the
    // regional entry (no AZ suffix in the first label) by its shape.
    const endpoint = props.studioEndpoint;
    const address = `${endpoint.terraformResourceType}.${endpoint.friendlyUniqueId}`;
    const regional = (attribute: 'dns_name' | 'hosted_zone_id') =>
      `\${one([for e in ${address}.dns_entry : e.${attribute} if length(regexall("^vpce-[0-9a-z]+-[0-9a-z]+[.]", e.dns_name)) > 0])}`;
    new Route53Record(this, 'wildcard', {
      zoneId: this.zone.zoneId,
      name: `*.${zoneName}`,
      type: 'A',
      alias: {
        name: regional('dns_name'),
        zoneId: regional('hosted_zone_id'),
        evaluateTargetHealth: false,
      },
    });
    this.hubAuthorization = new Route53VpcAssociationAuthorization(this, 'hub-authorization', {
      zoneId: this.zone.zoneId,
      vpcId: props.hubVpcId,
      vpcRegion: props.region,
    });
  }
}
