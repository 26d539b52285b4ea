import { Construct } from 'constructs';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { ResolvedSubnet } from '../config/types';
import { containsAddress, mustParseCidr, parseIpv4 } from '../config/cidr';
import { studioDnsZone } from '../shared/naming';
import { PrivateVpc } from './private-vpc';
import { InboundResolver, OutboundResolver } from './resolver-endpoints';
import { ForwardingRules } from './forwarding-rules';
import { suppressGuardrail } from '../../analysis/guardrails/suppress';

export interface SimulatedCorporateNetworkProps {
  /** Name prefix of the simulated VPC and its DNS, e.g. `example-corporate`. */
  readonly name: string;
  /** Region of the VPC: names the Studio domain that is forwarded (`studio.<region>.sagemaker.aws`). */
  readonly region: string;
  /** The network account, which holds the simulated VPC. */
  readonly accountId: string;
  /** The simulated VPC's block, inside the corporate ranges. */
  readonly vpcCidr: string;
  /** One private subnet per AZ of the network account. */
  readonly subnets: ResolvedSubnet[];
  /** All corporate ranges: clients allowed to query the simulated corporate DNS. */
  readonly corporateCidrs: string[];
  /** Where the simulated corporate DNS listens; each inside one of `subnets`. */
  readonly dnsServerIps: string[];
  /** Corporate domains the simulated DNS is authoritative for (one private hosted zone each). */
  readonly dnsDomains: string[];
  /** The hub's outbound resolver forwards corporate domains from here. */
  readonly hubCidr: string;
  /** The hub's inbound resolver IPs: the conditional forwarding target for Studio names. */
  readonly inboundResolverIps: string[];
  /** The KMS key that encrypts its log groups. */
  readonly logsKeyArn: string;
  /** Days its flow-log group keeps records. */
  readonly logRetentionDays: number;
}

/**
 * A VPC standing in for the corporate network, as in the source article, so the landing zone can
 * be demonstrated end to end without a data centre. Its DNS behaves like a corporate DNS server:
 * - it listens on `dnsServerIps` (an inbound endpoint) and is authoritative for the corporate
 *   domains (private hosted zones), which the hub's outbound resolver forwards to;
 * - it conditionally forwards `studio.<region>.sagemaker.aws` to the hub's inbound resolver, which
 *   is exactly the configuration the real corporate DNS team applies.
 */
export class SimulatedCorporateNetwork extends Construct {
  readonly network: PrivateVpc;

  constructor(scope: Construct, id: string, props: SimulatedCorporateNetworkProps) {
    super(scope, id);
    this.network = new PrivateVpc(this, 'vpc', {
      name: props.name,
      cidr: props.vpcCidr,
      subnets: props.subnets,
      accountId: props.accountId,
      region: props.region,
      logsKeyArn: props.logsKeyArn,
      logRetentionDays: props.logRetentionDays,
    });
    const addressIn = (ip: string) => {
      const subnet = props.subnets.find((s) => containsAddress(mustParseCidr(s.cidr), parseIpv4(ip) ?? -1));
      if (!subnet) throw new Error(`corporate.dnsServerIps: ${ip} is in no subnet of the simulated corporate VPC`);
      return { subnetId: this.network.subnetIn(subnet.availabilityZoneId).id, ip };
    };
    new InboundResolver(this, 'corporate-dns', {
      name: `${props.name}-dns`,
      vpcId: this.network.vpc.id,
      addresses: props.dnsServerIps.map(addressIn),
      clientCidrs: [...props.corporateCidrs, props.hubCidr],
    });
    for (const domain of props.dnsDomains) {
      new Route53Zone(this, `corporate-zone-${domain}`, {
        name: domain,
        comment: 'Simulated corporate DNS domain',
        vpc: [{ vpcId: this.network.vpc.id }],
      });
    }
    const forwarder = new OutboundResolver(this, 'studio-forwarder', {
      name: `${props.name}-studio`,
      vpcId: this.network.vpc.id,
      subnetIds: this.network.subnetIds,
      targetIps: props.inboundResolverIps,
    });
    const studioForwarding = new ForwardingRules(this, 'studio-forwarding', {
      name: `${props.name}-studio`,
      domains: [studioDnsZone(props.region)],
      targetIps: props.inboundResolverIps,
      outboundEndpointId: forwarder.endpoint.id,
      vpcIds: { 'simulated-corporate': this.network.vpc.id },
    });
    for (const { rule } of studioForwarding.rules) {
      suppressGuardrail(
        rule,
        'LZ-DNS-003',
        'Stands in for the corporate DNS, whose job is exactly this conditional forward of the Studio names to the hub inbound resolver; associated with the simulated corporate VPC only, never shared or associated with the hub or service VPCs.',
      );
    }
  }
}
