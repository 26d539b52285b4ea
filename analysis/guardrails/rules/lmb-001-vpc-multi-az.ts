import { Rule, SynthResource, SynthesizedStack } from '../types';
import { compliant, violation } from '../result';
import { block, strings, target } from '../terraform';
import { subnetAzs } from '../network';
import { parsePolicy } from '../policy';
import { rolePolicies } from '../resources';

/** All a function outside the VPC may do: write its logs and traces. */
const OUTSIDE_VPC_ACTIONS = new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords']);

/** Why a function without vpc_config is not acceptable, or undefined when its role grants nothing beyond OUTSIDE_VPC_ACTIONS. */
function outsideVpcProblem(fn: SynthResource, stack: SynthesizedStack): string | undefined {
  const role = target(stack, fn.body.role, 'aws_iam_role');
  if (!role) return 'its role is not in this stack, so what it may do cannot be shown';
  const { policies, opaque } = rolePolicies(stack, role);
  if (opaque.length > 0) return `its role has unreadable attached policies (${opaque.join(', ')})`;
  for (const p of policies) {
    const parsed = parsePolicy(p.raw);
    if (!parsed.ok) return `${p.source}: ${parsed.reason}`;
    for (const s of parsed.policy.statements) {
      if (s.effect !== 'Allow') continue;
      const extra = s.notActions.length > 0 ? ['NotAction'] : s.actions.filter((a) => !OUTSIDE_VPC_ACTIONS.has(a));
      if (extra.length > 0) return `its role may ${extra.join(', ')} (${p.source})`;
    }
  }
  return undefined;
}

export const rule: Rule = {
  id: 'LZ-LMB-001',
  severity: 'ERROR',
  invariant:
    'Every Lambda function runs in a VPC, with security groups, in subnets of at least two AZs; only a function ' +
    'whose role grants nothing but writing its logs and traces may run outside (the authorizer of an internet IdP).',
  why:
    'Outside the VPC a function reaches SageMaker over the public endpoint, where the aws:SourceVpce grant ' +
    'does not apply; in one AZ an AZ outage stops every Studio login. A function without AWS permissions ' +
    'gains nothing from the VPC, and outside it reaches an internet IdP\'s JWKS.',
  checkov: ['CKV_AWS_117'],
  securityHub: ['Lambda.3', 'Lambda.5'],
  appliesTo: ['aws_lambda_function'],
  check(fn, { stack }) {
    const vpc = block(fn.body, 'vpc_config');
    const subnets = strings(vpc?.subnet_ids);
    if (!vpc || subnets.length === 0) {
      const problem = outsideVpcProblem(fn, stack);
      return problem === undefined ? compliant() : violation(`no vpc_config.subnet_ids: the function runs outside the VPC, and ${problem}`);
    }
    if (strings(vpc.security_group_ids).length === 0) return violation('vpc_config has no security_group_ids');
    const azs = subnetAzs(stack, subnets);
    if (azs.some((z) => z === undefined)) return violation('a subnet is not defined in this stack, so its AZ cannot be shown');
    const distinct = new Set(azs);
    return distinct.size >= 2 ? compliant() : violation(`subnets span ${distinct.size} AZ (${[...distinct].join(', ')})`);
  },
};
