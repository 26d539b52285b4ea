/**
 * The landing-zone facts rules need beyond one resource. Given from the resolved configuration when
 * synth has it; otherwise derived from the synthesized stacks, so that `verify` works on nothing but
 * an output directory.
 */
import type { ResolvedLandingZone } from '../../modules/config/types';
import { GuardrailContext, SynthesizedStack } from './types';
import { isRemoteOutputRef, parseRef, resourcesOf, stackAccount, strings } from './terraform';

/** The context as the configuration states it: the strictest reading (corporate domains included). */
export function contextFromConfig(landingZone: ResolvedLandingZone): GuardrailContext {
  return {
    corporateCidrs: landingZone.corporate.cidrs,
    corporateDomains: landingZone.corporate.dnsDomains,
    sharePrincipals: landingZone.services.map((s) => s.accountId),
    inOrganization: landingZone.inOrganization,
  };
}

/** `given` wins field by field; the rest is read from the stacks (or stays unknown). */
export function resolveContext(stacks: Readonly<Record<string, SynthesizedStack>>, given: GuardrailContext = {}): GuardrailContext {
  const all = Object.values(stacks);
  return {
    corporateCidrs: given.corporateCidrs ?? nonEmpty(corporateRoutes(all)),
    corporateDomains: given.corporateDomains,
    sharePrincipals: given.sharePrincipals ?? nonEmpty(all.map((s) => stackAccount(s).accountId).filter(isString)),
    inOrganization: given.inOrganization ?? inOrganization(all),
    synthDate: given.synthDate,
  };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const nonEmpty = (values: string[]): string[] | undefined => (values.length > 0 ? [...new Set(values)].sort() : undefined);

/**
 * The corporate ranges are what a service VPC routes over its cross-account peering request
 * (`peer_owner_id` set) towards the corporate side: exactly the configured `corporate.cidrs`.
 */
function corporateRoutes(stacks: SynthesizedStack[]): string[] {
  return stacks.flatMap((stack) => {
    const requests = new Set(
      resourcesOf(stack, 'aws_vpc_peering_connection').filter((p) => p.body.peer_owner_id !== undefined).map((p) => p.name),
    );
    return resourcesOf(stack, 'aws_route')
      .filter((route) => {
        const ref = parseRef(route.body.vpc_peering_connection_id);
        return ref?.type === 'aws_vpc_peering_connection' && requests.has(ref.name);
      })
      .flatMap((route) => strings(route.body.destination_cidr_block));
  });
}

/**
 * Outside an Organization every consumer of a RAM share must accept it, so accepters mean "outside";
 * consumers that associate shared rules without accepting mean "inside"; no consumer: unknown.
 */
function inOrganization(stacks: SynthesizedStack[]): boolean | undefined {
  if (stacks.some((s) => resourcesOf(s, 'aws_ram_resource_share_accepter').length > 0)) return false;
  const consumesSharedRules = stacks.some((s) =>
    resourcesOf(s, 'aws_route53_resolver_rule_association').some((a) => isRemoteOutputRef(a.body.resolver_rule_id)),
  );
  return consumesSharedRules ? true : undefined;
}
