import { policyDocument } from '../../modules/shared/iam-policy';
import { studioEndpointPolicy } from '../../modules/studio/studio-endpoint-policy';
import { evaluate } from '../../analysis/policy-proofs/simulate';

/** A central endpoint serving two service accounts, as the hub's will. */
const policy = JSON.parse(policyDocument(studioEndpointPolicy({
  region: 'eu-west-1',
  serviceAccountIds: ['333333333333', '222222222222', '333333333333'],
  allowedInstanceTypes: ['ml.t3.medium', 'ml.m5.large', 'ml.t3.medium'],
}))) as Record<string, unknown>;

const createApp = (account: string, instanceTypes: string[]) => {
  const app = `arn:aws:sagemaker:eu-west-1:${account}:app/d-abcdefghijkl/alice-work/jupyterlab/default`;
  return evaluate({
    principal: `arn:aws:iam::${account}:role/example-analytics-studio-user-alice`,
    action: 'sagemaker:CreateApp',
    resource: app,
    resourceAccount: account,
    context: { 'aws:SourceVpce': 'vpce-0123456789abcdef0', 'sagemaker:InstanceTypes': instanceTypes },
    identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sagemaker:CreateApp', Resource: app }] }],
    endpointPolicies: [policy],
  });
};

describe('the Studio endpoint policy', () => {
  it('serves each service account\'s principals on that account\'s apps, once per account', async () => {
    expect((await createApp('222222222222', ['ml.t3.medium'])).verdict).toBe('Allowed');
    expect((await createApp('333333333333', ['ml.m5.large'])).verdict).toBe('Allowed');
    const statements = policy.Statement as { Sid: string; Resource: string | string[] }[];
    expect(statements.find((s) => s.Sid === 'PresignedSessionsOfLandingZoneProfiles')!.Resource).toEqual([
      'arn:aws:sagemaker:eu-west-1:222222222222:user-profile/*/*',
      'arn:aws:sagemaker:eu-west-1:333333333333:user-profile/*/*',
    ]);
  });

  it('refuses accounts outside the landing zone and instance types outside every list', async () => {
    expect((await createApp('444444444444', ['ml.t3.medium'])).verdict).not.toBe('Allowed');
    const gpu = await createApp('222222222222', ['ml.t3.medium', 'ml.g5.xlarge']);
    expect(gpu).toEqual({ verdict: 'ExplicitlyDenied', blockedBy: ['vpce'] });
  });
});
