/**
 * What a policy proof is made of: a case (a request the design must allow or refuse) and a
 * concrete view of the stack it is built from.
 */
import { SynthResource, SynthesizedStack } from '../guardrails';
import { conditionValues, coversAction, parsePolicy } from '../guardrails/policy';
import { endpointPolicy, isStudioService, rolePolicies } from '../guardrails/resources';
import { lookup, parseRef, remoteOutput } from '../guardrails/terraform';
import { FakeWorld, UnresolvableError } from './fake-values';
import { Request } from './simulate';

export interface Case {
  check: string;
  stack: string;
  address: string;
  expect: 'allow' | 'deny';
  /** What the case shows about the design. */
  why: string;
  /** Builds the request; throws `UnresolvableError` when the output lacks what the case needs. */
  request: () => Request;
}

/** Values no landing-zone resource has: a stranger's endpoint, a domain the role does not serve. */
export const OTHER_ENDPOINT = 'vpce-0000000000000000f';
export const OTHER_DOMAIN = 'd-otherdomain1';
export const PROOF_PROFILE = 'proof-user';

export const missing = (what: string): never => {
  throw new UnresolvableError(`cannot find ${what} in the synthesized output`);
};

/** Concrete view of one stack: resolved attributes and policies. */
export class StackView {
  constructor(
    readonly world: FakeWorld,
    readonly name: string,
    readonly stack: SynthesizedStack,
  ) {}

  get account(): string {
    return this.world.account(this.name);
  }

  attr(resource: SynthResource, attribute: string): string {
    return this.world.resolve(this.name, `\${${resource.address}.${attribute}}`);
  }

  document(raw: unknown): Record<string, unknown> {
    return this.world.document(this.name, raw);
  }

  /** Identity policies of a role, concrete; a role with unreadable attachments cannot be proven. */
  roleDocuments(role: SynthResource): Record<string, unknown>[] {
    const { policies, opaque } = rolePolicies(this.stack, role);
    if (opaque.length > 0) throw new UnresolvableError(`${role.address} has attached policies that cannot be read: ${opaque.join(', ')}`);
    return policies.map((p) => this.document(p.raw));
  }

  endpointDocument(endpoint: SynthResource): Record<string, unknown>[] {
    const raw = endpointPolicy(this.stack, endpoint);
    // No policy: the endpoint's default full-access policy, which restricts nothing.
    return raw === undefined ? [] : [this.document(raw)];
  }
}

/**
 * The Studio endpoint a role's grant of `action` names in aws:SourceVpce, with the view of the
 * stack that declares it: the hub's central endpoint (through remote state) or one of this stack.
 */
export function grantedStudioEndpoint(view: StackView, role: SynthResource, action: string): { owner: StackView; endpoint: SynthResource } | undefined {
  for (const { raw } of rolePolicies(view.stack, role).policies) {
    const parsed = parsePolicy(raw);
    if (!parsed.ok) continue;
    const values = parsed.policy.statements
      .filter((s) => s.effect === 'Allow' && coversAction(s, action))
      .flatMap((s) => [...(conditionValues(s, 'StringEquals', 'aws:SourceVpce') ?? [])]);
    for (const value of values) {
      const remote = remoteOutput(view.world.stacks, value);
      const owner = remote ? new StackView(view.world, remote.stackName, view.world.stacks[remote.stackName]) : view;
      const endpoint = lookup(owner.stack, parseRef(remote ? remote.value : value));
      if (endpoint?.type === 'aws_vpc_endpoint' && typeof endpoint.body.service_name === 'string' && isStudioService(endpoint.body.service_name)) {
        return { owner, endpoint };
      }
    }
  }
  return undefined;
}
