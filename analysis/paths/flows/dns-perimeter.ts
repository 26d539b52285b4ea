import { ENV } from '../../../lambda-src/shared/env-names';
import { displayName, serviceDomain } from '../analysis/dns';
import { describeVerdict, firewallGroupsOf, firewallVerdict } from '../analysis/dns-firewall';
import { Service, apiLambda } from '../analysis/landscape';
import { vpcName } from '../analysis/routes';
import { missing } from '../analysis/trace';
import { NetworkModel } from '../model';
import { FlowDefinition } from './flow';

/**
 * Names no landing zone needs, under RFC 2606's reserved `example.net`: a query for one reaching
 * a public name server is the DNS exfiltration channel the firewall closes.
 */
const PUBLIC_PROBES = ['exfiltration.example.net', 'c2VjcmV0.tunnel.example.net'];

/**
 * Flow 9: the DNS perimeter of the service VPC. DNS Firewall filters every query the VPC's resolver
 * receives, forwarded, private or public, so a public name must be blocked while every name the
 * landing zone uses there still resolves: its endpoints' service names (and the names below them,
 * S3 bucket hosts), the Studio host family, the corporate domains its FORWARD rules send on, and the
 * host the token verifiers in the VPC look up (the JWKS host, or the proxy they fetch it through).
 */
export const dnsPerimeterFlow: FlowDefinition = {
  flow: 9,
  title: 'DNS perimeter of the service VPC: public names refused, the landing zone\'s names resolve',
  scope: 'service',
  run({ model, region }, trace, service) {
    const vpc = service.vpc.id;
    const groups = firewallGroupsOf(model, vpc);
    if (groups.length === 0) missing(`no DNS Firewall rule group is associated with VPC ${vpcName(model, vpc)}: its resolver answers any public name, a channel out of the VPC`);
    const order = groups.map(({ association, group }) => `${group.name} (priority ${association.priority})`).join(', ');
    trace.hop(`VPC ${vpcName(model, vpc)}: DNS Firewall rule groups ${order}`);
    if (model.firewallFailOpen.has(vpc)) trace.assume(`VPC ${vpcName(model, vpc)} fails open: while DNS Firewall is impaired its queries pass unfiltered`);
    for (const probe of PUBLIC_PROBES) {
      const verdict = firewallVerdict(model, vpc, probe);
      if (verdict.kind !== 'blocked') missing(`public name ${probe} resolves from VPC ${vpcName(model, vpc)}: ${describeVerdict(verdict)}`);
      trace.hop(`${probe}: ${describeVerdict(verdict)}`);
    }
    for (const name of neededNames(model, region, service)) {
      const verdict = firewallVerdict(model, vpc, name);
      if (verdict.kind === 'blocked') missing(`${displayName(model, name)}, which the landing zone uses in VPC ${vpcName(model, vpc)}, is ${describeVerdict(verdict)}`);
      trace.hop(`${displayName(model, name)}: ${describeVerdict(verdict)}`);
    }
  },
};

/** What the VPC's workloads look up: each endpoint's name and a name below it, Studio's, the corporate domains', the JWKS host. */
function neededNames(model: NetworkModel, region: string, service: Service): string[] {
  const below = (domain: string) => [domain, `host.${domain}`];
  const endpoints = [...model.endpoints.values()].filter((e) => e.vpc === service.vpc.id).flatMap((e) => serviceDomain(e.serviceName) ?? []);
  const corporate = model.ruleAssociations
    .filter((a) => a.vpc === service.vpc.id)
    .flatMap((a) => {
      const rule = model.resolverRules.get(a.rule);
      return rule && rule.ruleType === 'FORWARD' ? [rule.domain] : [];
    });
  // The host a verifier inside the VPC looks up: its proxy's, else the JWKS host (an address needs no lookup).
  const verifierHosts = (['authorizers', 'integrations'] as const).flatMap((role) => {
    const fn = apiLambda(model, service, role);
    const target = fn.environment[ENV.httpsProxy] ?? fn.environment[ENV.idpJwksUri];
    const host = target && fn.subnets.length > 0 ? new URL(target).hostname.toLowerCase() : undefined;
    return host && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? [host] : [];
  });
  return [...new Set([...[...endpoints, `studio.${region}.sagemaker.aws`, ...corporate].flatMap(below), ...verifierHosts])];
}
