import { CreatePresignedDomainUrlCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { StudioMapping } from '../shared/mapping';
import type { PresignConfig } from './config';

/**
 * Every value comes from the mapping item and the function's configuration, never from the request.
 * The IAM role running this carries the aws:SourceVpce condition that binds the URL to the VPC endpoints.
 */
export async function presignStudioUrl(client: SageMakerClient, mapping: StudioMapping, config: PresignConfig): Promise<string> {
  const output = await client.send(
    new CreatePresignedDomainUrlCommand({
      DomainId: mapping.domainId,
      UserProfileName: mapping.userProfileName,
      SpaceName: mapping.spaceName,
      LandingUri: mapping.landingUri,
      ExpiresInSeconds: config.urlExpiresSeconds,
      SessionExpirationDurationInSeconds: config.sessionSeconds,
    }),
  );
  if (!output.AuthorizedUrl) throw new Error('CreatePresignedDomainUrl returned no AuthorizedUrl');
  return output.AuthorizedUrl;
}

/** Control characters (C0, DEL, C1), whitespace and backslashes: none belongs in a URL we redirect to. */
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f-\u009f\\]/;

/**
 * Why `url` must not be handed out, or undefined when it is a Studio URL of `region`: `https://`
 * on one host label under `studio.<region>.sagemaker.aws` (the domain's `d-...` host, or a space's
 * random host when the mapping names a space), default port, no credentials. Whatever answered as
 * SageMaker (a misrouted endpoint, a bug), the browser is never sent anywhere else. Only the host is
 * returned, for the log: the rest of the URL is a credential.
 */
export function studioUrlProblem(url: string, region: string): { reason: string; host?: string } | undefined {
  if (UNSAFE_CHARACTERS.test(url)) return { reason: 'control character, whitespace or backslash in the URL' };
  if (!url.startsWith('https://')) return { reason: 'not an https:// URL' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'not a URL' };
  }
  const host = parsed.hostname;
  if (parsed.username !== '' || parsed.password !== '') return { reason: 'credentials in the URL', host };
  if (parsed.port !== '') return { reason: 'explicit port', host };
  const studioHost = new RegExp(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.studio\\.${region.replace(/[^a-z0-9-]/g, '')}\\.sagemaker\\.aws$`);
  if (!studioHost.test(host)) return { reason: `host outside studio.${region}.sagemaker.aws`, host };
  return undefined;
}
