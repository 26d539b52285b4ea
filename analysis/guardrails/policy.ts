/**
 * IAM and resource policies as they appear in synthesized JSON: where they live, how to parse them
 * (Terraform references stay as `${...}` strings inside JSON string values), and how to read
 * statements. Shared by the rules and by the policy evaluator in analysis/policy-proofs.
 */
import { RuleResult, SynthResource } from './types';
import { asArray, blocks, isRecord } from './terraform';
import { STUDIO_LIST_ACTIONS } from '../../modules/studio/studio-permissions';

/** Identity policies grant a principal; trust and resource policies name who may use a resource. */
type PolicyKind = 'identity' | 'trust' | 'resource';

interface PolicyLocation {
  kind: PolicyKind;
  /** The attribute holding the document, `inline_policy[0].policy` for nested blocks. */
  attribute: string;
  raw: unknown;
}

/** Every resource type that carries a policy document, and in which attribute. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly { kind: PolicyKind; attribute: string }[]>> = {
  aws_iam_role: [{ kind: 'trust', attribute: 'assume_role_policy' }],
  aws_iam_role_policy: [{ kind: 'identity', attribute: 'policy' }],
  aws_iam_policy: [{ kind: 'identity', attribute: 'policy' }],
  aws_iam_user_policy: [{ kind: 'identity', attribute: 'policy' }],
  aws_iam_group_policy: [{ kind: 'identity', attribute: 'policy' }],
  aws_api_gateway_rest_api: [{ kind: 'resource', attribute: 'policy' }],
  aws_api_gateway_rest_api_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_vpc_endpoint: [{ kind: 'resource', attribute: 'policy' }],
  aws_vpc_endpoint_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_kms_key: [{ kind: 'resource', attribute: 'policy' }],
  aws_kms_key_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_cloudwatch_log_resource_policy: [{ kind: 'resource', attribute: 'policy_document' }],
  aws_s3_bucket_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_sqs_queue_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_sns_topic_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_dynamodb_resource_policy: [{ kind: 'resource', attribute: 'policy' }],
  aws_secretsmanager_secret_policy: [{ kind: 'resource', attribute: 'policy' }],
};

export const POLICY_RESOURCE_TYPES = Object.keys(POLICY_ATTRIBUTES);
/** Resources that can carry identity policies (a role through `inline_policy`). */
export const IDENTITY_POLICY_TYPES = ['aws_iam_role', 'aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** The policy documents a resource carries (absent optional policies are not listed). */
export function policiesOf(resource: SynthResource): PolicyLocation[] {
  const direct = (POLICY_ATTRIBUTES[resource.type] ?? [])
    .filter((a) => resource.body[a.attribute] !== undefined)
    .map((a) => ({ ...a, raw: resource.body[a.attribute] }));
  // Inline policies of a role are identity policies too.
  const inline = resource.type === 'aws_iam_role'
    ? blocks(resource.body, 'inline_policy')
      .map((b, i) => ({ kind: 'identity' as const, attribute: `inline_policy[${i}].policy`, raw: b.policy }))
      .filter((p) => p.raw !== undefined)
    : [];
  return [...direct, ...inline];
}

type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** `'*'` for `Principal: "*"`; otherwise values by principal type (`AWS`, `Service`, ...). */
  principal?: '*' | Record<string, string[]>;
  notPrincipal?: '*' | Record<string, string[]>;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  condition: ConditionBlock;
}

interface PolicyDocument {
  statements: Statement[];
  /** The parsed JSON, untouched: what the evaluator receives. */
  json: Record<string, unknown>;
}

type ParsedPolicy = { ok: true; policy: PolicyDocument } | { ok: false; reason: string };

/** A plain reference inside a policy: `${aws_x.y.attr}`, `${data.terraform_remote_state.x.outputs.y}`. */
const PLAIN_REFERENCE = /^\$\{(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\}$/;
const INTERPOLATION = /\$\{[^}]*\}?/g;

/**
 * Parses a synthesized policy document. Analysable means: a JSON string whose only Terraform
 * expressions are plain references inside string values. `${jsonencode(...)}`, a data source's
 * `.json`, or a function call inside a value cannot be read or evaluated before apply.
 */
