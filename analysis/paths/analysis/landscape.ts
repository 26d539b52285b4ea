/**
 * The roles of the landing zone found in the model: the hub with its inbound resolver, the
 * corporate side, the service VPCs with their API and Lambdas, and the sides of connections
 * between them.
 */
import { NETWORK_STACK, serviceStackName } from '../../../modules/shared/naming';
import { cidrContains } from './routes';
import { Id, LambdaFunction, NetworkModel, Peering, ResolverEndpoint, RestApi, Subnet, Vpc } from '../model';
import { Side } from './connect';
import { missing, need } from './trace';

/** The network stack's output for the corporate DNS team: where to forward Studio names. */
export const INBOUND_IPS_OUTPUT = 'inbound_resolver_ips';

export interface Hub {
  vpc: Vpc;
  inbound: ResolverEndpoint;
  ips: string[];
}

/** The hub is where the inbound resolver endpoint with the published IPs lives. */
export function findHub(model: NetworkModel): Hub {
  const network = stackNamed(model, NETWORK_STACK) ?? missing(`no ${NETWORK_STACK} stack (its provider's default Stack tag) in the synthesized output`);
  const published = model.outputs.get(network)?.[INBOUND_IPS_OUTPUT];
  const ips = Array.isArray(published) ? published.filter((ip): ip is string => typeof ip === 'string') : [];
  if (ips.length === 0) missing(`stack ${network} publishes no ${INBOUND_IPS_OUTPUT} output: the corporate DNS has no address to forward to`);
  const inbound = need(
    [...model.resolverEndpoints.values()].find((e) => e.direction === 'INBOUND' && ips.every((ip) => e.addresses.some((a) => a.ip === ip))),
    `no inbound resolver endpoint listens on ${ips.join(', ')} (output ${INBOUND_IPS_OUTPUT} of stack ${network})`,
  );
  return { vpc: need(endpointVpc(model, inbound), `inbound resolver endpoint ${inbound.name} is in no declared subnet`), inbound, ips };
}

/** The AZ ids of subnets, for hops: an endpoint in one AZ is no endpoint when that AZ fails. */
export function azIds(model: NetworkModel, subnets: Id[]): string {
  return subnets.map((id) => model.subnets.get(id)?.azId ?? '?').join(', ');
}

function endpointVpc(model: NetworkModel, endpoint: ResolverEndpoint): Vpc | undefined {
  const vpc = model.subnets.get(endpoint.addresses[0]?.subnet ?? '')?.vpc;
  return vpc ? model.vpcs.get(vpc) : undefined;
}

export interface Corporate {
  /** The corporate VPC (simulated or peered), or the network behind the corporate Transit Gateway attachment. */
  vpc: Vpc;
  /** Route tables corporate traffic enters AWS by: the corporate VPC's (none behind an attachment). */
  routeTables: Id[];
  /** Declared subnets of the corporate VPC (none for an existing VPC or behind an attachment). */
  subnets: Subnet[];
  /** Corporate client ranges, none inside another: addresses the connectivity actually reaches. */
  cidrs: string[];
  /** The VPN / Direct Connect attachment the corporate network's traffic enters a Transit Gateway by. */
  entersAt?: Id;
}

/**
 * The corporate side: the VPC the hub peers with, or else the one attachment of a Transit Gateway
 * that is neither the hub's nor a service's (a VPN / Direct Connect attachment, or a simulated
 * corporate VPC). Its address ranges are not a resource of their own: they are every range a route
 * table sends towards it, plus the corporate VPC's own block; taking the union keeps a range known
 * when one of its routes is missing. In a VPC, only the VPC's own addresses are clients: peering
 * carries nothing further (no edge-to-edge routing), so a range routed into a peered VPC that lies
 * outside it fails here.
 */
export function findCorporate(model: NetworkModel, hub: Hub): Corporate {
  const peerings = [...model.peerings.values()].filter((p) => p.requesterVpc === hub.vpc.id || p.accepterVpc === hub.vpc.id);
  if (peerings.length > 1) missing(`hub VPC ${hub.vpc.name} peers with ${peerings.map((p) => p.name).join(', ')}: the corporate side is ambiguous`);
  if (peerings.length === 1) return peeredCorporate(model, hub, peerings[0]);
  return transitCorporate(model, hub);
}

