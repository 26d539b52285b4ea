/**
 * Policy proofs of the Studio session after the redirect: each user profile's execution role (what
 * the Studio UI and the user's apps act as), the Studio endpoint's policy, and the presigning
 * identity's lack of any other power. Requests carry the keys SageMaker sets for them
 * (`sagemaker:OwnerUserProfileArn`, `sagemaker:SpaceSharingType`, `sagemaker:InstanceTypes`,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html)
 * and the `aws:SourceVpce` of the endpoint they come through.
 */
import { SynthResource } from '../guardrails';
import { block, refersTo, resourcesOf, target } from '../guardrails/terraform';
import { endpointsFor, isSageMakerApiService } from '../guardrails/resources';
import { StudioAccount, appArn, spaceArn, userProfileArn } from '../../modules/studio/studio-arns';
import { PRESIGN_ACTION } from '../../modules/studio/studio-permissions';
import { Case, OTHER_DOMAIN, OTHER_ENDPOINT, PROOF_PROFILE, StackView, grantedStudioEndpoint, missing } from './proof-case';
import { Request } from './simulate';

/** An instance type no landing zone allows: a large GPU machine. */
export const OUTSIDE_TYPE = 'ml.p4d.24xlarge';
/** A profile name that no account file uses, for a domain with a single profile. */
const OTHER_PROFILE = 'proof-other-user';

type Through = 'studio' | 'api' | 'other' | 'none';

/**
 * Builds requests of one role through one of the endpoints its presign grant names (the Studio
 * endpoint, wherever it is declared, and this stack's SageMaker API endpoint), through a stranger's
 * endpoint, or through none.
 */
function requester(view: StackView, role: () => SynthResource) {
  return (action: string, resource: string, keys: Record<string, string | string[]>, through: Through): Request => {
    const endpoint = through === 'studio'
      ? grantedStudioEndpoint(view, role(), PRESIGN_ACTION) ?? missing(`the Studio endpoint named by ${role().address}`)
      : through === 'api'
        ? { owner: view, endpoint: endpointsFor(view.stack, isSageMakerApiService)[0] ?? missing('the sagemaker.api endpoint') }
        : undefined;
    const vpce = endpoint ? endpoint.owner.attr(endpoint.endpoint, 'id') : through === 'other' ? OTHER_ENDPOINT : undefined;
    const sourceVpce: Record<string, string> = vpce ? { 'aws:SourceVpce': vpce } : {};
    return {
      principal: view.attr(role(), 'arn'), action, resource, resourceAccount: view.account,
      context: { ...sourceVpce, ...keys },
      identityPolicies: view.roleDocuments(role()),
      endpointPolicies: endpoint ? endpoint.owner.endpointDocument(endpoint.endpoint) : undefined,
    };
  };
}

/** Keys SageMaker sets on a request about a space (and its apps) owned by `owner`. */
const spaceKeys = (owner: string, sharing: 'Private' | 'Shared', instanceTypes?: string[]): Record<string, string | string[]> => ({
  'sagemaker:OwnerUserProfileArn': owner,
  'sagemaker:SpaceSharingType': sharing,
  ...(instanceTypes ? { 'sagemaker:InstanceTypes': instanceTypes } : {}),
});

/** The execution role a user profile's settings name. */
function executionRole(view: StackView, profile: SynthResource): SynthResource {
  return target(view.stack, block(profile.body, 'user_settings')?.execution_role, 'aws_iam_role')
    ?? missing(`the execution role of ${profile.address} (user_settings.execution_role)`);
}

