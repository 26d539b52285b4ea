/**
 * SageMaker ARNs of the Studio resources the permission builders name. Forms from the service
 * authorization reference (resource types `domain`, `user-profile`, `space`, `app`):
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsagemaker.html
 * A space's apps are `app/<domain>/<space>/<type>/<name>`: the space name takes the place of the
 * profile, so an app ARN alone cannot say whose space it is (hence the owner condition keys).
 */
export interface StudioAccount {
  readonly region: string;
  readonly accountId: string;
}

const arn = ({ region, accountId }: StudioAccount, resource: string): string => `arn:aws:sagemaker:${region}:${accountId}:${resource}`;

export const domainArn = (account: StudioAccount, domainId: string): string => arn(account, `domain/${domainId}`);
/** `profile` may be `*`: every profile of the domain. */
export const userProfileArn = (account: StudioAccount, domainId: string, profile: string): string => arn(account, `user-profile/${domainId}/${profile}`);
/** `path` below the domain: `*` for every space, or `<space>`. */
export const spaceArn = (account: StudioAccount, domainId: string, path: string): string => arn(account, `space/${domainId}/${path}`);
/** `path` below the domain: `*` for every app, or `<space or profile>/<type>/<name>`. */
export const appArn = (account: StudioAccount, domainId: string, path: string): string => arn(account, `app/${domainId}/${path}`);
