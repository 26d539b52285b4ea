/**
 * The landing-zone configuration: one file under `accounts/` describes one environment.
 *
 * Two shapes live here:
 * - `*Config` is what a platform team writes (optional fields may be omitted);
 * - `Resolved*` is the same after validation with every default applied (see `resolve.ts`,
 *   the only place defaults are applied). Stacks and constructs only ever see resolved values.
 */

/** Where each stack keeps its Terraform state. */
export type BackendConfig = LocalBackendConfig | S3BackendConfig | CloudBackendConfig;

export interface LocalBackendConfig {
  type: 'local';
}

export interface S3BackendConfig {
  type: 's3';
  /** State bucket (must already exist). */
  bucket: string;
  /** @default the landing zone's `region` */
  region?: string;
  /** Each stack's key is `<keyPrefix>/<stack>.tfstate`. @default `landing/<environment>/<region>` */
  keyPrefix?: string;
  /** Role assumed to read and write state. @default no role: the caller's credentials */
  roleArn?: string;
  /** S3-native state locking (Terraform >= 1.10). @default true */
  useLockfile?: boolean;
}

export interface CloudBackendConfig {
  type: 'cloud';
  /** Terraform Cloud / Enterprise organization. */
  organization: string;
  /** Project the workspaces belong to. @default no project (the organization's default project) */
  project?: string;
  /** @default 'app.terraform.io' */
  hostname?: string;
}

/** An account the landing zone deploys into. */
export interface AccountConfig {
  /** 12-digit AWS account id. */
  accountId: string;
  /** Role the stack's provider assumes. @default `arn:aws:iam::<accountId>:role/<deployRoleName>` */
  roleArn?: string;
}

/**
 * Route 53 Resolver DNS Firewall of one VPC: the names the landing zone needs are allowed, every
 * other name is blocked, so nothing in the VPC can tunnel data out through DNS queries.
 */
export interface DnsFirewallConfig {
  /**
   * Names the VPC's own workloads resolve besides the landing zone's (the AWS service names of its
   * endpoints, Studio, the corporate domains and the IdP host are always allowed). `name` matches
   * itself, `*.name` every name below it.
   * @default []
   */
  allowedDomains?: string[];
  /** Let queries through unfiltered when DNS Firewall cannot evaluate them. @default false (fail closed) */
  failOpen?: boolean;
}

export interface NetworkAccountConfig extends AccountConfig {
  /** Hub VPC CIDR (RFC 1918, /16 to /24). */
  hubVpcCidr: string;
  /**
   * AZ ids (not names: ids are the same in every account), at least 2.
   * @default the first two AZ ids of the region (`<prefix>-az1`, `<prefix>-az2`)
   */
  availabilityZoneIds?: string[];
  /**
   * One static inbound resolver IP per AZ, each inside that AZ's hub subnet.
   * @default the 10th address of each hub subnet
   */
  inboundResolverIps?: string[];
  /** DNS Firewall of the hub VPC. @default {} (the landing zone's names only, failing closed) */
  dnsFirewall?: DnsFirewallConfig;
}

/**
 * Corporate connectivity. A real corporate network arrives over Site-to-Site VPN or Direct
 * Connect: `transit-gateway`. `simulated` is a demo VPC peered with the hub and services;
 * `existing-vpc` peers with a VPC whose own clients use Studio (peering carries no VPN or Direct
 * Connect traffic onward).
 */
export type CorporateConnectivityConfig = SimulatedCorporateConfig | ExistingCorporateVpcConfig | TransitGatewayConnectivityConfig;

export interface SimulatedCorporateConfig {
  /** A VPC in the network account standing in for the corporate network, as in the source article. */
  type: 'simulated';
  /** CIDR of the simulated corporate VPC; must be one of `corporate.cidrs`. */
  vpcCidr: string;
}

