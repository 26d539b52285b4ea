import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type Socket, connect } from 'node:net';

/** An endpoint that never answers; `endpoint` is its http:// base URL. */
export interface HungEndpoint {
  endpoint: string;
  close(): Promise<void>;
}

/** Accepts every connection, reads the request and never writes a byte back. */
export async function startSilentServer(): Promise<HungEndpoint> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.resume();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A listening socket whose owner never calls accept(): a child process that listens with a
 * backlog of 1 and then blocks. Its accept queue is filled first, so the kernel drops every further
 * SYN and a new connection never establishes (the client's connection timeout is what ends it).
 */
export async function startUnacceptingListener(): Promise<HungEndpoint> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const server = require('node:net').createServer();
       server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         process.stdout.write(server.address().port + '\\n', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  const port = Number(chunk.toString('utf8').trim());
  const fillers: Socket[] = [];
  for (let i = 0; i < 4; i++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    },
  };
}
