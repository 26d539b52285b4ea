/**
 * The policy of a Studio interface endpoint (`aws.sagemaker.<region>.studio`), as a pure function
 * of plain values, so whoever owns the endpoint (a service VPC's today, the hub's central one)
 * builds the same policy. What goes through it is the browser side of the session: SageMaker
 * re-evaluates the presigning identity's `CreatePresignedDomainUrl` for each request, and the UI
 * acts on spaces and apps. AWS: "your endpoint policy must allow the CreateApp operation";
 * examples allow `CreatePresignedDomainUrl` on a domain's user profiles:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-interface-endpoint.html
 * Endpoint policies see the caller (`aws:PrincipalAccount`) and the request keys, and a Deny in
 * them refuses whatever the caller's own policies allow:
 * https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
import { PolicyStatement } from '../shared/iam-policy';
import { insidePerimeter } from '../perimeter/endpoint-policy';
import { StudioAccount, appArn, domainArn, spaceArn, userProfileArn } from './studio-arns';
import {
  APP_ACTIONS, INSTANCE_TYPE_ACTIONS, PRESIGN_ACTION, SPACE_ACTIONS, STUDIO_DESCRIBE_ACTIONS, STUDIO_LIST_ACTIONS,
} from './studio-permissions';

export interface StudioEndpointPolicyProps {
  readonly region: string;
  /** Accounts whose principals (presigning identities, execution roles) use the endpoint: the service accounts. */
  readonly serviceAccountIds: readonly string[];
  /** Instance types any of those accounts allows; a request for any other type is refused here too. */
  readonly allowedInstanceTypes: readonly string[];
}

/**
 * Studio calls by principals of the landing zone's service accounts on those accounts' Studio
 * resources; anything else through the endpoint is refused, and no instance type outside the list
 * starts through it whatever the caller's IAM says. Domain ids are not inputs: a central endpoint
 * is deployed before the service stacks create their domains; the identity policies name domains.
 */
export function studioEndpointPolicy(props: StudioEndpointPolicyProps): PolicyStatement[] {
  const accounts = [...new Set(props.serviceAccountIds)].sort();
  const each = (resource: (account: StudioAccount) => string) => accounts.map((accountId) => resource({ region: props.region, accountId }));
  // The perimeter's two halves on every Allow: a service account's principal, acting on a service
  // account's resource (the ARNs name those accounts too; the condition states it for any action).
  // The service accounts, not the Organization: no other account has Studio sessions to run here.
  const fromLandingZone = insidePerimeter({ accountIds: accounts });
  return [
    {
      Sid: 'PresignedSessionsOfLandingZoneProfiles',
      Effect: 'Allow',
      Principal: '*',
      Action: PRESIGN_ACTION,
      Resource: each((a) => userProfileArn(a, '*', '*')),
      Condition: fromLandingZone,
    },
    {
      Sid: 'StudioUiReadsLandingZoneDomains',
      Effect: 'Allow',
      Principal: '*',
      Action: STUDIO_DESCRIBE_ACTIONS,
      Resource: [...each((a) => domainArn(a, '*')), ...each((a) => userProfileArn(a, '*', '*')), ...each((a) => spaceArn(a, '*', '*')), ...each((a) => appArn(a, '*', '*'))],
      Condition: fromLandingZone,
    },
    { Sid: 'StudioUiListsForLandingZonePrincipals', Effect: 'Allow', Principal: '*', Action: STUDIO_LIST_ACTIONS, Resource: '*', Condition: fromLandingZone },
    {
      Sid: 'SpacesAndAppsOfLandingZoneAccounts',
      Effect: 'Allow',
      Principal: '*',
      Action: [...SPACE_ACTIONS, ...APP_ACTIONS, 'sagemaker:AddTags'],
      Resource: [...each((a) => spaceArn(a, '*', '*')), ...each((a) => appArn(a, '*', '*'))],
      Condition: fromLandingZone,
    },
    {
      Sid: 'DenyInstanceTypesOutsideTheList',
      Effect: 'Deny',
      Principal: '*',
      Action: INSTANCE_TYPE_ACTIONS,
      Resource: '*',
      Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': [...new Set(props.allowedInstanceTypes)].sort() } },
    },
  ];
}
