import { Construct } from 'constructs';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { policyDocument } from '../shared/iam-policy';
import { studioEndpointPolicy } from '../studio/studio-endpoint-policy';
import { DescribedSecurityGroup } from '../shared/security-group';
import { studioEndpointService } from '../shared/naming';

export interface CentralStudioEndpointProps {
  /** Name tag prefix, e.g. `example-hub`. */
  readonly name: string;
  /** Region of the endpoint service (`aws.sagemaker.<region>.studio`). */
  readonly region: string;
  /** The hub VPC: its resolver, and so the inbound resolver, answers the Studio names. */
  readonly vpcId: string;
  /** One subnet per AZ of the hub. */
  readonly subnetIds: string[];
  /** The only clients: browsers on the corporate network. */
  readonly corporateCidrs: string[];
  /** The service accounts whose Studio sessions run through this endpoint. */
  readonly serviceAccountIds: string[];
  /** Instance types any service allows; the endpoint refuses every other. */
  readonly allowedInstanceTypes: string[];
}

/**
 * The corporate-facing Studio endpoint (`aws.sagemaker.<region>.studio`) in the hub VPC, with
 * private DNS on. A Studio session uses several hosts under `studio.<region>.sagemaker.aws` (the
 * presigned URL's `d-...`, the UI's `studio-d-...`, one random host per space), so the corporate
 * DNS needs one answer for the whole family: this endpoint's private DNS answers
 * `studio.<region>.sagemaker.aws` and `*.studio.<region>.sagemaker.aws` in the hub VPC, and the
 * hub's inbound resolver hands those answers to the corporate DNS. Only one endpoint can do this:
 * a VPC takes one answer per name, and the space hosts are random.
 * https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html
 */
export class CentralStudioEndpoint extends Construct {
  readonly endpoint: VpcEndpoint;
  readonly securityGroup: DescribedSecurityGroup;

  constructor(scope: Construct, id: string, props: CentralStudioEndpointProps) {
    super(scope, id);
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.name}-studio-endpoint`,
      description: 'Studio endpoint: HTTPS from the corporate network only',
      vpcId: props.vpcId,
    });
    for (const cidr of props.corporateCidrs) {
      this.securityGroup.allowIngress({ description: `HTTPS and WebSockets from ${cidr}`, protocol: 'tcp', port: 443, peer: { cidr } });
    }
    this.endpoint = new VpcEndpoint(this, 'endpoint', {
      vpcId: props.vpcId,
      serviceName: studioEndpointService(props.region),
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: props.subnetIds,
      securityGroupIds: [this.securityGroup.id],
      // What the session does through it (presigned requests, the UI's space and app calls) by the
      // service accounts' principals: modules/studio/studio-endpoint-policy.ts.
      policy: policyDocument(studioEndpointPolicy({
        region: props.region,
        serviceAccountIds: props.serviceAccountIds,
        allowedInstanceTypes: props.allowedInstanceTypes,
      })),
      tags: { Name: `${props.name}-studio` },
    });
  }
}