function peeredCorporate(model: NetworkModel, hub: Hub, peering: Peering): Corporate {
  const vpc = need(model.vpcs.get(farSide(peering, hub.vpc.id)), `corporate VPC ${farSide(peering, hub.vpc.id)} is not known`);
  const routed = [...model.routeTables.values()].flatMap((table) =>
    table.routes.flatMap((route) => {
      const via = route.kind === 'peering' && route.target ? model.peerings.get(route.target) : undefined;
      return via && table.vpc && farSide(via, table.vpc) === vpc.id && 'cidr' in route.destination ? [{ cidr: route.destination.cidr, how: `rtb ${table.name} sends it over peering ${via.name}` }] : [];
    }),
  );
  const cidrs = clientRanges(vpc, routed, (cidr, vpcCidr) =>
    `${cidr} is outside VPC ${vpc.name} (${vpcCidr}): VPC peering has no edge-to-edge routing, so a network behind that VPC ` +
      '(VPN, Direct Connect, Transit Gateway or another peering) is never reached; connect it with corporate.connectivity.type transit-gateway');
  return { vpc, ...vpcEntry(model, vpc), cidrs };
}

/** A VPC's subnets and the route tables its traffic leaves by. */
function vpcEntry(model: NetworkModel, vpc: Vpc): { routeTables: Id[]; subnets: Subnet[] } {
  const subnets = [...model.subnets.values()].filter((s) => s.vpc === vpc.id);
  const routeTables = subnets.length > 0
    ? [...new Set(subnets.map((s) => s.routeTable))]
    : [...model.routeTables.values()].filter((t) => t.vpc === vpc.id).map((t) => t.id);
  if (routeTables.length === 0) missing(`no route table of corporate VPC ${vpc.name} appears in the output`);
  return { routeTables, subnets };
}

/**
 * The clients a VPC holds of the ranges routed into it: a range inside the VPC as is, a wider
 * range as the VPC's block; a range beside it reaches nobody (`outside` says why).
 */
function clientRanges(vpc: Vpc, routed: { cidr: string; how: string }[], outside: (cidr: string, vpcCidr: string) => string): string[] {
  if (!vpc.cidr) {
    if (routed.length === 0) missing(`the CIDR of corporate VPC ${vpc.name} is not in the output and no route names its ranges`);
    missing(`${routed[0].how}, but the CIDR of VPC ${vpc.name} is not in the output: only that VPC's own addresses are reached, and which they are cannot be told`);
  }
  const vpcCidr = vpc.cidr;
  const stray = routed.find((r) => !cidrContains(vpcCidr, r.cidr) && !cidrContains(r.cidr, vpcCidr));
  if (stray) missing(`${stray.how}, but ${outside(stray.cidr, vpcCidr)}`);
  return widest([...routed.map((r) => (cidrContains(vpcCidr, r.cidr) ? r.cidr : vpcCidr)), vpcCidr]);
}

