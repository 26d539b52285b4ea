/**
 * The network ACL of a service VPC's subnets: a stateless second layer behind the security groups.
 * Stateless means each direction needs its own rule, replies included: they come back to the
 * client's ephemeral port, 1024-65535 for Lambda and NAT-like clients
 * (https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html#nacl-ephemeral-ports).
 * Rules apply when traffic enters or leaves a subnet, not inside one, and they cannot block DNS to
 * or from the Route 53 Resolver (the VPC+2 address): so no rule for port 53 is needed, and DNS
 * Firewall is the control for it (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html).
 * What the ACL still refuses whatever a security group says: every port but HTTPS in, every port
 * but HTTPS (and the IdP's) out, replies to anything but the VPC and the corporate browsers; so no
 * direct DNS, SSH or SMB to any resolver or host, wherever a route leads.
 */
import { Construct } from 'constructs';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { NetworkAclAssociation } from '@cdktf/provider-aws/lib/network-acl-association';

/** An S3 or DynamoDB gateway endpoint's service answers from public addresses, and ACLs cannot name prefix lists. */
export const ANYWHERE = '0.0.0.0/0';
const EPHEMERAL = { from: 1024, to: 65535 } as const;
const HTTPS = 443;

export interface AclRule {
  /** What it allows, which keys the resource: `in-tcp-443-10.0.0.0_16`. */
  readonly key: string;
  readonly egress: boolean;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
  /** First rule number of the rule's band; the number inside the band comes from the key. */
  readonly band: number;
}

export interface ServiceAclInputs {
  /** The VPC's block: clients of the endpoints in its other subnets, and their replies. */
  readonly vpcCidr: string;
  /** Browsers calling the execute-api endpoint. */
  readonly browserCidrs: readonly string[];
  /** Hosts the in-VPC code calls outside the VPC and AWS (the JWKS host or proxy), with their port; undefined: none. */
  readonly egress: { readonly port: number; readonly cidrs: readonly string[] } | undefined;
}

/** Numbers inside a band: room for 900 rules of one kind, far above the 40 an ACL can hold per direction. */
const BAND_SIZE = 900;

const rule = (egress: boolean, fromPort: number, toPort: number, cidr: string, band: number): AclRule => ({
  key: `${egress ? 'out' : 'in'}-tcp-${fromPort === toPort ? fromPort : `${fromPort}-${toPort}`}-${cidr.replace('/', '_')}`,
  egress, fromPort, toPort, cidr, band,
});

/**
 * The rules, one per thing they allow. Inbound: HTTPS from the browsers and from the VPC's other
 * subnets (clients of the endpoints), and the replies to the VPC's own calls from anywhere (the
 * gateway endpoints' services have public addresses). Outbound: HTTPS anywhere (the endpoints, the
 * gateway services), the IdP's port when it is not 443, and the replies to the browsers and the VPC.
 */
export function serviceAclRules(inputs: ServiceAclInputs): AclRule[] {
  const browsers = [...new Set(inputs.browserCidrs)];
  const idp = inputs.egress && inputs.egress.port !== HTTPS ? [...new Set(inputs.egress.cidrs)] : [];
  return [
    ...[inputs.vpcCidr, ...browsers].map((cidr) => rule(false, HTTPS, HTTPS, cidr, 100)),
    rule(false, EPHEMERAL.from, EPHEMERAL.to, ANYWHERE, 1000),
    rule(true, HTTPS, HTTPS, ANYWHERE, 100),
    ...idp.map((cidr) => rule(true, inputs.egress!.port, inputs.egress!.port, cidr, 2000)),
    ...[inputs.vpcCidr, ...browsers].map((cidr) => rule(true, EPHEMERAL.from, EPHEMERAL.to, cidr, 1000)),
  ];
}

/** FNV-1a: a rule keeps its number when others come and go (a changed number replaces the rule). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/**
 * Rule numbers: `band + 1 + hash(key) mod BAND_SIZE`, the next free one on a collision (rules in
 * key order, so a collision resolves the same way on every synth). Ingress and egress number apart.
 */
export function numberRules(rules: readonly AclRule[]): Map<string, number> {
  const taken = { in: new Set<number>(), out: new Set<number>() };
  const numbers = new Map<string, number>();
  for (const r of [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const used = r.egress ? taken.out : taken.in;
    let offset = hash(r.key) % BAND_SIZE;
    while (used.has(r.band + 1 + offset)) offset = (offset + 1) % BAND_SIZE;
    used.add(r.band + 1 + offset);
    numbers.set(r.key, r.band + 1 + offset);
  }
  return numbers;
}

export interface SubnetNetworkAclProps extends ServiceAclInputs {
  /** Name tag, e.g. `example-team-a`. */
  readonly name: string;
  /** The VPC of the subnets, created or existing. */
  readonly vpcId: string;
  /**
   * The subnets it guards, by a stable key (the AZ id of a created subnet, the id of an existing
   * one), so adding a subnet leaves the others' associations alone.
   */
  readonly subnets: Readonly<Record<string, string>>;
}

/** The ACL, its rules as resources of their own (keyed by what they allow) and its subnet associations. */
export class SubnetNetworkAcl extends Construct {
  readonly acl: NetworkAcl;

  constructor(scope: Construct, id: string, props: SubnetNetworkAclProps) {
    super(scope, id);
    this.acl = new NetworkAcl(this, 'acl', { vpcId: props.vpcId, tags: { Name: `${props.name}-subnets` } });
    const rules = serviceAclRules(props);
    const numbers = numberRules(rules);
    for (const r of rules) {
      new NetworkAclRule(this, r.key, {
        networkAclId: this.acl.id,
        ruleNumber: numbers.get(r.key)!,
        egress: r.egress,
        protocol: 'tcp',
        ruleAction: 'allow',
        cidrBlock: r.cidr,
        fromPort: r.fromPort,
        toPort: r.toPort,
      });
    }
    for (const [key, subnetId] of Object.entries(props.subnets)) {
      new NetworkAclAssociation(this, `subnet-${key}`, { networkAclId: this.acl.id, subnetId });
    }
  }
}
