import { EXAMPLE_ACCOUNT_FILE, rawAccountFile } from '../support/configs';
import { exampleStack } from '../support/shared-synth';
import { SynthResult, SynthesizedStack, findResources, onlyResource, resourcesOfType, synthLandingZone } from '../support/synth';

let example: SynthResult;
let network: SynthesizedStack;

beforeAll(() => {
  example = synthLandingZone(EXAMPLE_ACCOUNT_FILE);
  network = example.json[exampleStack('network')];
});

const ingressOf = (stack: SynthesizedStack, sgAddress: string) =>
  findResources(stack, 'aws_vpc_security_group_ingress_rule', { security_group_id: `\${${sgAddress}.id}` });
const egressOf = (stack: SynthesizedStack, sgAddress: string) =>
  findResources(stack, 'aws_vpc_security_group_egress_rule', { security_group_id: `\${${sgAddress}.id}` });

/** Terraform address of the security group used by a resolver endpoint. */
function endpointSg(endpoint: Record<string, unknown>): string {
  const [ref] = endpoint.security_group_ids as string[];
  return ref.replace(/^\$\{(.*)\.id\}$/, '$1');
}

describe('network stack: hub VPC', () => {
  it('has DNS support and hostnames, private subnets in two AZs and no internet path', () => {
    const hub = findResources(network, 'aws_vpc', { cidr_block: example.landingZone.network.hubVpcCidr });
    expect(hub).toHaveLength(1);
    expect(hub[0]).toMatchObject({ enable_dns_support: true, enable_dns_hostnames: true });
    const hubSubnets = example.landingZone.network.subnets.map((s) =>
      findResources(network, 'aws_subnet', { cidr_block: s.cidr, availability_zone_id: s.availabilityZoneId }),
    );
    expect(hubSubnets.every((s) => s.length === 1 && s[0].map_public_ip_on_launch === false)).toBe(true);
    for (const absent of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_egress_only_internet_gateway', 'aws_eip']) {
      expect(resourcesOfType(network, absent)).toEqual({});
    }
    const routes = Object.values(resourcesOfType(network, 'aws_route'));
    expect(routes.map((r) => r.destination_cidr_block)).not.toContain('0.0.0.0/0');
  });

  it('records flow logs of every VPC into encrypted log groups with retention', () => {
    const vpcs = Object.keys(resourcesOfType(network, 'aws_vpc'));
    const flowLogs = Object.values(resourcesOfType(network, 'aws_flow_log'));
    expect(flowLogs.map((f) => f.vpc_id).sort()).toEqual(vpcs.map((v) => `\${aws_vpc.${v}.id}`).sort());
    for (const group of Object.values(resourcesOfType(network, 'aws_cloudwatch_log_group'))) {
      expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\..*\.arn\}$/);
      expect(group.retention_in_days).toBe(365);
    }
  });

  it('closes the default security group of every VPC', () => {
    const closed = Object.values(resourcesOfType(network, 'aws_default_security_group'));
    expect(closed).toHaveLength(Object.keys(resourcesOfType(network, 'aws_vpc')).length);
    for (const sg of closed) expect(sg).toMatchObject({ ingress: [], egress: [] });
  });
});