export function parsePolicy(raw: unknown): ParsedPolicy {
  if (typeof raw !== 'string') return { ok: false, reason: 'the policy is not a JSON string' };
  // Several rules read each policy; parse it once. Results are never mutated.
  let parsed = PARSED.get(raw);
  if (!parsed) {
    if (PARSED.size >= PARSED_CACHE_LIMIT) PARSED.clear();
    parsed = parsePolicyText(raw);
    PARSED.set(raw, parsed);
  }
  return parsed;
}

const PARSED = new Map<string, ParsedPolicy>();
const PARSED_CACHE_LIMIT = 1000;

function parsePolicyText(raw: string): ParsedPolicy {
  const trimmed = raw.trim();
  if (trimmed.startsWith('${')) {
    return { ok: false, reason: `the policy is a Terraform expression (${truncate(trimmed)}), not a JSON document` };
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { ok: false, reason: `the policy is not valid JSON (${truncate(trimmed)})` };
  }
  if (!isRecord(json)) return { ok: false, reason: 'the policy is not a JSON object' };
  const computed = [...trimmed.matchAll(INTERPOLATION)].map((m) => m[0]).find((e) => !PLAIN_REFERENCE.test(e));
  if (computed) return { ok: false, reason: `the policy contains a computed expression ${truncate(computed)}` };
  const rawStatements = asArray(json.Statement as unknown[]);
  if (rawStatements.length === 0) return { ok: false, reason: 'the policy has no Statement' };
  const statements: Statement[] = [];
  for (const [i, s] of rawStatements.entries()) {
    if (!isRecord(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) {
      return { ok: false, reason: `statement ${i} has no Effect of Allow or Deny` };
    }
    statements.push({
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: s.Effect,
      principal: principals(s.Principal),
      notPrincipal: principals(s.NotPrincipal),
      actions: stringList(s.Action),
      notActions: stringList(s.NotAction),
      resources: stringList(s.Resource),
      notResources: stringList(s.NotResource),
      condition: conditions(s.Condition),
    });
  }
  return { ok: true, policy: { statements, json } };
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function stringList(value: unknown): string[] {
  return asArray(value as unknown[]).map(String);
}

function principals(value: unknown): Statement['principal'] {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (!isRecord(value)) return { Unknown: stringList(value) };
  return Object.fromEntries(Object.entries(value).map(([type, v]) => [type, stringList(v)]));
}

function conditions(value: unknown): ConditionBlock {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([op, keys]) => [
      op,
      isRecord(keys) ? Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, stringList(v)])) : {},
    ]),
  );
}

/**
 * Runs `check` on every policy of the resource of the given kinds. A policy that cannot be parsed
 * makes the rule non-compliant: what cannot be read cannot be shown to hold (LZ-IAM-005 says why).
 */
export function checkPolicies(
  resource: SynthResource,
  kinds: readonly PolicyKind[],
  check: (policy: PolicyDocument, location: PolicyLocation) => string | undefined,
): RuleResult {
  const locations = policiesOf(resource).filter((p) => kinds.includes(p.kind));
  if (locations.length === 0) return { status: 'not-applicable' };
  for (const location of locations) {
    const parsed = parsePolicy(location.raw);
    if (!parsed.ok) return { status: 'non-compliant', reason: `${location.attribute}: ${parsed.reason}` };
    const problem = check(parsed.policy, location);
    if (problem) return { status: 'non-compliant', reason: `${location.attribute}: ${problem}` };
  }
  return { status: 'compliant' };
}

export function label(statement: Statement, index: number): string {
  return statement.sid ? `statement "${statement.sid}"` : `statement ${index}`;
}

const ACTION_PATTERNS = new Map<string, RegExp>();

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  let regex = ACTION_PATTERNS.get(pattern);
  if (!regex) {
    const body = pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
    regex = new RegExp(`^${body}$`, 'i');
    ACTION_PATTERNS.set(pattern, regex);
  }
  return regex.test(action);
}

