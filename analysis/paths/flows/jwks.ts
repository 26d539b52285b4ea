import { connect } from '../analysis/connect';
import { ENV } from '../../../lambda-src/shared/env-names';
import { describeAnswer, inDomain, resolveIn, serviceDomain } from '../analysis/dns';
import { traffic } from '../analysis/filters';
import { Corporate, apiLambda, corporateAddress, corporateHost, findCorporate, findHub, lambdaVpc, resolverSides, subnetSides } from '../analysis/landscape';
import { cidrContains, vpcName } from '../analysis/routes';
import { Trace, missing, need } from '../analysis/trace';
import { LambdaFunction, NetworkModel, ResolverRule, RuleAssociation } from '../model';
import { FlowDefinition } from './flow';

/**
 * Flow 6: the Lambdas that verify tokens reach the IdP's JWKS. Inside the VPC, the host (or the
 * HTTPS_PROXY the Lambda fetches through) must be in a corporate DNS domain: the shared FORWARD
 * rule, associated with the service VPC, sends the query through the outbound endpoint to the
 * corporate DNS servers, and the service VPC reaches the corporate ranges, where that host is taken
 * to live (Terraform cannot say which host it is). A Lambda outside any VPC reaches the internet
 * itself. A presign Lambda that delegates verification to the authorizer reaches it through the
 * `lambda` interface endpoint instead.
 */
export const jwksFlow: FlowDefinition = {
  flow: 6,
  title: "authorizer and presign Lambdas -> the IdP's JWKS host (corporate DNS and network, a corporate proxy, or outside the VPC)",
  scope: 'service',
  run({ model, region }, trace, service) {
    const authorizer = apiLambda(model, service, 'authorizers');
    const presign = apiLambda(model, service, 'integrations');
    jwksPath(model, trace, authorizer, 'authorizer');
    const delegate = presign.environment[ENV.idpVerifierFunction];
    if (delegate === undefined) {
      jwksPath(model, trace, presign, 'presign');
      return;
    }
    if (delegate !== authorizer.name) missing(`presign ${presign.name} asks ${delegate} to verify tokens, not the API's authorizer ${authorizer.name}`);
    const vpc = lambdaVpc(model, presign);
    const host = need(serviceDomain(`com.amazonaws.${region}.lambda`), 'no Lambda host name');
    const answer = resolveIn(model, vpc, host);
    if (answer.kind !== 'endpoint') missing(`${host} does not resolve to a lambda endpoint in VPC ${vpcName(model, vpc)}: presign ${presign.name} cannot ask ${delegate} to verify tokens`);
    trace.hop(`presign ${presign.name} asks authorizer ${delegate} to verify each token: ${host} -> private DNS of endpoint ${answer.endpoint.name}`);
    for (const from of subnetSides(model, presign.subnets, presign.securityGroups, `Lambda ${presign.name}`)) {
      for (const to of subnetSides(model, answer.endpoint.subnets, answer.endpoint.securityGroups, `endpoint ${answer.endpoint.name}`)) {
        connect(model, trace, from, to, traffic('tcp', 443));
      }
    }
  },
};

function jwksPath(model: NetworkModel, trace: Trace, fn: LambdaFunction, role: 'authorizer' | 'presign'): void {
  const { [ENV.idpJwksUri]: jwksUri, [ENV.idpJwksJson]: jwksJson, [ENV.httpsProxy]: proxyUrl } = fn.environment;
  if (!jwksUri) {
    if (!jwksJson) missing(`${role} ${fn.name} has neither ${ENV.idpJwksUri} nor ${ENV.idpJwksJson}`);
    trace.hop(`${role} ${fn.name} carries the JWKS document (${ENV.idpJwksJson}): no network path needed`);
    return;
  }
  const jwksHost = new URL(jwksUri).hostname.toLowerCase();
  if (fn.subnets.length === 0) {
    trace.hop(`${role} ${fn.name} runs outside any VPC: it fetches ${jwksHost} over Lambda's own internet access`);
    trace.assume(`${jwksHost} serves the JWKS on the internet`);
    return;
  }
  const target = new URL(proxyUrl ?? jwksUri);
  const host = target.hostname.toLowerCase();
  const port = Number(target.port || (target.protocol === 'http:' ? 80 : 443));
  const vpc = lambdaVpc(model, fn);
  const corporate = findCorporate(model, findHub(model));
  const label = proxyUrl ? 'JWKS proxy' : 'IdP host';
  if (proxyUrl) trace.hop(`${role} ${fn.name} fetches ${jwksHost} through the proxy ${host}:${port} (${ENV.httpsProxy})`);
  let destinations;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    destinations = [corporateAddress(model, corporate, host, label)];
  } else {
    const answer = resolveIn(model, vpc, host);
    if (answer.kind !== 'rule') notForwarded(model, corporate, vpc, host, describeAnswer(model, answer));
    const { rule, association } = answer;
    trace.hop(`${role} ${fn.name} in VPC ${vpcName(model, vpc)}: ${host} -> FORWARD rule ${rule.name} (${rule.domain}), associated by ${association.stack}`);
    if (rule.account !== association.account) trace.hop(sharedWith(model, rule, association));
    forwardToCorporateDns(model, trace, corporate, rule, host);
    trace.assume(`${host} is in the corporate DNS domain ${rule.domain}, so it is taken to live in the corporate ranges ${corporate.cidrs.join(', ')}`);
    destinations = corporate.cidrs.map((cidr) => corporateHost(corporate, { cidr }, label));
  }
  if (proxyUrl) trace.assume(`the proxy ${host} reaches ${jwksHost} and tunnels HTTPS to it`);
  for (const from of subnetSides(model, fn.subnets, fn.securityGroups, `Lambda ${fn.name}`)) {
    for (const to of destinations) connect(model, trace, from, to, traffic('tcp', port));
  }
}

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
      'set identityProvider.jwksAccess to { via: outside-vpc } (the authorizer outside the VPC) or { via: proxy, proxyUrl: <corporate proxy> }, or use a corporate-hosted JWKS',
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
