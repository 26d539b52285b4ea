/**
 * Facts about specific resource kinds that more than one rule (or the policy evaluator) needs.
 */
import { RuleResult, SynthResource, SynthesizedStack } from './types';
import { fromProblems, violation } from './result';
import { parsePolicy, unboundedAllows } from './policy';
import { block, blocks, numberValue, referencing, refersTo, resourcesOf, strings, target } from './terraform';
import { securityGroupsOf } from './network';

/** Shortest retention for any log group: a year of evidence for incident response and audits. */
export const MIN_LOG_RETENTION_DAYS = 365;

/** Why a log group is not encrypted with a key of our own, if it is not. */
export function logEncryptionProblem(group: SynthResource): string | undefined {
  const key = group.body.kms_key_id;
  return typeof key === 'string' && key !== '' ? undefined : `${group.address} is not encrypted with a customer managed KMS key`;
}

/** Why a log group's retention is too short or unbounded, if it is. */
export function logRetentionProblem(group: SynthResource): string | undefined {
  const retention = numberValue(group.body.retention_in_days);
  if (retention === undefined || retention === 0) return `${group.address} keeps logs forever (no retention_in_days)`;
  return retention < MIN_LOG_RETENTION_DAYS ? `${group.address} keeps logs ${retention} days (< ${MIN_LOG_RETENTION_DAYS})` : undefined;
}

export const logGroupProblems = (group: SynthResource): string[] =>
  [logEncryptionProblem(group), logRetentionProblem(group)].filter((p): p is string => p !== undefined);

/** The policy of a VPC endpoint: inline, or an `aws_vpc_endpoint_policy` attached to it. */
export function endpointPolicy(stack: SynthesizedStack, endpoint: SynthResource): unknown {
  if (endpoint.body.policy !== undefined) return endpoint.body.policy;
  return resourcesOf(stack, 'aws_vpc_endpoint_policy').find((p) => refersTo(p.body.vpc_endpoint_id, endpoint))?.body.policy;
}

/** An endpoint's policy judged: present, analysable, and with no Allow open beyond this account. */
export function endpointPolicyResult(stack: SynthesizedStack, endpoint: SynthResource): RuleResult {
  const raw = endpointPolicy(stack, endpoint);
  if (raw === undefined) return violation('no policy: the default allows any action on any resource of any account');
  const parsed = parsePolicy(raw);
  if (!parsed.ok) return violation(`policy: ${parsed.reason}`);
  return fromProblems(unboundedAllows(parsed.policy));
}

export const endpointType = (endpoint: SynthResource): string =>
  typeof endpoint.body.vpc_endpoint_type === 'string' ? endpoint.body.vpc_endpoint_type : 'Gateway';

/** Interface endpoints of a stack whose service name satisfies `test`. */
export function endpointsFor(stack: SynthesizedStack, test: (serviceName: string) => boolean): SynthResource[] {
  return resourcesOf(stack, 'aws_vpc_endpoint').filter((e) => typeof e.body.service_name === 'string' && test(e.body.service_name));
}

/** The SageMaker API endpoint and the Studio endpoint: where presigned URLs may be created and used. */
export const isSageMakerApiService = (name: string): boolean => /^com\.amazonaws\.[a-z0-9-]+\.sagemaker\.api$/.test(name);
export const isStudioService = (name: string): boolean => /^aws\.sagemaker\.[a-z0-9-]+\.studio$/.test(name);
export const isExecuteApiService = (name: string): boolean => /^com\.amazonaws\.[a-z0-9-]+\.execute-api$/.test(name);

/** The VPC a resolver endpoint lives in, through its security group or its subnets. */
export function resolverEndpointVpc(stack: SynthesizedStack, endpoint: SynthResource): SynthResource | undefined {
  const fromGroups = securityGroupsOf(stack, endpoint.body.security_group_ids).groups.map((g) => g.body.vpc_id);
  const fromSubnets = blocks(endpoint.body, 'ip_address').map((ip) => target(stack, ip.subnet_id, 'aws_subnet')?.body.vpc_id);
  for (const vpcId of [...fromGroups, ...fromSubnets]) {
    const vpc = target(stack, vpcId, 'aws_vpc');
    if (vpc) return vpc;
  }
  return undefined;
}

/** Static IPs of a resolver endpoint (inbound endpoints are forwarded to by address). */
export const resolverEndpointIps = (endpoint: SynthResource): string[] =>
  blocks(endpoint.body, 'ip_address').flatMap((ip) => strings(ip.ip));

