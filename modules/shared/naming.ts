/** Names of stacks and resources, in one place so stacks, tests, tools and validation agree. */
import { azIdPrefix } from '../config/regions';
import type { ResolvedLandingZone } from '../config/types';

/**
 * A stack's name within its landing zone: what its state key, local state file, KMS alias, default
 * `Stack` tag and deploy-role session are named by, so none of those change when an app holds
 * another landing zone.
 */
export const NETWORK_STACK = 'network';
export const serviceStackName = (service: string): string => `service-${service}`;
export const networkLinkStackName = (service: string): string => `network-link-${service}`;

/**
 * Default tags every stack's provider sets: the landing zone's environment and the stack's name
 * within it, which the analyses read back from the synthesized output.
 */
export const LANDING_ZONE_TAG = 'LandingZone';
export const STACK_TAG = 'Stack';

/** What keeps two landing zones of one app apart: environment and region (a zone is one of each). */
export interface LandingZoneKey {
  readonly environment: string;
  readonly region: string;
}

/**
 * A stack's id in the app: its directory under `<outdir>/stacks/`, its name on the cdktf command
 * line and its Terraform Cloud workspace (`example-eu-west-1-network`). The environment and region
 * make it unique when one app holds several landing zones.
 */
export const stackId = (zone: LandingZoneKey, stack: string): string => `${landingZoneKey(zone)}-${stack}`;

/** A landing zone's name in an app that may hold several: `example-eu-west-1`. */
export const landingZoneKey = (zone: LandingZoneKey): string => `${zone.environment}-${zone.region}`;

/** The stack name within its zone of a stack id of that zone, or undefined for another zone's stack. */
export function stackNameInLandingZone(zone: LandingZoneKey, id: string): string | undefined {
  const prefix = stackId(zone, '');
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}

/** The Studio host family the corporate DNS forwards to the inbound resolver. */
export const studioDnsZone = (region: string): string => `studio.${region}.sagemaker.aws`;

/** The Studio interface endpoint's service name (not under `com.amazonaws`). */
export const studioEndpointService = (region: string): string => `aws.sagemaker.${region}.studio`;

/** The region in names that must differ between regions: the AZ-id prefix (`euw1` for eu-west-1). */
function regionCode(region: string): string {
  const code = azIdPrefix(region);
  if (code === undefined) throw new RangeError(`unknown region "${region}"`);
  return code;
}

/**
 * Terraform Cloud workspace of one stack: its stack id. Workspaces are per organization, not per
 * region: the region keeps two landing zones of one environment name (in two regions) apart.
 */
export const workspaceName = (environment: string, region: string, stack: string): string => stackId({ environment, region }, stack);

/** The local state file of one stack (in the working directory of the synth). */
export const localStateFile = (environment: string, region: string, stack: string): string => `terraform.${environment}.${region}.${stack}.tfstate`;

/** The S3 key prefix of the state of a landing zone when the file sets none. */
export const defaultStateKeyPrefix = (environment: string, region: string): string => `landing/${environment}/${region}`;

/** The S3 key of one stack's state. */
export const stateKey = (keyPrefix: string, stack: string): string => `${keyPrefix}/${stack}.tfstate`;

/**
 * An IAM role name. IAM is global to an account while everything else here is regional, so the
 * region code keeps the roles of two landing zones with one environment name (in two regions) apart.
 */
export const iamRoleName = (base: string, region: string): string => `${base}-${regionCode(region)}`;

/** The role of a Lambda function. */
export const lambdaRoleName = (functionName: string, region: string): string => iamRoleName(`${functionName}-lambda`, region);

/** The execution role of one Studio user profile. */
export const studioUserRoleName = (domainName: string, userProfileName: string, region: string): string =>
  iamRoleName(`${domainName}-studio-user-${userProfileName}`, region);

/** The Studio domain's default execution role, used by no profile this module manages. */
export const studioDefaultRoleName = (domainName: string, region: string): string => iamRoleName(`${domainName}-studio-execution`, region);

// ---------------------------------------------------------------- generated names and their AWS limits

