import { SignJWT, UnsecuredJWT } from 'jose';
import { type AuthorizerHandler, createHandler } from '../../lambda-src/authorizer/index';
import { MAX_AUTHORIZATION_LENGTH } from '../../lambda-src/authorizer/bearer';
import { METRICS_NAMESPACE } from '../../lambda-src/shared/observability';
import { type CapturedOutput, captureOutput } from './support/capture';
import { AUDIENCE, type LocalIdp, startLocalIdp, USERNAME_CLAIM } from './support/idp';
import { authorizerEvent, bearerEvent, lambdaContext, METHOD_ARN } from './support/lambda';

let idp: LocalIdp;
let output: CapturedOutput;

beforeAll(async () => {
  idp = await startLocalIdp();
});
afterAll(() => idp.close());
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const env = (overrides: Record<string, string | undefined> = {}) => ({
  IDP_ISSUER: idp.issuer,
  IDP_AUDIENCE: `other-client, ${AUDIENCE}`,
  IDP_JWKS_URI: idp.jwksUri,
  USERNAME_CLAIM,
  ...overrides,
});

const now = () => Math.floor(Date.now() / 1000);

type FakeableApis = NonNullable<Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>['doNotFake']>;

/** Every API jest's fake timers can replace, except Date. */
const REAL_TIMER_APIS: FakeableApis = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];
const invoke = (handler: AuthorizerHandler, event = bearerEvent('x.y.z')) => handler(event, lambdaContext());
const withToken = async (handler: AuthorizerHandler, token: string) => invoke(handler, bearerEvent(token));

/** Asserts a refusal and returns the reason the authorizer logged. */
async function deniedReason(result: Promise<unknown>): Promise<string> {
  await expect(result).rejects.toThrow(/^Unauthorized$/);
  const denial = output.records().filter((record) => record.message === 'Request denied').pop();
  return denial?.reason as string;
}

function base64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

describe('valid tokens', () => {
  it('allows only GET /studio with the username in the context', async () => {
    const handler = createHandler(env());
    const result = await withToken(handler, await idp.token());
    expect(result).toEqual({
      principalId: 'alice',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }],
      },
      context: { username: 'alice' },
    });
  });

  it('grants GET /studio whatever method triggered it, because API Gateway caches the policy per token', async () => {
    const handler = createHandler(env());
    const result = await invoke(handler, {
      ...bearerEvent(await idp.token()),
      methodArn: 'arn:aws:execute-api:eu-west-1:123456789012:abcde12345/prod/POST/admin/users',
    });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abcde12345/prod/GET/studio' },
    ]);
  });

  it('accepts EC keys, a case-insensitive scheme and an audience list', async () => {
    const handler = createHandler(env());
    const token = await idp.token({ aud: ['someone-else', AUDIENCE] }, 'ec');
    const result = await invoke(handler, authorizerEvent([['authorization', `bearer ${token}`]]));
    expect(result.context).toEqual({ username: 'alice' });
  });

  it('accepts an access token whose client_id, not aud, names the client', async () => {
    const handler = createHandler(env());
    const result = await withToken(handler, await idp.token({ aud: undefined, client_id: AUDIENCE, token_use: 'access' }));
    expect(result.principalId).toBe('alice');
  });

  it('tolerates a small clock skew', async () => {
    const handler = createHandler(env());
    await expect(withToken(handler, await idp.token({ exp: now() - 10, nbf: now() + 10 }))).resolves.toBeDefined();
  });

  it('fetches the JWKS once per container', async () => {
    const handler = createHandler(env());
    const before = idp.fetches;
    for (let i = 0; i < 5; i++) await withToken(handler, await idp.token({}, i % 2 ? 'ec' : 'rsa'));
    expect(idp.fetches - before).toBe(1);
  });

  it('verifies against IDP_JWKS_JSON without fetching', async () => {
    const handler = createHandler(env({ IDP_JWKS_URI: undefined, IDP_JWKS_JSON: JSON.stringify(idp.jwks()) }));
    const before = idp.fetches;
    await expect(withToken(handler, await idp.token())).resolves.toBeDefined();
    expect(idp.fetches).toBe(before);
  });
});