/** Whether a statement's action list covers `action` (NotAction lists cover everything not listed). */
export function coversAction(statement: Statement, action: string): boolean {
  if (statement.notActions.length > 0) return !statement.notActions.some((p) => actionMatches(p, action));
  return statement.actions.some((p) => actionMatches(p, action));
}

/** Every principal value of a statement, `*` included. */
export function principalValues(principal: Statement['principal']): { type: string; value: string }[] {
  if (principal === undefined) return [];
  if (principal === '*') return [{ type: '*', value: '*' }];
  return Object.entries(principal).flatMap(([type, values]) => values.map((value) => ({ type, value })));
}

/** `Principal: "*"` or `{"AWS": "*"}`: anyone, in any account. */
export function isAnyone(principal: Statement['principal']): boolean {
  return principalValues(principal).some((p) => p.value === '*');
}

/** Condition values for a key under an operator, both matched case-insensitively as IAM does. */
export function conditionValues(statement: Statement, operator: string, key: string): string[] | undefined {
  const op = Object.keys(statement.condition).find((o) => o.toLowerCase() === operator.toLowerCase());
  if (!op) return undefined;
  const k = Object.keys(statement.condition[op]).find((name) => name.toLowerCase() === key.toLowerCase());
  return k ? statement.condition[op][k] : undefined;
}

/** Every condition key a statement tests, lower-cased. */
export function conditionKeys(statement: Statement): string[] {
  return Object.values(statement.condition).flatMap((keys) => Object.keys(keys).map((k) => k.toLowerCase()));
}

/**
 * Actions that have no resource-level permissions: IAM only accepts `"Resource": "*"` for them, so
 * a `*` resource is no over-grant. Kept short on purpose; extend it with the action's entry in the
 * Service Authorization Reference (resource types column empty).
 */
export const WILDCARD_ONLY_ACTIONS: readonly string[] = [
  // A VPC Lambda lists its ENIs; the action is not resource-scoped.
  'ec2:DescribeNetworkInterfaces',
  // X-Ray tracing from Lambda / API Gateway.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'sts:GetCallerIdentity',
  // Metric namespaces are bounded by the cloudwatch:namespace condition instead.
  'cloudwatch:PutMetricData',
  // The Studio UI's list calls: SageMaker defines no resource type for them
  // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html).
  ...STUDIO_LIST_ACTIONS,
];

export function isWildcardOnlyAction(action: string): boolean {
  return WILDCARD_ONLY_ACTIONS.some((a) => a.toLowerCase() === action.toLowerCase());
}

/** Condition keys that bound who (or from where) a `*` principal may act. */
const BOUNDING_KEYS = [
  'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalarn',
  'aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourcevpce', 'aws:sourcevpc',
  'aws:resourceaccount', 'aws:resourceorgid', 'kms:calleraccount',
];

/** The statement carries a condition that bounds its principals to known accounts, roles or endpoints. */
function hasBoundingCondition(statement: Statement): boolean {
  return conditionKeys(statement).some((k) => BOUNDING_KEYS.includes(k));
}

/** An ARN whose account field is a concrete account (or a reference to a resource of this stack). */
export function namesAccount(resource: string): boolean {
  if (resource.startsWith('${')) return true;
  const account = resource.split(':')[4];
  return account !== undefined && (/^\d{12}$/.test(account) || /^\$\{[^}]+\}$/.test(account));
}

/**
 * Allow statements open to anyone (`*` principal, or none as in endpoint policies) that neither a
 * bounding condition nor account-scoped resources confine: what makes a resource policy public.
 */
export function unboundedAllows(policy: PolicyDocument): string[] {
  return policy.statements.flatMap((s, i) => {
    if (s.effect !== 'Allow' || (s.principal !== undefined && !isAnyone(s.principal))) return [];
    if (s.notActions.length > 0 || s.notResources.length > 0) return [`${label(s, i)} uses NotAction/NotResource with a * principal`];
    if (hasBoundingCondition(s) || (s.resources.length > 0 && s.resources.every(namesAccount))) return [];
    return [`${label(s, i)} allows ${s.actions.join(', ')} to any principal on ${s.resources.join(', ') || 'anything'} without a condition bounding the caller`];
  });
}
