/**
 * The one place defaults are applied: a validated `LandingZoneConfig` becomes a
 * `ResolvedLandingZone` in which every value the stacks need is explicit.
 */
import { addressAt, formatCidr, formatIpv4, mustParseCidr, parseIpv4, splitInFour } from './cidr';
import { defaultUsernameClaim } from './identity';
import { defaultStateKeyPrefix } from '../shared/naming';
import { defaultAvailabilityZoneIds } from './regions';
import type {
  BackendConfig,
  CorporateConnectivityConfig,
  DeployRolesConfig,
  DnsFirewallConfig,
  IdentityProviderConfig,
  LandingZoneConfig,
  NetworkAccountConfig,
  ResolvedBackend,
  ResolvedConnectivity,
  ResolvedCorporateNetwork,
  ResolvedDnsFirewall,
  ResolvedIdentityProvider,
  ResolvedLandingZone,
  ResolvedNetworkAccount,
  ResolvedServiceAccount,
  ResolvedStudio,
  ResolvedSubnet,
  ServiceAccountConfig,
  StudioConfig,
} from './types';

/** The `@default`s of `types.ts`; the schema's `default`s are checked against these by the tests. */
export const DEFAULTS = {
  deployRoleName: 'LandingZoneDeployer',
  inOrganization: false,
  lambdaRuntime: 'nodejs22.x',
  logRetentionDays: 365,
  /** Offset of the default inbound resolver IP in each hub subnet. */
  resolverIpOffset: 10,
  usernameClaim: 'sub',
  maxTokenAgeSeconds: 7200,
  expiresInSeconds: 60,
  sessionExpirationSeconds: 28800,
  stageName: 'v1',
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  authorizerCacheSeconds: 60,
  apiGatewayCloudWatchRole: { mode: 'create' },
  deletionProtection: true,
  retainHomeFileSystem: true,
  s3UseLockfile: true,
  /** AWS's default quotas (Amazon VPC and Route 53 Resolver quota pages). */
  routesPerRouteTable: 50,
  peeringConnectionsPerVpc: 50,
  resolverEndpointsPerRegion: 4,
  cloudHostname: 'app.terraform.io',
  /** Small general-purpose types: enough for notebooks, not for unreviewed GPU spend. */
  studioInstanceTypes: ['ml.t3.medium', 'ml.t3.large', 'ml.m5.large'],
  /** SageMaker's smallest idle timeout. */
  idleShutdownMinutes: 60,
  autoAcceptSharedAttachments: false,
  cloudProject: 'Default Project',
  cloudAudience: 'aws.workload.identity',
  permissionsBoundarySuffix: 'landing-zone-boundary',
  /** Fail closed: a query DNS Firewall cannot judge gets SERVFAIL rather than an unfiltered answer. */
  dnsFirewallFailOpen: false,
  /** The second layer is on unless a service turns it off. */
  networkAclEnabled: true,
} as const;

function resolveDnsFirewall(firewall: DnsFirewallConfig | undefined): ResolvedDnsFirewall {
  return {
    // Set-like: in canonical order, so reordering the file changes nothing.
    allowedDomains: [...new Set((firewall?.allowedDomains ?? []).map((domain) => domain.toLowerCase()))].sort(),
    failOpen: firewall?.failOpen ?? DEFAULTS.dnsFirewallFailOpen,
  };
}

/**
 * The quarter of a VPC an AZ's subnet takes: fixed by the number of its AZ id (`az1` the first,
 * `az2` the second, ..., `az5` the first again), never by its position in a list, so adding,
 * removing or reordering AZ ids leaves every other subnet where it is (a subnet's CIDR cannot
 * change in place: Terraform would replace it and everything in it).
 */
export function subnetQuarter(azId: string): number {
  const match = /-az([0-9]+)$/.exec(azId);
  if (!match) throw new RangeError(`"${azId}" is not an AZ id`);
  return (Number(match[1]) - 1) % 4;
}

