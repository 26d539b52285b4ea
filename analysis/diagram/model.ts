/**
 * The architecture as a graph, derived from the synthesized stacks only: accounts and VPCs are
 * clusters, resources are nodes, references between resources become edges, and the request flow
 * of ARCHITECTURE.md (steps 1-7) is laid over them. Renderers (Mermaid, DOT) only format this.
 */
import { NETWORK_STACK, stackId, studioEndpointService, studioDnsZone } from '../../modules/shared/naming';
import { Address, Body, Resource, DiagramStack, addressKey, referenceTo, referencesIn, resourcesOfType } from './synthesized';

export type ClusterKind = 'account' | 'vpc' | 'corporate';
export type NodeKind = 'person' | 'dns' | 'endpoint' | 'api' | 'lambda' | 'data' | 'studio' | 'transit';
export type EdgeKind = 'flow' | 'peering' | 'dns' | 'share' | 'attachment';

export interface DiagramCluster {
  id: string;
  kind: ClusterKind;
  lines: string[];
  parent?: string;
}

interface DiagramNode {
  id: string;
  kind: NodeKind;
  lines: string[];
  cluster: string;
}

/** `from` and `to` are node or cluster ids. */
export interface DiagramEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label: string;
  /** Request flow step (1-7), for `flow` edges. */
  step?: number;
}

export interface Diagram {
  title: string;
  clusters: DiagramCluster[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Text of each request flow step, step 1 first. */
  steps: string[];
}

const FLOW_STEPS = [
  'sign in to the corporate IdP (OIDC), open Studio in the portal',
  'portal: GET /studio with the JWT, {api-id}-{vpce-id} host',
  'execute-api endpoint; API policy: aws:SourceVpce = that endpoint',
  'Lambda authorizer verifies the JWT, passes the username',
  'presign Lambda: mapping lookup, CreatePresignedDomainUrl via the SageMaker API endpoint, 302',
  'browser resolves every *.studio host: corporate DNS → inbound resolver → hub Studio endpoint (private DNS)',
  'Studio session over the Studio endpoint (HTTPS + WebSocket)',
];

const safeId = (...parts: string[]): string => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
const nodeId = (a: Address): string => safeId('n', a.stack, a.name);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const tagName = (body: Body): string => str((body.tags as Body | undefined)?.Name);

/** Mutable while building; the result is plain data. */
class DiagramBuilder {
  readonly clusters: DiagramCluster[] = [];
  readonly nodes: DiagramNode[] = [];
  readonly edges: DiagramEdge[] = [];

  constructor(readonly stacks: readonly DiagramStack[]) {}

  cluster(cluster: DiagramCluster): string {
    this.clusters.push(cluster);
    return cluster.id;
  }

  node(node: DiagramNode): string {
    this.nodes.push(node);
    return node.id;
  }

  /** A fact learnt after a node or cluster was drawn, e.g. a forwarding rule applied where it stands. */
  addLine(id: string, line: string): void {
    const target = this.nodes.find((n) => n.id === id) ?? this.clusters.find((c) => c.id === id);
    if (!target) throw new Error(`no node or cluster ${id}`);
    if (!target.lines.includes(line)) target.lines.push(line);
  }

  edge(edge: DiagramEdge): void {
    const duplicate = this.edges.some((e) => e.from === edge.from && e.to === edge.to && e.label === edge.label);
    if (!duplicate) this.edges.push(edge);
  }

  flow(step: number, from: string, to: string, text: string): void {
    this.edge({ from, to, kind: 'flow', step, label: `${step} ${text}` });
  }

  resources(type: string): Resource[] {
    return resourcesOfType(this.stacks, type);
  }

  /** The resource of `type` that `value`, an argument of a resource in `from`'s stack, refers to. */
  ref(from: Address, value: unknown, type: string): Address | undefined {
    return referenceTo(this.stacks, from.stack, value, type);
  }

