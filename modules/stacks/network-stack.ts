import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { ResolvedLandingZone } from '../config/types';
import { PrivateVpc } from '../network/private-vpc';
import { InboundResolver, OutboundResolver } from '../network/resolver-endpoints';
import { ForwardingRules } from '../network/forwarding-rules';
import { ResolverQueryLogging } from '../network/resolver-query-logging';
import { SimulatedCorporateNetwork } from '../network/simulated-corporate-network';
import { ConnectivityNetworkSide, corporateConnectivity, simulatedCorporateOf } from '../connectivity';
import { DnsSharingNetworkSide, corporateDnsSharing } from '../dns-sharing';
import { CentralStudioEndpoint } from '../network/central-studio-endpoint';
import { DnsFirewall } from '../perimeter/dns-firewall';
import { landingZoneDomains } from '../perimeter/allowed-domains';
import { NETWORK_STACK, studioEndpointService } from '../shared/naming';
import { AccountStack } from './account-stack';

/** What the network stack exposes to each service stack: plain values, created ids as references. */
export interface NetworkForService {
  /** The corporate DNS sharing's network side: it makes the corporate names resolve in each service VPC. */
  readonly dnsSharing: DnsSharingNetworkSide;
  /** The hub's Studio endpoint, which every service's presign grant names in aws:SourceVpce. */
  readonly studioEndpointId: string;
  /** The corporate connectivity's network side: it adds each service's side. */
  readonly connectivity: ConnectivityNetworkSide;
}

/**
 * The network account: hub VPC with the Route 53 Resolver inbound endpoint (the corporate DNS
 * forwards Studio names to it) and the central Studio endpoint that answers them, the outbound
 * endpoint and FORWARD rules for the corporate domains, shared with the service accounts through
 * RAM, query logging, and the link to the corporate side.
 */
export class NetworkStack extends AccountStack implements NetworkForService {
  readonly hub: PrivateVpc;
  readonly inboundResolver: InboundResolver;
  readonly corporateRules: ForwardingRules;
  readonly connectivity: ConnectivityNetworkSide;
  readonly studioEndpoint: CentralStudioEndpoint;
  readonly dnsSharing: DnsSharingNetworkSide;
  readonly studioEndpointId: string;

