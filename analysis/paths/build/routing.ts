/** VPCs, subnets, peering connections, route tables and routes. */
import { Id, Peering, Route, RouteTable, RouteTargetKind, Subnet, TgwAttachment, TgwRouteTable, TransitGateway, Vpc, NetworkModel } from '../model';
import { Attributes, blocks, list, str } from '../terraform';
import { BuildContext, bool, displayName, literalName } from './context';

/** The model's part this builder fills: its types are the model's own. */
type RoutingPart = Pick<NetworkModel, 'vpcs' | 'subnets' | 'peerings' | 'routeTables' | 'transitGateways' | 'tgwAttachments' | 'tgwRouteTables'>;

export function buildRouting(ctx: BuildContext): RoutingPart {
  const vpcs = new Map<Id, Vpc>();
  for (const r of ctx.out.resources('aws_vpc')) {
    vpcs.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      cidr: str(r.attrs.cidr_block),
      account: ctx.account(r.stack),
      dnsSupport: bool(r.attrs.enable_dns_support, true),
      dnsHostnames: bool(r.attrs.enable_dns_hostnames, false),
    });
  }
  // An existing VPC looked up by id and CIDR: the CIDR is what peering can reach in it.
  for (const r of ctx.out.resources('data.aws_vpc')) {
    vpcs.set(r.address, {
      id: r.address,
      name: str(r.attrs.id) ?? displayName(r),
      stack: r.stack,
      cidr: str(r.attrs.cidr_block),
      account: ctx.account(r.stack),
      dnsSupport: true,
      dnsHostnames: true,
    });
  }
  const peerings = buildPeerings(ctx, vpcs);
  const transit = buildTransitGateways(ctx);
  // The corporate network behind a VPN / Direct Connect attachment is where its clients live.
  for (const attachment of transit.tgwAttachments.values()) {
    if (attachment.kind === 'corporate') vpcs.set(attachment.id, { id: attachment.id, name: `corporate network behind ${attachment.name}`, dnsSupport: true, dnsHostnames: true });
  }
  const { routeTables, mainOf, lookedUp } = buildRouteTables(ctx, vpcs, peerings, transit.transitGateways);
  return { vpcs, subnets: buildSubnets(ctx, mainOf, lookedUp), peerings, routeTables, ...transit };
}

/** A Transit Gateway named by a plain id (an existing one) is known by that id only. */
function literalTransitGateway(gateways: Map<Id, TransitGateway>, id: Id | undefined): Id | undefined {
  if (id?.startsWith('literal:') && !gateways.has(id)) {
    // What an existing Transit Gateway does with attachments of other accounts is in the account file, not in the output.
    gateways.set(id, { id, name: literalName(id), autoAccept: false, defaultAssociation: false, defaultPropagation: false });
  }
  return id;
}

function buildTransitGateways(ctx: BuildContext) {
  const transitGateways = new Map<Id, TransitGateway>();
  for (const r of ctx.out.resources('aws_ec2_transit_gateway')) {
    const enabled = (key: string) => (str(r.attrs[key]) ?? 'enable') === 'enable';
    transitGateways.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      account: ctx.account(r.stack),
      autoAccept: (str(r.attrs.auto_accept_shared_attachments) ?? 'disable') === 'enable',
      defaultAssociation: enabled('default_route_table_association'),
      defaultPropagation: enabled('default_route_table_propagation'),
    });
  }
  const tgwAttachments = new Map<Id, TgwAttachment>();
  for (const r of ctx.out.resources('aws_ec2_transit_gateway_vpc_attachment')) {
    const transitGateway = literalTransitGateway(transitGateways, ctx.idOf(r.stack, r.attrs.transit_gateway_id));
    if (!transitGateway) continue;
    tgwAttachments.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      transitGateway,
      kind: 'vpc',
      vpc: ctx.idOf(r.stack, r.attrs.vpc_id),
      subnets: ctx.ids(r.stack, r.attrs.subnet_ids),
      account: ctx.account(r.stack),
      accepters: [],
    });
  }
  for (const r of ctx.out.resources('aws_ec2_transit_gateway_vpc_attachment_accepter')) {
    tgwAttachments.get(ctx.idOf(r.stack, r.attrs.transit_gateway_attachment_id) ?? '')?.accepters.push({ id: r.address, account: ctx.account(r.stack) });
  }
  const tgwRouteTables = new Map<Id, TgwRouteTable>();
  for (const r of ctx.out.resources('aws_ec2_transit_gateway_route_table')) {
    const transitGateway = literalTransitGateway(transitGateways, ctx.idOf(r.stack, r.attrs.transit_gateway_id));
    if (transitGateway) tgwRouteTables.set(r.address, { id: r.address, name: displayName(r), stack: r.stack, transitGateway, associations: [], propagations: [], routes: [] });
  }
  // An attachment named by a plain id is the corporate network's (VPN or Direct Connect gateway);
  // one named through its accepter is the accepted VPC attachment.
  const attachmentOf = (stack: string, value: unknown, table: TgwRouteTable): Id | undefined => {
    const accepter = ctx.resourceOf(stack, value, 'aws_ec2_transit_gateway_vpc_attachment_accepter');
    if (accepter) return ctx.idOf(accepter.stack, accepter.attrs.transit_gateway_attachment_id);
    const id = ctx.idOf(stack, value);
    if (id?.startsWith('literal:') && !tgwAttachments.has(id)) {
      tgwAttachments.set(id, { id, name: literalName(id), transitGateway: table.transitGateway, kind: 'corporate', subnets: [], accepters: [] });
    }
    return id;
  };
  const wire = [
    ['aws_ec2_transit_gateway_route_table_association', 'associations'],
    ['aws_ec2_transit_gateway_route_table_propagation', 'propagations'],
  ] as const;
  for (const [type, field] of wire) {
    for (const r of ctx.out.resources(type)) {
      const table = tgwRouteTables.get(ctx.idOf(r.stack, r.attrs.transit_gateway_route_table_id) ?? '');
      const attachment = table && attachmentOf(r.stack, r.attrs.transit_gateway_attachment_id, table);
      if (table && attachment) table[field].push({ attachment, via: r.address });
    }
  }
  for (const r of ctx.out.resources('aws_ec2_transit_gateway_route')) {
    const table = tgwRouteTables.get(ctx.idOf(r.stack, r.attrs.transit_gateway_route_table_id) ?? '');
    const cidr = str(r.attrs.destination_cidr_block);
    if (!table || !cidr) continue;
    const blackhole = bool(r.attrs.blackhole, false);
    table.routes.push({ cidr, blackhole, attachment: blackhole ? undefined : attachmentOf(r.stack, r.attrs.transit_gateway_attachment_id, table), via: r.address });
  }
  return { transitGateways, tgwAttachments, tgwRouteTables };
}

