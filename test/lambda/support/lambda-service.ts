import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody } from '../../../tools/local-aws/http';
import { lambdaContext } from '../../../tools/local-aws/lambda';

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

/**
 * The Lambda Invoke API (REST-JSON, `POST /2015-03-31/functions/<name>/invocations`, SigV4 for
 * service `lambda`) in front of real handlers: an error the handler throws comes back as AWS
 * returns it, status 200 with `X-Amz-Function-Error: Unhandled` and `{errorType, errorMessage}`.
 */
export interface LocalLambdaService {
  endpoint: string;
  /** Function names invoked, in order. */
  invocations: string[];
  /** Protocol violations seen; a correct client leaves this empty. */
  problems: string[];
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/[a-z0-9-]+\/lambda\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

export async function startLocalLambdaService(functions: Record<string, Handler>): Promise<LocalLambdaService> {
  const invocations: string[] = [];
  const problems: string[] = [];
  const reply = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    const match = INVOKE_PATH.exec(request.url ?? '');
    if (request.method !== 'POST' || !match) {
      problems.push(`unexpected ${request.method} ${request.url}`);
      return reply(response, 404, { message: 'unknown operation' });
    }
    if (!SIGV4.test(request.headers.authorization ?? '')) {
      problems.push('missing or malformed SigV4 Authorization header');
      return reply(response, 403, { message: 'bad signature' });
    }
    const name = decodeURIComponent(match[1]);
    const fn = functions[name];
    if (!fn) return reply(response, 404, { Type: 'User', message: `Function not found: ${name}` }, { 'x-amzn-ErrorType': 'ResourceNotFoundException' });
    invocations.push(name);
    try {
      reply(response, 200, await fn(JSON.parse(raw), lambdaContext()));
    } catch (error) {
      reply(response, 200, { errorType: 'Error', errorMessage: (error as Error).message }, { 'X-Amz-Function-Error': 'Unhandled' });
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, 500, { message: String(error) }));
  });
  const endpoint = await listen(server);
  return { endpoint, invocations, problems, close: () => close(server) };
}
