/** IAM role names are at most 64 characters: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
export const IAM_ROLE_NAME_MAX = 64;

/** The execution role of one user profile. */
export const studioUserRoleName = (domainName: string, userProfileName: string): string => `${domainName}-studio-user-${userProfileName}`;

/** The domain's default execution role, used by no profile this module manages. */
export const studioDefaultRoleName = (domainName: string): string => `${domainName}-studio-execution`;