describe('refused tokens', () => {
  let handler: AuthorizerHandler;
  beforeAll(() => {
    handler = createHandler(env());
  });

  it.each([
    ['expired', { exp: now() - 120 }, 'expired'],
    ['not yet valid', { nbf: now() + 120 }, 'invalid-nbf'],
    ['from another issuer', { iss: 'https://evil.example.com/' }, 'invalid-iss'],
    ['for another audience', { aud: 'someone-else' }, 'invalid-aud'],
    ['for another audience even with a matching client_id', { aud: 'someone-else', client_id: AUDIENCE }, 'invalid-aud'],
    ['without audience or client_id', { aud: undefined }, 'invalid-aud'],
    ['without expiry', { exp: undefined }, 'invalid-exp'],
    ['without the username claim', { [USERNAME_CLAIM]: undefined }, 'bad-username'],
    ['with a malformed username', { [USERNAME_CLAIM]: 'alice smith' }, 'bad-username'],
    ['with a non-string username', { [USERNAME_CLAIM]: ['alice'] }, 'bad-username'],
    ['with an overlong username', { [USERNAME_CLAIM]: 'a'.repeat(129) }, 'bad-username'],
  ])('refuses a token %s', async (_case, claims, reason) => {
    expect(await deniedReason(withToken(handler, await idp.token(claims)))).toBe(reason);
  });

  it('refuses alg "none"', async () => {
    const token = new UnsecuredJWT({ iss: idp.issuer, aud: AUDIENCE, exp: now() + 300, [USERNAME_CLAIM]: 'alice' }).encode();
    expect(await deniedReason(withToken(handler, token))).toBe('alg-not-allowed');
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    const secret = new TextEncoder().encode(await idp.publicKeyPem('rsa'));
    const token = await new SignJWT({ iss: idp.issuer, aud: AUDIENCE, exp: now() + 300, [USERNAME_CLAIM]: 'alice' })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-key' })
      .sign(secret);
    expect(await deniedReason(withToken(handler, token))).toBe('alg-not-allowed');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await idp.token()).split('.');
    const forged = base64url({ iss: idp.issuer, aud: AUDIENCE, exp: now() + 300, [USERNAME_CLAIM]: 'admin' });
    expect(await deniedReason(withToken(handler, `${header}.${forged}.${signature}`))).toBe('bad-signature');
  });

  it('refuses a garbled token', async () => {
    expect(await deniedReason(withToken(handler, 'abc.def.ghi'))).toBe('malformed-token');
  });
});

describe('unknown signing keys', () => {
  // jose times its JWKS cooldown with Date.now(). Only Date is faked (timers, sockets and the IdP
  // stay real) and it stands still unless a test moves it, so a slow machine cannot stretch the
  // time between two requests past the cooldown.
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.now(), doNotFake: REAL_TIMER_APIS });
  });
  afterEach(() => jest.useRealTimers());
  const elapse = (ms: number) => jest.setSystemTime(Date.now() + ms);

  it('refetches the JWKS once for an unknown kid, then denies, and not again within the cooldown', async () => {
    const handler = createHandler(env(), { jwksCooldownMs: 200 });
    await withToken(handler, await idp.token());
    const afterFirst = idp.fetches;
    elapse(250);

    expect(await deniedReason(withToken(handler, await idp.token({}, 'rogue')))).toBe('unknown-key');
    expect(idp.fetches - afterFirst).toBe(1);

    expect(await deniedReason(withToken(handler, await idp.token({}, 'rogue')))).toBe('unknown-key');
    expect(idp.fetches - afterFirst).toBe(1);

    elapse(250);
    expect(await deniedReason(withToken(handler, await idp.token({}, 'rogue')))).toBe('unknown-key');
    expect(idp.fetches - afterFirst).toBe(2);
  });

  it('picks up a rotated key with one refetch', async () => {
    const handler = createHandler(env(), { jwksCooldownMs: 200 });
    await withToken(handler, await idp.token());
    const afterFirst = idp.fetches;
    elapse(250);

    idp.rotate();
    await expect(withToken(handler, await idp.token({}, 'rotated'))).resolves.toMatchObject({ principalId: 'alice' });
    expect(idp.fetches - afterFirst).toBe(1);
  });
});

