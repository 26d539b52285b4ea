import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bootstrapStackName, synthesizeBootstrap } from '../../tools/deploy-roles/bootstrap';
import { rolesOf } from './support';

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

describe('the bootstrap app of the deploy roles', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-role-bootstrap-'));
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('creates each account\'s generated role with its boundary, policies and trust, in that account only', async () => {
    const roles = await rolesOf('example');
    const dirs = synthesizeBootstrap(roles, outdir);
    expect(dirs.map((d) => path.basename(d)).sort()).toEqual(roles.map(bootstrapStackName).sort());
    for (const role of roles) {
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', bootstrapStackName(role), 'cdk.tf.json'), 'utf8')) as Json;
      expect((json.provider.aws as unknown as Record<string, unknown>[])[0]).toMatchObject({ allowed_account_ids: [role.account], region: role.region });
      const iamRoles = Object.values(json.resource.aws_iam_role);
      expect(iamRoles).toHaveLength(1);
      expect(iamRoles[0].name).toBe(role.roleName);
      expect(JSON.parse(String(iamRoles[0].assume_role_policy))).toEqual(role.trustPolicy);
      const [boundaryKey, boundary] = Object.entries(json.resource.aws_iam_policy).find(([, p]) => p.name === role.permissionsBoundaryName)!;
      expect(JSON.parse(String(boundary.policy))).toEqual(role.permissionsBoundary);
      expect(iamRoles[0].permissions_boundary).toBe(`\${aws_iam_policy.${boundaryKey}.arn}`);
      const managed = Object.values(json.resource.aws_iam_policy).filter((p) => p.name !== role.permissionsBoundaryName);
      expect(managed.map((p) => [p.name, JSON.parse(String(p.policy))])).toEqual(role.managedPolicies.map((p) => [p.name, p.document]));
      expect(Object.keys(json.resource.aws_iam_role_policy_attachment)).toHaveLength(role.managedPolicies.length);
    }
  }, 120_000);

  it('keys each managed policy by its name, so dropping one leaves the others untouched', async () => {
    const [role] = await rolesOf('example');
    const addresses = (policies: typeof role.managedPolicies) => {
      const dir = path.join(outdir, `keys-${policies.length}`);
      synthesizeBootstrap([{ ...role, managedPolicies: policies }], dir);
      const json = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', bootstrapStackName(role), 'cdk.tf.json'), 'utf8')) as Json;
      return Object.fromEntries(Object.entries(json.resource.aws_iam_policy).map(([key, p]) => [key, p.policy]));
    };
    expect(role.managedPolicies.length).toBeGreaterThan(1);
    const all = addresses(role.managedPolicies);
    const withoutFirst = addresses(role.managedPolicies.slice(1));
    expect(Object.keys(all).length - Object.keys(withoutFirst).length).toBe(1);
    for (const [key, policy] of Object.entries(withoutFirst)) expect(all[key]).toBe(policy);
  }, 120_000);
});
