/**
 * The network model the reachability analysis runs on, built from every stack of one synthesized
 * output. Objects are keyed by an `Id`:
 * - `<stack>/<type>.<name>` for a resource declared in the output (cross-stack references resolved
 *   back to the producing resource), or `<that>#main` for a VPC's implicit main route table;
 * - `literal:<value>` for something only named by a plain value (an existing VPC or route table).
 * Values known only after apply (ids, DNS names, prefix lists) never appear as values: the model
 * links objects to each other instead.
 */

export type Id = string;

interface Named {
  id: Id;
  /** For messages: the Name tag or name of the resource. */
  name: string;
  /** Stack that declares it; undefined for literal ids. */
  stack?: string;
}

export interface Vpc extends Named {
  /** Undefined for a VPC outside the output (known by id only). */
  cidr?: string;
  account?: string;
  dnsSupport: boolean;
  dnsHostnames: boolean;
}

export interface Subnet extends Named {
  vpc: Id;
  cidr: string;
  azId?: string;
  /** Its explicitly associated route table, or else the VPC's main route table. */
  routeTable: Id;
}

type RouteDestination = { cidr: string } | { prefixListOf: Id };

/**
 * Where a route sends traffic. `internet`: internet, egress-only internet or NAT gateway;
 * `other-gateway`: transit, VPN or local gateway, network interface (it may lead anywhere).
 */
export type RouteTargetKind = 'peering' | 'transit-gateway' | 'gateway-endpoint' | 'internet' | 'other-gateway' | 'unresolved';

export interface Route {
  destination: RouteDestination;
  kind: RouteTargetKind;
  /** The peering connection, Transit Gateway or gateway endpoint (`peering`, `transit-gateway`, `gateway-endpoint`). */
  target?: Id;
  /** For messages: what the route points at. */
  via: string;
}

export interface RouteTable extends Named {
  /** Undefined when only a literal id names the table and its VPC cannot be told. */
  vpc?: Id;
  /** Besides the implicit local route of the VPC. */
  routes: Route[];
}

export interface Peering extends Named {
  requesterVpc: Id;
  accepterVpc: Id;
  requesterAccount?: string;
  /** `peer_owner_id`, or the requester's account. */
  accepterAccount?: string;
  autoAccept: boolean;
  /** `aws_vpc_peering_connection_accepter` resources for it with `auto_accept`, and their account. */
  accepters: { id: Id; account?: string }[];
}

export interface TransitGateway extends Named {
  account?: string;
  /** `auto_accept_shared_attachments`: attachments of other accounts need no accepter. */
  autoAccept: boolean;
  /** Attachments land in the default route table (`default_route_table_association`/`_propagation`). */
  defaultAssociation: boolean;
  defaultPropagation: boolean;
}

/**
 * A Transit Gateway attachment: of a VPC (declared), or one known only by id, which is how the
 * corporate network arrives (a Site-to-Site VPN or Direct Connect gateway attachment).
 */
export interface TgwAttachment extends Named {
  transitGateway: Id;
  kind: 'vpc' | 'corporate';
  vpc?: Id;
  subnets: Id[];
  /** Account that creates the attachment. */
  account?: string;
  /** `aws_ec2_transit_gateway_vpc_attachment_accepter` resources for it, and their account. */
  accepters: { id: Id; account?: string }[];
}

interface TgwRoute {
  cidr: string;
  /** undefined for a blackhole route. */
  attachment?: Id;
  blackhole: boolean;
  /** The `aws_ec2_transit_gateway_route` resource. */
  via: Id;
}

export interface TgwRouteTable extends Named {
  transitGateway: Id;
  /** Attachments associated with the table, with the resource that associates each. */
  associations: { attachment: Id; via: Id }[];
  propagations: { attachment: Id; via: Id }[];
  routes: TgwRoute[];
}

export type Protocol = 'tcp' | 'udp' | 'icmp' | 'all' | string;

export type SgPeer = { cidr: string } | { securityGroup: Id } | { prefixListOf: Id };

export interface SgRule {
  protocol: Protocol;
  fromPort: number;
  toPort: number;
  peer: SgPeer;
}

export interface SecurityGroup extends Named {
  ingress: SgRule[];
  egress: SgRule[];
}

export interface NaclRule {
  ruleNumber: number;
  egress: boolean;
  protocol: Protocol;
  allow: boolean;
  cidr: string;
  fromPort: number;
  toPort: number;
}

export interface NetworkAcl extends Named {
  vpc?: Id;
  /** The VPC's default ACL applies to every subnet with no explicit ACL. */
  isDefault: boolean;
  subnets: Id[];
  rules: NaclRule[];
}

