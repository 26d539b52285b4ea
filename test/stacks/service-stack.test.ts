import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_ACCOUNT_FILE, rawAccountFile } from '../support/configs';
import { exampleStack } from '../support/shared-synth';
import {
  SynthResult,
  SynthesizedStack,
  asList,
  findResources,
  onlyResource,
  resourcesOfType,
  statementsOf,
  synthLandingZone,
} from '../support/synth';

let example: SynthResult;
let service: SynthesizedStack;

beforeAll(() => {
  example = synthLandingZone(EXAMPLE_ACCOUNT_FILE);
  service = example.json[exampleStack('service-analytics')];
});

const ref = (type: string, id: string, attribute = 'id') => `\${${type}.${id}.${attribute}}`;

function endpointFor(suffix: string) {
  const [endpoint] = Object.entries(resourcesOfType(service, 'aws_vpc_endpoint')).filter(([, e]) =>
    (e.service_name as string).endsWith(suffix),
  );
  return { id: endpoint[0], endpoint: endpoint[1] };
}

function lambdaNamed(suffix: string) {
  const [fn] = Object.entries(resourcesOfType(service, 'aws_lambda_function')).filter(([, f]) =>
    (f.function_name as string).endsWith(suffix),
  );
  return { id: fn[0], fn: fn[1] };
}

/** All statements of the inline policies of the role a Lambda runs as. */
function roleStatementsOf(fn: Record<string, unknown>) {
  const roleId = (fn.role as string).replace(/^\$\{aws_iam_role\.(.*)\.arn\}$/, '$1');
  return findResources(service, 'aws_iam_role_policy', { role: ref('aws_iam_role', roleId) }).flatMap((p) => statementsOf(p.policy));
}