/** One private subnet per AZ, in the given order: the VPC split into four, each AZ in its quarter. */
export function deriveSubnets(vpcCidr: string, azIds: readonly string[]): ResolvedSubnet[] {
  const parts = splitInFour(mustParseCidr(vpcCidr));
  const taken = new Map<number, string>();
  return azIds.map((availabilityZoneId) => {
    const quarter = subnetQuarter(availabilityZoneId);
    const other = taken.get(quarter);
    if (other !== undefined) throw new RangeError(`${availabilityZoneId} and ${other} take the same quarter of ${vpcCidr}`);
    taken.set(quarter, availabilityZoneId);
    return { availabilityZoneId, cidr: formatCidr(parts[quarter]) };
  });
}

/*
 * Lists that are sets to AWS (AZs, corporate ranges, DNS servers and domains, audiences, domain
 * ids, profiles) are resolved in one canonical order, so reordering them in the file changes no
 * resource: several of them end up inside one resource's body (subnet ids, target IPs, policies).
 */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byAddress = (a: string, b: string) => (parseIpv4(a.split('/')[0]) ?? 0) - (parseIpv4(b.split('/')[0]) ?? 0) || byText(a, b);
const azNumber = (azId: string) => Number(/([0-9]+)$/.exec(azId)?.[1] ?? 0);
const byAzId = (a: { availabilityZoneId: string }, b: { availabilityZoneId: string }) =>
  azNumber(a.availabilityZoneId) - azNumber(b.availabilityZoneId) || byText(a.availabilityZoneId, b.availabilityZoneId);
const sorted = <T>(list: readonly T[], compare: (a: T, b: T) => number): T[] => [...list].sort(compare);

/** The default static inbound resolver IP of a hub subnet. */
export function defaultResolverIp(subnetCidr: string): string {
  return formatIpv4(addressAt(mustParseCidr(subnetCidr), DEFAULTS.resolverIpOffset));
}

function defaultRoleArn(accountId: string, deployRoleName: string): string {
  return `arn:aws:iam::${accountId}:role/${deployRoleName}`;
}

export function resolveConfig(cfg: LandingZoneConfig): ResolvedLandingZone {
  const deployRoleName = cfg.deployRoleName ?? DEFAULTS.deployRoleName;
  const network = resolveNetwork(cfg.network, cfg.region, deployRoleName);
  const networkAzIds = network.subnets.map((subnet) => subnet.availabilityZoneId);
  const { connectivity, cidrs, dnsServerIps, dnsDomains } = cfg.corporate;
  return {
    environment: cfg.environment,
    region: cfg.region,
    backend: resolveBackend(cfg.backend ?? { type: 'local' }, cfg),
    inOrganization: cfg.inOrganization ?? DEFAULTS.inOrganization,
    ...(cfg.organizationId === undefined ? {} : { organizationId: cfg.organizationId }),
    lambdaRuntime: cfg.lambdaRuntime ?? DEFAULTS.lambdaRuntime,
    deployRoles: resolveDeployRoles(cfg.deployRoles ?? {}, cfg),
    tags: { ...cfg.tags },
    logs: { retentionDays: cfg.logs?.retentionDays ?? DEFAULTS.logRetentionDays },
    quotas: {
      routesPerRouteTable: cfg.quotas?.routesPerRouteTable ?? DEFAULTS.routesPerRouteTable,
      peeringConnectionsPerVpc: cfg.quotas?.peeringConnectionsPerVpc ?? DEFAULTS.peeringConnectionsPerVpc,
      resolverEndpointsPerRegion: cfg.quotas?.resolverEndpointsPerRegion ?? DEFAULTS.resolverEndpointsPerRegion,
    },
    network,
    corporate: {
      cidrs: sorted(cidrs, byAddress),
      dnsServerIps: sorted(dnsServerIps, byAddress),
      dnsDomains: sorted(dnsDomains, byText),
      connectivity: resolveConnectivity(connectivity, networkAzIds),
    } satisfies ResolvedCorporateNetwork,
    services: cfg.services.map((service) => resolveService(service, cfg.environment, networkAzIds, deployRoleName)),
  };
}

