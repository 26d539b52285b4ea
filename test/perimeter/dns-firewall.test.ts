import { runGuardrails, SynthesizedStack as GuardedStack } from '../../analysis/guardrails';
import { landingZoneDomains } from '../../modules/perimeter/allowed-domains';
import { rawAccountFile } from '../support/configs';
import { SynthResult, onlyResource, resourcesOfType, synthLandingZone } from '../support/synth';

const SERVICE = 'example-eu-west-1-service-analytics';

describe('the example: DNS Firewall around the service VPC and the hub', () => {
  let example: SynthResult;
  beforeAll(() => {
    example = synthLandingZone(rawAccountFile());
  });

  it.each([
    [SERVICE, 'example-analytics'],
    ['example-eu-west-1-network', 'example-hub'],
  ])('%s: ALLOW the landing zone\'s names, then BLOCK "*", associated with the VPC, failing closed', (stackName, prefix) => {
    const stack = example.json[stackName];
    const lists = Object.entries(resourcesOfType(stack, 'aws_route53_resolver_firewall_domain_list'));
    const [allowedId] = lists.find(([, l]) => l.name === `${prefix}-allowed`)!;
    const [everythingId, everything] = lists.find(([, l]) => l.name === `${prefix}-everything`)!;
    expect(everything.domains).toEqual(['*']);
    const rules = Object.values(resourcesOfType(stack, 'aws_route53_resolver_firewall_rule')).sort((a, b) => Number(a.priority) - Number(b.priority));
    expect(rules.map((r) => [r.action, r.firewall_domain_list_id])).toEqual([
      ['ALLOW', `\${aws_route53_resolver_firewall_domain_list.${allowedId}.id}`],
      ['BLOCK', `\${aws_route53_resolver_firewall_domain_list.${everythingId}.id}`],
    ]);
    const association = onlyResource(stack, 'aws_route53_resolver_firewall_rule_group_association');
    const [vpcId] = Object.keys(resourcesOfType(stack, 'aws_vpc')).filter((id) => association.vpc_id === `\${aws_vpc.${id}.id}`);
    expect(vpcId).toBeDefined();
    expect(association.depends_on).toHaveLength(2);
    expect(onlyResource(stack, 'aws_route53_resolver_firewall_config')).toEqual(expect.objectContaining({ resource_id: association.vpc_id, firewall_fail_open: 'DISABLED' }));
  });

  it('allows in the service VPC its endpoints\' names, Studio and the corporate domain, nothing wider', () => {
    const allowed = Object.values(resourcesOfType(example.json[SERVICE], 'aws_route53_resolver_firewall_domain_list')).find((l) => l.name === 'example-analytics-allowed')!;
    const domains = allowed.domains as string[];
    for (const name of ['api.sagemaker.eu-west-1.amazonaws.com', '*.s3.eu-west-1.amazonaws.com', 'dynamodb.eu-west-1.amazonaws.com', 'sts.eu-west-1.amazonaws.com', '*.studio.eu-west-1.sagemaker.aws', 'corp.example.com', '*.corp.example.com']) {
      expect(domains).toContain(name);
    }
    expect(domains.filter((d) => d === '*' || /^\*\.[a-z]+$/.test(d) || d === '*.amazonaws.com')).toEqual([]);
  });

  it('logs the service VPC\'s queries to an encrypted log group', () => {
    const service = example.json[SERVICE];
    const config = onlyResource(service, 'aws_route53_resolver_query_log_config');
    expect(config.name).toBe('example-analytics-resolver-queries');
    const association = onlyResource(service, 'aws_route53_resolver_query_log_config_association');
    expect(association.resource_id).toMatch(/^\$\{aws_vpc\.[^.]+\.id\}$/);
  });
});

describe('a team\'s settings', () => {
  it('adds the team\'s domains and fails open when asked, which LZ-DNS-006 warns about', () => {
    const config = rawAccountFile();
    config.services[0].dnsFirewall = { allowedDomains: ['Artifacts.Tools.Example.org', '*.pkg.tools.example.org'], failOpen: true };
    const { json } = synthLandingZone(config);
    const service = json[SERVICE];
    const allowed = Object.values(resourcesOfType(service, 'aws_route53_resolver_firewall_domain_list')).find((l) => l.name === 'example-analytics-allowed')!;
    expect(allowed.domains).toEqual(expect.arrayContaining(['artifacts.tools.example.org', '*.pkg.tools.example.org']));
    expect(onlyResource(service, 'aws_route53_resolver_firewall_config').firewall_fail_open).toBe('ENABLED');
    // The hub keeps its own setting.
    expect(onlyResource(json['example-eu-west-1-network'], 'aws_route53_resolver_firewall_config').firewall_fail_open).toBe('DISABLED');
    const warnings = runGuardrails(json as Record<string, GuardedStack>).filter((f) => f.ruleId === 'LZ-DNS-006' && f.status === 'non-compliant');
    expect(warnings.map((f) => [f.stack, f.severity])).toEqual([[SERVICE, 'WARNING']]);
  });
});

describe('landingZoneDomains', () => {
  const base = { region: 'eu-west-1', endpointServices: ['com.amazonaws.eu-west-1.sts'], corporateDomains: ['corp.example.com'], hosts: [], extra: [] };

  it('lists each domain and the names below it, sorted', () => {
    expect(landingZoneDomains(base)).toEqual([
      '*.corp.example.com', '*.sts.eu-west-1.amazonaws.com', '*.studio.eu-west-1.sagemaker.aws',
      'corp.example.com', 'sts.eu-west-1.amazonaws.com', 'studio.eu-west-1.sagemaker.aws',
    ]);
  });

  it('adds a host outside the domains (an IdP on the internet) exactly, and none the domains cover', () => {
    const domains = landingZoneDomains({ ...base, hosts: ['login.idp.example.net', 'idp.corp.example.com'] });
    expect(domains).toContain('login.idp.example.net');
    expect(domains).not.toContain('idp.corp.example.com');
  });

  it('refuses an endpoint service whose DNS name it does not know', () => {
    expect(() => landingZoneDomains({ ...base, endpointServices: ['com.example.vpce.unknown'] })).toThrow(/no DNS name is known for endpoint service com\.example\.vpce\.unknown/);
  });
});
