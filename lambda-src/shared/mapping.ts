/**
 * The user -> Studio mapping: one DynamoDB item per corporate user, partition key `username`, which
 * holds the value of the identity provider's stable user claim (`sub` by default, `oid` for Entra
 * ID). The same rules serve the presign handler, the admin CLI and the account-file seed mappings,
 * so an item that one of them accepts is never refused by another.
 */

/** Attribute names of a mapping item. */
export interface StudioMapping {
  username: string;
  domainId: string;
  userProfileName: string;
  spaceName?: string;
  landingUri?: string;
}

/** Partition key of the mapping table. */
export const MAPPING_KEY = 'username';

/**
 * User ids as IdPs issue them: `sub` is at most 255 ASCII characters (OIDC Core 2), e.g. Okta
 * `00u1a2b3c4`, Auth0 `auth0|5f7c...`, Cognito and Entra ID `oid` UUIDs, Entra ID `sub` base64url;
 * or, where an account file names such a claim, `alice@corp.example.com`. No spaces or control characters.
 */
export const USERNAME_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._@+|:=~-]{0,254}$/;
/** SageMaker domain ids. */
export const DOMAIN_ID_PATTERN = /^d-[a-z0-9]{12}$/;
/** SageMaker user profile and space names (SageMaker's own pattern, 1..63 chars). */
export const PROFILE_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
/**
 * `LandingUri` forms of CreatePresignedDomainUrl (`studio::`, `app:JupyterLab:`, `app:CodeEditor:`,
 * `app:JupyterServer:`, `app:RStudioServerPro:`, `app:Canvas:`), each optionally followed by a
 * relative path: segments of unreserved characters, never `/`-first, `//`, `.` or `..` segments or
 * percent-escapes that could spell them, so a mapping can only point inside the user's Studio.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePresignedDomainUrl.html
 */
export const LANDING_URI_PATTERN =
  /^(studio::|app:(JupyterServer|JupyterLab|RStudioServerPro|CodeEditor|Canvas):)(?!\/)(?!.*\/\/)(?!(.*\/)?\.{1,2}(\/|$))[A-Za-z0-9._~/-]{0,1000}$/;

/** One problem with one field, worded so the fix is clear. */
export interface MappingProblem {
  field: keyof StudioMapping;
  message: string;
}

/**
 * Checks a candidate mapping item. `domainId` may be omitted only when `allowMissingDomainId`
 * (account-file seeds whose domain is created by the same stack).
 */
export function mappingProblems(
  item: Partial<Record<keyof StudioMapping, unknown>>,
  options: { allowMissingDomainId?: boolean } = {},
): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const check = (field: keyof StudioMapping, pattern: RegExp, expected: string, optional: boolean) => {
    const value = item[field];
    if (value === undefined || value === null || value === '') {
      if (!optional) problems.push({ field, message: `${field} is required (${expected})` });
      return;
    }
    if (typeof value !== 'string' || !pattern.test(value)) {
      problems.push({ field, message: `${field} must be ${expected}` });
    }
  };
  check('username', USERNAME_PATTERN, 'a user id of 1..255 letters, digits and . _ @ + | : = ~ -, starting with a letter, digit, _ or -', false);
  check('domainId', DOMAIN_ID_PATTERN, 'a SageMaker domain id: "d-" followed by 12 lowercase letters or digits', options.allowMissingDomainId === true);
  check('userProfileName', PROFILE_NAME_PATTERN, 'a SageMaker user profile name: 1..63 letters, digits and hyphens, not starting or ending with a hyphen', false);
  check('spaceName', PROFILE_NAME_PATTERN, 'a SageMaker space name: 1..63 letters, digits and hyphens, not starting or ending with a hyphen', true);
  check('landingUri', LANDING_URI_PATTERN,
    'a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments', true);
  return problems;
}
