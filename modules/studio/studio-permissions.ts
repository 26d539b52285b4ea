/**
 * What a Studio session may do, as identity-policy statements built from plain values. The model
 * (docs/security-model.md, "Studio permissions") follows AWS's policy for giving users access to
 * their own private spaces, made concrete per user profile and bound to the landing zone's
 * endpoints:
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-jl-admin-guide-permissions.html
 * https://docs.aws.amazon.com/sagemaker/latest/dg/code-editor-admin-user-access.html
 */
import { PolicyStatement } from '../shared/iam-policy';
import { StudioAccount, appArn, domainArn, spaceArn, userProfileArn } from './studio-arns';

export const PRESIGN_ACTION = 'sagemaker:CreatePresignedDomainUrl';

/** Read-only calls the Studio UI makes to show the domain, its profiles, spaces and apps. */
export const STUDIO_DESCRIBE_ACTIONS = ['sagemaker:DescribeDomain', 'sagemaker:DescribeUserProfile', 'sagemaker:DescribeSpace', 'sagemaker:DescribeApp'];
/** List calls of the UI; SageMaker has no resource type for them, so they only take `*`. */
export const STUDIO_LIST_ACTIONS = ['sagemaker:ListDomains', 'sagemaker:ListUserProfiles', 'sagemaker:ListSpaces', 'sagemaker:ListApps'];
export const SPACE_ACTIONS = ['sagemaker:CreateSpace', 'sagemaker:UpdateSpace', 'sagemaker:DeleteSpace'];
export const APP_ACTIONS = ['sagemaker:CreateApp', 'sagemaker:DeleteApp'];
/** Actions that carry `sagemaker:InstanceTypes`: the instance types the request would run. */
export const INSTANCE_TYPE_ACTIONS = ['sagemaker:CreateApp', 'sagemaker:CreateSpace', 'sagemaker:UpdateSpace'];
/** Studio creates and tags in one call; tagging is allowed only as part of these creations. */
const TAGGED_CREATIONS = ['CreateSpace', 'CreateApp'];

/** Every action a Studio session may take, for the Deny outside the endpoints. */
export const STUDIO_SESSION_ACTIONS = [PRESIGN_ACTION, ...STUDIO_DESCRIBE_ACTIONS, ...STUDIO_LIST_ACTIONS, ...SPACE_ACTIONS, ...APP_ACTIONS, 'sagemaker:AddTags'];

/**
 * Allow + StringEquals aws:SourceVpce: the key is absent on calls that do not come through an
 * endpoint, so the grant cannot match them (never `...IfExists` on an Allow).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce
 */
const throughEndpoints = (endpointIds: readonly string[]) => ({ 'aws:SourceVpce': [...endpointIds] });

/** Deny + StringNotEquals aws:SourceVpce: refuses the actions outside the endpoints, even if another policy allows them. */
function denyOutsideEndpoints(sid: string, actions: string[], endpointIds: readonly string[]): PolicyStatement {
  return { Sid: sid, Effect: 'Deny', Action: actions, Resource: '*', Condition: { StringNotEquals: throughEndpoints(endpointIds) } };
}

export interface PresignPermissionsProps {
  readonly account: StudioAccount;
  /** Domains whose user profiles the presigning identity may open. */
  readonly domainIds: readonly string[];
  /** The SageMaker API endpoint (where the URL is created) and the Studio endpoint (where it is used). */
  readonly endpointIds: readonly string[];
}

/**
 * The presigning identity: `CreatePresignedDomainUrl` on the landing zone's domains, nothing else.
 * SageMaker enforces this grant again on every HTTP request and WebSocket frame of the session the
 * URL opens, so the session only works through the endpoints:
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePresignedDomainUrl.html
 */
export function presignPermissions(props: PresignPermissionsProps): PolicyStatement[] {
  return [
    {
      Sid: 'PresignOnlyThroughOwnEndpoints',
      Effect: 'Allow',
      Action: PRESIGN_ACTION,
      Resource: props.domainIds.map((d) => userProfileArn(props.account, d, '*')),
      Condition: { StringEquals: throughEndpoints(props.endpointIds) },
    },
    denyOutsideEndpoints('DenyPresignOutsideOwnEndpoints', [PRESIGN_ACTION], props.endpointIds),
  ];
}