export interface ExistingCorporateVpcConfig {
  /**
   * Peering with an existing VPC of the network account, for clients that live inside that VPC.
   * VPC peering carries no VPN or Direct Connect traffic (no edge-to-edge routing): an on-premises
   * network behind that VPC is not reached. Use `transit-gateway` for it.
   */
  type: 'existing-vpc';
  /** `vpc-...` id. */
  vpcId: string;
  /** The VPC's CIDR block: every one of `corporate.cidrs` must be inside it (checked at plan time against the VPC). */
  vpcCidr: string;
  /** Route tables of that VPC that must reach the hub and service VPCs (`rtb-...`). */
  routeTableIds: string[];
}

export interface TransitGatewayConnectivityConfig {
  /** A Transit Gateway in the network account; the hub and every service VPC are attached to it. */
  type: 'transit-gateway';
  /**
   * An existing Transit Gateway owned by the network account (`tgw-...`).
   * @default a Transit Gateway created by the network stack
   */
  transitGatewayId?: string;
  /**
   * The existing Transit Gateway accepts other accounts' attachments by itself. Only with
   * `transitGatewayId` (a created one never does: each link stack accepts its service's).
   * @default false
   */
  autoAcceptSharedAttachments?: boolean;
  /** The VPN or Direct Connect gateway attachment of the corporate network (`tgw-attach-...`). Exactly one of this and `vpcCidr`. */
  corporateAttachmentId?: string;
  /** For demos: a simulated corporate VPC attached to the Transit Gateway, inside one of `corporate.cidrs`. */
  vpcCidr?: string;
}

export interface CorporateNetworkConfig {
  /** Corporate address ranges (clients, DNS servers, IdP). */
  cidrs: string[];
  /** Corporate DNS servers the outbound resolver forwards to. */
  dnsServerIps: string[];
  /** Corporate DNS domains forwarded to `dnsServerIps` (e.g. `corp.example.com`). */
  dnsDomains: string[];
  connectivity: CorporateConnectivityConfig;
}

/** The corporate OIDC identity provider whose JWTs the authorizer accepts. */
export interface IdentityProviderConfig {
  /** Exact `iss` claim value (https URL). */
  issuer: string;
  /** Accepted `aud` (or `client_id`) values. */
  audience: string[];
  /** JWKS URL; must be reachable from the service VPC (a corporate host). Exactly one of `jwksUri` and `jwks`. */
  jwksUri?: string;
  /** An inline JWKS document, for networks where the IdP cannot be reached from the service VPC. */
  jwks?: { keys: Record<string, unknown>[] };
  /**
   * Claim identifying the user: its value is the mapping's `username`.
   * @default 'sub' ('oid' for an Entra ID issuer)
   */
  usernameClaim?: string;
  /** Required (true) when `usernameClaim` is one the IdPs document as mutable or user-editable. @default false */
  acknowledgeMutableUsernameClaim?: true;
  /** Accepted `azp` values. @default the `audience` values */
  authorizedParties?: string[];
  /** Claim -> accepted values that every token must carry (e.g. `tid`, `groups`). @default {} */
  requiredClaims?: Record<string, string[]>;
  /** Oldest token accepted, by `iat`, 60..86400 s. @default 7200 */
  maxTokenAgeSeconds?: number;
  /**
   * Addresses (IPv4 CIDRs, inside `corporate.cidrs`) of the JWKS host or the proxy the in-VPC
   * verifiers call: their HTTPS egress (security groups and network ACL) goes there only.
   * @default the corporate ranges (a proxy named by address: that address)
   */
  addresses?: string[];
  /**
   * How the Lambdas reach `jwksUri`: over the corporate connectivity (a host in `corporate.dnsDomains`),
   * through a named HTTPS proxy, or with the authorizer outside the VPC (an IdP on the internet).
   * @default { via: 'corporate' }
   */
  jwksAccess?: JwksAccessConfig;
}

export type JwksAccessConfig = CorporateJwksAccess | ProxyJwksAccess | OutsideVpcJwksAccess;

export interface CorporateJwksAccess {
  via: 'corporate';
}

