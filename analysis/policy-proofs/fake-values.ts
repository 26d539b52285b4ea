/**
 * Concrete stand-ins for what Terraform only knows after apply. Every `${type.name.attr}` becomes a
 * value of the right shape (`vpce-...`, `d-...`, ARNs with the stack's account and region), derived
 * from a hash of stack, type and name: the same reference always yields the same value, in every
 * policy and every stack (remote-state outputs are followed to the stack that exports them).
 */
import { createHash } from 'crypto';
import { SynthesizedStack } from '../guardrails';
import { conditionValues, parsePolicy } from '../guardrails/policy';
import { endpointPolicy } from '../guardrails/resources';
import { isRecord, lookup, remoteOutput, resourcesOf, stackAccount } from '../guardrails/terraform';

/** An Organization none of the landing zone's accounts is in. */
const OTHER_ORGANIZATION = 'o-proofoutsider';
const ORG_KEYS = ['aws:PrincipalOrgID', 'aws:ResourceOrgID'];

const INTERPOLATION = /\$\{([^}]*)\}/g;
const PLAIN_REF = /^([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/;

/** A value the evaluator cannot be given: the proof that needs it fails with this reason. */
export class UnresolvableError extends Error {}

interface Identity {
  account: string;
  region: string;
  name: string;
  id: string;
}

const base36 = (hex: string): string => BigInt(`0x${hex}`).toString(36).padStart(12, '0');
const uuid = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/** Ids in the shape AWS gives them, so ARN and condition matching behave as in production. */
const ID_SHAPES: Readonly<Record<string, (h: string) => string>> = {
  aws_vpc_endpoint: (h) => `vpce-${h.slice(0, 17)}`,
  aws_vpc: (h) => `vpc-${h.slice(0, 17)}`,
  aws_subnet: (h) => `subnet-${h.slice(0, 17)}`,
  aws_security_group: (h) => `sg-${h.slice(0, 17)}`,
  aws_sagemaker_domain: (h) => `d-${base36(h.slice(0, 16)).slice(-12)}`,
  aws_api_gateway_rest_api: (h) => base36(h.slice(0, 16)).slice(-10),
  aws_api_gateway_authorizer: (h) => base36(h.slice(0, 16)).slice(-6),
  aws_kms_key: uuid,
  aws_route53_resolver_rule: (h) => `rslvr-rr-${h.slice(0, 17)}`,
};

const ARN_SHAPES: Readonly<Record<string, (r: Identity) => string>> = {
  aws_iam_role: (r) => `arn:aws:iam::${r.account}:role/${r.name}`,
  aws_iam_policy: (r) => `arn:aws:iam::${r.account}:policy/${r.name}`,
  aws_dynamodb_table: (r) => `arn:aws:dynamodb:${r.region}:${r.account}:table/${r.name}`,
  aws_kms_key: (r) => `arn:aws:kms:${r.region}:${r.account}:key/${r.id}`,
  aws_cloudwatch_log_group: (r) => `arn:aws:logs:${r.region}:${r.account}:log-group:${r.name}`,
  aws_lambda_function: (r) => `arn:aws:lambda:${r.region}:${r.account}:function:${r.name}`,
  aws_sagemaker_domain: (r) => `arn:aws:sagemaker:${r.region}:${r.account}:domain/${r.id}`,
  aws_route53_resolver_rule: (r) => `arn:aws:route53resolver:${r.region}:${r.account}:resolver-rule/${r.id}`,
  aws_vpc_endpoint: (r) => `arn:aws:ec2:${r.region}:${r.account}:vpc-endpoint/${r.id}`,
};

/** Attributes whose value is built from others. */
const DERIVED: Readonly<Record<string, (r: Identity, arn: string) => string>> = {
  'aws_api_gateway_rest_api.execution_arn': (r) => `arn:aws:execute-api:${r.region}:${r.account}:${r.id}`,
  'aws_lambda_function.invoke_arn': (r, arn) => `arn:aws:apigateway:${r.region}:lambda:path/2015-03-31/functions/${arn}/invocations`,
  'aws_kms_key.key_id': (r) => r.id,
};

const NAME_ATTRIBUTES = ['name', 'function_name', 'stage_name', 'domain_name', 'user_profile_name'];
/** Terraform uses the name as the id of these resources. */
const ID_IS_NAME = ['aws_iam_role', 'aws_iam_policy', 'aws_dynamodb_table', 'aws_cloudwatch_log_group', 'aws_lambda_function'];

export class FakeWorld {
  private organizationId: string | undefined | null = null;

  constructor(readonly stacks: Readonly<Record<string, SynthesizedStack>>) {}

  /** Every stack's account: the landing zone. */
  accounts(): string[] {
    return [...new Set(Object.keys(this.stacks).map((s) => this.account(s)))].sort();
  }

  /**
   * The Organization the landing zone's accounts are in, as the output states it: the one id its
   * endpoint policies name (the output records it nowhere else, so two ids are a contradiction the
   * proofs cannot settle).
   */
  organization(): string | undefined {
    if (this.organizationId !== null) return this.organizationId;
    const ids = new Set(Object.values(this.stacks).flatMap((stack) => resourcesOf(stack, 'aws_vpc_endpoint').flatMap((endpoint) => {
      const parsed = parsePolicy(endpointPolicy(stack, endpoint));
      return parsed.ok ? parsed.policy.statements.flatMap((s) => ORG_KEYS.flatMap((key) => conditionValues(s, 'StringEquals', key) ?? [])) : [];
    })));
    if (ids.size > 1) throw new UnresolvableError(`the endpoint policies name several Organizations (${[...ids].sort().join(', ')})`);
    return (this.organizationId = [...ids][0]);
  }

  /**
   * What AWS adds to a request when accounts are in an Organization: the caller's (for an IAM
   * principal) and the resource owner's Organization, ours for the landing zone's accounts, a
   * stranger's for any other
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
   */
  organizationKeys(principal: string, resourceAccount: string): Record<string, string> {
    const organization = this.organization();
    if (!organization) return {};
    const of = (account: string) => (this.accounts().includes(account) ? organization : OTHER_ORGANIZATION);
    const caller = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
    return { ...(caller ? { 'aws:PrincipalOrgID': of(caller) } : {}), 'aws:ResourceOrgID': of(resourceAccount) };
  }

  account(stackName: string): string {
    return stackAccount(this.stacks[stackName]).accountId ?? '000000000000';
  }

  region(stackName: string): string {
    return stackAccount(this.stacks[stackName]).region ?? 'us-east-1';
  }

  /** An account id that belongs to no stack of the landing zone. */
  foreignAccount(): string {
    const used = new Set(Object.keys(this.stacks).map((s) => this.account(s)));
    return ['999999999999', '999999999998', '999999999997'].find((a) => !used.has(a)) ?? '123456789012';
  }

  /** `text` with every `${...}` replaced by its concrete value as seen from `stackName`. */
  resolve(stackName: string, text: string, depth = 0): string {
    if (depth > 5) throw new UnresolvableError(`reference cycle in ${text}`);
    return text.replace(INTERPOLATION, (whole, expression: string) => {
      const remote = remoteOutput(this.stacks, whole);
      if (remote) {
        if (typeof remote.value !== 'string') throw new UnresolvableError(`output behind ${whole} is not a string`);
        return this.resolve(remote.stackName, remote.value, depth + 1);
      }
      const match = PLAIN_REF.exec(expression);
      if (!match || match[1] === 'data' || match[1] === 'var' || match[1] === 'local') {
        throw new UnresolvableError(`\${${expression}} has no value before apply`);
      }
      return this.attribute(stackName, match[1], match[2], match[3], depth);
    });
  }

  /** A parsed JSON document with every string value resolved. */
  document(stackName: string, raw: unknown): Record<string, unknown> {
    if (typeof raw !== 'string') throw new UnresolvableError('the policy is not a JSON string');
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new UnresolvableError(`the policy is not JSON: ${raw.slice(0, 60)}`);
    }
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string') return this.resolve(stackName, value);
      if (Array.isArray(value)) return value.map(walk);
      if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
      return value;
    };
    return walk(json) as Record<string, unknown>;
  }

  private attribute(stackName: string, type: string, name: string, attribute: string, depth: number): string {
    const resource = lookup(this.stacks[stackName], { type, name });
    const body = resource?.body ?? {};
    const hash = createHash('sha256').update(`${stackName}/${type}.${name}`).digest('hex');
    const literal = (key: string): string | undefined =>
      typeof body[key] === 'string' ? this.resolve(stackName, body[key] as string, depth + 1) : undefined;
    const resourceName = NAME_ATTRIBUTES.map(literal).find((v) => v !== undefined) ?? name;
    const id = ID_IS_NAME.includes(type) ? resourceName : (ID_SHAPES[type] ?? ((h: string) => `${type.replace(/^aws_/, '')}-${h.slice(0, 12)}`))(hash);
    const identity: Identity = { account: this.account(stackName), region: this.region(stackName), name: resourceName, id };
    const service = type.replace(/^aws_/, '').split('_')[0];
    const arn = ARN_SHAPES[type]?.(identity) ?? `arn:aws:${service}:${identity.region}:${identity.account}:${type}/${id}`;
    const derived = DERIVED[`${type}.${attribute}`];
    if (derived) return derived(identity, arn);
    if (attribute === 'arn') return arn;
    if (attribute === 'id') return id;
    if (NAME_ATTRIBUTES.includes(attribute)) return literal(attribute) ?? resourceName;
    return literal(attribute) ?? `${attribute}-${hash.slice(0, 8)}`;
  }
}

/**
 * API Gateway resource policies name the API as `execute-api:/<stage>/<METHOD>/<path>`; IAM
 * evaluators need the full ARN, `arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/...`.
 */
export function expandExecuteApi(policy: Record<string, unknown>, executionArn: string): Record<string, unknown> {
  const expand = (value: unknown): unknown => {
    if (typeof value === 'string') return value.startsWith('execute-api:/') ? `${executionArn}${value.slice('execute-api:'.length)}` : value;
    if (Array.isArray(value)) return value.map(expand);
    return value;
  };
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return {
    ...policy,
    Statement: statements.map((s) =>
      isRecord(s) ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'Resource' || k === 'NotResource' ? expand(v) : v])) : s,
    ),
  };
}
