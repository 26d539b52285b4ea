import * as fs from 'fs';
import * as path from 'path';
import { GuardrailContext, RULES, errorsOf, formatFinding } from '../../analysis/guardrails';
import {
  Body, Doc, NETWORK, SERVICE, Stacks, add, all, editPolicy, example, failing, findings, first, presignPolicy, ref, remove, statement, threeServices,
} from './support';
import { shippedStackId, shippedStacks } from '../support/shared-synth';

describe.each([
  ['the example', example],
  ['three services', threeServices],
])('on %s', (_name, synth) => {
  const stacks = synth();
  const results = findings(stacks);

  it('no ERROR rule fails', () => {
    expect(errorsOf(results).map(formatFinding)).toEqual([]);
  });

  it('every rule whose resource types are synthesized judged at least one resource', () => {
    const types = new Set(Object.values(stacks).flatMap((s) => Object.keys(s.resource ?? {})));
    const present = RULES.filter((r) => r.appliesTo.some((t) => t === '*' || types.has(t)) && r.id !== 'LZ-GR-001');
    const judged = new Set(results.filter((f) => f.status === 'compliant' || f.status === 'suppressed' || f.status === 'non-compliant').map((f) => f.ruleId));
    expect(present.map((r) => r.id).filter((id) => !judged.has(id))).toEqual([]);
  });
});

describe('rule metadata', () => {
  it('ids are unique and well-formed; each rule has one-line invariant and a why', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^LZ-[A-Z]+-\d{3}$/);
      expect(r.invariant).not.toMatch(/\n/);
      expect(r.why.length).toBeGreaterThan(40);
      expect(r.appliesTo.length).toBeGreaterThan(0);
    }
  });

  it('one rule per file under analysis/guardrails/rules', () => {
    const dir = path.join(__dirname, '../../analysis/guardrails/rules');
    const files = fs.readdirSync(dir).filter((f) => f !== 'index.ts');
    expect(files).toHaveLength(RULES.length);
    for (const r of RULES) expect(files.some((f) => f.startsWith(r.id.slice(3).toLowerCase()))).toBe(true);
  });

  it('nothing the synth loads imports the AGPL evaluator (analysis/policy-proofs only)', () => {
    const sources = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const root = path.join(__dirname, '../..');
    const offenders = [...sources(path.join(root, 'modules')), ...sources(path.join(root, 'analysis/guardrails')), path.join(root, 'main.ts')].filter((f) => fs.readFileSync(f, 'utf8').includes('@cloud-copilot/'));
    expect(offenders).toEqual([]);
  });

  it('the README lists every rule with its severity', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../analysis/guardrails/README.md'), 'utf8');
    for (const r of RULES) expect(readme).toContain(`| ${r.id} | ${r.severity} |`);
  });

  it('the caching rule says why the scanners\' advice is wrong here', () => {
    const caching = RULES.find((r) => r.id === 'LZ-API-007')!;
    expect(caching.overrides).toEqual(['CKV_AWS_120']);
    expect(caching.why).toMatch(/CKV_AWS_120/);
    expect(caching.why).toMatch(/presigned URL/);
  });
});

interface Defect {
  rule: string;
  what: string;
  /** Damages the stacks; returns `<stack> <address>` of the resource the rule must flag. */
  damage: (stacks: Stacks) => string;
  context?: GuardrailContext;
}

const service = (s: Stacks) => s[SERVICE];
const network = (s: Stacks) => s[NETWORK];
const serviceVpc = (s: Stacks) => first(service(s), 'aws_vpc').name;
const inbound = (s: Stacks) => first(network(s), 'aws_route53_resolver_endpoint', (b) => b.direction === 'INBOUND' && String(b.name).includes('hub'));
const corporateRule = (s: Stacks) => first(network(s), 'aws_route53_resolver_rule', (b) => b.domain_name === 'corp.example.com');
const presignFunction = (s: Stacks) => first(service(s), 'aws_lambda_function', (b) => String(b.function_name).endsWith('presign'));
const endpointsGroup = (s: Stacks) => first(service(s), 'aws_security_group', (b) => String(b.name).endsWith('-endpoints') && !String(b.name).endsWith('-browser-endpoints'));
const interfaceEndpoint = (s: Stacks, suffix: string) => first(service(s), 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith(suffix));
const methodSettings = (s: Stacks) => first(service(s), 'aws_api_gateway_method_settings');
const at = (stack: string, address: string) => `${stack} ${address}`;
/** Edits the first user profile's execution role policy; returns the role the rules must flag. */
const editSessionPolicy = (s: Stacks, edit: (doc: Doc) => void) => {
  const policy = first(service(s), 'aws_iam_role_policy', (b) => b.name === 'studio-session');
  editPolicy(policy.body, edit);
  return at(SERVICE, `aws_iam_role.${String(policy.body.role).replace(/^\$\{aws_iam_role\.(.*)\.id\}$/, '$1')}`);
};