export interface StudioUserPermissionsProps {
  readonly account: StudioAccount;
  readonly domainId: string;
  /** The one user profile whose execution role this is. */
  readonly userProfileName: string;
  /** Endpoints the session's calls come through (SageMaker API from the apps, Studio from the browser). */
  readonly endpointIds: readonly string[];
  /** Instance types the user may run (`sagemaker:InstanceTypes` of CreateApp / CreateSpace / UpdateSpace). */
  readonly allowedInstanceTypes: readonly string[];
}

/**
 * One user profile's execution role, which the Studio UI and the user's apps act as: the UI of
 * the domain, the user's own private spaces and their apps, the instance types of the list, and
 * only through the endpoints. Owner and sharing type are request keys SageMaker sets from the
 * space (`sagemaker:OwnerUserProfileArn`, `sagemaker:SpaceSharingType`); `ForAllValues` passes a
 * request naming no instance type, which then runs the space's default (the first allowed type).
 */
export function studioUserPermissions(props: StudioUserPermissionsProps): PolicyStatement[] {
  const { account, domainId, endpointIds } = props;
  const ownProfile = userProfileArn(account, domainId, props.userProfileName);
  const ownPrivateSpaces = {
    StringEquals: { ...throughEndpoints(endpointIds), 'sagemaker:SpaceSharingType': 'Private' },
    ArnEquals: { 'sagemaker:OwnerUserProfileArn': ownProfile },
    'ForAllValues:StringEquals': { 'sagemaker:InstanceTypes': [...props.allowedInstanceTypes] },
  };
  return [
    {
      // Studio opens a space by presigning the user's own profile with SpaceName.
      Sid: 'PresignOwnProfileThroughEndpoints',
      Effect: 'Allow',
      Action: PRESIGN_ACTION,
      Resource: ownProfile,
      Condition: { StringEquals: throughEndpoints(endpointIds) },
    },
    {
      Sid: 'StudioUiReadsTheDomain',
      Effect: 'Allow',
      Action: STUDIO_DESCRIBE_ACTIONS,
      Resource: [domainArn(account, domainId), userProfileArn(account, domainId, '*'), spaceArn(account, domainId, '*'), appArn(account, domainId, '*')],
      Condition: { StringEquals: throughEndpoints(endpointIds) },
    },
    { Sid: 'StudioUiLists', Effect: 'Allow', Action: STUDIO_LIST_ACTIONS, Resource: '*', Condition: { StringEquals: throughEndpoints(endpointIds) } },
    { Sid: 'OwnPrivateSpaces', Effect: 'Allow', Action: SPACE_ACTIONS, Resource: spaceArn(account, domainId, '*'), Condition: ownPrivateSpaces },
    { Sid: 'AppsInOwnPrivateSpaces', Effect: 'Allow', Action: APP_ACTIONS, Resource: appArn(account, domainId, '*'), Condition: ownPrivateSpaces },
    {
      Sid: 'TagWhatStudioCreates',
      Effect: 'Allow',
      Action: 'sagemaker:AddTags',
      Resource: [spaceArn(account, domainId, '*'), appArn(account, domainId, '*')],
      Condition: { StringEquals: { ...throughEndpoints(endpointIds), 'sagemaker:TaggingAction': TAGGED_CREATIONS } },
    },
    denyOutsideEndpoints('DenyStudioOutsideEndpoints', STUDIO_SESSION_ACTIONS, endpointIds),
    {
      // Holds even when a team attaches a broader policy to the role.
      Sid: 'DenyInstanceTypesOutsideTheList',
      Effect: 'Deny',
      Action: INSTANCE_TYPE_ACTIONS,
      Resource: '*',
      Condition: { 'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': [...props.allowedInstanceTypes] } },
    },
  ];
}
