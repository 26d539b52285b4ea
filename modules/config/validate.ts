/**
 * Validation and loading of account files.
 *
 * Two layers, both always run so that every problem is reported at once:
 * - structural: Ajv against `schema.json` (the same schema editors use), errors reworded with a fix;
 * - semantic: what a schema cannot express (address plan, cross-references, uniqueness across
 *   services, AWS naming rules) with messages that name the conflicting values.
 * Where both layers flag the same path, the semantic problem is kept: it is the more specific one.
 */
import type { ErrorObject } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { DOMAIN_ID_PATTERN, mappingProblems, type StudioMapping } from '../../lambda-src/shared/mapping';
import {
  addressAt,
  broadcastAddress,
  containsAddress,
  containsCidr,
  cidrsOverlap,
  firstFreePrivateBlock,
  formatCidr,
  formatIpv4,
  hasHostBits,
  isAwsReservedAddress,
  isRfc1918,
  mustParseCidr,
  networkAddress,
  parseCidr,
  parseIpv4,
  type Cidr,
} from './cidr';
import { defaultUsernameClaim, isCorporateHost, MUTABLE_CLAIMS } from './identity';
import { availabilityZoneIds, azIdPrefix, defaultAvailabilityZoneIds, isAzIdOfRegion, isKnownRegion, REGION_NAMES } from './regions';
import { synthDate } from '../guardrails/rules/lmb-004-supported-runtime';
import { guardrailPreflightProblems } from './guardrail-preflight';
import { jsonProblem, unreadableFileProblem, unresolvedAliasProblem, yamlProblem } from './syntax-problems';
import { nameLengthProblems } from './name-limits';
import { quotaProblems, quotaWarnings } from './quotas';
import { DEFAULTS, defaultResolverIp, deriveSubnets, resolveConfig, subnetQuarter } from './resolve';
import schema from './schema.json';
import { schemaValidator } from './schema-validator';
import type { LandingZoneConfig, ResolvedLandingZone } from './types';

/** The path of a problem with the file as a whole. */
const ROOT = '(root)';

export interface ValidationProblem {
  /** Where in the file, e.g. `services[1].vpcCidr`; `(root)` for the file as a whole. */
  path: string;
  /** What is wrong, without a trailing period. */
  message: string;
  /** A concrete change that resolves it. */
  fix: string;
}

/** Thrown when an account file cannot be used; the message lists every problem on its own line. */
export class ConfigError extends Error {
  constructor(
    /** The file (or setting, e.g. `LANDING_ENV`) the problems are in. */
    readonly source: string,
    readonly problems: readonly ValidationProblem[],
  ) {
    super(problems.map((problem) => formatProblem(source, problem)).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatProblem(source: string, problem: ValidationProblem): string {
  return `${displayPath(source)}: ${problem.path}: ${problem.message}. Fix: ${problem.fix}`;
}

export interface ValidationOptions {
  /** `YYYY-MM-DD` that date-bound checks (the Lambda runtime's lifecycle) judge by. @default `LANDING_SYNTH_DATE`, else today */
  synthDate?: string;
}

/**
 * Every problem of a parsed account file; empty when it is valid. Checks of the landing zone as
 * resolved (generated names, quotas, guardrail settings) run once the file itself is sound.
 */
export function validateConfig(raw: unknown, options: ValidationOptions = {}): ValidationProblem[] {
  const problems = fileProblems(raw);
  if (problems.length > 0) return problems;
  const zone = resolveConfig(raw as LandingZoneConfig);
  return [...nameLengthProblems(zone), ...quotaProblems(zone), ...guardrailPreflightProblems(zone, { synthDate: synthDate(options) })];
}

function fileProblems(raw: unknown): ValidationProblem[] {
  const semantic = semanticProblems(raw);
  const reported = new Set(semantic.map((problem) => problem.path));
  const structural = structuralProblems(raw).filter((problem) => {
    // One structural problem per path: a value that is too short and off-pattern needs one fix.
    if (reported.has(problem.path)) return false;
    reported.add(problem.path);
    return true;
  });
  return [...structural, ...semantic];
}

// ---------------------------------------------------------------- loading

const ACCOUNT_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];
const ENVIRONMENT_ARGUMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The account file to use, chosen without editing code. In order: the `env` argument (e.g. a cdktf
 * context value) -> `<accountsDir>/<env>.yaml`; `LANDING_ACCOUNT_FILE` (a path); `LANDING_ENV`;
 * `example`. `accountsDir` defaults to `accounts/` of the working directory, where cdktf runs the app.
 */
export function accountFilePath(env?: string, accountsDir: string = defaultAccountsDir()): string {
  const override = process.env.LANDING_ACCOUNT_FILE;
  if (env === undefined && override) return path.resolve(override);
  const name = env ?? process.env.LANDING_ENV ?? 'example';
  if (!ENVIRONMENT_ARGUMENT.test(name)) {
    throw new ConfigError(env === undefined ? 'LANDING_ENV' : 'environment', [{
      path: '(value)',
      message: `"${name}" is not an environment name`,
      fix: `use the name of a file in accounts/ without its extension (${listEnvironments(accountsDir).join(', ') || 'example'}), or set LANDING_ACCOUNT_FILE to the file's path`,
    }]);
  }
  const candidates = ACCOUNT_FILE_EXTENSIONS.map((extension) => path.join(accountsDir, `${name}${extension}`));
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** Environment names (file names without extension) available in `accountsDir`. */
export function listEnvironments(accountsDir: string = defaultAccountsDir()): string[] {
  if (!fs.existsSync(accountsDir)) return [];
  const names = fs
    .readdirSync(accountsDir)
    .filter((file) => ACCOUNT_FILE_EXTENSIONS.includes(path.extname(file)))
    .map((file) => path.basename(file, path.extname(file)));
  return [...new Set(names)].sort();
}

/**
 * Reads, parses, validates and resolves an account file; throws `ConfigError` listing every problem.
 * `warnings` are formatted problems that do not stop the synth (a quota the zone exceeds unless raised).
 */
export function loadAccountFile(file: string, options: ValidationOptions = {}): { file: string; config: ResolvedLandingZone; warnings: string[] } {
  const absolute = path.resolve(file);
  const raw = parseAccountFile(readAccountFile(absolute), absolute);
  const problems = validateConfig(raw, options);
  if (problems.length > 0) throw new ConfigError(absolute, problems);
  const config = resolveConfig(raw as LandingZoneConfig);
  return { file: absolute, config, warnings: configWarnings(absolute, config) };
}

/** The warnings of a valid configuration, one formatted line each. */
export function configWarnings(source: string, zone: ResolvedLandingZone): string[] {
  return quotaWarnings(zone).map((warning) => `warning: ${formatProblem(source, warning)}`);
}

/** Parses YAML (or JSON for `.json` files); syntax errors become problems with line numbers. */
export function parseAccountFile(text: string, file: string): unknown {
  return path.extname(file) === '.json' ? parseJson(text, file) : parseYaml(text, file);
}

function defaultAccountsDir(): string {
  return path.resolve('accounts');
}

function readAccountFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const unreadable = unreadableFileProblem(file, error as NodeJS.ErrnoException);
    if (unreadable) throw new ConfigError(file, [unreadable]);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const environments = listEnvironments();
    throw new ConfigError(file, [{
      path: '(file)',
      message: 'does not exist',
      fix: environments.length > 0
        ? `set LANDING_ENV to an environment in accounts/ (${environments.join(', ')}) or LANDING_ACCOUNT_FILE to an existing file, or create this file from accounts/example.yaml`
        : 'create it from the example in the README, or set LANDING_ACCOUNT_FILE to an existing file',
    }]);
  }
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) throw new ConfigError(file, document.errors.map(yamlProblem));
  try {
    return document.toJS();
  } catch {
    throw new ConfigError(file, [unresolvedAliasProblem()]);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [jsonProblem(text, (error as Error).message)]);
  }
}

