import { SignJWT, UnsecuredJWT } from 'jose';
import { type AuthorizerHandler, createHandler } from '../../lambda-src/authorizer/index';
import { MAX_AUTHORIZATION_LENGTH } from '../../lambda-src/shared/bearer';
import { METRICS_NAMESPACE } from '../../lambda-src/shared/observability';
import { type CapturedOutput, captureOutput } from './support/capture';
import { AUDIENCE, type LocalIdp, startLocalIdp, USERNAME_CLAIM } from '../../tools/local-aws/idp';
import { type LocalProxy, startLocalProxy } from './support/proxy';
import { authorizerEvent, bearerEvent, lambdaContext, METHOD_ARN } from '../../tools/local-aws/lambda';

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
  IDP_MAX_AGE_SECONDS: '7200',
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
    const token = await idp.token({ aud: ['someone-else', AUDIENCE], azp: AUDIENCE }, 'ec');
    const result = await invoke(handler, authorizerEvent([['authorization', `bearer ${token}`]]));
    expect(result.context).toEqual({ username: 'alice' });
  });

  it('accepts an access token whose client_id, not aud, names the client', async () => {
    const handler = createHandler(env());
    const result = await withToken(handler, await idp.token({ aud: undefined, client_id: AUDIENCE, token_use: 'access' }));
    expect(result.principalId).toBe('alice');
  });

  it.each([['at+jwt'], ['application/at+jwt'], ['JWT'], [undefined]])('accepts an ID or access token whose typ header is %s', async (typ) => {
    const handler = createHandler(env());
    await expect(withToken(handler, await idp.token({}, 'rsa', { typ }))).resolves.toMatchObject({ principalId: 'alice' });
  });

  it('accepts a Keycloak access token (typ claim Bearer) issued to an authorized party named in IDP_AUTHORIZED_PARTIES', async () => {
    const handler = createHandler(env({ IDP_AUTHORIZED_PARTIES: 'portal-spa' }));
    const token = await idp.token({ aud: ['account', AUDIENCE], azp: 'portal-spa', typ: 'Bearer' });
    await expect(withToken(handler, token)).resolves.toMatchObject({ principalId: 'alice' });
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
    ['with an overlong username', { [USERNAME_CLAIM]: 'a'.repeat(256) }, 'bad-username'],
    ['for several audiences without azp', { aud: ['someone-else', AUDIENCE] }, 'invalid-azp'],
    ['issued to another client (azp)', { azp: 'someone-else' }, 'invalid-azp'],
    ['that is a logout token (events claim)', { events: { 'http://schemas.openid.net/event/backchannel-logout': {} } }, 'invalid-token-type'],
    ['that is a Cognito refresh-style token_use', { token_use: 'refresh' }, 'invalid-token-type'],
    ['that is a Keycloak refresh token (typ claim)', { typ: 'Refresh' }, 'invalid-token-type'],
    ['that is a Keycloak logout token (typ claim)', { typ: 'Logout' }, 'invalid-token-type'],
    ['issued in the future', { iat: now() + 120 }, 'invalid-iat'],
    ['without iat', { iat: undefined }, 'invalid-iat'],
    ['older than the maximum token age', { iat: now() - 7300, exp: now() + 300 }, 'too-old'],
  ])('refuses a token %s', async (_case, claims, reason) => {
    expect(await deniedReason(withToken(handler, await idp.token(claims)))).toBe(reason);
  });

  it.each([['logout+jwt'], ['application/logout+jwt'], ['secevent+jwt'], ['dpop+jwt']])('refuses a token whose typ header is %s', async (typ) => {
    expect(await deniedReason(withToken(handler, await idp.token({}, 'rsa', { typ })))).toBe('invalid-token-type');
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

describe('the identity claim', () => {
  it('identifies the user by sub, not by an editable claim naming someone else', async () => {
    const handler = createHandler(env());
    const result = await withToken(handler, await idp.token({ sub: 'mallory', preferred_username: 'alice' }));
    expect(result).toMatchObject({ principalId: 'mallory', context: { username: 'mallory' } });
  });

  it('uses the claim the configuration names, such as Entra ID oid', async () => {
    const handler = createHandler(env({ USERNAME_CLAIM: 'oid' }));
    const oid = '5f9c2a3e-1b7d-4e0a-9c2f-0d1e2f3a4b5c';
    await expect(withToken(handler, await idp.token({ oid }))).resolves.toMatchObject({ principalId: oid });
    expect(await deniedReason(withToken(handler, await idp.token()))).toBe('bad-username');
  });

  describe('required claims', () => {
    let handler: AuthorizerHandler;
    beforeAll(() => {
      handler = createHandler(env({ IDP_REQUIRED_CLAIMS: JSON.stringify({ tid: ['tenant-1'], groups: ['studio-users', 'studio-admins'] }) }));
    });

    it('allows a token of the tenant holding one of the groups', async () => {
      await expect(withToken(handler, await idp.token({ tid: 'tenant-1', groups: ['finance', 'studio-users'] }))).resolves.toMatchObject({ principalId: 'alice' });
    });

    it.each([
      ['of another tenant', { tid: 'tenant-2', groups: ['studio-users'] }],
      ['without the group', { tid: 'tenant-1', groups: ['finance'] }],
      ['with a group overage pointer instead of groups', { tid: 'tenant-1', _claim_names: { groups: 'src1' } }],
      ['with the group as a substring only', { tid: 'tenant-1', groups: 'studio-users-old' }],
    ])('refuses a token %s', async (_case, claims) => {
      expect(await deniedReason(withToken(handler, await idp.token(claims)))).toBe('missing-required-claim');
    });
  });

  it('takes the maximum token age from IDP_MAX_AGE_SECONDS', async () => {
    const handler = createHandler(env({ IDP_MAX_AGE_SECONDS: '60' }));
    expect(await deniedReason(withToken(handler, await idp.token({ iat: now() - 120 })))).toBe('too-old');
    await expect(withToken(handler, await idp.token({ iat: now() - 30 }))).resolves.toBeDefined();
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
    const handler = createHandler(env(), { cooldownMs: 200 });
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
    const handler = createHandler(env(), { cooldownMs: 200 });
    await withToken(handler, await idp.token());
    const afterFirst = idp.fetches;
    elapse(250);

    idp.rotate();
    await expect(withToken(handler, await idp.token({}, 'rotated'))).resolves.toMatchObject({ principalId: 'alice' });
    expect(idp.fetches - afterFirst).toBe(1);
  });
});

describe('the JWKS fetch', () => {
  let jwksIdp: LocalIdp;
  let proxy: LocalProxy;
  const jwksEnv = (overrides: Record<string, string> = {}) => ({ ...env(), IDP_ISSUER: jwksIdp.issuer, IDP_JWKS_URI: jwksIdp.jwksUri, ...overrides });
  const unavailable = async (result: Promise<unknown>): Promise<string> => {
    await expect(result).rejects.toThrow('Token verification unavailable');
    const logged = output.records().filter((record) => record.message === 'Token verification failed on our side').pop();
    return (logged?.error as { message: string }).message;
  };
  beforeEach(async () => {
    [jwksIdp, proxy] = await Promise.all([startLocalIdp(), startLocalProxy()]);
  });
  afterEach(async () => {
    await Promise.all([jwksIdp.close(), proxy.close()]);
  });

  it('stops reading a JWKS response past the size bound', async () => {
    jwksIdp.serve('endless');
    const handler = createHandler(jwksEnv(), { maxBytes: 64 * 1024 });
    expect(await unavailable(withToken(handler, await jwksIdp.token()))).toBe('the JWKS response is larger than 65536 bytes');
  });

  it('gives up on a JWKS endpoint that never answers', async () => {
    jwksIdp.serve('silent');
    const handler = createHandler(jwksEnv(), { timeoutMs: 200 });
    expect(await unavailable(withToken(handler, await jwksIdp.token()))).toBe('the JWKS fetch took longer than 200 ms');
  });

  describe('cooldown and maximum age', () => {
    // As for unknown signing keys: only Date is faked and it moves only when a test says so, so a
    // slow machine cannot stretch the time between two requests past the cooldown.
    beforeEach(() => {
      jest.useFakeTimers({ now: Date.now(), doNotFake: REAL_TIMER_APIS });
    });
    afterEach(() => jest.useRealTimers());
    const elapse = (ms: number) => jest.setSystemTime(Date.now() + ms);

    it('starts the cooldown on a failed fetch too: a dead IdP is asked once per cooldown, not per request', async () => {
      jwksIdp.serve('error');
      const handler = createHandler(jwksEnv(), { cooldownMs: 300 });
      expect(await unavailable(withToken(handler, await jwksIdp.token()))).toBe('the JWKS endpoint answered HTTP 500');
      elapse(299);
      expect(await unavailable(withToken(handler, await jwksIdp.token()))).toMatch(/^the last JWKS fetch failed less than 300 ms ago$/);
      expect(jwksIdp.fetches).toBe(1);

      jwksIdp.serve('keys');
      elapse(1);
      await expect(withToken(handler, await jwksIdp.token())).resolves.toMatchObject({ principalId: 'alice' });
      expect(jwksIdp.fetches).toBe(2);
    });

    it('stops accepting a withdrawn key once the cached JWKS reaches its maximum age', async () => {
      const handler = createHandler(jwksEnv(), { maxAgeMs: 300, cooldownMs: 100 });
      const token = await jwksIdp.token();
      await expect(withToken(handler, token)).resolves.toMatchObject({ principalId: 'alice' });
      jwksIdp.withdraw('rsa');
      elapse(299);
      await expect(withToken(handler, token)).resolves.toMatchObject({ principalId: 'alice' });
      elapse(1);
      expect(await deniedReason(withToken(handler, token))).toBe('unknown-key');
    });
  });

  it('goes through HTTPS_PROXY with a CONNECT tunnel', async () => {
    const handler = createHandler(jwksEnv({ HTTPS_PROXY: proxy.url }));
    await expect(withToken(handler, await jwksIdp.token())).resolves.toMatchObject({ principalId: 'alice' });
    expect(proxy.tunnels).toEqual([new URL(jwksIdp.jwksUri).host]);
    expect(jwksIdp.fetches).toBe(1);
  });

  it('fetches directly when NO_PROXY names the JWKS host', async () => {
    const handler = createHandler(jwksEnv({ HTTPS_PROXY: proxy.url, NO_PROXY: 'idp.corp.example.com, 127.0.0.1' }));
    await expect(withToken(handler, await jwksIdp.token())).resolves.toBeDefined();
    expect(proxy.tunnels).toEqual([]);
  });

  it('reports a proxy that refuses the tunnel as a failure on our side', async () => {
    proxy.refuseWith(403);
    const handler = createHandler(jwksEnv({ HTTPS_PROXY: proxy.url }));
    expect(await unavailable(withToken(handler, await jwksIdp.token()))).toMatch(/refused the tunnel to 127\.0\.0\.1:\d+ \(HTTP 403\)/);
    expect(jwksIdp.fetches).toBe(0);
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
    [{ IDP_REQUIRED_CLAIMS: '{"groups": []}' }, 'IDP_REQUIRED_CLAIMS must map each claim name to a non-empty list of strings'],
    [{ IDP_REQUIRED_CLAIMS: 'groups=x' }, 'IDP_REQUIRED_CLAIMS must be a JSON object of claim -> accepted values (invalid JSON)'],
    [{ IDP_MAX_AGE_SECONDS: '2h' }, 'IDP_MAX_AGE_SECONDS must be a positive integer number of seconds, got "2h"'],
    [{ IDP_MAX_AGE_SECONDS: undefined }, 'IDP_MAX_AGE_SECONDS must be set'],
    [{ HTTPS_PROXY: 'https://user:pw@proxy.example.com:3128' }, 'HTTPS_PROXY must be an http://host:port URL'],
    [{ HTTPS_PROXY: 'http://user:pw@proxy.example.com:3128' }, 'HTTPS_PROXY must not carry credentials'],
    [{ IDP_JWKS_URI: undefined }, 'IDP_JWKS_URI or IDP_JWKS_JSON must be set'],
    [{ IDP_JWKS_URI: 'http://idp.example.com/jwks' }, 'IDP_JWKS_URI must use https'],
    [{ IDP_JWKS_JSON: '{"keys": 1}' }, 'IDP_JWKS_JSON must be a JSON Web Key Set document with a "keys" array'],
  ])('refuses to start with bad configuration %p', (overrides, message) => {
    expect(() => createHandler(env(overrides))).toThrow(message);
  });
});
