import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { DeployRoleBootstrapStack } from '../../modules/bootstrap/bootstrap-stack';
import { withQuietStackTraces } from '../../modules/shared/quiet-stack-traces';
import { DeployRole } from './generate';

/** Stack of the bootstrap app for one generated role: one Terraform working directory per account. */
export const bootstrapStackName = (role: DeployRole): string => `deploy-role-${role.name}`;

/**
 * Synthesizes the optional bootstrap app: one stack per account creating its generated deploy role
 * (`<outdir>/stacks/deploy-role-<stack>/cdk.tf.json`), to apply once with the account's own
 * administrator credentials. Stale stacks of an earlier generation are removed first.
 */
export function synthesizeBootstrap(roles: readonly DeployRole[], outdir: string): string[] {
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, stackTraces: false });
  withQuietStackTraces(() => {
    for (const role of roles) {
      new DeployRoleBootstrapStack(app, bootstrapStackName(role), {
        accountId: role.account,
        region: role.region,
        deployRole: {
          roleName: role.roleName,
          trustPolicy: role.trustPolicy,
          managedPolicies: role.managedPolicies,
          permissionsBoundaryName: role.permissionsBoundaryName,
          permissionsBoundary: role.permissionsBoundary,
        },
      });
    }
    app.synth();
  });
  return roles.map((role) => path.join(outdir, 'stacks', bootstrapStackName(role)));
}