function resolveConnectivity(connectivity: CorporateConnectivityConfig, networkAzIds: readonly string[]): ResolvedConnectivity {
  // A simulated corporate VPC lives in the network account, so it uses the hub's AZs.
  const simulated = (vpcCidr: string) => ({ vpcCidr, subnets: deriveSubnets(vpcCidr, networkAzIds) });
  switch (connectivity.type) {
    case 'simulated':
      return { type: 'simulated', ...simulated(connectivity.vpcCidr) };
    case 'existing-vpc':
      return { ...connectivity, routeTableIds: sorted(connectivity.routeTableIds, byText) };
    case 'transit-gateway':
      return {
        type: 'transit-gateway',
        transitGatewayId: connectivity.transitGatewayId,
        autoAcceptSharedAttachments: connectivity.autoAcceptSharedAttachments ?? DEFAULTS.autoAcceptSharedAttachments,
        corporate: connectivity.corporateAttachmentId !== undefined
          ? { kind: 'attachment', attachmentId: connectivity.corporateAttachmentId }
          : { kind: 'simulated', ...simulated(connectivity.vpcCidr ?? '') },
      };
  }
}

function resolveBackend(backend: BackendConfig, cfg: LandingZoneConfig): ResolvedBackend {
  switch (backend.type) {
    case 'local':
      return backend;
    case 's3':
      return {
        ...backend,
        region: backend.region ?? cfg.region,
        keyPrefix: backend.keyPrefix ?? defaultStateKeyPrefix(cfg.environment, cfg.region),
        useLockfile: backend.useLockfile ?? DEFAULTS.s3UseLockfile,
      };
    case 'cloud':
      return { ...backend, hostname: backend.hostname ?? DEFAULTS.cloudHostname };
  }
}

/**
 * Terraform Cloud's OIDC token names the run's workspace, project and organization in `sub`; a
 * workspace outside any project is in 'Default Project'
 * (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens).
 */
function resolveDeployRoles(deployRoles: DeployRolesConfig, cfg: LandingZoneConfig): ResolvedLandingZone['deployRoles'] {
  const permissionsBoundaryName = deployRoles.permissionsBoundaryName ?? `${cfg.environment}-${DEFAULTS.permissionsBoundarySuffix}`;
  const cloud = cfg.backend?.type === 'cloud' ? cfg.backend : undefined;
  const trust = deployRoles.trust ?? (cloud ? { type: 'terraform-cloud' as const } : undefined);
  if (!trust) return { permissionsBoundaryName };
  if (trust.type === 'pipeline') return { trust: { ...trust }, permissionsBoundaryName };
  const organization = trust.organization ?? cloud?.organization;
  return {
    ...(organization
      ? {
          trust: {
            type: 'terraform-cloud' as const,
            organization,
            project: trust.project ?? cloud?.project ?? DEFAULTS.cloudProject,
            hostname: trust.hostname ?? cloud?.hostname ?? DEFAULTS.cloudHostname,
            audience: trust.audience ?? DEFAULTS.cloudAudience,
          },
        }
      : {}),
    permissionsBoundaryName,
  };
}

function resolveNetwork(network: NetworkAccountConfig, region: string, deployRoleName: string): ResolvedNetworkAccount {
  const derived = deriveSubnets(network.hubVpcCidr, network.availabilityZoneIds ?? defaultAvailabilityZoneIds(region));
  // The file lists one resolver IP per AZ id, in the same order: pair them before sorting.
  const addressed = derived.map((subnet, i) => ({
    subnet,
    ip: network.inboundResolverIps?.[i] ?? defaultResolverIp(subnet.cidr),
  }));
  addressed.sort((a, b) => byAzId(a.subnet, b.subnet));
  return {
    accountId: network.accountId,
    roleArn: network.roleArn ?? defaultRoleArn(network.accountId, deployRoleName),
    hubVpcCidr: network.hubVpcCidr,
    subnets: addressed.map(({ subnet }) => subnet),
    inboundResolverIps: addressed.map(({ ip }) => ip),
    dnsFirewall: resolveDnsFirewall(network.dnsFirewall),
  };
}

