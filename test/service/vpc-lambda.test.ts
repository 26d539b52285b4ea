import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { VpcLambda } from '../../modules/service/vpc-lambda';
import { addressesOf, onlyBlock, policyOf, reference, synthUnit } from '../support/unit-synth';

const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpc-lambda-'));
fs.writeFileSync(path.join(bundleDir, 'index.js'), 'exports.handler = async () => 1;\n');

const props = {
  functionName: 'x-presign', description: 'Presigns', runtime: 'nodejs22.x', bundleDir,
  environment: { TABLE: 'x-mappings' }, vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], replacementSecurityGroupId: 'sg-default',
  accountId: '111111111111', region: 'eu-west-1', logsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/logs', logRetentionDays: 30,
  permissions: [{ Sid: 'ReadTable', Effect: 'Allow' as const, Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:eu-west-1:111111111111:table/x-mappings' }],
};

describe('VpcLambda', () => {
  const resources = synthUnit((scope) => new VpcLambda(scope, 'fn', props)).resource;
  const fn = onlyBlock(resources, 'aws_lambda_function');
  const groupId = reference('aws_security_group', addressesOf(resources, 'aws_security_group')[0], 'id');

  it('runs arm64 in the VPC subnets with its own rule-less group, traced, with the documented defaults', () => {
    expect(fn).toMatchObject({
      function_name: 'x-presign', runtime: 'nodejs22.x', architectures: ['arm64'], handler: 'index.handler', timeout: 10, memory_size: 256,
      vpc_config: { subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: [groupId] },
      replace_security_groups_on_destroy: true, replacement_security_group_ids: ['sg-default'],
      tracing_config: { mode: 'Active' },
      environment: { variables: { NODE_OPTIONS: '--enable-source-maps', TABLE: 'x-mappings' } },
    });
    expect(fn.reserved_concurrent_executions).toBeUndefined();
    expect(resources.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  it('logs as JSON to its own encrypted group, created with its permissions before the function', () => {
    const group = addressesOf(resources, 'aws_cloudwatch_log_group')[0];
    expect(onlyBlock(resources, 'aws_cloudwatch_log_group')).toEqual({ name: '/aws/lambda/x-presign', kms_key_id: props.logsKeyArn, retention_in_days: 30 });
    expect(fn.logging_config).toEqual({ log_format: 'JSON', log_group: reference('aws_cloudwatch_log_group', group, 'name') });
    expect(fn.depends_on).toEqual([`aws_cloudwatch_log_group.${group}`, `aws_iam_role_policy.${addressesOf(resources, 'aws_iam_role_policy')[0]}`]);
  });

  it('may write its own logs, manage its interfaces in this account, and do what it is given', () => {
    const statements = policyOf(onlyBlock(resources, 'aws_iam_role_policy')).Statement;
    expect(statements.map((s) => s.Sid)).toEqual(['WriteOwnLogGroup', 'ManageVpcInterfacesInThisAccount', 'DescribeInterfacesAndTrace', 'ReadTable']);
    expect(statements[1].Resource).toEqual(expect.arrayContaining(['arn:aws:ec2:eu-west-1:111111111111:network-interface/*']));
  });

  it('outside the VPC: no interfaces, no group, no interface permissions; settings given replace the defaults', () => {
    const outside = synthUnit((scope) => new VpcLambda(scope, 'fn', { ...props, outsideVpc: true, timeoutSeconds: 5, memorySize: 512, reservedConcurrency: 2 })).resource;
    const outsideFn = onlyBlock(outside, 'aws_lambda_function');
    expect(outsideFn.vpc_config).toBeUndefined();
    expect(outsideFn.replacement_security_group_ids).toBeUndefined();
    expect(outside.aws_security_group).toBeUndefined();
    expect(policyOf(onlyBlock(outside, 'aws_iam_role_policy')).Statement.map((s) => s.Sid)).toEqual(['WriteOwnLogGroup', 'Trace', 'ReadTable']);
    expect(outsideFn).toMatchObject({ timeout: 5, memory_size: 512, reserved_concurrent_executions: 2 });
  });
});
