/**
 * Which token claim may identify a user. The mapping table gives whoever presents a claim value the
 * Studio of that value, so the claim must be one the IdP guarantees unique and never reassigned.
 *
 * - OpenID Connect Core 1.0, 5.7 "Claim Stability and Uniqueness": `sub` with `iss` is the only
 *   stable identifier; `email`, `phone_number`, `preferred_username` and `name` MUST NOT be used
 *   as unique identifiers (https://openid.net/specs/openid-connect-core-1_0.html#ClaimStability).
 * - Microsoft identity platform, ID token and access token claims references: `oid` is the
 *   immutable identifier of the user across applications (`sub` is pairwise per application);
 *   `preferred_username`, `email`, `upn`, `unique_name` and `name` are mutable and must not be
 *   used for authorization decisions
 *   (https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference,
 *   https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference).
 */
import { type Cidr, containsAddress, parseIpv4 } from './cidr';
import type { ResolvedLandingZone } from './types';

/** Mutable or user-editable claims, with the documentation that says so. */
export const MUTABLE_CLAIMS: Readonly<Record<string, string>> = {
  preferred_username: 'OIDC Core 5.7; Microsoft identity platform ID token claims reference ("mutable")',
  email: 'OIDC Core 5.7; Microsoft identity platform ID token claims reference',
  emails: 'Azure AD B2C user attributes (user-editable)',
  upn: 'Microsoft identity platform access token claims reference ("can change")',
  unique_name: 'Microsoft identity platform access token claims reference ("mutable")',
  name: 'OIDC Core 5.7; Microsoft identity platform ID token claims reference ("mutable")',
  given_name: 'OIDC Core 5.1 (profile claims the user edits)',
  family_name: 'OIDC Core 5.1 (profile claims the user edits)',
  nickname: 'OIDC Core 5.1 (profile claims the user edits)',
  phone_number: 'OIDC Core 5.7',
  login: 'Okta user profile (the login can be renamed)',
};

/** Issuer hosts of Microsoft Entra ID (global and national clouds). */
const ENTRA_ISSUER_HOSTS = new Set([
  'login.microsoftonline.com',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

function isEntraIdIssuer(issuer: string): boolean {
  try {
    return ENTRA_ISSUER_HOSTS.has(new URL(issuer).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** `oid` for Entra ID (the same user in every application), `sub` everywhere else. */
export function defaultUsernameClaim(issuer: string): string {
  return isEntraIdIssuer(issuer) ? 'oid' : 'sub';
}

/** One line per service that identifies users by an acknowledged mutable claim; synth prints them. */
export function identityWarnings(landingZone: ResolvedLandingZone): string[] {
  return landingZone.services.flatMap((service, i) => {
    const claim = service.identityProvider.usernameClaim;
    const source = MUTABLE_CLAIMS[claim];
    if (source === undefined) return [];
    return [
      `services[${i}].identityProvider.usernameClaim: "${claim}" can change or be edited by the user (${source}); ` +
        `whoever holds a mapped value later gets that user's Studio. Prefer ${defaultUsernameClaim(service.identityProvider.issuer)}.`,
    ];
  });
}

/** Where a host is, for the Lambdas of a service VPC that has no internet path. */
export function isCorporateHost(host: string, corporate: { dnsDomains: readonly string[]; cidrs: readonly Cidr[] }): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const address = parseIpv4(name);
  if (address !== undefined) return corporate.cidrs.some((cidr) => containsAddress(cidr, address));
  return corporate.dnsDomains.some((domain) => {
    const suffix = domain.toLowerCase().replace(/\.$/, '');
    return name === suffix || name.endsWith(`.${suffix}`);
  });
}
