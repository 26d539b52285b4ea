import { Rule, SynthesizedStack } from '../types';
import { compliant, notApplicable, violation } from '../result';
import { Statement, conditionKeys, conditionValues, coversAction, label, parsePolicy } from '../policy';
import { endpointsFor, isSageMakerApiService, isStudioService, rolePolicies } from '../resources';
import { lookup, parseRef, remoteOutput } from '../terraform';
import { PRESIGN_ACTION } from '../../../modules/studio/studio-permissions';

export { PRESIGN_ACTION };
/** One concrete domain per ARN: `user-profile/<domain-id>/<profile or *>`. */
const PROFILE_ARN = /^arn:[a-z-]+:sagemaker:[^:]+:[^:]+:user-profile\/[^/*]+\/[^/]+$/;

/** `${aws_vpc_endpoint.x.id}` of the SageMaker API endpoints of the stack. */
export function sageMakerApiEndpoints(stack: SynthesizedStack): string[] {
  return endpointsFor(stack, isSageMakerApiService).map((e) => `\${aws_vpc_endpoint.${e.name}.id}`).sort();
}

/**
 * Whether a condition value is the id of a Studio endpoint: of this stack, or of another stack
 * through its remote-state output (the central Studio endpoint of the network stack).
 */
export function isStudioEndpointId(stacks: Readonly<Record<string, SynthesizedStack>>, stack: SynthesizedStack, value: string): boolean {
  const remote = remoteOutput(stacks, value);
  const [owner, ref] = remote ? [stacks[remote.stackName], parseRef(remote.value)] : [stack, parseRef(value)];
  const endpoint = ref?.type === 'aws_vpc_endpoint' && ref.attribute === 'id' ? lookup(owner, ref) : undefined;
  return typeof endpoint?.body.service_name === 'string' && isStudioService(endpoint.body.service_name);
}

function grantProblem(s: Statement, i: number, apiEndpoints: string[], isStudio: (value: string) => boolean): string | undefined {
  const name = label(s, i);
  if (s.notResources.length > 0 || s.resources.some((r) => !PROFILE_ARN.test(r))) {
    return `${name} grants ${PRESIGN_ACTION} beyond named domains' user profiles (${s.resources.join(', ') || s.notResources.join(', ')})`;
  }
  const vpces = conditionValues(s, 'StringEquals', 'aws:SourceVpce');
  if (!vpces || conditionKeys(s).length !== 1) {
    return `${name} must carry exactly one condition, StringEquals aws:SourceVpce (IfExists or other keys let calls outside the endpoints through)`;
  }
  const problem = sessionEndpointsProblem(vpces, apiEndpoints, isStudio);
  return problem ? `${name} ${problem}` : undefined;
}

/**
 * Why an aws:SourceVpce list is not exactly {the stack's SageMaker API endpoint, one Studio
 * endpoint}, if it is not: the endpoints a Studio session's calls come through.
 */
export function sessionEndpointsProblem(vpces: readonly string[], apiEndpoints: readonly string[], isStudio: (value: string) => boolean): string | undefined {
  const actual = [...vpces].sort();
  const studio = actual.filter(isStudio);
  const rest = actual.filter((v) => !isStudio(v));
  if (studio.length !== 1 || rest.join() !== apiEndpoints.join()) {
    return `binds to ${actual.join(', ')}, not to exactly the SageMaker API endpoint (${apiEndpoints.join(', ')}) and one Studio endpoint`;
  }
  return undefined;
}

export const rule: Rule = {
  id: 'LZ-IAM-004',
  severity: 'ERROR',
  invariant:
    'A role that may create Studio presigned URLs gets exactly one Allow for it: on named domains\' user profiles, ' +
    'conditioned only by StringEquals aws:SourceVpce = {its SageMaker API endpoint, one Studio endpoint (the hub\'s, across stacks)}.',
  why:
    'This grant is the whole design: SageMaker re-checks it on every request of the session, so the URL only ' +
    'works through the company\'s endpoints. A second Allow, an ...IfExists, a missing endpoint or a wildcard ' +
    'domain reopens the replay-from-anywhere problem the landing zone exists to close.',
  appliesTo: ['aws_iam_role'],
  check(role, { stack, stacks }) {
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
    const apiEndpoints = sageMakerApiEndpoints(stack);
    if (apiEndpoints.length === 0) return violation('the stack has no SageMaker API endpoint to bind the grant to');
    const problem = grantProblem(grants[0].s, grants[0].i, apiEndpoints, (value) => isStudioEndpointId(stacks, stack, value));
    return problem ? violation(problem) : compliant();
  },
};
