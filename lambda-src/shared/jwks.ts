import type { IncomingMessage } from 'node:http';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { EnvironmentError, type Env, optionalString } from './env';
import { ENV } from './env-names';

/** A forward proxy reached with HTTP CONNECT; TLS still runs end to end with the IdP. */
export interface ProxySettings {
  url: URL;
}

export interface JwksTuning {
  /** Minimum time between two fetches, successful or not: bounds what unknown `kid`s or a dead IdP can cost. */
  cooldownMs: number;
  /** Age after which the keys are fetched again before use: a key the IdP withdrew stops verifying within this time. */
  maxAgeMs: number;
  /** Whole fetch (connect, proxy tunnel, TLS, headers, body). */
  timeoutMs: number;
  /** Largest JWKS document accepted. Entra ID's, with certificate chains, is about 20 KiB. */
  maxBytes: number;
}

export const DEFAULT_JWKS_TUNING: JwksTuning = { cooldownMs: 30_000, maxAgeMs: 600_000, timeoutMs: 2_000, maxBytes: 128 * 1024 };

/** The JWKS could not be obtained: a failure on our side, never a verdict on the token. */
class JwksUnavailableError extends Error {
  override name = 'JwksUnavailableError';
}

/**
 * HTTPS_PROXY unless NO_PROXY exempts the JWKS host. Only `http://host:port` proxies: the CONNECT
 * tunnel carries the TLS session to the IdP, so the proxy sees no key material either way, and
 * credentials in an environment variable would be readable by anyone who can read the function.
 */
export function readProxySettings(env: Env, target: URL): ProxySettings | undefined {
  const raw = optionalString(env, ENV.httpsProxy);
  if (raw === undefined || bypassesProxy(target.hostname, optionalString(env, ENV.noProxy))) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvironmentError(`${ENV.httpsProxy} must be a URL such as http://proxy.corp.example.com:3128, got "${raw}"`);
  }
  if (url.protocol !== 'http:' || url.hostname === '') throw new EnvironmentError(`${ENV.httpsProxy} must be an http://host:port URL`);
  if (url.username !== '' || url.password !== '') throw new EnvironmentError(`${ENV.httpsProxy} must not carry credentials`);
  return { url };
}

function bypassesProxy(host: string, noProxy: string | undefined): boolean {
  const name = host.toLowerCase();
  return (noProxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/^\*?\./, ''))
    .some((entry) => entry === '*' || (entry !== '' && (name === entry || name.endsWith(`.${entry}`))));
}

/**
 * The key lookup the verifier uses, over a cache of the IdP's JWKS. Unlike jose's remote set, a
 * failed fetch also starts the cooldown (a dead IdP is asked once per cooldown, not once per
 * request), keys are never used past `maxAgeMs` (fail closed rather than keep a withdrawn key),
 * and the response is bounded in size and time.
 */
export function remoteJwks(uri: URL, proxy: ProxySettings | undefined, tuning: JwksTuning, now: () => number = Date.now): JWTVerifyGetKey {
  let keys: JWTVerifyGetKey | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;
  const coolingDown = () => now() - attemptedAt < tuning.cooldownMs;

  const reload = (): Promise<void> =>
    (pending ??= (async () => {
      attemptedAt = now();
      try {
        keys = createLocalJWKSet(await fetchJwks(uri, proxy, tuning));
        fetchedAt = now();
      } finally {
        pending = undefined;
      }
    })());

  return async (header, token) => {
    if (keys === undefined || now() - fetchedAt >= tuning.maxAgeMs) {
      if (pending === undefined && coolingDown()) {
        throw new JwksUnavailableError(`the last JWKS fetch failed less than ${tuning.cooldownMs} ms ago`);
      }
      keys = undefined;
      await reload();
    }
    try {
      return await (keys as JWTVerifyGetKey)(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || coolingDown()) throw error;
      // An unknown kid may be a freshly rotated key: one refetch, then the answer stands.
      await reload();
      return (keys as JWTVerifyGetKey)(header, token);
    }
  };
}

/** GETs the JWKS document within the tuning's time and size bounds, through the proxy when one is set. */
async function fetchJwks(uri: URL, proxy: ProxySettings | undefined, tuning: Pick<JwksTuning, 'timeoutMs' | 'maxBytes'>): Promise<JSONWebKeySet> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), tuning.timeoutMs);
  try {
    const body = await readBounded(await get(uri, proxy, controller.signal), tuning.maxBytes, controller.signal);
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      throw new JwksUnavailableError('the JWKS response is not JSON');
    }
    if (typeof document !== 'object' || document === null || !Array.isArray((document as JSONWebKeySet).keys)) {
      throw new JwksUnavailableError('the JWKS response has no "keys" array');
    }
    return document as JSONWebKeySet;
  } catch (error) {
    if (controller.signal.aborted) throw new JwksUnavailableError(`the JWKS fetch took longer than ${tuning.timeoutMs} ms`);
    if (error instanceof JwksUnavailableError) throw error;
    throw new JwksUnavailableError(`the JWKS fetch failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

function defaultPort(uri: URL): number {
  return Number(uri.port || (uri.protocol === 'https:' ? 443 : 80));
}

async function get(uri: URL, proxy: ProxySettings | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  const secure = uri.protocol === 'https:';
  const tunnel = proxy ? await connectThrough(proxy, uri, signal) : undefined;
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      host: uri.hostname,
      port: defaultPort(uri),
      path: `${uri.pathname}${uri.search}`,
      method: 'GET',
      headers: { Accept: 'application/json' },
      signal,
    };
    if (tunnel) {
      options.createConnection = () => (secure ? tls.connect({ socket: tunnel, servername: uri.hostname }) : tunnel);
    }
    const request = (secure ? https : http).request(options, resolve);
    request.once('error', reject);
    request.end();
  });
}

/** Opens a CONNECT tunnel to the JWKS host through the proxy. */
function connectThrough(proxy: ProxySettings, target: URL, signal: AbortSignal): Promise<Socket> {
  const authority = `${target.hostname}:${defaultPort(target)}`;
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: proxy.url.hostname,
      port: Number(proxy.url.port || 80),
      method: 'CONNECT',
      path: authority,
      headers: { Host: authority },
      signal,
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new JwksUnavailableError(`the proxy ${proxy.url.host} refused the tunnel to ${authority} (HTTP ${response.statusCode})`));
    });
    request.once('error', reject);
    request.end();
  });
}

async function readBounded(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<string> {
  const fail = (message: string): never => {
    response.destroy();
    throw new JwksUnavailableError(message);
  };
  if (response.statusCode !== 200) fail(`the JWKS endpoint answered HTTP ${response.statusCode}`);
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) fail(`the JWKS response is larger than ${maxBytes} bytes`);
  signal.addEventListener('abort', () => response.destroy(), { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) fail(`the JWKS response is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
