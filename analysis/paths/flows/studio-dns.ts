import { studioEndpointService, studioDnsZone } from '../../../modules/shared/naming';
import { connect } from '../analysis/connect';
import { Answer, describeAnswer, displayName, recordFor, resolveIn } from '../analysis/dns';
import { traffic } from '../analysis/filters';
import { Hub, INBOUND_IPS_OUTPUT, Service, findCorporate, findHub, presignEndpointIds, resolverSides, studioDomainIds } from '../analysis/landscape';
import { vpcName } from '../analysis/routes';
import { Trace, missing, need } from '../analysis/trace';
import { NetworkModel, VpcEndpoint } from '../model';
import { FlowContext, FlowDefinition } from './flow';

/**
 * A space's host is random (15 lowercase letters and digits) and only known once the space
 * exists: the flow checks one such name, which stands for all of them.
 */
const EXAMPLE_SPACE_LABEL = 'kk95za7le56wapk';

/**
 * The hosts one Studio session uses: the presigned URL lands on `<domain-id>.studio...`, the UI
 * runs on `studio-<domain-id>.studio...`, and each JupyterLab / Code Editor space has its own
 * random host. Every one must resolve privately, or the browser talks to Studio's public address,
 * outside the endpoints, and the `aws:SourceVpce` grant refuses the session.
 */
export function studioHosts(region: string, domainId: string): { form: string; host: string }[] {
  const studioDns = studioDnsZone(region);
  return [
    { form: 'presigned URL (domain)', host: `${domainId}.${studioDns}` },
    { form: 'Studio UI', host: `studio-${domainId}.${studioDns}` },
    { form: 'space', host: `${EXAMPLE_SPACE_LABEL}.${studioDns}` },
  ];
}

/**
 * Flow 2: each Studio host of the session goes from the corporate DNS to the inbound resolver,
 * which answers in the hub VPC with a Studio endpoint the service's presign grant names.
 */
export const studioDnsFlow: FlowDefinition = {
  flow: 2,
  title: 'DNS: every Studio host (<domain-id>, studio-<domain-id>, a space) via the inbound resolver -> a Studio endpoint of the presign grant',
  scope: 'service',
  run(ctx, trace, service) {
    const { model } = ctx;
    const hub = findHub(model);
    const domainIds = studioDomainIds(model, service);
    if (domainIds.length === 0) missing(`the presign Lambda of ${service.stack} may open no Studio domain (no CreatePresignedDomainUrl on a user profile)`);
    for (const domainId of domainIds) {
      for (const { form, host } of studioHosts(ctx.region, domainId)) {
        corporateForwarding(ctx, trace, hub, host);
        const endpoint = hubAnswer(ctx, trace, hub, host, form);
        grantedEndpoint(model, trace, service, endpoint, host);
      }
    }
  },
};

/** The Studio endpoint the hub VPC answers a Studio host with (the flow stops when it is none). */
export function studioEndpointOf(ctx: FlowContext, hub: Hub, host: string, form: string): { endpoint: VpcEndpoint; how: string } {
  const { model, region } = ctx;
  const shown = displayName(model, host);
  const answer: Answer = resolveIn(model, hub.vpc.id, host);
  const refused = `the ${form} host ${shown} would resolve publicly for the corporate network and the session would be refused outside the endpoints`;
  if (answer.kind === 'public') missing(`${refused}: nothing in VPC ${hub.vpc.name} answers it (${describeAnswer(model, answer)})`);
  if (answer.kind === 'rule') missing(`the ${form} host ${shown} does not resolve in VPC ${hub.vpc.name}: ${describeAnswer(model, answer)}`);
  if (answer.kind === 'endpoint') {
    if (answer.endpoint.serviceName !== studioEndpointService(region)) {
      missing(`the ${form} host ${shown} resolves to endpoint ${answer.endpoint.name} (${answer.endpoint.serviceName}) in VPC ${hub.vpc.name}, not to a Studio endpoint`);
    }
    return { endpoint: answer.endpoint, how: `private DNS of endpoint ${answer.endpoint.name} (${answer.domain}, *.${answer.domain})` };
  }
  const { hostedZone } = answer;
  const record = recordFor(hostedZone, host);
  if (!record) missing(`${refused}: zone ${displayName(model, hostedZone.fqdn)} (${hostedZone.stack}) is associated with VPC ${hub.vpc.name} but has no record for it`);
  const alias = record.alias;
  if (alias?.kind !== 'endpoint') missing(`record ${displayName(model, record.fqdn)} (${record.stack}) does not alias an interface endpoint`);
  const endpoint = need(model.endpoints.get(alias.endpoint), `record ${displayName(model, record.fqdn)} aliases an endpoint that is not declared`);
  if (endpoint.serviceName !== studioEndpointService(region)) missing(`record ${displayName(model, record.fqdn)} (${record.stack}) aliases endpoint ${endpoint.name} (${endpoint.serviceName}), not a Studio endpoint`);
  if (alias.pick !== 'regional-filter') {
    missing(`record ${displayName(model, record.fqdn)} (${record.stack}) takes endpoint ${endpoint.name}'s dns_entry by position: the order is not part of the API, filter the regional entry`);
  }
  return { endpoint, how: `zone ${displayName(model, hostedZone.fqdn)} (${hostedZone.stack}), record ${displayName(model, record.fqdn)} -> alias of endpoint ${endpoint.name}` };
}

function hubAnswer(ctx: FlowContext, trace: Trace, hub: Hub, host: string, form: string): VpcEndpoint {
  const { endpoint, how } = studioEndpointOf(ctx, hub, host, form);
  trace.hop(`inbound resolver ${hub.inbound.name} resolves ${form} host ${displayName(ctx.model, host)} in VPC ${hub.vpc.name}: ${how}`);
  return endpoint;
}

/** The endpoint that answers must be one the presign grant lists, or SageMaker refuses the session. */
function grantedEndpoint(model: NetworkModel, trace: Trace, service: Service, endpoint: VpcEndpoint, host: string): void {
  const granted = presignEndpointIds(model, service);
  if (!granted.includes(endpoint.id)) {
    missing(
      `${displayName(model, host)} resolves to Studio endpoint ${endpoint.name} (VPC ${vpcName(model, endpoint.vpc)}), which the presign grant of ${service.stack} ` +
        'does not list in aws:SourceVpce: SageMaker refuses the session',
    );
  }
  trace.hop(`Studio endpoint ${endpoint.name} is in the aws:SourceVpce list of the presign grant of ${service.stack}`);
}

/** The simulated corporate DNS must forward the Studio names to the inbound resolver; a real one is configured by its team. */
function corporateForwarding({ model, region }: FlowContext, trace: Trace, hub: Hub, name: string): void {
  const corporate = findCorporate(model, hub);
  if (corporate.subnets.length === 0) {
    trace.hop(`corporate DNS -> inbound resolver ${hub.ips.join(', ')}`);
    trace.assume(`the corporate DNS (outside this output) forwards ${studioDnsZone(region)} to ${hub.ips.join(', ')} (output ${INBOUND_IPS_OUTPUT})`);
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
