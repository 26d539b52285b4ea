import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveConfig } from '../../modules/config/resolve';
import { validateConfig } from '../../modules/config/validate';
import { main } from '../../tools/deploy-roles/cli';
import { evaluate } from '../../analysis/policy-proofs/simulate';
import { rawAccountFile } from '../support/configs';
import { exampleStack, shippedStackId } from '../support/shared-synth';
import { ACCOUNT_FILES, PIPELINE, synthesizedLandingZone, rolesOf } from './support';

describe('trust policies', () => {
  it('pipeline: only the pipeline\'s role, and only for the sessions of the account\'s stacks', async () => {
    const roles = await rolesOf('example');
    const network = roles.find((r) => r.name === exampleStack('network'))!;
    expect(network.stacks).toEqual([exampleStack('network'), exampleStack('network-link-analytics')]);
    const assume = (principal: string, session: string) => evaluate({
      principal, action: 'sts:AssumeRole', resource: network.roleArn, resourceAccount: network.account,
      context: { 'sts:RoleSessionName': session }, resourcePolicy: network.trustPolicy as unknown as Record<string, unknown>,
      identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }],
    });
    expect((await assume(PIPELINE.principalArn, 'landing-example-network-link-analytics')).verdict).toBe('Allowed');
    expect((await assume(PIPELINE.principalArn, 'landing-other-network')).verdict).not.toBe('Allowed');
    expect((await assume('arn:aws:iam::333333333333:role/someone-else', 'landing-example-network')).verdict).not.toBe('Allowed');
  }, 60_000);

  it('Terraform Cloud: the OIDC identity of each stack\'s workspace, and the role itself for the provider\'s assume', async () => {
    const roles = await rolesOf('cloud-backend');
    const network = roles.find((r) => r.name === shippedStackId('cloud-backend', 'network'))!;
    const [oidc, self] = network.trustPolicy.Statement;
    expect(oidc.Principal).toEqual({ Federated: 'arn:aws:iam::111111111111:oidc-provider/app.terraform.io' });
    expect(oidc.Action).toEqual(['sts:AssumeRoleWithWebIdentity']);
    expect(oidc.Condition).toEqual({
      StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
      StringLike: {
        'app.terraform.io:sub': [
          'organization:acme-platform:project:sagemaker-landing:workspace:prod-eu-west-1-network:run_phase:*',
          'organization:acme-platform:project:sagemaker-landing:workspace:prod-eu-west-1-network-link-analytics:run_phase:*',
        ],
      },
    });
    expect(self.Principal).toEqual({ AWS: network.roleArn });
  }, 60_000);
});

describe('the deployRoles section of the account file', () => {
  it('defaults: no trust without a cloud backend, the boundary named after the environment', () => {
    const raw = rawAccountFile();
    delete raw.deployRoles;
    expect(resolveConfig(raw).deployRoles).toEqual({ permissionsBoundaryName: 'example-landing-zone-boundary' });
  });

  it('defaults to Terraform Cloud with the cloud backend, from its organization and project', () => {
    expect(synthesizedLandingZone('cloud-backend').landingZone.deployRoles.trust).toEqual({
      type: 'terraform-cloud', organization: 'acme-platform', project: 'sagemaker-landing', hostname: 'app.terraform.io', audience: 'aws.workload.identity',
    });
  }, 60_000);

  it('a pipeline trust needs the pipeline\'s role ARN', () => {
    const raw = rawAccountFile();
    raw.deployRoles = { trust: { type: 'pipeline' } as never };
    expect(validateConfig(raw)).toContainEqual(expect.objectContaining({ path: 'deployRoles.trust.principalArn', message: 'is required' }));
    raw.deployRoles = { trust: { type: 'pipeline', principalArn: 'landing-pipeline' } };
    expect(validateConfig(raw).map((p) => p.path)).toContain('deployRoles.trust.principalArn');
  });

  it('a Terraform Cloud trust without a cloud backend needs the organization', () => {
    const raw = rawAccountFile();
    raw.deployRoles = { trust: { type: 'terraform-cloud' } };
    expect(validateConfig(raw)).toEqual([{ path: 'deployRoles.trust.organization', message: 'is required without a cloud backend', fix: 'add organization: <your Terraform Cloud organization>' }]);
    raw.deployRoles = { trust: { type: 'terraform-cloud', organization: 'acme' } };
    expect(validateConfig(raw)).toEqual([]);
    expect(resolveConfig(raw).deployRoles.trust).toEqual({ type: 'terraform-cloud', organization: 'acme', project: 'Default Project', hostname: 'app.terraform.io', audience: 'aws.workload.identity' });
  });
});

