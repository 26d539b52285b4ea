import { DeployRole } from '../../tools/deploy-roles/generate';
import { MANAGED_POLICIES_PER_ROLE, MANAGED_POLICY_MAX_CHARS, PolicyDocument, Statement, policySize } from '../../tools/deploy-roles/policy';
import { EVALUATOR_GAPS, RoleProof, proveDeployRoles } from '../../tools/deploy-roles/proofs';
import { typesUsed } from '../../tools/deploy-roles/generate';
import { ACCOUNT_FILES, synthesizedLandingZone, rolesOf } from './support';
import { exampleStack } from '../support/shared-synth';

const failed = (rows: RoleProof[]) => rows.filter((r) => r.result === 'FAIL').map((r) => `${r.role}: ${r.check}: ${r.reason}`);

/** Escalations every role must be proven to refuse. */
const ESCALATIONS = [
  'cannot create a role without the boundary',
  'cannot attach AdministratorAccess',
  'cannot remove a role\'s boundary',
  'cannot swap a role\'s boundary',
  'cannot edit the boundary policy',
  'cannot rewrite its own trust',
  'cannot modify a role outside its prefix',
  'cannot pass a role outside its prefix',
  'cannot set the policy of a key it did not create',
  'cannot open a security group outside the landing zone',
  'cannot change records of another zone',
];

/** Each zone's roles and every proof of them, once per file: the proofs of a zone take seconds. */
const proven = new Map<string, Promise<{ roles: DeployRole[]; rows: RoleProof[] }>>();
function provenLandingZone(name: string): Promise<{ roles: DeployRole[]; rows: RoleProof[] }> {
  if (!proven.has(name)) {
    proven.set(name, rolesOf(name).then(async (roles) => ({ roles, rows: await proveDeployRoles(synthesizedLandingZone(name).stacks, roles) })));
  }
  return proven.get(name)!;
}

