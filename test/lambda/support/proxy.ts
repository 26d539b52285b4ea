import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { close, listen } from '../../../tools/local-aws/http';

/** A forward proxy that tunnels HTTP CONNECT, as corporate egress proxies do, recording each tunnel. */
export interface LocalProxy {
  url: string;
  /** `host:port` of every CONNECT request, in order. */
  tunnels: string[];
  /** From now on answer CONNECT with this status instead of tunnelling (e.g. 403: not on the allow list). */
  refuseWith(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startLocalProxy(): Promise<LocalProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  let refusal: number | undefined;
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = request.url ?? '';
    tunnels.push(authority);
    sockets.add(client);
    if (refusal !== undefined) {
      client.end(`HTTP/1.1 ${refusal} Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const [host, port] = authority.split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const url = await listen(server);
  return {
    url,
    tunnels,
    refuseWith(status) {
      refusal = status;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await close(server);
    },
  };
}
