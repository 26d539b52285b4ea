import { LandingZoneConfig } from '../../modules/config/types';
import { REQUIRED_TERRAFORM_VERSION } from '../../modules/stacks/account-stack';
import { EXAMPLE_ACCOUNT_FILE, fixtureAccountFile, rawAccountFile } from '../support/configs';
import { exampleStack, shippedStackId } from '../support/shared-synth';
import { SynthResult, SynthesizedStack, findResources, onlyResource, resourcesOfType, synthLandingZone } from '../support/synth';

/** What a first apply into a new account and the days after it need from the synthesized stacks. */

const SERVICE = exampleStack('service-analytics');
let example: SynthResult;
let three: SynthResult;

beforeAll(() => {
  example = synthLandingZone(EXAMPLE_ACCOUNT_FILE);
  three = synthLandingZone(fixtureAccountFile('three-services'));
});

function exampleWith(edit: (config: LandingZoneConfig) => void): Record<string, SynthesizedStack> {
  const config = rawAccountFile();
  edit(config);
  return synthLandingZone(config).json;
}

const lambdas = (stack: SynthesizedStack) => Object.values(resourcesOfType(stack, 'aws_lambda_function'));
const ref = (type: string, name: string, attribute = 'id') => `\${${type}.${name}.${attribute}}`;
const nameOf = (stack: SynthesizedStack, type: string, match: (body: Record<string, unknown>) => boolean) =>
  Object.entries(resourcesOfType(stack, type)).find(([, body]) => match(body))![0];

describe('first apply into a new account', () => {
  it('reserves no Lambda concurrency unless the account file opts in (new accounts have a quota of 10)', () => {
    for (const fn of lambdas(example.json[SERVICE])) expect(fn).not.toHaveProperty('reserved_concurrent_executions');
    // three-services opts in for ml-platform only.
    for (const fn of lambdas(three.json[shippedStackId('three-services', 'service-ml-platform')])) expect(fn.reserved_concurrent_executions).toBe(5);
    for (const fn of lambdas(three.json[shippedStackId('three-services', 'service-research')])) expect(fn).not.toHaveProperty('reserved_concurrent_executions');
  });

  it('requires the Terraform version the S3 lockfile needs in every stack', () => {
    for (const result of [example, three]) {
      for (const stack of Object.values(result.json)) expect(stack.terraform!.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
    }
    expect(REQUIRED_TERRAFORM_VERSION).toBe('>= 1.10');
  });
});

describe('plans that stay empty', () => {
  it('writes no policy with the execute-api:/ shorthand, which AWS stores expanded', () => {
    for (const result of [example, three]) {
      for (const [name, stack] of Object.entries(result.json)) {
        expect({ name, shorthand: JSON.stringify(stack).includes('execute-api:/') }).toEqual({ name, shorthand: false });
      }
    }
  });
});

describe('the account-level API Gateway CloudWatch role', () => {
  it('is created and set by default, and reset when the stack is destroyed', () => {
    const service = example.json[SERVICE];
    const account = onlyResource(service, 'aws_api_gateway_account');
    const role = nameOf(service, 'aws_iam_role', (r) => String(r.name).includes('-apigw-logs'));
    expect(account).toMatchObject({ cloudwatch_role_arn: ref('aws_iam_role', role, 'arn'), reset_on_delete: true });
    const stage = onlyResource(service, 'aws_api_gateway_stage');
    expect(stage.depends_on).toEqual(expect.arrayContaining([`aws_api_gateway_account.${Object.keys(resourcesOfType(service, 'aws_api_gateway_account'))[0]}`]));
  });

  it('can be an existing role, set but left set on destroy', () => {
    const roleArn = 'arn:aws:iam::222222222222:role/ApiGatewayLogs';
    const service = exampleWith((c) => { c.services[0].apiGatewayCloudWatchRole = { mode: 'existing', roleArn }; })[SERVICE];
    const account = onlyResource(service, 'aws_api_gateway_account');
    expect(account.cloudwatch_role_arn).toBe(roleArn);
    expect(account).not.toHaveProperty('reset_on_delete');
    expect(findResources(service, 'aws_iam_role').filter((r) => String(r.name).includes('-apigw-logs'))).toEqual([]);
  });

  it('can be left to whoever manages it', () => {
    const service = exampleWith((c) => { c.services[0].apiGatewayCloudWatchRole = { mode: 'unmanaged' }; })[SERVICE];
    expect(resourcesOfType(service, 'aws_api_gateway_account')).toEqual({});
    expect(findResources(service, 'aws_iam_role').filter((r) => String(r.name).includes('-apigw-logs'))).toEqual([]);
    expect(JSON.stringify(onlyResource(service, 'aws_api_gateway_stage').depends_on)).not.toContain('aws_api_gateway_account');
  });
});

describe('log groups AWS would otherwise create unmanaged', () => {
  const encrypted = (stack: SynthesizedStack, name: string | RegExp) => {
    const groups = Object.values(resourcesOfType(stack, 'aws_cloudwatch_log_group')).filter((g) =>
      typeof name === 'string' ? g.name === name : name.test(String(g.name)));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ retention_in_days: 365, kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\./) });
    return groups[0];
  };

  it('API Gateway execution logs of the stage, created before the stage', () => {
    const service = example.json[SERVICE];
    const api = Object.keys(resourcesOfType(service, 'aws_api_gateway_rest_api'))[0];
    encrypted(service, `API-Gateway-Execution-Logs_${ref('aws_api_gateway_rest_api', api)}/v1`);
    const group = nameOf(service, 'aws_cloudwatch_log_group', (g) => String(g.name).startsWith('API-Gateway-Execution-Logs_'));
    expect(onlyResource(service, 'aws_api_gateway_stage').depends_on).toContain(`aws_cloudwatch_log_group.${group}`);
  });

  it('Studio app logs where the stack creates the domain, before the domain', () => {
    const service = example.json[SERVICE];
    encrypted(service, '/aws/sagemaker/studio');
    const group = nameOf(service, 'aws_cloudwatch_log_group', (g) => g.name === '/aws/sagemaker/studio');
    expect(onlyResource(service, 'aws_sagemaker_domain').depends_on).toContain(`aws_cloudwatch_log_group.${group}`);
    // Existing domains already wrote to the account's group: creating it would fail.
    expect(findResources(three.json[shippedStackId('three-services', 'service-research')], 'aws_cloudwatch_log_group', { name: '/aws/sagemaker/studio' })).toEqual([]);
  });
});