export interface VpcEndpoint extends Named {
  vpc: Id;
  type: 'Interface' | 'Gateway' | string;
  serviceName: string;
  privateDns: boolean;
  subnets: Id[];
  securityGroups: Id[];
}

export interface LambdaFunction extends Named {
  subnets: Id[];
  securityGroups: Id[];
  environment: Record<string, string>;
  /** IAM statements of the execution role's inline policies (references in canonical form). */
  statements: PolicyStatement[];
}

export interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface RestApi extends Named {
  types: string[];
  vpcEndpoints: Id[];
  /** Lambdas behind the API's authorizers and its integrations. */
  authorizers: Id[];
  integrations: Id[];
}

interface StudioDomain extends Named {
  vpc?: Id;
  appNetworkAccessType: string;
}

export interface ResolverEndpoint extends Named {
  direction: 'INBOUND' | 'OUTBOUND' | string;
  addresses: { subnet: Id; ip?: string }[];
  securityGroups: Id[];
}

export interface ResolverRule extends Named {
  account?: string;
  domain: string;
  ruleType: 'FORWARD' | 'SYSTEM' | 'RECURSIVE' | string;
  endpoint?: Id;
  targets: string[];
}

export interface RuleAssociation extends Named {
  account?: string;
  rule: Id;
  vpc: Id;
}

export interface RamShare extends Named {
  allowExternalPrincipals: boolean;
  resources: Id[];
  principals: string[];
  accepters: { id: Id; account?: string }[];
}

export interface DnsRecord extends Named {
  /** Lower case, no trailing dot; references in canonical form. */
  fqdn: string;
  type: string;
  alias?: AliasTarget;
}

/** How an alias picks its target out of an interface endpoint's `dns_entry` list. */
export type AliasTarget =
  | { kind: 'endpoint'; endpoint: Id; pick: 'regional-filter' | 'by-index' | 'other' }
  | { kind: 'other'; text: string };

export interface ZoneVpc {
  vpc: Id;
  /** The zone's own `vpc` block or an `aws_route53_zone_association`. */
  via: Id;
  /** Account whose credentials make the association. */
  account?: string;
}

export interface HostedZone extends Named {
  fqdn: string;
  account?: string;
  vpcs: ZoneVpc[];
  /** VPCs the zone owner authorizes for a cross-account association. */
  authorizedVpcs: Id[];
  records: DnsRecord[];
}

/** One DNS Firewall rule; `domains` undefined when its domain list is not in the output (a managed list). */
export interface FirewallRule {
  name: string;
  priority: number;
  action: 'ALLOW' | 'BLOCK' | 'ALERT' | string;
  domains?: string[];
}

export interface FirewallRuleGroup extends Named {
  /** Lowest priority first: the order DNS Firewall evaluates them. */
  rules: FirewallRule[];
}

export interface FirewallAssociation extends Named {
  vpc: Id;
  ruleGroup: Id;
  priority: number;
}

export interface NetworkModel {
  region?: string;
  /** Display names of declared resources by id, to render symbolic values (`<example-analytics.id>`). */
  labels: Map<Id, string>;
  /** Account of each stack's default AWS provider. */
  stackAccounts: Map<string, string | undefined>;
  /** Each stack's name within its landing zone (`network`, `service-<name>`), by stack id. */
  stackNames: Map<string, string | undefined>;
  /** Plain-valued outputs by stack. */
  outputs: Map<string, Record<string, unknown>>;
  vpcs: Map<Id, Vpc>;
  subnets: Map<Id, Subnet>;
  routeTables: Map<Id, RouteTable>;
  peerings: Map<Id, Peering>;
  transitGateways: Map<Id, TransitGateway>;
  tgwAttachments: Map<Id, TgwAttachment>;
  tgwRouteTables: Map<Id, TgwRouteTable>;
  securityGroups: Map<Id, SecurityGroup>;
  nacls: NetworkAcl[];
  endpoints: Map<Id, VpcEndpoint>;
  lambdas: Map<Id, LambdaFunction>;
  restApis: RestApi[];
  studioDomains: StudioDomain[];
  resolverEndpoints: Map<Id, ResolverEndpoint>;
  resolverRules: Map<Id, ResolverRule>;
  ruleAssociations: RuleAssociation[];
  ramShares: RamShare[];
  hostedZones: HostedZone[];
  firewallRuleGroups: Map<Id, FirewallRuleGroup>;
  firewallAssociations: FirewallAssociation[];
  /** VPCs whose firewall configuration fails open (`firewall_fail_open = ENABLED`). */
  firewallFailOpen: Set<Id>;
}