export interface ProxyJwksAccess {
  via: 'proxy';
  /** `http://host:port` of a forward proxy on the corporate network that tunnels HTTPS (CONNECT). */
  proxyUrl: string;
}

/** The authorizer runs outside the VPC (it holds no data permissions); the presign Lambda asks it to verify tokens. */
export interface OutsideVpcJwksAccess {
  via: 'outside-vpc';
}

export interface PresignedUrlConfig {
  /** `ExpiresInSeconds` of the presigned URL, 5..300. @default 60 */
  expiresInSeconds?: number;
  /** `SessionExpirationDurationInSeconds` of the Studio session, 1800..43200. @default 28800 */
  sessionExpirationSeconds?: number;
}

/** Studio: create a domain (VpcOnly, IAM auth) with user profiles, or use existing domains. */
export type StudioConfig = CreateStudioConfig | ExistingStudioConfig;

/** Settings of the Studio sessions, whichever the mode. */
export interface StudioSessionConfig {
  /**
   * Instance types users may run apps and spaces on (`ml.<family>.<size>`); the first is the
   * default of new JupyterLab and Code Editor spaces.
   * @default ['ml.t3.medium', 'ml.t3.large', 'ml.m5.large']
   */
  allowedInstanceTypes?: string[];
}

export interface CreateStudioConfig extends StudioSessionConfig {
  mode: 'create';
  /** @default `<environment>-<service name>` */
  domainName?: string;
  /** User profile names to create in the domain. */
  userProfiles: string[];
  /** Minutes an idle JupyterLab or Code Editor app runs before SageMaker shuts it down (60..525600). @default 60 */
  idleShutdownMinutes?: number;
  /**
   * Keep the home EFS file system (the users' files) when the domain is deleted.
   * @default true
   */
  retainHomeFileSystem?: boolean;
}

export interface ExistingStudioConfig extends StudioSessionConfig {
  mode: 'existing';
  /** `d-` + 12 lowercase alphanumerics; IAM-auth domains in this service account and region. */
  domainIds: string[];
}

/** A seed row of the username -> Studio mapping table. */
export interface MappingConfig {
  username: string;
  /** @default the created domain (only when `studio.mode` is `create`) */
  domainId?: string;
  userProfileName: string;
  spaceName?: string;
  landingUri?: string;
}

export interface ApiConfig {
  /** @default 'v1' */
  stageName?: string;
  /** Steady-state requests per second for the stage. @default 50 */
  throttleRateLimit?: number;
  /** @default 100 */
  throttleBurstLimit?: number;
  /** Seconds API Gateway caches the authorizer's answer per Authorization header, 0..300. @default 60 */
  authorizerCacheSeconds?: number;
  /** Requests per 5 minutes per client address before a WAF rate-based rule blocks it. @default undefined (no web ACL) */
  rateLimitPerClient?: number;
}

export interface ServiceAccountConfig extends AccountConfig {
  /** DNS-safe, unique; names the `service-<name>` and `network-link-<name>` stacks. */
  name: string;
  /**
   * CIDR of the service VPC the stack creates (RFC 1918, /16 to /24), disjoint from hub, corporate
   * and other services. Exactly one of this and `existingVpc`.
   */
  vpcCidr?: string;
  /** AZs of the created VPC's subnets; not with `existingVpc` (its subnets name their AZs). @default the network account's `availabilityZoneIds` */
  availabilityZoneIds?: string[];
  /** A VPC the service account already has (a vended VPC), used instead of creating one. Exactly one of this and `vpcCidr`. */
  existingVpc?: ExistingServiceVpcConfig;
  identityProvider: IdentityProviderConfig;
  /** @default {} (all defaults) */
  presignedUrl?: PresignedUrlConfig;
  studio: StudioConfig;
  /** @default [] */
  mappings?: MappingConfig[];
  /** @default {} (all defaults) */
  api?: ApiConfig;
  /**
   * Reserved concurrency of each of the two Lambdas, opt-in. Lambda keeps 100 of the account's
   * concurrency unreserved, so this needs an account quota of at least 100 + 2 x this value; new
   * accounts start at 10. @default none: unreserved (the API stage throttling caps the functions)
   */
  lambdaReservedConcurrency?: number;
  /** The account-level API Gateway CloudWatch role. @default { mode: 'create' } */
  apiGatewayCloudWatchRole?: ApiGatewayCloudWatchRoleConfig;
  /** DynamoDB deletion protection of the mapping table. @default true */
  deletionProtection?: boolean;
  /** DNS Firewall of the service VPC. @default {} (the landing zone's names only, failing closed) */
  dnsFirewall?: DnsFirewallConfig;
  /** Who may call the service VPC's endpoints. @default {} (the Lambdas and Studio apps only) */
  endpoints?: ServiceEndpointsConfig;
  /** The network ACL of the service subnets. @default {} (on) */
  networkAcl?: NetworkAclConfig;
}

