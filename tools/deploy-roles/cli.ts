/**
 * `npm run deploy-roles -- [--out <dir>] [--check] [--bootstrap]`: from the synthesized stacks in
 * `<dir>` (default `cdktf.out`) and the account file (LANDING_ENV / LANDING_ACCOUNT_FILE, as for the
 * synth), writes `<dir>/deploy-roles/<stack>.json` per account. `--check` also runs the proofs and
 * exits 1 when one fails. `--bootstrap` also synthesizes the optional bootstrap app that creates the
 * roles (`<dir>/deploy-roles/bootstrap/stacks/deploy-role-<stack>`). Exit 2: bad usage, an unreadable output or an account file without a trust.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readSynthesizedStacks } from '../../analysis/synthesized';
import { accountFilePath, loadAccountFile } from '../../modules/config/load';
import { ConfigError } from '../../modules/config/problems';
import { DeployRole, generateDeployRoles } from './generate';
import { proveDeployRoles } from './proofs';
import { synthesizeBootstrap } from './bootstrap';

interface Options {
  outdir: string;
  check: boolean;
  bootstrap: boolean;
}

const USAGE = 'usage: npm run deploy-roles -- [--out <synthesized output dir, default cdktf.out>] [--check] [--bootstrap]';

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { outdir: 'cdktf.out', check: false, bootstrap: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) options.outdir = argv[++i];
    else if (argv[i] === '--check') options.check = true;
    else if (argv[i] === '--bootstrap') options.bootstrap = true;
    else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  return options;
}

/** The file a role is written to, and what it holds. */
function roleFile(role: DeployRole): { name: string; json: Record<string, unknown> } {
  return {
    name: `${role.name}.json`,
    json: {
      roleName: role.roleName,
      roleArn: role.roleArn,
      account: role.account,
      region: role.region,
      stacks: role.stacks,
      trustPolicy: role.trustPolicy,
      permissionsPolicy: role.permissionsPolicy,
      managedPolicies: role.managedPolicies,
      permissionsBoundaryName: role.permissionsBoundaryName,
      permissionsBoundaryArn: role.permissionsBoundaryArn,
      permissionsBoundary: role.permissionsBoundary,
    },
  };
}

export async function main(argv: readonly string[], print: (text: string) => void = console.log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    print((error as Error).message);
    return 2;
  }
  let roles: DeployRole[];
  let stacks;
  try {
    const file = accountFilePath(env.LANDING_ENV);
    const { config } = loadAccountFile(env.LANDING_ACCOUNT_FILE ?? file);
    const trust = config.deployRoles.trust;
    if (!trust) {
      print(`${env.LANDING_ACCOUNT_FILE ?? file}: deployRoles.trust: who assumes the deploy roles is not said. Fix: set deployRoles.trust to {type: pipeline, principalArn: <the pipeline's role ARN>} or {type: terraform-cloud, organization: <org>}`);
      return 2;
    }
    stacks = readSynthesizedStacks(options.outdir);
    roles = await generateDeployRoles(stacks, { trust, permissionsBoundaryName: config.deployRoles.permissionsBoundaryName });
  } catch (error) {
    print(error instanceof ConfigError ? error.message : `deploy-roles: ${(error as Error).message}`);
    return 2;
  }
  const dir = path.join(options.outdir, 'deploy-roles');
  fs.mkdirSync(dir, { recursive: true });
  for (const role of roles) {
    const { name, json } = roleFile(role);
    fs.writeFileSync(path.join(dir, name), `${JSON.stringify(json, null, 2)}\n`);
    print(`${path.join(dir, name)}: ${role.roleArn}, ${role.managedPolicies.length} managed policies, deploys ${role.stacks.join(', ')}`);
  }
  if (options.bootstrap) {
    for (const stackDir of synthesizeBootstrap(roles, path.join(dir, 'bootstrap'))) print(`${stackDir}: bootstrap stack (apply once with the account's administrator credentials)`);
  }
  if (!options.check) return 0;
  const proofs = await proveDeployRoles(stacks, roles);
  const failed = proofs.filter((p) => p.result === 'FAIL');
  const unplaced = proofs.filter((p) => p.result === 'N/A');
  for (const p of [...failed, ...unplaced]) print(`${p.result} ${p.role}: ${p.check}: ${p.reason}`);
  print(`${proofs.length} deploy-role proofs: ${proofs.length - failed.length - unplaced.length} passed, ${failed.length} failed, ${unplaced.length} not evaluable`);
  return failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