/** The corporate attachment of a Transit Gateway: the one attachment that is neither the hub's nor a service's. */
function transitCorporate(model: NetworkModel, hub: Hub): Corporate {
  const services = new Set(findServices(model).map((s) => s.vpc.id));
  const others = [...model.tgwAttachments.values()].filter((a) => a.vpc !== hub.vpc.id && !(a.vpc && services.has(a.vpc)));
  if (others.length === 0) missing(`hub VPC ${hub.vpc.name} has no peering connection and no Transit Gateway with a corporate attachment`);
  if (others.length > 1) missing(`Transit Gateway attachments ${others.map((a) => a.name).join(', ')} all stand for the corporate side: it is ambiguous`);
  const attachment = others[0];
  const routed = [
    ...[...model.tgwRouteTables.values()].flatMap((t) => t.routes.filter((r) => r.attachment === attachment.id).map((r) => ({ cidr: r.cidr, how: `Transit Gateway route table ${t.name} sends it to ${attachment.name}` }))),
    ...[...model.routeTables.values()]
      .filter((t) => t.vpc !== attachment.vpc)
      .flatMap((t) => t.routes.flatMap((r) => (r.kind === 'transit-gateway' && r.target === attachment.transitGateway && 'cidr' in r.destination && t.vpc === hub.vpc.id
        ? [{ cidr: r.destination.cidr, how: `rtb ${t.name} sends it to the Transit Gateway` }]
        : []))),
  ];
  if (attachment.kind === 'corporate') {
    const vpc = need(model.vpcs.get(attachment.id), `the network behind attachment ${attachment.name} is not modeled`);
    if (routed.length === 0) missing(`no route sends any range to the corporate attachment ${attachment.name}`);
    return { vpc, routeTables: [], subnets: [], cidrs: widest(routed.map((r) => r.cidr)), entersAt: attachment.id };
  }
  const vpc = need(model.vpcs.get(attachment.vpc ?? ''), `the VPC of attachment ${attachment.name} is not declared`);
  const cidrs = clientRanges(vpc, routed, (cidr, vpcCidr) => `${cidr} is outside VPC ${vpc.name} (${vpcCidr}), the corporate attachment's VPC: no host there answers`);
  return { vpc, ...vpcEntry(model, vpc), cidrs };
}

function farSide(peering: Peering, vpc: Id): Id {
  return peering.requesterVpc === vpc ? peering.accepterVpc : peering.requesterVpc;
}

/** The blocks not inside another one of the list, without repeats. */
function widest(cidrs: string[]): string[] {
  const unique = [...new Set(cidrs)];
  return unique.filter((c) => !unique.some((other) => other !== c && cidrContains(other, c)));
}

export interface Service {
  /** The `<name>` of the `service-<name>` stack. */
  name: string;
  /** The stack id (`<environment>-<region>-service-<name>`). */
  stack: string;
  vpc: Vpc;
}

const SERVICE_STACK_PREFIX = serviceStackName('');

/** The id of the stack with this name in its landing zone. */
const stackNamed = (model: NetworkModel, name: string): string | undefined => [...model.stackNames].find(([, n]) => n === name)?.[0];

export function findServices(model: NetworkModel): Service[] {
  return [...model.stackNames]
    .filter(([, name]) => name?.startsWith(SERVICE_STACK_PREFIX))
    .flatMap(([stack, name]) => {
      const vpc = [...model.vpcs.values()].find((v) => v.stack === stack);
      return vpc && name ? [{ name: name.slice(SERVICE_STACK_PREFIX.length), stack, vpc }] : [];
    });
}

/** The service's private REST API (bound to its execute-api endpoint). */
export function privateApi(model: NetworkModel, service: Service): RestApi {
  return need(
    model.restApis.find((api) => api.stack === service.stack && api.types.includes('PRIVATE')),
    `stack ${service.stack} has no private REST API`,
  );
}

/** The Lambda behind the API's authorizer or its integration. */
export function apiLambda(model: NetworkModel, service: Service, role: 'authorizers' | 'integrations'): LambdaFunction {
  const api = privateApi(model, service);
  const what = role === 'authorizers' ? 'authorizer' : 'integration';
  return need(model.lambdas.get(api[role][0] ?? ''), `REST API ${api.name} has no Lambda ${what}`);
}

// ---- sides of connections ----

/** Corporate clients anywhere in the corporate ranges, entering by each corporate route table or by the corporate attachment. */
export function corporateClients(corporate: Corporate, label = 'corporate client'): Side[] {
  if (corporate.entersAt) return corporate.cidrs.map((cidr) => corporateHost(corporate, { cidr }, label));
  return corporate.routeTables.flatMap((table) =>
    corporate.cidrs.map((cidr) => ({
      vpc: corporate.vpc.id,
      range: { cidr },
      routeTables: [table],
      subnets: corporate.subnets.filter((s) => s.routeTable === table).map((s) => s.id),
      label,
    })),
  );
}