  /** Resources of `type` whose `attribute` refers to `target`. */
  referencing(type: string, attribute: string, target: Address): Resource[] {
    return this.resources(type).filter((r) => {
      const ref = this.ref(r, r.body[attribute], target.type);
      return ref !== undefined && addressKey(ref) === addressKey(target);
    });
  }

  resource(a: Address): Resource {
    const body = this.stacks.find((s) => s.name === a.stack)?.resources[a.type]?.[a.name];
    if (!body) throw new Error(`${addressKey(a)} is referenced but not synthesized`);
    return { ...a, body };
  }

  body(a: Address): Body {
    return this.resource(a).body;
  }

  /** The VPC of a resource placed by `vpc_id` or by its first subnet. */
  vpcOf(resource: Resource, subnetValue?: unknown): Address | undefined {
    const direct = this.ref(resource, resource.body.vpc_id, 'aws_vpc');
    if (direct) return direct;
    const subnet = this.ref(resource, subnetValue, 'aws_subnet');
    return subnet && this.ref(subnet, this.body(subnet).vpc_id, 'aws_vpc');
  }
}

export function buildDiagram(stacks: readonly DiagramStack[]): Diagram {
  const network = stacks.find(isNetworkStack);
  if (!network) throw new Error(`no "${NETWORK_STACK}" stack (<environment>-<region>-${NETWORK_STACK}) in the synthesized output`);
  const b = new DiagramBuilder(stacks);
  const accounts = addAccounts(b);
  addVpcs(b, accounts);
  const corporate = addCorporateSide(b, network);
  const resolvers = addResolvers(b, network, corporate);
  addPeerings(b, corporate);
  addTransitGateway(b, network, accounts, corporate);
  addServices(b, accounts, corporate, resolvers);
  return {
    title: `Landing zone "${network.environment}" · ${network.region}`,
    clusters: b.clusters,
    nodes: b.nodes,
    edges: [...b.edges].sort((x, y) => (x.step ?? 99) - (y.step ?? 99)),
    steps: FLOW_STEPS,
  };
}

const isNetworkStack = (stack: DiagramStack): boolean => stack.name === stackId(stack, NETWORK_STACK);

/** Cluster of each stack's account; the network account first. */
function addAccounts(b: DiagramBuilder): Map<string, string> {
  const byAccount = new Map<string, DiagramStack[]>();
  for (const stack of b.stacks) byAccount.set(stack.accountId, [...(byAccount.get(stack.accountId) ?? []), stack]);
  const hostsNetwork = (stacks: DiagramStack[]) => stacks.some(isNetworkStack);
  const ordered = [...byAccount].sort(([, x], [, y]) => Number(hostsNetwork(y)) - Number(hostsNetwork(x)));
  const clusterOfStack = new Map<string, string>();
  for (const [accountId, stacks] of ordered) {
    const id = b.cluster({
      id: safeId('acct', accountId),
      kind: 'account',
      lines: [`${hostsNetwork(stacks) ? 'Network' : 'Service'} account ${accountId}`, `stacks: ${stacks.map((s) => s.name).join(', ')}`],
    });
    for (const stack of stacks) clusterOfStack.set(stack.name, id);
  }
  return clusterOfStack;
}

const vpcCluster = (vpc: Address): string => safeId('vpc', vpc.stack, vpc.name);

function addVpcs(b: DiagramBuilder, accounts: Map<string, string>): void {
  for (const vpc of b.resources('aws_vpc')) {
    b.cluster({ id: vpcCluster(vpc), kind: 'vpc', lines: [`VPC ${tagName(vpc.body)}`, str(vpc.body.cidr_block)], parent: accounts.get(vpc.stack) });
  }
}

/**
 * Where the corporate users, IdP and DNS are: the simulated corporate VPC (peered, or attached to
 * the Transit Gateway), the clients' own existing VPC, or the corporate network behind the Transit
 * Gateway's VPN / Direct Connect attachment.
 */
interface CorporateSide {
  cluster: string;
  /** The corporate network is outside the synthesized output (its DNS is the corporate team's). */
  external: boolean;
  user: string;
}

const ATTACHMENT_ID = /^tgw-attach-[0-9a-f]+$/;

function addCorporateSide(b: DiagramBuilder, network: DiagramStack): CorporateSide {
  const hubPeering = b.resources('aws_vpc_peering_connection').find((p) => p.stack === network.name);
  // The simulated corporate VPC on a Transit Gateway: the attached VPC whose DNS answers the corporate domains.
  const answersHostedZones = (vpc: Address) => b.resources('aws_route53_zone').some((z) => list(z.body.vpc).some((v) => b.ref(z, (v as Body).vpc_id, 'aws_vpc')?.name === vpc.name));
  const attachedVpc = b.resources('aws_ec2_transit_gateway_vpc_attachment')
    .filter((a) => a.stack === network.name)
    .map((a) => b.ref(a, a.body.vpc_id, 'aws_vpc'))
    .find((vpc): vpc is Address => vpc !== undefined && answersHostedZones(vpc));
  const simulatedVpc = hubPeering ? b.ref(hubPeering, hubPeering.body.peer_vpc_id, 'aws_vpc') : attachedVpc;
  let cluster: string;
  let external = false;
  if (simulatedVpc) {
    cluster = vpcCluster(simulatedVpc);
    const simulated = b.clusters.find((c) => c.id === cluster);
    if (simulated) simulated.kind = 'corporate';
    b.addLine(cluster, 'simulated corporate network');
  } else if (hubPeering) {
    external = true;
    const lookup = /^\$\{data\.aws_vpc\.([^.]+)\.id\}$/.exec(str(hubPeering.body.peer_vpc_id))?.[1];
    const existing = lookup ? network.data.aws_vpc?.[lookup] : undefined;
    cluster = b.cluster({
      id: 'corporate',
      kind: 'corporate',
      lines: ['Corporate clients', `in existing VPC ${str(existing?.id)} (network account)`, str(existing?.cidr_block)],
    });
  } else {
    external = true;
    const routes = b.resources('aws_ec2_transit_gateway_route').filter((r) => ATTACHMENT_ID.test(str(r.body.transit_gateway_attachment_id)));
    if (routes.length === 0) throw new Error(`the ${network.name} stack has neither a peering nor a Transit Gateway route to the corporate side`);
    cluster = b.cluster({
      id: 'corporate',
      kind: 'corporate',
      lines: [
        'Corporate network (on premises)',
        `behind VPN / Direct Connect attachment ${str(routes[0].body.transit_gateway_attachment_id)}`,
        [...new Set(routes.map((r) => str(r.body.destination_cidr_block)))].join(' · '),
      ],
    });
  }
  const user = b.node({ id: 'user', kind: 'person', lines: ['Corporate user', 'browser + portal'], cluster });
  const issuers = [...new Set(b.resources('aws_lambda_function').map((f) => str(lambdaEnvironment(f).IDP_ISSUER)).filter(Boolean))];
  const idp = b.node({ id: 'idp', kind: 'person', lines: ['Corporate IdP (OIDC)', ...issuers], cluster });
  b.flow(1, user, idp, 'sign in');
  return { cluster, external, user };
}

const lambdaEnvironment = (f: Resource): Body => ((f.body.environment as Body | undefined)?.variables as Body | undefined) ?? {};

/** The resolver nodes the DNS edges start and end at. */
interface Resolvers {
  /** The hub's inbound endpoint: the corporate DNS forwards Studio names to it. */
  hubInbound: string;
  /** Inbound endpoint node of each VPC that has one, by VPC address. */
  inboundInVpc: Map<string, string>;
  /** Node (or VPC cluster) whose resolver applies each FORWARD rule, by rule address. */
  ruleSource: Map<string, { from: string; domain: string }>;
}

function addResolvers(b: DiagramBuilder, network: DiagramStack, corporate: CorporateSide): Resolvers {
  const byIp = new Map<string, string>();
  const inboundInVpc = new Map<string, string>();
  let hubInbound: string | undefined;
  let corporateDns: string | undefined;
  const hostedZonesOfVpc = (vpc: Address) =>
    b.resources('aws_route53_zone')
      .filter((z) => list(z.body.vpc).some((v) => {
        const associated = b.ref(z, (v as Body).vpc_id, 'aws_vpc');
        return associated !== undefined && addressKey(associated) === addressKey(vpc);
      }))
      .map((z) => str(z.body.name));

  for (const endpoint of b.resources('aws_route53_resolver_endpoint').filter((e) => e.body.direction === 'INBOUND')) {
    const addresses = list(endpoint.body.ip_address) as Body[];
    const vpc = b.vpcOf(endpoint, addresses[0]?.subnet_id);
    if (!vpc) continue;
    const ips = addresses.map((a) => str(a.ip));
    const isCorporate = vpcCluster(vpc) === corporate.cluster;
    const id = b.node({
      id: nodeId(endpoint),
      kind: 'dns',
      cluster: vpcCluster(vpc),
      lines: isCorporate
        ? ['Corporate DNS (simulated)', ips.join(' · '), ...hostedZonesOfVpc(vpc).map((hostedZone) => `answers ${hostedZone}`)]
        : ['Route 53 Resolver', `inbound endpoint ${ips.join(' · ')}`],
    });
    ips.forEach((ip) => byIp.set(ip, id));
    inboundInVpc.set(addressKey(vpc), id);
    if (isCorporate) corporateDns = id;
    else if (endpoint.stack === network.name) hubInbound ??= id;
  }
  if (!hubInbound) throw new Error('no inbound resolver endpoint in the hub VPC');

  const ruleSource = new Map<string, { from: string; domain: string }>();
  const studioDns = studioDnsZone(network.region);
  for (const rule of b.resources('aws_route53_resolver_rule').filter((r) => r.body.rule_type === 'FORWARD')) {
    const endpointAddress = b.ref(rule, rule.body.resolver_endpoint_id, 'aws_route53_resolver_endpoint');
    const outbound = endpointAddress && b.resource(endpointAddress);
    const vpc = outbound && b.vpcOf(outbound, (list(outbound.body.ip_address)[0] as Body | undefined)?.subnet_id);
    if (!vpc) continue;
    const from = inboundInVpc.get(addressKey(vpc)) ?? vpcCluster(vpc);
    const domain = str(rule.body.domain_name);
    const targets = (list(rule.body.target_ip) as Body[]).map((t) => str(t.ip));
    // A target that no synthesized endpoint owns is the corporate DNS of an existing network.
    const to = byIp.get(targets[0]) ?? (corporateDns ??= b.node({ id: 'corporate_dns', kind: 'dns', cluster: corporate.cluster, lines: ['Corporate DNS', targets.join(' · ')] }));
    ruleSource.set(addressKey(rule), { from, domain });
    if (to === hubInbound && domain === studioDns) {
      b.flow(6, from, to, 'forward');
      b.addLine(from, `forwards ${domain}`);
    } else {
      b.edge({ from, to, kind: 'dns', label: `FORWARD ${domain}` });
      const shared = b.referencing('aws_ram_resource_association', 'resource_arn', rule).length > 0;
      b.addLine(from, `outbound: FORWARD ${domain}${shared ? ', RAM-shared' : ''}`);
    }
  }
  if (corporateDns) {
    b.flow(6, corporate.user, corporateDns, 'resolve');
    if (corporate.external) {
      // With an existing corporate network, the conditional forwarder is the generated corporate-dns/ configuration.
      b.flow(6, corporateDns, hubInbound, 'forward');
      b.addLine(corporateDns, `forwards ${studioDns} (corporate-dns/)`);
    }
  }
  return { hubInbound, inboundInVpc, ruleSource };
}

function addPeerings(b: DiagramBuilder, corporate: CorporateSide): void {
  for (const peering of b.resources('aws_vpc_peering_connection')) {
    const vpc = b.ref(peering, peering.body.vpc_id, 'aws_vpc');
    const peer = b.ref(peering, peering.body.peer_vpc_id, 'aws_vpc');
    if (!vpc) continue;
    const accepter = b.referencing('aws_vpc_peering_connection_accepter', 'vpc_peering_connection_id', peering)[0];
    b.edge({
      from: vpcCluster(vpc),
      to: peer ? vpcCluster(peer) : corporate.cluster,
      kind: 'peering',
      label: accepter ? `VPC peering (${accepter.stack})` : 'VPC peering',
    });
  }
}

/**
 * The Transit Gateway (created, or an existing one known by id) as a node of the network account,
 * with an edge from every attached VPC and from the corporate network's VPN / Direct Connect
 * attachment, each labelled with the route table it is associated with.
 */
function addTransitGateway(b: DiagramBuilder, network: DiagramStack, accounts: Map<string, string>, corporate: CorporateSide): void {
  const tables = b.resources('aws_ec2_transit_gateway_route_table');
  if (tables.length === 0) return;
  const created = b.resources('aws_ec2_transit_gateway')[0];
  const id = b.node({
    id: 'transit_gateway',
    kind: 'transit',
    cluster: accounts.get(network.name) as string,
    lines: [
      'Transit Gateway',
      created ? `${tagName(created.body)} (created)` : `${str(tables[0].body.transit_gateway_id)} (existing)`,
      'default association and propagation off',
      ...tables.map((t) => `route table ${tagName(t.body)}`),
    ],
  });
  // An attachment's association is in the network stack, or in its link stack through the accepter.
  const tableOf = (attachment: Resource): string => {
    const accepter = b.referencing('aws_ec2_transit_gateway_vpc_attachment_accepter', 'transit_gateway_attachment_id', attachment)[0];
    const association = b.resources('aws_ec2_transit_gateway_route_table_association').find((a) => {
      const target = b.ref(a, a.body.transit_gateway_attachment_id, accepter ? accepter.type : attachment.type);
      return target !== undefined && addressKey(target) === addressKey(accepter ?? attachment);
    });
    const table = association && b.ref(association, association.body.transit_gateway_route_table_id, 'aws_ec2_transit_gateway_route_table');
    return table ? `→ ${tagName(b.body(table))}${accepter ? ` (accepted by ${accepter.stack})` : ''}` : 'not associated';
  };
  for (const attachment of b.resources('aws_ec2_transit_gateway_vpc_attachment')) {
    const vpc = b.ref(attachment, attachment.body.vpc_id, 'aws_vpc');
    if (vpc) b.edge({ from: vpcCluster(vpc), to: id, kind: 'attachment', label: `attachment ${tableOf(attachment)}` });
  }
  for (const association of b.resources('aws_ec2_transit_gateway_route_table_association')) {
    const attachment = str(association.body.transit_gateway_attachment_id);
    if (ATTACHMENT_ID.test(attachment)) b.edge({ from: corporate.cluster, to: id, kind: 'attachment', label: `VPN / Direct Connect attachment ${attachment}` });
  }
}

/** `com.amazonaws.<region>.sagemaker.api` -> `sagemaker.api`; the Studio service -> `studio`. */
function endpointShortName(serviceName: string, region: string): string {
  return serviceName === studioEndpointService(region) ? 'studio' : serviceName.replace(`com.amazonaws.${region}.`, '');
}

/** The endpoints the flow goes through get a node each; the others are listed in their VPC's label. */
const FLOW_ENDPOINTS = new Set(['execute-api', 'sagemaker.api', 'studio']);

function addServices(b: DiagramBuilder, accounts: Map<string, string>, corporate: CorporateSide, resolvers: Resolvers): void {
  const region = b.stacks[0].region;
  const endpointNodes = addEndpoints(b, region);
  const inVpc = (r: Resource, subnets?: unknown) => {
    const vpc = b.vpcOf(r, subnets);
    return vpc ? vpcCluster(vpc) : (accounts.get(r.stack) as string);
  };

  for (const f of b.resources('aws_lambda_function')) {
    b.node({ id: nodeId(f), kind: 'lambda', cluster: inVpc(f, (f.body.vpc_config as Body | undefined)?.subnet_ids), lines: ['Lambda', str(f.body.function_name)] });
  }
  for (const d of b.resources('aws_sagemaker_domain')) {
    b.node({ id: nodeId(d), kind: 'studio', cluster: inVpc(d), lines: ['Studio domain', str(d.body.domain_name), `${str(d.body.app_network_access_type)} · ${str(d.body.auth_mode)} auth`] });
  }
  for (const t of b.resources('aws_dynamodb_table')) {
    b.node({ id: nodeId(t), kind: 'data', cluster: accounts.get(t.stack) as string, lines: ['DynamoDB mapping table', str(t.body.name)] });
  }
  for (const api of b.resources('aws_api_gateway_rest_api')) addApi(b, api, accounts, corporate, endpointNodes);

  for (const f of b.resources('aws_lambda_function')) {
    for (const table of referencesIn(b.stacks, f.stack, lambdaEnvironment(f)).filter((a) => a.type === 'aws_dynamodb_table')) {
      b.flow(5, nodeId(f), nodeId(table), 'look up');
    }
    // The presign policy binds the URL to the SageMaker API endpoint it calls.
    const role = b.ref(f, f.body.role, 'aws_iam_role');
    const policies = role ? b.referencing('aws_iam_role_policy', 'role', role) : [];
    for (const endpoint of policies.flatMap((p) => referencesIn(b.stacks, p.stack, p.body.policy)).filter((a) => a.type === 'aws_vpc_endpoint')) {
      const node = endpointNodes.get(addressKey(endpoint));
      if (node?.short === 'sagemaker.api') b.flow(5, nodeId(f), node.id, 'presign URL');
    }
  }

  for (const [, endpoint] of endpointNodes) {
    if (endpoint.short !== 'studio') continue;
    b.flow(7, corporate.user, endpoint.id, 'Studio (wss)');
    // The hub's endpoint carries the sessions of every domain; a service's own one, its domains'.
    const central = resolvers.inboundInVpc.get(endpoint.vpc) === resolvers.hubInbound;
    for (const d of b.resources('aws_sagemaker_domain').filter((d) => central || inVpc(d) === endpoint.cluster)) b.flow(7, endpoint.id, nodeId(d), 'session');
    if (central && endpoint.privateDns) b.flow(6, resolvers.hubInbound, endpoint.id, `private DNS: *.${studioDnsZone(region)}`);
  }
  addSharedRules(b, resolvers);
}

interface EndpointNode {
  id: string;
  short: string;
  cluster: string;
  /** Address key of the endpoint's VPC. */
  vpc: string;
  privateDns: boolean;
}

function addEndpoints(b: DiagramBuilder, region: string): Map<string, EndpointNode> {
  const nodes = new Map<string, EndpointNode>();
  const others = new Map<string, { interface: string[]; gateway: string[] }>();
  for (const e of b.resources('aws_vpc_endpoint')) {
    const vpc = b.vpcOf(e);
    if (!vpc) continue;
    const short = endpointShortName(str(e.body.service_name), region);
    const cluster = vpcCluster(vpc);
    if (FLOW_ENDPOINTS.has(short)) {
      const privateDns = e.body.private_dns_enabled === true;
      const id = b.node({ id: nodeId(e), kind: 'endpoint', cluster, lines: [`${short} endpoint`, privateDns ? 'private DNS on' : 'private DNS off'] });
      nodes.set(addressKey(e), { id, short, cluster, vpc: addressKey(vpc), privateDns });
    } else {
      const group = others.get(cluster) ?? { interface: [], gateway: [] };
      (e.body.vpc_endpoint_type === 'Gateway' ? group.gateway : group.interface).push(short);
      others.set(cluster, group);
    }
  }
  // The endpoints off the flow are listed under their VPC's name rather than drawn.
  for (const [cluster, group] of others) {
    b.addLine(cluster, `endpoints: ${group.interface.join(' · ')}`);
    if (group.gateway.length) b.addLine(cluster, `gateways: ${group.gateway.join(' · ')}`);
  }
  return nodes;
}

function addApi(b: DiagramBuilder, api: Resource, accounts: Map<string, string>, corporate: CorporateSide, endpoints: Map<string, EndpointNode>): void {
  const stage = b.referencing('aws_api_gateway_stage', 'rest_api_id', api)[0];
  const paths = b.referencing('aws_api_gateway_resource', 'rest_api_id', api).map((r) => str(r.body.path_part));
  const id = b.node({
    id: nodeId(api),
    kind: 'api',
    cluster: accounts.get(api.stack) as string,
    lines: ['Private REST API', str(api.body.name), ...paths.map((p) => `GET /${str(stage?.body.stage_name)}/${p}`)],
  });
  const allowed = referencesIn(b.stacks, api.stack, (api.body.endpoint_configuration as Body | undefined)?.vpc_endpoint_ids);
  for (const endpoint of allowed.map((a) => endpoints.get(addressKey(a))).filter((e): e is EndpointNode => e !== undefined)) {
    b.flow(2, corporate.user, endpoint.id, 'GET /studio');
    b.flow(3, endpoint.id, id, 'SourceVpce');
  }
  for (const authorizer of b.referencing('aws_api_gateway_authorizer', 'rest_api_id', api)) {
    const fn = b.ref(authorizer, authorizer.body.authorizer_uri, 'aws_lambda_function');
    if (fn) b.flow(4, id, nodeId(fn), 'verify JWT');
  }
  for (const integration of b.referencing('aws_api_gateway_integration', 'rest_api_id', api)) {
    const fn = b.ref(integration, integration.body.uri, 'aws_lambda_function');
    if (!fn) continue;
    b.flow(5, id, nodeId(fn), 'invoke');
    // The method's authorizer hands the username to the integration in the request context.
    const method = b.ref(integration, integration.body.http_method, 'aws_api_gateway_method');
    const authorizer = method && b.ref(method, b.body(method).authorizer_id, 'aws_api_gateway_authorizer');
    const verifier = authorizer && b.ref(authorizer, b.body(authorizer).authorizer_uri, 'aws_lambda_function');
    if (verifier) b.flow(4, nodeId(verifier), nodeId(fn), 'username');
  }
}

/** Rules applied to VPCs of other stacks reach them through the RAM share: one edge per VPC. */
function addSharedRules(b: DiagramBuilder, resolvers: Resolvers): void {
  const shared = new Map<string, { from: string; to: string; domains: string[] }>();
  for (const association of b.resources('aws_route53_resolver_rule_association')) {
    const rule = b.ref(association, association.body.resolver_rule_id, 'aws_route53_resolver_rule');
    const vpc = b.ref(association, association.body.vpc_id, 'aws_vpc');
    const source = rule && resolvers.ruleSource.get(addressKey(rule));
    if (!rule || !vpc || !source || rule.stack === association.stack) continue;
    const to = vpcCluster(vpc);
    const entry = shared.get(`${source.from} ${to}`) ?? { from: source.from, to, domains: [] };
    entry.domains.push(source.domain);
    shared.set(`${source.from} ${to}`, entry);
    b.addLine(to, `RAM-shared rule: FORWARD ${source.domain}`);
  }
  for (const { from, to, domains } of shared.values()) {
    b.edge({ from, to, kind: 'share', label: `RAM-shared rules: FORWARD ${domains.join(', ')}` });
  }
}