  constructor(scope: Construct, landingZone: ResolvedLandingZone) {
    super(scope, NETWORK_STACK, { landingZone, accountId: landingZone.network.accountId, roleArn: landingZone.network.roleArn });
    const net = landingZone.network;
    const retention = this.logRetentionDays;

    this.hub = new PrivateVpc(this, 'hub', {
      name: this.prefix('hub'),
      cidr: net.hubVpcCidr,
      subnets: net.subnets,
      accountId: net.accountId,
      region: landingZone.region,
      logsKeyArn: this.logsKeyArn,
      logRetentionDays: retention,
    });
    this.inboundResolver = new InboundResolver(this, 'inbound-resolver', {
      name: this.prefix('hub'),
      vpcId: this.hub.vpc.id,
      addresses: net.subnets.map((subnet, i) => ({
        subnetId: this.hub.subnetIn(subnet.availabilityZoneId).id,
        ip: net.inboundResolverIps[i],
      })),
      clientCidrs: landingZone.corporate.cidrs,
    });
    const outbound = new OutboundResolver(this, 'outbound-resolver', {
      name: this.prefix('hub'),
      vpcId: this.hub.vpc.id,
      subnetIds: this.hub.subnetIds,
      targetIps: landingZone.corporate.dnsServerIps,
    });
    this.corporateRules = new ForwardingRules(this, 'corporate-forwarding', {
      name: this.prefix('corporate'),
      domains: landingZone.corporate.dnsDomains,
      targetIps: landingZone.corporate.dnsServerIps,
      outboundEndpointId: outbound.endpoint.id,
      vpcIds: { hub: this.hub.vpc.id },
    });
    this.dnsSharing = corporateDnsSharing().addNetworkSide(this, {
      name: this.prefix('corporate-dns-rules'),
      ruleArns: this.corporateRules.byDomain('arn'),
      ruleIds: this.corporateRules.byDomain('id'),
      serviceAccountIds: landingZone.services.map((s) => s.accountId),
      inOrganization: landingZone.inOrganization,
    });

    const connectivity = landingZone.corporate.connectivity;
    const loggedVpcIds: Record<string, string> = { hub: this.hub.vpc.id };
    const simulated = simulatedCorporateOf(connectivity);
    let simulatedCorporate: SimulatedCorporateNetwork | undefined;
    if (simulated) {
      simulatedCorporate = new SimulatedCorporateNetwork(this, 'simulated-corporate', {
        name: this.prefix('corporate'),
        region: landingZone.region,
        accountId: net.accountId,
        vpcCidr: simulated.vpcCidr,
        subnets: simulated.subnets,
        corporateCidrs: landingZone.corporate.cidrs,
        dnsServerIps: landingZone.corporate.dnsServerIps,
        dnsDomains: landingZone.corporate.dnsDomains,
        hubCidr: net.hubVpcCidr,
        inboundResolverIps: net.inboundResolverIps,
        logsKeyArn: this.logsKeyArn,
        logRetentionDays: retention,
      });
      loggedVpcIds['simulated-corporate'] = simulatedCorporate.network.vpc.id;
    }
    const vpcOf = (vpc: PrivateVpc) => ({ vpcId: vpc.vpc.id, cidr: vpc.cidr, subnetIds: vpc.subnetIds, routeTableId: vpc.routeTable.id });
    this.connectivity = corporateConnectivity(connectivity).addNetworkSide(this, {
      namePrefix: landingZone.environment,
      region: landingZone.region,
      networkAccountId: net.accountId,
      hub: vpcOf(this.hub),
      simulatedCorporate: simulatedCorporate && vpcOf(simulatedCorporate.network),
      corporateCidrs: landingZone.corporate.cidrs,
      serviceAccountIds: landingZone.services.map((s) => s.accountId),
      inOrganization: landingZone.inOrganization,
    });
    this.studioEndpoint = new CentralStudioEndpoint(this, 'studio-endpoint', {
      name: this.prefix('hub'),
      region: landingZone.region,
      vpcId: this.hub.vpc.id,
      subnetIds: this.hub.subnetIds,
      corporateCidrs: landingZone.corporate.cidrs,
      serviceAccountIds: landingZone.services.map((s) => s.accountId),
      allowedInstanceTypes: landingZone.services.flatMap((s) => s.studio.allowedInstanceTypes),
    });
    this.studioEndpointId = this.studioEndpoint.endpoint.id;
    // The hub resolves Studio names for the corporate DNS and forwards the corporate domains; any
    // other name is refused. The simulated corporate VPC stands for the corporate network: not ours to filter.
    new DnsFirewall(this, 'dns-firewall', {
      name: this.prefix('hub'),
      vpcIds: { hub: this.hub.vpc.id },
      allowedDomains: landingZoneDomains({
        region: landingZone.region,
        endpointServices: [studioEndpointService(landingZone.region)],
        corporateDomains: landingZone.corporate.dnsDomains,
        hosts: [],
        extra: net.dnsFirewall.allowedDomains,
      }),
      failOpen: net.dnsFirewall.failOpen,
    });
    new ResolverQueryLogging(this, 'query-logging', {
      name: this.prefix('resolver-queries'),
      vpcIds: loggedVpcIds,
      logsKeyArn: this.logsKeyArn,
      logRetentionDays: retention,
    });

    new TerraformOutput(this, 'inbound_resolver_ips', {
      value: net.inboundResolverIps,
      description: 'Conditional forwarding targets for the corporate DNS',
    });
    new TerraformOutput(this, 'studio_endpoint_id', {
      value: this.studioEndpointId,
      description: 'The Studio endpoint every Studio host resolves to for the corporate network',
    });
  }
}