describe('service stack: private-only VPC', () => {
  it('has no internet gateway, NAT, public IP or default route', () => {
    for (const absent of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_egress_only_internet_gateway', 'aws_eip']) {
      expect(resourcesOfType(service, absent)).toEqual({});
    }
    const destinations = Object.values(resourcesOfType(service, 'aws_route')).map((r) => r.destination_cidr_block);
    expect(destinations).toEqual(example.landingZone.corporate.cidrs);
    expect(Object.values(resourcesOfType(service, 'aws_subnet')).every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(onlyResource(service, 'aws_flow_log').traffic_type).toBe('ALL');
  });
});

describe('service stack: endpoints', () => {
  it('creates the six interface endpoints with private DNS, and no Studio endpoint (it is central, in the hub)', () => {
    const region = 'eu-west-1';
    const expected: Record<string, boolean> = {
      [`com.amazonaws.${region}.execute-api`]: true,
      [`com.amazonaws.${region}.sagemaker.api`]: true,
      [`com.amazonaws.${region}.sagemaker.runtime`]: true,
      [`com.amazonaws.${region}.lambda`]: true,
      [`com.amazonaws.${region}.sts`]: true,
      [`com.amazonaws.${region}.logs`]: true,
    };
    const interfaces = findResources(service, 'aws_vpc_endpoint', { vpc_endpoint_type: 'Interface' });
    expect(Object.fromEntries(interfaces.map((e) => [e.service_name, e.private_dns_enabled]))).toEqual(expected);
    const gateways = findResources(service, 'aws_vpc_endpoint', { vpc_endpoint_type: 'Gateway' }).map((e) => e.service_name);
    expect(gateways.sort()).toEqual([`com.amazonaws.${region}.dynamodb`, `com.amazonaws.${region}.s3`]);
  });

  const ingressOf = (suffix: string) => {
    const sg = (endpointFor(suffix).endpoint.security_group_ids as string[])[0];
    return findResources(service, 'aws_vpc_security_group_ingress_rule', { security_group_id: sg })
      .map((r) => `${r.ip_protocol}/${r.from_port}-${r.to_port} ${r.cidr_ipv4 ?? r.referenced_security_group_id}`).sort();
  };

  it('opens execute-api to HTTPS from the corporate ranges only: browsers are its only callers', () => {
    expect(ingressOf('.execute-api')).toEqual(example.landingZone.corporate.cidrs.map((c) => `tcp/443-443 ${c}`).sort());
  });

  it('opens the other endpoints to HTTPS from the presign Lambda\'s and the Studio apps\' groups only, not the VPC or the corporate ranges', () => {
    const groupOf = (name: string) => ref('aws_security_group', Object.entries(resourcesOfType(service, 'aws_security_group')).find(([, g]) => g.name === name)![0]);
    const expected = [groupOf('example-analytics-studio-presign-lambda'), groupOf('example-analytics-studio')].map((g) => `tcp/443-443 ${g}`).sort();
    for (const suffix of ['.sagemaker.api', '.sagemaker.runtime', '.lambda', '.sts', '.logs']) expect(ingressOf(suffix)).toEqual(expected);
  });

  const policyOf = (suffix: string) => statementsOf(endpointFor(suffix).endpoint.policy);
  const accounts = () => [example.landingZone.network.accountId, ...example.landingZone.services.map((s) => s.accountId)].sort();

  it('bounds every interface and gateway endpoint but execute-api to the landing zone\'s principals on its resources', () => {
    const perimeter = { StringEquals: { 'aws:PrincipalAccount': accounts(), 'aws:ResourceAccount': accounts() } };
    for (const suffix of ['.sagemaker.api', '.sagemaker.runtime', '.lambda', '.sts', '.logs', '.dynamodb', '.s3']) {
      const [first] = policyOf(suffix);
      expect({ suffix, effect: first.Effect, principal: first.Principal, condition: first.Condition }).toEqual({ suffix, effect: 'Allow', principal: '*', condition: perimeter });
    }
    expect(policyOf('.dynamodb')[0].Resource).toBe('arn:aws:dynamodb:eu-west-1:222222222222:table/*');
  });

  it('admits anonymous callers to execute-api, on this account\'s APIs only (the portal\'s calls carry no IAM principal)', () => {
    expect(policyOf('.execute-api')).toEqual([{ Sid: 'InvokeOwnAccountApisOnly', Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-1:222222222222:*' }]);
  });

  it('lets the landing zone\'s principals read JumpStart\'s AWS-owned bucket through S3, nothing else outside the perimeter', () => {
    const exceptions = policyOf('.s3').slice(1);
    expect(exceptions).toEqual([{
      Sid: 'StudioReadsJumpStartModels', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::jumpstart-cache-prod-eu-west-1', 'arn:aws:s3:::jumpstart-cache-prod-eu-west-1/*'],
      Condition: { StringEquals: { 'aws:PrincipalAccount': accounts() } },
    }]);
  });

  it('keeps the lambda endpoint\'s denies after its perimeter Allow', () => {
    expect(policyOf('.lambda').map((st) => st.Effect)).toEqual(['Allow', 'Deny', 'Deny']);
  });
});

describe('service stack: network ACL', () => {
  const rules = () => Object.values(resourcesOfType(service, 'aws_network_acl_rule'))
    .map((r) => `${r.egress ? 'out' : 'in'} ${r.protocol}/${r.from_port}-${r.to_port} ${r.cidr_block} ${r.rule_action}`).sort();

  it('guards every service subnet, by AZ', () => {
    const acl = Object.keys(resourcesOfType(service, 'aws_network_acl'));
    expect(acl).toHaveLength(1);
    const associated = Object.values(resourcesOfType(service, 'aws_network_acl_association')).map((a) => a.subnet_id).sort();
    const subnets = Object.keys(resourcesOfType(service, 'aws_subnet')).map((id) => ref('aws_subnet', id)).sort();
    expect(associated).toEqual(subnets);
  });

  it('allows HTTPS in from the VPC and the corporate ranges, HTTPS out, and the replies\' ephemeral ports; nothing for DNS (NACLs cannot block the VPC resolver)', () => {
    const corporate = example.landingZone.corporate.cidrs;
    expect(rules()).toEqual([
      ...['10.16.0.0/16', ...corporate].map((c) => `in tcp/443-443 ${c} allow`),
      'in tcp/1024-65535 0.0.0.0/0 allow',
      'out tcp/443-443 0.0.0.0/0 allow',
      ...['10.16.0.0/16', ...corporate].map((c) => `out tcp/1024-65535 ${c} allow`),
    ].sort());
  });

  it('numbers each rule from what it allows, so the numbers stay when others change', () => {
    const numbers = Object.values(resourcesOfType(service, 'aws_network_acl_rule')).map((r) => `${r.egress}-${r.rule_number}`);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

describe('service stack: shared resolver rules', () => {
  it('accepts the RAM share and associates each shared rule after the acceptance', () => {
    const accepter = onlyResource(service, 'aws_ram_resource_share_accepter');
    expect(accepter.share_arn).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-example-eu-west-1-network\.outputs\./);
    const associations = Object.values(resourcesOfType(service, 'aws_route53_resolver_rule_association'));
    expect(associations).toHaveLength(example.landingZone.corporate.dnsDomains.length);
    for (const a of associations) {
      expect(a.resolver_rule_id).toMatch(/cross-stack-reference-input-example-eu-west-1-network/);
      expect(a.depends_on).toEqual([`aws_ram_resource_share_accepter.${Object.keys(resourcesOfType(service, 'aws_ram_resource_share_accepter'))[0]}`]);
    }
  });
});

describe('service stack: private REST API', () => {
  it('is PRIVATE, bound to the execute-api endpoint, with Allow + Deny-unless-SourceVpce as plain JSON on full ARNs', () => {
    const [apiId, api] = Object.entries(resourcesOfType(service, 'aws_api_gateway_rest_api'))[0];
    const executeApi = ref('aws_vpc_endpoint', endpointFor('.execute-api').id);
    expect(api.endpoint_configuration).toEqual({ types: ['PRIVATE'], vpc_endpoint_ids: [executeApi] });
    // Attached by its own resource: the policy names the API by its ARN, known once it exists.
    expect(api.policy).toBeUndefined();
    const attached = onlyResource(service, 'aws_api_gateway_rest_api_policy');
    expect(attached.rest_api_id).toBe(ref('aws_api_gateway_rest_api', apiId));
    const statements = statementsOf(attached.policy);
    expect(statements.map((s) => s.Effect).sort()).toEqual(['Allow', 'Deny']);
    const executionArn = ref('aws_api_gateway_rest_api', apiId, 'execution_arn');
    const deny = statements.find((s) => s.Effect === 'Deny')!;
    expect(deny.Condition).toEqual({ StringNotEquals: { 'aws:SourceVpce': executeApi } });
    expect(deny.Resource).toBe(`${executionArn}/*`);
    expect(statements.find((s) => s.Effect === 'Allow')!.Resource).toBe(`${executionArn}/*/GET/studio`);
    expect(JSON.stringify(statements)).not.toMatch(/IfExists/);
  });

  it('serves GET /studio behind a REQUEST authorizer on the Authorization header, proxied to presign', () => {
    expect(onlyResource(service, 'aws_api_gateway_resource').path_part).toBe('studio');
    const authorizer = onlyResource(service, 'aws_api_gateway_authorizer');
    // Cached per Authorization header for a minute; the presign Lambda verifies every token itself.
    expect(authorizer).toMatchObject({ type: 'REQUEST', identity_source: 'method.request.header.Authorization', authorizer_result_ttl_in_seconds: 60 });
    expect(authorizer.authorizer_uri).toBe(ref('aws_lambda_function', lambdaNamed('-studio-authorizer').id, 'invoke_arn'));
    const method = onlyResource(service, 'aws_api_gateway_method');
    expect(method).toMatchObject({ http_method: 'GET', authorization: 'CUSTOM' });
    expect(method.authorizer_id).toMatch(/^\$\{aws_api_gateway_authorizer\./);
    const integration = onlyResource(service, 'aws_api_gateway_integration');
    expect(integration).toMatchObject({ type: 'AWS_PROXY', integration_http_method: 'POST' });
    expect(integration.uri).toBe(ref('aws_lambda_function', lambdaNamed('-studio-presign').id, 'invoke_arn'));
  });

  it('redeploys when the policy or the route changes', () => {
    const deployment = onlyResource(service, 'aws_api_gateway_deployment');
    const trigger = (deployment.triggers as Record<string, string>).redeployment;
    expect(trigger).toMatch(/^\$\{sha1\(jsonencode\(\[/);
    expect(trigger).toMatch(/aws_api_gateway_method\./);
    expect(trigger).toMatch(/aws_api_gateway_integration\./);
    expect(trigger).toMatch(/aws_api_gateway_rest_api_policy\.[^.]+\.policy/);
    expect(deployment.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_api_gateway_rest_api_policy\./)]));
    expect((deployment.lifecycle as Record<string, unknown>).create_before_destroy).toBe(true);
  });

  it('logs access as JSON, traces, meters and throttles, never caches or traces data', () => {
    const stage = onlyResource(service, 'aws_api_gateway_stage');
    expect(stage).toMatchObject({ stage_name: 'v1', xray_tracing_enabled: true, cache_cluster_enabled: false });
    const access = stage.access_log_settings as { destination_arn: string; format: string };
    expect(access.destination_arn).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}$/);
    expect(Object.keys(JSON.parse(access.format))).toEqual(expect.arrayContaining(['requestId', 'vpceId', 'status', 'username']));
    const settings = onlyResource(service, 'aws_api_gateway_method_settings');
    expect(settings.method_path).toBe('*/*');
    expect(settings.settings).toEqual({
      metrics_enabled: true,
      logging_level: 'ERROR',
      data_trace_enabled: false,
      caching_enabled: false,
      throttling_rate_limit: 50,
      throttling_burst_limit: 100,
    });
  });

  it('refuses, in the lambda endpoint policy, to invoke either Lambda through the endpoint', () => {
    const statements = statementsOf(endpointFor('.lambda').endpoint.policy);
    const functionArn = (fn: string) => `arn:aws:lambda:eu-west-1:222222222222:function:example-analytics-studio-${fn}`;
    for (const fn of ['authorizer', 'presign']) {
      expect(statements).toContainEqual({
        Sid: `NoDirectInvokeexampleanalyticsstudio${fn}`,
        Effect: 'Deny',
        Principal: '*',
        Action: ['lambda:InvokeFunction', 'lambda:InvokeAsync'],
        Resource: [functionArn(fn), `${functionArn(fn)}:*`],
      });
    }
    // The ARNs are built from names: they must be the functions' real names.
    expect(['authorizer', 'presign'].map((fn) => lambdaNamed(`-studio-${fn}`).fn.function_name)).toEqual(
      ['authorizer', 'presign'].map((fn) => `example-analytics-studio-${fn}`),
    );
  });

  it('lets only this API invoke the Lambdas (no public permission)', () => {
    const permissions = Object.values(resourcesOfType(service, 'aws_lambda_permission'));
    expect(permissions).toHaveLength(2);
    for (const p of permissions) {
      expect(p.principal).toBe('apigateway.amazonaws.com');
      expect(p.source_arn).toMatch(/^\$\{aws_api_gateway_rest_api\..*\.execution_arn\}\//);
    }
    expect(permissions.map((p) => (p.source_arn as string).replace(/^\$\{[^}]*\}/, '')).sort()).toEqual(
      ['/${aws_api_gateway_stage.' + Object.keys(resourcesOfType(service, 'aws_api_gateway_stage'))[0] + '.stage_name}/GET/studio', expect.stringMatching(/^\/authorizers\//)].sort(),
    );
  });
});

describe('service stack: Lambdas', () => {
  it.each(['-studio-authorizer', '-studio-presign'])('%s runs arm64 in the VPC with tracing, concurrency and its own encrypted log group', (suffix) => {
    const { fn } = lambdaNamed(suffix);
    expect(fn).toMatchObject({
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      tracing_config: { mode: 'Active' },
    });
    expect((fn.vpc_config as { subnet_ids: string[] }).subnet_ids).toHaveLength(2);
    // The package ships inside the stack's working directory, and its hash is what Lambda reports.
    expect(fn.filename).toMatch(/^assets\/.*\.zip$/);
    const zip = fs.readFileSync(path.join(example.outdir, 'stacks', exampleStack('service-analytics'), fn.filename as string));
    expect(fn.source_code_hash).toBe(createHash('sha256').update(zip).digest('base64'));
    const logGroup = findResources(service, 'aws_cloudwatch_log_group', { name: `/aws/lambda/${fn.function_name}` });
    expect(logGroup).toHaveLength(1);
    expect(logGroup[0].retention_in_days).toBeGreaterThanOrEqual(365);
    expect(logGroup[0].kms_key_id).toMatch(/aws_kms_key/);
    expect((fn.logging_config as Record<string, unknown>).log_group).toMatch(/aws_cloudwatch_log_group/);
  });

  it('configures both Lambdas from the identity provider, and the presign Lambda from the table and lifetimes', () => {
    const identity = {
      IDP_ISSUER: 'https://idp.corp.example.com/oauth2/default',
      IDP_AUDIENCE: 'studio-portal',
      IDP_AUTHORIZED_PARTIES: 'studio-portal',
      IDP_JWKS_URI: 'https://idp.corp.example.com/oauth2/default/v1/keys',
      IDP_MAX_AGE_SECONDS: '7200',
      USERNAME_CLAIM: 'sub',
    };
    // The presign function verifies the token again, with the same settings.
    for (const suffix of ['-studio-authorizer', '-studio-presign']) {
      expect((lambdaNamed(suffix).fn.environment as { variables: Record<string, string> }).variables).toMatchObject(identity);
    }
    // Long enough for the handler's bounded SDK retries, shorter than API Gateway's 29 s.
    expect(lambdaNamed('-studio-presign').fn.timeout).toBe(25);
    const presignEnv = (lambdaNamed('-studio-presign').fn.environment as { variables: Record<string, string> }).variables;
    expect(presignEnv.MAPPING_TABLE_NAME).toMatch(/^\$\{aws_dynamodb_table\..*\.name\}$/);
    expect(presignEnv.PRESIGNED_URL_EXPIRES_SECONDS).toBe(String(example.landingZone.services[0].presignedUrl.expiresInSeconds));
    expect(presignEnv.STUDIO_SESSION_SECONDS).toBe(String(example.landingZone.services[0].presignedUrl.sessionExpirationSeconds));
  });

  it('limits the presign Lambda egress to HTTPS towards the endpoints, DynamoDB and the corporate JWKS', () => {
    const sg = (lambdaNamed('-studio-presign').fn.vpc_config as { security_group_ids: string[] }).security_group_ids[0];
    const egress = findResources(service, 'aws_vpc_security_group_egress_rule', { security_group_id: sg });
    expect(egress).toHaveLength(3);
    expect(egress.every((r) => r.ip_protocol === 'tcp' && r.from_port === 443 && r.to_port === 443)).toBe(true);
    expect(egress.map((r) => r.referenced_security_group_id ?? r.prefix_list_id ?? r.cidr_ipv4)).toEqual(expect.arrayContaining([
      expect.stringMatching(/aws_security_group\./),
      expect.stringMatching(/aws_vpc_endpoint\..*\.prefix_list_id/),
      '192.168.0.0/16',
    ]));
    expect(findResources(service, 'aws_vpc_security_group_ingress_rule', { security_group_id: sg })).toEqual([]);
  });
});

describe('service stack: IAM', () => {
  it('grants presign exactly the VPCE-conditioned SageMaker call on its domain, and GetItem on its table', () => {
    const statements = roleStatementsOf(lambdaNamed('-studio-presign').fn);
    const sagemaker = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('sagemaker:')));
    const network = example.json[exampleStack('network')];
    const [studioOutput] = Object.entries(network.output ?? {}).filter(([, o]) => {
      const id = /^\$\{aws_vpc_endpoint\.([^.]+)\.id\}$/.exec(String(o.value))?.[1];
      return id !== undefined && resourcesOfType(network, 'aws_vpc_endpoint')[id]?.service_name === 'aws.sagemaker.eu-west-1.studio';
    }).map(([name]) => name).filter((name) => name.startsWith('cross-stack-output-'));
    expect(studioOutput).toBeDefined();
    const endpoints = [
      ref('aws_vpc_endpoint', endpointFor('.sagemaker.api').id),
      `\${data.terraform_remote_state.cross-stack-reference-input-example-eu-west-1-network.outputs.${studioOutput}}`,
    ];
    const domain = ref('aws_sagemaker_domain', Object.keys(resourcesOfType(service, 'aws_sagemaker_domain'))[0]);
    expect(sagemaker).toEqual([
      {
        Sid: 'PresignOnlyThroughOwnEndpoints',
        Effect: 'Allow',
        Action: 'sagemaker:CreatePresignedDomainUrl',
        Resource: [`arn:aws:sagemaker:eu-west-1:222222222222:user-profile/${domain}/*`],
        Condition: { StringEquals: { 'aws:SourceVpce': endpoints } },
      },
      {
        Sid: 'DenyPresignOutsideOwnEndpoints',
        Effect: 'Deny',
        Action: ['sagemaker:CreatePresignedDomainUrl'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': endpoints } },
      },
    ]);
    const dynamo = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: expect.stringMatching(/aws_dynamodb_table\..*\.arn/) }),
    ]);
  });

  it('gives the authorizer no SageMaker or DynamoDB permissions', () => {
    const actions = roleStatementsOf(lambdaNamed('-studio-authorizer').fn).flatMap((s) => asList(s.Action));
    expect(actions.filter((a) => /^(sagemaker|dynamodb|kms):/.test(a))).toEqual([]);
  });

  it('uses no wildcard action anywhere and only account-bound service trust', () => {
    for (const policy of Object.values(resourcesOfType(service, 'aws_iam_role_policy'))) {
      for (const action of statementsOf(policy.policy).flatMap((s) => asList(s.Action))) {
        expect(action).not.toBe('*');
        expect(action).not.toMatch(/^[a-z0-9-]+:\*$/);
      }
    }
    for (const role of Object.values(resourcesOfType(service, 'aws_iam_role'))) {
      for (const s of statementsOf(role.assume_role_policy)) {
        expect(s.Principal).toEqual({ Service: expect.stringMatching(/^[a-z.-]+\.amazonaws\.com$/) });
        expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '222222222222' } });
      }
    }
  });
});

describe('service stack: mapping table', () => {
  it('is on-demand, recoverable, CMK-encrypted with rotation and protected from deletion', () => {
    const table = onlyResource(service, 'aws_dynamodb_table');
    expect(table).toMatchObject({
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'username',
      deletion_protection_enabled: true,
      point_in_time_recovery: { enabled: true },
    });
    const sse = table.server_side_encryption as { enabled: boolean; kms_key_arn: string };
    expect(sse.enabled).toBe(true);
    const keyId = sse.kms_key_arn.replace(/^\$\{aws_kms_key\.(.*)\.arn\}$/, '$1');
    expect(resourcesOfType(service, 'aws_kms_key')[keyId].enable_key_rotation).toBe(true);
  });

  it('seeds the configured mappings, pointing at the created domain', () => {
    const items = Object.values(resourcesOfType(service, 'aws_dynamodb_table_item')).map((i) => JSON.parse(i.item as string));
    const domain = ref('aws_sagemaker_domain', Object.keys(resourcesOfType(service, 'aws_sagemaker_domain'))[0]);
    expect(items).toEqual(
      example.landingZone.services[0].mappings.map((m) =>
        expect.objectContaining({ username: { S: m.username }, userProfileName: { S: m.userProfileName }, domainId: { S: domain } }),
      ),
    );
  });
});

describe('service stack: Studio', () => {
  it('creates a VpcOnly, IAM-auth domain in the private subnets with the configured profiles', () => {
    const domain = onlyResource(service, 'aws_sagemaker_domain');
    expect(domain).toMatchObject({ auth_mode: 'IAM', app_network_access_type: 'VpcOnly' });
    expect(domain.subnet_ids).toEqual(Object.keys(resourcesOfType(service, 'aws_subnet')).map((id) => ref('aws_subnet', id)));
    const profiles = Object.values(resourcesOfType(service, 'aws_sagemaker_user_profile')).map((p) => p.user_profile_name);
    expect(profiles).toEqual(['alice', 'bob']);
  });

  it('puts the apps\' security group in the default user settings and in every profile, open only to the endpoints and the S3 gateway', () => {
    const domain = onlyResource(service, 'aws_sagemaker_domain');
    const sg = (domain.default_user_settings as { security_groups: string[] }).security_groups;
    expect(sg).toHaveLength(1);
    for (const profile of Object.values(resourcesOfType(service, 'aws_sagemaker_user_profile'))) {
      expect((profile.user_settings as { security_groups: string[] }).security_groups).toEqual(sg);
    }
    expect(findResources(service, 'aws_vpc_security_group_ingress_rule', { security_group_id: sg[0] })).toEqual([]);
    expect(findResources(service, 'aws_vpc_security_group_egress_rule', { security_group_id: sg[0] })).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, referenced_security_group_id: (endpointFor('.sagemaker.api').endpoint.security_group_ids as string[])[0] }),
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, prefix_list_id: ref('aws_vpc_endpoint', endpointFor('.s3').id, 'prefix_list_id') }),
    ]);
  });

  it('encrypts the domain\'s storage with its own rotating key and shuts idle apps down', () => {
    const domain = onlyResource(service, 'aws_sagemaker_domain');
    const keyId = String(domain.kms_key_id).replace(/^\$\{aws_kms_key\.(.*)\.arn\}$/, '$1');
    expect(resourcesOfType(service, 'aws_kms_key')[keyId]).toMatchObject({ enable_key_rotation: true });
    for (const settings of [domain.default_user_settings, ...Object.values(resourcesOfType(service, 'aws_sagemaker_user_profile')).map((p) => p.user_settings)]) {
      for (const app of ['jupyter_lab_app_settings', 'code_editor_app_settings']) {
        expect((settings as Record<string, unknown>)[app]).toEqual({
          app_lifecycle_management: { idle_settings: { lifecycle_management: 'ENABLED', idle_timeout_in_minutes: 60, max_idle_timeout_in_minutes: 60 } },
          default_resource_spec: { instance_type: 'ml.t3.medium' },
        });
      }
    }
  });

  it('gives each profile its own execution role, scoped to that profile, and the domain a role that may do nothing', () => {
    const domain = onlyResource(service, 'aws_sagemaker_domain');
    const roles = resourcesOfType(service, 'aws_iam_role');
    const roleOf = (arn: unknown) => String(arn).replace(/^\$\{aws_iam_role\.(.*)\.arn\}$/, '$1');
    const defaultRole = roleOf((domain.default_user_settings as { execution_role: string }).execution_role);
    expect(roles[defaultRole].name).toBe('example-analytics-studio-execution-euw1');
    expect(findResources(service, 'aws_iam_role_policy', { role: ref('aws_iam_role', defaultRole) })).toEqual([]);
    const profiles = Object.values(resourcesOfType(service, 'aws_sagemaker_user_profile'));
    const profileRoles = profiles.map((p) => roleOf((p.user_settings as { execution_role: string }).execution_role));
    expect(profileRoles.map((r) => roles[r].name)).toEqual(['example-analytics-studio-user-alice-euw1', 'example-analytics-studio-user-bob-euw1']);
    for (const [i, profile] of profiles.entries()) {
      const statements = findResources(service, 'aws_iam_role_policy', { role: ref('aws_iam_role', profileRoles[i]) }).flatMap((p) => statementsOf(p.policy));
      const presign = statements.find((st) => st.Sid === 'PresignOwnProfileThroughEndpoints')!;
      expect(presign.Resource).toBe(`arn:aws:sagemaker:eu-west-1:222222222222:user-profile/${ref('aws_sagemaker_domain', Object.keys(resourcesOfType(service, 'aws_sagemaker_domain'))[0])}/${String(profile.user_profile_name)}`);
      const apps = statements.find((st) => st.Sid === 'AppsInOwnPrivateSpaces')!;
      expect((apps.Condition as Record<string, Record<string, unknown>>)['ForAllValues:StringEquals']['sagemaker:InstanceTypes']).toEqual(['ml.t3.medium', 'ml.t3.large', 'ml.m5.large']);
    }
  });

  it('brings no Studio private zone, record or hub authorization: the hub endpoint answers every Studio host', () => {
    for (const type of ['aws_route53_zone', 'aws_route53_record', 'aws_route53_vpc_association_authorization']) {
      expect(resourcesOfType(service, type)).toEqual({});
    }
  });

  it('puts no web ACL on the stage unless the account file sets rateLimitPerClient', () => {
    expect(resourcesOfType(service, 'aws_wafv2_web_acl')).toEqual({});
  });

  it('blocks a client past rateLimitPerClient requests in 5 minutes with a WAF rate rule on the stage', () => {
    const raw = rawAccountFile();
    raw.services[0].api = { rateLimitPerClient: 300, authorizerCacheSeconds: 0 };
    const limited = synthLandingZone(raw).json[exampleStack('service-analytics')];
    const acl = onlyResource(limited, 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({ scope: 'REGIONAL', default_action: { allow: {} } });
    expect(acl.rule).toEqual([expect.objectContaining({
      name: 'per-client-rate',
      action: { block: {} },
      statement: { rate_based_statement: { limit: 300, aggregate_key_type: 'IP' } },
    })]);
    const association = onlyResource(limited, 'aws_wafv2_web_acl_association');
    const stage = Object.keys(resourcesOfType(limited, 'aws_api_gateway_stage'))[0];
    expect(association.resource_arn).toBe(ref('aws_api_gateway_stage', stage, 'arn'));
    expect(association.web_acl_arn).toBe(ref('aws_wafv2_web_acl', Object.keys(resourcesOfType(limited, 'aws_wafv2_web_acl'))[0], 'arn'));
    expect(onlyResource(limited, 'aws_api_gateway_authorizer').authorizer_result_ttl_in_seconds).toBe(0);
  });

  it('grants presign on each existing domain when Studio domains are not created', () => {
    const raw = rawAccountFile();
    raw.services[0].studio = { mode: 'existing', domainIds: ['d-abcdefghijk1', 'd-abcdefghijk2'] };
    raw.services[0].mappings = [{ username: 'alice', domainId: 'd-abcdefghijk2', userProfileName: 'alice' }];
    const existing = synthLandingZone(raw).json[exampleStack('service-analytics')];
    expect(resourcesOfType(existing, 'aws_sagemaker_domain')).toEqual({});
    const presign = Object.values(resourcesOfType(existing, 'aws_iam_role_policy'))
      .flatMap((p) => statementsOf(p.policy))
      .find((s) => s.Sid === 'PresignOnlyThroughOwnEndpoints')!;
    expect(presign.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:222222222222:user-profile/d-abcdefghijk1/*',
      'arn:aws:sagemaker:eu-west-1:222222222222:user-profile/d-abcdefghijk2/*',
    ]);
    expect(resourcesOfType(existing, 'aws_route53_zone')).toEqual({});
  });
});

describe('service stack: corporate peering and outputs', () => {
  it('requests peering with the corporate VPC of the network account and routes the corporate ranges to it', () => {
    const peering = onlyResource(service, 'aws_vpc_peering_connection');
    expect(peering).toMatchObject({ peer_owner_id: '111111111111', peer_region: 'eu-west-1' });
    expect(peering.peer_vpc_id).toMatch(/cross-stack-reference-input-example-eu-west-1-network/);
    expect(peering.auto_accept).toBeUndefined();
  });

  it('outputs the invoke URL in the {api-id}-{vpce-id} form, endpoint ids and table name', () => {
    const outputs = service.output!;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['invoke_url', 'execute_api_endpoint_id', 'sagemaker_api_endpoint_id', 'mapping_table_name']),
    );
    expect(Object.keys(outputs)).not.toContain('studio_endpoint_id');
    expect(outputs.invoke_url.value).toMatch(
      /^https:\/\/\$\{aws_api_gateway_rest_api\.[^}]+\.id\}-\$\{aws_vpc_endpoint\.[^}]+\.id\}\.execute-api\.eu-west-1\.amazonaws\.com\/\$\{aws_api_gateway_stage\.[^}]+\.stage_name\}\/studio$/,
    );
  });
});