/** A VPC that the output names only by id (an existing corporate VPC): its CIDR and DNS are not known. */
function literalVpc(vpcs: Map<Id, Vpc>, id: Id, account: string | undefined): void {
  if (!id.startsWith('literal:') || vpcs.has(id)) return;
  vpcs.set(id, { id, name: literalName(id), account, dnsSupport: true, dnsHostnames: true });
}

function buildPeerings(ctx: BuildContext, vpcs: Map<Id, Vpc>): Map<Id, Peering> {
  const peerings = new Map<Id, Peering>();
  for (const r of ctx.out.resources('aws_vpc_peering_connection')) {
    const requesterVpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    const accepterVpc = ctx.idOf(r.stack, r.attrs.peer_vpc_id);
    if (!requesterVpc || !accepterVpc) continue;
    const requesterAccount = ctx.account(r.stack);
    const accepterAccount = str(r.attrs.peer_owner_id) ?? requesterAccount;
    literalVpc(vpcs, accepterVpc, accepterAccount);
    peerings.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      requesterVpc,
      accepterVpc,
      requesterAccount,
      accepterAccount,
      autoAccept: bool(r.attrs.auto_accept, false),
      accepters: [],
    });
  }
  for (const r of ctx.out.resources('aws_vpc_peering_connection_accepter')) {
    const peering = peerings.get(peeringId(ctx, r.stack, r.attrs.vpc_peering_connection_id) ?? '');
    if (peering && bool(r.attrs.auto_accept, false)) peering.accepters.push({ id: r.address, account: ctx.account(r.stack) });
  }
  return peerings;
}

/** Routes name a peering by the request's id or by the accepter's (the same connection id). */
function peeringId(ctx: BuildContext, stack: string, value: unknown): Id | undefined {
  const accepter = ctx.resourceOf(stack, value, 'aws_vpc_peering_connection_accepter');
  return accepter ? peeringId(ctx, accepter.stack, accepter.attrs.vpc_peering_connection_id) : ctx.idOf(stack, value);
}