function resolveService(
  service: ServiceAccountConfig,
  environment: string,
  networkAzIds: readonly string[],
  deployRoleName: string,
): ResolvedServiceAccount {
  return {
    name: service.name,
    accountId: service.accountId,
    roleArn: service.roleArn ?? defaultRoleArn(service.accountId, deployRoleName),
    ...resolveServiceVpc(service, networkAzIds),
    identityProvider: resolveIdentityProvider(service.identityProvider),
    presignedUrl: {
      expiresInSeconds: service.presignedUrl?.expiresInSeconds ?? DEFAULTS.expiresInSeconds,
      sessionExpirationSeconds: service.presignedUrl?.sessionExpirationSeconds ?? DEFAULTS.sessionExpirationSeconds,
    },
    studio: resolveStudio(service.studio, `${environment}-${service.name}`),
    mappings: (service.mappings ?? []).map((mapping) => ({ ...mapping })),
    api: {
      stageName: service.api?.stageName ?? DEFAULTS.stageName,
      throttleRateLimit: service.api?.throttleRateLimit ?? DEFAULTS.throttleRateLimit,
      throttleBurstLimit: service.api?.throttleBurstLimit ?? DEFAULTS.throttleBurstLimit,
      authorizerCacheSeconds: service.api?.authorizerCacheSeconds ?? DEFAULTS.authorizerCacheSeconds,
      ...(service.api?.rateLimitPerClient === undefined ? {} : { rateLimitPerClient: service.api.rateLimitPerClient }),
    },
    ...(service.lambdaReservedConcurrency === undefined ? {} : { lambdaReservedConcurrency: service.lambdaReservedConcurrency }),
    apiGatewayCloudWatchRole: service.apiGatewayCloudWatchRole ?? DEFAULTS.apiGatewayCloudWatchRole,
    deletionProtection: service.deletionProtection ?? DEFAULTS.deletionProtection,
    dnsFirewall: resolveDnsFirewall(service.dnsFirewall),
    endpoints: { extraClientCidrs: sorted(service.endpoints?.extraClientCidrs ?? [], byAddress) },
    networkAcl: { enabled: service.networkAcl?.enabled ?? DEFAULTS.networkAclEnabled },
  };
}

/** Validation guarantees exactly one of `vpcCidr` and `existingVpc`. */
function resolveServiceVpc(
  service: ServiceAccountConfig,
  networkAzIds: readonly string[],
): Pick<ResolvedServiceAccount, 'vpcCidr' | 'subnets' | 'existingVpc'> {
  const existing = service.existingVpc;
  if (!existing) {
    const vpcCidr = service.vpcCidr!;
    return { vpcCidr, subnets: sorted(deriveSubnets(vpcCidr, service.availabilityZoneIds ?? networkAzIds), byAzId) };
  }
  const given = sorted(existing.subnets, byAzId);
  return {
    vpcCidr: existing.cidr,
    subnets: given.map(({ availabilityZoneId, cidr }) => ({ availabilityZoneId, cidr })),
    existingVpc: {
      vpcId: existing.vpcId,
      subnets: given.map((subnet) => ({ ...subnet })),
    },
  };
}

function resolveIdentityProvider(idp: IdentityProviderConfig): ResolvedIdentityProvider {
  const audience = sorted(idp.audience, byText);
  return {
    ...idp,
    audience,
    usernameClaim: idp.usernameClaim ?? defaultUsernameClaim(idp.issuer),
    acknowledgeMutableUsernameClaim: idp.acknowledgeMutableUsernameClaim ?? false,
    authorizedParties: idp.authorizedParties ? sorted(idp.authorizedParties, byText) : audience,
    requiredClaims: idp.requiredClaims ?? {},
    maxTokenAgeSeconds: idp.maxTokenAgeSeconds ?? DEFAULTS.maxTokenAgeSeconds,
    ...(idp.addresses === undefined ? {} : { addresses: sorted(idp.addresses, byAddress) }),
    jwksAccess: idp.jwksUri === undefined ? undefined : idp.jwksAccess ?? { via: 'corporate' },
  };
}

function resolveStudio(studio: StudioConfig, defaultDomainName: string): ResolvedStudio {
  const allowedInstanceTypes = [...(studio.allowedInstanceTypes ?? DEFAULTS.studioInstanceTypes)];
  return studio.mode === 'create'
    ? {
        ...studio,
        domainName: studio.domainName ?? defaultDomainName,
        userProfiles: sorted(studio.userProfiles, byText),
        allowedInstanceTypes,
        idleShutdownMinutes: studio.idleShutdownMinutes ?? DEFAULTS.idleShutdownMinutes,
        retainHomeFileSystem: studio.retainHomeFileSystem ?? DEFAULTS.retainHomeFileSystem,
      }
    : { ...studio, domainIds: sorted(studio.domainIds, byText), allowedInstanceTypes };
}
