import { Rule } from '../types';
import { compliant, fromProblems, notApplicable, violation } from '../result';
import { Statement, conditionKeys, conditionValues, coversAction, label, parsePolicy } from '../policy';
import { rolePolicies } from '../resources';
import { PRESIGN_ACTION, STUDIO_SESSION_ACTIONS } from '../../../modules/studio/studio-permissions';
import { isStudioEndpointId, sageMakerApiEndpoints, sessionEndpointsProblem } from './iam-004-presign-bound-to-endpoints';

/** The session's actions other than presigning, which LZ-IAM-004 judges on its own. */
const SESSION_ACTIONS = STUDIO_SESSION_ACTIONS.filter((a) => a !== PRESIGN_ACTION);

export const rule: Rule = {
  id: 'LZ-IAM-006',
  severity: 'ERROR',
  invariant:
    'Every Allow of a Studio session action (spaces, apps, the UI\'s describes and lists) carries StringEquals aws:SourceVpce = {its SageMaker API endpoint, one Studio endpoint (the hub\'s, across stacks)}, and a Deny on StringNotEquals aws:SourceVpce covers the same actions.',
  why:
    'The Studio UI and the apps act as the profile\'s execution role; a grant that also matches calls without an endpoint ' +
    '(no condition, or ...IfExists, since aws:SourceVpce is absent on public calls) lets a copied session or leaked role ' +
    'credentials work from anywhere, and the Deny keeps it so when a team attaches a broader policy.',
  appliesTo: ['aws_iam_role'],
  check(role, { stack, stacks }) {
    const statements: Statement[] = [];
    for (const p of rolePolicies(stack, role).policies) {
      const parsed = parsePolicy(p.raw);
      if (!parsed.ok) return violation(`${p.source}: ${parsed.reason}`);
      statements.push(...parsed.policy.statements);
    }
    const grants = statements.map((s, i) => ({ s, i })).filter(({ s }) => s.effect === 'Allow' && SESSION_ACTIONS.some((a) => coversAction(s, a)));
    if (grants.length === 0) return notApplicable();
    const apiEndpoints = sageMakerApiEndpoints(stack);
    const isStudio = (value: string) => isStudioEndpointId(stacks, stack, value);
    const bindingProblem = (vpces: readonly string[]) => sessionEndpointsProblem(vpces, apiEndpoints, isStudio);
    const problems = grants.flatMap(({ s, i }) => {
      const vpces = conditionValues(s, 'StringEquals', 'aws:SourceVpce');
      if (!vpces) return [`${label(s, i)} allows ${s.actions.join(', ')} without StringEquals aws:SourceVpce`];
      if (conditionKeys(s).filter((k) => k === 'aws:sourcevpce').length > 1) return [`${label(s, i)} also tests aws:SourceVpce with another operator`];
      const problem = bindingProblem(vpces);
      return problem ? [`${label(s, i)} ${problem}`] : [];
    });
    const granted = SESSION_ACTIONS.filter((a) => grants.some(({ s }) => coversAction(s, a)));
    const denied = statements.filter((s) => {
      const vpces = conditionValues(s, 'StringNotEquals', 'aws:SourceVpce');
      return s.effect === 'Deny' && s.resources.includes('*') && vpces !== undefined && bindingProblem(vpces) === undefined;
    });
    const uncovered = granted.filter((a) => !denied.some((s) => coversAction(s, a)));
    if (uncovered.length > 0) problems.push(`no Deny on StringNotEquals aws:SourceVpce covers ${uncovered.join(', ')}`);
    return problems.length > 0 ? fromProblems(problems) : compliant();
  },
};