function buildRouteTables(ctx: BuildContext, vpcs: Map<Id, Vpc>, peerings: Map<Id, Peering>, transitGateways: Map<Id, TransitGateway>) {
  const routeTables = new Map<Id, RouteTable>();
  const mainOf = new Map<Id, Id>();
  // Every VPC the output creates has a main route table with only the local route unless the output changes it.
  for (const vpc of vpcs.values()) {
    if (vpc.id.startsWith('literal:') || vpc.id.includes('/data.aws_vpc.')) continue;
    const id = `${vpc.id}#main`;
    routeTables.set(id, { id, name: `${vpc.name} main`, stack: vpc.stack, vpc: vpc.id, routes: [] });
    mainOf.set(vpc.id, id);
  }
  const parse = (stack: string, attrs: Attributes, cidrKey: string) => parseRoute(ctx, peerings, transitGateways, stack, attrs, cidrKey);
  for (const r of ctx.out.resources('aws_route_table')) {
    const routes = blocks(r.attrs.route).flatMap((b) => parse(r.stack, b, 'cidr_block') ?? []);
    routeTables.set(r.address, { id: r.address, name: displayName(r), stack: r.stack, vpc: ctx.idOf(r.stack, r.attrs.vpc_id), routes });
  }
  for (const r of ctx.out.resources('aws_default_route_table')) {
    const main = routeTables.get(`${ctx.idOf(r.stack, r.attrs.default_route_table_id)}#main`);
    if (!main) continue;
    main.name = displayName(r);
    main.routes.push(...blocks(r.attrs.route).flatMap((b) => parse(r.stack, b, 'cidr_block') ?? []));
  }
  for (const r of ctx.out.resources('aws_main_route_table_association')) {
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    const table = ctx.idOf(r.stack, r.attrs.route_table_id);
    if (vpc && table) mainOf.set(vpc, table);
  }
  // An existing route table looked up by id (one lookup per subnet that uses it) is one table,
  // the same one a literal id names. What routes it had before this output is not in the output.
  const lookedUp = new Map<Id, Id>();
  for (const r of ctx.out.resources('data.aws_route_table')) {
    const given = str(r.attrs.route_table_id);
    if (!given) continue;
    const id = `literal:${given}`;
    lookedUp.set(r.address, id);
    if (!routeTables.has(id)) routeTables.set(id, { id, name: given, stack: r.stack, vpc: ctx.idOf(r.stack, r.attrs.vpc_id), routes: [] });
  }
  const tableFor = (stack: string, value: unknown): RouteTable | undefined => {
    const named = ctx.idOf(stack, value);
    const id = named && (lookedUp.get(named) ?? named);
    if (id?.startsWith('literal:') && !routeTables.has(id)) routeTables.set(id, { id, name: literalName(id), routes: [] });
    return id ? routeTables.get(id) : undefined;
  };
  for (const r of ctx.out.resources('aws_route')) {
    const route = parse(r.stack, r.attrs, 'destination_cidr_block');
    if (route) tableFor(r.stack, r.attrs.route_table_id)?.routes.push(route);
  }
  for (const { endpoint, tables } of gatewayEndpointTables(ctx)) {
    for (const { stack, value } of tables) {
      tableFor(stack, value)?.routes.push({
        destination: { prefixListOf: endpoint.address },
        kind: 'gateway-endpoint',
        target: endpoint.address,
        via: `gateway endpoint ${displayName(endpoint)}`,
      });
    }
  }
  // Route tables named only by a literal id belong to the VPC the output does not create, when
  // there is exactly one whose tables are not looked up: the existing corporate VPC, whose route
  // tables come from configuration.
  const withTables = new Set([...routeTables.values()].map((table) => table.vpc));
  const literalVpcs = [...vpcs.keys()].filter((id) => (id.startsWith('literal:') || id.includes('/data.aws_vpc.')) && !withTables.has(id));
  if (literalVpcs.length === 1) {
    for (const table of routeTables.values()) if (table.id.startsWith('literal:') && table.vpc === undefined) table.vpc = literalVpcs[0];
  }
  return { routeTables, mainOf, lookedUp };
}

/** Gateway endpoints add a prefix-list route to each of their route tables. */
function gatewayEndpointTables(ctx: BuildContext) {
  const gateways = ctx.out.resources('aws_vpc_endpoint').filter((r) => (str(r.attrs.vpc_endpoint_type) ?? 'Gateway') === 'Gateway');
  const direct = gateways.map((endpoint) => ({
    endpoint,
    tables: list(endpoint.attrs.route_table_ids).map((value) => ({ stack: endpoint.stack, value })),
  }));
  const associated = ctx.out.resources('aws_vpc_endpoint_route_table_association').flatMap((r) => {
    const endpoint = ctx.resourceOf(r.stack, r.attrs.vpc_endpoint_id, 'aws_vpc_endpoint');
    return endpoint && gateways.includes(endpoint) ? [{ endpoint, tables: [{ stack: r.stack, value: r.attrs.route_table_id }] }] : [];
  });
  return [...direct, ...associated];
}

const TARGETS: { key: string; kind: RouteTargetKind }[] = [
  { key: 'nat_gateway_id', kind: 'internet' },
  { key: 'egress_only_gateway_id', kind: 'internet' },
  { key: 'carrier_gateway_id', kind: 'internet' },
  { key: 'local_gateway_id', kind: 'other-gateway' },
  { key: 'network_interface_id', kind: 'other-gateway' },
  { key: 'core_network_arn', kind: 'other-gateway' },
  // Gateway Load Balancer endpoints: the appliance behind them may forward anywhere.
  { key: 'vpc_endpoint_id', kind: 'other-gateway' },
];