const DEFECTS: Defect[] = [
  {
    rule: 'LZ-VPC-001', what: 'an internet gateway',
    damage: (s) => at(SERVICE, add(service(s), 'aws_internet_gateway', 'igw', { vpc_id: ref('aws_vpc', serviceVpc(s)) })),
  },
  {
    rule: 'LZ-VPC-001', what: 'a public NAT gateway',
    damage: (s) => at(SERVICE, add(service(s), 'aws_nat_gateway', 'nat', { subnet_id: 'subnet-0', allocation_id: 'eipalloc-0' })),
  },
  {
    rule: 'LZ-VPC-002', what: 'a 0.0.0.0/0 route',
    damage: (s) => at(SERVICE, add(service(s), 'aws_route', 'default', { route_table_id: ref('aws_route_table', first(service(s), 'aws_route_table').name), destination_cidr_block: '0.0.0.0/0', vpc_peering_connection_id: 'pcx-0' })),
  },
  {
    rule: 'LZ-VPC-003', what: 'a subnet mapping public IPs',
    damage: (s) => {
      const subnet = first(service(s), 'aws_subnet');
      subnet.body.map_public_ip_on_launch = true;
      return at(SERVICE, subnet.address);
    },
  },
  {
    rule: 'LZ-VPC-004', what: 'a VPC without flow logs',
    damage: (s) => {
      remove(service(s), 'aws_flow_log');
      return at(SERVICE, `aws_vpc.${serviceVpc(s)}`);
    },
  },
  {
    rule: 'LZ-SG-001', what: 'ingress from 0.0.0.0/0',
    damage: (s) => {
      const rule = first(service(s), 'aws_vpc_security_group_ingress_rule', (b) => b.from_port === 443);
      rule.body.cidr_ipv4 = '0.0.0.0/0';
      return at(SERVICE, rule.address);
    },
  },
  {
    rule: 'LZ-SG-001', what: 'inline ingress from ::/0',
    damage: (s) => {
      const group = endpointsGroup(s);
      group.body.ingress = [{ description: 'x', protocol: 'tcp', from_port: 443, to_port: 443, ipv6_cidr_blocks: ['::/0'] }];
      return at(SERVICE, group.address);
    },
  },
  {
    rule: 'LZ-SG-002', what: 'a rule without description',
    damage: (s) => {
      const rule = first(service(s), 'aws_vpc_security_group_egress_rule');
      delete rule.body.description;
      return at(SERVICE, rule.address);
    },
  },
  {
    rule: 'LZ-SG-002', what: 'a group with Terraform\'s default description',
    damage: (s) => {
      const group = endpointsGroup(s);
      group.body.description = 'Managed by Terraform';
      return at(SERVICE, group.address);
    },
  },
  {
    rule: 'LZ-SG-003', what: 'a default security group with a rule',
    damage: (s) => {
      const group = first(service(s), 'aws_default_security_group');
      group.body.ingress = [{ protocol: '-1', from_port: 0, to_port: 0, self: true }];
      return at(SERVICE, group.address);
    },
  },
  {
    rule: 'LZ-SG-003', what: 'a VPC whose default group is not managed',
    damage: (s) => {
      remove(service(s), 'aws_default_security_group');
      return at(SERVICE, `aws_vpc.${serviceVpc(s)}`);
    },
  },
  {
    rule: 'LZ-SG-004', what: 'SSH open on the inbound resolver',
    damage: (s) => {
      const endpoint = inbound(s);
      const group = (endpoint.body.security_group_ids as string[])[0].split('.')[1];
      add(network(s), 'aws_vpc_security_group_ingress_rule', 'ssh', { security_group_id: ref('aws_security_group', group), description: 'ssh', ip_protocol: 'tcp', from_port: 22, to_port: 22, cidr_ipv4: '192.168.0.0/16' });
      return at(NETWORK, endpoint.address);
    },
  },
  {
    rule: 'LZ-SG-004', what: 'DNS open to a non-corporate range',
    damage: (s) => {
      const endpoint = inbound(s);
      for (const [, body] of all(network(s), 'aws_vpc_security_group_ingress_rule')) {
        if (body.security_group_id === (endpoint.body.security_group_ids as string[])[0]) body.cidr_ipv4 = '10.99.0.0/16';
      }
      return at(NETWORK, endpoint.address);
    },
  },
  {
    rule: 'LZ-SG-005', what: 'port 80 on the endpoint group',
    damage: (s) => {
      add(service(s), 'aws_vpc_security_group_ingress_rule', 'http', { security_group_id: ref('aws_security_group', endpointsGroup(s).name), description: 'http', ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '10.16.0.0/16' });
      return at(SERVICE, interfaceEndpoint(s, '.sagemaker.api').address);
    },
  },
  {
    rule: 'LZ-API-001', what: 'the SourceVpce Deny removed',
    damage: (s) => {
      const api = first(service(s), 'aws_api_gateway_rest_api');
      editPolicy(first(service(s), 'aws_api_gateway_rest_api_policy').body, (doc) => { doc.Statement = doc.Statement.filter((st) => st.Effect !== 'Deny'); });
      return at(SERVICE, api.address);
    },
  },
  {
    rule: 'LZ-API-001', what: 'the Deny weakened to StringNotEqualsIfExists... on another endpoint',
    damage: (s) => {
      const api = first(service(s), 'aws_api_gateway_rest_api');
      editPolicy(first(service(s), 'aws_api_gateway_rest_api_policy').body, (doc) => { statement(doc, 'DenyUnlessThroughOwnEndpoint').Condition = { StringNotEquals: { 'aws:SourceVpce': 'vpce-0someoneelse' } }; });
      return at(SERVICE, api.address);
    },
  },
  {
    rule: 'LZ-API-001', what: 'a REGIONAL API',
    damage: (s) => {
      const api = first(service(s), 'aws_api_gateway_rest_api');
      api.body.endpoint_configuration = { types: ['REGIONAL'] };
      return at(SERVICE, api.address);
    },
  },
  {
    rule: 'LZ-API-002', what: 'a method without authorizer',
    damage: (s) => {
      const method = first(service(s), 'aws_api_gateway_method');
      method.body.authorization = 'NONE';
      delete method.body.authorizer_id;
      return at(SERVICE, method.address);
    },
  },
  {
    rule: 'LZ-API-003', what: 'a stage without access logs',
    damage: (s) => {
      const stage = first(service(s), 'aws_api_gateway_stage');
      delete stage.body.access_log_settings;
      return at(SERVICE, stage.address);
    },
  },
  {
    rule: 'LZ-API-004', what: 'a stage without X-Ray',
    damage: (s) => {
      const stage = first(service(s), 'aws_api_gateway_stage');
      stage.body.xray_tracing_enabled = false;
      return at(SERVICE, stage.address);
    },
  },
  {
    rule: 'LZ-API-005', what: 'metrics off',
    damage: (s) => {
      (methodSettings(s).body.settings as Record<string, unknown>).metrics_enabled = false;
      return at(SERVICE, first(service(s), 'aws_api_gateway_stage').address);
    },
  },
  {
    rule: 'LZ-API-006', what: 'data trace on',
    damage: (s) => {
      const settings = methodSettings(s);
      (settings.body.settings as Record<string, unknown>).data_trace_enabled = true;
      return at(SERVICE, settings.address);
    },
  },
  {
    rule: 'LZ-API-007', what: 'caching on',
    damage: (s) => {
      const settings = methodSettings(s);
      (settings.body.settings as Record<string, unknown>).caching_enabled = true;
      return at(SERVICE, settings.address);
    },
  },
  {
    rule: 'LZ-API-007', what: 'a cache cluster on the stage',
    damage: (s) => {
      const stage = first(service(s), 'aws_api_gateway_stage');
      stage.body.cache_cluster_enabled = true;
      return at(SERVICE, stage.address);
    },
  },
  {
    rule: 'LZ-LMB-001', what: 'a function in one AZ',
    damage: (s) => {
      const fn = presignFunction(s);
      const vpc = fn.body.vpc_config as Record<string, string[]>;
      vpc.subnet_ids = vpc.subnet_ids.slice(0, 1);
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-001', what: 'a function outside the VPC',
    damage: (s) => {
      const fn = presignFunction(s);
      delete fn.body.vpc_config;
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-001', what: 'the authorizer moved outside the VPC with its ENI permissions still granted',
    damage: (s) => {
      const fn = first(service(s), 'aws_lambda_function', (b) => String(b.function_name).endsWith('authorizer'));
      delete fn.body.vpc_config;
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-002', what: 'no X-Ray', damage: (s) => {
      const fn = presignFunction(s);
      delete fn.body.tracing_config;
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-003', what: 'a reserved concurrency of 0', damage: (s) => {
      const fn = presignFunction(s);
      fn.body.reserved_concurrent_executions = 0;
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-004', what: 'a deprecated runtime', damage: (s) => {
      const fn = presignFunction(s);
      fn.body.runtime = 'nodejs16.x';
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-005', what: 'its log group kept 30 days', damage: (s) => {
      const fn = presignFunction(s);
      const group = first(service(s), 'aws_cloudwatch_log_group', (b) => b.name === `/aws/lambda/${String(fn.body.function_name)}`);
      group.body.retention_in_days = 30;
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-005', what: 'no explicit log group', damage: (s) => {
      const fn = presignFunction(s);
      delete fn.body.logging_config;
      const groups = service(s).resource!.aws_cloudwatch_log_group;
      for (const [name, body] of Object.entries(groups)) if (body.name === `/aws/lambda/${String(fn.body.function_name)}`) delete groups[name];
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-006', what: 'a password in the environment', damage: (s) => {
      const fn = presignFunction(s);
      (fn.body.environment as { variables: Record<string, string> }).variables.DB_PASSWORD = 'hunter2';
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-006', what: 'a private JWK in the environment', damage: (s) => {
      const fn = presignFunction(s);
      (fn.body.environment as { variables: Record<string, string> }).variables.IDP_JWKS_JSON = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'secret' }] });
      return at(SERVICE, fn.address);
    },
  },
  {
    rule: 'LZ-LMB-007', what: 'a public invoke permission', damage: (s) =>
      at(SERVICE, add(service(s), 'aws_lambda_permission', 'public', { action: 'lambda:InvokeFunction', function_name: 'x', principal: '*' })),
  },
  {
    rule: 'LZ-LMB-008', what: 'an API Gateway permission without source_arn', damage: (s) => {
      const permission = first(service(s), 'aws_lambda_permission', (b) => b.statement_id === 'ApiGatewayGetStudio');
      delete permission.body.source_arn;
      return at(SERVICE, permission.address);
    },
  },
  {
    rule: 'LZ-IAM-001', what: 'a "*" action', damage: (s) => {
      const policy = presignPolicy(s);
      editPolicy(policy.body, (doc) => { doc.Statement.push({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket' }); });
      return at(SERVICE, policy.address);
    },
  },
  {
    rule: 'LZ-IAM-001', what: 'a "dynamodb:*" action', damage: (s) => {
      const policy = presignPolicy(s);
      editPolicy(policy.body, (doc) => { statement(doc, 'ReadMappings').Action = 'dynamodb:*'; });
      return at(SERVICE, policy.address);
    },
  },
  {
    rule: 'LZ-IAM-002', what: 'Resource "*" on sagemaker:CreatePresignedDomainUrl', damage: (s) => {
      const policy = presignPolicy(s);
      editPolicy(policy.body, (doc) => { statement(doc, 'PresignOnlyThroughOwnEndpoints').Resource = '*'; });
      return at(SERVICE, policy.address);
    },
  },
  {
    rule: 'LZ-IAM-003', what: 'a trust policy for any AWS principal', damage: (s) => {
      const role = first(service(s), 'aws_iam_role', (b) => String(b.name).includes('presign-lambda'));
      editPolicy(role.body, (doc) => { doc.Statement[0].Principal = { AWS: '*' }; }, 'assume_role_policy');
      return at(SERVICE, role.address);
    },
  },
  {
    rule: 'LZ-IAM-003', what: 'a trust policy for a whole account', damage: (s) => {
      const role = first(service(s), 'aws_iam_role', (b) => String(b.name).includes('presign-lambda'));
      editPolicy(role.body, (doc) => { doc.Statement[0].Principal = { AWS: 'arn:aws:iam::222222222222:root' }; doc.Statement[0].Condition = undefined; }, 'assume_role_policy');
      return at(SERVICE, role.address);
    },
  },
  ...(
    [
      ['the SourceVpce condition made IfExists', (st: Record<string, unknown>) => { st.Condition = { StringEqualsIfExists: (st.Condition as Record<string, unknown>).StringEquals }; }],
      ['the Studio endpoint dropped', (st: Record<string, unknown>) => { const c = st.Condition as { StringEquals: Record<string, string[]> }; c.StringEquals['aws:SourceVpce'] = c.StringEquals['aws:SourceVpce'].slice(0, 1); }],
      ['every domain granted', (st: Record<string, unknown>) => { st.Resource = ['arn:aws:sagemaker:eu-west-1:222222222222:user-profile/*/*']; }],
    ] as const
  ).map(([what, edit]): Defect => ({
    rule: 'LZ-IAM-004', what: `the presign grant with ${what}`, damage: (s) => {
      editPolicy(presignPolicy(s).body, (doc) => edit(statement(doc, 'PresignOnlyThroughOwnEndpoints')));
      return at(SERVICE, first(service(s), 'aws_iam_role', (b) => String(b.name).includes('presign-lambda')).address);
    },
  })),
  {
    rule: 'LZ-IAM-004', what: 'a second, unconditioned presign Allow', damage: (s) => {
      editPolicy(presignPolicy(s).body, (doc) => { doc.Statement.push({ Effect: 'Allow', Action: 'sagemaker:CreatePresigned*', Resource: 'arn:aws:sagemaker:eu-west-1:222222222222:user-profile/d-abcdefghijkl/*' }); });
      return at(SERVICE, first(service(s), 'aws_iam_role', (b) => String(b.name).includes('presign-lambda')).address);
    },
  },
  {
    rule: 'LZ-IAM-005', what: 'a Fn.jsonencode policy', damage: (s) => {
      const policy = presignPolicy(s);
      policy.body.policy = '${jsonencode({"Version" = "2012-10-17", "Statement" = []})}';
      return at(SERVICE, policy.address);
    },
  },
  {
    rule: 'LZ-IAM-005', what: 'a computed value inside the JSON', damage: (s) => {
      const policy = presignPolicy(s);
      editPolicy(policy.body, (doc) => { statement(doc, 'ReadMappings').Resource = '${join(",", var.tables)}'; });
      return at(SERVICE, policy.address);
    },
  },
  {
    rule: 'LZ-KMS-001', what: 'rotation off', damage: (s) => {
      const key = first(service(s), 'aws_kms_key');
      key.body.enable_key_rotation = false;
      return at(SERVICE, key.address);
    },
  },
  {
    rule: 'LZ-KMS-002', what: 'an unconditioned "*" principal', damage: (s) => {
      const key = first(service(s), 'aws_kms_key');
      editPolicy(key.body, (doc) => { doc.Statement.push({ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }); });
      return at(SERVICE, key.address);
    },
  },
  {
    rule: 'LZ-DDB-001', what: 'PITR off', damage: (s) => {
      const table = first(service(s), 'aws_dynamodb_table');
      table.body.point_in_time_recovery = { enabled: false };
      return at(SERVICE, table.address);
    },
  },
  {
    rule: 'LZ-DDB-002', what: 'the AWS managed key', damage: (s) => {
      const table = first(service(s), 'aws_dynamodb_table');
      table.body.server_side_encryption = { enabled: true };
      return at(SERVICE, table.address);
    },
  },
  {
    rule: 'LZ-DDB-003', what: 'deletion protection off', damage: (s) => {
      const table = first(service(s), 'aws_dynamodb_table');
      table.body.deletion_protection_enabled = false;
      return at(SERVICE, table.address);
    },
  },
  {
    rule: 'LZ-LOG-001', what: 'an unencrypted log group', damage: (s) => {
      const group = first(network(s), 'aws_cloudwatch_log_group');
      delete group.body.kms_key_id;
      return at(NETWORK, group.address);
    },
  },
  {
    rule: 'LZ-LOG-002', what: 'a log group kept forever', damage: (s) => {
      const group = first(network(s), 'aws_cloudwatch_log_group');
      delete group.body.retention_in_days;
      return at(NETWORK, group.address);
    },
  },
  {
    rule: 'LZ-DNS-001', what: 'both inbound IPs in one subnet', damage: (s) => {
      const endpoint = inbound(s);
      const ips = endpoint.body.ip_address as { subnet_id: string }[];
      ips[1].subnet_id = ips[0].subnet_id;
      return at(NETWORK, endpoint.address);
    },
  },
  {
    rule: 'LZ-DNS-002', what: 'a public forwarding target', damage: (s) => {
      const rule = corporateRule(s);
      rule.body.target_ip = [{ ip: '8.8.8.8', port: 53 }];
      return at(NETWORK, rule.address);
    },
  },
  {
    rule: 'LZ-DNS-003', what: 'a FORWARD rule for amazonaws.com', damage: (s) => {
      const rule = corporateRule(s);
      rule.body.domain_name = 'amazonaws.com';
      return at(NETWORK, rule.address);
    },
  },
  {
    rule: 'LZ-DNS-003', what: 'a FORWARD rule for "."', damage: (s) => {
      const rule = corporateRule(s);
      rule.body.domain_name = '.';
      return at(NETWORK, rule.address);
    },
  },
  {
    rule: 'LZ-DNS-003', what: 'a domain outside the configured corporate domains', context: { corporateDomains: ['corp.example.com'] }, damage: (s) => {
      const rule = corporateRule(s);
      rule.body.domain_name = 'partner.example.org';
      return at(NETWORK, rule.address);
    },
  },
  {
    rule: 'LZ-DNS-004', what: 'no query logging', damage: (s) => {
      remove(network(s), 'aws_route53_resolver_query_log_config_association');
      return at(NETWORK, inbound(s).address);
    },
  },
  {
    rule: 'LZ-DNS-005', what: 'the DNS Firewall detached from the service VPC', damage: (s) => {
      remove(service(s), 'aws_route53_resolver_firewall_rule_group_association');
      return at(SERVICE, `aws_vpc.${serviceVpc(s)}`);
    },
  },
  {
    rule: 'LZ-DNS-005', what: 'no BLOCK rule on "*"', damage: (s) => {
      const block = first(service(s), 'aws_route53_resolver_firewall_rule', (b) => b.action === 'BLOCK');
      delete service(s).resource!.aws_route53_resolver_firewall_rule[block.name];
      return at(SERVICE, `aws_vpc.${serviceVpc(s)}`);
    },
  },
  {
    rule: 'LZ-DNS-005', what: 'an ALLOW of "*" before the BLOCK rule', damage: (s) => {
      first(service(s), 'aws_route53_resolver_firewall_domain_list', (b) => String(b.name).endsWith('-allowed')).body.domains = ['*'];
      return at(SERVICE, `aws_vpc.${serviceVpc(s)}`);
    },
  },
  {
    rule: 'LZ-DNS-006', what: 'a DNS Firewall failing open', damage: (s) => {
      const config = first(service(s), 'aws_route53_resolver_firewall_config');
      config.body.firewall_fail_open = 'ENABLED';
      return at(SERVICE, config.address);
    },
  },
  {
    rule: 'LZ-DNS-007', what: 'no query logging in the service VPC', damage: (s) => {
      remove(service(s), 'aws_route53_resolver_query_log_config_association');
      return at(SERVICE, `aws_vpc.${serviceVpc(s)}`);
    },
  },
  {
    rule: 'LZ-RAM-001', what: 'a shared subnet', damage: (s) =>
      at(NETWORK, add(network(s), 'aws_ram_resource_association', 'subnet', { resource_arn: ref('aws_subnet', first(network(s), 'aws_subnet').name, 'arn'), resource_share_arn: ref('aws_ram_resource_share', first(network(s), 'aws_ram_resource_share').name, 'arn') })),
  },
  {
    rule: 'LZ-RAM-002', what: 'a share to an unconfigured account', damage: (s) => {
      const association = first(network(s), 'aws_ram_principal_association');
      association.body.principal = '555555555555';
      return at(NETWORK, association.address);
    },
  },
  {
    rule: 'LZ-RAM-002', what: 'a share to an Organization', damage: (s) => {
      const association = first(network(s), 'aws_ram_principal_association');
      association.body.principal = 'arn:aws:organizations::111111111111:organization/o-abc';
      return at(NETWORK, association.address);
    },
  },
  {
    rule: 'LZ-RAM-003', what: 'external principals inside an Organization (from the config)', context: { inOrganization: true },
    damage: (s) => at(NETWORK, first(network(s), 'aws_ram_resource_share').address),
  },
  {
    rule: 'LZ-RAM-003', what: 'external principals while consumers accept nothing (derived: inside)', damage: (s) => {
      remove(service(s), 'aws_ram_resource_share_accepter');
      return at(NETWORK, first(network(s), 'aws_ram_resource_share').address);
    },
  },
  {
    rule: 'LZ-SM-001', what: 'a PublicInternetOnly domain', damage: (s) => {
      const domain = first(service(s), 'aws_sagemaker_domain');
      domain.body.app_network_access_type = 'PublicInternetOnly';
      return at(SERVICE, domain.address);
    },
  },
  {
    rule: 'LZ-SM-001', what: 'an SSO domain', damage: (s) => {
      const domain = first(service(s), 'aws_sagemaker_domain');
      domain.body.auth_mode = 'SSO';
      return at(SERVICE, domain.address);
    },
  },
  {
    rule: 'LZ-SM-002', what: 'a domain whose default user settings name no security group', damage: (s) => {
      const domain = first(service(s), 'aws_sagemaker_domain');
      delete (domain.body.default_user_settings as Body).security_groups;
      return at(SERVICE, domain.address);
    },
  },
  {
    rule: 'LZ-SM-002', what: 'a profile whose user settings name no security group', damage: (s) => {
      const profile = first(service(s), 'aws_sagemaker_user_profile');
      (profile.body.user_settings as Body).security_groups = [];
      return at(SERVICE, profile.address);
    },
  },
  {
    rule: 'LZ-SM-003', what: 'a domain on the AWS managed key', damage: (s) => {
      const domain = first(service(s), 'aws_sagemaker_domain');
      delete domain.body.kms_key_id;
      return at(SERVICE, domain.address);
    },
  },
  {
    rule: 'LZ-SM-003', what: 'a domain on a key that does not rotate', damage: (s) => {
      const domain = first(service(s), 'aws_sagemaker_domain');
      const key = first(service(s), 'aws_kms_key', (_b, name) => String(domain.body.kms_key_id).includes(`.${name}.`));
      key.body.enable_key_rotation = false;
      return at(SERVICE, domain.address);
    },
  },
  {
    rule: 'LZ-SM-004', what: 'a profile with idle shutdown of Code Editor off', damage: (s) => {
      const profile = first(service(s), 'aws_sagemaker_user_profile');
      const settings = (profile.body.user_settings as Record<string, Record<string, Record<string, Body>>>).code_editor_app_settings;
      settings.app_lifecycle_management.idle_settings.lifecycle_management = 'DISABLED';
      return at(SERVICE, profile.address);
    },
  },
  {
    rule: 'LZ-IAM-006', what: 'an execution role\'s app grant on StringEqualsIfExists', damage: (s) => editSessionPolicy(s, (d) => {
      const condition = statement(d, 'AppsInOwnPrivateSpaces').Condition as Record<string, Record<string, unknown>>;
      condition.StringEqualsIfExists = { 'aws:SourceVpce': condition.StringEquals['aws:SourceVpce'] };
      delete condition.StringEquals['aws:SourceVpce'];
    }),
  },
  {
    rule: 'LZ-IAM-006', what: 'an execution role without the Deny outside the endpoints', damage: (s) => editSessionPolicy(s, (d) => { d.Statement = d.Statement.filter((st) => st.Sid !== 'DenyStudioOutsideEndpoints'); }),
  },
  {
    rule: 'LZ-IAM-007', what: 'an execution role acting on every owner\'s spaces', damage: (s) => editSessionPolicy(s, (d) => { delete (statement(d, 'OwnPrivateSpaces').Condition as Record<string, unknown>).ArnEquals; }),
  },
  {
    rule: 'LZ-IAM-007', what: 'an execution role without the instance-type Deny', damage: (s) => editSessionPolicy(s, (d) => { d.Statement = d.Statement.filter((st) => st.Sid !== 'DenyInstanceTypesOutsideTheList'); }),
  },
  {
    rule: 'LZ-IAM-007', what: 'one execution role shared by two profiles', damage: (s) => {
      const [alice, bob] = all(service(s), 'aws_sagemaker_user_profile');
      (bob[1].user_settings as Body).execution_role = (alice[1].user_settings as Body).execution_role;
      return at(SERVICE, `aws_iam_role.${String((alice[1].user_settings as Body).execution_role).replace(/^\$\{aws_iam_role\.(.*)\.arn\}$/, '$1')}`);
    },
  },
  {
    rule: 'LZ-VPCE-001', what: 'an interface endpoint without policy', damage: (s) => {
      const endpoint = interfaceEndpoint(s, '.sagemaker.api');
      delete endpoint.body.policy;
      return at(SERVICE, endpoint.address);
    },
  },
  {
    rule: 'LZ-VPCE-001', what: 'an endpoint policy open to every account', damage: (s) => {
      const endpoint = interfaceEndpoint(s, '.sts');
      editPolicy(endpoint.body, (doc) => { delete doc.Statement[0].Condition; });
      return at(SERVICE, endpoint.address);
    },
  },
  {
    rule: 'LZ-VPCE-002', what: 'a gateway endpoint policy open to every account', damage: (s) => {
      const endpoint = first(service(s), 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.dynamodb'));
      const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:*', Resource: '*' }] });
      return at(SERVICE, add(service(s), 'aws_vpc_endpoint', 'open', { ...endpoint.body, policy }));
    },
  },
  {
    rule: 'LZ-VPCE-003', what: 'an endpoint policy back to "*" (Principal, Action, Resource)', damage: (s) => {
      const endpoint = interfaceEndpoint(s, '.sagemaker.api');
      endpoint.body.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
      return at(SERVICE, endpoint.address);
    },
  },
  {
    rule: 'LZ-VPCE-003', what: 'the resource half of the perimeter dropped (caller-only bound, as before issue 16)', damage: (s) => {
      const endpoint = interfaceEndpoint(s, '.lambda');
      editPolicy(endpoint.body, (doc) => { delete (doc.Statement[0].Condition as Record<string, Record<string, unknown>>).StringEquals['aws:ResourceAccount']; });
      return at(SERVICE, endpoint.address);
    },
  },
  {
    rule: 'LZ-VPCE-003', what: 'an AWS-owned exception widened to writes', damage: (s) => {
      const endpoint = first(service(s), 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.s3'));
      editPolicy(endpoint.body, (doc) => { doc.Statement[1].Action = ['s3:GetObject', 's3:PutObject']; delete doc.Statement[1].Condition; });
      return at(SERVICE, endpoint.address);
    },
  },
  {
    rule: 'LZ-VPCE-003', what: 'execute-api opened to every account\'s APIs', damage: (s) => {
      const endpoint = interfaceEndpoint(s, '.execute-api');
      editPolicy(endpoint.body, (doc) => { doc.Statement[0].Resource = '*'; });
      return at(SERVICE, endpoint.address);
    },
  },
  {
    rule: 'LZ-VPC-005', what: 'the service subnets moved back to the default ACL', damage: (s) => {
      remove(service(s), 'aws_network_acl_association');
      return at(SERVICE, presignFunction(s).address);
    },
  },
  {
    rule: 'LZ-VPC-005', what: 'an ACL rule admitting SSH from anywhere', damage: (s) => {
      const acl = first(service(s), 'aws_network_acl');
      add(service(s), 'aws_network_acl_rule', 'ssh', { network_acl_id: ref('aws_network_acl', acl.name), rule_number: 50, egress: false, protocol: 'tcp', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 22, to_port: 22 });
      return at(SERVICE, presignFunction(s).address);
    },
  },
  {
    rule: 'LZ-VPC-005', what: 'an ACL rule allowing every protocol out to anywhere', damage: (s) => {
      const acl = first(service(s), 'aws_network_acl');
      add(service(s), 'aws_network_acl_rule', 'all-out', { network_acl_id: ref('aws_network_acl', acl.name), rule_number: 50, egress: true, protocol: '-1', rule_action: 'allow', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 });
      return at(SERVICE, presignFunction(s).address);
    },
  },
  {
    rule: 'LZ-GR-001', what: 'a suppression without reason', damage: (s) => {
      const table = first(service(s), 'aws_dynamodb_table');
      table.body['//'] = { ...(table.body['//'] as object), guardrail_suppressions: { 'LZ-DDB-003': ' ' } };
      return at(SERVICE, table.address);
    },
  },
];

describe('hand-made defects', () => {
  const baseline = example();

  it.each(DEFECTS.map((d) => [d.rule, d.what, d] as const))('%s catches %s', (rule, _what, defect) => {
    const stacks = structuredClone(baseline);
    const expected = defect.damage(stacks);
    const flagged = (list: Stacks, context?: GuardrailContext) => failing(findings(list, context), rule).map((f) => `${f.stack} ${f.address}`);
    expect(flagged(baseline)).not.toContain(expected);
    expect(flagged(stacks, defect.context)).toContain(expected);
  });

  it('every rule has at least one defect it catches', () => {
    expect(RULES.map((r) => r.id).filter((id) => !DEFECTS.some((d) => d.rule === id))).toEqual([]);
  });

  it('a bounded gateway endpoint policy satisfies LZ-VPCE-002', () => {
    const stacks = structuredClone(baseline);
    const endpoint = first(stacks[SERVICE], 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.dynamodb'));
    endpoint.body.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '222222222222' } } }] });
    expect(failing(findings(stacks), 'LZ-VPCE-002').map((f) => f.address)).not.toContain(endpoint.address);
  });
});

