import * as path from 'path';
import { SynthesizedStack, findResources, resourcesOfType, statementsOf, synthLandingZone } from '../support/synth';
import { shippedStackId } from '../support/shared-synth';

/** Entra ID with the authorizer outside the VPC, Okta through the corporate proxy. */
const INTERNET_IDP = path.resolve(__dirname, '../fixtures/accounts/internet-idp.yaml');

let entra: SynthesizedStack;
let okta: SynthesizedStack;
beforeAll(() => {
  const { json } = synthLandingZone(INTERNET_IDP);
  entra = json[shippedStackId('internet-idp', 'service-entra')];
  okta = json[shippedStackId('internet-idp', 'service-okta')];
});

const fn = (stack: SynthesizedStack, suffix: string) =>
  Object.values(resourcesOfType(stack, 'aws_lambda_function')).find((f) => String(f.function_name).endsWith(suffix)) as Record<string, unknown>;
const variables = (stack: SynthesizedStack, suffix: string) => (fn(stack, suffix).environment as { variables: Record<string, string> }).variables;
const rolePolicyStatements = (stack: SynthesizedStack, suffix: string) => {
  const roleId = String(fn(stack, suffix).role).replace(/^\$\{aws_iam_role\.(.*)\.arn\}$/, '$1');
  return findResources(stack, 'aws_iam_role_policy', { role: `\${aws_iam_role.${roleId}.id}` }).flatMap((p) => statementsOf(p.policy));
};

describe('an internet IdP with the authorizer outside the VPC', () => {
  it('runs the authorizer outside the VPC with nothing but its logs and traces', () => {
    const authorizer = fn(entra, '-studio-authorizer');
    expect(authorizer.vpc_config).toBeUndefined();
    expect(variables(entra, '-studio-authorizer')).toMatchObject({
      IDP_JWKS_URI: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/discovery/v2.0/keys',
      USERNAME_CLAIM: 'oid',
      IDP_REQUIRED_CLAIMS: JSON.stringify({ tid: ['72f988bf-86f1-41af-91ab-2d7cd011db47'], groups: ['0f8b5a3c-2d4e-4f6a-8b9c-1d2e3f4a5b6c'] }),
    });
    const actions = rolePolicyStatements(entra, '-studio-authorizer').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
  });

  it('keeps the presign Lambda in the VPC, asking the authorizer to verify each token', () => {
    const presign = fn(entra, '-studio-presign');
    expect(presign.vpc_config).toBeDefined();
    const env = variables(entra, '-studio-presign');
    expect(env.IDP_VERIFIER_FUNCTION).toBe('netidp-entra-studio-authorizer');
    expect(env).not.toHaveProperty('IDP_JWKS_URI');
    const authorizerArn = 'arn:aws:lambda:eu-west-1:222222222222:function:netidp-entra-studio-authorizer';
    expect(rolePolicyStatements(entra, '-studio-presign')).toContainEqual({
      Sid: 'AskTheAuthorizerToVerifyTokens', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: authorizerArn,
    });
    const lambdaEndpoint = Object.values(resourcesOfType(entra, 'aws_vpc_endpoint')).find((e) => String(e.service_name).endsWith('.lambda'));
    expect(statementsOf(lambdaEndpoint?.policy)).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Resource: [authorizerArn, `${authorizerArn}:*`],
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/netidp-entra-studio-presign-lambda-euw1' } },
    }));
    // The role ARN in the exception is the presign role's real name.
    expect(Object.values(resourcesOfType(entra, 'aws_iam_role')).map((r) => r.name)).toContain('netidp-entra-studio-presign-lambda-euw1');
  });
});

describe('an internet IdP through the corporate proxy', () => {
  it.each(['-studio-authorizer', '-studio-presign'])('gives %s HTTPS_PROXY and egress to the proxy port only', (suffix) => {
    expect(variables(okta, suffix)).toMatchObject({
      IDP_JWKS_URI: 'https://example.okta.com/oauth2/default/v1/keys',
      HTTPS_PROXY: 'http://proxy.corp.example.com:3128',
      IDP_AUTHORIZED_PARTIES: '0oa1b2c3d4e5f6g7h8i9',
      USERNAME_CLAIM: 'sub',
    });
    const group = (fn(okta, suffix).vpc_config as { security_group_ids: string[] }).security_group_ids[0];
    const toCorporate = findResources(okta, 'aws_vpc_security_group_egress_rule', { security_group_id: group }).filter((r) => r.cidr_ipv4 !== undefined);
    expect(toCorporate.map((r) => [r.cidr_ipv4, r.from_port, r.to_port])).toEqual([['192.168.0.0/16', 3128, 3128]]);
  });
});
