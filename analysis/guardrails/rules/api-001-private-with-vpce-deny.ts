import { Rule, SynthResource, SynthesizedStack } from '../types';
import { compliant, violation } from '../result';
import { block, refersTo, resourcesOf, strings } from '../terraform';
import { Statement, conditionKeys, conditionValues, coversAction, isAnyone, parsePolicy } from '../policy';

/**
 * `execute-api:/*`, `*`, `arn:...:execute-api:<region>:<account>:<api>/*` or this API's
 * `${<api>.execution_arn}/*`: the whole API.
 */
const coversWholeApi = (resource: string, api: SynthResource): boolean =>
  resource === '*' || resource === 'execute-api:/*' || resource === `\${${api.address}.execution_arn}/*` ||
  /^arn:[a-z-]+:execute-api:[^:]*:[^:]*:[^/]+\/\*$/.test(resource);

/** Deny to anyone, on the whole API, whenever aws:SourceVpce is not one of `endpoints`, and nothing else. */
function isSourceVpceDeny(s: Statement, endpoints: readonly string[], api: SynthResource): boolean {
  const vpces = conditionValues(s, 'StringNotEquals', 'aws:SourceVpce');
  // Further conditions would be AND-ed in and narrow the Deny.
  const onlyThatCondition = conditionKeys(s).length === 1;
  return (
    s.effect === 'Deny' &&
    isAnyone(s.principal) &&
    coversAction(s, 'execute-api:Invoke') &&
    s.resources.some((resource) => coversWholeApi(resource, api)) &&
    !!vpces && vpces.length > 0 && vpces.every((v) => endpoints.includes(v)) &&
    onlyThatCondition
  );
}

/** The API's resource policy: inline, or an `aws_api_gateway_rest_api_policy` for it. */
function apiPolicy(stack: SynthesizedStack, api: SynthResource): unknown {
  return api.body.policy ?? resourcesOf(stack, 'aws_api_gateway_rest_api_policy').find((p) => refersTo(p.body.rest_api_id, api))?.body.policy;
}

export const rule: Rule = {
  id: 'LZ-API-001',
  severity: 'ERROR',
  invariant: 'REST APIs are PRIVATE, bound to their execute-api endpoints, with a policy that denies every call not made through one of them.',
  why:
    'A private API is still callable through any execute-api endpoint in any VPC of any account unless its ' +
    'policy says otherwise. aws:SourceVpce is absent on calls that bypass an endpoint, so only ' +
    'Deny + StringNotEquals refuses both other endpoints and no endpoint at all.',
  appliesTo: ['aws_api_gateway_rest_api'],
  check(api, { stack }) {
    const config = block(api.body, 'endpoint_configuration');
    const types = strings(config?.types);
    if (types.length !== 1 || types[0] !== 'PRIVATE') return violation(`endpoint type is ${types.join(',') || 'EDGE (default)'}, not PRIVATE`);
    const endpoints = strings(config?.vpc_endpoint_ids);
    if (endpoints.length === 0) return violation('no vpc_endpoint_ids: the API is not bound to its execute-api endpoint');
    const raw = apiPolicy(stack, api);
    if (raw === undefined) return violation('no resource policy: a private API without one refuses every call, or (once added by hand) drifts');
    const parsed = parsePolicy(raw);
    if (!parsed.ok) return violation(`policy: ${parsed.reason}`);
    return parsed.policy.statements.some((s) => isSourceVpceDeny(s, endpoints, api))
      ? compliant()
      : violation('the policy has no Deny of execute-api:Invoke on the whole API for callers whose aws:SourceVpce is not its own endpoint');
  },
};
