import { Construct } from 'constructs';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { DescribedSecurityGroup, dnsRules } from '../shared/security-group';

interface ResolverEndpointBase {
  /** Name prefix, e.g. `example-hub`. */
  readonly name: string;
  /** The VPC the endpoint serves. */
  readonly vpcId: string;
}

export interface InboundResolverProps extends ResolverEndpointBase {
  /**
   * A static IP in each subnet (Route 53 Resolver requires at least two, in distinct AZs are
   * best): the corporate DNS forwards to these, so they never change.
   */
  readonly addresses: { subnetId: string; ip: string }[];
  /** The only ranges allowed to query the endpoint. */
  readonly clientCidrs: string[];
}

/** Route 53 Resolver inbound endpoint: where DNS queries from outside the VPC enter it. */
export class InboundResolver extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  readonly securityGroup: DescribedSecurityGroup;

  constructor(scope: Construct, id: string, props: InboundResolverProps) {
    super(scope, id);
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.name}-inbound-resolver`,
      description: 'Route 53 Resolver inbound endpoint: DNS from the allowed client ranges only',
      vpcId: props.vpcId,
    });
    for (const cidr of props.clientCidrs) {
      for (const rule of dnsRules(`DNS queries from ${cidr}`, { cidr })) this.securityGroup.allowIngress(rule);
    }
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: `${props.name}-inbound`,
      direction: 'INBOUND',
      securityGroupIds: [this.securityGroup.id],
      ipAddress: props.addresses.map(({ subnetId, ip }) => ({ subnetId, ip })),
      protocols: ['Do53'],
    });
  }
}

export interface OutboundResolverProps extends ResolverEndpointBase {
  /** Subnets of distinct AZs; Route 53 Resolver requires at least two. */
  readonly subnetIds: string[];
  /** The DNS servers the endpoint's FORWARD rules send queries to; nothing else is reachable. */
  readonly targetIps: string[];
}

/** Route 53 Resolver outbound endpoint: carries FORWARD rules' queries to the target DNS servers. */
export class OutboundResolver extends Construct {
  readonly endpoint: Route53ResolverEndpoint;
  readonly securityGroup: DescribedSecurityGroup;

  constructor(scope: Construct, id: string, props: OutboundResolverProps) {
    super(scope, id);
    this.securityGroup = new DescribedSecurityGroup(this, 'sg', {
      name: `${props.name}-outbound-resolver`,
      description: 'Route 53 Resolver outbound endpoint: DNS to the forwarding targets only',
      vpcId: props.vpcId,
    });
    for (const ip of props.targetIps) {
      for (const rule of dnsRules(`DNS forwarding to ${ip}`, { cidr: `${ip}/32` })) this.securityGroup.allowEgress(rule);
    }
    this.endpoint = new Route53ResolverEndpoint(this, 'endpoint', {
      name: `${props.name}-outbound`,
      direction: 'OUTBOUND',
      securityGroupIds: [this.securityGroup.id],
      ipAddress: props.subnetIds.map((subnetId) => ({ subnetId })),
      protocols: ['Do53'],
    });
  }
}
