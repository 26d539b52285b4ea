import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createHandler as createAuthorizer } from '../../lambda-src/authorizer/index';
import { createHandler, type PresignHandler, type PresignTuning } from '../../lambda-src/presign/index';
import { RETRY_AFTER_SECONDS } from '../../lambda-src/presign/responses';
import { MAX_ATTEMPTS } from '../../lambda-src/shared/aws';
import type { StudioMapping } from '../../lambda-src/shared/mapping';
import { TEST_REGION, useLocalAws } from '../../tools/local-aws/aws-env';
import { type CapturedOutput, captureOutput } from './support/capture';
import { type LocalDynamo, startLocalDynamo } from '../../tools/local-aws/dynamo';
import { type HungEndpoint, startSilentServer, startUnacceptingListener } from './support/hung';
import { AUDIENCE, type LocalIdp, startLocalIdp, USERNAME_CLAIM } from '../../tools/local-aws/idp';
import { lambdaContext, presignEvent } from '../../tools/local-aws/lambda';
import { type LocalLambdaService, startLocalLambdaService } from './support/lambda-service';
import { type LocalSageMaker, startLocalSageMaker } from '../../tools/local-aws/sagemaker';

const ALICE: StudioMapping = { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice-profile' };
const BOB = 'auth0|5f7c8ec7c33c6c004bbafe82';

let idp: LocalIdp;
let dynamo: LocalDynamo;
let sagemaker: LocalSageMaker;
let restoreEnv: () => void;
let table: string;
let handler: PresignHandler;
let output: CapturedOutput;

beforeAll(async () => {
  [idp, dynamo, sagemaker] = await Promise.all([startLocalIdp(), startLocalDynamo(), startLocalSageMaker()]);
  restoreEnv = useLocalAws({ dynamodb: dynamo.endpoint, sagemaker: sagemaker.endpoint });
  table = await dynamo.createMappingTable();
  await dynamo.putMapping(table, ALICE);
  await dynamo.putMapping(table, {
    username: BOB,
    domainId: 'd-0123456789ab',
    userProfileName: 'bob',
    spaceName: 'bob-space',
    landingUri: 'app:JupyterLab:lab/tree/work',
  });
  handler = createHandler(env());
});
afterAll(async () => {
  restoreEnv();
  await Promise.all([idp.close(), dynamo.close(), sagemaker.close()]);
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
  AWS_REGION: TEST_REGION,
  IDP_ISSUER: idp.issuer,
  IDP_AUDIENCE: AUDIENCE,
  IDP_JWKS_URI: idp.jwksUri,
  IDP_MAX_AGE_SECONDS: '7200',
  USERNAME_CLAIM,
  ...overrides,
});

/** As API Gateway invokes it: the user's own token, and the authorizer context naming the same user. */
const invoke = async (user: string, request?: Partial<APIGatewayProxyEvent>, target = handler) =>
  target(presignEvent(await idp.token({ sub: user }), request, user), lambdaContext());

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

  it('passes the mapped space and landing URI, for a user id with IdP punctuation', async () => {
    expect((await invoke(BOB)).statusCode).toBe(302);
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

  it.each([
    [{ STUDIO_SESSION_SECONDS: '12h' }, 'STUDIO_SESSION_SECONDS must be an integer number of seconds'],
    // No second default beside the account file's: a missing lifetime is a deployment fault.
    [{ STUDIO_SESSION_SECONDS: '' }, 'STUDIO_SESSION_SECONDS must be set'],
    [{ PRESIGNED_URL_EXPIRES_SECONDS: '' }, 'PRESIGNED_URL_EXPIRES_SECONDS must be set'],
    [{ IDP_ISSUER: '' }, 'IDP_ISSUER must be set'],
    [{ AWS_REGION: '' }, 'AWS_REGION must be set'],
  ])('refuses to start with bad configuration %p', (overrides, message) => {
    expect(() => createHandler(env(overrides))).toThrow(message);
  });

  it('logs no URL or token, and counts issued URLs as EMF', async () => {
    const token = await idp.token();
    await handler(presignEvent(token, {}, 'alice'), lambdaContext());
    await handler(presignEvent(token, { headers: { Accept: 'application/json' } }, 'alice'), lambdaContext());
    const text = output.text();
    expect(sagemaker.issuedUrls).toHaveLength(2);
    for (const url of sagemaker.issuedUrls) {
      expect(text).not.toContain(new URL(url).searchParams.get('token'));
    }
    for (const part of token.split('.')) expect(text).not.toContain(part);
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

describe('the user is the one the token proves', () => {
  it('goes by sub: a token whose editable preferred_username is alice, with another sub, does not get her Studio', async () => {
    const token = await idp.token({ sub: 'mallory', preferred_username: 'alice' });
    expectError(await handler(presignEvent(token, {}, 'mallory'), lambdaContext()), 403);
    expect(sagemaker.requests).toEqual([]);
  });

  it.each<[string, () => Promise<APIGatewayProxyEvent>, string]>([
    ['no Authorization header and a context naming alice', async () => presignEvent(undefined, {}, 'alice'), 'missing-header'],
    ['a context naming alice beside mallory\'s own valid token', async () => presignEvent(await idp.token({ sub: 'mallory' }), {}, 'alice'), 'identity-mismatch'],
    ['a token for alice signed with a key the IdP never published', async () => presignEvent(await idp.token({}, 'rogue'), {}, 'alice'), 'unknown-key'],
    ['alice\'s token, expired', async () => presignEvent(await idp.token({ exp: Math.floor(Date.now() / 1000) - 600, iat: Math.floor(Date.now() / 1000) - 900 }), {}, 'alice'), 'expired'],
    ['a token for alice with a forged payload', async () => {
      const [head, , signature] = (await idp.token({ sub: 'mallory' })).split('.');
      const payload = Buffer.from(JSON.stringify({ iss: idp.issuer, aud: AUDIENCE, sub: 'alice', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
      return presignEvent(`${head}.${payload}.${signature}`, {}, 'alice');
    }, 'bad-signature'],
  ])('a direct invocation with %s gets 401, no URL and no SageMaker call', async (_case, event, reason) => {
    const result = await handler(await event(), lambdaContext());
    const body = expectError(result, 401);
    expect(result.headers?.['WWW-Authenticate']).toBe('Bearer');
    expect(body.error).not.toContain('alice');
    expect(result.headers).not.toHaveProperty('Location');
    expect(sagemaker.requests).toEqual([]);
    expect(output.metrics()).toEqual([expect.objectContaining({ Denials: 1, reason })]);
  });

  it('answers 503 when it cannot fetch the JWKS to check the token', async () => {
    const blind = createHandler(env({ IDP_JWKS_URI: 'http://127.0.0.1:1/jwks.json' }));
    const result = await invoke('alice', {}, blind);
    expectError(result, 503);
    expect(sagemaker.requests).toEqual([]);
    expect(logMessages().find((record) => record.level === 'ERROR')?.message).toBe('Token verification failed on our side');
  });
});

describe('verification by the authorizer function (authorizer outside the VPC)', () => {
  let lambda: LocalLambdaService;
  let restore: () => void;
  let delegating: PresignHandler;
  const AUTHORIZER = 'example-analytics-studio-authorizer';
  const authorizerEnv = () => ({ IDP_ISSUER: idp.issuer, IDP_AUDIENCE: AUDIENCE, IDP_JWKS_URI: idp.jwksUri, IDP_MAX_AGE_SECONDS: '7200', USERNAME_CLAIM });
  beforeAll(async () => {
    lambda = await startLocalLambdaService({
      [AUTHORIZER]: createAuthorizer(authorizerEnv()) as never,
      'broken-authorizer': createAuthorizer({ ...authorizerEnv(), IDP_JWKS_URI: 'http://127.0.0.1:1/jwks.json' }) as never,
    });
    restore = useLocalAws({ dynamodb: dynamo.endpoint, sagemaker: sagemaker.endpoint, lambda: lambda.endpoint });
    // No JWKS settings of its own: the presign function cannot reach an internet IdP.
    delegating = createHandler({ MAPPING_TABLE_NAME: table, PRESIGNED_URL_EXPIRES_SECONDS: '60', STUDIO_SESSION_SECONDS: '3600', AWS_REGION: TEST_REGION, IDP_VERIFIER_FUNCTION: AUTHORIZER });
  });
  afterAll(async () => {
    restore();
    expect(lambda.problems).toEqual([]);
    await lambda.close();
  });

  it('issues the URL of the user the authorizer verified', async () => {
    expect((await invoke(BOB, {}, delegating)).statusCode).toBe(302);
    expect(sagemaker.requests[0].body).toMatchObject({ UserProfileName: 'bob' });
    expect(lambda.invocations).toContain(AUTHORIZER);
  });

  it('answers 401 without a SageMaker call when the authorizer refuses a forged token', async () => {
    const [head, , signature] = (await idp.token({ sub: 'mallory' })).split('.');
    const payload = Buffer.from(JSON.stringify({ iss: idp.issuer, aud: AUDIENCE, sub: 'alice', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    const result = await delegating(presignEvent(`${head}.${payload}.${signature}`, {}, 'alice'), lambdaContext());
    expectError(result, 401);
    expect(sagemaker.requests).toEqual([]);
    // The authorizer runs in this process too: only the presign function's own metrics count here.
    expect(output.metrics().filter((metric) => metric.service === 'studio-presign')).toEqual([
      expect.objectContaining({ Denials: 1, reason: 'refused-by-authorizer' }),
    ]);
  });

  it('answers 401 to a forged context beside another user\'s valid token', async () => {
    const result = await delegating(presignEvent(await idp.token({ sub: 'mallory' }), {}, 'alice'), lambdaContext());
    expectError(result, 401);
    expect(sagemaker.requests).toEqual([]);
  });

  it('answers 503 when the authorizer cannot verify', async () => {
    const blind = createHandler({ MAPPING_TABLE_NAME: table, PRESIGNED_URL_EXPIRES_SECONDS: '60', STUDIO_SESSION_SECONDS: '3600', AWS_REGION: TEST_REGION, IDP_VERIFIER_FUNCTION: 'broken-authorizer' });
    expectError(await invoke('alice', {}, blind), 503);
    expect(sagemaker.requests).toEqual([]);
  });
});

describe('the redirect target', () => {
  it.each([
    ['another host', 'https://evil.example.com/auth?token=abc', 'host outside studio.eu-west-1.sagemaker.aws'],
    ['plain http', 'http://d-abcdef123456.studio.eu-west-1.sagemaker.aws/auth?token=abc', 'not an https:// URL'],
    ['another region', 'https://d-abcdef123456.studio.us-east-1.sagemaker.aws/auth?token=abc', 'host outside studio.eu-west-1.sagemaker.aws'],
    ['a lookalike suffix', 'https://d-abcdef123456.studio.eu-west-1.sagemaker.aws.evil.example.com/auth?token=abc', 'host outside studio.eu-west-1.sagemaker.aws'],
    ['a nested host', 'https://a.d-abcdef123456.studio.eu-west-1.sagemaker.aws/auth?token=abc', 'host outside studio.eu-west-1.sagemaker.aws'],
    ['userinfo hiding the host', 'https://d-abcdef123456.studio.eu-west-1.sagemaker.aws@evil.example.com/auth?token=abc', 'credentials in the URL'],
    ['a header injection', 'https://d-abcdef123456.studio.eu-west-1.sagemaker.aws/auth?token=abc\r\nSet-Cookie: a=b', 'control character, whitespace or backslash in the URL'],
    ['a backslash', 'https://evil.example.com\\@d-abcdef123456.studio.eu-west-1.sagemaker.aws/', 'control character, whitespace or backslash in the URL'],
    ['a port', 'https://d-abcdef123456.studio.eu-west-1.sagemaker.aws:8443/auth?token=abc', 'explicit port'],
  ])('answers 502 and logs it, never redirecting, for %s', async (_case, authorizedUrl, reason) => {
    for (const accept of ['text/html', 'application/json']) {
      sagemaker.script({ authorizedUrl });
      const result = await invoke('alice', { headers: { Accept: accept } });
      expectError(result, 502);
      expect(result.headers).not.toHaveProperty('Location');
      expect(result.body).not.toContain('token=abc');
    }
    const logged = logMessages().filter((record) => record.level === 'ERROR');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ message: expect.stringMatching(/not a Studio URL of this region/), reason });
    expect(output.text()).not.toContain('token=abc');
  });

  it('redirects to a space host, which a URL presigned with SpaceName lands on', async () => {
    sagemaker.script({ authorizedUrl: 'https://kk95za7le56wapk.studio.eu-west-1.sagemaker.aws/jupyterlab/default/lab?token=abc' });
    expect((await invoke('alice')).statusCode).toBe(302);
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

  it('rides out SageMaker throttling through the SDK retries', async () => {
    sagemaker.script({ error: 'ThrottlingException' }, { error: 'ThrottlingException' });
    const result = await invoke('alice');
    expect(result.statusCode).toBe(302);
    expect(sagemaker.requests).toHaveLength(MAX_ATTEMPTS);
  });

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
  });

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
      const result = await invoke('alice', {}, createHandler(env()));
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

describe('endpoints that never answer', () => {
  // Short per-attempt timeouts keep the test quick; the production values go through the same code.
  const QUICK: Pick<PresignTuning, 'dynamodb' | 'sagemaker'> = {
    dynamodb: { connectionTimeoutMs: 200, requestTimeoutMs: 300 },
    sagemaker: { connectionTimeoutMs: 200, requestTimeoutMs: 300 },
  };
  let silent: HungEndpoint;
  let unaccepting: HungEndpoint;
  beforeAll(async () => {
    [silent, unaccepting] = await Promise.all([startSilentServer(), startUnacceptingListener()]);
  });
  afterAll(async () => {
    await Promise.all([silent.close(), unaccepting.close()]);
  });

  it.each<[string, 'dynamodb' | 'sagemaker', () => HungEndpoint, RegExp]>([
    ['DynamoDB accepts the connection and never answers', 'dynamodb', () => silent, /requestTimeout/],
    ['DynamoDB never accepts the connection', 'dynamodb', () => unaccepting, /did not establish a connection/],
    ['SageMaker accepts the connection and never answers', 'sagemaker', () => silent, /requestTimeout/],
    ['SageMaker never accepts the connection', 'sagemaker', () => unaccepting, /did not establish a connection/],
  ])('answers 503 with Retry-After when %s', async (_case, service, hung, message) => {
    const endpoints = { dynamodb: dynamo.endpoint, sagemaker: sagemaker.endpoint, [service]: hung().endpoint };
    const restore = useLocalAws(endpoints);
    try {
      // The other service keeps its production timeouts: a busy machine must not time it out.
      const result = await invoke('alice', {}, createHandler(env(), { [service]: QUICK[service] }));
      expectError(result, 503);
      expect(result.headers?.['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
    } finally {
      restore();
    }
    expect(logMessages().find((record) => record.level === 'WARN')).toMatchObject({
      message: `AWS still throttled or unavailable after retries during ${service === 'dynamodb' ? 'mapping lookup' : 'presign'}`,
      error: expect.objectContaining({ name: 'TimeoutError', message: expect.stringMatching(message), attempts: MAX_ATTEMPTS }),
    });
  });
});