describe('Studio apps', () => {
  it('reach S3 through the gateway endpoint\'s prefix list', () => {
    const service = example.json[SERVICE];
    const domainSg = (onlyResource(service, 'aws_sagemaker_domain').default_user_settings as { security_groups: string[] }).security_groups[0];
    const s3 = nameOf(service, 'aws_vpc_endpoint', (e) => String(e.service_name).endsWith('.s3'));
    expect(findResources(service, 'aws_vpc_security_group_egress_rule', { security_group_id: domainSg, prefix_list_id: ref('aws_vpc_endpoint', s3, 'prefix_list_id') }))
      .toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443 })]);
  });
});

describe('teardown', () => {
  it('moves VPC Lambdas to the emptied default group before deleting them, and waits for their interfaces', () => {
    const service = example.json[SERVICE];
    const defaultSg = Object.keys(resourcesOfType(service, 'aws_default_security_group'))[0];
    for (const fn of lambdas(service)) {
      expect(fn).toMatchObject({ replace_security_groups_on_destroy: true, replacement_security_group_ids: [ref('aws_default_security_group', defaultSg)] });
      const own = (fn.vpc_config as { security_group_ids: string[] }).security_group_ids[0];
      const [, group] = /^\$\{aws_security_group\.([^.]+)\.id\}$/.exec(own)!;
      expect(resourcesOfType(service, 'aws_security_group')[group].timeouts).toEqual({ delete: '45m' });
    }
    for (const subnet of Object.values(resourcesOfType(service, 'aws_subnet'))) expect(subnet.timeouts).toEqual({ delete: '45m' });
  });

  it('protects the mapping table and keeps the home file system unless the account file says otherwise', () => {
    expect(onlyResource(example.json[SERVICE], 'aws_dynamodb_table').deletion_protection_enabled).toBe(true);
    expect(onlyResource(example.json[SERVICE], 'aws_sagemaker_domain').retention_policy).toEqual({ home_efs_file_system: 'Retain' });
    const offboarding = exampleWith((c) => {
      c.services[0].deletionProtection = false;
      if (c.services[0].studio.mode === 'create') c.services[0].studio.retainHomeFileSystem = false;
    })[SERVICE];
    const table = onlyResource(offboarding, 'aws_dynamodb_table');
    expect(table.deletion_protection_enabled).toBe(false);
    // Said on the resource, so `npm run verify` shows it as a deliberate exception.
    expect(JSON.stringify(table['//'])).toContain('LZ-DDB-003');
    expect(onlyResource(offboarding, 'aws_sagemaker_domain').retention_policy).toEqual({ home_efs_file_system: 'Delete' });
  });
});