export interface ServiceEndpointsConfig {
  /**
   * Ranges inside the service VPC whose workloads (a team's own, without a security group of the
   * landing zone) may call the interface endpoints other than execute-api. @default []
   */
  extraClientCidrs?: string[];
}

/**
 * A network ACL on the service subnets, a stateless second layer behind the security groups: HTTPS
 * in from the corporate ranges and the VPC, HTTPS out to the VPC and the gateway endpoints' services,
 * the IdP egress, and the replies' ephemeral ports (1024-65535).
 */
export interface NetworkAclConfig {
  /** @default true */
  enabled?: boolean;
}

/**
 * An existing service VPC: the stack looks it up by these ids (the plan fails when AWS disagrees
 * with the CIDRs, AZs or route tables given here) and places its endpoints, Lambdas, Studio domain,
 * corporate routes and connectivity in it. It must already have DNS support and DNS hostnames on
 * and no route to an internet or NAT gateway (see the README: the module cannot prove that).
 */
export interface ExistingServiceVpcConfig {
  /** `vpc-...` id. */
  vpcId: string;
  /** The VPC's CIDR block holding the subnets (RFC 1918, /16 to /28); routes and rules toward the service use it. */
  cidr: string;
  /** Private subnets for the service, one per AZ, in at least 2 AZs. */
  subnets: ExistingSubnetConfig[];
}

export interface ExistingSubnetConfig {
  /** `subnet-...` id. */
  id: string;
  /** AZ id of the subnet (`euw1-az1`), not its AZ name. */
  availabilityZoneId: string;
  /** The subnet's CIDR block, inside the VPC's `cidr`. */
  cidr: string;
  /** The route table the subnet is associated with (`rtb-...`): gateway endpoints and corporate routes go there. */
  routeTableId: string;
}

/**
 * AWS quotas above their defaults, after a Service Quotas increase
 * (https://docs.aws.amazon.com/servicequotas/latest/userguide/request-quota-increase.html).
 */
export interface QuotasConfig {
  /** Amazon VPC "Routes per route table" of the corporate-side VPC's account. @default 50 */
  routesPerRouteTable?: number;
  /** Amazon VPC "Active VPC peering connections per VPC" of the corporate-side VPC. @default 50 */
  peeringConnectionsPerVpc?: number;
  /** Route 53 Resolver "Endpoints per Region" of the network account. @default 4 */
  resolverEndpointsPerRegion?: number;
}

/** Who assumes the deploy roles: the pipeline's IAM role, or Terraform Cloud runs (OIDC). */
export type DeployTrustConfig =
  | { type: 'pipeline'; /** IAM role (or user) ARN the pipeline runs as. */ principalArn: string }
  | {
      type: 'terraform-cloud';
      /** @default the cloud backend's organization */
      organization?: string;
      /** @default the cloud backend's project, else 'Default Project' */
      project?: string;
      /** @default the cloud backend's hostname, else 'app.terraform.io' */
      hostname?: string;
      /** @default 'aws.workload.identity' */
      audience?: string;
    };