describe('every role the stacks create carries the boundary', () => {
  it.each(Object.keys(ACCOUNT_FILES))('%s', (name) => {
    const { stacks, landingZone } = synthesizedLandingZone(name);
    for (const [stackName, stack] of Object.entries(stacks)) {
      const account = String((stack.provider?.aws as { allowed_account_ids: string[] }[])[0].allowed_account_ids[0]);
      for (const role of Object.values(stack.resource?.aws_iam_role ?? {})) {
        expect([stackName, role.name, role.permissions_boundary]).toEqual([stackName, role.name, `arn:aws:iam::${account}:policy/${landingZone.deployRoles.permissionsBoundaryName}`]);
      }
    }
  }, 60_000);
});

describe('npm run deploy-roles', () => {
  const run = async (argv: string[], env: NodeJS.ProcessEnv) => {
    const lines: string[] = [];
    const code = await main(argv, (l) => lines.push(l), env);
    return { code, out: lines.join('\n') };
  };

  it('writes one file per account with the role, its trust, permissions and boundary; --check proves them', async () => {
    const { outdir } = synthesizedLandingZone('example');
    const { code, out } = await run(['--out', outdir, '--check'], { LANDING_ACCOUNT_FILE: ACCOUNT_FILES.example });
    expect(out).toMatch(/deploy-role proofs: \d+ passed, 0 failed, \d+ not evaluable/);
    expect(code).toBe(0);
    const files = fs.readdirSync(path.join(outdir, 'deploy-roles')).sort();
    expect(files).toEqual(['example-eu-west-1-network.json', 'example-eu-west-1-service-analytics.json']);
    const role = JSON.parse(fs.readFileSync(path.join(outdir, 'deploy-roles', `${exampleStack('service-analytics')}.json`), 'utf8'));
    expect(Object.keys(role)).toEqual(expect.arrayContaining(['roleName', 'trustPolicy', 'permissionsPolicy', 'permissionsBoundary']));
    expect(role.roleName).toBe('LandingZoneDeployer');
  }, 120_000);

  it('an account file without a trust: exit 2, the field and the fix, nothing written', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-roles-'));
    const file = path.join(dir, 'no-trust.yaml');
    const raw = fs.readFileSync(ACCOUNT_FILES['s3-backend'], 'utf8');
    fs.writeFileSync(file, raw);
    const { outdir } = synthesizedLandingZone('s3-backend');
    fs.rmSync(path.join(outdir, 'deploy-roles'), { recursive: true, force: true });
    const { code, out } = await run(['--out', outdir], { LANDING_ACCOUNT_FILE: file });
    expect(code).toBe(2);
    expect(out).toBe(`${file}: deployRoles.trust: who assumes the deploy roles is not said. Fix: set deployRoles.trust to {type: pipeline, principalArn: <the pipeline's role ARN>} or {type: terraform-cloud, organization: <org>}`);
    expect(fs.existsSync(path.join(outdir, 'deploy-roles'))).toBe(false);
  }, 60_000);

  it('bad arguments: exit 2 with the usage', async () => {
    const { code, out } = await run(['--bogus'], {});
    expect(code).toBe(2);
    expect(out).toMatch(/usage: npm run deploy-roles/);
  });
});
