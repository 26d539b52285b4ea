import { Rule } from '../types';
import { fromProblems, notApplicable } from '../result';
import { Statement, conditionValues, label, namesAccount, parsePolicy } from '../policy';
import { endpointPolicy, isExecuteApiService } from '../resources';

const hasKey = (s: Statement, keys: string[]) => keys.some((k) => (conditionValues(s, 'StringEquals', k) ?? []).length > 0);
const PRINCIPAL_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalOrgID'];
const RESOURCE_KEYS = ['aws:ResourceAccount', 'aws:ResourceOrgID'];
/** An AWS-owned bucket named in full: the one kind of resource outside the perimeter an exception may open. */
const AWS_OWNED_BUCKET = /^arn:aws:s3:::[a-z0-9][a-z0-9.-]+[a-z0-9](\/\*)?$/;
const READ_ACTION = /^s3:(Get|List)[A-Za-z]+$/;

/** Why an Allow of a signed-request endpoint is not inside the perimeter, if it is not. */
function perimeterProblem(s: Statement, i: number): string | undefined {
  if (s.effect !== 'Allow') return undefined;
  if (!hasKey(s, PRINCIPAL_KEYS)) return `${label(s, i)} admits principals of any account (no StringEquals on aws:PrincipalAccount or aws:PrincipalOrgID)`;
  if (hasKey(s, RESOURCE_KEYS) || (s.resources.length > 0 && s.resources.every(namesAccount))) return undefined;
  const exception = s.actions.length > 0 && s.actions.every((a) => READ_ACTION.test(a)) && s.resources.length > 0 && s.resources.every((r) => AWS_OWNED_BUCKET.test(r));
  return exception ? undefined : `${label(s, i)} reaches resources of any account (no aws:ResourceAccount / aws:ResourceOrgID, no account in its resources, not a read of named AWS-owned buckets)`;
}

export const rule: Rule = {
  id: 'LZ-VPCE-003',
  severity: 'ERROR',
  invariant:
    'Every Allow of a VPC endpoint policy carries the perimeter: the caller in the landing zone (aws:PrincipalAccount / aws:PrincipalOrgID) and the resource in it ' +
    '(aws:ResourceAccount / aws:ResourceOrgID, or account-named ARNs), except reads of named AWS-owned buckets; execute-api (anonymous portal calls) only on account-named APIs.',
  why:
    'A caller-only bound still lets the landing zone\'s own principals copy data into anyone\'s bucket, table or function through the endpoint, and a ' +
    'resource-only bound lets stolen credentials of another account use the VPC: both halves make the data perimeter ' +
    '(https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html). checkov, Security Hub (FSBP) and ' +
    'cdk-nag have no control that reads an endpoint policy\'s conditions; LZ-VPCE-001/002 are the "has a bounded policy" part they approximate.',
  appliesTo: ['aws_vpc_endpoint'],
  check(endpoint, { stack }) {
    const parsed = parsePolicy(endpointPolicy(stack, endpoint));
    // No policy or an unreadable one is LZ-VPCE-001/002's and LZ-IAM-005's finding, not a second one here.
    if (!parsed.ok) return notApplicable(`no readable policy (${parsed.reason}): see LZ-VPCE-001/002`);
    const statements = parsed.policy.statements;
    if (typeof endpoint.body.service_name === 'string' && isExecuteApiService(endpoint.body.service_name)) {
      return fromProblems(statements.flatMap((s, i) =>
        s.effect === 'Allow' && !(s.resources.length > 0 && s.resources.every(namesAccount)) ? [`${label(s, i)} lets the endpoint reach APIs of any account`] : []));
    }
    return fromProblems(statements.flatMap((s, i) => perimeterProblem(s, i) ?? []));
  },
};
