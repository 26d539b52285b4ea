/** What sends and receives traffic: VPC endpoints, Lambda functions, private APIs, Studio domains. */
import { Id, LambdaFunction, PolicyStatement, RestApi, VpcEndpoint, NetworkModel } from '../model';
import { Attributes, block, str } from '../terraform';
import { BuildContext, bool, displayName } from './context';

/** The model's part this builder fills: its types are the model's own. */
type WorkloadsPart = Pick<NetworkModel, 'endpoints' | 'lambdas' | 'restApis' | 'studioDomains'>;

export function buildWorkloads(ctx: BuildContext): WorkloadsPart {
  return {
    endpoints: buildEndpoints(ctx),
    lambdas: buildLambdas(ctx),
    restApis: buildRestApis(ctx),
    studioDomains: ctx.out.resources('aws_sagemaker_domain').map((r) => ({
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      vpc: ctx.idOf(r.stack, r.attrs.vpc_id),
      // The provider's default: apps reach the internet through SageMaker's own VPC.
      appNetworkAccessType: str(r.attrs.app_network_access_type) ?? 'PublicInternetOnly',
    })),
  };
}

function buildEndpoints(ctx: BuildContext): Map<Id, VpcEndpoint> {
  const endpoints = new Map<Id, VpcEndpoint>();
  for (const r of ctx.out.resources('aws_vpc_endpoint')) {
    const vpc = ctx.idOf(r.stack, r.attrs.vpc_id);
    if (!vpc) continue;
    endpoints.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      vpc,
      type: str(r.attrs.vpc_endpoint_type) ?? 'Gateway',
      serviceName: str(r.attrs.service_name) ?? '',
      privateDns: bool(r.attrs.private_dns_enabled, false),
      subnets: ctx.ids(r.stack, r.attrs.subnet_ids),
      securityGroups: ctx.ids(r.stack, r.attrs.security_group_ids),
    });
  }
  const associations = [
    ['aws_vpc_endpoint_subnet_association', 'subnet_id', 'subnets'],
    ['aws_vpc_endpoint_security_group_association', 'security_group_id', 'securityGroups'],
  ] as const;
  for (const [type, key, field] of associations) {
    for (const r of ctx.out.resources(type)) {
      const member = ctx.idOf(r.stack, r.attrs[key]);
      if (member) endpoints.get(ctx.idOf(r.stack, r.attrs.vpc_endpoint_id) ?? '')?.[field].push(member);
    }
  }
  return endpoints;
}

function buildLambdas(ctx: BuildContext): Map<Id, LambdaFunction> {
  const statementsByRole = new Map<Id, PolicyStatement[]>();
  for (const r of ctx.out.resources('aws_iam_role_policy')) {
    const role = ctx.idOf(r.stack, r.attrs.role);
    if (role) statementsByRole.set(role, [...(statementsByRole.get(role) ?? []), ...statements(ctx.out.canonical(r.stack, str(r.attrs.policy) ?? ''))]);
  }
  const lambdas = new Map<Id, LambdaFunction>();
  for (const r of ctx.out.resources('aws_lambda_function')) {
    const vpcConfig = block(r.attrs.vpc_config);
    const variables = (block(r.attrs.environment)?.variables ?? {}) as Attributes;
    lambdas.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      subnets: ctx.ids(r.stack, vpcConfig?.subnet_ids),
      securityGroups: ctx.ids(r.stack, vpcConfig?.security_group_ids),
      environment: Object.fromEntries(Object.entries(variables).flatMap(([k, v]) => (typeof v === 'string' ? [[k, ctx.out.canonical(r.stack, v)]] : []))),
      statements: statementsByRole.get(ctx.idOf(r.stack, r.attrs.role) ?? '') ?? [],
    });
  }
  return lambdas;
}

/** The statements of a policy document; a document that is not plain JSON grants nothing we can read. */
function statements(policy: string): PolicyStatement[] {
  try {
    const statement = (JSON.parse(policy) as { Statement?: PolicyStatement | PolicyStatement[] }).Statement;
    return Array.isArray(statement) ? statement : statement ? [statement] : [];
  } catch {
    return [];
  }
}

function buildRestApis(ctx: BuildContext): RestApi[] {
  const apis = new Map<Id, RestApi>();
  for (const r of ctx.out.resources('aws_api_gateway_rest_api')) {
    const endpointConfiguration = block(r.attrs.endpoint_configuration);
    apis.set(r.address, {
      id: r.address,
      name: displayName(r),
      stack: r.stack,
      types: ctx.strings(endpointConfiguration?.types),
      vpcEndpoints: ctx.ids(r.stack, endpointConfiguration?.vpc_endpoint_ids),
      authorizers: [],
      integrations: [],
    });
  }
  const lambdaOf = (stack: string, value: unknown) => ctx.resourceOf(stack, value, 'aws_lambda_function')?.address;
  for (const [type, key, field] of [['aws_api_gateway_authorizer', 'authorizer_uri', 'authorizers'], ['aws_api_gateway_integration', 'uri', 'integrations']] as const) {
    for (const r of ctx.out.resources(type)) {
      const lambda = lambdaOf(r.stack, r.attrs[key]);
      if (lambda) apis.get(ctx.idOf(r.stack, r.attrs.rest_api_id) ?? '')?.[field].push(lambda);
    }
  }
  return [...apis.values()];
}