/** The kinds of names the stacks generate, with AWS's length limit for each. */
export const AWS_NAME_LIMITS = {
  'IAM role name': { max: 64, source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html' },
  'Lambda function name': { max: 64, source: 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html' },
  'SageMaker domain name': { max: 63, source: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateDomain.html' },
  'SageMaker user profile name': { max: 63, source: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateUserProfile.html' },
  'DynamoDB table name': { max: 255, source: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html' },
  'CloudWatch log group name': { max: 512, source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html' },
  'KMS alias name': { max: 256, source: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html' },
  'security group name': { max: 255, source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html' },
  'Route 53 Resolver endpoint name': { max: 64, source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html' },
  'Route 53 Resolver query log config name': { max: 64, source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverQueryLogConfig.html' },
  'DNS Firewall rule group name': { max: 64, source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateFirewallRuleGroup.html' },
  'DNS Firewall domain list name': { max: 64, source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateFirewallDomainList.html' },
  'DNS Firewall rule group association name': { max: 64, source: 'https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateFirewallRuleGroup.html' },
  'S3 state object key': { max: 1024, source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html' },
  'Terraform Cloud workspace name': { max: 90, source: 'https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create' },
} as const;

export type AwsNameKind = keyof typeof AWS_NAME_LIMITS;

/** One name a synth of the zone generates. */
export interface GeneratedName {
  readonly kind: AwsNameKind;
  readonly name: string;
  /** The account-file settings the name is made of, most specific last (e.g. `environment`, `services[0].name`). */
  readonly fields: readonly string[];
}

/**
 * Every name the stacks generate for a zone, by the same formulas the constructs use (a test
 * compares this list with every name of the synthesized output, so the two cannot drift apart).
 * Names of at most 64 characters by construction (FORWARD rule names are cut to 64) are absent.
 */
export function generatedNames(landingZone: ResolvedLandingZone): GeneratedName[] {
  const { environment: env, region } = landingZone;
  const names: GeneratedName[] = [];
  const add = (fields: readonly string[], kind: AwsNameKind, ...values: string[]) => {
    for (const name of values) names.push({ kind, name, fields });
  };
  const root = ['environment'];
  const vpcNames = (fields: readonly string[], vpc: string) => {
    add(fields, 'CloudWatch log group name', `/vpc/flow-logs/${vpc}`);
    add(fields, 'IAM role name', iamRoleName(`${vpc}-flow-logs`, region));
  };
  const resolverNames = (fields: readonly string[], name: string, direction: 'inbound' | 'outbound') => {
    add(fields, 'security group name', `${name}-${direction}-resolver`);
    add(fields, 'Route 53 Resolver endpoint name', `${name}-${direction}`);
  };
  const stacks = [NETWORK_STACK, ...landingZone.services.flatMap((s) => [serviceStackName(s.name), networkLinkStackName(s.name)])];
  const stackFields = (stack: string): string[] => {
    const i = landingZone.services.findIndex((s) => stack === serviceStackName(s.name) || stack === networkLinkStackName(s.name));
    return i < 0 ? root : [...root, `services[${i}].name`];
  };

  // As DnsFirewall (modules/perimeter) names its parts.
  const dnsFirewallNames = (fields: string[], prefix: string, vpcName: string) => {
    add(fields, 'DNS Firewall rule group name', `${prefix}-dns-perimeter`);
    add(fields, 'DNS Firewall domain list name', `${prefix}-allowed`);
    add(fields, 'DNS Firewall domain list name', `${prefix}-everything`);
    add(fields, 'DNS Firewall rule group association name', `${prefix}-${vpcName}`);
  };

  vpcNames(root, `${env}-hub`);
  resolverNames(root, `${env}-hub`, 'inbound');
  resolverNames(root, `${env}-hub`, 'outbound');
  add(root, 'security group name', `${env}-hub-studio-endpoint`);
  add(root, 'CloudWatch log group name', `/route53resolver/${env}-resolver-queries`);
  add(root, 'Route 53 Resolver query log config name', `${env}-resolver-queries`);
  dnsFirewallNames(root, `${env}-hub`, 'hub');
  const connectivity = landingZone.corporate.connectivity;
  // As simulatedCorporateOf (modules/connectivity) decides, without loading the constructs here.
  if (connectivity.type === 'simulated' || (connectivity.type === 'transit-gateway' && connectivity.corporate.kind === 'simulated')) {
    vpcNames(root, `${env}-corporate`);
    resolverNames(root, `${env}-corporate-dns`, 'inbound');
    resolverNames(root, `${env}-corporate-studio`, 'outbound');
  }

  landingZone.services.forEach((service, i) => {
    const fields = [...root, `services[${i}].name`];
    const name = `${env}-${service.name}`;
    vpcNames(fields, name);
    add(fields, 'security group name', `${name}-endpoints`);
    add(fields, 'security group name', `${name}-browser-endpoints`);
    add(fields, 'DynamoDB table name', `${name}-studio-mappings`);
    add(fields, 'CloudWatch log group name', `/route53resolver/${name}-resolver-queries`);
    add(fields, 'Route 53 Resolver query log config name', `${name}-resolver-queries`);
    dnsFirewallNames(fields, name, 'service');
    add(fields, 'KMS alias name', `alias/${name}-studio-mappings`);
    for (const fn of [`${name}-studio-authorizer`, `${name}-studio-presign`]) {
      add(fields, 'Lambda function name', fn);
      add(fields, 'CloudWatch log group name', `/aws/lambda/${fn}`);
      add(fields, 'IAM role name', lambdaRoleName(fn, region));
      add(fields, 'security group name', `${fn}-lambda`);
    }
    if (service.apiGatewayCloudWatchRole.mode === 'create') add(fields, 'IAM role name', iamRoleName(`${name}-studio-apigw-logs`, region));
    add(fields, 'CloudWatch log group name', `/apigateway/${name}-studio/access`);
    if (service.studio.mode === 'create') {
      // One per account and region, named by SageMaker.
      add(fields, 'CloudWatch log group name', '/aws/sagemaker/studio');
      const { domainName, userProfiles } = service.studio;
      // The default domain name is made of the environment and the service name.
      const domainFields = domainName === `${env}-${service.name}` ? fields : [`services[${i}].studio.domainName`];
      add(domainFields, 'SageMaker domain name', domainName);
      add(domainFields, 'security group name', `${domainName}-studio`);
      add(domainFields, 'IAM role name', studioDefaultRoleName(domainName, region));
      add(domainFields, 'KMS alias name', `alias/${domainName}-studio`);
      userProfiles.forEach((profile, j) => {
        const profileFields = [...domainFields, `services[${i}].studio.userProfiles[${j}]`];
        add([`services[${i}].studio.userProfiles[${j}]`], 'SageMaker user profile name', profile);
        add(profileFields, 'IAM role name', studioUserRoleName(domainName, profile, region));
      });
    }
  });

  for (const stack of stacks) {
    const fields = stackFields(stack);
    // The link stacks create no log group, so no logs key.
    if (!stack.startsWith(networkLinkStackName(''))) add(fields, 'KMS alias name', `alias/${env}-${stack}-logs`);
    const { backend } = landingZone;
    if (backend.type === 's3') add([...fields, 'backend.keyPrefix'], 'S3 state object key', stateKey(backend.keyPrefix, stack));
    if (backend.type === 'cloud') add(fields, 'Terraform Cloud workspace name', workspaceName(env, region, stack));
  }
  return names;
}

/**
 * The DNS name an endpoint service answers on, the host SDKs call: `<service>.<region>.amazonaws.com`
 * for most, with SageMaker's and Studio's own forms.
 * https://docs.aws.amazon.com/general/latest/gr/sagemaker.html
 */
export function serviceDnsName(serviceName: string): string | undefined {
  const studio = /^aws\.sagemaker\.([a-z0-9-]+)\.studio$/.exec(serviceName);
  if (studio) return studioDnsZone(studio[1]);
  const aws = /^com\.amazonaws\.([a-z0-9-]+)\.(.+)$/.exec(serviceName);
  if (!aws) return undefined;
  const [, region, service] = aws;
  const special: Record<string, string> = {
    'sagemaker.api': `api.sagemaker.${region}.amazonaws.com`,
    'sagemaker.runtime': `runtime.sagemaker.${region}.amazonaws.com`,
  };
  return special[service] ?? `${service}.${region}.amazonaws.com`;
}
