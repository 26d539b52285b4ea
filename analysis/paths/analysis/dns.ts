/**
 * How a VPC's Route 53 Resolver answers a name. Resolver rules associated with the VPC, private
 * hosted zones associated with it and the private DNS of its interface endpoints all compete: the
 * most specific domain wins, and on a tie a rule wins over a zone. A SYSTEM rule hands the name
 * back to zones and public DNS. Anything else resolves through public DNS.
 */
import { DnsRecord, HostedZone, Id, NetworkModel, ResolverRule, RuleAssociation, VpcEndpoint, ZoneVpc } from '../model';
import { serviceDnsName } from '../../../modules/shared/naming';
import { describeVerdict, firewallVerdict } from './dns-firewall';
import { vpcName } from './routes';
import { missing } from './trace';

export type Answer =
  | { kind: 'rule'; rule: ResolverRule; association: RuleAssociation }
  | { kind: 'zone'; hostedZone: HostedZone; association: ZoneVpc }
  | { kind: 'endpoint'; endpoint: VpcEndpoint; domain: string }
  | { kind: 'public' };

/** `name` equals `domain` or is below it; every name is below the root (`.`, written empty). */
export function inDomain(name: string, domain: string): boolean {
  return domain === '' || name === domain || name.endsWith(`.${domain}`);
}

const labels = (domain: string) => (domain === '' ? 0 : domain.split('.').length);

/** The domain an interface endpoint's private DNS answers for, and the host name SDKs call. */
export const serviceDomain = serviceDnsName;

export function resolveIn(model: NetworkModel, vpcId: Id, name: string): Answer {
  const vpc = model.vpcs.get(vpcId);
  if (vpc && !vpc.dnsSupport) missing(`VPC ${vpc.name} has DNS support off: nothing in it can resolve ${name}`);
  const verdict = firewallVerdict(model, vpcId, name);
  if (verdict.kind === 'blocked') missing(`DNS Firewall refuses ${displayName(model, name)} in VPC ${vpcName(model, vpcId)}: ${describeVerdict(verdict)}`);
  const rules = model.ruleAssociations.flatMap((association) => {
    const rule = model.resolverRules.get(association.rule);
    return association.vpc === vpcId && rule && inDomain(name, rule.domain) ? [{ kind: 'rule' as const, rule, association, domain: rule.domain }] : [];
  });
  const hostedZones = model.hostedZones.flatMap((hostedZone) =>
    hostedZone.vpcs.filter((a) => a.vpc === vpcId && inDomain(name, hostedZone.fqdn)).map((association) => ({ kind: 'zone' as const, hostedZone, association, domain: hostedZone.fqdn })),
  );
  const endpoints = [...model.endpoints.values()].flatMap((endpoint) => {
    const domain = serviceDomain(endpoint.serviceName);
    return endpoint.vpc === vpcId && endpoint.privateDns && domain && inDomain(name, domain) ? [{ kind: 'endpoint' as const, endpoint, domain }] : [];
  });
  const rule = rules.sort((a, b) => labels(b.domain) - labels(a.domain))[0];
  const local = [...hostedZones, ...endpoints].sort((a, b) => labels(b.domain) - labels(a.domain));
  const best = local[0];
  if (rule && rule.rule.ruleType !== 'SYSTEM' && (!best || labels(rule.domain) >= labels(best.domain))) return rule;
  if (!best) return { kind: 'public' };
  const rivals = local.filter((c) => c.domain === best.domain);
  if (rivals.length > 1) {
    const names = rivals.map((c) => (c.kind === 'zone' ? `zone ${displayName(model, c.hostedZone.fqdn)} (${c.hostedZone.stack})` : `the private DNS of endpoint ${c.endpoint.name}`));
    missing(
      `${names.join(', ')} all answer ${displayName(model, best.domain)} in VPC ${vpcName(model, vpcId)}: Route 53 allows one zone of a name per VPC ` +
        `(ConflictingDomainExists), so ${displayName(model, name)} cannot resolve to each one's endpoint`,
    );
  }
  if (vpc && !vpc.dnsHostnames) missing(`VPC ${vpc.name} has DNS hostnames off: private hosted zones and endpoint private DNS do not answer in it`);
  return best;
}

/** The record answering a name in a zone: an exact name first, then the closest wildcard above it. */
export function recordFor(hostedZone: HostedZone, name: string): DnsRecord | undefined {
  const answering = hostedZone.records.filter((r) => r.type === 'A' || r.type === 'CNAME');
  const exact = answering.find((r) => r.fqdn === name);
  if (exact) return exact;
  const parents = name.split('.').map((_, i, parts) => parts.slice(i + 1).join('.')).filter((p) => inDomain(p, hostedZone.fqdn));
  for (const parent of parents) {
    const wildcard = answering.find((r) => r.fqdn === `*.${parent}`);
    if (wildcard) return wildcard;
  }
  return undefined;
}

/** A name for people: `${<addr>.id}` parts become `<label.id>` (`<example-analytics.id>.studio...`). */
export function displayName(model: NetworkModel, name: string): string {
  return name.replace(/\$\{([^}]+)\.(\w+)\}/g, (whole, address: string, attribute: string) => {
    const label = model.labels.get(address);
    return label ? `<${label}.${attribute}>` : whole;
  });
}

/** Why a name did not resolve the expected way, for messages. */
export function describeAnswer(model: NetworkModel, answer: Answer): string {
  switch (answer.kind) {
    case 'rule':
      return `${answer.rule.ruleType} rule ${answer.rule.name} (${answer.rule.domain}) takes it first`;
    case 'zone':
      return `zone ${displayName(model, answer.hostedZone.fqdn)} (${answer.hostedZone.stack}) answers it`;
    case 'endpoint':
      return `the private DNS of endpoint ${answer.endpoint.name} answers it`;
    case 'public':
      return 'it resolves through public DNS';
  }
}