/** Alice (each profile of each created domain) against Bob (the next profile of the domain). */
export function studioSessionCases(view: StackView): Case[] {
  const account: StudioAccount = { region: view.world.region(view.name), accountId: view.account };
  return resourcesOf(view.stack, 'aws_sagemaker_domain').flatMap((domain) => {
    const profiles = resourcesOf(view.stack, 'aws_sagemaker_user_profile').filter((p) => refersTo(p.body.domain_id, domain));
    return profiles.flatMap((profile, i) => {
      const alice = String(profile.body.user_profile_name);
      const bob = profiles.length > 1 ? String(profiles[(i + 1) % profiles.length].body.user_profile_name) : OTHER_PROFILE;
      const as = requester(view, () => executionRole(view, profile));
      const domainId = () => view.attr(domain, 'id');
      const owner = (name: string, d = domainId()) => userProfileArn(account, d, name);
      const space = (name: string) => spaceArn(account, domainId(), `${name}-work`);
      const app = (name: string, d = domainId()) => appArn(account, d, `${name}-work/jupyterlab/default`);
      const firstType = () => {
        const settings = block(block(profile.body, 'user_settings') ?? {}, 'jupyter_lab_app_settings');
        const type = block(settings ?? {}, 'default_resource_spec')?.instance_type;
        return typeof type === 'string' ? type : missing(`the default JupyterLab instance type of ${profile.address}`);
      };
      const ok = (): string[] => [firstType()];
      const at = { stack: view.name, address: `execution role ${alice}` };
      const cases: Omit<Case, 'stack' | 'address'>[] = [
        { check: 'studio: the UI lists the domain\'s spaces', expect: 'allow', why: 'the Studio UI shows the user\'s spaces', request: () => as('sagemaker:ListSpaces', '*', {}, 'studio') },
        { check: 'studio: Alice creates her private space', expect: 'allow', why: 'a user creates her own JupyterLab / Code Editor space', request: () => as('sagemaker:CreateSpace', space(alice), spaceKeys(owner(alice), 'Private', ok()), 'studio') },
        { check: 'studio: Alice opens her space', expect: 'allow', why: 'Studio opens a space by presigning the user\'s own profile', request: () => as(PRESIGN_ACTION, owner(alice), {}, 'studio') },
        { check: 'studio: Alice starts an app in her space', expect: 'allow', why: 'CreateApp in her private space, on an allowed instance type', request: () => as('sagemaker:CreateApp', app(alice), spaceKeys(owner(alice), 'Private', ok()), 'studio') },
        { check: 'studio: Alice stops her app', expect: 'allow', why: 'DeleteApp in her private space', request: () => as('sagemaker:DeleteApp', app(alice), spaceKeys(owner(alice), 'Private'), 'studio') },
        { check: 'studio: Alice\'s app reads her space through the API endpoint', expect: 'allow', why: 'apps in the VPC call SageMaker through the sagemaker.api endpoint', request: () => as('sagemaker:DescribeSpace', space(alice), {}, 'api') },
        { check: 'studio: Alice starts an app in Bob\'s space', expect: 'deny', why: 'apps of another owner\'s space are not hers', request: () => as('sagemaker:CreateApp', app(bob), spaceKeys(owner(bob), 'Private', ok()), 'studio') },
        { check: 'studio: Alice stops Bob\'s app', expect: 'deny', why: 'she cannot delete a colleague\'s app', request: () => as('sagemaker:DeleteApp', app(bob), spaceKeys(owner(bob), 'Private'), 'studio') },
        { check: 'studio: Alice deletes Bob\'s space', expect: 'deny', why: 'spaces are changed by their owner only', request: () => as('sagemaker:DeleteSpace', space(bob), spaceKeys(owner(bob), 'Private'), 'studio') },
        { check: 'studio: Alice opens Bob\'s profile', expect: 'deny', why: 'the role presigns its own profile only', request: () => as(PRESIGN_ACTION, owner(bob), {}, 'studio') },
        { check: 'studio: Alice shares a space', expect: 'deny', why: 'only private spaces: nothing of hers is opened to others', request: () => as('sagemaker:CreateSpace', space(alice), spaceKeys(owner(alice), 'Shared', ok()), 'studio') },
        { check: 'studio: Alice starts an instance type outside the list', expect: 'deny', why: 'the role alone refuses it, also from the apps through the API endpoint (whose policy does not)', request: () => as('sagemaker:CreateApp', app(alice), spaceKeys(owner(alice), 'Private', [OUTSIDE_TYPE]), 'api') },
        { check: 'studio: Alice starts an app without an endpoint', expect: 'deny', why: 'aws:SourceVpce is absent on public calls; no grant matches them', request: () => as('sagemaker:CreateApp', app(alice), spaceKeys(owner(alice), 'Private', ok()), 'none') },
        { check: 'studio: Alice starts an app via another endpoint', expect: 'deny', why: 'only the landing zone\'s endpoints carry the session', request: () => as('sagemaker:CreateApp', app(alice), spaceKeys(owner(alice), 'Private', ok()), 'other') },
        { check: 'studio: Alice opens her space from outside the endpoints', expect: 'deny', why: 'a URL presigned anywhere else is refused', request: () => as(PRESIGN_ACTION, owner(alice), {}, 'none') },
        { check: 'studio: Alice starts an app in another domain', expect: 'deny', why: 'the role serves its own domain only', request: () => as('sagemaker:CreateApp', app(alice, OTHER_DOMAIN), spaceKeys(owner(alice, OTHER_DOMAIN), 'Private', ok()), 'studio') },
      ];
      return cases.map((c): Case => ({ ...c, ...at }));
    });
  });
}

/** The presigning identity, used for anything but presigning, is refused (through the API endpoint). */
export function presignIsolationCases(view: StackView, presignRole: () => SynthResource, domain: () => string): Case[] {
  const as = requester(view, presignRole);
  const account: StudioAccount = { region: view.world.region(view.name), accountId: view.account };
  const app = () => appArn(account, domain(), `${PROOF_PROFILE}-work/jupyterlab/default`);
  const owned = () => spaceKeys(userProfileArn(account, domain(), PROOF_PROFILE), 'Private');
  const at = { stack: view.name, address: 'presign role' };
  const denied = (check: string, why: string, request: () => Request): Case => ({ ...at, check, expect: 'deny', why, request });
  return [
    denied('presign role cannot start apps', 'the Lambda\'s role is no Studio user', () => as('sagemaker:CreateApp', app(), owned(), 'api')),
    denied('presign role cannot stop apps', 'nor can it end a user\'s work', () => as('sagemaker:DeleteApp', app(), owned(), 'api')),
    denied('presign role cannot create spaces', 'nor create resources in the domain', () => as('sagemaker:CreateSpace', spaceArn(account, domain(), `${PROOF_PROFILE}-work`), owned(), 'api')),
    denied('presign role cannot change user profiles', 'pointing a profile at another execution role would be an escalation', () => as('sagemaker:UpdateUserProfile', userProfileArn(account, domain(), PROOF_PROFILE), {}, 'api')),
  ];
}