export interface DeployRolesConfig {
  /** @default Terraform Cloud of the cloud backend; none otherwise (the generator then asks for it) */
  trust?: DeployTrustConfig;
  /** Managed policy every deploy role, and every role it creates, has as boundary. @default '<environment>-landing-zone-boundary' */
  permissionsBoundaryName?: string;
}

/**
 * API Gateway writes access and execution logs with one role per account and region, an account
 * setting that another stack or a baseline may already manage.
 */
export type ApiGatewayCloudWatchRoleConfig =
  | { /** Create the role and set it; destroying the stack resets the setting. */ mode: 'create' }
  | { /** Set an existing role of the account; left set on destroy. */ mode: 'existing'; roleArn: string }
  | { /** Managed elsewhere; must already name a role or access logging fails to apply. */ mode: 'unmanaged' };

/** The account file. */
export interface LandingZoneConfig {
  /** JSON Schema reference for editors; ignored. */
  $schema?: string;
  /** DNS-safe environment name (`prod`, `example`); prefixes names and workspaces. */
  environment: string;
  /** AWS region of every stack. */
  region: string;
  /** @default { type: 'local' } */
  backend?: BackendConfig;
  /** Role name assumed in every account whose `roleArn` is not given. @default 'LandingZoneDeployer' */
  deployRoleName?: string;
  /** All accounts belong to one AWS Organization (RAM shares stay inside it). @default false */
  inOrganization?: boolean;
  /**
   * Id (`o-...`) of that Organization: the endpoint policies' perimeter becomes the Organization
   * (aws:PrincipalOrgID / aws:ResourceOrgID) instead of the landing zone's account ids. Needs
   * `inOrganization`. @default none: the landing zone's accounts
   */
  organizationId?: string;
  /** Lambda runtime of the functions; the bundles target its Node version. @default 'nodejs22.x' */
  lambdaRuntime?: string;
  /** Who may assume the deploy roles, and their boundary (`npm run deploy-roles`). @default {} (all defaults) */
  deployRoles?: DeployRolesConfig;
  /** Extra default tags on every resource. @default {} */
  tags?: Record<string, string>;
  /** Every log group of every account. @default {} (365 days' retention) */
  logs?: LogsConfig;
  /** @default {} (AWS's default quotas) */
  quotas?: QuotasConfig;
  network: NetworkAccountConfig;
  corporate: CorporateNetworkConfig;
  /** One or more service accounts. */
  services: ServiceAccountConfig[];
}

// ---------- resolved shapes ----------

export interface ResolvedSubnet {
  availabilityZoneId: string;
  cidr: string;
}

export interface ResolvedNetworkAccount {
  accountId: string;
  roleArn: string;
  hubVpcCidr: string;
  /** One private subnet per AZ. */
  subnets: ResolvedSubnet[];
  /** One per subnet, same order. */
  inboundResolverIps: string[];
  dnsFirewall: ResolvedDnsFirewall;
}

export interface ResolvedDnsFirewall {
  allowedDomains: string[];
  failOpen: boolean;
}

export interface ResolvedCorporateNetwork {
  cidrs: string[];
  dnsServerIps: string[];
  dnsDomains: string[];
  connectivity: ResolvedConnectivity;
}

/** A simulated corporate VPC in the network account, over the hub's AZs. */
export interface ResolvedSimulatedCorporate {
  vpcCidr: string;
  subnets: ResolvedSubnet[];
}

export type ResolvedConnectivity =
  | ({ type: 'simulated' } & ResolvedSimulatedCorporate)
  | ExistingCorporateVpcConfig
  | ResolvedTransitGatewayConnectivity;

export interface ResolvedTransitGatewayConnectivity {
  type: 'transit-gateway';
  /** undefined: created by the network stack. */
  transitGatewayId?: string;
  autoAcceptSharedAttachments: boolean;
  /** The corporate side: an existing VPN / Direct Connect attachment, or a simulated VPC. */
  corporate: { kind: 'attachment'; attachmentId: string } | ({ kind: 'simulated' } & ResolvedSimulatedCorporate);
}

