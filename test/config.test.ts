import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { createSchemaAjv, schemaValidator } from '../modules/config/schema-validator';
import { stringify } from 'yaml';
import {
  DOMAIN_ID_PATTERN,
  LANDING_URI_PATTERN,
  PROFILE_NAME_PATTERN,
  USERNAME_PATTERN,
} from '../lambda-src/shared/mapping';
import {
  cidrsOverlap,
  containsCidr,
  firstFreePrivateBlock,
  formatCidr,
  formatIpv4,
  hasHostBits,
  isAwsReservedAddress,
  isRfc1918,
  mustParseCidr,
  parseCidr,
  parseIpv4,
  splitInFour,
} from '../modules/config/cidr';
import { identityWarnings } from '../modules/config/identity';
import { azIdPrefix, defaultAvailabilityZoneIds, isAzIdOfRegion, REGION_NAMES } from '../modules/config/regions';
import { DEFAULTS, resolveConfig } from '../modules/config/resolve';
import schema from '../modules/config/schema.json';
import type { LandingZoneConfig } from '../modules/config/types';
import { accountFilePath, listEnvironments, loadAccountFile, parseAccountFile } from '../modules/config/load';
import { ConfigError, type ValidationProblem } from '../modules/config/problems';
import { validateConfig } from '../modules/config/validate';
import { generateLandingZone } from '../tools/generate-accounts';

const REPO = path.resolve(__dirname, '..');
const EXAMPLE_FILE = path.join(REPO, 'accounts/example.yaml');
const FIXTURE_DIR = path.join(REPO, 'test/fixtures/accounts');
const FIXTURES = fs.readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.yaml')).sort();

function raw(file: string): LandingZoneConfig {
  const absolute = path.isAbsolute(file) ? file : path.join(FIXTURE_DIR, file);
  return parseAccountFile(fs.readFileSync(absolute, 'utf8'), absolute) as LandingZoneConfig;
}

const example = (): LandingZoneConfig => raw(EXAMPLE_FILE);

/** Removes a key when used as a value in `edits`. */
const DELETE = Symbol('delete');
type Edits = Record<string, unknown>;

