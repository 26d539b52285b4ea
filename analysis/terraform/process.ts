import { spawn } from 'child_process';

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, collecting its output; a failure to start is code -1. */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => resolve({ code: -1, stdout: '', stderr: error.message }));
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
  });
}

/**
 * The environment of every Terraform run: the generated CLI configuration, no prompts, no
 * version check over the network. Variables that would make all stacks share one data directory,
 * add flags to every command or attach Terraform to a provider process of the shell's own are
 * dropped, so a developer's shell cannot change what CI checks.
 */
export function terraformEnv(base: NodeJS.ProcessEnv, cliConfigFile: string): NodeJS.ProcessEnv {
  const dropped = (key: string): boolean => key === 'TF_DATA_DIR' || key === 'TF_REATTACH_PROVIDERS' || key.startsWith('TF_CLI_ARGS');
  const env = Object.fromEntries(Object.entries(base).filter(([key]) => !dropped(key)));
  return { ...env, TF_CLI_CONFIG_FILE: cliConfigFile, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
}
