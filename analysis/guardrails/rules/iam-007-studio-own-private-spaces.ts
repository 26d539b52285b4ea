import { Rule, SynthResource } from '../types';
import { fromProblems, notApplicable, violation } from '../result';
import { Statement, conditionValues, coversAction, label, parsePolicy } from '../policy';
import { rolePolicies } from '../resources';
import { block, refersTo, resourcesOf, target } from '../terraform';
import { APP_ACTIONS, INSTANCE_TYPE_ACTIONS, PRESIGN_ACTION, SPACE_ACTIONS } from '../../../modules/studio/studio-permissions';

/** `user-profile/<domain>/<name>` of a profile resource, as the policy names it. */
function profileArnPattern(profile: SynthResource): RegExp {
  const domain = String(profile.body.domain_id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^arn:aws[a-z-]*:sagemaker:[^:]+:[^:]+:user-profile/${domain}/${String(profile.body.user_profile_name)}$`);
}

export const rule: Rule = {
  id: 'LZ-IAM-007',
  severity: 'ERROR',
  invariant:
    'A user profile\'s execution role acts on spaces and apps only with ArnEquals sagemaker:OwnerUserProfileArn = that profile and SpaceSharingType Private, bounds instance types (ForAllValues allow list and a Deny), and presigns only that profile.',
  why:
    'Space apps are named app/<domain>/<space>/..., so the ARN cannot tell whose space it is: without the owner condition ' +
    'any user stops or starts apps in a colleague\'s space, and without the instance-type bounds anyone starts any GPU ' +
    'machine (https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-jl-admin-guide-permissions.html).',
  appliesTo: ['aws_iam_role'],
  check(role, { stack }) {
    const profiles = resourcesOf(stack, 'aws_sagemaker_user_profile').filter((p) => target(stack, block(p.body, 'user_settings')?.execution_role, 'aws_iam_role') === role
      || refersTo(block(p.body, 'user_settings')?.execution_role, role));
    if (profiles.length === 0) return notApplicable();
    if (profiles.length > 1) return violation(`the role serves ${profiles.length} profiles (${profiles.map((p) => String(p.body.user_profile_name)).join(', ')}); each needs its own`);
    const own = profileArnPattern(profiles[0]);
    const statements: Statement[] = [];
    for (const p of rolePolicies(stack, role).policies) {
      const parsed = parsePolicy(p.raw);
      if (!parsed.ok) return violation(`${p.source}: ${parsed.reason}`);
      statements.push(...parsed.policy.statements);
    }
    const problems = statements.flatMap((s, i) => {
      if (s.effect !== 'Allow') return [];
      const found: string[] = [];
      if (coversAction(s, PRESIGN_ACTION) && !s.resources.every((r) => own.test(r))) found.push(`${label(s, i)} presigns ${s.resources.join(', ')}, not only its own profile`);
      if ([...SPACE_ACTIONS, ...APP_ACTIONS].some((a) => coversAction(s, a))) {
        const owners = conditionValues(s, 'ArnEquals', 'sagemaker:OwnerUserProfileArn') ?? [];
        if (owners.length === 0 || !owners.every((o) => own.test(o))) found.push(`${label(s, i)} is not bound to ArnEquals sagemaker:OwnerUserProfileArn of its own profile`);
        if ((conditionValues(s, 'StringEquals', 'sagemaker:SpaceSharingType') ?? []).join() !== 'Private') found.push(`${label(s, i)} is not limited to SpaceSharingType Private`);
      }
      if (INSTANCE_TYPE_ACTIONS.some((a) => coversAction(s, a)) && !conditionValues(s, 'ForAllValues:StringEquals', 'sagemaker:InstanceTypes')) {
        found.push(`${label(s, i)} does not bound sagemaker:InstanceTypes with ForAllValues:StringEquals`);
      }
      return found;
    });
    const denies = statements.filter((s) => s.effect === 'Deny' && conditionValues(s, 'ForAnyValue:StringNotEquals', 'sagemaker:InstanceTypes'));
    const uncovered = INSTANCE_TYPE_ACTIONS.filter((a) => !denies.some((s) => coversAction(s, a)));
    if (uncovered.length > 0) problems.push(`no Deny on ForAnyValue:StringNotEquals sagemaker:InstanceTypes covers ${uncovered.join(', ')}`);
    return fromProblems(problems);
  },
};
