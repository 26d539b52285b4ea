/**
 * VPC endpoint policies as a data perimeter: through an endpoint of the landing zone, only its own
 * principals act, and only on its own resources (AWS's identity and resource perimeters on the
 * network: https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html,
 * the examples https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/vpc_endpoint_policies).
 * An endpoint policy only bounds: a request passes when the caller's own policies allow it AND one
 * Allow here matches it AND no Deny here does
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html). So each policy is
 * composed explicitly: the perimeter Allow (principal AND resource inside the landing zone), then
 * the documented exceptions (each an Allow naming exactly the AWS-owned resources and actions a
 * service needs), then the endpoint's own Denies, which no Allow can reopen.
 */
import { PolicyStatement } from '../shared/iam-policy';
import type { ResolvedLandingZone } from '../config/types';

/** Who and what is inside the perimeter. */
export interface Perimeter {
  /** The landing zone's accounts (network and services). */
  readonly accountIds: readonly string[];
  /**
   * The AWS Organization (`o-...`) all of them belong to: when given, the perimeter is the
   * Organization (aws:PrincipalOrgID / aws:ResourceOrgID), which follows accounts joining or leaving it.
   */
  readonly organizationId?: string;
}

/** The landing zone's perimeter: its Organization when the file names it, else its accounts. */
export function landingZonePerimeter(landingZone: ResolvedLandingZone): Perimeter {
  return {
    accountIds: [landingZone.network.accountId, ...landingZone.services.map((s) => s.accountId)],
    ...(landingZone.organizationId ? { organizationId: landingZone.organizationId } : {}),
  };
}

type Condition = NonNullable<PolicyStatement['Condition']>;

const sorted = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * The caller is a principal of the perimeter. aws:PrincipalAccount and aws:PrincipalOrgID are in
 * every request an IAM principal signs, absent on anonymous ones, so StringEquals refuses those
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount).
 */
function principalInside(perimeter: Perimeter): Record<string, string | string[]> {
  return perimeter.organizationId
    ? { 'aws:PrincipalOrgID': perimeter.organizationId }
    : { 'aws:PrincipalAccount': sorted(perimeter.accountIds) };
}

/**
 * The resource belongs to the perimeter. aws:ResourceAccount is in the request context of every
 * action of the services the landing zone has endpoints for (the keys' exceptions are EBS, a few EC2
 * copy/create actions, EventBridge and WorkSpaces); aws:ResourceOrgID only when the owner is in an
 * Organization, which `organizationId` states
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount).
 */
function resourceInside(perimeter: Perimeter): Record<string, string | string[]> {
  return perimeter.organizationId
    ? { 'aws:ResourceOrgID': perimeter.organizationId }
    : { 'aws:ResourceAccount': sorted(perimeter.accountIds) };
}

/** Both halves: what every perimeter Allow carries (conditions of one operator are AND-ed). */
export function insidePerimeter(perimeter: Perimeter): Condition {
  return { StringEquals: { ...principalInside(perimeter), ...resourceInside(perimeter) } };
}

/** The landing zone's principals on the landing zone's resources, for `actions` (a service's `*`). */
export function perimeterAllow(sid: string, actions: string | string[], perimeter: Perimeter, resources: string | string[] = '*'): PolicyStatement {
  return { Sid: sid, Effect: 'Allow', Principal: '*', Action: actions, Resource: resources, Condition: insidePerimeter(perimeter) };
}

/** A documented need of an AWS service for resources AWS owns, outside any customer's account. */
interface AwsOwnedException {
  /** Sid of the statement. */
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: (region: string) => string[];
  /** The AWS documentation that names the resources. */
  readonly doc: string;
}

/**
 * AWS-owned buckets the S3 gateway endpoint of a service VPC lets the landing zone's principals
 * read. Each is needed by something that runs in the VPC, read-only, and named by AWS. Not here:
 * ECR's image-layer bucket (`prod-<region>-starport-layer-bucket`,
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html#ecr-minimum-s3-perms):
 * the VPC has no ECR endpoint and its DNS Firewall no ECR name, so nothing in it pulls images (Studio
 * and Lambda pull theirs on the service side); a team adding ECR endpoints adds that bucket with them.
 */
export const S3_AWS_OWNED_EXCEPTIONS: readonly AwsOwnedException[] = [
  {
    // Studio's JumpStart (the UI's model catalogue and the SageMaker Python SDK in a JupyterLab or
    // Code Editor space) reads the pretrained models and their manifests from this bucket with the
    // execution role (listed with the other service-owned resources in
    // https://github.com/aws-samples/data-perimeter-policy-examples/blob/main/service_owned_resources.md).
    sid: 'StudioReadsJumpStartModels',
    actions: ['s3:GetObject', 's3:ListBucket'],
    resources: (region) => [`arn:aws:s3:::jumpstart-cache-prod-${region}`, `arn:aws:s3:::jumpstart-cache-prod-${region}/*`],
    doc: 'https://docs.aws.amazon.com/sagemaker/latest/dg/jumpstart-deploy.html#jumpstart-config-security',
  },
];

/**
 * The statement of one exception: its actions on its resources only, by the landing zone's
 * principals (their credentials sign the reads): the resource half of the perimeter is what the
 * exception lifts, the principal half stays.
 */
export function exceptionStatement(exception: AwsOwnedException, region: string, perimeter: Perimeter): PolicyStatement {
  return {
    Sid: exception.sid,
    Effect: 'Allow',
    Principal: '*',
    Action: [...exception.actions],
    Resource: exception.resources(region),
    Condition: { StringEquals: principalInside(perimeter) },
  };
}