describe('a looked-up service VPC is held to the rules of a created one', () => {
  const VENDED = shippedStackId('existing-service-vpc', 'service-vended');
  const baseline = shippedStacks('existing-service-vpc');
  const vendedVpc = `data.aws_vpc.${Object.keys(baseline[VENDED].data?.aws_vpc ?? {})[0]}`;
  const flagged = (stacks: Stacks, rule: string) => failing(findings(stacks), rule).map((f) => `${f.stack} ${f.address}`);

  it.each([
    ['LZ-VPC-004', 'aws_flow_log'],
    ['LZ-DNS-005', 'aws_route53_resolver_firewall_rule_group_association'],
    ['LZ-DNS-007', 'aws_route53_resolver_query_log_config_association'],
  ])('%s flags the vended VPC when its %s is gone', (rule, type) => {
    expect(flagged(baseline, rule)).toEqual([]);
    expect(findings(baseline).some((f) => f.ruleId === rule && f.address === vendedVpc && f.status === 'compliant')).toBe(true);
    const stacks = structuredClone(baseline);
    remove(stacks[VENDED], type);
    expect(flagged(stacks, rule)).toEqual([`${VENDED} ${vendedVpc}`]);
  });

  it('the corporate VPC the network account only peers with is not ours to log', () => {
    const stacks = shippedStacks('existing-vpc');
    const corporate = findings(stacks).filter((f) => f.ruleId === 'LZ-VPC-004' && f.address.startsWith('data.aws_vpc.'));
    expect(corporate.length).toBeGreaterThan(0);
    expect(corporate.every((f) => f.status === 'not-applicable')).toBe(true);
  });
});
