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
