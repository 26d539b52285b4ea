import { ChildProcess, spawn } from 'child_process';
import { Tool, requireTool } from './tools';

/** A resolver daemon in the foreground, with its output kept for failure messages. */
export interface Daemon {
  output(): string;
  stop(): Promise<void>;
}

export function startDaemon(tool: Tool, args: string[]): Daemon {
  const child: ChildProcess = spawn(requireTool(tool), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