describe('network stack: central Studio endpoint', () => {
  const studio = () => findResources(network, 'aws_vpc_endpoint', { service_name: 'aws.sagemaker.eu-west-1.studio' });

  it('lives in the hub subnets with private DNS on, so the hub resolver answers every Studio host', () => {
    expect(studio()).toHaveLength(1);
    const [endpoint] = studio();
    const hubId = Object.entries(resourcesOfType(network, 'aws_vpc')).find(([, v]) => v.cidr_block === example.landingZone.network.hubVpcCidr)![0];
    expect(endpoint).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true, vpc_id: `\${aws_vpc.${hubId}.id}` });
    const hubSubnets = Object.entries(resourcesOfType(network, 'aws_subnet')).filter(([, s]) => s.vpc_id === `\${aws_vpc.${hubId}.id}`).map(([id]) => `\${aws_subnet.${id}.id}`);
    expect([...(endpoint.subnet_ids as string[])].sort()).toEqual(hubSubnets.sort());
    expect(network.output?.studio_endpoint_id.value).toMatch(/^\$\{aws_vpc_endpoint\.[^.]+\.id\}$/);
  });

  it('admits HTTPS from the corporate ranges only', () => {
    const ingress = ingressOf(network, endpointSg(studio()[0]));
    expect(ingress.map((r) => `${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4}`)).toEqual(example.landingZone.corporate.cidrs.map((c) => `tcp/443-443 ${c}`));
    expect(egressOf(network, endpointSg(studio()[0]))).toEqual([]);
  });

  it('serves only the landing zone\'s service accounts and refuses instance types no service allows', () => {
    const raw = rawAccountFile();
    raw.services.push({ ...raw.services[0], name: 'second', accountId: '333333333333', vpcCidr: '10.17.0.0/16', studio: { ...raw.services[0].studio, allowedInstanceTypes: ['ml.m5.xlarge'] } });
    const two = synthLandingZone(raw).json[exampleStack('network')];
    const [endpoint] = findResources(two, 'aws_vpc_endpoint', { service_name: 'aws.sagemaker.eu-west-1.studio' });
    const statements = JSON.parse(endpoint.policy as string).Statement as Record<string, unknown>[];
    for (const statement of statements.filter((st) => st.Effect === 'Allow')) {
      // Both halves of the perimeter: the service accounts' principals on the service accounts' resources.
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:PrincipalAccount': ['222222222222', '333333333333'], 'aws:ResourceAccount': ['222222222222', '333333333333'] } });
    }
    expect(statements.find((st) => st.Sid === 'SpacesAndAppsOfLandingZoneAccounts')!.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:222222222222:space/*/*', 'arn:aws:sagemaker:eu-west-1:333333333333:space/*/*',
      'arn:aws:sagemaker:eu-west-1:222222222222:app/*/*', 'arn:aws:sagemaker:eu-west-1:333333333333:app/*/*',
    ]);
    expect(statements.find((st) => st.Effect === 'Deny')!.Condition).toEqual({
      'ForAnyValue:StringNotEquals': { 'sagemaker:InstanceTypes': ['ml.m5.large', 'ml.m5.xlarge', 'ml.t3.large', 'ml.t3.medium'] },
    });
  });
});

describe('network stack: resolver endpoints', () => {
  const inbound = () =>
    findResources(network, 'aws_route53_resolver_endpoint', { direction: 'INBOUND', name: 'example-hub-inbound' })[0];

  it('gives the inbound endpoint the static IPs, one per hub subnet', () => {
    const ips = (inbound().ip_address as { ip: string; subnet_id: string }[]).map((a) => a.ip);
    expect(ips).toEqual(example.landingZone.network.inboundResolverIps);
    expect(new Set((inbound().ip_address as { subnet_id: string }[]).map((a) => a.subnet_id)).size).toBe(2);
  });

  it('lets only the corporate ranges query the inbound endpoint, on TCP and UDP 53', () => {
    const rules = ingressOf(network, endpointSg(inbound()));
    const seen = rules.map((r) => `${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4}`).sort();
    const expected = example.landingZone.corporate.cidrs.flatMap((c) => [`tcp/53-53 ${c}`, `udp/53-53 ${c}`]).sort();
    expect(seen).toEqual(expected);
    expect(rules.every((r) => typeof r.description === 'string' && (r.description as string).length > 0)).toBe(true);
    expect(egressOf(network, endpointSg(inbound()))).toEqual([]);
  });

  it('lets the outbound endpoint reach only the corporate DNS servers on 53', () => {
    const outbound = findResources(network, 'aws_route53_resolver_endpoint', { name: 'example-hub-outbound' })[0];
    expect(outbound.direction).toBe('OUTBOUND');
    const rules = egressOf(network, endpointSg(outbound));
    const expected = example.landingZone.corporate.dnsServerIps.flatMap((ip) => [`tcp/53 ${ip}/32`, `udp/53 ${ip}/32`]).sort();
    expect(rules.map((r) => `${r.ip_protocol}/${r.from_port} ${r.cidr_ipv4}`).sort()).toEqual(expected);
    expect(ingressOf(network, endpointSg(outbound))).toEqual([]);
  });

  it('logs the queries of the hub and corporate VPCs to an encrypted log group', () => {
    const config = onlyResource(network, 'aws_route53_resolver_query_log_config');
    expect(config.destination_arn).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}$/);
    expect(Object.keys(resourcesOfType(network, 'aws_route53_resolver_query_log_config_association'))).toHaveLength(2);
  });
});

