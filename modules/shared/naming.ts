/** Names of stacks and resources, in one place so stacks, tests and tools agree. */

export const NETWORK_STACK = 'network';
export const serviceStackName = (service: string): string => `service-${service}`;
export const networkLinkStackName = (service: string): string => `network-link-${service}`;

/** The Studio host family the corporate DNS forwards to the inbound resolver. */
export const studioZoneName = (region: string): string => `studio.${region}.sagemaker.aws`;

/** The Studio interface endpoint's service name (not under `com.amazonaws`). */
export const studioEndpointService = (region: string): string => `aws.sagemaker.${region}.studio`;

/** Terraform Cloud workspace of one stack. */
export const workspaceName = (environment: string, stack: string): string => `${environment}-${stack}`;
