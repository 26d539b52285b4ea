import type { APIGatewayProxyResult } from 'aws-lambda';
import { createHandler, type PresignHandler } from '../../lambda-src/presign/index';
import { RETRY_AFTER_SECONDS } from '../../lambda-src/presign/responses';
import { MAX_ATTEMPTS } from '../../lambda-src/shared/aws';
import type { StudioMapping } from '../../lambda-src/shared/mapping';
import { TEST_REGION, useLocalAws } from './support/aws-env';
import { type CapturedOutput, captureOutput } from './support/capture';
import { type LocalDynamo, startLocalDynamo } from './support/dynamo';
import { lambdaContext, presignEvent } from './support/lambda';
import { type LocalSageMaker, startLocalSageMaker } from './support/sagemaker';

const ALICE: StudioMapping = { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice-profile' };

let dynamo: LocalDynamo;
let sagemaker: LocalSageMaker;
let restoreEnv: () => void;
let table: string;
let handler: PresignHandler;
let output: CapturedOutput;

beforeAll(async () => {
  [dynamo, sagemaker] = await Promise.all([startLocalDynamo(), startLocalSageMaker()]);
  restoreEnv = useLocalAws({ dynamodb: dynamo.endpoint, sagemaker: sagemaker.endpoint });
  table = await dynamo.createMappingTable();
  await dynamo.putMapping(table, ALICE);
  await dynamo.putMapping(table, {
    username: 'bob@corp.example.com',
    domainId: 'd-0123456789ab',
    userProfileName: 'bob',
    spaceName: 'bob-space',
    landingUri: 'app:JupyterLab:lab/tree/work',
  });
  handler = createHandler(env());
});
afterAll(async () => {
  restoreEnv();
  await Promise.all([dynamo.close(), sagemaker.close()]);
});
beforeEach(() => {
  sagemaker.reset();
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  // Every request the stand-in saw must have been well-formed.
  expect(sagemaker.problems).toEqual([]);
});

const env = (overrides: Record<string, string> = {}) => ({
  MAPPING_TABLE_NAME: table,
  PRESIGNED_URL_EXPIRES_SECONDS: '60',
  STUDIO_SESSION_SECONDS: '3600',
  ...overrides,
});

const invoke = (username: string | undefined, request?: Parameters<typeof presignEvent>[1], target = handler) =>
  target(presignEvent(username, request), lambdaContext());

function expectError(result: APIGatewayProxyResult, statusCode: number): { error: string; requestId: string } {
  expect(result.statusCode).toBe(statusCode);
  expect(result.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  const body = JSON.parse(result.body) as { error: string; requestId: string };
  expect(Object.keys(body).sort()).toEqual(['error', 'requestId']);
  return body;
}

const logMessages = () => output.records().filter((record) => record.message !== undefined);

describe('issuing URLs', () => {
  it('redirects to a presigned URL with no-store and no-referrer', async () => {
    const result = await invoke('alice');
    expect(result).toEqual({
      statusCode: 302,
      headers: {
        Location: sagemaker.issuedUrls[0],
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Content-Type-Options': 'nosniff',
      },
      body: '',
    });
    expect(sagemaker.requests).toEqual([
      {
        region: TEST_REGION,
        body: { DomainId: 'd-abcdef123456', UserProfileName: 'alice-profile', ExpiresInSeconds: 60, SessionExpirationDurationInSeconds: 3600 },
      },
    ]);
  });

  it('answers JSON with the URL and its expiry when asked for JSON', async () => {
    const before = Date.now();
    const result = await invoke('alice', { headers: { accept: 'application/json, text/plain;q=0.5' } });
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    const body = JSON.parse(result.body) as { url: string; expiresAt: string };
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'url']);
    expect(body.url).toBe(sagemaker.issuedUrls[0]);
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('passes the mapped space and landing URI', async () => {
    await invoke('bob@corp.example.com');
    expect(sagemaker.requests[0].body).toMatchObject({
      DomainId: 'd-0123456789ab',
      UserProfileName: 'bob',
      SpaceName: 'bob-space',
      LandingUri: 'app:JupyterLab:lab/tree/work',
    });
  });

  it('lets nothing in the request choose the user, domain, space, landing URI or lifetimes', async () => {
    await invoke('alice', {
      path: '/studio/bob',
      headers: { 'X-Username': 'bob', 'X-Domain-Id': 'd-0123456789ab' },
      queryStringParameters: { username: 'bob', domainId: 'd-0123456789ab', spaceName: 'x', landingUri: 'studio::', expiresInSeconds: '300' },
      pathParameters: { username: 'bob' },
    });
    expect(sagemaker.requests.map((request) => request.body)).toEqual([
      { DomainId: 'd-abcdef123456', UserProfileName: 'alice-profile', ExpiresInSeconds: 60, SessionExpirationDurationInSeconds: 3600 },
    ]);
  });

  it.each([
    ['1', '60', 5, 1800],
    ['999999', '999999', 300, 43200],
    ['120', '7200', 120, 7200],
  ])('clamps lifetimes %s s / %s s to %i s / %i s', async (urlSeconds, sessionSeconds, expectedUrl, expectedSession) => {
    const clamped = createHandler(env({ PRESIGNED_URL_EXPIRES_SECONDS: urlSeconds, STUDIO_SESSION_SECONDS: sessionSeconds }));
    expect((await invoke('alice', {}, clamped)).statusCode).toBe(302);
    expect(sagemaker.requests[0].body).toMatchObject({ ExpiresInSeconds: expectedUrl, SessionExpirationDurationInSeconds: expectedSession });
  });

  it('refuses to start with a non-numeric lifetime', () => {
    expect(() => createHandler(env({ STUDIO_SESSION_SECONDS: '12h' }))).toThrow('STUDIO_SESSION_SECONDS must be an integer number of seconds');
  });

  it('logs no URL or token, and counts issued URLs as EMF', async () => {
    await invoke('alice');
    await invoke('alice', { headers: { Accept: 'application/json' } });
    const text = output.text();
    expect(sagemaker.issuedUrls).toHaveLength(2);
    for (const url of sagemaker.issuedUrls) {
      expect(text).not.toContain(new URL(url).searchParams.get('token'));
    }
    expect(text).not.toContain('sagemaker.aws');
    expect(logMessages().map((record) => [record.message, record.username, record.function_request_id !== undefined])).toEqual([
      ['Presigned Studio URL issued', 'alice', true],
      ['Presigned Studio URL issued', 'alice', true],
    ]);
    expect(output.metrics()).toEqual([
      expect.objectContaining({ UrlsIssued: 1, service: 'studio-presign' }),
      expect.objectContaining({ UrlsIssued: 1, service: 'studio-presign' }),
    ]);
  });
});

describe('refusals and failures', () => {
  it('answers 403 with a generic body for a user without mapping', async () => {
    const body = expectError(await invoke('mallory'), 403);
    expect(body.error).not.toContain('mallory');
    expect(sagemaker.requests).toEqual([]);
    expect(output.metrics()).toEqual([expect.objectContaining({ Denials: 1, reason: 'not-mapped' })]);
  });

  it('keeps a denial reason off the metrics that follow', async () => {
    await invoke('mallory');
    await invoke('alice');
    const [denial, issued] = output.metrics();
    expect(denial).toMatchObject({ Denials: 1, reason: 'not-mapped' });
    expect(issued).toMatchObject({ UrlsIssued: 1 });
    expect(issued).not.toHaveProperty('reason');
    expect(issued._aws).toMatchObject({ CloudWatchMetrics: [expect.objectContaining({ Dimensions: [['service']] })] });
  });

  it('answers 500 for a malformed mapping, naming the item key only in the log', async () => {
    await dynamo.putRawItem(table, {
      username: { S: 'carol' },
      domainId: { S: 'D-NOT-A-DOMAIN' },
      userProfileName: { N: '42' },
    });
    const result = await invoke('carol');
    const body = expectError(result, 500);
    expect(result.body).not.toContain('carol');
    expect(body.requestId).toBeTruthy();
    expect(sagemaker.requests).toEqual([]);
    const log = logMessages().find((record) => record.message === 'Malformed mapping item');
    expect(log).toMatchObject({
      level: 'ERROR',
      table,
      key: { username: 'carol' },
      problems: [expect.objectContaining({ field: 'domainId' }), expect.objectContaining({ field: 'userProfileName' })],
    });
  });

  it('answers 500 when the authorizer context carries no username', async () => {
    expectError(await invoke(undefined), 500);
    expect(logMessages()[0].message).toMatch(/No valid username in the authorizer context/);
  });

  it('rides out SageMaker throttling through the SDK retries', async () => {
    sagemaker.script({ error: 'ThrottlingException' }, { error: 'ThrottlingException' });
    const result = await invoke('alice');
    expect(result.statusCode).toBe(302);
    expect(sagemaker.requests).toHaveLength(MAX_ATTEMPTS);
  }, 10_000);

  it('answers 503 with Retry-After when throttling outlasts the retries', async () => {
    sagemaker.script(...Array.from({ length: MAX_ATTEMPTS }, () => ({ error: 'ThrottlingException' as const })));
    const result = await invoke('alice');
    const body = expectError(result, 503);
    expect(result.headers?.['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
    expect(sagemaker.requests).toHaveLength(MAX_ATTEMPTS);
    expect(logMessages().find((record) => record.level === 'WARN')).toMatchObject({
      message: 'AWS still throttled or unavailable after retries during presign',
      error: expect.objectContaining({ name: 'ThrottlingException', attempts: MAX_ATTEMPTS }),
      function_request_id: body.requestId,
    });
  }, 10_000);

  it('answers 502 with a clear log line when SageMaker does not know the domain or profile', async () => {
    sagemaker.script({ error: 'ResourceNotFound' });
    expectError(await invoke('alice'), 502);
    expect(sagemaker.requests).toHaveLength(1);
    expect(logMessages().find((record) => record.level === 'ERROR')).toMatchObject({
      message: expect.stringMatching(/mapped Studio domain or user profile does not exist/),
      domainId: 'd-abcdef123456',
      userProfileName: 'alice-profile',
    });
    expect(output.metrics()).toEqual([expect.objectContaining({ Failures: 1, reason: 'studio-not-found' })]);
  });

  it('answers 500 for an unexpected SageMaker failure', async () => {
    sagemaker.script({ error: 'InternalFailure', status: 400 });
    expectError(await invoke('alice'), 500);
  });

  it('answers 503 when DynamoDB is unreachable', async () => {
    const restore = useLocalAws({ dynamodb: 'http://127.0.0.1:1', sagemaker: sagemaker.endpoint });
    try {
      const result = await createHandler(env())(presignEvent('alice'), lambdaContext());
      expectError(result, 503);
      expect(result.headers?.['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
    } finally {
      restore();
    }
    expect(sagemaker.requests).toEqual([]);
    expect(logMessages().find((record) => record.level === 'WARN')).toMatchObject({
      message: 'AWS still throttled or unavailable after retries during mapping lookup',
      error: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED'), attempts: MAX_ATTEMPTS }),
    });
  });

  it('answers 500 when the mapping table does not exist', async () => {
    const missing = createHandler(env({ MAPPING_TABLE_NAME: 'no-such-table' }));
    expectError(await invoke('alice', {}, missing), 500);
    expect(logMessages().find((record) => record.level === 'ERROR')).toMatchObject({
      message: 'Unexpected failure during mapping lookup',
      error: expect.objectContaining({ name: 'ResourceNotFoundException' }),
    });
  });
});
