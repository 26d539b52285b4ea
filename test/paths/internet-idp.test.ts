/**
 * Identity providers on the internet: Entra ID with the authorizer outside the VPC, Okta through the
 * corporate proxy. Flow 6 proves how each Lambda that verifies tokens gets to the keys.
 */
import { analyzeStacks } from '../../analysis/paths/analyze';
import { Stacks } from '../../analysis/paths/terraform';
import { shippedStackId } from '../support/shared-synth';
import { all, edit, failing, missingOf, mutated, synthOutput } from './support';

const OKTA = shippedStackId('internet-idp', 'service-okta');
const ENTRA = shippedStackId('internet-idp', 'service-entra');

let stacks: Stacks;
beforeAll(() => {
  stacks = synthOutput('internet-idp').stacks;
}, 60_000);

const flow6 = (scope: string, given = stacks) => analyzeStacks(given).results.find((r) => r.flow === 6 && r.scope === scope);
const variables = (attrs: Record<string, unknown>) => (attrs.environment as Record<string, Record<string, string>>).variables;
const named = (name: string) => (attrs: Record<string, unknown>) => attrs.function_name === name;

it('proves every flow for both services', () => {
  expect(failing(analyzeStacks(stacks))).toEqual([]);
});

it('passes an internet IdP whose authorizer runs outside the VPC, the presign Lambda asking it through the lambda endpoint', () => {
  const result = flow6('entra');
  expect(result?.hops).toEqual(expect.arrayContaining([
    'authorizer netidp-entra-studio-authorizer runs outside any VPC: it fetches login.microsoftonline.com over Lambda\'s own internet access',
    'presign netidp-entra-studio-presign asks authorizer netidp-entra-studio-authorizer to verify each token: lambda.eu-west-1.amazonaws.com -> private DNS of endpoint netidp-entra-lambda',
  ]));
  expect(result?.assumptions).toContain('login.microsoftonline.com serves the JWKS on the internet');
});

it('passes an internet IdP reached through the corporate proxy, on the proxy port', () => {
  const result = flow6('okta');
  expect(result?.hops).toEqual(expect.arrayContaining([
    'authorizer netidp-okta-studio-authorizer fetches example.okta.com through the proxy proxy.corp.example.com:3128 (HTTPS_PROXY)',
    'presign netidp-okta-studio-presign fetches example.okta.com through the proxy proxy.corp.example.com:3128 (HTTPS_PROXY)',
    'security group netidp-okta-studio-authorizer-lambda: egress tcp/3128 to 192.168.0.0/24 (JWKS proxy)',
  ]));
});

it('fails an internet IdP fetched from inside the VPC without a proxy, saying what to set', () => {
  const inside = mutated(stacks, all(
    edit(OKTA, 'aws_lambda_function', named('netidp-okta-studio-authorizer'), (attrs) => {
      delete variables(attrs).HTTPS_PROXY;
    }),
    // As the synth would allow the host the authorizer then looks up: the firewall is not what this tests.
    edit(OKTA, 'aws_route53_resolver_firewall_domain_list', (attrs) => attrs.name === 'netidp-okta-allowed', (attrs) => {
      attrs.domains = [...(attrs.domains as string[]), 'example.okta.com'];
    }),
  ));
  expect(failing(analyzeStacks(inside))).toEqual(['6:okta']);
  expect(missingOf(analyzeStacks(inside), '6:okta')).toBe(
    'JWKS host example.okta.com is outside every corporate DNS domain (corp.example.com) and the service VPC has no internet path: ' +
      'set identityProvider.jwksAccess to { via: outside-vpc } (the authorizer outside the VPC) or { via: proxy, proxyUrl: <corporate proxy> }, or use a corporate-hosted JWKS',
  );
});

it('fails a delegating presign Lambda without a lambda endpoint to reach the authorizer', () => {
  const noEndpoint = mutated(stacks, (s) => {
    const endpoints = s[ENTRA].resource?.aws_vpc_endpoint ?? {};
    for (const [id, attrs] of Object.entries(endpoints)) if (String(attrs.service_name).endsWith('.lambda')) delete endpoints[id];
  });
  expect(missingOf(analyzeStacks(noEndpoint), '6:entra')).toMatch(/^lambda\.eu-west-1\.amazonaws\.com does not resolve to a lambda endpoint in VPC netidp-entra: presign netidp-entra-studio-presign cannot ask netidp-entra-studio-authorizer to verify tokens$/);
});
