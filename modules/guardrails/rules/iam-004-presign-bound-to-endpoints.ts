import { Rule, SynthResource, SynthesizedStack } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { Statement, conditionKeys, conditionValues, coversAction, label, parsePolicy } from '../policy';
import { endpointsFor, isSageMakerApiService, isStudioService, rolePolicies } from '../resources';

export const PRESIGN_ACTION = 'sagemaker:CreatePresignedDomainUrl';
/** One concrete domain per ARN: `user-profile/<domain-id>/<profile or *>`. */
const PROFILE_ARN = /^arn:[a-z-]+:sagemaker:[^:]+:[^:]+:user-profile\/[^/*]+\/[^/]+$/;

/** `${aws_vpc_endpoint.x.id}` of the SageMaker API and Studio endpoints of the stack. */
function expectedEndpoints(stack: SynthesizedStack): string[] {
  return endpointsFor(stack, (name) => isSageMakerApiService(name) || isStudioService(name))
    .map((e) => `\${aws_vpc_endpoint.${e.name}.id}`)
    .sort();
}

function grantProblem(s: Statement, i: number, expected: string[]): string | undefined {
  const name = label(s, i);
  if (s.notResources.length > 0 || s.resources.some((r) => !PROFILE_ARN.test(r))) {
    return `${name} grants ${PRESIGN_ACTION} beyond named domains' user profiles (${s.resources.join(', ') || s.notResources.join(', ')})`;
  }
  const vpces = conditionValues(s, 'StringEquals', 'aws:SourceVpce');
  if (!vpces || conditionKeys(s).length !== 1) {
    return `${name} must carry exactly one condition, StringEquals aws:SourceVpce (IfExists or other keys let calls outside the endpoints through)`;
  }
  const actual = [...vpces].sort();
  if (actual.join() !== expected.join()) return `${name} binds to ${actual.join(', ')}, not to the SageMaker API and Studio endpoints (${expected.join(', ')})`;
  return undefined;
}

export const rule: Rule = {
  id: 'LZ-IAM-004',
  severity: 'ERROR',
  invariant:
    'A role that may create Studio presigned URLs gets exactly one Allow for it: on named domains\' user profiles, ' +
    'conditioned only by StringEquals aws:SourceVpce = {SageMaker API endpoint, Studio endpoint}.',
  why:
    'This grant is the whole design: SageMaker re-checks it on every request of the session, so the URL only ' +
    'works through the company\'s endpoints. A second Allow, an ...IfExists, a missing endpoint or a wildcard ' +
    'domain reopens the replay-from-anywhere problem the landing zone exists to close.',
  appliesTo: ['aws_iam_role'],
  check(role: SynthResource, { stack }) {
    const { policies, opaque } = rolePolicies(stack, role);
    const statements: Statement[] = [];
    for (const p of policies) {
      const parsed = parsePolicy(p.raw);
      if (!parsed.ok) return violation(`${p.source}: ${parsed.reason}; whether it grants ${PRESIGN_ACTION} cannot be shown`);
      statements.push(...parsed.policy.statements);
    }
    const grants = statements.map((s, i) => ({ s, i })).filter(({ s }) => s.effect === 'Allow' && coversAction(s, PRESIGN_ACTION));
    if (grants.length === 0) {
      return opaque.length > 0
        ? violation(`attached policies ${opaque.join(', ')} cannot be read; they may grant ${PRESIGN_ACTION}`)
        : notApplicable();
    }
    if (opaque.length > 0) return violation(`the role also has unreadable attached policies (${opaque.join(', ')})`);
    if (grants.length > 1) return violation(`${grants.length} statements allow ${PRESIGN_ACTION}; Allows are OR-ed, so the grant must be one statement`);
    const expected = expectedEndpoints(stack);
    if (expected.length === 0) return violation('the stack has no SageMaker API or Studio endpoint to bind the grant to');
    const problem = grantProblem(grants[0].s, grants[0].i, expected);
    return problem ? violation(problem) : compliant();
  },
};