/** A host on the corporate side outside the output (its own firewalls are not modeled). */
export function corporateHost(corporate: Corporate, range: { cidr: string }, label: string): Side {
  return { vpc: corporate.vpc.id, range, routeTables: corporate.routeTables, subnets: [], label, entersAt: corporate.entersAt };
}

/** Interfaces in each of the subnets (a Lambda's, an endpoint's): one side per subnet. */
export function subnetSides(model: NetworkModel, subnets: Id[], securityGroups: Id[], label: string): Side[] {
  return subnets.map((id) => {
    const subnet = need(model.subnets.get(id), `subnet ${id} of ${label} is not declared`);
    return { vpc: subnet.vpc, range: { cidr: subnet.cidr }, routeTables: [subnet.routeTable], subnets: [id], securityGroups, label };
  });
}

/** Each address of a resolver endpoint: its static IP, or (assigned at apply) its subnet. */
export function resolverSides(model: NetworkModel, endpoint: ResolverEndpoint): Side[] {
  return endpoint.addresses.map(({ subnet: id, ip }) => {
    const subnet = need(model.subnets.get(id), `subnet ${id} of resolver endpoint ${endpoint.name} is not declared`);
    return {
      vpc: subnet.vpc,
      range: { cidr: ip ? `${ip}/32` : subnet.cidr },
      routeTables: [subnet.routeTable],
      subnets: [id],
      securityGroups: endpoint.securityGroups,
      label: `resolver endpoint ${endpoint.name}`,
    };
  });
}

/**
 * A DNS server or host at `ip` on the corporate side: a resolver endpoint of the output when one
 * listens there, else a host outside the output reached through the corporate route tables.
 */
export function corporateAddress(model: NetworkModel, corporate: Corporate, ip: string, label: string): Side {
  const endpoint = [...model.resolverEndpoints.values()].find((e) => e.direction === 'INBOUND' && e.addresses.some((a) => a.ip === ip));
  const declared = endpoint ? resolverSides(model, endpoint).find((s) => 'cidr' in s.range && s.range.cidr === `${ip}/32`) : undefined;
  return declared ?? corporateHost(corporate, { cidr: `${ip}/32` }, label);
}

/**
 * The Studio domains the service's presign Lambda may open: the domain ids in the user-profile ARNs
 * it is allowed `CreatePresignedDomainUrl` on (a created domain's id stays symbolic).
 */
export function studioDomainIds(model: NetworkModel, service: Service): string[] {
  const presign = apiLambda(model, service, 'integrations');
  const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
  const ids = presign.statements
    .filter((s) => s.Effect === 'Allow' && list(s.Action).some((a) => ['sagemaker:CreatePresignedDomainUrl', 'sagemaker:*', '*'].includes(a)))
    .flatMap((s) => list(s.Resource))
    .flatMap((arn) => /:user-profile\/(\$\{[^}]*\}|[^/]+)\//.exec(arn)?.[1] ?? []);
  return [...new Set(ids)];
}

/**
 * The endpoints the presign grant binds the session to: the `StringEquals aws:SourceVpce` values
 * of its Allow for `CreatePresignedDomainUrl`, as model ids (a remote-state reference is followed
 * to the endpoint of the stack that creates it).
 */
export function presignEndpointIds(model: NetworkModel, service: Service): Id[] {
  const presign = apiLambda(model, service, 'integrations');
  const list = (value: string | string[] | undefined) => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
  return presign.statements
    .filter((s) => s.Effect === 'Allow' && list(s.Action).some((a) => ['sagemaker:CreatePresignedDomainUrl', 'sagemaker:*', '*'].includes(a)))
    .flatMap((s) => list(s.Condition?.StringEquals?.['aws:SourceVpce']))
    .flatMap((value) => /^\$\{(.+)\.id\}$/.exec(value)?.[1] ?? []);
}

/** The VPC a Lambda's interfaces are in. */
export function lambdaVpc(model: NetworkModel, lambda: LambdaFunction): Id {
  return need(model.subnets.get(lambda.subnets[0] ?? '')?.vpc, `Lambda ${lambda.name} is in no VPC subnet`);
}