/** The FORWARD rules that send queries out through an outbound endpoint. */
export function rulesUsing(stack: SynthesizedStack, endpoint: SynthResource): SynthResource[] {
  return resourcesOf(stack, 'aws_route53_resolver_rule').filter((r) => refersTo(r.body.resolver_endpoint_id, endpoint));
}

export const ruleTargets = (rule: SynthResource): string[] => blocks(rule.body, 'target_ip').flatMap((t) => strings(t.ip));

/** The stage's `aws_api_gateway_method_settings` (matched by reference or by literal stage name). */
export function methodSettingsOf(stack: SynthesizedStack, stage: SynthResource): SynthResource[] {
  return resourcesOf(stack, 'aws_api_gateway_method_settings').filter(
    (m) =>
      refersTo(m.body.stage_name, stage) ||
      (m.body.stage_name === stage.body.stage_name && m.body.rest_api_id === stage.body.rest_api_id),
  );
}

/** A resource's single nested block as an object (empty when absent). */
export const settingsOf = (resource: SynthResource, key: string): Record<string, unknown> => block(resource.body, key) ?? {};

/** One identity policy document attached to a role, and where it comes from. */
interface AttachedPolicy {
  source: string;
  raw: unknown;
}

/**
 * Every identity policy of a role: inline blocks, `aws_iam_role_policy`, and attached
 * `aws_iam_policy` of this stack. Attachments of policies defined elsewhere (AWS managed ones
 * included) cannot be read: they are listed in `opaque`.
 */
export function rolePolicies(stack: SynthesizedStack, role: SynthResource): { policies: AttachedPolicy[]; opaque: string[] } {
  const inline = blocks(role.body, 'inline_policy').map((b, i) => ({ source: `${role.address}.inline_policy[${i}]`, raw: b.policy }));
  const rolePolicy = resourcesOf(stack, 'aws_iam_role_policy')
    .filter((p) => refersTo(p.body.role, role))
    .map((p) => ({ source: p.address, raw: p.body.policy }));
  const attachments = [
    ...resourcesOf(stack, 'aws_iam_role_policy_attachment').filter((a) => refersTo(a.body.role, role)).map((a) => a.body.policy_arn),
    ...strings(role.body.managed_policy_arns),
  ];
  const attached = attachments.map((arn) => ({ arn, policy: target(stack, arn, 'aws_iam_policy') }));
  return {
    policies: [
      ...inline,
      ...rolePolicy,
      ...attached.filter((a) => a.policy).map((a) => ({ source: a.policy!.address, raw: a.policy!.body.policy })),
    ],
    opaque: attached.filter((a) => !a.policy).map((a) => String(a.arn)),
  };
}

/** The VPC has a Route 53 Resolver query log configuration associated with it. */
export const hasQueryLogging = (stack: SynthesizedStack, vpc: SynthResource): boolean =>
  referencing(stack, 'aws_route53_resolver_query_log_config_association', 'resource_id', vpc).some(
    (a) => target(stack, a.body.resolver_query_log_config_id, 'aws_route53_resolver_query_log_config') !== undefined,
  );

/** The VPC holds interface endpoints: workloads in it reach AWS APIs, so its DNS is a way out. */
export const hasInterfaceEndpoints = (stack: SynthesizedStack, vpc: SynthResource): boolean =>
  referencing(stack, 'aws_vpc_endpoint', 'vpc_id', vpc).some((e) => endpointType(e) === 'Interface');

/** One DNS Firewall rule with its domain list's specifications (none known for a list outside the stack). */
interface FirewallRuleView {
  rule: SynthResource;
  priority: number;
  action: string;
  domains: string[];
}

/** A rule group's rules, lowest priority (evaluated first) first. */
export function firewallRules(stack: SynthesizedStack, group: SynthResource): FirewallRuleView[] {
  return referencing(stack, 'aws_route53_resolver_firewall_rule', 'firewall_rule_group_id', group)
    .map((rule) => ({
      rule,
      priority: numberValue(rule.body.priority) ?? Number.POSITIVE_INFINITY,
      action: String(rule.body.action ?? ''),
      domains: strings(target(stack, rule.body.firewall_domain_list_id, 'aws_route53_resolver_firewall_domain_list')?.body.domains),
    }))
    .sort((a, b) => a.priority - b.priority);
}
