/**
 * Points the real AWS SDK at local stand-ins through its standard configuration only, with dummy
 * credentials and no shared config files, as the Lambdas see it in AWS apart from the endpoints.
 */
export const TEST_REGION = 'eu-west-1';

// The SDK warns once per process, at the first client, that Node 20 support ends in 2027: noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export function useLocalAws(endpoints: { dynamodb?: string; sagemaker?: string; lambda?: string }): () => void {
  const settings: Record<string, string | undefined> = {
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'AKIDLOCALTEST',
    AWS_SECRET_ACCESS_KEY: 'local-test-secret',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SAGEMAKER: endpoints.sagemaker,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
  };
  return setEnv(settings);
}

/** Sets (or, for undefined, removes) variables and returns a function restoring the previous values. */
export function setEnv(settings: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(settings);
  return () => apply(previous);
}
