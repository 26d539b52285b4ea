import { studioEndpointService, studioZoneName } from '../../../modules/shared/naming';
import { connect } from '../analysis/connect';
import { describeAnswer, displayName, recordFor, resolveIn } from '../analysis/dns';
import { traffic } from '../analysis/filters';
import { Hub, INBOUND_IPS_OUTPUT, Service, findCorporate, findHub, resolverSides, studioDomainIds } from '../analysis/landscape';
import { vpcName } from '../analysis/routes';
import { Trace, missing, need } from '../analysis/trace';
import { HostedZone, NetworkModel } from '../model';
import { FlowContext, FlowDefinition } from './flow';

/**
 * Flow 2: `<domain-id>.studio.<region>.sagemaker.aws` goes from the corporate DNS to the inbound
 * resolver, which answers from the Studio zone associated with the hub VPC with the Studio endpoint
 * of this service's VPC.
 */
export const studioDnsFlow: FlowDefinition = {
  flow: 2,
  title: 'DNS: <domain-id>.studio.<region>.sagemaker.aws via the inbound resolver -> Studio endpoint',
  scope: 'service',
  run(ctx, trace, service) {
    const { model } = ctx;
    const hub = findHub(model);
    const domainIds = studioDomainIds(model, service);
    if (domainIds.length === 0) missing(`the presign Lambda of ${service.stack} may open no Studio domain (no CreatePresignedDomainUrl on a user profile)`);
    for (const domainId of domainIds) {
      const name = `${domainId}.${studioZoneName(ctx.region)}`;
      corporateForwarding(ctx, trace, hub, name);
      const zone = hubZone(model, trace, hub, name);
      studioAlias(ctx, trace, service, zone, name);
    }
  },
};

/** The simulated corporate DNS must forward the Studio names to the inbound resolver; a real one is configured by its team. */
function corporateForwarding({ model, region }: FlowContext, trace: Trace, hub: Hub, name: string): void {
  const corporate = findCorporate(model, hub);
  if (!corporate.vpc.stack) {
    trace.hop(`corporate DNS -> inbound resolver ${hub.ips.join(', ')}`);
    trace.assume(`the corporate DNS (outside this output) forwards ${studioZoneName(region)} to ${hub.ips.join(', ')} (output ${INBOUND_IPS_OUTPUT})`);
    return;
  }
  const shown = displayName(model, name);
  const answer = resolveIn(model, corporate.vpc.id, name);
  if (answer.kind !== 'rule') missing(`VPC ${corporate.vpc.name} does not forward ${shown} to the inbound resolver: ${describeAnswer(model, answer)}`);
  const { rule } = answer;
  const strays = rule.targets.filter((ip) => !hub.ips.includes(ip));
  if (rule.targets.length === 0 || strays.length > 0) {
    missing(`FORWARD rule ${rule.name} sends ${shown} to ${rule.targets.join(', ') || 'no target'}, not only to the inbound resolver ${hub.ips.join(', ')}`);
  }
  const forwarder = need(rule.endpoint ? model.resolverEndpoints.get(rule.endpoint) : undefined, `FORWARD rule ${rule.name} has no declared outbound endpoint`);
  trace.hop(`VPC ${corporate.vpc.name}: ${shown} -> FORWARD rule ${rule.name} (${rule.domain}) -> ${rule.targets.join(', ')} via outbound endpoint ${forwarder.name}`);
  const resolvers = resolverSides(model, hub.inbound).filter((side) => 'cidr' in side.range && rule.targets.includes(side.range.cidr.replace(/\/32$/, '')));
  for (const from of resolverSides(model, forwarder)) {
    for (const to of resolvers) {
      for (const protocol of ['udp', 'tcp'] as const) connect(model, trace, from, to, traffic(protocol, 53));
    }
  }
}

/** The inbound resolver answers in the hub VPC: from a private hosted zone associated with it. */
function hubZone(model: NetworkModel, trace: Trace, hub: Hub, name: string): HostedZone {
  const shown = displayName(model, name);
  const answer = resolveIn(model, hub.vpc.id, name);
  if (answer.kind !== 'zone') missing(`no private hosted zone for ${shown} is associated with VPC ${hub.vpc.name}: ${describeAnswer(model, answer)}`);
  const { zone, association } = answer;
  const zoneLabel = `zone ${displayName(model, zone.fqdn)} (${zone.stack})`;
  if (association.account !== hub.vpc.account) {
    missing(`${zoneLabel} is associated with VPC ${hub.vpc.name} by account ${association.account}, but only the VPC's owner (account ${hub.vpc.account}) can associate it`);
  }
  const crossAccount = zone.account !== hub.vpc.account;
  if (crossAccount && !zone.authorizedVpcs.includes(hub.vpc.id)) {
    missing(`${zoneLabel} does not authorize VPC ${hub.vpc.name}: a cross-account association needs an aws_route53_vpc_association_authorization in account ${zone.account}`);
  }
  const how = association.via === zone.id ? 'at creation' : `by ${association.via.split('/')[0]}${crossAccount ? `, authorized by ${zone.stack}` : ''}`;
  trace.hop(`inbound resolver ${hub.inbound.name} resolves in VPC ${hub.vpc.name}: ${zoneLabel}, associated ${how}`);
  return zone;
}

/** The zone's record for the name must alias this service's Studio endpoint, picked by shape. */
function studioAlias({ model, region }: FlowContext, trace: Trace, service: Service, zone: HostedZone, name: string): void {
  const shown = displayName(model, name);
  const record = need(recordFor(zone, name), `zone ${displayName(model, zone.fqdn)} (${zone.stack}) has no A record for ${shown}`);
  const alias = record.alias;
  if (alias?.kind !== 'endpoint') missing(`record ${record.fqdn} (${record.stack}) does not alias an interface endpoint`);
  const endpoint = need(model.endpoints.get(alias.endpoint), `record ${displayName(model, record.fqdn)} aliases an endpoint that is not declared`);
  const studioService = studioEndpointService(region);
  if (endpoint.serviceName !== studioService || endpoint.vpc !== service.vpc.id) {
    missing(`record ${displayName(model, record.fqdn)} (${record.stack}) aliases endpoint ${endpoint.name} (${endpoint.serviceName}, VPC ${vpcName(model, endpoint.vpc)}), not the Studio endpoint of VPC ${service.vpc.name}`);
  }
  if (alias.pick !== 'regional-filter') {
    missing(`record ${displayName(model, record.fqdn)} (${record.stack}) takes endpoint ${endpoint.name}'s dns_entry by position: the order is not part of the API, filter the regional entry`);
  }
  trace.hop(`record ${displayName(model, record.fqdn)} A -> alias of the regional DNS name of endpoint ${endpoint.name} (${studioService}) in VPC ${service.vpc.name}`);
}