describe('Authorization header', () => {
  let handler: AuthorizerHandler;
  let token: string;
  beforeAll(async () => {
    handler = createHandler(env());
    token = await idp.token();
  });

  it.each<[string, () => [string, string][], string]>([
    ['missing', () => [], 'missing-header'],
    ['duplicated', () => [['Authorization', `Bearer ${token}`], ['Authorization', `Bearer ${token}`]], 'duplicate-header'],
    ['duplicated under another case', () => [['Authorization', `Bearer ${token}`], ['authorization', `Bearer ${token}`]], 'duplicate-header'],
    ['oversized', () => [['Authorization', `Bearer ${token}${'A'.repeat(MAX_AUTHORIZATION_LENGTH)}`]], 'oversized-header'],
    ['of another scheme', () => [['Authorization', `Basic ${Buffer.from('alice:pw').toString('base64')}`]], 'not-bearer'],
    ['a bare token', () => [['Authorization', token]], 'not-bearer'],
    ['with trailing junk', () => [['Authorization', `Bearer ${token} extra`]], 'not-bearer'],
    ['empty', () => [['Authorization', '']], 'not-bearer'],
  ])('refuses a header that is %s', async (_case, headers, reason) => {
    expect(await deniedReason(invoke(handler, authorizerEvent(headers())))).toBe(reason);
  });

  it('uses the headers map when API Gateway sends no multiValueHeaders', async () => {
    const event = { ...bearerEvent(token), multiValueHeaders: null };
    await expect(invoke(handler, event)).resolves.toMatchObject({ principalId: 'alice' });
  });
});

describe('logs and metrics', () => {
  it('never logs the token and emits denials by reason as EMF', async () => {
    const handler = createHandler(env());
    const good = await idp.token();
    const expired = await idp.token({ exp: now() - 3600 });
    await withToken(handler, good);
    await deniedReason(withToken(handler, expired));

    const text = output.text();
    for (const token of [good, expired]) {
      for (const part of token.split('.')) expect(text).not.toContain(part);
    }
    const logs = output.records().filter((record) => record.message !== undefined);
    expect(logs.map((record) => [record.level, record.message, record.function_request_id !== undefined])).toEqual([
      ['INFO', 'Request authorized', true],
      ['WARN', 'Request denied', true],
    ]);
    expect(output.metrics()).toEqual([
      expect.objectContaining({
        Denials: 1,
        reason: 'expired',
        service: 'studio-authorizer',
        _aws: expect.objectContaining({
          CloudWatchMetrics: [expect.objectContaining({ Namespace: METRICS_NAMESPACE, Dimensions: [['service', 'reason']] })],
        }),
      }),
    ]);
  });
});

describe('failures on our side', () => {
  it('answers an error, not a denial, when the JWKS cannot be fetched', async () => {
    const handler = createHandler(env({ IDP_JWKS_URI: 'http://127.0.0.1:1/jwks.json' }));
    await expect(withToken(handler, await idp.token())).rejects.toThrow('Token verification unavailable');
    expect(output.records().find((record) => record.level === 'ERROR')?.message).toBe('Token verification failed on our side');
  });

  it.each([
    [{ IDP_ISSUER: undefined }, 'IDP_ISSUER must be set'],
    [{ IDP_AUDIENCE: ' , ' }, 'IDP_AUDIENCE must list at least one audience'],
    [{ USERNAME_CLAIM: '' }, 'USERNAME_CLAIM must be set'],
    [{ IDP_JWKS_URI: undefined }, 'IDP_JWKS_URI or IDP_JWKS_JSON must be set'],
    [{ IDP_JWKS_URI: 'http://idp.example.com/jwks' }, 'IDP_JWKS_URI must use https'],
    [{ IDP_JWKS_JSON: '{"keys": 1}' }, 'IDP_JWKS_JSON must be a JSON Web Key Set document with a "keys" array'],
  ])('refuses to start with bad configuration %p', (overrides, message) => {
    expect(() => createHandler(env(overrides))).toThrow(message);
  });
});
