/**
 * The one place that talks to the IAM evaluator (@cloud-copilot/iam-simulate, AGPL: a dev-only
 * dependency, never loaded by the synth). Requests are checked before they are trusted: a policy the
 * evaluator rejects, or a context key it would silently drop, is an error, not a verdict.
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { isRecord } from '../../modules/guardrails/terraform';

export type Verdict = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface Evaluation {
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

export async function evaluate(request: Request): Promise<Evaluation> {
  const context = Object.fromEntries(
    Object.entries({ ...principalKeys(request.principal), ...request.context }).map(([k, v]) => [carried(k), v]),
  );
  const simulation: Simulation = {
    request: {
      principal: request.principal === 'anonymous' ? anonymousPrincipal : request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: context,
    },
    identityPolicies: (request.identityPolicies ?? []).map((policy, i) => ({ name: `identity-${i}`, policy: carryKeys(policy) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy && carryKeys(request.resourcePolicy),
    vpcEndpointPolicies: request.endpointPolicies?.map((policy, i) => ({ name: `endpoint-${i}`, policy: carryKeys(policy) })),
    permissionBoundaryPolicies: request.permissionBoundaries?.map((policy, i) => ({ name: `boundary-${i}`, policy: carryKeys(policy) })),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`the evaluator rejected the request: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== 'single') throw new Error(`${request.resource} is not one concrete resource`);
  const dropped = result.result.ignoredContextKeys ?? [];
  if (dropped.length > 0) throw new Error(`context keys ${dropped.join(', ')} do not apply to ${request.action}: the proof would not test them`);
  return { verdict: result.overallResult, blockedBy: result.result.analysis.blockedBy ?? [] };
}