function displayPath(source: string): string {
  const relative = path.relative(process.cwd(), source);
  return path.isAbsolute(source) && !relative.startsWith('..') && relative !== '' ? relative : source;
}

// ---------------------------------------------------------------- structural layer

function structuralProblems(raw: unknown): ValidationProblem[] {
  const validate = schemaValidator();
  validate(raw);
  return (validate.errors ?? []).map(problemFromAjvError);
}

interface SchemaNode {
  $ref?: string;
  type?: string;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  const?: unknown;
  enum?: unknown[];
  patternErrorMessage?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Follows a local `$ref`; sibling keywords (the property's own description) take precedence. */
function deref(node: SchemaNode | undefined): SchemaNode {
  if (!node?.$ref) return node ?? {};
  const { $ref, ...siblings } = node;
  const definitions: Record<string, SchemaNode> = schema.definitions;
  return { ...deref(definitions[$ref.replace('#/definitions/', '')]), ...siblings };
}

function problemFromAjvError(error: ErrorObject): ValidationProblem {
  const at = pointerToPath(error.instancePath);
  const node = deref(error.parentSchema as SchemaNode);
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const property = deref(node.properties?.[key]);
      return problem(childPath(at, key), 'is required', property.examples
        ? `add ${key}: ${inline(property.examples[0])}`
        : `add ${key} (${sentence(property.description ?? 'see modules/config/schema.json')})`);
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(node.properties ?? {});
      const suggestion = closest(key, known);
      return problem(childPath(at, key), 'is not a known setting', suggestion
        ? `rename it to ${suggestion}`
        : `remove it (known settings here: ${known.join(', ')})`);
    }
    case 'type':
      return typeProblem(at, String(params.type), data, node);
    case 'discriminator':
      return discriminatorProblem(at, params, node);
    case 'enum': {
      const allowed = node.enum ?? [];
      const suggestion = typeof data === 'number' ? nearestNumber(data, allowed) : closest(String(data), allowed.map(String));
      return problem(at, `must be one of ${allowed.map(inline).join(', ')} (got ${inline(data)})`,
        suggestion === undefined ? 'use one of the listed values' : `use ${inline(suggestion)}`);
    }
    case 'pattern':
      return problem(at, node.patternErrorMessage ?? `must match ${String(params.pattern)}`,
        node.examples ? `use a value like ${inline(node.examples[0])}` : 'correct the value');
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const count = Array.isArray(data) ? data.length : 0;
      return error.keyword === 'minItems'
        ? problem(at, `must list at least ${plural(limit, 'entry', 'entries')} (has ${count})`,
          node.examples ? `list for example ${inline(node.examples[0])}` : 'add the missing entries')
        : problem(at, `must list at most ${plural(limit, 'entry', 'entries')} (has ${count})`, `remove ${plural(count - limit, 'entry', 'entries')}`);
    }
    case 'uniqueItems': {
      // Ajv's i and j come in either order depending on the item type: report the later one.
      const [earlier, later] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return problem(childPath(at, later), `repeats ${childPath(at, earlier)} (${inline((data as unknown[])[later])})`, 'remove the duplicate');
    }
    case 'minLength':
      return problem(at, Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`,
        node.examples ? `use a value like ${inline(node.examples[0])}` : 'set a value');
    case 'maxLength':
      return problem(at, `must be at most ${params.limit} characters long (has ${String(data).length})`, 'shorten it');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const range = rangeText(node);
      return problem(at, `must be ${range} (got ${inline(data)})`, `use ${node.type === 'integer' ? 'a whole number' : 'a number'} ${range}`);
    }
    default:
      return problem(at, error.message ?? `fails ${error.keyword}`, 'see the description of this setting in modules/config/schema.json');
  }
}

function typeProblem(at: string, expected: string, data: unknown, node: SchemaNode): ValidationProblem {
  if (at === ROOT) {
    return problem(at, `the file must be a mapping of settings (got ${describeValue(data)})`, 'start from accounts/example.yaml');
  }
  const message = `must be ${article(expected)} (got ${describeValue(data)})`;
  if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
    return problem(at, message, 'put the value in quotes exactly as intended; unquoted digits are read as a number (losing leading zeros) and yes/no/true/false as booleans');
  }
  if (expected === 'integer' && typeof data === 'number') return problem(at, message, `use a whole number${node.examples ? `, e.g. ${inline(node.examples[0])}` : ''}`);
  return problem(at, message, node.examples ? `write ${article(expected)}, e.g. ${inline(node.examples[0])}` : `write ${article(expected)} (${sentence(node.description ?? '')})`);
}

function discriminatorProblem(at: string, params: Record<string, unknown>, node: SchemaNode): ValidationProblem {
  const tag = String(params.tag);
  const values = (node.oneOf ?? []).map((branch) => String(deref(deref(branch).properties?.[tag]).const));
  const tagPath = childPath(at, tag);
  if (params.error === 'tag') {
    return problem(tagPath, params.tagValue === undefined ? 'is required' : 'must be a string', `set ${tag} to one of: ${values.join(', ')}`);
  }
  const suggestion = closest(String(params.tagValue), values);
  return problem(tagPath, `must be one of ${values.join(', ')} (got ${inline(params.tagValue)})`, suggestion ? `use ${suggestion}` : `use one of: ${values.join(', ')}`);
}

function rangeText(node: SchemaNode): string {
  const lower = node.exclusiveMinimum !== undefined ? `greater than ${node.exclusiveMinimum}` : node.minimum !== undefined ? `${node.minimum}` : undefined;
  const upper = node.maximum ?? node.exclusiveMaximum;
  if (node.minimum !== undefined && node.maximum !== undefined) return `from ${node.minimum} to ${node.maximum}`;
  if (lower !== undefined && upper !== undefined) return `${lower} and at most ${upper}`;
  return lower !== undefined ? `at least ${lower}` : `at most ${upper}`;
}

// ---------------------------------------------------------------- semantic layer

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** Array entries with their index; non-arrays are left to the structural layer. */
const entries = (value: unknown): [number, unknown][] => (Array.isArray(value) ? [...value.entries()] : []);

/** A range taking part in the overlap check. */
interface NamedRange {
  path: string;
  text: string;
  cidr: Cidr;
  corporate: boolean;
}

class Problems {
  readonly list: ValidationProblem[] = [];

  add(path: string, message: string, fix: string): void {
    this.list.push(problem(path, message, fix));
  }

  /** Reports each repeated string value at its later position. */
  unique(values: [number, unknown][], pathOf: (index: number) => string, fix: string): void {
    const first = new Map<string, number>();
    for (const [i, value] of values) {
      if (typeof value !== 'string') continue;
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, i);
      else this.add(pathOf(i), `repeats ${pathOf(earlier)} (${inline(value)})`, fix);
    }
  }
}

const VPC_PREFIX = { min: 16, max: 24 };

/** Terraform Cloud's token names the organization: it comes from the cloud backend or is written out. */
function checkDeployTrust(problems: Problems, trust: Json | undefined, backend: Json | undefined): void {
  if (trust?.type === 'terraform-cloud' && trust.organization === undefined && backend?.type !== 'cloud') {
    problems.add('deployRoles.trust.organization', 'is required without a cloud backend', 'add organization: <your Terraform Cloud organization>');
  }
}

function semanticProblems(raw: unknown): ValidationProblem[] {
  const root = asObject(raw);
  if (!root) return [];
  const problems = new Problems();
  const region = checkRegion(problems, 'region', root.region);
  checkBackend(problems, asObject(root.backend));
  checkTags(problems, asObject(root.tags));
  checkDeployTrust(problems, asObject(asObject(root.deployRoles)?.trust), asObject(root.backend));

  const network = asObject(root.network) ?? {};
  const corporate = asObject(root.corporate) ?? {};
  const connectivity = asObject(corporate.connectivity);
  const services = entries(root.services).flatMap(([i, value]): [number, Json][] => {
    const service = asObject(value);
    return service ? [[i, service]] : [];
  });
  const deployRoleName = asString(root.deployRoleName) ?? DEFAULTS.deployRoleName;

  // The address plan: corporate ranges first, so an overlap is reported on the VPC that must move.
  const ranges: NamedRange[] = [];
  for (const [i, value] of entries(corporate.cidrs)) {
    const at = `corporate.cidrs[${i}]`;
    const cidr = checkCidr(problems, at, value, { vpc: false });
    if (cidr) ranges.push({ path: at, text: String(value), cidr, corporate: true });
  }
  const corporateCidrs = ranges.map((range) => range.cidr);

  const hub = checkCidr(problems, 'network.hubVpcCidr', network.hubVpcCidr, { vpc: true });
  if (hub) ranges.push({ path: 'network.hubVpcCidr', text: String(network.hubVpcCidr), cidr: hub, corporate: false });
  const networkAzIds = checkAvailabilityZoneIds(problems, 'network.availabilityZoneIds', network.availabilityZoneIds, region);
  checkResolverIps(problems, network.inboundResolverIps, hub, networkAzIds);
  checkRoleAccount(problems, 'network', network, deployRoleName);

  if (connectivity?.type === 'transit-gateway') checkTransitGateway(problems, connectivity);
  if (connectivity?.type === 'existing-vpc') checkExistingCorporateVpc(problems, connectivity, ranges);
  const simulatedSubnets = connectivity?.type === 'simulated' || (connectivity?.type === 'transit-gateway' && connectivity.vpcCidr !== undefined)
    ? checkSimulatedCorporate(problems, connectivity, corporateCidrs, ranges, networkAzIds)
    : undefined;
  checkDnsServerIps(problems, corporate.dnsServerIps, corporateCidrs, simulatedSubnets);
  const beforeCorporateChecks = problems.list.length;
  for (const [i, value] of entries(corporate.dnsDomains)) checkDnsDomain(problems, `corporate.dnsDomains[${i}]`, value);
  const corporateValid = problems.list.length === beforeCorporateChecks && corporateCidrs.length === entries(corporate.cidrs).length;

  const corporateNetwork = {
    dnsDomains: entries(corporate.dnsDomains).flatMap(([, domain]) => (typeof domain === 'string' ? [domain] : [])),
    cidrs: corporateCidrs,
    valid: corporateValid,
  };
  for (const [i, service] of services) {
    const at = `services[${i}]`;
    const vpc = checkCidr(problems, `${at}.vpcCidr`, service.vpcCidr, { vpc: true });
    if (vpc) ranges.push({ path: `${at}.vpcCidr`, text: String(service.vpcCidr), cidr: vpc, corporate: false });
    checkAvailabilityZoneIds(problems, `${at}.availabilityZoneIds`, service.availabilityZoneIds, region);
    checkRoleAccount(problems, at, service, deployRoleName);
    checkIdentityProvider(problems, `${at}.identityProvider`, asObject(service.identityProvider), corporateNetwork);
    checkMappings(problems, at, service);
  }
  checkServiceIdentities(problems, network, services);
  checkOverlaps(problems, ranges);
  return problems.list;
}

function checkRegion(problems: Problems, at: string, value: unknown): string | undefined {
  const region = asString(value);
  if (region === undefined) return undefined;
  if (isKnownRegion(region)) return region;
  const suggestion = closest(region, REGION_NAMES);
  problems.add(at, `"${region}" is not a known AWS commercial region`,
    suggestion ? `use "${suggestion}"` : `use one of: ${REGION_NAMES.join(', ')}`);
  return undefined;
}

/** Returns the CIDR when it is fully valid, so later checks never build on a broken value. */
function checkCidr(problems: Problems, at: string, value: unknown, { vpc }: { vpc: boolean }): Cidr | undefined {
  const text = asString(value);
  if (text === undefined) return undefined;
  const cidr = parseCidr(text);
  const example = vpc ? '10.20.0.0/16' : '192.168.0.0/16';
  if (!cidr) {
    problems.add(at, `"${text}" is not an IPv4 CIDR block`, `write it as address/prefix, e.g. ${example}`);
    return undefined;
  }
  const before = problems.list.length;
  const network = { address: networkAddress(cidr), prefix: cidr.prefix };
  if (hasHostBits(cidr)) {
    problems.add(at, `"${text}" has host bits set`, `use the network address: ${formatCidr(network)}`);
  }
  if (vpc && (cidr.prefix < VPC_PREFIX.min || cidr.prefix > VPC_PREFIX.max)) {
    problems.add(at, `"${text}" has prefix /${cidr.prefix}; a VPC here must be /${VPC_PREFIX.min} to /${VPC_PREFIX.max}`,
      `use a prefix length from /${VPC_PREFIX.min} to /${VPC_PREFIX.max} (each of the 4 subnets gets a quarter)`);
  }
  if (!isRfc1918(cidr)) {
    problems.add(at, `"${text}" is not a private (RFC 1918) range`, 'use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
  }
  return problems.list.length === before ? network : undefined;
}

/**
 * Returns the AZ ids to derive subnets from (the given ones when valid, else the region's
 * default), or undefined when they are unusable.
 */
function checkAvailabilityZoneIds(problems: Problems, at: string, value: unknown, region: string | undefined): string[] | undefined {
  if (value === undefined) return region ? defaultAvailabilityZoneIds(region) : undefined;
  if (!Array.isArray(value)) return undefined;
  const before = problems.list.length;
  const example = region ? defaultAvailabilityZoneIds(region) : ['euw1-az1', 'euw1-az2'];
  if (value.length < 2) {
    problems.add(at, `lists ${plural(value.length, 'AZ id', 'AZ ids')}; at least 2 are required`,
      `list at least 2 AZ ids${region ? ` of ${region}` : ''}, e.g. ${inline(example)}`);
  }
  if (value.length > 4) {
    problems.add(at, `lists ${value.length} AZ ids; at most 4 fit (the VPC is split into 4 equal subnets)`, 'remove AZ ids until 4 or fewer remain');
  }
  for (const [i, azId] of value.entries()) {
    if (typeof azId === 'string') checkAzId(problems, childPath(at, i), azId, region);
  }
  problems.unique([...value.entries()], (i) => childPath(at, i), 'list each AZ id once');
  // Past 4 AZ ids two always share a quarter; the count is the problem to report.
  if (value.length <= 4) checkSubnetQuarters(problems, at, value);
  return problems.list.length === before && value.every((azId) => typeof azId === 'string') ? (value as string[]) : undefined;
}

/** Each AZ id's number picks its quarter of the VPC (see `subnetQuarter`): two may not share one. */
function checkSubnetQuarters(problems: Problems, at: string, azIds: unknown[]): void {
  const owners = new Map<number, number>();
  for (const [i, azId] of azIds.entries()) {
    if (typeof azId !== 'string' || !/-az[0-9]+$/.test(azId)) continue;
    const quarter = subnetQuarter(azId);
    const owner = owners.get(quarter);
    if (owner === undefined) owners.set(quarter, i);
    else if (azIds[owner] !== azId) {
      problems.add(childPath(at, i),
        `"${azId}" would take the same subnet as ${childPath(at, owner)} ("${String(azIds[owner])}"): the number of an AZ id picks its quarter of the VPC (az1 and az5 the first, az2 and az6 the second, ...)`,
        'keep only one of the two AZ ids');
    }
  }
}

function checkAzId(problems: Problems, at: string, azId: string, region: string | undefined): void {
  const example = region ? `${azIdPrefix(region)}-az1` : 'euw1-az1';
  const fix = `use the zone's AZ id (ZoneId in aws ec2 describe-availability-zones), e.g. ${example}`;
  if (/^[a-z]{2}(-[a-z]+)+-[0-9][a-z]$/.test(azId)) {
    problems.add(at, `"${azId}" is an AZ name, not an AZ id (names differ between accounts)`, fix);
  } else if (region && !isAzIdOfRegion(azId, region)) {
    problems.add(at, `"${azId}" is not an AZ id of ${region} (${azIdPrefix(region)}-az<N>)`, fix);
  } else if (region && !availabilityZoneIds(region).includes(azId)) {
    problems.add(at, `${region} has no AZ ${azId} (its AZ ids: ${availabilityZoneIds(region).join(', ')})`,
      `use one of ${region}'s AZ ids (see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html)`);
  } else if (!region && !/^[a-z]{2,5}[0-9]+-az[0-9]+$/.test(azId)) {
    problems.add(at, `"${azId}" is not an AZ id`, fix);
  }
}

function checkResolverIps(problems: Problems, value: unknown, hub: Cidr | undefined, azIds: string[] | undefined): void {
  if (!Array.isArray(value)) return;
  const at = 'network.inboundResolverIps';
  const subnets = hub && azIds ? deriveSubnets(formatCidr(hub), azIds) : undefined;
  const defaults = subnets?.map((subnet) => defaultResolverIp(subnet.cidr));
  if (azIds && value.length !== azIds.length) {
    problems.add(at, `lists ${plural(value.length, 'IP', 'IPs')} for ${plural(azIds.length, 'AZ', 'AZs')}`,
      `list one IP per AZ id, in the same order${defaults ? `, e.g. ${inline(defaults)}` : ''}`);
  }
  for (const [i, text] of value.entries()) {
    if (typeof text !== 'string') continue;
    const ipAt = childPath(at, i);
    const address = parseIpv4(text);
    const subnet = subnets?.[i];
    const example = defaults?.[i] ?? '10.10.0.10';
    if (address === undefined) {
      problems.add(ipAt, `"${text}" is not an IPv4 address`, `write it as a.b.c.d, e.g. ${example}`);
    } else if (subnet) {
      const subnetCidr = mustParseCidr(subnet.cidr);
      if (!containsAddress(subnetCidr, address)) {
        problems.add(ipAt, `"${text}" is outside the hub subnet of ${subnet.availabilityZoneId} (${subnet.cidr})`,
          `use an address inside ${subnet.cidr}, e.g. ${example}`);
      } else if (isAwsReservedAddress(subnetCidr, address)) {
        problems.add(ipAt, reservedMessage(text, subnet.cidr), `use an address from ${usableRange(subnetCidr)}, e.g. ${example}`);
      }
    }
  }
  problems.unique([...value.entries()], (i) => childPath(at, i), 'give each AZ its own resolver IP');
}

function reservedMessage(ip: string, subnet: string): string {
  return `"${ip}" is reserved by AWS in subnet ${subnet} (the first four addresses and the last one are reserved)`;
}

function usableRange(subnet: Cidr): string {
  return `${formatIpv4(addressAt(subnet, 4))} to ${formatIpv4(broadcastAddress(subnet) - 1)}`;
}

/** The corporate side on a Transit Gateway is one thing: a VPN / Direct Connect attachment, or a simulated VPC. */
function checkTransitGateway(problems: Problems, connectivity: Json): void {
  const at = 'corporate.connectivity';
  const attachment = connectivity.corporateAttachmentId !== undefined;
  const simulated = connectivity.vpcCidr !== undefined;
  if (attachment === simulated) {
    problems.add(at, attachment
      ? 'names both corporateAttachmentId and vpcCidr; the corporate side on the Transit Gateway is one of them'
      : 'names no corporate side for the Transit Gateway',
    'give corporateAttachmentId (the Site-to-Site VPN or Direct Connect gateway attachment of the corporate network), or vpcCidr for a simulated corporate VPC in a demo');
  }
  if (connectivity.autoAcceptSharedAttachments !== undefined && connectivity.transitGatewayId === undefined) {
    problems.add(`${at}.autoAcceptSharedAttachments`, 'applies only to an existing Transit Gateway (transitGatewayId); a created one never auto-accepts',
      'remove autoAcceptSharedAttachments, or give the transitGatewayId it describes');
  }
}

/**
 * Peering reaches the peered VPC's own addresses only: VPC peering carries no VPN or Direct
 * Connect traffic onward (no edge-to-edge routing), so every corporate range must live in it.
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 */
function checkExistingCorporateVpc(problems: Problems, connectivity: Json, ranges: NamedRange[]): void {
  const vpc = checkCidr(problems, 'corporate.connectivity.vpcCidr', connectivity.vpcCidr, { vpc: true });
  if (!vpc) return;
  for (const range of ranges.filter((r) => r.corporate && !containsCidr(vpc, r.cidr))) {
    problems.add(range.path, `"${range.text}" is not inside the peered VPC ${String(connectivity.vpcCidr)}: existing-vpc peering is for clients that live in that VPC, ` +
      'and VPC peering carries no VPN or Direct Connect traffic (no edge-to-edge routing), so an on-premises range behind it is never reached',
    'for an on-premises network use corporate.connectivity.type transit-gateway with its VPN or Direct Connect attachment; otherwise list only ranges of that VPC');
  }
}

/** Returns the simulated VPC's subnets (over the network AZs) when they can be derived. */
function checkSimulatedCorporate(
  problems: Problems,
  connectivity: Json,
  corporateCidrs: Cidr[],
  ranges: NamedRange[],
  networkAzIds: string[] | undefined,
): Cidr[] | undefined {
  const at = 'corporate.connectivity.vpcCidr';
  const vpc = checkCidr(problems, at, connectivity.vpcCidr, { vpc: true });
  if (!vpc) return undefined;
  const text = String(connectivity.vpcCidr);
  if (!corporateCidrs.some((cidr) => containsCidr(cidr, vpc))) {
    problems.add(at, `"${text}" is not inside any of corporate.cidrs`, `add ${text} to corporate.cidrs, or choose a vpcCidr inside one of them`);
    // Outside the corporate ranges it would otherwise escape the overlap check.
    ranges.push({ path: at, text, cidr: vpc, corporate: false });
  }
  return networkAzIds && deriveSubnets(formatCidr(vpc), networkAzIds).map((subnet) => mustParseCidr(subnet.cidr));
}

/**
 * Corporate DNS servers must be corporate addresses. With a simulated corporate network they are
 * created: a Route 53 inbound endpoint in the simulated VPC's subnets, which needs at least 2 IPs.
 */
function checkDnsServerIps(problems: Problems, value: unknown, corporateCidrs: Cidr[], simulatedSubnets: Cidr[] | undefined): void {
  if (!Array.isArray(value)) return;
  const at = 'corporate.dnsServerIps';
  const listed = simulatedSubnets?.map(formatCidr).join(', ');
  const examples = simulatedSubnets?.map((subnet) => formatIpv4(addressAt(subnet, DEFAULTS.resolverIpOffset)));
  if (examples && value.length < 2) {
    problems.add(at, `lists ${plural(value.length, 'IP', 'IPs')}; the simulated corporate DNS (a Route 53 inbound endpoint) needs at least 2`,
      `list 2 addresses inside the simulated VPC's subnets (${listed}), e.g. ${inline(examples.slice(0, 2))}`);
  }
  for (const [i, ip] of value.entries()) {
    if (typeof ip !== 'string') continue;
    const ipAt = childPath(at, i);
    const address = parseIpv4(ip);
    const subnet = simulatedSubnets?.find((candidate) => address !== undefined && containsAddress(candidate, address));
    if (address === undefined) {
      problems.add(ipAt, `"${ip}" is not an IPv4 address`, `write it as a.b.c.d, e.g. ${examples?.[0] ?? '192.168.0.10'}`);
    } else if (simulatedSubnets && !subnet) {
      problems.add(ipAt, `"${ip}" is outside the simulated corporate VPC's subnets (${listed})`, `use an address inside one of them, e.g. ${examples?.[0]}`);
    } else if (subnet && isAwsReservedAddress(subnet, address)) {
      problems.add(ipAt, reservedMessage(ip, formatCidr(subnet)), `use an address from ${usableRange(subnet)}`);
    } else if (!simulatedSubnets && corporateCidrs.length > 0 && !corporateCidrs.some((cidr) => containsAddress(cidr, address))) {
      problems.add(ipAt, `"${ip}" is not inside any of corporate.cidrs`, 'use the address of a corporate DNS server, or add its range to corporate.cidrs');
    }
  }
}

/** Zones that must keep resolving inside AWS: VPC endpoint names and Studio URLs live in them. */
const AWS_ZONES = ['amazonaws.com', 'amazonaws.com.cn', 'aws', 'api.aws'];
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function checkDnsDomain(problems: Problems, at: string, value: unknown): void {
  const domain = asString(value);
  if (domain === undefined) return;
  if (domain === '.' || domain === '') {
    problems.add(at, 'is the DNS root, which would forward every name (AWS ones included) to the corporate DNS', 'list the corporate domains themselves, e.g. corp.example.com');
    return;
  }
  const labels = domain.split('.');
  if (domain.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) {
    problems.add(at, `"${domain}" is not a valid DNS domain name`,
      'use lowercase labels of letters, digits and hyphens separated by dots, without a trailing dot, e.g. corp.example.com');
    return;
  }
  const zone = AWS_ZONES.find((aws) => isSameOrSubdomain(domain, aws) || isSameOrSubdomain(aws, domain));
  if (zone) {
    problems.add(at, `"${domain}" covers the AWS zone ${zone}; forwarding it would send VPC endpoint and Studio names to the corporate DNS`,
      'remove it: AWS names must be answered inside AWS');
  }
}

function isSameOrSubdomain(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** A role in another account would fail `allowed_account_ids` only at plan time. */
function checkRoleAccount(problems: Problems, at: string, account: Json, deployRoleName: string): void {
  const accountId = asString(account.accountId);
  const roleAccount = /^arn:aws:iam::([0-9]{12}):role\//.exec(asString(account.roleArn) ?? '')?.[1];
  if (accountId && /^[0-9]{12}$/.test(accountId) && roleAccount && roleAccount !== accountId) {
    problems.add(`${at}.roleArn`, `is a role in account ${roleAccount}, not in ${at}.accountId (${accountId})`,
      `use a role in account ${accountId}, e.g. arn:aws:iam::${accountId}:role/${deployRoleName}, or omit roleArn`);
  }
}

function checkServiceIdentities(problems: Problems, network: Json, services: [number, Json][]): void {
  problems.unique(services.map(([i, service]) => [i, service.name]), (i) => `services[${i}].name`,
    'give each service a unique name: it names the service-<name> and network-link-<name> stacks');
  const networkAccount = asString(network.accountId);
  const seenAccounts = new Map<string, number>();
  for (const [i, service] of services) {
    const accountId = asString(service.accountId);
    if (accountId === undefined) continue;
    const earlier = seenAccounts.get(accountId);
    if (accountId === networkAccount) {
      problems.add(`services[${i}].accountId`, `is the network account (network.accountId)`,
        'use a separate account for each service: the network account may not also be a service account');
    } else if (earlier !== undefined) {
      problems.add(`services[${i}].accountId`, `repeats services[${earlier}].accountId (${inline(accountId)})`,
        'give each service its own account: each service stack owns one account');
    } else {
      seenAccounts.set(accountId, i);
    }
  }
}

const ASYMMETRIC_KEY_TYPES = ['RSA', 'EC', 'OKP'];
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

function checkIdentityProvider(problems: Problems, at: string, idp: Json | undefined, corporate: CorporateNetwork): void {
  if (!idp) return;
  checkUsernameClaim(problems, at, idp);
  checkJwksAccess(problems, at, idp, corporate);
  checkHttpsUrl(problems, `${at}.issuer`, idp.issuer, 'https://idp.corp.example.com/oauth2/default');
  checkHttpsUrl(problems, `${at}.jwksUri`, idp.jwksUri, 'https://idp.corp.example.com/oauth2/default/v1/keys');
  const hasUri = idp.jwksUri !== undefined;
  const hasInline = idp.jwks !== undefined;
  if (hasUri && hasInline) {
    problems.add(at, 'sets both jwksUri and jwks', 'keep jwksUri when the service VPC can reach the IdP, otherwise keep only the inline jwks');
  } else if (!hasUri && !hasInline) {
    problems.add(at, 'sets neither jwksUri nor jwks',
      "add jwksUri (the jwks_uri of the issuer's /.well-known/openid-configuration), or an inline jwks with the IdP's public keys");
  }
  for (const [i, value] of entries(asObject(idp.jwks)?.keys)) {
    const key = asObject(value);
    if (!key) continue;
    const keyAt = `${at}.jwks.keys[${i}]`;
    if (!ASYMMETRIC_KEY_TYPES.includes(String(key.kty))) {
      problems.add(`${keyAt}.kty`, `must be RSA, EC or OKP (got ${inline(key.kty)}): only asymmetric keys can verify tokens without sharing a secret`,
        "use the IdP's public signing keys as its JWKS endpoint publishes them");
    }
    const secret = PRIVATE_JWK_MEMBERS.filter((member) => member in key);
    if (secret.length > 0) {
      problems.add(keyAt, `contains private key material (${secret.join(', ')})`,
        `remove ${secret.join(', ')}: the authorizer needs the public key only, and this file is not a secret store`);
    }
  }
}

interface CorporateNetwork {
  dnsDomains: string[];
  cidrs: Cidr[];
  /** Every domain and range passed its own checks. */
  valid: boolean;
}

const hostOf = (value: unknown): string | undefined => {
  try {
    return typeof value === 'string' ? new URL(value).hostname || undefined : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The service VPC reaches only AWS endpoints and the corporate network, so the JWKS host decides
 * the way: a corporate host over the connectivity, an internet host (Entra ID, Okta, Auth0, Cognito)
 * through a corporate proxy or from an authorizer outside the VPC.
 */
function checkJwksAccess(problems: Problems, at: string, idp: Json, corporate: CorporateNetwork): void {
  const access = asObject(idp.jwksAccess);
  const via = asString(access?.via) ?? 'corporate';
  if (access && idp.jwksUri === undefined) {
    problems.add(`${at}.jwksAccess`, 'applies only to jwksUri', 'remove jwksAccess: an inline jwks needs no network path');
    return;
  }
  const host = hostOf(idp.jwksUri);
  // With a broken domain list, where the host lives is unknown: that list is the problem to fix.
  if (host === undefined || !corporate.valid) return;
  const domains = corporate.dnsDomains.join(', ') || 'none';
  const corporateHost = isCorporateHost(host, corporate);
  if (via === 'corporate' && !corporateHost) {
    problems.add(`${at}.jwksUri`,
      `${host} is on the internet (not in a corporate DNS domain: ${domains}) and the service VPC has no internet path, so the Lambdas could not fetch the keys`,
      'set jwksAccess: { via: outside-vpc } (the authorizer, which holds no data permissions, runs outside the VPC) or jwksAccess: { via: proxy, proxyUrl: http://<corporate proxy>:<port> }');
  } else if (via === 'outside-vpc' && corporateHost) {
    problems.add(`${at}.jwksAccess.via`, `outside-vpc cannot reach ${host}, a corporate host (${domains})`,
      'remove jwksAccess: a corporate JWKS host is reached from inside the VPC');
  } else if (via === 'proxy') {
    const proxyHost = hostOf(access?.proxyUrl);
    if (proxyHost !== undefined && !isCorporateHost(proxyHost, corporate)) {
      problems.add(`${at}.jwksAccess.proxyUrl`,
        `${proxyHost} is neither in a corporate DNS domain (${domains}) nor an address in corporate.cidrs: the service VPC reaches only the corporate network`,
        'name the corporate forward proxy, e.g. http://proxy.corp.example.com:3128');
    }
  }
}

/** A claim the IdP documents as mutable identifies users only when the file says it knows (OIDC Core 5.7). */
function checkUsernameClaim(problems: Problems, at: string, idp: Json): void {
  const stable = defaultUsernameClaim(asString(idp.issuer) ?? '');
  const claim = asString(idp.usernameClaim) ?? stable;
  const source = MUTABLE_CLAIMS[claim];
  const acknowledged = idp.acknowledgeMutableUsernameClaim === true;
  if (source !== undefined && !acknowledged) {
    problems.add(`${at}.usernameClaim`,
      `"${claim}" is documented as changeable or user-editable (${source}): whoever has the value later gets the mapped Studio`,
      `identify users by ${stable} (remove usernameClaim and map their ${stable} values), or, if your IdP guarantees "${claim}" is never changed or reassigned, add acknowledgeMutableUsernameClaim: true`);
  } else if (source === undefined && acknowledged) {
    problems.add(`${at}.acknowledgeMutableUsernameClaim`, `acknowledges a mutable claim, but usernameClaim "${claim}" is not one`,
      'remove acknowledgeMutableUsernameClaim');
  }
}

function checkHttpsUrl(problems: Problems, at: string, value: unknown, example: string): void {
  const text = asString(value);
  if (text === undefined) return;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.hostname === '') {
    problems.add(at, `"${text}" is not an https URL`, `use the https URL the IdP publishes, e.g. ${example}`);
  } else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.add(at, `"${text}" must not contain credentials, a query or a fragment`, `use the plain URL, e.g. ${example}`);
  }
}

const MAPPING_FIXES: Record<keyof StudioMapping, string> = {
  username: "use the user's id exactly as the IdP puts it in usernameClaim (sub by default), e.g. 00u1a2b3c4d5e6f7g8h9",
  domainId: 'use one of studio.domainIds, e.g. d-abcdefghijkl',
  userProfileName: 'use a user profile name such as alice (with studio mode create: one of studio.userProfiles)',
  spaceName: 'use a space name such as alice-space, or remove spaceName',
  landingUri: 'use "studio::" (the Studio home) or "app:JupyterLab:", or remove landingUri',
};

function checkMappings(problems: Problems, at: string, service: Json): void {
  const studio = asObject(service.studio);
  const mode = studio?.mode;
  const userProfiles = entries(studio?.userProfiles).map(([, name]) => name);
  const domainIds = entries(studio?.domainIds).map(([, id]) => id);
  const mappings = entries(service.mappings);
  for (const [j, value] of mappings) {
    const mapping = asObject(value);
    if (!mapping) continue;
    const mappingAt = `${at}.mappings[${j}]`;
    const domainGiven = mapping.domainId !== undefined;
    // Only mode existing needs a domainId; with an invalid mode the studio problem is the one to fix.
    for (const { field, message } of mappingProblems(mapping, { allowMissingDomainId: mode !== 'existing' })) {
      // In create mode any domainId is wrong, whatever its form: reported once below.
      if (field === 'domainId' && mode === 'create') continue;
      problems.add(`${mappingAt}.${field}`, message.replace(new RegExp(`^${field} `), ''), MAPPING_FIXES[field]);
    }
    if (mode === 'create' && domainGiven) {
      problems.add(`${mappingAt}.domainId`, 'must be omitted: with studio mode create the mapping uses the domain this stack creates',
        'remove domainId');
    }
    const domainId = asString(mapping.domainId);
    if (mode === 'existing' && domainIds.length > 0 && domainId && DOMAIN_ID_PATTERN.test(domainId) && !domainIds.includes(domainId)) {
      problems.add(`${mappingAt}.domainId`, `"${domainId}" is not one of ${at}.studio.domainIds`,
        'use one of studio.domainIds, or add this domain to them (the presign role may only use those domains)');
    }
    const profile = asString(mapping.userProfileName);
    if (mode === 'create' && profile && !userProfiles.includes(profile)) {
      problems.add(`${mappingAt}.userProfileName`, `"${profile}" is not one of ${at}.studio.userProfiles`,
        `add "${profile}" to studio.userProfiles, or map the user to one of them`);
    }
  }
  problems.unique(mappings.map(([j, value]) => [j, asObject(value)?.username]), (j) => `${at}.mappings[${j}].username`,
    'keep one mapping per username: the table holds one item per user');
  const profileOf = (mapping: Json | undefined) =>
    typeof mapping?.userProfileName === 'string' ? `${asString(mapping.domainId) ?? '(created domain)'}/${mapping.userProfileName}` : undefined;
  problems.unique(mappings.map(([j, value]) => [j, profileOf(asObject(value))]), (j) => `${at}.mappings[${j}].userProfileName`,
    'map each user to their own profile: two users on one profile share its spaces, files and execution role, so each can act as the other');
}

function checkOverlaps(problems: Problems, ranges: NamedRange[]): void {
  for (const [j, later] of ranges.entries()) {
    const earlier = ranges.slice(0, j).find((range) => cidrsOverlap(range.cidr, later.cidr));
    if (!earlier) continue;
    if (later.corporate) {
      problems.add(later.path, `overlaps ${earlier.path} (${earlier.text})`, 'list each corporate range once: remove one of them or list their union');
      continue;
    }
    const free = firstFreePrivateBlock(later.cidr.prefix, ranges.filter((range) => range !== later).map((range) => range.cidr));
    problems.add(later.path, `overlaps ${earlier.path} (${earlier.text})`,
      `choose a range that overlaps no corporate, hub or service range${free ? `, e.g. ${formatCidr(free)}` : ''}`);
  }
}

function checkBackend(problems: Problems, backend: Json | undefined): void {
  if (backend?.type !== 's3') return;
  checkRegion(problems, 'backend.region', backend.region);
  const bucket = asString(backend.bucket);
  const reason = bucket === undefined ? undefined : bucketNameProblem(bucket);
  if (reason) {
    problems.add('backend.bucket', `"${bucket}" ${reason}`, 'use the name of an existing S3 bucket, e.g. acme-terraform-state');
  }
}

/** S3 general purpose bucket naming rules. */
function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'is not a valid S3 bucket name: it must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'is not a valid S3 bucket name: only lowercase letters, digits, dots and hyphens are allowed';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'is not a valid S3 bucket name: it must start and end with a letter or digit';
  if (name.includes('..')) return 'is not a valid S3 bucket name: it must not contain two adjacent dots';
  if (parseIpv4(name) !== undefined) return 'is not a valid S3 bucket name: it must not be formatted as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((reserved) => name.startsWith(reserved));
  if (prefix) return `is not a valid S3 bucket name: the prefix ${prefix} is reserved`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((reserved) => name.endsWith(reserved));
  if (suffix) return `is not a valid S3 bucket name: the suffix ${suffix} is reserved`;
  return undefined;
}

/** AWS tag rules: keys 1..128 and values 0..256 of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function checkTags(problems: Problems, tags: Json | undefined): void {
  for (const [key, value] of Object.entries(tags ?? {})) {
    const at = childPath('tags', key);
    if (key.length === 0 || key.length > 128 || !TAG_TEXT.test(key)) {
      problems.add(at, `tag key ${inline(key)} is not a valid AWS tag key`, 'use 1 to 128 letters, digits, spaces and _ . : / = + - @');
    } else if (key.toLowerCase().startsWith('aws:')) {
      problems.add(at, `tag key ${inline(key)} uses the reserved prefix aws:`, 'rename the key without the aws: prefix');
    } else if (typeof value === 'string' && (value.length > 256 || !TAG_TEXT.test(value))) {
      problems.add(at, 'is not a valid AWS tag value', 'use at most 256 letters, digits, spaces and _ . : / = + - @');
    }
  }
}

// ---------------------------------------------------------------- wording helpers

function problem(path: string, message: string, fix: string): ValidationProblem {
  return { path, message, fix };
}

/** `/services/1/vpcCidr` -> `services[1].vpcCidr`. */
function pointerToPath(pointer: string): string {
  if (pointer === '') return ROOT;
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((at, segment) => childPath(at, /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment), ROOT);
}

function childPath(parent: string, key: string | number): string {
  const base = parent === ROOT ? '' : parent;
  if (typeof key === 'number') return `${base}[${key}]`;
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

/** A value as it would be written inline in YAML. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${inline(item)}`).join(', ')} }`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} ${inline(value)}`;
}

function article(type: string): string {
  const noun = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A description turned into a clause: first letter lowercased, final period dropped. */
function sentence(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

/** The candidate within a small edit distance, to turn a typo into a concrete fix. */
function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(value.length / 4)) ? best.candidate : undefined;
}

function nearestNumber(value: number, candidates: readonly unknown[]): number | undefined {
  const numbers = candidates.filter((candidate): candidate is number => typeof candidate === 'number');
  return numbers.reduce<number | undefined>((best, candidate) =>
    best === undefined || Math.abs(candidate - value) < Math.abs(best - value) ? candidate : best, undefined);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
