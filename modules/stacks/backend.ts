import * as path from 'path';
import { LocalBackend, S3Backend, TerraformBackend, TerraformStack } from 'cdktf';
import { ResolvedBackend } from '../config/types';
import { localStateFile, stateKey, workspaceName } from '../shared/naming';
import { TerraformCloudBlock } from './cloud-block';

interface BackendContext {
  environment: string;
  region: string;
  /** The stack's name within its landing zone: its state file, state key and workspace are named by it. */
  stackName: string;
  /** The stack's id in the app, which is also its working directory under `<outdir>/stacks/`. */
  stackId: string;
  /** The app's output directory. */
  outdir: string;
}

/**
 * Gives a stack its backend, and returns it. cdktf derives the cross-stack `terraform_remote_state` of consumers
 * from the producer's backend, so this choice also decides how outputs are read downstream.
 */
export function configureBackend(stack: TerraformStack, backend: ResolvedBackend, ctx: BackendContext): TerraformBackend {
  switch (backend.type) {
    case 'local': {
      // Relative to the stack's working directory, so the synthesized output can be moved (CI
      // artifacts) and still finds the state beside the project, not at the synthesizing path.
      // Named by environment and region too: two landing zones of one checkout never share a state file.
      const stackDir = path.join(ctx.outdir, 'stacks', ctx.stackId);
      const statePath = path.join(process.cwd(), localStateFile(ctx.environment, ctx.region, ctx.stackName));
      return new LocalBackend(stack, { path: path.relative(path.resolve(stackDir), statePath) });
    }
    case 's3': {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: stateKey(backend.keyPrefix, ctx.stackName),
        region: backend.region,
        encrypt: true,
        ...(backend.roleArn ? { assumeRole: { roleArn: backend.roleArn } } : {}),
      });
      // cdktf 0.21's S3Backend props predate S3-native locking.
      stack.addOverride('terraform.backend.s3.use_lockfile', backend.useLockfile);
      return s3;
    }
    case 'cloud':
      // The token comes from `terraform login` or TF_TOKEN_<host>, never from code.
      return new TerraformCloudBlock(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspace: workspaceName(ctx.environment, ctx.region, ctx.stackName),
        project: backend.project,
      });
  }
}
