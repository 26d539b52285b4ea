import { ENV } from '../../lambda-src/shared/env-names';
import type { ResolvedIdentityProvider } from '../config/types';

/**
 * The variables through which both Lambdas learn how to verify a token and whom it names. The
 * authorizer and the presign function get the same ones: the presign function verifies the token
 * again rather than trusting its event.
 */
export function identityEnvironment(idp: ResolvedIdentityProvider): Record<string, string> {
  return {
    [ENV.idpIssuer]: idp.issuer,
    [ENV.idpAudience]: idp.audience.join(','),
    [ENV.idpAuthorizedParties]: idp.authorizedParties.join(','),
    [ENV.userClaim]: idp.usernameClaim,
    [ENV.idpMaxTokenAgeSeconds]: String(idp.maxTokenAgeSeconds),
    ...(Object.keys(idp.requiredClaims).length > 0 ? { [ENV.idpRequiredClaims]: JSON.stringify(idp.requiredClaims) } : {}),
    ...(idp.jwksUri ? { [ENV.idpJwksUri]: idp.jwksUri } : { [ENV.idpJwksJson]: JSON.stringify(idp.jwks) }),
  };
}
