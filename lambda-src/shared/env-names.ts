/**
 * The environment contract between the service stack (which sets these variables on the Lambdas)
 * and the Lambdas (which read them). Both sides import the names from here, so a rename cannot
 * leave one side behind.
 */
export const ENV = {
  /** Exact `iss` value. */
  idpIssuer: 'IDP_ISSUER',
  /** Comma-separated accepted `aud` values (or `client_id` when a token has no `aud`). */
  idpAudience: 'IDP_AUDIENCE',
  /** Comma-separated accepted `azp` values; default: the audiences. */
  idpAuthorizedParties: 'IDP_AUTHORIZED_PARTIES',
  /** https JWKS URL (plain http only for loopback stand-ins). */
  idpJwksUri: 'IDP_JWKS_URI',
  /** A JWKS document; wins over the URI. */
  idpJwksJson: 'IDP_JWKS_JSON',
  /** The claim that identifies the user: the mapping table's key. */
  userClaim: 'USERNAME_CLAIM',
  /** JSON object: claim name -> accepted values (the token's value, or one of its array members, must be one). */
  idpRequiredClaims: 'IDP_REQUIRED_CLAIMS',
  /** Oldest `iat` accepted, in seconds. */
  idpMaxTokenAgeSeconds: 'IDP_MAX_AGE_SECONDS',
  /** Forward proxy (`http://host:port`) for the JWKS fetch, the variable every HTTP client knows. */
  httpsProxy: 'HTTPS_PROXY',
  /** Comma-separated hosts (or `.suffix`es) fetched without the proxy. */
  noProxy: 'NO_PROXY',
  /**
   * Presign only: name of the authorizer function that verifies tokens for it, when the authorizer
   * runs outside the VPC to reach an internet IdP (the presign function then has no JWKS of its own).
   */
  idpVerifierFunction: 'IDP_VERIFIER_FUNCTION',
  /** Mapping table, partition key `username` (S). */
  mappingTableName: 'MAPPING_TABLE_NAME',
  /** URL lifetime, clamped to 5..300. */
  presignedUrlExpiresSeconds: 'PRESIGNED_URL_EXPIRES_SECONDS',
  /** Session lifetime, clamped to 1800..43200. */
  studioSessionSeconds: 'STUDIO_SESSION_SECONDS',
  /** Set by the Lambda runtime itself: the region whose Studio hosts a redirect may name. */
  awsRegion: 'AWS_REGION',
} as const;

/**
 * The one route of the API: the stack creates it (resource, method, permission, resource policy)
 * and the authorizer's Allow names exactly it, so both take it from here.
 */
export const STUDIO_ROUTE = { method: 'GET', path: 'studio' } as const;
