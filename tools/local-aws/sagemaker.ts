import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody } from './http';

/** One CreatePresignedDomainUrl request as the stand-in received it. */
interface PresignRequest {
  region: string;
  body: Record<string, unknown>;
}

/** A scripted error, or a success carrying a chosen AuthorizedUrl (as a misrouted or broken endpoint might). */
type ScriptedResponse =
  | { error: 'ThrottlingException' | 'ResourceNotFound' | 'InternalFailure'; status?: number }
  | { authorizedUrl: string };

/**
 * A SageMaker endpoint for CreatePresignedDomainUrl over the JSON 1.1 protocol. It checks what the
 * real service would (operation, content type, SigV4 header, body fields and their limits), answers
 * scripted errors in order, then success with a fresh secret token each time.
 */
export interface LocalSageMaker {
  endpoint: string;
  /** Valid requests received, in order. */
  requests: PresignRequest[];
  /** Protocol or validation violations seen; a correct client leaves this empty. */
  problems: string[];
  /** URLs handed out, so tests can prove they never reach the logs. */
  issuedUrls: string[];
  /** Queues responses for the next requests; after them, requests succeed. */
  script(...responses: ScriptedResponse[]): void;
  reset(): void;
  close(): Promise<void>;
}

const TARGET = 'SageMaker.CreatePresignedDomainUrl';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/([a-z0-9-]+)\/sagemaker\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

const FIELD_RULES: Record<string, (value: unknown) => boolean> = {
  DomainId: (value) => typeof value === 'string' && /^d-[a-z0-9]{12}$/.test(value),
  UserProfileName: (value) => typeof value === 'string' && value.length > 0,
  SpaceName: (value) => typeof value === 'string' && value.length > 0,
  LandingUri: (value) => typeof value === 'string' && value.length > 0,
  ExpiresInSeconds: (value) => Number.isInteger(value) && (value as number) >= 5 && (value as number) <= 300,
  SessionExpirationDurationInSeconds: (value) => Number.isInteger(value) && (value as number) >= 1800 && (value as number) <= 43200,
};
const REQUIRED_FIELDS = ['DomainId', 'UserProfileName'];

export async function startLocalSageMaker(): Promise<LocalSageMaker> {
  const requests: PresignRequest[] = [];
  const problems: string[] = [];
  const issuedUrls: string[] = [];
  let queue: ScriptedResponse[] = [];

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': randomBytes(8).toString('hex') });
    response.end(JSON.stringify(body));
  };
  const reject = (response: ServerResponse, problem: string) => {
    problems.push(problem);
    reply(response, 400, { __type: 'ValidationException', message: problem });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const raw = await readBody(request);
    if (request.method !== 'POST' || request.url !== '/') return reject(response, `unexpected ${request.method} ${request.url}`);
    if (request.headers['x-amz-target'] !== TARGET) return reject(response, `unexpected X-Amz-Target ${request.headers['x-amz-target']}`);
    if (request.headers['content-type'] !== CONTENT_TYPE) return reject(response, `unexpected Content-Type ${request.headers['content-type']}`);
    const signature = SIGV4.exec(request.headers.authorization ?? '');
    if (!signature || !request.headers['x-amz-date']) return reject(response, 'missing or malformed SigV4 Authorization header');

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return reject(response, 'body is not JSON');
    }
    const invalid = Object.entries(body).filter(([field, value]) => !FIELD_RULES[field]?.(value)).map(([field]) => field);
    const missing = REQUIRED_FIELDS.filter((field) => !(field in body));
    if (invalid.length > 0 || missing.length > 0) {
      return reject(response, `invalid fields [${invalid.join(', ')}], missing fields [${missing.join(', ')}]`);
    }

    const region = signature[1];
    requests.push({ region, body });
    const scripted = queue.shift();
    if (scripted && 'authorizedUrl' in scripted) {
      issuedUrls.push(scripted.authorizedUrl);
      return reply(response, 200, { AuthorizedUrl: scripted.authorizedUrl });
    }
    if (scripted) return reply(response, scripted.status ?? 400, { __type: scripted.error, message: `scripted ${scripted.error}` });

    const url = `https://${body.DomainId}.studio.${region}.sagemaker.aws/auth?token=${randomBytes(24).toString('hex')}`;
    issuedUrls.push(url);
    reply(response, 200, { AuthorizedUrl: url });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => reply(response, 500, { __type: 'InternalFailure', message: String(error) }));
  });
  const endpoint = await listen(server);
  return {
    endpoint,
    requests,
    problems,
    issuedUrls,
    script: (...responses) => queue.push(...responses),
    reset() {
      requests.length = 0;
      problems.length = 0;
      issuedUrls.length = 0;
      queue = [];
    },
    close: () => close(server),
  };
}
