/** The identity provider: token verification keys, how the JWKS is reached, which claim names the user. */
import type { Cidr } from '../cidr';
import { defaultUsernameClaim, isCorporateHost, MUTABLE_CLAIMS } from '../identity';
import { inline, type Problems } from '../problems';
import { asObject, asString, entries, type Json } from './json';

const ASYMMETRIC_KEY_TYPES = ['RSA', 'EC', 'OKP'];
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export function checkIdentityProvider(problems: Problems, at: string, idp: Json | undefined, corporate: CorporateNetwork): void {
  if (!idp) return;
  checkUsernameClaim(problems, at, idp);
  checkJwksAccess(problems, at, idp, corporate);
  checkHttpsUrl(problems, `${at}.issuer`, idp.issuer, 'https://idp.corp.example.com/oauth2/default');
  checkHttpsUrl(problems, `${at}.jwksUri`, idp.jwksUri, 'https://idp.corp.example.com/oauth2/default/v1/keys');
  const hasUri = idp.jwksUri !== undefined;
  const hasInline = idp.jwks !== undefined;
  if (hasUri && hasInline) {
    problems.add(at, 'sets both jwksUri and jwks', 'keep jwksUri when the service VPC can reach the IdP, otherwise keep only the inline jwks');
  } else if (!hasUri && !hasInline) {
    problems.add(at, 'sets neither jwksUri nor jwks',
      "add jwksUri (the jwks_uri of the issuer's /.well-known/openid-configuration), or an inline jwks with the IdP's public keys");
  }
  for (const [i, value] of entries(asObject(idp.jwks)?.keys)) {
    const key = asObject(value);
    if (!key) continue;
    const keyAt = `${at}.jwks.keys[${i}]`;
    if (!ASYMMETRIC_KEY_TYPES.includes(String(key.kty))) {
      problems.add(`${keyAt}.kty`, `must be RSA, EC or OKP (got ${inline(key.kty)}): only asymmetric keys can verify tokens without sharing a secret`,
        "use the IdP's public signing keys as its JWKS endpoint publishes them");
    }
    const secret = PRIVATE_JWK_MEMBERS.filter((member) => member in key);
    if (secret.length > 0) {
      problems.add(keyAt, `contains private key material (${secret.join(', ')})`,
        `remove ${secret.join(', ')}: the authorizer needs the public key only, and this file is not a secret store`);
    }
  }
}

interface CorporateNetwork {
  dnsDomains: string[];
  cidrs: Cidr[];
  /** Every domain and range passed its own checks. */
  valid: boolean;
}

const hostOf = (value: unknown): string | undefined => {
  try {
    return typeof value === 'string' ? new URL(value).hostname || undefined : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The service VPC reaches only AWS endpoints and the corporate network, so the JWKS host decides
 * the way: a corporate host over the connectivity, an internet host (Entra ID, Okta, Auth0, Cognito)
 * through a corporate proxy or from an authorizer outside the VPC.
 */
function checkJwksAccess(problems: Problems, at: string, idp: Json, corporate: CorporateNetwork): void {
  const access = asObject(idp.jwksAccess);
  const via = asString(access?.via) ?? 'corporate';
  if (access && idp.jwksUri === undefined) {
    problems.add(`${at}.jwksAccess`, 'applies only to jwksUri', 'remove jwksAccess: an inline jwks needs no network path');
    return;
  }
  const host = hostOf(idp.jwksUri);
  // With a broken domain list, where the host lives is unknown: that list is the problem to fix.
  if (host === undefined || !corporate.valid) return;
  const domains = corporate.dnsDomains.join(', ') || 'none';
  const corporateHost = isCorporateHost(host, corporate);
  if (via === 'corporate' && !corporateHost) {
    problems.add(`${at}.jwksUri`,
      `${host} is on the internet (not in a corporate DNS domain: ${domains}) and the service VPC has no internet path, so the Lambdas could not fetch the keys`,
      'set jwksAccess: { via: outside-vpc } (the authorizer, which holds no data permissions, runs outside the VPC) or jwksAccess: { via: proxy, proxyUrl: http://<corporate proxy>:<port> }');
  } else if (via === 'outside-vpc' && corporateHost) {
    problems.add(`${at}.jwksAccess.via`, `outside-vpc cannot reach ${host}, a corporate host (${domains})`,
      'remove jwksAccess: a corporate JWKS host is reached from inside the VPC');
  } else if (via === 'proxy') {
    const proxyHost = hostOf(access?.proxyUrl);
    if (proxyHost !== undefined && !isCorporateHost(proxyHost, corporate)) {
      problems.add(`${at}.jwksAccess.proxyUrl`,
        `${proxyHost} is neither in a corporate DNS domain (${domains}) nor an address in corporate.cidrs: the service VPC reaches only the corporate network`,
        'name the corporate forward proxy, e.g. http://proxy.corp.example.com:3128');
    }
  }
}

/** A claim the IdP documents as mutable identifies users only when the file says it knows (OIDC Core 5.7). */
function checkUsernameClaim(problems: Problems, at: string, idp: Json): void {
  const stable = defaultUsernameClaim(asString(idp.issuer) ?? '');
  const claim = asString(idp.usernameClaim) ?? stable;
  const source = MUTABLE_CLAIMS[claim];
  const acknowledged = idp.acknowledgeMutableUsernameClaim === true;
  if (source !== undefined && !acknowledged) {
    problems.add(`${at}.usernameClaim`,
      `"${claim}" is documented as changeable or user-editable (${source}): whoever has the value later gets the mapped Studio`,
      `identify users by ${stable} (remove usernameClaim and map their ${stable} values), or, if your IdP guarantees "${claim}" is never changed or reassigned, add acknowledgeMutableUsernameClaim: true`);
  } else if (source === undefined && acknowledged) {
    problems.add(`${at}.acknowledgeMutableUsernameClaim`, `acknowledges a mutable claim, but usernameClaim "${claim}" is not one`,
      'remove acknowledgeMutableUsernameClaim');
  }
}

function checkHttpsUrl(problems: Problems, at: string, value: unknown, example: string): void {
  const text = asString(value);
  if (text === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.hostname === '') {
    problems.add(at, `"${text}" is not an https URL`, `use the https URL the IdP publishes, e.g. ${example}`);
  } else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.add(at, `"${text}" must not contain credentials, a query or a fragment`, `use the plain URL, e.g. ${example}`);
  }
}
