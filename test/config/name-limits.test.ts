import * as fs from 'node:fs';
import { resolveConfig } from '../../modules/config/resolve';
import type { LandingZoneConfig } from '../../modules/config/types';
import { validateConfig } from '../../modules/config/validate';
import { AWS_NAME_LIMITS, type AwsNameKind, generatedNames } from '../../modules/shared/naming';
import { fixtureAccountFile, rawAccountFile } from '../support/configs';
import { type SynthesizedStack, synthLandingZone } from '../support/synth';

/** The synthesized attribute that carries each kind of generated name. */
const NAME_ATTRIBUTES: Record<string, [AwsNameKind, string]> = {
  aws_iam_role: ['IAM role name', 'name'],
  aws_lambda_function: ['Lambda function name', 'function_name'],
  aws_sagemaker_domain: ['SageMaker domain name', 'domain_name'],
  aws_sagemaker_user_profile: ['SageMaker user profile name', 'user_profile_name'],
  aws_dynamodb_table: ['DynamoDB table name', 'name'],
  aws_cloudwatch_log_group: ['CloudWatch log group name', 'name'],
  aws_kms_alias: ['KMS alias name', 'name'],
  aws_security_group: ['security group name', 'name'],
  aws_route53_resolver_endpoint: ['Route 53 Resolver endpoint name', 'name'],
  aws_route53_resolver_query_log_config: ['Route 53 Resolver query log config name', 'name'],
  aws_route53_resolver_firewall_rule_group: ['DNS Firewall rule group name', 'name'],
  aws_route53_resolver_firewall_domain_list: ['DNS Firewall domain list name', 'name'],
  aws_route53_resolver_firewall_rule_group_association: ['DNS Firewall rule group association name', 'name'],
};

/** Every generated name in a synthesized zone, as `<kind>: <name>`. */
function synthesizedNames(json: Record<string, SynthesizedStack>): string[] {
  return Object.values(json).flatMap((stack) => {
    const names = Object.entries(NAME_ATTRIBUTES).flatMap(([type, [kind, attribute]]) =>
      Object.values(stack.resource?.[type] ?? {})
        // A name that embeds a created id (API Gateway's execution log group) is AWS's to form.
        .filter((body) => !String(body[attribute]).includes('${'))
        .map((body) => `${kind}: ${String(body[attribute])}`));
    const backend = (stack.terraform as { backend?: { s3?: { key: string } }; cloud?: { workspaces: { name: string } } });
    if (backend.backend?.s3) names.push(`S3 state object key: ${backend.backend.s3.key}`);
    if (backend.cloud) names.push(`Terraform Cloud workspace name: ${backend.cloud.workspaces.name}`);
    return names;
  }).sort();
}

describe('the generated names', () => {
  it.each(['three-services', 's3-backend', 'cloud-backend', 'existing-vpc', 'transit-gateway', 'existing-transit-gateway'])('are exactly what %s synthesizes (no formula drifts from the constructs)', (fixture) => {
    const { json, landingZone, outdir } = synthLandingZone(fixtureAccountFile(fixture));
    fs.rmSync(outdir, { recursive: true, force: true });
    const predicted = generatedNames(landingZone).map(({ kind, name }) => `${kind}: ${name}`).sort();
    expect(predicted).toEqual(synthesizedNames(json));
  });

  it('every limit has its AWS source', () => {
    for (const { max, source } of Object.values(AWS_NAME_LIMITS)) {
      expect(max).toBeGreaterThan(0);
      expect(source).toMatch(/^https:\/\/(docs\.aws\.amazon\.com|developer\.hashicorp\.com)\//);
    }
  });
});

const longNames = (): LandingZoneConfig => {
  const file = rawAccountFile();
  file.environment = 'environment-twenty-1';
  file.services[0].name = 'service-name-twenty1';
  return file;
};

describe('names too long for AWS', () => {
  it('refuse a 20-character environment with a 20-character service, naming both and how much must go', () => {
    const file = longNames();
    expect([file.environment.length, file.services[0].name.length]).toEqual([20, 20]);
    expect(validateConfig(file)).toEqual([{
      path: 'services[0].name',
      message: 'makes the IAM role name "environment-twenty-1-service-name-twenty1-studio-authorizer-lambda-euw1" 71 characters long; AWS allows 64 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)',
      fix: 'shorten environment + services[0].name by 7 characters in total (environment has 20, services[0].name has 20)',
    }]);
  });

  it('accept names exactly at the limit', () => {
    const file = longNames();
    file.environment = 'env-thirteen1';
    file.services[0].name = 'service-name-twenty1';
    const role = generatedNames(resolveConfig(file)).find((name) => name.name.includes('studio-authorizer-lambda'))!;
    expect(role.name).toHaveLength(64);
    expect(validateConfig(file)).toEqual([]);
    file.environment = 'env-fourteen-1';
    expect(validateConfig(file).map((problem) => problem.fix)).toEqual([expect.stringContaining('by 1 character in total')]);
  });

  it('report a long Studio domain name at studio.domainName, and each profile role it makes too long at the profile', () => {
    const file = rawAccountFile();
    file.services[0].studio = { mode: 'create', domainName: 'd'.repeat(45), userProfiles: ['alice', 'bob'] };
    const problems = validateConfig(file);
    expect(problems.map((problem) => problem.path)).toEqual(['services[0].studio.domainName', 'services[0].studio.userProfiles[0]', 'services[0].studio.userProfiles[1]']);
    expect(problems[0]).toEqual(expect.objectContaining({
      message: expect.stringContaining(`IAM role name "${'d'.repeat(45)}-studio-execution-euw1" 67 characters long`),
      fix: 'shorten services[0].studio.domainName by 3 characters in total (services[0].studio.domainName has 45)',
    }));
    expect(problems[1].fix).toBe('shorten services[0].studio.domainName + services[0].studio.userProfiles[0] by 4 characters in total (services[0].studio.domainName has 45, services[0].studio.userProfiles[0] has 5)');
  });
});