describe('network stack: corporate forwarding rules and their RAM share', () => {
  const corporateRules = () =>
    example.landingZone.corporate.dnsDomains.map(
      (domain) => findResources(network, 'aws_route53_resolver_rule', { domain_name: domain })[0],
    );

  it('forwards each corporate domain to the corporate DNS servers and applies it to the hub', () => {
    for (const rule of corporateRules()) {
      expect(rule.rule_type).toBe('FORWARD');
      expect(rule.target_ip).toEqual(example.landingZone.corporate.dnsServerIps.map((ip) => ({ ip, port: 53 })));
    }
    const hubVpc = Object.entries(resourcesOfType(network, 'aws_vpc')).find(([, v]) => v.cidr_block === example.landingZone.network.hubVpcCidr)![0];
    expect(findResources(network, 'aws_route53_resolver_rule_association', { vpc_id: `\${aws_vpc.${hubVpc}.id}` })).toHaveLength(
      example.landingZone.corporate.dnsDomains.length,
    );
  });

  it('shares exactly the corporate rules with exactly the service accounts, outside an Organization', () => {
    const share = onlyResource(network, 'aws_ram_resource_share');
    expect(share.allow_external_principals).toBe(true);
    const shared = Object.values(resourcesOfType(network, 'aws_ram_resource_association')).map((a) => a.resource_arn);
    const ruleIds = Object.entries(resourcesOfType(network, 'aws_route53_resolver_rule'))
      .filter(([, r]) => example.landingZone.corporate.dnsDomains.includes(r.domain_name as string))
      .map(([id]) => `\${aws_route53_resolver_rule.${id}.arn}`);
    expect(shared.sort()).toEqual(ruleIds.sort());
    const principals = Object.values(resourcesOfType(network, 'aws_ram_principal_association')).map((p) => p.principal);
    expect(principals).toEqual(example.landingZone.services.map((s) => s.accountId));
  });

  it('keeps the share inside the Organization when the accounts are in one', () => {
    const org = synthLandingZone({ ...rawAccountFile(), inOrganization: true });
    expect(onlyResource(org.json[exampleStack('network')], 'aws_ram_resource_share').allow_external_principals).toBe(false);
    expect(resourcesOfType(org.json[exampleStack('service-analytics')], 'aws_ram_resource_share_accepter')).toEqual({});
  });
});

describe('network stack: simulated corporate network', () => {
  it('builds the corporate VPC with its own subnets and route table', () => {
    const connectivity = example.landingZone.corporate.connectivity;
    if (connectivity.type !== 'simulated') throw new Error('example uses the simulated corporate VPC');
    expect(findResources(network, 'aws_vpc', { cidr_block: connectivity.vpcCidr })).toHaveLength(1);
    for (const subnet of connectivity.subnets) {
      expect(findResources(network, 'aws_subnet', { cidr_block: subnet.cidr })).toHaveLength(1);
    }
    expect(Object.keys(resourcesOfType(network, 'aws_route_table'))).toHaveLength(2);
  });

  it('forwards the Studio zone to the inbound resolver IPs, applied to the corporate VPC only', () => {
    const [studioRule] = findResources(network, 'aws_route53_resolver_rule', { domain_name: 'studio.eu-west-1.sagemaker.aws' });
    expect(studioRule.target_ip).toEqual(example.landingZone.network.inboundResolverIps.map((ip) => ({ ip, port: 53 })));
    const ruleId = Object.entries(resourcesOfType(network, 'aws_route53_resolver_rule')).find(([, r]) => r === studioRule)![0];
    const associations = findResources(network, 'aws_route53_resolver_rule_association', {
      resolver_rule_id: `\${aws_route53_resolver_rule.${ruleId}.id}`,
    });
    expect(associations).toHaveLength(1);
    const corporateVpc = Object.entries(resourcesOfType(network, 'aws_vpc')).find(([, v]) => v.cidr_block === '192.168.0.0/24')![0];
    expect(associations[0].vpc_id).toBe(`\${aws_vpc.${corporateVpc}.id}`);
  });

  it('peers hub and corporate VPC with routes both ways', () => {
    const peering = onlyResource(network, 'aws_vpc_peering_connection');
    expect(peering.auto_accept).toBe(true);
    const routes = Object.values(resourcesOfType(network, 'aws_route')).map((r) => r.destination_cidr_block).sort();
    expect(routes).toEqual([...example.landingZone.corporate.cidrs, example.landingZone.network.hubVpcCidr].sort());
  });
});