function parseRoute(
  ctx: BuildContext,
  peerings: Map<Id, Peering>,
  transitGateways: Map<Id, TransitGateway>,
  stack: string,
  attrs: Attributes,
  cidrKey: string,
): Route | undefined {
  const cidr = str(attrs[cidrKey]) ?? str(attrs.destination_ipv6_cidr_block) ?? str(attrs.ipv6_cidr_block);
  const prefixList = ctx.idOf(stack, attrs.destination_prefix_list_id);
  const destination = cidr ? { cidr } : prefixList ? { prefixListOf: prefixList } : undefined;
  if (!destination) return undefined;
  const written = (key: string) => str(attrs[key]);
  if (attrs.vpc_peering_connection_id !== undefined) {
    const target = peeringId(ctx, stack, attrs.vpc_peering_connection_id);
    const peering = target ? peerings.get(target) : undefined;
    return peering
      ? { destination, kind: 'peering', target, via: `peering ${peering.name}` }
      : { destination, kind: 'unresolved', via: `peering ${written('vpc_peering_connection_id')}` };
  }
  if (attrs.transit_gateway_id !== undefined && attrs.transit_gateway_id !== '') {
    const target = literalTransitGateway(transitGateways, ctx.idOf(stack, attrs.transit_gateway_id));
    const gateway = target ? transitGateways.get(target) : undefined;
    return gateway
      ? { destination, kind: 'transit-gateway', target, via: `Transit Gateway ${gateway.name}` }
      : { destination, kind: 'unresolved', via: `Transit Gateway ${written('transit_gateway_id')}` };
  }
  const gateway = written('gateway_id');
  if (gateway !== undefined) {
    if (gateway === 'local') return undefined;
    const resolved = ctx.out.resolve(stack, gateway);
    if (resolved?.kind === 'missing') return { destination, kind: 'unresolved', via: gateway };
    const isInternet = resolved?.kind === 'resource' ? resolved.resource.type === 'aws_internet_gateway' : gateway.startsWith('igw-');
    return { destination, kind: isInternet ? 'internet' : 'other-gateway', via: describeTarget(ctx, stack, gateway) };
  }
  const target = TARGETS.find(({ key }) => attrs[key] !== undefined && attrs[key] !== '');
  if (!target) return undefined;
  const value = written(target.key) ?? '';
  const kind = ctx.out.resolve(stack, value)?.kind === 'missing' ? 'unresolved' : target.kind;
  return { destination, kind, via: describeTarget(ctx, stack, value) };
}

function describeTarget(ctx: BuildContext, stack: string, value: string): string {
  const resolved = ctx.out.resolve(stack, value);
  return resolved?.kind === 'resource' ? `${resolved.resource.type} ${displayName(resolved.resource)}` : value;
}

function buildSubnets(ctx: BuildContext, mainOf: Map<Id, Id>, lookedUp: Map<Id, Id>): Map<Id, Subnet> {
  const explicit = new Map<Id, Id>();
  for (const r of ctx.out.resources('aws_route_table_association')) {
    const subnet = ctx.idOf(r.stack, r.attrs.subnet_id);
    const table = ctx.idOf(r.stack, r.attrs.route_table_id);
    if (subnet && table) explicit.set(subnet, table);
  }
  // A route table looked up with a subnet_id is that subnet's explicitly associated one (the plan fails otherwise).
  for (const r of ctx.out.resources('data.aws_route_table')) {
    const subnet = ctx.idOf(r.stack, r.attrs.subnet_id);
    const table = lookedUp.get(r.address);
    if (subnet && table) explicit.set(subnet, table);
  }
  const subnets = new Map<Id, Subnet>();
  for (const r of ctx.out.resources('aws_subnet')) {
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    const cidr = str(r.attrs.cidr_block);
    if (!vpc || !cidr) continue;
    subnets.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      vpc,
      cidr,
      azId: str(r.attrs.availability_zone_id) ?? str(r.attrs.availability_zone),
      // A subnet without an explicit association uses the VPC's main route table.
      routeTable: explicit.get(r.address) ?? mainOf.get(vpc) ?? `${vpc}#main`,
    });
  }
  // An existing subnet looked up by id, VPC, AZ id and CIDR: the plan fails unless AWS agrees.
  for (const r of ctx.out.resources('data.aws_subnet')) {
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    const cidr = str(r.attrs.cidr_block);
    if (!vpc || !cidr) continue;
    subnets.set(r.address, {
      id: r.address,
      name: str(r.attrs.id) ?? displayName(r),
      stack: r.stack,
      vpc,
      cidr,
      azId: str(r.attrs.availability_zone_id),
      routeTable: explicit.get(r.address) ?? `${vpc}#main`,
    });
  }
  return subnets;
}