export interface ResolvedIdentityProvider {
  issuer: string;
  audience: string[];
  jwksUri?: string;
  jwks?: { keys: Record<string, unknown>[] };
  usernameClaim: string;
  acknowledgeMutableUsernameClaim: boolean;
  authorizedParties: string[];
  requiredClaims: Record<string, string[]>;
  maxTokenAgeSeconds: number;
  /** undefined: not configured (the corporate ranges). */
  addresses?: string[];
  /** undefined with an inline `jwks`. */
  jwksAccess?: JwksAccessConfig;
}

export interface ResolvedMapping {
  username: string;
  /** undefined = the domain created by this service stack. */
  domainId?: string;
  userProfileName: string;
  spaceName?: string;
  landingUri?: string;
}

export type ResolvedStudio =
  | { mode: 'create'; domainName: string; userProfiles: string[]; allowedInstanceTypes: string[]; idleShutdownMinutes: number; retainHomeFileSystem: boolean }
  | { mode: 'existing'; domainIds: string[]; allowedInstanceTypes: string[] };

/** An existing service VPC; its CIDR is the service's `vpcCidr`. */
export interface ResolvedExistingVpc {
  vpcId: string;
  /** One per AZ, sorted by AZ id, as the service's `subnets`. */
  subnets: ExistingSubnetConfig[];
}

export interface ResolvedServiceAccount {
  name: string;
  accountId: string;
  roleArn: string;
  /** The created VPC's CIDR, or the existing VPC's. */
  vpcCidr: string;
  /** One private subnet per AZ, sorted by AZ id: derived for a created VPC, given for an existing one. */
  subnets: ResolvedSubnet[];
  /** undefined: the stack creates the VPC. */
  existingVpc?: ResolvedExistingVpc;
  identityProvider: ResolvedIdentityProvider;
  presignedUrl: { expiresInSeconds: number; sessionExpirationSeconds: number };
  studio: ResolvedStudio;
  mappings: ResolvedMapping[];
  api: { stageName: string; throttleRateLimit: number; throttleBurstLimit: number; authorizerCacheSeconds: number; rateLimitPerClient?: number };
  /** undefined: unreserved. */
  lambdaReservedConcurrency?: number;
  apiGatewayCloudWatchRole: ApiGatewayCloudWatchRoleConfig;
  deletionProtection: boolean;
  dnsFirewall: ResolvedDnsFirewall;
  endpoints: { extraClientCidrs: string[] };
  networkAcl: { enabled: boolean };
}

export type ResolvedBackend =
  | LocalBackendConfig
  | (Required<Omit<S3BackendConfig, 'roleArn'>> & { roleArn?: string })
  | (Required<Omit<CloudBackendConfig, 'project'>> & { project?: string });

export type ResolvedDeployTrust =
  | { type: 'pipeline'; principalArn: string }
  | { type: 'terraform-cloud'; organization: string; project: string; hostname: string; audience: string };

/** CloudWatch Logs settings shared by every log group of the landing zone, in every account. */
export interface LogsConfig {
  /** Retention in days (a CloudWatch Logs retention value). @default 365 */
  retentionDays?: number;
}

export interface ResolvedLandingZone {
  environment: string;
  region: string;
  backend: ResolvedBackend;
  inOrganization: boolean;
  /** undefined: the perimeter is the landing zone's account ids. */
  organizationId?: string;
  lambdaRuntime: string;
  deployRoles: { trust?: ResolvedDeployTrust; permissionsBoundaryName: string };
  tags: Record<string, string>;
  logs: Required<LogsConfig>;
  quotas: Required<QuotasConfig>;
  network: ResolvedNetworkAccount;
  corporate: ResolvedCorporateNetwork;
  services: ResolvedServiceAccount[];
}
