import { connect } from '../analysis/connect';
import { describeAnswer, inDomain, resolveIn } from '../analysis/dns';
import { traffic } from '../analysis/filters';
import { Corporate, apiLambda, corporateAddress, corporateHost, findCorporate, findHub, lambdaVpc, resolverSides, subnetSides } from '../analysis/landscape';
import { cidrContains, vpcName } from '../analysis/routes';
import { Trace, missing, need } from '../analysis/trace';
import { NetworkModel, ResolverRule, RuleAssociation } from '../model';
import { FlowDefinition } from './flow';

/**
 * Flow 6: the authorizer fetches the IdP's JWKS. Its host must be in a corporate DNS domain: the
 * shared FORWARD rule, associated with the service VPC, sends the query through the outbound
 * endpoint to the corporate DNS servers, and the service VPC reaches the corporate ranges, where
 * the IdP is taken to live (Terraform cannot say which host it is).
 */
export const jwksFlow: FlowDefinition = {
  flow: 6,
  title: "authorizer Lambda -> the IdP's JWKS host (corporate DNS and network)",
  scope: 'service',
  run({ model }, trace, service) {
    const authorizer = apiLambda(model, service, 'authorizers');
    const { IDP_JWKS_URI: jwksUri, IDP_JWKS_JSON: jwksJson } = authorizer.environment;
    if (!jwksUri) {
      if (!jwksJson) missing(`authorizer ${authorizer.name} has neither IDP_JWKS_URI nor IDP_JWKS_JSON`);
      trace.hop(`authorizer ${authorizer.name} carries the JWKS document (IDP_JWKS_JSON): no network path needed`);
      return;
    }
    const url = new URL(jwksUri);
    const host = url.hostname.toLowerCase();
    const port = Number(url.port || (url.protocol === 'http:' ? 80 : 443));
    const vpc = lambdaVpc(model, authorizer);
    const corporate = findCorporate(model, findHub(model));
    const answer = resolveIn(model, vpc, host);
    if (answer.kind !== 'rule') notForwarded(model, corporate, vpc, host, describeAnswer(model, answer));
    const { rule, association } = answer;
    trace.hop(`authorizer ${authorizer.name} in VPC ${vpcName(model, vpc)}: ${host} -> FORWARD rule ${rule.name} (${rule.domain}), associated by ${association.stack}`);
    if (rule.account !== association.account) trace.hop(sharedWith(model, rule, association));
    forwardToCorporateDns(model, trace, corporate, rule, host);
    trace.assume(`${host} is in the corporate DNS domain ${rule.domain}, so the IdP is taken to live in the corporate ranges ${corporate.cidrs.join(', ')}`);
    const idp = corporate.cidrs.map((cidr) => corporateHost(corporate, { cidr }, 'IdP host'));
    for (const from of subnetSides(model, authorizer.subnets, authorizer.securityGroups, `Lambda ${authorizer.name}`)) {
      for (const to of idp) connect(model, trace, from, to, traffic('tcp', port));
    }
  },
};

/** Corporate domains are those of FORWARD rules whose DNS servers are in the corporate ranges. */
function notForwarded(model: NetworkModel, corporate: Corporate, vpc: string, host: string, why: string): never {
  const corporateRules = [...model.resolverRules.values()].filter(
    (r) => r.ruleType === 'FORWARD' && r.targets.length > 0 && r.targets.every((ip) => corporate.cidrs.some((c) => cidrContains(c, `${ip}/32`))),
  );
  const rule = corporateRules.find((r) => inDomain(host, r.domain));
  if (rule) missing(`FORWARD rule ${rule.name} (${rule.domain}) is not associated with VPC ${vpcName(model, vpc)}: for ${host} ${why}`);
  const domains = [...new Set(corporateRules.map((r) => r.domain))].join(', ') || 'none';
  return missing(
    `JWKS host ${host} is outside every corporate DNS domain (${domains}) and the service VPC has no internet path: ` +
      'use a corporate-hosted JWKS or ship the JWKS document in the configuration (identityProvider.jwks)',
  );
}

/** A rule of another account is usable once shared through RAM (and, outside an Organization, accepted). */
function sharedWith(model: NetworkModel, rule: ResolverRule, association: RuleAssociation): string {
  const account = association.account;
  const shares = model.ramShares.filter((s) => s.resources.includes(rule.id));
  if (shares.length === 0) missing(`FORWARD rule ${rule.name} (account ${rule.account}) is in no RAM share: account ${account} cannot associate it`);
  const share = need(
    shares.find((s) => s.principals.includes(account ?? '') || s.principals.some((p) => p.startsWith('arn:aws:organizations::'))),
    `RAM share ${shares.map((s) => s.name).join(', ')} of FORWARD rule ${rule.name} does not name account ${account} as a principal`,
  );
  const accepter = share.accepters.find((a) => a.account === account);
  if (share.allowExternalPrincipals && !accepter) {
    missing(`account ${account} never accepts RAM share ${share.name}: a share to external principals needs an aws_ram_resource_share_accepter in ${account}`);
  }
  return `FORWARD rule ${rule.name} shared with account ${account} by RAM share ${share.name}${accepter ? `, accepted in ${accepter.id.split('/')[0]}` : ''}`;
}

/** The rule's outbound endpoint reaches each corporate DNS server on UDP and TCP 53. */
function forwardToCorporateDns(model: NetworkModel, trace: Trace, corporate: Corporate, rule: ResolverRule, host: string): void {
  const outbound = need(rule.endpoint ? model.resolverEndpoints.get(rule.endpoint) : undefined, `FORWARD rule ${rule.name} has no declared outbound endpoint`);
  if (rule.targets.length === 0) missing(`FORWARD rule ${rule.name} has no target DNS server`);
  const stray = rule.targets.find((ip) => !corporate.cidrs.some((c) => cidrContains(c, `${ip}/32`)));
  if (stray) missing(`corporate DNS server ${stray} of FORWARD rule ${rule.name} is outside the corporate ranges ${corporate.cidrs.join(', ')}`);
  trace.hop(`outbound endpoint ${outbound.name} -> corporate DNS servers ${rule.targets.join(', ')}`);
  for (const from of resolverSides(model, outbound)) {
    for (const ip of rule.targets) {
      const server = corporateAddress(model, corporate, ip, 'corporate DNS server');
      for (const protocol of ['udp', 'tcp'] as const) connect(model, trace, from, server, traffic(protocol, 53));
    }
  }
  const answers = rule.targets.map((ip) => corporateAddress(model, corporate, ip, 'corporate DNS server')).filter((s) => s.securityGroups);
  if (answers.length === 0) {
    trace.assume(`the corporate DNS servers ${rule.targets.join(', ')} (outside this output) answer ${host}`);
    return;
  }
  for (const server of answers) trace.hop(`corporate DNS (${server.label}): ${host} -> ${describeAnswer(model, resolveIn(model, need(server.vpc, 'no VPC'), host))}`);
}
