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
  const published = model.outputs.get(NETWORK_STACK)?.[INBOUND_IPS_OUTPUT];
  const ips = Array.isArray(published) ? published.filter((ip): ip is string => typeof ip === 'string') : [];
  if (ips.length === 0) missing(`stack ${NETWORK_STACK} publishes no ${INBOUND_IPS_OUTPUT} output: the corporate DNS has no address to forward to`);
  const inbound = need(
    [...model.resolverEndpoints.values()].find((e) => e.direction === 'INBOUND' && ips.every((ip) => e.addresses.some((a) => a.ip === ip))),
    `no inbound resolver endpoint listens on ${ips.join(', ')} (output ${INBOUND_IPS_OUTPUT} of stack ${NETWORK_STACK})`,
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
  vpc: Vpc;
  /** Route tables corporate traffic enters AWS by: the simulated VPC's subnets' tables, or the configured tables of an existing VPC. */
  routeTables: Id[];
  /** Declared subnets of the corporate VPC (none for an existing VPC). */
  subnets: Subnet[];
  /** Corporate address ranges, none inside another. */
  cidrs: string[];
}

/**
 * The corporate side is the VPC the hub peers with. Its address ranges are not a resource of their
 * own: they are every range some route table sends to the corporate VPC, plus the simulated
 * corporate VPC's own block. Taking the union keeps a range known when one of its routes is missing.
 */
export function findCorporate(model: NetworkModel, hub: Hub): Corporate {
  const peerings = [...model.peerings.values()].filter((p) => p.requesterVpc === hub.vpc.id || p.accepterVpc === hub.vpc.id);
  if (peerings.length !== 1) {
    missing(peerings.length === 0
      ? `hub VPC ${hub.vpc.name} has no peering connection with the corporate side`
      : `hub VPC ${hub.vpc.name} peers with ${peerings.map((p) => p.name).join(', ')}: the corporate side is ambiguous`);
  }
  const vpcId = farSide(peerings[0], hub.vpc.id);
  const vpc = need(model.vpcs.get(vpcId), `corporate VPC ${vpcId} is not known`);
  const subnets = [...model.subnets.values()].filter((s) => s.vpc === vpc.id);
  const routeTables = subnets.length > 0
    ? [...new Set(subnets.map((s) => s.routeTable))]
    : [...model.routeTables.values()].filter((t) => t.vpc === vpc.id).map((t) => t.id);
  if (routeTables.length === 0) missing(`no route table of corporate VPC ${vpc.name} appears in the output`);
  const routed = [...model.routeTables.values()].flatMap((table) =>
    table.routes.flatMap((route) => {
      const peering = route.kind === 'peering' && route.target ? model.peerings.get(route.target) : undefined;
      return peering && table.vpc && farSide(peering, table.vpc) === vpc.id && 'cidr' in route.destination ? [route.destination.cidr] : [];
    }),
  );
  return { vpc, routeTables, subnets, cidrs: widest([...routed, ...(vpc.cidr ? [vpc.cidr] : [])]) };
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
  /** The `<name>` of `service-<name>`. */
  name: string;
  stack: string;
  vpc: Vpc;
}

const SERVICE_STACK_PREFIX = serviceStackName('');

export function findServices(model: NetworkModel): Service[] {
  return [...model.stackAccounts.keys()]
    .filter((stack) => stack.startsWith(SERVICE_STACK_PREFIX))
    .flatMap((stack) => {
      const vpc = [...model.vpcs.values()].find((v) => v.stack === stack);
      return vpc ? [{ name: stack.slice(SERVICE_STACK_PREFIX.length), stack, vpc }] : [];
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

/** Corporate clients anywhere in the corporate ranges, entering by each corporate route table. */
export function corporateClients(corporate: Corporate, label = 'corporate client'): Side[] {
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
  return declared ?? { vpc: corporate.vpc.id, range: { cidr: `${ip}/32` }, routeTables: corporate.routeTables, subnets: [], label };
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