/** Applies edits addressed like problem paths (`services[0].vpcCidr`) to a copy of `base`. */
function edited(base: LandingZoneConfig, edits: Edits): unknown {
  const copy = structuredClone(base) as unknown;
  for (const [at, value] of Object.entries(edits)) {
    const keys = [...at.matchAll(/\[(\d+)\]|\[("[^"]*")\]|([^.[\]]+)/g)]
      .map(([, index, quoted, name]) => (index !== undefined ? Number(index) : quoted !== undefined ? (JSON.parse(quoted) as string) : name));
    const last = keys.pop() as string | number;
    let node = copy as Record<string | number, unknown>;
    for (const key of keys) {
      node[key] ??= {};
      node = node[key] as Record<string | number, unknown>;
    }
    if (value === DELETE) delete node[last];
    else node[last] = value;
  }
  return copy;
}

const brief = (problems: ValidationProblem[]) => problems.map(({ path: at, message }) => ({ path: at, message }));

describe('valid account files', () => {
  it.each(['accounts/example.yaml', ...FIXTURES.map((file) => `test/fixtures/accounts/${file}`)])('%s validates cleanly and loads', (file) => {
    expect(validateConfig(raw(path.join(REPO, file)))).toEqual([]);
    expect(() => loadAccountFile(path.join(REPO, file))).not.toThrow();
  });

  it('every YAML file publishes the schema to editors', () => {
    for (const file of [EXAMPLE_FILE, ...FIXTURES.map((name) => path.join(FIXTURE_DIR, name))]) {
      const first = fs.readFileSync(file, 'utf8').split('\n')[0];
      const schemaPath = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
      expect(schemaPath && path.resolve(path.dirname(file), schemaPath)).toBe(path.join(REPO, 'modules/config/schema.json'));
    }
  });

  it('the example is the landing zone the docs describe', () => {
    const { config } = loadAccountFile(EXAMPLE_FILE);
    expect(config).toMatchObject({
      environment: 'example',
      region: 'eu-west-1',
      backend: { type: 'local' },
      inOrganization: false,
      network: { accountId: '111111111111', hubVpcCidr: '10.10.0.0/24' },
      corporate: {
        cidrs: ['192.168.0.0/16'],
        dnsServerIps: ['192.168.0.10', '192.168.0.74'],
        dnsDomains: ['corp.example.com'],
        connectivity: { type: 'simulated', vpcCidr: '192.168.0.0/24' },
      },
    });
    expect(config.services).toHaveLength(1);
    expect(config.services[0]).toMatchObject({
      name: 'analytics',
      accountId: '222222222222',
      vpcCidr: '10.16.0.0/16',
      identityProvider: {
        issuer: 'https://idp.corp.example.com/oauth2/default',
        audience: ['studio-portal'],
        jwksUri: 'https://idp.corp.example.com/oauth2/default/v1/keys',
        usernameClaim: 'sub',
      },
      studio: { mode: 'create', userProfiles: ['alice', 'bob'] },
      mappings: [
        { username: '00u1a2b3c4alice5d6e7', userProfileName: 'alice', landingUri: 'studio::' },
        { username: '00u8f9g0h1bob2i3j4k5', userProfileName: 'bob' },
      ],
    });
  });

  it('warns about an acknowledged mutable identity claim, and only then', () => {
    expect(identityWarnings(loadAccountFile(path.join(REPO, 'accounts/example.yaml')).config)).toEqual([]);
    expect(identityWarnings(loadAccountFile(path.join(FIXTURE_DIR, 'three-services.yaml')).config)).toEqual([
      expect.stringMatching(/^services\[1\]\.identityProvider\.usernameClaim: "email" can change or be edited by the user \(OIDC Core 5\.7.*Prefer sub\.$/),
    ]);
  });

  it.each([1, 3, 50])('generateLandingZone(%i) validates cleanly', (count) => {
    const config = generateLandingZone(count);
    expect(config.services).toHaveLength(count);
    expect(validateConfig(config)).toEqual([]);
  });

  it('generateLandingZone refuses counts it cannot address', () => {
    expect(() => generateLandingZone(0)).toThrow(RangeError);
    expect(() => generateLandingZone(241)).toThrow(RangeError);
  });

  // How fast validation is belongs to the benchmark; that it never recompiles is checked here.
  it('compiles the schema once per process: every validation reuses one validator', () => {
    const validator = schemaValidator();
    expect(validateConfig(generateLandingZone(50))).toEqual([]);
    expect(schemaValidator()).toBe(validator);
  });
});

describe('resolveConfig applies the documented defaults', () => {
  const resolved = resolveConfig(example());
  const service = resolved.services[0];

  it('splits the hub into 4 equal subnets and uses one per AZ id', () => {
    expect(resolved.network.subnets).toEqual([
      { availabilityZoneId: 'euw1-az1', cidr: '10.10.0.0/26' },
      { availabilityZoneId: 'euw1-az2', cidr: '10.10.0.64/26' },
    ]);
  });

  it('puts the default inbound resolver IPs on the 10th address of each hub subnet', () => {
    expect(resolved.network.inboundResolverIps).toEqual(['10.10.0.10', '10.10.0.74']);
  });

  it('derives role ARNs from deployRoleName', () => {
    expect(resolved.network.roleArn).toBe('arn:aws:iam::111111111111:role/LandingZoneDeployer');
    expect(service.roleArn).toBe('arn:aws:iam::222222222222:role/LandingZoneDeployer');
    const renamed = resolveConfig(edited(example(), { deployRoleName: DELETE }) as LandingZoneConfig);
    expect(renamed.network.roleArn).toBe(`arn:aws:iam::111111111111:role/${DEFAULTS.deployRoleName}`);
  });

  it('gives services the network AZ ids and their own subnets', () => {
    expect(service.subnets).toEqual([
      { availabilityZoneId: 'euw1-az1', cidr: '10.16.0.0/18' },
      { availabilityZoneId: 'euw1-az2', cidr: '10.16.64.0/18' },
    ]);
  });

  it('splits the simulated corporate VPC over the network AZ ids', () => {
    expect(resolved.corporate.connectivity).toEqual({
      type: 'simulated',
      vpcCidr: '192.168.0.0/24',
      subnets: [
        { availabilityZoneId: 'euw1-az1', cidr: '192.168.0.0/26' },
        { availabilityZoneId: 'euw1-az2', cidr: '192.168.0.64/26' },
      ],
    });
  });

  it('fills service defaults', () => {
    expect(service.studio).toEqual({
      mode: 'create', domainName: 'example-analytics', userProfiles: ['alice', 'bob'],
      allowedInstanceTypes: ['ml.t3.medium', 'ml.t3.large', 'ml.m5.large'], idleShutdownMinutes: 60, retainHomeFileSystem: true,
    });
    expect(service.api).toEqual({ stageName: 'v1', throttleRateLimit: 50, throttleBurstLimit: 100, authorizerCacheSeconds: 60 });
    expect(service.lambdaReservedConcurrency).toBeUndefined();
    expect(service.apiGatewayCloudWatchRole).toEqual({ mode: 'create' });
    expect(service.deletionProtection).toBe(true);
    expect(service.mappings[1]).toEqual({ username: '00u8f9g0h1bob2i3j4k5', userProfileName: 'bob' });
    const bare = resolveConfig(edited(example(), {
      'services[0].presignedUrl': DELETE,
      'services[0].identityProvider.usernameClaim': DELETE,
      'services[0].mappings': DELETE,
      logs: DELETE,
      tags: DELETE,
      inOrganization: DELETE,
      backend: DELETE,
    }) as LandingZoneConfig);
    expect(bare.services[0].presignedUrl).toEqual({ expiresInSeconds: 60, sessionExpirationSeconds: 28800 });
    expect(bare.services[0].identityProvider).toMatchObject({
      usernameClaim: 'sub',
      acknowledgeMutableUsernameClaim: false,
      authorizedParties: ['studio-portal'],
      requiredClaims: {},
      maxTokenAgeSeconds: 7200,
    });
    const entra = resolveConfig(edited(example(), {
      'services[0].identityProvider.issuer': 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      'services[0].identityProvider.usernameClaim': DELETE,
    }) as LandingZoneConfig);
    expect(entra.services[0].identityProvider.usernameClaim).toBe('oid');
    expect(bare.services[0].mappings).toEqual([]);
    expect(bare.logs.retentionDays).toBe(365);
    expect(bare.tags).toEqual({});
    expect(bare.inOrganization).toBe(false);
    expect(bare.backend).toEqual({ type: 'local' });
  });

  it('defaults AZ ids to the region\'s first two zones', () => {
    const defaulted = resolveConfig(edited(example(), { 'network.availabilityZoneIds': DELETE }) as LandingZoneConfig);
    expect(defaulted.network.subnets.map((subnet) => subnet.availabilityZoneId)).toEqual(['euw1-az1', 'euw1-az2']);
    const west = resolveConfig(edited(example(), { region: 'us-west-1', 'network.availabilityZoneIds': DELETE }) as LandingZoneConfig);
    expect(west.network.subnets.map((subnet) => subnet.availabilityZoneId)).toEqual(['usw1-az1', 'usw1-az3']);
  });

  it('keeps explicit values', () => {
    const s3 = resolveConfig(raw('s3-backend.yaml'));
    expect(s3.network.inboundResolverIps).toEqual(['10.10.1.153', '10.10.0.181']);
    expect(s3.network.subnets.map((subnet) => subnet.cidr)).toEqual(['10.10.1.128/25', '10.10.0.128/25']);
    expect(s3.backend).toEqual({
      type: 's3',
      bucket: 'acme-terraform-state',
      region: 'us-east-1',
      keyPrefix: 'landing/staging',
      roleArn: 'arn:aws:iam::999999999999:role/TerraformStateAccess',
      useLockfile: true,
    });
    const three = resolveConfig(raw('three-services.yaml'));
    expect(three.network.inboundResolverIps).toEqual(['10.10.0.10', '10.10.0.74', '10.10.0.138']);
    expect(three.services[2].subnets).toEqual([
      // Each AZ in the quarter its number picks, whatever else is listed.
      { availabilityZoneId: 'euc1-az2', cidr: '10.18.4.0/22' },
      { availabilityZoneId: 'euc1-az3', cidr: '10.18.8.0/22' },
    ]);
    expect(three.services[2].studio).toEqual({
      mode: 'create', domainName: 'ml-platform-studio', userProfiles: ['erin'], allowedInstanceTypes: ['ml.t3.medium', 'ml.m5.xlarge'], idleShutdownMinutes: 120, retainHomeFileSystem: true,
    });
    expect(three.services[1].studio).toEqual({ mode: 'existing', domainIds: ['d-abcdefghijkl', 'd-mnopqrstuvwx'], allowedInstanceTypes: [...DEFAULTS.studioInstanceTypes] });
    const org = resolveConfig(raw('org.yaml'));
    expect(org.network.roleArn).toBe('arn:aws:iam::111111111111:role/NetworkDeployer');
    expect(org.services[0].roleArn).toBe('arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
    expect(org.inOrganization).toBe(true);
    expect(resolveConfig(raw('existing-vpc.yaml')).corporate.connectivity).toEqual({
      type: 'existing-vpc',
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      vpcCidr: '172.16.0.0/16',
      routeTableIds: ['rtb-0123456789abcdef0', 'rtb-0fedcba9876543210'],
    });
    expect(resolveConfig(raw('transit-gateway.yaml')).corporate.connectivity).toEqual({
      type: 'transit-gateway',
      transitGatewayId: undefined,
      autoAcceptSharedAttachments: false,
      corporate: { kind: 'simulated', vpcCidr: '192.168.0.0/24', subnets: [{ availabilityZoneId: 'euw1-az1', cidr: '192.168.0.0/26' }, { availabilityZoneId: 'euw1-az2', cidr: '192.168.0.64/26' }] },
    });
    expect(resolveConfig(raw('existing-transit-gateway.yaml')).corporate.connectivity).toEqual({
      type: 'transit-gateway',
      transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
      autoAcceptSharedAttachments: false,
      corporate: { kind: 'attachment', attachmentId: 'tgw-attach-0123456789abcdef0' },
    });
  });

  it('defaults the S3 backend to the landing zone region, landing/<environment>/<region> and lockfiles', () => {
    const config = resolveConfig(edited(example(), { backend: { type: 's3', bucket: 'acme-terraform-state' } }) as LandingZoneConfig);
    expect(config.backend).toEqual({ type: 's3', bucket: 'acme-terraform-state', region: 'eu-west-1', keyPrefix: 'landing/example/eu-west-1', useLockfile: true });
  });

  it('defaults the cloud backend host and leaves the project unset', () => {
    expect(resolveConfig(edited(example(), { backend: { type: 'cloud', organization: 'acme-platform' } }) as LandingZoneConfig).backend)
      .toEqual({ type: 'cloud', organization: 'acme-platform', hostname: 'app.terraform.io' });
    expect(resolveConfig(raw('cloud-backend.yaml')).backend)
      .toEqual({ type: 'cloud', organization: 'acme-platform', project: 'sagemaker-landing', hostname: 'app.terraform.io' });
  });
});

interface Rule {
  rule: string;
  base?: string;
  edits: Edits;
  expected: { path: string; message: string }[];
  /** A part of the first problem's fix. */
  fix?: string;
}

const rules: Rule[] = [
  // ---- structure (schema)
  { rule: 'a required setting is missing', edits: { environment: DELETE }, expected: [{ path: 'environment', message: 'is required' }], fix: 'add environment: "prod"' },
  { rule: 'a required section is missing', edits: { 'services[0].identityProvider': DELETE }, expected: [{ path: 'services[0].identityProvider', message: 'is required' }], fix: 'add identityProvider (the corporate OIDC identity provider' },
  { rule: 'an unknown key is rejected with a suggestion', edits: { 'network.hubVpcCdir': '10.10.0.0/24' }, expected: [{ path: 'network.hubVpcCdir', message: 'is not a known setting' }], fix: 'rename it to hubVpcCidr' },
  { rule: 'an unknown key is rejected with the known keys', edits: { 'services[0].studio.owner': 'me' }, expected: [{ path: 'services[0].studio.owner', message: 'is not a known setting' }], fix: 'remove it (known settings here: mode, domainName, userProfiles, allowedInstanceTypes, idleShutdownMinutes, retainHomeFileSystem)' },
  { rule: 'an unquoted account id', edits: { 'network.accountId': 111111111111 }, expected: [{ path: 'network.accountId', message: 'must be a string (got a number 111111111111)' }], fix: 'put the value in quotes' },
  { rule: 'account id not 12 digits', edits: { 'services[0].accountId': '22222222222' }, expected: [{ path: 'services[0].accountId', message: 'must be a 12-digit AWS account id' }], fix: 'use a value like "123456789012"' },
  { rule: 'an unknown backend type', edits: { backend: { type: 'gcs' } }, expected: [{ path: 'backend.type', message: 'must be one of local, s3, cloud (got "gcs")' }], fix: 'use one of: local, s3, cloud' },
  { rule: 'a misspelt backend type', edits: { backend: { type: 'cluod', organization: 'acme' } }, expected: [{ path: 'backend.type', message: 'must be one of local, s3, cloud (got "cluod")' }], fix: 'use cloud' },
  { rule: 'a connectivity without type', edits: { 'corporate.connectivity.type': DELETE }, expected: [{ path: 'corporate.connectivity.type', message: 'is required' }], fix: 'set type to one of: simulated, existing-vpc' },
  { rule: 'studio mode unknown', edits: { 'services[0].studio.mode': 'import' }, expected: [{ path: 'services[0].studio.mode', message: 'must be one of create, existing (got "import")' }] },
  { rule: 'a setting of the other studio mode', edits: { 'services[0].studio.domainIds': ['d-abcdefghijkl'] }, expected: [{ path: 'services[0].studio.domainIds', message: 'is not a known setting' }] },
  { rule: 'log retention not a CloudWatch value', edits: { 'logs.retentionDays': 100 }, expected: [{ path: 'logs.retentionDays', message: 'must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 100)' }], fix: 'use 90' },
  {
    rule: 'the log retention where it used to be',
    edits: { 'network.logRetentionDays': 731 },
    expected: [{ path: 'network.logRetentionDays', message: "has moved to logs.retentionDays: it sets the retention of every account's log groups, not only the network account's" }],
    fix: 'remove it here and set logs: { retentionDays: 731 } at the top level of the file',
  },
  { rule: 'non-DNS-safe environment name', edits: { environment: 'Example_1' }, expected: [{ path: 'environment', message: 'must be DNS-safe: 1 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' }] },
  { rule: 'non-DNS-safe service name', edits: { 'services[0].name': '9-analytics' }, expected: [{ path: 'services[0].name', message: 'must be DNS-safe: 1 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' }], fix: 'use a value like "analytics"' },
  { rule: 'service name longer than 20', edits: { 'services[0].name': 'a'.repeat(21) }, expected: [{ path: 'services[0].name', message: 'must be DNS-safe: 1 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' }] },
  { rule: 'service name ending with a hyphen', edits: { 'services[0].name': 'analytics-' }, expected: [{ path: 'services[0].name', message: 'must be DNS-safe: 1 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' }] },
  { rule: 'ExpiresInSeconds above 300', edits: { 'services[0].presignedUrl.expiresInSeconds': 600 }, expected: [{ path: 'services[0].presignedUrl.expiresInSeconds', message: 'must be from 5 to 300 (got 600)' }], fix: 'use a whole number from 5 to 300' },
  { rule: 'ExpiresInSeconds below 5', edits: { 'services[0].presignedUrl.expiresInSeconds': 4 }, expected: [{ path: 'services[0].presignedUrl.expiresInSeconds', message: 'must be from 5 to 300 (got 4)' }] },
  { rule: 'ExpiresInSeconds not an integer', edits: { 'services[0].presignedUrl.expiresInSeconds': 60.5 }, expected: [{ path: 'services[0].presignedUrl.expiresInSeconds', message: 'must be an integer (got a number 60.5)' }], fix: 'use a whole number, e.g. 60' },
  { rule: 'session below 1800', edits: { 'services[0].presignedUrl.sessionExpirationSeconds': 1799 }, expected: [{ path: 'services[0].presignedUrl.sessionExpirationSeconds', message: 'must be from 1800 to 43200 (got 1799)' }] },
  { rule: 'session above 43200', edits: { 'services[0].presignedUrl.sessionExpirationSeconds': 43201 }, expected: [{ path: 'services[0].presignedUrl.sessionExpirationSeconds', message: 'must be from 1800 to 43200 (got 43201)' }] },
  { rule: 'throttle rate not positive', edits: { 'services[0].api': { throttleRateLimit: 0 } }, expected: [{ path: 'services[0].api.throttleRateLimit', message: 'must be greater than 0 and at most 10000 (got 0)' }] },
  { rule: 'audience empty', edits: { 'services[0].identityProvider.audience': [] }, expected: [{ path: 'services[0].identityProvider.audience', message: 'must list at least 1 entry (has 0)' }], fix: 'list for example ["studio-portal"]' },
  { rule: 'no service accounts', edits: { services: [] }, expected: [{ path: 'services', message: 'must list at least 1 entry (has 0)' }] },
  { rule: 'usernameClaim not a claim name', edits: { 'services[0].identityProvider.usernameClaim': 'preferred username' }, expected: [{ path: 'services[0].identityProvider.usernameClaim', message: 'must be a JWT claim name such as sub, oid or cognito:username' }] },
  { rule: 'mutable usernameClaim without acknowledgement', edits: { 'services[0].identityProvider.usernameClaim': 'preferred_username' }, expected: [{ path: 'services[0].identityProvider.usernameClaim', message: '"preferred_username" is documented as changeable or user-editable (OIDC Core 5.7; Microsoft identity platform ID token claims reference ("mutable")): whoever has the value later gets the mapped Studio' }] },
  { rule: 'mutable Entra ID upn without acknowledgement', edits: { 'services[0].identityProvider.issuer': 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', 'services[0].identityProvider.usernameClaim': 'upn' }, expected: [{ path: 'services[0].identityProvider.usernameClaim', message: '"upn" is documented as changeable or user-editable (Microsoft identity platform access token claims reference ("can change")): whoever has the value later gets the mapped Studio' }] },
  { rule: 'acknowledgement of a stable claim', edits: { 'services[0].identityProvider.acknowledgeMutableUsernameClaim': true }, expected: [{ path: 'services[0].identityProvider.acknowledgeMutableUsernameClaim', message: 'acknowledges a mutable claim, but usernameClaim "sub" is not one' }] },
  { rule: 'acknowledgement not true', edits: { 'services[0].identityProvider.usernameClaim': 'email', 'services[0].identityProvider.acknowledgeMutableUsernameClaim': false }, expected: [{ path: 'services[0].identityProvider.acknowledgeMutableUsernameClaim', message: 'must be equal to constant' }, { path: 'services[0].identityProvider.usernameClaim', message: '"email" is documented as changeable or user-editable (OIDC Core 5.7; Microsoft identity platform ID token claims reference): whoever has the value later gets the mapped Studio' }] },
  { rule: 'required claim without values', edits: { 'services[0].identityProvider.requiredClaims': { groups: [] } }, expected: [{ path: 'services[0].identityProvider.requiredClaims.groups', message: 'must list at least 1 entry (has 0)' }] },
  { rule: 'internet JWKS host without a way to reach it', edits: { 'services[0].identityProvider.jwksUri': 'https://login.microsoftonline.com/common/discovery/v2.0/keys' }, expected: [{ path: 'services[0].identityProvider.jwksUri', message: 'login.microsoftonline.com is on the internet (not in a corporate DNS domain: corp.example.com) and the service VPC has no internet path, so the Lambdas could not fetch the keys' }] },
  { rule: 'authorizer outside the VPC for a corporate JWKS host', edits: { 'services[0].identityProvider.jwksAccess': { via: 'outside-vpc' } }, expected: [{ path: 'services[0].identityProvider.jwksAccess.via', message: 'outside-vpc cannot reach idp.corp.example.com, a corporate host (corp.example.com)' }] },
  { rule: 'proxy without proxyUrl', edits: { 'services[0].identityProvider.jwksAccess': { via: 'proxy' } }, expected: [{ path: 'services[0].identityProvider.jwksAccess.proxyUrl', message: 'is required' }] },
  { rule: 'proxy outside the corporate network', edits: { 'services[0].identityProvider.jwksAccess': { via: 'proxy', proxyUrl: 'http://proxy.example.net:3128' } }, expected: [{ path: 'services[0].identityProvider.jwksAccess.proxyUrl', message: 'proxy.example.net is neither in a corporate DNS domain (corp.example.com) nor an address in corporate.cidrs: the service VPC reaches only the corporate network' }] },
  { rule: 'proxyUrl without via proxy', edits: { 'services[0].identityProvider.jwksAccess': { via: 'corporate', proxyUrl: 'http://192.168.1.5:3128' } }, expected: [{ path: 'services[0].identityProvider.jwksAccess.proxyUrl', message: 'is not a known setting' }] },
  { rule: 'proxyUrl not http://host:port', edits: { 'services[0].identityProvider.jwksAccess': { via: 'proxy', proxyUrl: 'https://proxy.corp.example.com' } }, expected: [{ path: 'services[0].identityProvider.jwksAccess.proxyUrl', message: 'must be http://host:port, e.g. http://proxy.corp.example.com:3128' }] },
  { rule: 'jwksAccess with an inline jwks', edits: { 'services[0].identityProvider.jwksUri': DELETE, 'services[0].identityProvider.jwks': { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] }, 'services[0].identityProvider.jwksAccess': { via: 'corporate' } }, expected: [{ path: 'services[0].identityProvider.jwksAccess', message: 'applies only to jwksUri' }] },
  { rule: 'organization id without inOrganization', edits: { organizationId: 'o-a1b2c3d4e5' }, expected: [{ path: 'organizationId', message: 'needs inOrganization: true (an Organization perimeter assumes every account of the landing zone is in it)' }] },
  { rule: 'organization id of the wrong form', edits: { inOrganization: true, organizationId: 'r-a1b2' }, expected: [{ path: 'organizationId', message: 'must be an AWS Organization id such as o-a1b2c3d4e5' }] },
  { rule: 'IdP address outside the corporate ranges', edits: { 'services[0].identityProvider.addresses': ['10.99.0.10/32'] }, expected: [{ path: 'services[0].identityProvider.addresses[0]', message: '"10.99.0.10/32" is outside the corporate ranges (the service VPC routes only to them)' }] },
  { rule: 'IdP addresses with an inline jwks', edits: { 'services[0].identityProvider.jwksUri': DELETE, 'services[0].identityProvider.jwks': { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] }, 'services[0].identityProvider.addresses': ['192.168.1.10/32'] }, expected: [{ path: 'services[0].identityProvider.addresses', message: 'applies only to jwksUri' }] },
  { rule: 'extra endpoint clients outside the service VPC', edits: { 'services[0].endpoints': { extraClientCidrs: ['192.168.1.0/24'] } }, expected: [{ path: 'services[0].endpoints.extraClientCidrs[0]', message: '"192.168.1.0/24" is outside the service VPC (10.16.0.0/16)' }] },
  { rule: 'network ACL setting not a boolean', edits: { 'services[0].networkAcl': { enabled: 'yes' } }, expected: [{ path: 'services[0].networkAcl.enabled', message: 'must be a boolean (got a string "yes")' }] },
  { rule: 'per-client rate limit below WAF minimum', edits: { 'services[0].api': { rateLimitPerClient: 5 } }, expected: [{ path: 'services[0].api.rateLimitPerClient', message: 'must be from 10 to 2000000000 (got 5)' }] },
  { rule: 'authorizer cache too long', edits: { 'services[0].api': { authorizerCacheSeconds: 3600 } }, expected: [{ path: 'services[0].api.authorizerCacheSeconds', message: 'must be from 0 to 300 (got 3600)' }] },
  { rule: 'max token age too short', edits: { 'services[0].identityProvider.maxTokenAgeSeconds': 10 }, expected: [{ path: 'services[0].identityProvider.maxTokenAgeSeconds', message: 'must be from 60 to 86400 (got 10)' }] },
  { rule: 'inline JWKS without keys', edits: { 'services[0].identityProvider.jwksUri': DELETE, 'services[0].identityProvider.jwks': { keys: [] } }, expected: [{ path: 'services[0].identityProvider.jwks.keys', message: 'must list at least 1 entry (has 0)' }] },
  { rule: 'more than 6 DNS servers', base: 'existing-vpc.yaml', edits: { 'corporate.dnsServerIps': ['172.16.0.1', '172.16.0.2', '172.16.0.3', '172.16.0.4', '172.16.0.5', '172.16.0.6', '172.16.0.7'] }, expected: [{ path: 'corporate.dnsServerIps', message: 'must list at most 6 entries (has 7)' }] },
  { rule: 'duplicate DNS domains', edits: { 'corporate.dnsDomains': ['corp.example.com', 'corp.example.com'] }, expected: [{ path: 'corporate.dnsDomains[1]', message: 'repeats corporate.dnsDomains[0] ("corp.example.com")' }], fix: 'remove the duplicate' },
  { rule: 'existing domain id pattern', base: 'three-services.yaml', edits: { 'services[1].studio.domainIds': ['d-abcdefghijkl', 'd-mnopqrstuvwx', 'd-ABC'] }, expected: [{ path: 'services[1].studio.domainIds[2]', message: 'must be a SageMaker domain id: "d-" followed by 12 lowercase letters or digits' }], fix: 'use a value like "d-abcdefghijkl"' },
  { rule: 'existing domain ids unique', base: 'three-services.yaml', edits: { 'services[1].studio.domainIds': ['d-abcdefghijkl', 'd-mnopqrstuvwx', 'd-abcdefghijkl'] }, expected: [{ path: 'services[1].studio.domainIds[2]', message: 'repeats services[1].studio.domainIds[0] ("d-abcdefghijkl")' }] },
  { rule: 'existing mode needs a domain id', base: 'three-services.yaml', edits: { 'services[1].studio.domainIds': [] }, expected: [{ path: 'services[1].studio.domainIds', message: 'must list at least 1 entry (has 0)' }] },
  { rule: 'user profile name pattern', edits: { 'services[0].studio.userProfiles': ['alice', 'bob', 'carol_smith'] }, expected: [{ path: 'services[0].studio.userProfiles[2]', message: 'must be a SageMaker user profile name: 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen' }] },
  { rule: 'instance type not of SageMaker\'s form', edits: { 'services[0].studio.allowedInstanceTypes': ['ml.t3.medium', 't3.large'] }, expected: [{ path: 'services[0].studio.allowedInstanceTypes[1]', message: 'must be a SageMaker instance type such as ml.t3.medium' }], fix: 'use a value like "ml.t3.medium"' },
  { rule: 'instance type list empty', edits: { 'services[0].studio.allowedInstanceTypes': [] }, expected: [{ path: 'services[0].studio.allowedInstanceTypes', message: 'must list at least 1 entry (has 0)' }] },
  { rule: 'instance types unique', edits: { 'services[0].studio.allowedInstanceTypes': ['ml.t3.medium', 'ml.t3.medium'] }, expected: [{ path: 'services[0].studio.allowedInstanceTypes[1]', message: 'repeats services[0].studio.allowedInstanceTypes[0] ("ml.t3.medium")' }] },
  { rule: 'a DNS Firewall allow-all', edits: { 'services[0].dnsFirewall': { allowedDomains: ['*'] } }, expected: [{ path: 'services[0].dnsFirewall.allowedDomains[0]', message: 'must be a domain name of at least two labels (letters, digits, hyphens), optionally starting with *. (never * alone or *.<tld>: that would open the perimeter)' }] },
  { rule: 'a DNS Firewall top-level wildcard', edits: { 'network.dnsFirewall': { allowedDomains: ['*.com'] } }, expected: [{ path: 'network.dnsFirewall.allowedDomains[0]', message: 'must be a domain name of at least two labels (letters, digits, hyphens), optionally starting with *. (never * alone or *.<tld>: that would open the perimeter)' }] },
  { rule: 'idle shutdown below SageMaker\'s minimum', edits: { 'services[0].studio.idleShutdownMinutes': 30 }, expected: [{ path: 'services[0].studio.idleShutdownMinutes', message: 'must be from 60 to 525600 (got 30)' }] },
  { rule: 'idle shutdown with an existing domain', base: 'three-services.yaml', edits: { 'services[1].studio.idleShutdownMinutes': 60 }, expected: [{ path: 'services[1].studio.idleShutdownMinutes', message: 'is not a known setting' }] },
  { rule: 'execution role name longer than IAM allows', edits: { 'services[0].studio.domainName': 'd'.repeat(40), 'services[0].studio.userProfiles': ['alice', 'b'.repeat(20)], 'services[0].mappings': [{ username: '00u1a2b3c4alice5d6e7', userProfileName: 'alice' }] }, expected: [{ path: 'services[0].studio.userProfiles[1]', message: `makes the IAM role name "${'d'.repeat(40)}-studio-user-${'b'.repeat(20)}-euw1" 78 characters long; AWS allows 64 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)` }], fix: 'shorten services[0].studio.domainName + services[0].studio.userProfiles[1] by 14 characters in total (services[0].studio.domainName has 40, services[0].studio.userProfiles[1] has 20)' },
  { rule: 'user profiles unique', edits: { 'services[0].studio.userProfiles': ['alice', 'bob', 'alice'] }, expected: [{ path: 'services[0].studio.userProfiles[2]', message: 'repeats services[0].studio.userProfiles[0] ("alice")' }] },
  { rule: 'existing VPC id pattern', base: 'existing-vpc.yaml', edits: { 'corporate.connectivity.vpcId': 'vpc-xyz' }, expected: [{ path: 'corporate.connectivity.vpcId', message: 'must be a VPC id: vpc- followed by 8 or 17 hexadecimal digits' }] },
  { rule: 'existing route table id pattern', base: 'existing-vpc.yaml', edits: { 'corporate.connectivity.routeTableIds': ['rtb-0123456789abcdef0', 'vpc-0123456789abcdef0'] }, expected: [{ path: 'corporate.connectivity.routeTableIds[1]', message: 'must be a route table id: rtb- followed by 8 or 17 hexadecimal digits' }] },
  { rule: 'existing VPC needs route tables', base: 'existing-vpc.yaml', edits: { 'corporate.connectivity.routeTableIds': [] }, expected: [{ path: 'corporate.connectivity.routeTableIds', message: 'must list at least 1 entry (has 0)' }] },
  { rule: 'role ARN pattern', edits: { 'network.roleArn': 'LandingZoneDeployer' }, expected: [{ path: 'network.roleArn', message: 'must be an IAM role ARN: arn:aws:iam::<12-digit account id>:role/<name>' }] },
  { rule: 'deploy role name pattern', edits: { deployRoleName: 'role with spaces' }, expected: [{ path: 'deployRoleName', message: 'must be an IAM role name: 1 to 64 letters, digits and + = , . @ _ -' }] },
  { rule: 'S3 key prefix pattern', edits: { backend: { type: 's3', bucket: 'acme-terraform-state', keyPrefix: '/landing/' } }, expected: [{ path: 'backend.keyPrefix', message: 'must be an S3 key prefix without leading or trailing slash, such as landing/prod' }] },
  { rule: 'S3 backend needs a bucket', edits: { backend: { type: 's3' } }, expected: [{ path: 'backend.bucket', message: 'is required' }], fix: 'add bucket: "acme-terraform-state"' },
  { rule: 'cloud organization empty', base: 'cloud-backend.yaml', edits: { 'backend.organization': '' }, expected: [{ path: 'backend.organization', message: 'must not be empty' }], fix: 'use a value like "acme-platform"' },
  { rule: 'cloud organization missing', base: 'cloud-backend.yaml', edits: { 'backend.organization': DELETE }, expected: [{ path: 'backend.organization', message: 'is required' }] },
  { rule: 'tag value not a string', edits: { 'tags.costCenter': 4711 }, expected: [{ path: 'tags.costCenter', message: 'must be a string (got a number 4711)' }] },

  // ---- region and AZs
  { rule: 'unknown region', edits: { region: 'eu-west-9' }, expected: [{ path: 'region', message: '"eu-west-9" is not a known AWS commercial region' }], fix: 'use "eu-west-1"' },
  { rule: 'unknown region without a close match', edits: { region: 'mars-1' }, expected: [{ path: 'region', message: '"mars-1" is not a known AWS commercial region' }], fix: 'use one of: af-south-1, ap-east-1' },
  { rule: 'fewer than 2 AZ ids', edits: { 'network.availabilityZoneIds': ['euw1-az1'] }, expected: [{ path: 'network.availabilityZoneIds', message: 'lists 1 AZ id; at least 2 are required' }], fix: 'list at least 2 AZ ids of eu-west-1, e.g. ["euw1-az1", "euw1-az2"]' },
  { rule: 'fewer than 2 service AZ ids', edits: { 'services[0].availabilityZoneIds': ['euw1-az1'] }, expected: [{ path: 'services[0].availabilityZoneIds', message: 'lists 1 AZ id; at least 2 are required' }] },
  { rule: 'more than 4 AZ ids', edits: { region: 'us-east-1', 'network.availabilityZoneIds': ['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5'] }, expected: [{ path: 'network.availabilityZoneIds', message: 'lists 5 AZ ids; at most 4 fit (the VPC is split into 4 equal subnets)' }] },
  { rule: 'two AZ ids in one subnet quarter', base: 's3-backend.yaml', edits: { 'network.availabilityZoneIds': ['use1-az2', 'use1-az6'], 'network.inboundResolverIps': DELETE }, expected: [{ path: 'network.availabilityZoneIds[1]', message: '"use1-az6" would take the same subnet as network.availabilityZoneIds[0] ("use1-az2"): the number of an AZ id picks its quarter of the VPC (az1 and az5 the first, az2 and az6 the second, ...)' }], fix: 'keep only one of the two AZ ids' },
  { rule: 'duplicate AZ ids', edits: { 'network.availabilityZoneIds': ['euw1-az1', 'euw1-az1'] }, expected: [{ path: 'network.availabilityZoneIds[1]', message: 'repeats network.availabilityZoneIds[0] ("euw1-az1")' }] },
  { rule: 'AZ id of another region', edits: { 'network.availabilityZoneIds': ['euw1-az1', 'use1-az2'] }, expected: [{ path: 'network.availabilityZoneIds[1]', message: '"use1-az2" is not an AZ id of eu-west-1 (euw1-az<N>)' }], fix: 'e.g. euw1-az1' },
  { rule: 'AZ name instead of AZ id', edits: { 'services[0].availabilityZoneIds': ['euw1-az1', 'eu-west-1b'] }, expected: [{ path: 'services[0].availabilityZoneIds[1]', message: '"eu-west-1b" is an AZ name, not an AZ id (names differ between accounts)' }] },

  // ---- address plan
  { rule: 'CIDR not parseable', edits: { 'services[0].vpcCidr': '10.16.0.0' }, expected: [{ path: 'services[0].vpcCidr', message: '"10.16.0.0" is not an IPv4 CIDR block' }], fix: 'write it as address/prefix, e.g. 10.20.0.0/16' },
  { rule: 'CIDR octet out of range', edits: { 'services[0].vpcCidr': '10.256.0.0/16' }, expected: [{ path: 'services[0].vpcCidr', message: '"10.256.0.0/16" is not an IPv4 CIDR block' }] },
  { rule: 'CIDR host bits set', edits: { 'services[0].vpcCidr': '10.16.1.0/16' }, expected: [{ path: 'services[0].vpcCidr', message: '"10.16.1.0/16" has host bits set' }], fix: 'use the network address: 10.16.0.0/16' },
  { rule: 'VPC prefix longer than /24', edits: { 'network.hubVpcCidr': '10.10.0.0/25' }, expected: [{ path: 'network.hubVpcCidr', message: '"10.10.0.0/25" has prefix /25; a VPC here must be /16 to /24' }] },
  { rule: 'VPC prefix shorter than /16', edits: { 'services[0].vpcCidr': '10.16.0.0/15' }, expected: [{ path: 'services[0].vpcCidr', message: '"10.16.0.0/15" has prefix /15; a VPC here must be /16 to /24' }] },
  { rule: 'VPC not RFC 1918', edits: { 'services[0].vpcCidr': '100.64.0.0/16' }, expected: [{ path: 'services[0].vpcCidr', message: '"100.64.0.0/16" is not a private (RFC 1918) range' }] },
  { rule: 'corporate CIDR not parseable', base: 'existing-vpc.yaml', edits: { 'corporate.cidrs[1]': '192.168.0.0/33' }, expected: [{ path: 'corporate.cidrs[1]', message: '"192.168.0.0/33" is not an IPv4 CIDR block' }] },
  { rule: 'corporate CIDR host bits', base: 'existing-vpc.yaml', edits: { 'corporate.cidrs[1]': '192.168.1.0/16' }, expected: [{ path: 'corporate.cidrs[1]', message: '"192.168.1.0/16" has host bits set' }] },
  { rule: 'corporate CIDR not RFC 1918', base: 'existing-vpc.yaml', edits: { 'corporate.cidrs[1]': '8.8.8.0/24' }, expected: [{ path: 'corporate.cidrs[1]', message: '"8.8.8.0/24" is not a private (RFC 1918) range' }] },
  { rule: 'corporate CIDRs of any prefix', base: 'existing-vpc.yaml', edits: { 'corporate.cidrs': ['172.16.0.0/20', '172.16.64.128/25'] }, expected: [] },
  {
    rule: 'existing-vpc with an on-premises range behind the VPC',
    base: 'existing-vpc.yaml',
    edits: { 'corporate.cidrs': ['172.16.0.0/16', '10.50.0.0/16'] },
    expected: [{ path: 'corporate.cidrs[1]', message: '"10.50.0.0/16" is not inside the peered VPC 172.16.0.0/16: existing-vpc peering is for clients that live in that VPC, and VPC peering carries no VPN or Direct Connect traffic (no edge-to-edge routing), so an on-premises range behind it is never reached' }],
    fix: 'for an on-premises network use corporate.connectivity.type transit-gateway with its VPN or Direct Connect attachment',
  },
  { rule: 'existing-vpc without its CIDR', base: 'existing-vpc.yaml', edits: { 'corporate.connectivity.vpcCidr': DELETE }, expected: [{ path: 'corporate.connectivity.vpcCidr', message: 'is required' }] },
  {
    rule: 'transit-gateway without a corporate side',
    base: 'existing-transit-gateway.yaml',
    edits: { 'corporate.connectivity.corporateAttachmentId': DELETE },
    expected: [{ path: 'corporate.connectivity', message: 'names no corporate side for the Transit Gateway' }],
    fix: 'give corporateAttachmentId (the Site-to-Site VPN or Direct Connect gateway attachment of the corporate network), or vpcCidr',
  },
  {
    rule: 'transit-gateway with two corporate sides',
    base: 'transit-gateway.yaml',
    edits: { 'corporate.connectivity.corporateAttachmentId': 'tgw-attach-0123456789abcdef0' },
    expected: [{ path: 'corporate.connectivity', message: 'names both corporateAttachmentId and vpcCidr; the corporate side on the Transit Gateway is one of them' }],
  },
  {
    rule: 'auto-accept of a created Transit Gateway',
    base: 'transit-gateway.yaml',
    edits: { 'corporate.connectivity.autoAcceptSharedAttachments': true },
    expected: [{ path: 'corporate.connectivity.autoAcceptSharedAttachments', message: 'applies only to an existing Transit Gateway (transitGatewayId); a created one never auto-accepts' }],
  },
  { rule: 'Transit Gateway id pattern', base: 'existing-transit-gateway.yaml', edits: { 'corporate.connectivity.transitGatewayId': 'tgw-xyz' }, expected: [{ path: 'corporate.connectivity.transitGatewayId', message: 'must be a Transit Gateway id: tgw- followed by 8 or 17 hexadecimal digits' }] },
  { rule: 'corporate attachment id pattern', base: 'existing-transit-gateway.yaml', edits: { 'corporate.connectivity.corporateAttachmentId': 'vpn-0123456789abcdef0' }, expected: [{ path: 'corporate.connectivity.corporateAttachmentId', message: 'must be a Transit Gateway attachment id: tgw-attach- followed by 8 or 17 hexadecimal digits' }] },
  { rule: 'simulated corporate VPC on a Transit Gateway outside the corporate ranges', base: 'transit-gateway.yaml', edits: { 'corporate.connectivity.vpcCidr': '10.99.0.0/24' }, expected: [{ path: 'corporate.connectivity.vpcCidr', message: '"10.99.0.0/24" is not inside any of corporate.cidrs' }, { path: 'corporate.dnsServerIps[0]', message: '"192.168.0.10" is outside the simulated corporate VPC\'s subnets (10.99.0.0/26, 10.99.0.64/26)' }, { path: 'corporate.dnsServerIps[1]', message: '"192.168.0.74" is outside the simulated corporate VPC\'s subnets (10.99.0.0/26, 10.99.0.64/26)' }] },
  { rule: 'service overlaps the hub', edits: { 'services[0].vpcCidr': '10.10.0.0/16' }, expected: [{ path: 'services[0].vpcCidr', message: 'overlaps network.hubVpcCidr (10.10.0.0/24)' }], fix: 'e.g. 10.0.0.0/16' },
  { rule: 'service overlaps the corporate network', edits: { 'services[0].vpcCidr': '192.168.4.0/24' }, expected: [{ path: 'services[0].vpcCidr', message: 'overlaps corporate.cidrs[0] (192.168.0.0/16)' }] },
  { rule: 'service overlaps another service', base: 'three-services.yaml', edits: { 'services[2].vpcCidr': '10.16.128.0/20' }, expected: [{ path: 'services[2].vpcCidr', message: 'overlaps services[0].vpcCidr (10.16.0.0/16)' }], fix: 'e.g. 10.0.0.0/20' },
  { rule: 'hub overlaps the corporate network', edits: { 'network.hubVpcCidr': '192.168.1.0/24' }, expected: [{ path: 'network.hubVpcCidr', message: 'overlaps corporate.cidrs[0] (192.168.0.0/16)' }] },
  { rule: 'corporate ranges overlap each other', base: 'existing-vpc.yaml', edits: { 'corporate.cidrs': ['172.16.0.0/17', '172.16.4.0/24'] }, expected: [{ path: 'corporate.cidrs[1]', message: 'overlaps corporate.cidrs[0] (172.16.0.0/17)' }] },
  { rule: 'simulated VPC outside the corporate ranges', edits: { 'corporate.connectivity.vpcCidr': '172.16.0.0/24', 'corporate.dnsServerIps': ['172.16.0.10', '172.16.0.74'] }, expected: [{ path: 'corporate.connectivity.vpcCidr', message: '"172.16.0.0/24" is not inside any of corporate.cidrs' }], fix: 'add 172.16.0.0/24 to corporate.cidrs' },
  { rule: 'simulated VPC overlapping the hub', edits: { 'corporate.connectivity.vpcCidr': '10.10.0.0/24' }, expected: [
    { path: 'corporate.connectivity.vpcCidr', message: '"10.10.0.0/24" is not inside any of corporate.cidrs' },
    { path: 'corporate.dnsServerIps[0]', message: '"192.168.0.10" is outside the simulated corporate VPC\'s subnets (10.10.0.0/26, 10.10.0.64/26)' },
    { path: 'corporate.dnsServerIps[1]', message: '"192.168.0.74" is outside the simulated corporate VPC\'s subnets (10.10.0.0/26, 10.10.0.64/26)' },
    { path: 'corporate.connectivity.vpcCidr', message: 'overlaps network.hubVpcCidr (10.10.0.0/24)' },
  ] },

  // ---- static resolver IPs
  { rule: 'resolver IP count differs from the AZ count', edits: { 'network.inboundResolverIps': ['10.10.0.10'] }, expected: [{ path: 'network.inboundResolverIps', message: 'lists 1 IP for 2 AZs' }], fix: 'list one IP per AZ id, in the same order, e.g. ["10.10.0.10", "10.10.0.74"]' },
  { rule: 'resolver IP not an address', edits: { 'network.inboundResolverIps': ['10.10.0.10', '10.10.0.300'] }, expected: [{ path: 'network.inboundResolverIps[1]', message: '"10.10.0.300" is not an IPv4 address' }] },
  { rule: 'resolver IP outside its subnet', edits: { 'network.inboundResolverIps': ['10.10.0.10', '10.10.0.20'] }, expected: [{ path: 'network.inboundResolverIps[1]', message: '"10.10.0.20" is outside the hub subnet of euw1-az2 (10.10.0.64/26)' }], fix: 'use an address inside 10.10.0.64/26, e.g. 10.10.0.74' },
  { rule: 'resolver IP on the network address', edits: { 'network.inboundResolverIps': ['10.10.0.0', '10.10.0.74'] }, expected: [{ path: 'network.inboundResolverIps[0]', message: '"10.10.0.0" is reserved by AWS in subnet 10.10.0.0/26 (the first four addresses and the last one are reserved)' }], fix: 'use an address from 10.10.0.4 to 10.10.0.62, e.g. 10.10.0.10' },
  { rule: 'resolver IP on the VPC router, DNS and future addresses', edits: { 'network.inboundResolverIps': ['10.10.0.3', '10.10.0.66'] }, expected: [
    { path: 'network.inboundResolverIps[0]', message: '"10.10.0.3" is reserved by AWS in subnet 10.10.0.0/26 (the first four addresses and the last one are reserved)' },
    { path: 'network.inboundResolverIps[1]', message: '"10.10.0.66" is reserved by AWS in subnet 10.10.0.64/26 (the first four addresses and the last one are reserved)' },
  ] },
  { rule: 'resolver IP on the broadcast address', edits: { 'network.inboundResolverIps': ['10.10.0.10', '10.10.0.127'] }, expected: [{ path: 'network.inboundResolverIps[1]', message: '"10.10.0.127" is reserved by AWS in subnet 10.10.0.64/26 (the first four addresses and the last one are reserved)' }] },
  { rule: 'resolver IPs repeated', edits: { 'network.availabilityZoneIds': DELETE, 'network.hubVpcCidr': '10.10.0.0/33', 'network.inboundResolverIps': ['10.10.0.10', '10.10.0.10'] }, expected: [
    { path: 'network.hubVpcCidr', message: '"10.10.0.0/33" is not an IPv4 CIDR block' },
    { path: 'network.inboundResolverIps[1]', message: 'repeats network.inboundResolverIps[0] ("10.10.0.10")' },
  ] },

  // ---- names and accounts
  { rule: 'duplicate service names', base: 'three-services.yaml', edits: { 'services[2].name': 'analytics' }, expected: [{ path: 'services[2].name', message: 'repeats services[0].name ("analytics")' }] },
  { rule: 'duplicate service accounts', base: 'three-services.yaml', edits: { 'services[1].accountId': '222222222222' }, expected: [{ path: 'services[1].accountId', message: 'repeats services[0].accountId ("222222222222")' }] },
  { rule: 'the network account as a service account', edits: { 'services[0].accountId': '111111111111' }, expected: [{ path: 'services[0].accountId', message: 'is the network account (network.accountId)' }] },
  { rule: 'role ARN in another account', edits: { 'services[0].roleArn': 'arn:aws:iam::999999999999:role/Deployer' }, expected: [{ path: 'services[0].roleArn', message: 'is a role in account 999999999999, not in services[0].accountId (222222222222)' }], fix: 'e.g. arn:aws:iam::222222222222:role/LandingZoneDeployer' },

  // ---- corporate DNS
  { rule: 'DNS server IP not an address', base: 'existing-vpc.yaml', edits: { 'corporate.dnsServerIps': ['172.16.0.53', '172.16.1'] }, expected: [{ path: 'corporate.dnsServerIps[1]', message: '"172.16.1" is not an IPv4 address' }] },
  { rule: 'DNS server outside the corporate ranges', base: 'existing-vpc.yaml', edits: { 'corporate.dnsServerIps': ['172.16.0.53', '10.99.0.53'] }, expected: [{ path: 'corporate.dnsServerIps[1]', message: '"10.99.0.53" is not inside any of corporate.cidrs' }] },
  { rule: 'simulated DNS server outside the simulated subnets', edits: { 'corporate.dnsServerIps': ['192.168.0.10', '192.168.1.10'] }, expected: [{ path: 'corporate.dnsServerIps[1]', message: '"192.168.1.10" is outside the simulated corporate VPC\'s subnets (192.168.0.0/26, 192.168.0.64/26)' }], fix: 'e.g. 192.168.0.10' },
  { rule: 'simulated DNS server on a reserved address', edits: { 'corporate.dnsServerIps': ['192.168.0.10', '192.168.0.65'] }, expected: [{ path: 'corporate.dnsServerIps[1]', message: '"192.168.0.65" is reserved by AWS in subnet 192.168.0.64/26 (the first four addresses and the last one are reserved)' }] },
  { rule: 'simulated DNS needs 2 servers', edits: { 'corporate.dnsServerIps': ['192.168.0.10'] }, expected: [{ path: 'corporate.dnsServerIps', message: 'lists 1 IP; the simulated corporate DNS (a Route 53 inbound endpoint) needs at least 2' }], fix: 'e.g. ["192.168.0.10", "192.168.0.74"]' },
  { rule: 'DNS domain is the root', edits: { 'corporate.dnsDomains': ['.'] }, expected: [{ path: 'corporate.dnsDomains[0]', message: 'is the DNS root, which would forward every name (AWS ones included) to the corporate DNS' }] },
  { rule: 'DNS domain not a DNS name', edits: { 'corporate.dnsDomains': ['corp..example.com'] }, expected: [{ path: 'corporate.dnsDomains[0]', message: '"corp..example.com" is not a valid DNS domain name' }] },
  { rule: 'DNS domain with a trailing dot', edits: { 'corporate.dnsDomains': ['corp.example.com.'] }, expected: [{ path: 'corporate.dnsDomains[0]', message: '"corp.example.com." is not a valid DNS domain name' }] },
  { rule: 'DNS domain in upper case', edits: { 'corporate.dnsDomains': ['Corp.Example.com'] }, expected: [{ path: 'corporate.dnsDomains[0]', message: '"Corp.Example.com" is not a valid DNS domain name' }] },
  { rule: 'DNS domain is an AWS zone', edits: { 'corporate.dnsDomains': ['corp.example.com', 'eu-west-1.amazonaws.com'] }, expected: [{ path: 'corporate.dnsDomains[1]', message: '"eu-west-1.amazonaws.com" covers the AWS zone amazonaws.com; forwarding it would send VPC endpoint and Studio names to the corporate DNS' }] },
  { rule: 'DNS domain is the Studio zone', edits: { 'corporate.dnsDomains': ['studio.eu-west-1.sagemaker.aws'] }, expected: [{ path: 'corporate.dnsDomains[0]', message: '"studio.eu-west-1.sagemaker.aws" covers the AWS zone aws; forwarding it would send VPC endpoint and Studio names to the corporate DNS' }] },
  { rule: 'DNS domain contains an AWS zone', edits: { 'corporate.dnsDomains': ['com'] }, expected: [{ path: 'corporate.dnsDomains[0]', message: '"com" covers the AWS zone amazonaws.com; forwarding it would send VPC endpoint and Studio names to the corporate DNS' }] },

  // ---- identity provider
  { rule: 'issuer not https', edits: { 'services[0].identityProvider.issuer': 'http://idp.corp.example.com' }, expected: [{ path: 'services[0].identityProvider.issuer', message: '"http://idp.corp.example.com" is not an https URL' }] },
  { rule: 'issuer with a query', edits: { 'services[0].identityProvider.issuer': 'https://idp.corp.example.com/?tenant=1' }, expected: [{ path: 'services[0].identityProvider.issuer', message: '"https://idp.corp.example.com/?tenant=1" must not contain credentials, a query or a fragment' }] },
  { rule: 'JWKS URI not https', edits: { 'services[0].identityProvider.jwksUri': 'ftp://idp.corp.example.com/keys' }, expected: [{ path: 'services[0].identityProvider.jwksUri', message: '"ftp://idp.corp.example.com/keys" is not an https URL' }] },
  { rule: 'both jwksUri and jwks', edits: { 'services[0].identityProvider.jwks': { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } }, expected: [{ path: 'services[0].identityProvider', message: 'sets both jwksUri and jwks' }] },
  { rule: 'neither jwksUri nor jwks', edits: { 'services[0].identityProvider.jwksUri': DELETE }, expected: [{ path: 'services[0].identityProvider', message: 'sets neither jwksUri nor jwks' }] },
  { rule: 'symmetric inline key', edits: { 'services[0].identityProvider.jwksUri': DELETE, 'services[0].identityProvider.jwks': { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, expected: [
    { path: 'services[0].identityProvider.jwks.keys[0].kty', message: 'must be RSA, EC or OKP (got "oct"): only asymmetric keys can verify tokens without sharing a secret' },
    { path: 'services[0].identityProvider.jwks.keys[0]', message: 'contains private key material (k)' },
  ] },
  { rule: 'private inline key', edits: { 'services[0].identityProvider.jwksUri': DELETE, 'services[0].identityProvider.jwks': { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'AQAB' }] } }, expected: [{ path: 'services[0].identityProvider.jwks.keys[0]', message: 'contains private key material (d)' }] },

  // ---- seed mappings
  { rule: 'mapping username invalid', edits: { 'services[0].mappings[0].username': 'alice smith' }, expected: [{ path: 'services[0].mappings[0].username', message: 'must be a user id of 1..255 letters, digits and . _ @ + | : = ~ -, starting with a letter, digit, _ or -' }] },
  { rule: 'mapping without a user profile', edits: { 'services[0].mappings[0].userProfileName': DELETE }, expected: [{ path: 'services[0].mappings[0].userProfileName', message: 'is required (a SageMaker user profile name: 1..63 letters, digits and hyphens, not starting or ending with a hyphen)' }] },
  { rule: 'mapping landing URI invalid', edits: { 'services[0].mappings[0].landingUri': 'home' }, expected: [{ path: 'services[0].mappings[0].landingUri', message: 'must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments' }] },
  { rule: 'mapping landing URI to another host', edits: { 'services[0].mappings[0].landingUri': 'app:JupyterLab://evil.example.com/x' }, expected: [{ path: 'services[0].mappings[0].landingUri', message: 'must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments' }] },
  { rule: 'mapping landing URI climbing out', edits: { 'services[0].mappings[0].landingUri': 'app:CodeEditor:../../etc' }, expected: [{ path: 'services[0].mappings[0].landingUri', message: 'must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments' }] },
  { rule: 'mapping landing URI climbing out in the middle', edits: { 'services[0].mappings[0].landingUri': 'studio::lab/../../x' }, expected: [{ path: 'services[0].mappings[0].landingUri', message: 'must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments' }] },
  { rule: 'mapping landing URI percent-encoded', edits: { 'services[0].mappings[0].landingUri': 'app:JupyterLab:%2e%2e/x' }, expected: [{ path: 'services[0].mappings[0].landingUri', message: 'must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments' }] },
  { rule: 'mapping landing URI of an unknown app', edits: { 'services[0].mappings[0].landingUri': 'app:VSCode:' }, expected: [{ path: 'services[0].mappings[0].landingUri', message: 'must be a Studio landing URI: studio::, app:JupyterLab:, app:CodeEditor:, app:JupyterServer:, app:RStudioServerPro: or app:Canvas:, optionally followed by a relative path without //, . or .. segments' }] },
  { rule: 'mapping space name invalid', edits: { 'services[0].mappings[0].spaceName': '-space' }, expected: [{ path: 'services[0].mappings[0].spaceName', message: 'must be a SageMaker space name: 1..63 letters, digits and hyphens, not starting or ending with a hyphen' }] },
  { rule: 'mapping to an unknown user profile (mode create)', edits: { 'services[0].mappings[1].userProfileName': 'carol' }, expected: [{ path: 'services[0].mappings[1].userProfileName', message: '"carol" is not one of services[0].studio.userProfiles' }], fix: 'add "carol" to studio.userProfiles' },
  { rule: 'mapping with a domain id in mode create', edits: { 'services[0].mappings[0].domainId': 'd-abcdefghijkl' }, expected: [{ path: 'services[0].mappings[0].domainId', message: 'must be omitted: with studio mode create the mapping uses the domain this stack creates' }], fix: 'remove domainId' },
  { rule: 'mapping without a domain id in mode existing', base: 'three-services.yaml', edits: { 'services[1].mappings[0].domainId': DELETE }, expected: [{ path: 'services[1].mappings[0].domainId', message: 'is required (a SageMaker domain id: "d-" followed by 12 lowercase letters or digits)' }] },
  { rule: 'mapping to a domain not in domainIds', base: 'three-services.yaml', edits: { 'services[1].mappings[0].domainId': 'd-zzzzzzzzzzzz' }, expected: [{ path: 'services[1].mappings[0].domainId', message: '"d-zzzzzzzzzzzz" is not one of services[1].studio.domainIds' }] },
  { rule: 'mapping domain id malformed', base: 'three-services.yaml', edits: { 'services[1].mappings[0].domainId': 'd-123' }, expected: [{ path: 'services[1].mappings[0].domainId', message: 'must be a SageMaker domain id: "d-" followed by 12 lowercase letters or digits' }] },
  { rule: 'one profile mapped to two users', edits: { 'services[0].mappings[1].userProfileName': 'alice' }, expected: [{ path: 'services[0].mappings[1].userProfileName', message: 'repeats services[0].mappings[0].userProfileName ("(created domain)/alice")' }] },
  { rule: 'duplicate usernames in a service', edits: { 'services[0].mappings[1].username': '00u1a2b3c4alice5d6e7' }, expected: [{ path: 'services[0].mappings[1].username', message: 'repeats services[0].mappings[0].username ("00u1a2b3c4alice5d6e7")' }] },

  // ---- backends and tags
  { rule: 'S3 bucket in upper case', edits: { backend: { type: 's3', bucket: 'Acme_State' } }, expected: [{ path: 'backend.bucket', message: '"Acme_State" is not a valid S3 bucket name: only lowercase letters, digits, dots and hyphens are allowed' }] },
  { rule: 'S3 bucket too short', edits: { backend: { type: 's3', bucket: 'ab' } }, expected: [{ path: 'backend.bucket', message: '"ab" is not a valid S3 bucket name: it must be 3 to 63 characters long' }] },
  { rule: 'S3 bucket like an IP address', edits: { backend: { type: 's3', bucket: '192.168.1.1' } }, expected: [{ path: 'backend.bucket', message: '"192.168.1.1" is not a valid S3 bucket name: it must not be formatted as an IP address' }] },
  { rule: 'S3 bucket with adjacent dots', edits: { backend: { type: 's3', bucket: 'acme..state' } }, expected: [{ path: 'backend.bucket', message: '"acme..state" is not a valid S3 bucket name: it must not contain two adjacent dots' }] },
  { rule: 'S3 bucket ending with a hyphen', edits: { backend: { type: 's3', bucket: 'acme-state-' } }, expected: [{ path: 'backend.bucket', message: '"acme-state-" is not a valid S3 bucket name: it must start and end with a letter or digit' }] },
  { rule: 'S3 bucket with a reserved prefix', edits: { backend: { type: 's3', bucket: 'xn--acme' } }, expected: [{ path: 'backend.bucket', message: '"xn--acme" is not a valid S3 bucket name: the prefix xn-- is reserved' }] },
  { rule: 'S3 bucket with a reserved suffix', edits: { backend: { type: 's3', bucket: 'acme-s3alias' } }, expected: [{ path: 'backend.bucket', message: '"acme-s3alias" is not a valid S3 bucket name: the suffix -s3alias is reserved' }] },
  { rule: 'S3 backend in an unknown region', edits: { backend: { type: 's3', bucket: 'acme-state', region: 'eu-west-9' } }, expected: [{ path: 'backend.region', message: '"eu-west-9" is not a known AWS commercial region' }] },
  { rule: 'tag key with the aws: prefix', edits: { 'tags["aws:owner"]': 'me' }, expected: [{ path: 'tags["aws:owner"]', message: 'tag key "aws:owner" uses the reserved prefix aws:' }] },
  { rule: 'tag key with invalid characters', edits: { 'tags["cost#center"]': '1' }, expected: [{ path: 'tags["cost#center"]', message: 'tag key "cost#center" is not a valid AWS tag key' }] },
  { rule: 'tag value too long', edits: { 'tags.owner': 'x'.repeat(257) }, expected: [{ path: 'tags.owner', message: 'is not a valid AWS tag value' }] },
];

describe('validation rules', () => {
  it.each(rules)('$rule', ({ base, edits, expected, fix }) => {
    const problems = validateConfig(edited(base ? raw(base) : example(), edits));
    expect(brief(problems)).toEqual(expected);
    if (fix) expect(problems[0].fix).toContain(fix);
  });

  it('words every problem as "<path>: <message>. Fix: <fix>"', () => {
    for (const { base, edits } of rules) {
      for (const problem of validateConfig(edited(base ? raw(base) : example(), edits))) {
        expect(problem.message).not.toMatch(/\.$/);
        expect(problem.fix.length).toBeGreaterThan(5);
        expect(problem.path).not.toBe('');
      }
    }
  });

  it.each([
    [null, 'the file must be a mapping of settings (got an empty value)'],
    [['environment'], 'the file must be a mapping of settings (got a list)'],
    ['prod', 'the file must be a mapping of settings (got a string "prod")'],
  ])('the file must be a mapping (%j)', (value, message) => {
    expect(validateConfig(value)).toEqual([{ path: '(root)', message, fix: 'start from accounts/example.yaml' }]);
  });

  it('reports every problem at once', () => {
    const problems = validateConfig(edited(example(), {
      'network.accountId': '1234',
      region: 'eu-west-9',
      'services[0].vpcCidr': '10.10.0.0/16',
      'services[0].presignedUrl.expiresInSeconds': 900,
      'services[0].presignedUrl.sessionExpirationSeconds': 60,
      'network.availabilityZoneIds': ['euw1-az1'],
      'network.inboundResolverIps': ['10.10.0.1'],
      'services[0].name': 'Analytics',
      'services[0].identityProvider.jwksUri': DELETE,
      'corporate.extra': true,
    }));
    expect(brief(problems)).toEqual(expect.arrayContaining([
      { path: 'network.accountId', message: 'must be a 12-digit AWS account id' },
      { path: 'region', message: '"eu-west-9" is not a known AWS commercial region' },
      { path: 'services[0].vpcCidr', message: 'overlaps network.hubVpcCidr (10.10.0.0/24)' },
      { path: 'services[0].presignedUrl.expiresInSeconds', message: 'must be from 5 to 300 (got 900)' },
      { path: 'services[0].presignedUrl.sessionExpirationSeconds', message: 'must be from 1800 to 43200 (got 60)' },
      { path: 'network.availabilityZoneIds', message: 'lists 1 AZ id; at least 2 are required' },
      { path: 'services[0].name', message: 'must be DNS-safe: 1 to 20 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen' },
      { path: 'services[0].identityProvider', message: 'sets neither jwksUri nor jwks' },
      { path: 'corporate.extra', message: 'is not a known setting' },
    ]));
    expect(problems.length).toBeGreaterThanOrEqual(9);
  });
});

describe('loading account files', () => {
  let dir: string;
  const savedEnv = { ...process.env };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accounts-'));
    delete process.env.LANDING_ENV;
    delete process.env.LANDING_ACCOUNT_FILE;
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    process.env = { ...savedEnv };
  });

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const thrown = (action: () => unknown): ConfigError => {
    try {
      action();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('reports YAML syntax errors with line numbers', () => {
    const file = write('broken.yaml', 'environment: example\nregion: eu-west-1\nnetwork:\n  accountId: "111111111111"\n hubVpcCidr: 10.10.0.0/24\n');
    const error = thrown(() => loadAccountFile(file));
    expect(error.problems[0].path).toMatch(/^line 5, column \d+$/);
    expect(error.problems[0].message).toMatch(/^invalid YAML: /);
    expect(error.message.split('\n')[0]).toMatch(new RegExp(`^${file}: line 5, column \\d+: invalid YAML: .+\\. Fix: .+`));
  });

  it('reports duplicate YAML keys', () => {
    const error = thrown(() => loadAccountFile(write('dup.yaml', 'environment: a\nenvironment: b\n')));
    expect(error.problems).toEqual([{ path: 'line 2, column 1', message: 'invalid YAML: a setting appears twice in the same mapping', fix: 'keep one of the duplicate keys' }]);
  });

  it('accepts JSON account files and reports JSON syntax errors by line', () => {
    const config = loadAccountFile(write('prod.json', JSON.stringify(example(), null, 2))).config;
    expect(config.environment).toBe('example');
    const error = thrown(() => loadAccountFile(write('bad.json', '{\n  "environment": "x",\n}\n')));
    expect(error.problems[0].path).toBe('line 3, column 1');
    expect(error.problems[0].message).toMatch(/^invalid JSON: /);
  });

  it('lists every validation problem in the error message, one per line', () => {
    const file = write('two.yaml', stringify(edited(example(), { region: 'eu-west-9', 'services[0].accountId': '1' })));
    const error = thrown(() => loadAccountFile(file));
    expect(error.message.split('\n')).toEqual([
      `${file}: services[0].accountId: must be a 12-digit AWS account id. Fix: use a value like "123456789012"`,
      `${file}: region: "eu-west-9" is not a known AWS commercial region. Fix: use "eu-west-1"`,
    ]);
    expect(error.name).toBe('ConfigError');
  });

  it('shows paths inside the project relative to it', () => {
    const error = thrown(() => loadAccountFile(path.join(REPO, 'accounts/does-not-exist.yaml')));
    expect(error.message).toMatch(/^accounts\/does-not-exist\.yaml: \(file\): does not exist\. Fix: /);
  });

  it('explains a missing file and lists the available environments', () => {
    const error = thrown(() => loadAccountFile(accountFilePath('staging')));
    expect(error.problems).toEqual([{
      path: '(file)',
      message: 'does not exist',
      fix: expect.stringContaining(`set LANDING_ENV to an environment in accounts/ (${listEnvironments().join(', ')})`),
    }]);
    expect(listEnvironments()).toContain('example');
  });

  it('selects accounts/example.yaml by default', () => {
    expect(accountFilePath()).toBe(path.resolve('accounts/example.yaml'));
  });

  it('selects accounts/<LANDING_ENV>.yaml', () => {
    process.env.LANDING_ENV = 'prod';
    expect(accountFilePath()).toBe(path.resolve('accounts/prod.yaml'));
  });

  it('finds .yml and .json account files', () => {
    write('dev.yml', '');
    write('qa.json', '{}');
    expect(accountFilePath('dev', dir)).toBe(path.join(dir, 'dev.yml'));
    expect(accountFilePath('qa', dir)).toBe(path.join(dir, 'qa.json'));
    expect(listEnvironments(dir)).toEqual(['dev', 'qa']);
  });

  it('lets LANDING_ACCOUNT_FILE override LANDING_ENV', () => {
    process.env.LANDING_ENV = 'prod';
    process.env.LANDING_ACCOUNT_FILE = path.join(FIXTURE_DIR, 'org.yaml');
    expect(accountFilePath()).toBe(path.join(FIXTURE_DIR, 'org.yaml'));
    expect(loadAccountFile(accountFilePath()).config.environment).toBe('org');
  });

  it('lets an explicit environment argument win', () => {
    process.env.LANDING_ACCOUNT_FILE = path.join(FIXTURE_DIR, 'org.yaml');
    expect(accountFilePath('example')).toBe(path.resolve('accounts/example.yaml'));
  });

  it('refuses a LANDING_ENV that is a path', () => {
    process.env.LANDING_ENV = '../secrets';
    const error = thrown(() => accountFilePath());
    expect(error.problems[0]).toMatchObject({ path: '(value)', message: '"../secrets" is not an environment name' });
    expect(error.message).toMatch(/^LANDING_ENV: \(value\): /);
  });
});

describe('schema.json', () => {
  type Node = Record<string, unknown>;
  const ajv = createSchemaAjv();
  ajv.addSchema(schema, 'account');
  const validate = ajv.getSchema('account');

  /** Every schema node with its JSON pointer. */
  function nodes(node: unknown, pointer = ''): [string, Node][] {
    if (typeof node !== 'object' || node === null) return [];
    const children = Array.isArray(node)
      ? node.flatMap((child, i) => nodes(child, `${pointer}/${i}`))
      : Object.entries(node).flatMap(([key, child]) => (['examples', 'default', 'enum', 'const'].includes(key) ? [] : nodes(child, `${pointer}/${key}`)));
    return Array.isArray(node) ? children : [[pointer, node as Node], ...children];
  }

  it('accepts the example and every fixture', () => {
    for (const file of [EXAMPLE_FILE, ...FIXTURES.map((name) => path.join(FIXTURE_DIR, name))]) {
      expect(validate?.(raw(file))).toBe(true);
    }
  });

  it.each([
    ['top level', 'unknown'],
    ['network', 'network.unknown'],
    ['corporate', 'corporate.unknown'],
    ['connectivity', 'corporate.connectivity.unknown'],
    ['backend', 'backend.unknown'],
    ['service', 'services[0].unknown'],
    ['identity provider', 'services[0].identityProvider.unknown'],
    ['presigned URL', 'services[0].presignedUrl.unknown'],
    ['studio', 'services[0].studio.unknown'],
    ['mapping', 'services[0].mappings[0].unknown'],
    ['api', 'services[0].api.unknown'],
  ])('rejects unknown keys: %s', (_, at) => {
    expect(validate?.(edited(example(), { [at]: 1 }))).toBe(false);
    expect(validate?.errors?.map((error) => error.keyword)).toEqual(['additionalProperties']);
  });

  it('closes every object with additionalProperties: false (except the tag, JWK and required-claim maps)', () => {
    const open = nodes(schema).filter(([, node]) => node.type === 'object' && node.additionalProperties !== false && !node.oneOf);
    expect(open.map(([pointer]) => pointer)).toEqual([
      '/properties/tags',
      '/definitions/identityProvider/properties/jwks/properties/keys/items',
      '/definitions/identityProvider/properties/requiredClaims',
    ]);
  });

  it('describes every property', () => {
    const undescribed = nodes(schema).flatMap(([pointer, node]) =>
      Object.entries((node.properties ?? {}) as Record<string, Node>)
        .filter(([, property]) => typeof property.description !== 'string' || property.description === '')
        .map(([key]) => `${pointer}/properties/${key}`));
    expect(undescribed).toEqual([]);
  });

  it('gives every pattern an editor message and an example', () => {
    for (const [pointer, node] of nodes(schema).filter(([, node]) => 'pattern' in node)) {
      expect([pointer, typeof node.patternErrorMessage]).toEqual([pointer, 'string']);
      expect([pointer, Array.isArray(node.examples)]).toEqual([pointer, true]);
    }
  });

  it('accepts every example value it shows', () => {
    const withExamples = nodes(schema).filter(([, node]) => Array.isArray(node.examples) || 'default' in node);
    expect(withExamples.length).toBeGreaterThan(40);
    for (const [pointer, node] of withExamples) {
      const check = ajv.compile({ $ref: `account#${pointer}` });
      for (const value of [...((node.examples as unknown[]) ?? []), ...('default' in node ? [node.default] : [])]) {
        expect([pointer, value, check(value)]).toEqual([pointer, value, true]);
      }
    }
  });

  it('shows the defaults resolveConfig applies', () => {
    const definitions = schema.definitions;
    expect(schema.properties.deployRoleName.default).toBe(DEFAULTS.deployRoleName);
    expect(schema.properties.inOrganization.default).toBe(DEFAULTS.inOrganization);
    expect(schema.properties.logs.properties.retentionDays.default).toBe(DEFAULTS.logRetentionDays);
    expect(definitions.identityProvider.properties.usernameClaim.default).toBe(DEFAULTS.usernameClaim);
    expect(definitions.identityProvider.properties.maxTokenAgeSeconds.default).toBe(DEFAULTS.maxTokenAgeSeconds);
    expect(definitions.presignedUrl.properties.expiresInSeconds.default).toBe(DEFAULTS.expiresInSeconds);
    expect(definitions.presignedUrl.properties.sessionExpirationSeconds.default).toBe(DEFAULTS.sessionExpirationSeconds);
    expect(definitions.api.properties.stageName.default).toBe(DEFAULTS.stageName);
    expect(definitions.api.properties.throttleRateLimit.default).toBe(DEFAULTS.throttleRateLimit);
    expect(definitions.api.properties.throttleBurstLimit.default).toBe(DEFAULTS.throttleBurstLimit);
    expect(definitions.api.properties.authorizerCacheSeconds.default).toBe(DEFAULTS.authorizerCacheSeconds);
    expect('default' in definitions.serviceAccount.properties.lambdaReservedConcurrency).toBe(false);
    expect(definitions.serviceAccount.properties.deletionProtection.default).toBe(DEFAULTS.deletionProtection);
    expect(definitions.createStudio.properties.retainHomeFileSystem.default).toBe(DEFAULTS.retainHomeFileSystem);
    expect(definitions.s3Backend.properties.useLockfile.default).toBe(DEFAULTS.s3UseLockfile);
    expect(definitions.cloudBackend.properties.hostname.default).toBe(DEFAULTS.cloudHostname);
    for (const mode of ['createStudio', 'existingStudio'] as const) {
      expect(definitions[mode].properties.allowedInstanceTypes.default).toEqual(DEFAULTS.studioInstanceTypes);
    }
    expect(definitions.createStudio.properties.idleShutdownMinutes.default).toBe(DEFAULTS.idleShutdownMinutes);
    expect(definitions.dnsFirewall.properties.failOpen.default).toBe(DEFAULTS.dnsFirewallFailOpen);
  });

  it('uses the mapping rules of lambda-src/shared/mapping.ts and the known regions', () => {
    const mapping = schema.definitions.mapping.properties;
    expect(mapping.username.pattern).toBe(USERNAME_PATTERN.source);
    expect(mapping.domainId.pattern).toBe(DOMAIN_ID_PATTERN.source);
    expect(mapping.userProfileName.pattern).toBe(PROFILE_NAME_PATTERN.source);
    expect(mapping.spaceName.pattern).toBe(PROFILE_NAME_PATTERN.source);
    expect(mapping.landingUri.pattern).toBe(LANDING_URI_PATTERN.source);
    expect(schema.definitions.domainId.pattern).toBe(DOMAIN_ID_PATTERN.source);
    expect(schema.definitions.profileName.pattern).toBe(PROFILE_NAME_PATTERN.source);
    expect(schema.definitions.region.enum).toEqual(REGION_NAMES);
  });

  it('matches the types in types.ts property by property', () => {
    const typesFile = path.join(REPO, 'modules/config/types.ts');
    // ES5 lib only and no @types: the check needs Array and the file itself, not DOM or Node.
    const program = ts.createProgram([typesFile], { strict: true, noEmit: true, lib: ['lib.es5.d.ts'], types: [] });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(typesFile) as ts.SourceFile) as ts.Symbol;
    const root = checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'LandingZoneConfig') as ts.Symbol;
    const mismatches: string[] = [];

    const deref = (node: Node): Node => {
      if (typeof node.$ref !== 'string') return node;
      const { $ref, ...siblings } = node;
      return { ...deref((schema.definitions as Record<string, Node>)[$ref.replace('#/definitions/', '')]), ...siblings };
    };

    const compare = (type: ts.Type, rawNode: Node, at: string): void => {
      const node = deref(rawNode);
      const members = type.isUnion() && !(type.flags & ts.TypeFlags.Boolean) ? type.types : [type];
      if (node.oneOf) {
        for (const branch of (node.oneOf as Node[]).map(deref)) {
          const tag = Object.entries(branch.properties as Record<string, Node>).find(([, property]) => 'const' in property) as [string, Node];
          const member = members.find((candidate) => {
            const property = candidate.getProperty(tag[0]);
            const literal = property && checker.getTypeOfSymbol(property);
            return literal?.isStringLiteral() && literal.value === tag[1].const;
          });
          if (member) compare(member, branch, `${at}<${String(tag[1].const)}>`);
          else mismatches.push(`${at}: no union member for ${tag[0]}=${String(tag[1].const)}`);
        }
        if (members.length !== (node.oneOf as Node[]).length) mismatches.push(`${at}: ${members.length} union members, ${(node.oneOf as Node[]).length} schema branches`);
        return;
      }
      switch (node.type) {
        case 'string':
          if (!(type.flags & ts.TypeFlags.StringLike)) mismatches.push(`${at}: schema string, type ${checker.typeToString(type)}`);
          if (type.isStringLiteral() && node.const !== type.value) mismatches.push(`${at}: const ${String(node.const)} vs ${type.value}`);
          return;
        case 'integer':
        case 'number':
          if (!(type.flags & ts.TypeFlags.NumberLike)) mismatches.push(`${at}: schema number, type ${checker.typeToString(type)}`);
          return;
        case 'boolean':
          if (!(type.flags & ts.TypeFlags.BooleanLike)) mismatches.push(`${at}: schema boolean, type ${checker.typeToString(type)}`);
          return;
        case 'array':
          if (!checker.isArrayType(type)) mismatches.push(`${at}: schema array, type ${checker.typeToString(type)}`);
          else compare(checker.getTypeArguments(type as ts.TypeReference)[0], node.items as Node, `${at}[]`);
          return;
        case 'object': {
          const index = checker.getIndexInfosOfType(type)[0];
          if (!node.properties) {
            if (!index) mismatches.push(`${at}: schema map, type without index signature`);
            else if (typeof node.additionalProperties === 'object') compare(index.type, node.additionalProperties as Node, `${at}{}`);
            return;
          }
          const properties = checker.getPropertiesOfType(type);
          const schemaKeys = Object.keys(node.properties as Node).sort();
          const typeKeys = properties.map((property) => property.name).sort();
          if (schemaKeys.join() !== typeKeys.join()) mismatches.push(`${at}: schema keys ${schemaKeys.join()} vs type keys ${typeKeys.join()}`);
          const required = properties.filter((property) => !(property.flags & ts.SymbolFlags.Optional)).map((property) => property.name).sort();
          if (((node.required as string[] | undefined) ?? []).slice().sort().join() !== required.join()) {
            mismatches.push(`${at}: schema required ${String(node.required)} vs type required ${required.join()}`);
          }
          for (const property of properties) {
            const child = (node.properties as Record<string, Node>)[property.name];
            if (child) compare(checker.getNonNullableType(checker.getTypeOfSymbol(property)), child, `${at}.${property.name}`);
          }
          return;
        }
        default:
          mismatches.push(`${at}: schema node without a type`);
      }
    };

    compare(checker.getDeclaredTypeOfSymbol(root), schema as unknown as Node, 'LandingZoneConfig');
    expect(mismatches).toEqual([]);
  });
});

describe('cidr helpers', () => {
  it('parses and formats addresses strictly', () => {
    expect(parseIpv4('10.10.0.10')).toBe(0x0a0a000a);
    expect(formatIpv4(0xc0a8004a)).toBe('192.168.0.74');
    expect(['10.0.0', '10.0.0.256', '010.0.0.1', '10.0.0.1 ', '1.2.3.4.5', ''].map(parseIpv4)).toEqual(Array(6).fill(undefined));
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('10.0.0.0/08')).toBeUndefined();
    expect(formatCidr(mustParseCidr('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(() => mustParseCidr('nope')).toThrow('"nope" is not an IPv4 CIDR block');
  });

  it('answers containment, overlap, host bits and RFC 1918', () => {
    const c = mustParseCidr;
    expect(containsCidr(c('192.168.0.0/16'), c('192.168.0.0/24'))).toBe(true);
    expect(containsCidr(c('192.168.0.0/24'), c('192.168.0.0/16'))).toBe(false);
    expect(cidrsOverlap(c('10.0.0.0/8'), c('10.255.255.0/24'))).toBe(true);
    expect(cidrsOverlap(c('10.10.0.0/24'), c('10.10.1.0/24'))).toBe(false);
    expect(hasHostBits(c('10.0.0.1/24'))).toBe(true);
    expect(hasHostBits(c('255.255.255.255/32'))).toBe(false);
    expect(['10.0.0.0/8', '172.31.0.0/16', '192.168.4.0/22'].map((text) => isRfc1918(c(text)))).toEqual([true, true, true]);
    expect(['172.32.0.0/16', '100.64.0.0/10', '0.0.0.0/0', '192.168.0.0/15'].map((text) => isRfc1918(c(text)))).toEqual([false, false, false, false]);
  });

  it('splits into 4 subnets and knows the AWS-reserved addresses', () => {
    expect(splitInFour(mustParseCidr('10.16.0.0/16')).map(formatCidr)).toEqual(['10.16.0.0/18', '10.16.64.0/18', '10.16.128.0/18', '10.16.192.0/18']);
    expect(() => splitInFour(mustParseCidr('10.0.0.0/31'))).toThrow(RangeError);
    const subnet = mustParseCidr('10.10.0.64/26');
    const reserved = ['10.10.0.64', '10.10.0.65', '10.10.0.66', '10.10.0.67', '10.10.0.127'];
    expect(reserved.map((ip) => isAwsReservedAddress(subnet, parseIpv4(ip) as number))).toEqual([true, true, true, true, true]);
    expect(['10.10.0.68', '10.10.0.126'].map((ip) => isAwsReservedAddress(subnet, parseIpv4(ip) as number))).toEqual([false, false]);
  });

  it('suggests the first free private block', () => {
    const used = ['10.0.0.0/16', '10.1.0.0/24'].map(mustParseCidr);
    expect(formatCidr(firstFreePrivateBlock(16, used) as ReturnType<typeof mustParseCidr>)).toBe('10.2.0.0/16');
    expect(formatCidr(firstFreePrivateBlock(24, used) as ReturnType<typeof mustParseCidr>)).toBe('10.1.1.0/24');
  });
});

describe('regions', () => {
  it('maps regions to AZ id prefixes', () => {
    expect(['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'].map(azIdPrefix))
      .toEqual(['use1', 'euw1', 'euc1', 'apse2', 'apne1', 'sae1']);
    expect(azIdPrefix('eu-west-9')).toBeUndefined();
    expect(isAzIdOfRegion('euw1-az3', 'eu-west-1')).toBe(true);
    expect(isAzIdOfRegion('euw1-az3', 'eu-west-2')).toBe(false);
    expect(isAzIdOfRegion('euw1-az', 'eu-west-1')).toBe(false);
  });

  it('follows the <area><direction><number> naming of AZ ids', () => {
    const direction: Record<string, string> = { east: 'e', west: 'w', north: 'n', south: 's', central: 'c', northeast: 'ne', southeast: 'se' };
    for (const region of REGION_NAMES) {
      const [area, way, number] = region.split('-');
      expect([region, azIdPrefix(region)]).toEqual([region, `${area}${direction[way]}${number}`]);
    }
  });

  it('derives default AZ ids', () => {
    expect(defaultAvailabilityZoneIds('eu-west-1')).toEqual(['euw1-az1', 'euw1-az2']);
    expect(defaultAvailabilityZoneIds('us-west-1')).toEqual(['usw1-az1', 'usw1-az3']);
    expect(() => defaultAvailabilityZoneIds('mars-1')).toThrow('unknown region');
  });
});
