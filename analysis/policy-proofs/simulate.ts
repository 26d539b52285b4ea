/**
 * The one place that talks to the IAM evaluator (@cloud-copilot/iam-simulate, AGPL: a dev-only
 * dependency, never loaded by the synth). Requests are checked before they are trusted: a policy the
 * evaluator rejects, or a context key it would silently drop, is an error, not a verdict.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { createValidatedPolicy, validateEndpointPolicy, validateIdentityPolicy, validateResourcePolicy, type ValidatedPolicy, type ValidationError } from '@cloud-copilot/iam-policy';
import { isRecord } from '../guardrails/terraform';

type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

interface Evaluation {
  verdict: Verdict;
  /** Which policy types refused the request (`identity`, `resource`, `vpce`, ...), when denied. */
  blockedBy: string[];
}

export interface Request {
  /** An IAM principal ARN, a service principal (`lambda.amazonaws.com`), or `anonymous`. */
  principal: string;
  action: string;
  resource: string;
  /** Account that owns `resource`. */
  resourceAccount: string;
  context?: Record<string, string | string[]>;
  identityPolicies?: Record<string, unknown>[];
  resourcePolicy?: Record<string, unknown>;
  endpointPolicies?: Record<string, unknown>[];
  /** The principal's permissions boundary. */
  permissionBoundaries?: Record<string, unknown>[];
}

/**
 * The evaluator only keeps variable context keys of the form `prefix/name` (`aws:PrincipalTag/x`);
 * KMS encryption-context keys are `kms:EncryptionContext:<name>` and would be dropped, failing every
 * condition on them. They are carried, in the policies and in the request alike, under a global
 * `prefix/name` key: a condition key only names a request value, so operators and values are
 * evaluated exactly as written.
 */
const ENCRYPTION_CONTEXT = /^kms:EncryptionContext:(.+)$/i;
const carried = (key: string): string => key.replace(ENCRYPTION_CONTEXT, 'aws:PrincipalTag/kms-encryption-context:$1');

function carryKeys(policy: Record<string, unknown>): Record<string, unknown> {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return {
    ...policy,
    Statement: statements.map((s) =>
      isRecord(s) && isRecord(s.Condition)
        ? {
            ...s,
            Condition: Object.fromEntries(
              Object.entries(s.Condition).map(([op, keys]) => [op, isRecord(keys) ? Object.fromEntries(Object.entries(keys).map(([k, v]) => [carried(k), v])) : keys]),
            ),
          }
        : s,
    ),
  };
}

/** What AWS adds to every request of an IAM principal: conditions on the caller's account see it. */
function principalKeys(principal: string): Record<string, string> {
  const account = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
  return account ? { 'aws:PrincipalAccount': account, 'aws:PrincipalArn': principal } : {};
}

type Validator = (policy: unknown) => ValidationError[];

/** A policy's keys carried and its statements listed, validated once however many requests it is given to. */
interface Prepared {
  carried: Record<string, unknown>;
  statements: unknown[];
  valid: boolean;
}
/** By validator, then by the policy's text: a policy object changed between two requests is a new policy. */
const prepared = new Map<Validator, Map<string, Prepared>>();

function prepare(policy: Record<string, unknown>, validate: Validator): Prepared {
  let byText = prepared.get(validate);
  if (!byText) prepared.set(validate, (byText = new Map()));
  const text = JSON.stringify(policy);
  let entry = byText.get(text);
  if (!entry) {
    const carried = carryKeys(policy);
    entry = { carried, statements: Array.isArray(carried.Statement) ? carried.Statement : [carried.Statement], valid: validate(carried).length === 0 };
    byText.set(text, entry);
  }
  return entry;
}

const actionPatterns = new Map<string, RegExp | undefined>();

/**
 * Whether the statement can match the action. The evaluator compares the service and tests the
 * rest with this very expression; a case-insensitive service and keeping every `NotAction` or
 * unreadable statement make this a superset of what it matches.
 */
function mayMatchAction(statement: unknown, action: string): boolean {
  if (!isRecord(statement) || statement.Action === undefined) return true;
  const [service, name] = [action.slice(0, action.indexOf(':')).toLowerCase(), action.slice(action.indexOf(':') + 1)];
  return [statement.Action].flat().some((pattern: unknown) => {
    if (typeof pattern !== 'string' || !pattern.includes(':')) return true;
    const colon = pattern.indexOf(':');
    if (pattern.slice(0, colon).toLowerCase() !== service) return false;
    if (!actionPatterns.has(pattern)) {
      try {
        actionPatterns.set(pattern, new RegExp('^' + pattern.slice(colon + 1).replace(/\?/g, '.').replace(/\*/g, '.*?') + '$', 'i'));
      } catch {
        actionPatterns.set(pattern, undefined);
      }
    }
    return actionPatterns.get(pattern)?.test(name) ?? true;
  });
}

/**
 * The policy as the evaluator gets it for one action. The evaluator tests the resources and the
 * conditions of every statement, whatever its action, which made a proof of a large deploy-role
 * policy cost seconds: a statement that cannot match the action can neither allow nor deny, so
 * only the others are passed, already validated (a policy with an error goes whole, for the
 * evaluator to reject). A boundary left with no statement still denies, as one that grants only
 * other actions does.
 */
function forAction(policy: Record<string, unknown>, action: string, validate: Validator): Record<string, unknown> | ValidatedPolicy {
  const { carried, statements, valid } = prepare(policy, validate);
  if (!valid) return carried;
  return createValidatedPolicy({ ...carried, Statement: statements.filter((s) => mayMatchAction(s, action)) }, () => []);
}

export async function evaluate(request: Request): Promise<Evaluation> {
  // aws:ResourceAccount is in the request context of nearly every action, ours included
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount).
  const context = Object.fromEntries(
    Object.entries({ 'aws:ResourceAccount': request.resourceAccount, ...principalKeys(request.principal), ...request.context }).map(([k, v]) => [carried(k), v]),
  );
  const policy = (document: Record<string, unknown>, validate: Validator) => forAction(document, request.action, validate) as Record<string, unknown>;
  const simulation: Simulation = {
    request: {
      principal: request.principal === 'anonymous' ? anonymousPrincipal : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: context,
    },
    identityPolicies: (request.identityPolicies ?? []).map((document, i) => ({ name: `identity-${i}`, policy: policy(document, validateIdentityPolicy) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy && policy(request.resourcePolicy, validateResourcePolicy),
    vpcEndpointPolicies: request.endpointPolicies?.map((document, i) => ({ name: `endpoint-${i}`, policy: policy(document, validateEndpointPolicy) })),
    permissionBoundaryPolicies: request.permissionBoundaries?.map((document, i) => ({ name: `boundary-${i}`, policy: policy(document, validateIdentityPolicy) })),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`the evaluator rejected the request: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`${request.resource} is not one concrete resource`);
  const dropped = result.result.ignoredContextKeys ?? [];
  if (dropped.length > 0) throw new Error(`context keys ${dropped.join(', ')} do not apply to ${request.action}: the proof would not test them`);
  return { verdict: result.overallResult, blockedBy: result.result.analysis.blockedBy ?? [] };
}