describe.each(Object.keys(ACCOUNT_FILES))('deploy roles of the %s landing zone', (name) => {
  let roles: DeployRole[];
  let rows: RoleProof[];
  beforeAll(async () => {
    ({ roles, rows } = await provenLandingZone(name));
  }, 120_000);

  it('every proof passes; only the evaluator\'s known gaps are not evaluable', () => {
    expect(failed(rows)).toEqual([]);
    for (const r of rows.filter((x) => x.result === 'N/A')) expect(EVALUATOR_GAPS.some((g) => r.check.endsWith(`on ${g}`))).toBe(true);
  });

  it('one role per account, each proven to deploy every resource type of its stacks and to refuse every escalation', () => {
    const { stacks } = synthesizedLandingZone(name);
    expect(new Set(roles.map((r) => r.account)).size).toBe(roles.length);
    for (const role of roles) {
      const checks = rows.filter((r) => r.role === role.name).map((r) => r.check);
      for (const type of typesUsed(role.stacks.map((s) => stacks[s])).resources) {
        expect([type, checks.some((c) => c.startsWith(`deploys ${type}: `))]).toEqual([type, true]);
      }
      expect(checks).toEqual(expect.arrayContaining(ESCALATIONS));
    }
  });

  it('fits IAM\'s quotas: managed policies of at most 6,144 characters, at most 10 per role', () => {
    for (const role of roles) {
      expect(role.managedPolicies.length).toBeLessThanOrEqual(MANAGED_POLICIES_PER_ROLE);
      for (const p of [...role.managedPolicies.map((m) => m.document), role.permissionsBoundary]) expect(policySize(p)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
      // The managed policies are the permissions policy, split.
      expect(role.managedPolicies.flatMap((m) => m.document.Statement)).toEqual(role.permissionsPolicy.Statement);
      expect(policySize(role.trustPolicy)).toBeLessThanOrEqual(2048);
    }
  });
});

describe('a hand-made widening of a generated policy fails its proof', () => {
  const statementsOf = (doc: PolicyDocument, sid: RegExp): Statement[] => {
    const found = doc.Statement.filter((s) => sid.test(s.Sid));
    if (found.length === 0) throw new Error(`no statement ${sid}`);
    return found;
  };
  // Widenings the boundary would still stop are made in the boundary too.
  const both = (edit: (doc: PolicyDocument) => void) => (doc: PolicyDocument, boundary: PolicyDocument) => { edit(doc); edit(boundary); };
  // `role`: the role's first stack, by its name in the example zone.
  const widenings: { what: string; role: string; widen: (doc: PolicyDocument, boundary: PolicyDocument) => void; check: string }[] = [
    { what: 'an extra Allow iam:*', role: 'service-analytics', widen: (d) => { d.Statement.unshift({ Sid: 'Widened', Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] }); }, check: 'cannot attach AdministratorAccess' },
    { what: 'security groups without the zone tag condition', role: 'network', widen: (d) => { for (const s of statementsOf(d, /^Ec2ZoneTagged/)) delete s.Condition; }, check: 'cannot open a security group outside the landing zone' },
    { what: 'PassRole on every role', role: 'service-analytics', widen: (d) => { for (const s of statementsOf(d, /^IamPassToService/)) s.Resource = ['arn:aws:iam::222222222222:role/*']; }, check: 'cannot pass a role outside its prefix' },
    { what: 'PassRole to any service', role: 'service-analytics', widen: (d) => { for (const s of statementsOf(d, /^IamPassToService/)) delete s.Condition; }, check: 'cannot pass its own roles to EC2' },
    { what: 'role writes on every role', role: 'network', widen: (d) => { for (const s of statementsOf(d, /^Iam(Conditioned|Scoped)$/)) s.Resource = ['*']; }, check: 'cannot modify a role outside its prefix' },
    { what: 'no boundary guard', role: 'service-analytics', widen: (d, b) => { both((x) => { x.Statement = x.Statement.filter((s) => s.Sid !== 'DenyRolesWithoutTheBoundary'); })(d, b); for (const s of statementsOf(d, /^IamConditioned$/)) delete s.Condition; }, check: 'cannot create a role without the boundary' },
    { what: 'keys without the zone tag condition', role: 'network', widen: (d) => { for (const s of statementsOf(d, /^KmsZoneTagged$/)) delete s.Condition; }, check: 'cannot set the policy of a key it did not create' },
    { what: 'record changes on any zone', role: 'network', widen: (d) => { for (const s of statementsOf(d, /^Route53Scoped$/)) s.Action.push('route53:ChangeResourceRecordSets'); }, check: 'cannot change records of another zone' },
    { what: 'any service-linked role', role: 'network', widen: (d) => { for (const s of statementsOf(d, /^IamServiceLinkedRole$/)) { delete s.Condition; s.Resource = ['*']; } }, check: 'cannot create service-linked roles of unused services' },
    { what: 'the deploy-role guard dropped with iam writes widened', role: 'network', widen: (d, b) => { both((x) => { x.Statement = x.Statement.filter((s) => s.Sid !== 'DenyChangingTheDeployRole'); })(d, b); for (const s of statementsOf(d, /^Iam(Scoped|Conditioned)$/)) s.Resource = ['*']; }, check: 'cannot rewrite its own trust' },
  ];

  let roles: DeployRole[];
  beforeAll(async () => {
    const { roles: generated, rows } = await provenLandingZone('example');
    roles = generated;
    // The widened policies below must still be policies the evaluator reads.
    expect(failed(rows)).toEqual([]);
  }, 120_000);

  it.each(widenings.map((w) => [w.what, w]))('%s', async (_what, w) => {
    const widened = structuredClone(roles.find((r) => r.name === exampleStack(w.role))!);
    w.widen(widened.permissionsPolicy, widened.permissionsBoundary);
    const passes = await proveDeployRoles(synthesizedLandingZone('example').stacks, [roles.find((r) => r.name === exampleStack(w.role))!], { checks: (c) => c === w.check });
    const rows = await proveDeployRoles(synthesizedLandingZone('example').stacks, [widened], { checks: (c) => c === w.check });
    expect([passes.map((r) => r.result), rows.map((r) => r.result)]).toEqual([['PASS'], ['FAIL']]);
  });

  it('a narrowing fails the deploy proof of the action it drops', async () => {
    const narrowed = structuredClone(roles.find((r) => r.name === exampleStack('service-analytics'))!);
    for (const s of narrowed.permissionsPolicy.Statement) s.Action = s.Action.filter((a) => a !== 'lambda:CreateFunction');
    const rows = await proveDeployRoles(synthesizedLandingZone('example').stacks, [narrowed]);
    expect(failed(rows)).toEqual([expect.stringContaining('deploys aws_lambda_function: lambda:CreateFunction on lambda:function')]);
  });
});
