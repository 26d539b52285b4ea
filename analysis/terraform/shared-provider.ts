/**
 * One AWS provider process for a whole offline plan. Terraform starts the provider plugin for every
 * graph walk (in `terraform test` at least twice per stack: validate, then plan), and each start of
 * the 700 MB binary costs about 0.35 s of CPU, half of what the offline plan of every landing zone
 * costs in all. Every provider in the generated test files is a `mock_provider`, which calls the real
 * plugin only for its schema and to validate arguments; configuring, planning and reading are
 * mocked and never reach it. Those calls are stateless, so one plugin process can serve every walk of
 * every `terraform test` process.
 *
 * It is the binary `terraform init` installed into the test root (the one the lock file's checksum
 * was verified against), started in the provider's debug mode; Terraform attaches to it through
 * `TF_REATTACH_PROVIDERS` instead of starting its own (the mechanism of provider debugging, under
 * which Terraform never stops the process: `stop()` does).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AWS_PROVIDER } from './cli-config';
import { SetupError } from './errors';
import { terraformPlatform } from './toolchain';

interface SharedProvider {
  /** The environment that makes a Terraform process attach to the shared provider. */
  env: Record<string, string>;
  stop(): void;
}

/** The provider prints how to attach to it on stdout, as a shell assignment. */
const REATTACH_LINE = /TF_REATTACH_PROVIDERS='([^']+)'/;

/** A provider that has not said where it listens by then is reported rather than waited for. */
const START_TIMEOUT_MS = 120_000;

/** The AWS provider binary `terraform init` installed into `workingDir`, if it installed one. */
function installedProvider(workingDir: string): string | undefined {
  const base = path.join(workingDir, '.terraform/providers', AWS_PROVIDER);
  const versions = fs.existsSync(base) ? fs.readdirSync(base) : [];
  for (const version of versions) {
    const dir = path.join(base, version, terraformPlatform());
    const binary = fs.existsSync(dir) ? fs.readdirSync(dir).find((name) => name.startsWith('terraform-provider-aws_')) : undefined;
    if (binary) return path.join(dir, binary);
  }
  return undefined;
}

/**
 * Starts the provider installed in `workingDir` and resolves once it listens; undefined when the
 * working directory has none (its stacks use only Terraform's built-in resources).
 */
export async function startSharedProvider(workingDir: string): Promise<SharedProvider | undefined> {
  const binary = installedProvider(workingDir);
  if (!binary) return undefined;
  // In debug mode the provider writes its trace log (MBs per stack) to its own stderr.
  const child = spawn(binary, ['-debug'], { env: { ...process.env, TF_LOG_PROVIDER: 'off', TF_LOG_SDK: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = (): void => {
    child.kill();
  };
  process.once('exit', kill);
  const stop = (): void => {
    process.removeListener('exit', kill);
    kill();
  };
  try {
    const reattach = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      const fail = (why: string): void =>
        reject(new SetupError(`the AWS provider ${binary} did not start in debug mode (${why}).${stderr.trim() ? `\n${stderr.trim().slice(-2000)}` : ''}`));
      const timer = setTimeout(() => fail(`no TF_REATTACH_PROVIDERS line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = REATTACH_LINE.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-10_000);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        fail(error.message);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        fail(`it exited with ${signal ?? `code ${code}`}`);
      });
    });
    // Output no longer read must not fill the pipes and block the provider.
    child.stdout.resume();
    child.stderr.resume();
    return { env: { TF_REATTACH_PROVIDERS: reattach }, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
