import { ENV } from '../../lambda-src/shared/env-names';
import type { ResolvedIdentityProvider } from '../config/types';
import type { PolicyStatement } from '../shared/iam-policy';

/**
 * The variables through which the Lambdas learn how to verify a token and whom it names. The
 * authorizer and the presign function get the same ones: the presign function verifies the token
 * again rather than trusting its event.
 */
function identityEnvironment(idp: ResolvedIdentityProvider): Record<string, string> {
  return {
    [ENV.idpIssuer]: idp.issuer,
    [ENV.idpAudience]: idp.audience.join(','),
    [ENV.idpAuthorizedParties]: idp.authorizedParties.join(','),
    [ENV.userClaim]: idp.usernameClaim,
    [ENV.idpMaxTokenAgeSeconds]: String(idp.maxTokenAgeSeconds),
    ...(Object.keys(idp.requiredClaims).length > 0 ? { [ENV.idpRequiredClaims]: JSON.stringify(idp.requiredClaims) } : {}),
    ...(idp.jwksUri ? { [ENV.idpJwksUri]: idp.jwksUri } : { [ENV.idpJwksJson]: JSON.stringify(idp.jwks) }),
    ...(idp.jwksAccess?.via === 'proxy' ? { [ENV.httpsProxy]: idp.jwksAccess.proxyUrl } : {}),
  };
}

/** How each Lambda gets to verify tokens, from the account file's `jwksAccess`. */
interface TokenVerification {
  /** The authorizer runs outside the VPC (an internet IdP without a proxy). */
  authorizerOutsideVpc: boolean;
  authorizerEnvironment: Record<string, string>;
  presignEnvironment: Record<string, string>;
  /** What the presign role needs beyond its own grants. */
  presignPermissions: PolicyStatement[];
  /** HTTPS egress the in-VPC verifiers need (to the JWKS host or the proxy), if any. */
  egress?: { port: number; cidrs: string[] };
  /** The host name the in-VPC verifiers look up (the JWKS host or the proxy): the VPC's DNS Firewall lets it through. */
  resolvedHost?: string;
}

export function tokenVerification(
  idp: ResolvedIdentityProvider,
  corporateCidrs: string[],
  authorizer: { functionName: string; functionArn: string },
): TokenVerification {
  const identity = identityEnvironment(idp);
  const via = idp.jwksAccess?.via;
  if (via === 'outside-vpc') {
    return {
      authorizerOutsideVpc: true,
      authorizerEnvironment: identity,
      // The presign function cannot reach the IdP: it asks the authorizer, over the lambda endpoint.
      presignEnvironment: { [ENV.idpVerifierFunction]: authorizer.functionName },
      presignPermissions: [{ Sid: 'AskTheAuthorizerToVerifyTokens', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: authorizer.functionArn }],
    };
  }
  const target = new URL(via === 'proxy' && idp.jwksAccess?.via === 'proxy' ? idp.jwksAccess.proxyUrl : idp.jwksUri ?? 'https://inline.invalid');
  const port = Number(target.port || (target.protocol === 'http:' ? 80 : 443));
  // A proxy named by address gets exactly that address; a name gets the addresses the file gives
  // for it, else it is somewhere in the corporate ranges.
  const byAddress = /^\d+\.\d+\.\d+\.\d+$/.test(target.hostname);
  const cidrs = byAddress ? [`${target.hostname}/32`] : idp.addresses ?? corporateCidrs;
  return {
    authorizerOutsideVpc: false,
    authorizerEnvironment: identity,
    presignEnvironment: identity,
    presignPermissions: [],
    egress: idp.jwksUri ? { port, cidrs } : undefined,
    resolvedHost: idp.jwksUri && !byAddress ? target.hostname : undefined,
  };
}
