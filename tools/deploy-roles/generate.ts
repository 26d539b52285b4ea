/**
 * Each account's deploy role, derived from the synthesized stacks that deploy into it: the actions
 * come from the resource types those stacks declare (table.ts), each scoped as narrowly as the
 * Service Authorization Reference allows (iam-data.ts): to the landing zone's names, or to its
 * `LandingZone` tag, which every stack's provider sets on everything it creates (`default_tags`).
 */
import { SynthesizedStack } from '../../analysis/guardrails';
import { asArray, isRecord, resourcesOf, stackAccount, strings, target } from '../../analysis/guardrails/terraform';
import type { ResolvedDeployTrust } from '../../modules/config/types';
import { LANDING_ZONE_TAG, NETWORK_STACK, STACK_TAG, networkLinkStackName, workspaceName } from '../../modules/shared/naming';
import { landingZoneOf } from '../../analysis/synthesized';
import { ActionInfo, ActionResource, actionInfo, supportsTag } from '../../analysis/policy-proofs/iam-data';
import { DATA_SOURCE_ACTIONS, PASSED_ROLES, PHASES, Phase, RESOURCE_ACTIONS, SERVICE_LINKED_ROLES, TypeActions } from './table';
import { PolicyDocument, Statement, splitIntoManagedPolicies } from './policy';


/** One account of the landing zone, as its stacks' providers describe it. */
export interface AccountView {
  account: string;
  region: string;
  environment: string;
  /** Tags every resource of these stacks carries (the providers' `default_tags`), without `Stack`. */
  tags: Record<string, string>;
  roleName: string;
  roleArn: string;
  /** The providers' `assume_role.session_name`, one per stack. */
  sessionNames: string[];
  /** Terraform Cloud workspace of each stack: the cloud backend's, else the name it would get. */
  workspaces: string[];
  stacks: string[];
}

export interface DeployRole {
  /** `network`, `service-<name>`: the first stack the role deploys (file name). */
  name: string;
  account: string;
  region: string;
  stacks: string[];
  roleName: string;
  roleArn: string;
  trustPolicy: PolicyDocument;
  /** Every permission of the role in one document (what the evaluator and a reviewer read). */
  permissionsPolicy: PolicyDocument;
  /** The same statements split into managed policies within IAM's size quota, to attach. */
  managedPolicies: { name: string; document: PolicyDocument }[];
  permissionsBoundaryName: string;
  permissionsBoundaryArn: string;
  /** Boundary of the deploy role and of every role it creates. */
  permissionsBoundary: PolicyDocument;
}

interface GenerateOptions {
  trust: ResolvedDeployTrust;
  /** Name of the boundary policy (`deployRoles.permissionsBoundaryName`). */
  permissionsBoundaryName: string;
}

/** A synthesized type the table does not know: the role would miss its permissions. */
export class MissingTableEntryError extends Error {}

export function accountViews(stacks: Readonly<Record<string, SynthesizedStack>>): AccountView[] {
  const byAccount = new Map<string, AccountView>();
  for (const name of orderedStacks(stacks)) {
    const provider = asArray(stacks[name].provider?.aws)[0];
    const { accountId, region } = stackAccount(stacks[name]);
    const assume = isRecord(provider) ? asArray(provider.assume_role as unknown[])[0] : undefined;
    const tagsBlock = isRecord(provider) ? asArray(provider.default_tags as unknown[])[0] : undefined;
    const tags = isRecord(tagsBlock) && isRecord(tagsBlock.tags) ? (tagsBlock.tags as Record<string, string>) : {};
    if (!accountId || !region || !isRecord(assume) || typeof assume.role_arn !== 'string' || !tags[LANDING_ZONE_TAG]) {
      throw new Error(`stack ${name}: its AWS provider has no allowed account, region, assume_role or ${LANDING_ZONE_TAG} default tag`);
    }
    const landingZoneTags = Object.fromEntries(Object.entries(tags).filter(([k]) => k !== STACK_TAG));
    const cloud = isRecord(stacks[name].terraform) ? (stacks[name].terraform as Record<string, unknown>).cloud : undefined;
    const declared = isRecord(cloud) && isRecord(cloud.workspaces) ? cloud.workspaces.name : undefined;
    const workspace = typeof declared === 'string' ? declared : workspaceName(tags[LANDING_ZONE_TAG], region, tags[STACK_TAG] ?? name);
    const view = byAccount.get(accountId);
    if (view) {
      if (view.roleArn !== assume.role_arn) throw new Error(`account ${accountId}: stacks ${view.stacks[0]} and ${name} assume different roles`);
      view.stacks.push(name);
      view.sessionNames.push(String(assume.session_name));
      view.workspaces.push(workspace);
      continue;
    }
    byAccount.set(accountId, {
      account: accountId,
      region,
      environment: tags[LANDING_ZONE_TAG],
      tags: landingZoneTags,
      roleArn: assume.role_arn,
      roleName: assume.role_arn.split('/').pop() ?? assume.role_arn,
      sessionNames: [String(assume.session_name)],
      workspaces: [workspace],
      stacks: [name],
    });
  }
  return [...byAccount.values()];
}

/** Deploy order: network, services, links, so a file is named by its account's first stack. */
function orderedStacks(stacks: Readonly<Record<string, SynthesizedStack>>): string[] {
  const rank = (id: string) => {
    const name = landingZoneOf(stacks[id])?.stackName ?? id;
    return name === NETWORK_STACK ? 0 : name.startsWith(networkLinkStackName('')) ? 2 : 1;
  };
  return Object.keys(stacks).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Every resource type and data source the stacks declare, each with its table entry. */
export function typesUsed(stacks: readonly SynthesizedStack[]): { resources: string[]; dataSources: string[] } {
  const resources = [...new Set(stacks.flatMap((s) => Object.keys(s.resource ?? {})))].sort();
  const dataSources = [...new Set(stacks.flatMap((s) => Object.keys((s.data as Record<string, unknown> | undefined) ?? {})))].sort();
  const missing = [...resources.filter((t) => !RESOURCE_ACTIONS[t]), ...dataSources.filter((t) => !DATA_SOURCE_ACTIONS[t])];
  if (missing.length > 0) {
    throw new MissingTableEntryError(`no deploy-role actions for ${missing.join(', ')}. Fix: add them to tools/deploy-roles/table.ts`);
  }
  return { resources, dataSources };
}

type Scope = 'tagged' | 'named' | 'unscoped';

/**
 * How far each IAM resource type can be scoped. `named`: its ARN carries the resource's name, and
 * every name of the landing zone starts with `<environment>-`. `tagged`: AWS fills in
 * `aws:ResourceTag` (and `aws:RequestTag` on create). `unscoped`: neither exists; the ARN still pins
 * the account and region.
 */
const SCOPES: Readonly<Record<string, Scope>> = {
  'ec2:*': 'tagged',
  'kms:key': 'tagged',
  'kms:alias': 'named',
  'route53resolver:*': 'tagged',
  'ram:resource-share': 'tagged',
  // Invitations carry no tags; accepting one only joins a share another account made.
  'ram:resource-share-invitation': 'unscoped',
  'sagemaker:*': 'tagged',
  'wafv2:webacl': 'tagged',
  // The REST API stage a web ACL protects: an API Gateway path of the region.
  'wafv2:apigateway': 'unscoped',
  'iam:role': 'named',
  'logs:log-group': 'named',
  'lambda:function': 'named',
  'dynamodb:table': 'named',
  'dynamodb:stream': 'named',
  // Hosted zones have neither name nor tag condition keys; record changes are limited by name below.
  'route53:*': 'unscoped',
  // Regional API Gateway paths; the API itself is pinned by the account's region.
  'apigateway:*': 'unscoped',
};

export function scopeOf(key: string): Scope | undefined {
  return SCOPES[key] ?? SCOPES[`${key.split(':')[0]}:*`];
}

/** Where each named IAM resource type gets its names in the synthesized stacks. */
const NAMES: Readonly<Record<string, { type: string; attribute: string; variable: string; strip?: RegExp }>> = {
  'iam:role': { type: 'aws_iam_role', attribute: 'name', variable: 'RoleNameWithPath' },
  'logs:log-group': { type: 'aws_cloudwatch_log_group', attribute: 'name', variable: 'LogGroupName' },
  'lambda:function': { type: 'aws_lambda_function', attribute: 'function_name', variable: 'FunctionName' },
  'dynamodb:table': { type: 'aws_dynamodb_table', attribute: 'name', variable: 'TableName' },
  'dynamodb:stream': { type: 'aws_dynamodb_table', attribute: 'name', variable: 'TableName' },
  'kms:alias': { type: 'aws_kms_alias', attribute: 'name', variable: 'Alias', strip: /^alias\// },
};

/** The ARN of a named resource type with its name variable set to `name`. */
export function namedArn(key: string, template: string, view: AccountView, name: string, variable = '*'): string {
  return arnPattern(template.replace(`\${${NAMES[key].variable}}`, name), view, variable);
}

/**
 * Resources AWS creates on its own that Terraform adopts: they carry no landing-zone tag until
 * Terraform tags them, so their own resource type is scoped by another condition.
 */
const ADOPTED: Readonly<Record<string, (view: AccountView, stacks: SynthesizedStack[], others: string[]) => { condition: Grant['condition']; tagsOnly?: boolean }>> = {
  // The group AWS creates with each VPC: Terraform removes its rules (removing a rule never opens
  // anything) and tags it with the name the stacks give it.
  aws_default_security_group: (_view, stacks) => ({
    condition: { StringEquals: { 'aws:RequestTag/Name': literalNames(stacks, 'aws_default_security_group', (b) => (isRecord(b.tags) ? b.tags.Name : undefined)) } },
    tagsOnly: true,
  }),
  // An attachment a service account requested to the zone's transit gateway: it has no key naming
  // its requester, so accepting is open and its tags only take the names the stacks give them.
  aws_ec2_transit_gateway_vpc_attachment_accepter: (_view, stacks) => ({
    condition: { StringEquals: { 'aws:RequestTag/Name': literalNames(stacks, 'aws_ec2_transit_gateway_vpc_attachment_accepter', (b) => (isRecord(b.tags) ? b.tags.Name : undefined)) } },
    tagsOnly: true,
  }),
  // The peering a service account requested: its requester tags are not visible on this side.
  aws_vpc_peering_connection_accepter: (view, _stacks, others) => ({
    condition: { StringLike: { 'ec2:RequesterVpc': others.map((account) => `arn:aws:ec2:${view.region}:${account}:vpc/*`) } },
  }),
};

/**
 * Requests that name a resource of another landing-zone account: the VPC a peering request goes to,
 * the transit gateway the network account shares. They only connect once that account accepts.
 */
export const CROSS_ACCOUNT: Readonly<Record<string, { resource: string }>> = {
  'ec2:CreateVpcPeeringConnection': { resource: 'ec2:vpc' },
  'ec2:CreateTransitGatewayVpcAttachment': { resource: 'ec2:transit-gateway' },
};

/**
 * Resources a service creates for the caller, under the caller's permissions, without the stack's
 * tags: Route 53 Resolver's endpoint network interfaces. The subnet and security group they go in
 * are still the landing zone's.
 */
const CREATED_BY_SERVICE: Readonly<Record<string, readonly string[]>> = {
  aws_route53_resolver_endpoint: ['ec2:network-interface'],
};

/** The request creates `rt` (AWS fills in `aws:RequestTag` for it), rather than acting on an existing one. */
export function creates(info: ActionInfo, rt: ActionResource, phase: Phase, own: string | undefined): boolean {
  if (phase !== 'create') return false;
  if (supportsTag(rt.actionKeys, 'RequestTag')) return true;
  return rt.key === own && supportsTag(info.conditionKeys, 'RequestTag');
}

/** The resource carries no landing-zone tag when the request is made (see CREATED_BY_SERVICE). */
export const untagged = (type: string, rt: ActionResource): boolean => (CREATED_BY_SERVICE[type] ?? []).includes(rt.key);

/** Ids AWS gives the EC2 resources an account file may name (an existing VPC and its route tables). */
const EXISTING_ID = /^(vpc|subnet|rtb|sg|tgw|tgw-rtb|tgw-attach)-[0-9a-f]{8,17}$/;
const ID_TYPES: Readonly<Record<string, string>> = {
  vpc: 'ec2:vpc',
  subnet: 'ec2:subnet',
  rtb: 'ec2:route-table',
  sg: 'ec2:security-group',
  tgw: 'ec2:transit-gateway',
  'tgw-rtb': 'ec2:transit-gateway-route-table',
  'tgw-attach': 'ec2:transit-gateway-attachment',
};

/**
 * Resources the stacks act on but do not create, named by id in the synthesized JSON (from the
 * account file): they carry no landing-zone tag, so each is granted by its exact ARN.
 */
export function existingIds(stacks: SynthesizedStack[]): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = EXISTING_ID.exec(value);
      if (match) found.set(ID_TYPES[match[1]], (found.get(ID_TYPES[match[1]]) ?? new Set()).add(value));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (isRecord(value)) Object.values(value).forEach(walk);
  };
  for (const s of stacks) walk(s.resource);
  return new Map([...found.entries()].map(([k, v]) => [k, [...v].sort()]));
}

function literalNames(stacks: SynthesizedStack[], type: string, pick: (body: Record<string, unknown>) => unknown): string[] {
  return [...new Set(stacks.flatMap((s) => resourcesOf(s, type).map((r) => pick(r.body)).filter((n): n is string => typeof n === 'string' && !n.includes('${'))))].sort();
}

/**
 * The `<before><env>-*` patterns covering every synthesized name of a named resource type; a name
 * without the prefix (a Studio domain named in the account file) is granted exactly as it is.
 */
export function namePatterns(key: string, view: AccountView, stacks: SynthesizedStack[]): string[] {
  const source = NAMES[key];
  const marker = `${view.environment}-`;
  const names = stacks.flatMap((s) => resourcesOf(s, source.type).map((r) => r.body[source.attribute]));
  return [...new Set(names.map((raw) => {
    const name = String(raw).replace(source.strip ?? /^$/, '');
    const at = name.indexOf(marker);
    const reference = name.indexOf('${');
    // A name AWS forms around a created id (API Gateway's `API-Gateway-Execution-Logs_<api-id>/<stage>`)
    // is scoped by its fixed prefix; a name that starts with a reference cannot be scoped at all.
    if (reference === 0) throw new Error(`${source.type} ${String(raw)}: its name is only known after apply, so the deploy role cannot be scoped to it`);
    if (reference > 0) return `${name.slice(0, reference)}*`;
    return at < 0 ? name : `${name.slice(0, at + marker.length)}*`;
  }))].sort();
}

/** The ARN template with the account's values and every other variable a wildcard. */
export function arnPattern(template: string, view: AccountView, variable = '*'): string {
  return template
    .replace('${Partition}', 'aws')
    .replace('${Region}', view.region)
    .replace('${Account}', view.account)
    // WAF scopes: the web ACLs protect regional REST APIs, never CloudFront.
    .replace('${Scope}', 'regional')
    .replace(/\$\{[A-Za-z]+\}/g, variable);
}

const GLOBAL_SERVICES = new Set(['iam', 'route53', 'sts', 'organizations']);

interface Grant {
  /** Reads are grouped apart from writes, whatever their scope. */
  read?: boolean;
  action: string;
  resource: string;
  condition?: Record<string, Record<string, string | string[]>>;
}

/** Phase of each action for one type, create first (a create-time grant is the one that needs RequestTag). */
function phasesOf(entry: TypeActions): [Phase, string][] {
  return PHASES.flatMap((phase) => entry[phase].map((a): [Phase, string] => [phase, a]));
}

async function grantsFor(view: AccountView, stacks: SynthesizedStack[], types: string[], others: string[], boundaryArn: string): Promise<Grant[]> {
  const used = new Set(types.flatMap((t) => RESOURCE_ACTIONS[t].resources ?? []));
  const ec2Creates = new Set<string>();
  for (const t of types) for (const a of RESOURCE_ACTIONS[t].create) if (a.startsWith('ec2:Create') || a === 'ec2:AcceptVpcPeeringConnection') ec2Creates.add(a);
  const existing = existingIds(stacks);
  const inLandingZone = { StringEquals: { [`aws:ResourceTag/${LANDING_ZONE_TAG}`]: view.environment } };
  const onCreate = { StringEquals: { [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment } };
  const grants: Grant[] = stacks
    .flatMap((s) => Object.keys((s.data as Record<string, unknown> | undefined) ?? {}))
    .flatMap((source) => DATA_SOURCE_ACTIONS[source] ?? [])
    .map((action) => ({ read: true, action, resource: '*' }));
  for (const type of types) {
    const entry = RESOURCE_ACTIONS[type];
    const own = entry.resources?.[0];
    const adopted = ADOPTED[type]?.(view, stacks, others);
    for (const [phase, action] of phasesOf(entry)) {
      const info = await actionInfo(action);
      if (phase === 'read' && info.accessLevel !== 'Write') {
        // Refreshes read what they can see; only names the landing zone owns narrow them (a table's
        // items, a function's code).
        const named = info.resources.filter((r) => (r.required || used.has(r.key)) && scopeOf(r.key) === 'named');
        if (named.length === 0 || named.length < info.resources.filter((r) => r.required).length) grants.push({ read: true, action, resource: '*' });
        else for (const rt of named) for (const name of namePatterns(rt.key, view, stacks)) grants.push({ read: true, action, resource: namedArn(rt.key, rt.arn, view, name) });
        continue;
      }
      if (info.resources.length === 0) {
        grants.push(wildcardGrant(action, info, view, phase));
        continue;
      }
      for (const rt of info.resources.filter((r) => r.required || used.has(r.key))) {
        if (adopted && rt.key === own) {
          const base = adopted.condition ?? {};
          const condition = phase === 'tag' ? { ...base, StringEquals: { ...base.StringEquals, ...onCreate.StringEquals } } : adopted.tagsOnly ? undefined : base;
          grants.push({ action, resource: arnPattern(rt.arn, view), ...(condition ? { condition } : {}) });
          continue;
        }
        if (untagged(type, rt)) {
          grants.push({ action, resource: arnPattern(rt.arn, view) });
          continue;
        }
        const created = creates(info, rt, phase, own);
        grants.push(...resourceGrants(action, info, rt, created, phase, view, stacks, { inLandingZone, onCreate, boundaryArn, ec2Creates: [...ec2Creates].sort() }));
        if (!created && phase !== 'tag') {
          // Ids are unique across accounts; a shared transit gateway lives in its owner's account.
          for (const id of existing.get(rt.key) ?? []) grants.push({ action, resource: arnPattern(rt.arn.replace('${Account}', '*'), view, id) });
        }
        // A peering request names the accepter's VPC in another account of the landing zone; it
        // only becomes a connection when that account accepts.
        const peer = CROSS_ACCOUNT[action];
        if (peer?.resource === rt.key) for (const account of others) grants.push({ action, resource: arnPattern(rt.arn.replace('${Account}', account), view) });
      }
    }
  }
  return grants;
}

function wildcardGrant(action: string, info: ActionInfo, view: AccountView, phase: Phase): Grant {
  const service = action.split(':')[0];
  const condition: Record<string, Record<string, string>> = {};
  if (!GLOBAL_SERVICES.has(service)) condition.StringEquals = { 'aws:RequestedRegion': view.region };
  if (phase === 'create' && supportsTag(info.conditionKeys, 'RequestTag')) {
    condition.StringEquals = { ...condition.StringEquals, [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment };
  }
  return { action, resource: '*', ...(Object.keys(condition).length > 0 ? { condition } : {}) };
}

function resourceGrants(
  action: string,
  info: ActionInfo,
  rt: ActionResource,
  created: boolean,
  phase: Phase,
  view: AccountView,
  stacks: SynthesizedStack[],
  c: { inLandingZone: Grant['condition']; onCreate: Grant['condition']; boundaryArn: string; ec2Creates: string[] },
): Grant[] {
  const scope = scopeOf(rt.key);
  if (!scope) throw new Error(`${action} on ${rt.key}: no scope for this resource type. Fix: add it to SCOPES in tools/deploy-roles/generate.ts`);
  const keys = [...rt.conditionKeys, ...info.conditionKeys];
  const extra: Record<string, Record<string, string | string[]>> = {};
  if (keys.includes('iam:PermissionsBoundary')) extra.StringEquals = { 'iam:PermissionsBoundary': c.boundaryArn };
  if (action === 'route53:ChangeResourceRecordSets') {
    extra['ForAllValues:StringLike'] = { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': recordNamePatterns(stacks) };
  }
  const merge = (base?: Grant['condition']): Grant['condition'] | undefined => {
    const out: Record<string, Record<string, string | string[]>> = {};
    for (const part of [base ?? {}, extra]) for (const [op, kv] of Object.entries(part)) out[op] = { ...(out[op] ?? {}), ...kv };
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const grant = (resource: string, base?: Grant['condition']): Grant => {
    const condition = merge(base);
    return { action, resource, ...(condition ? { condition } : {}) };
  };
  if (scope === 'named') return namePatterns(rt.key, view, stacks).map((name) => grant(namedArn(rt.key, rt.arn, view, name)));
  const arn = arnPattern(rt.arn, view);
  if (scope === 'unscoped') return [grant(arn)];
  // Tagging an existing resource needs it to be the landing zone's already; tagging on create is
  // only allowed as part of one of the stacks' own create calls.
  if (action === 'ec2:CreateTags') {
    return [grant(arn, c.inLandingZone), grant(arn, { StringEquals: { 'ec2:CreateAction': c.ec2Creates, [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment } })];
  }
  if (created) return [grant(arn, c.onCreate)];
  if (phase === 'tag' && supportsTag(info.conditionKeys, 'RequestTag') && action === 'kms:TagResource') {
    // KMS checks kms:TagResource for the tags of CreateKey against no particular key:
    // https://docs.aws.amazon.com/kms/latest/developerguide/tag-permissions.html
    return [grant(arn, c.inLandingZone), grant(arn, c.onCreate)];
  }
  if (supportsTag(rt.conditionKeys, 'ResourceTag')) return [grant(arn, c.inLandingZone)];
  return [grant(arn)];
}

/**
 * Record names the stacks write, normalized as Route 53 compares them (lower case, no final dot,
 * `*` as `\052`) with every unknown part (a Studio domain id) a wildcard:
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html
 */
export function normalizedRecordName(name: string, unknown = '*'): string {
  return name.toLowerCase().replace(/\.$/, '').replace(/\*/g, '\\052').replace(/\$\{[^}]*\}/g, unknown);
}

function recordNamePatterns(stacks: SynthesizedStack[]): string[] {
  const names = stacks.flatMap((s) => resourcesOf(s, 'aws_route53_record').map((r) => String(r.body.name)));
  return [...new Set(names.map((n) => normalizedRecordName(n)))].sort();
}

/** `iam:PassRole` for exactly the roles the stacks hand to a service, to that service only. */
function passRoleGrants(view: AccountView, stacks: SynthesizedStack[]): Grant[] {
  const byService = new Map<string, Set<string>>();
  for (const stack of stacks) {
    for (const [type, paths] of Object.entries(PASSED_ROLES)) {
      for (const resource of resourcesOf(stack, type)) {
        for (const { attribute, service } of paths) {
          const value = attribute.split('.').reduce<unknown>((body, key) => (isRecord(body) ? body[key] : asArray(body as unknown[]).map((b) => (isRecord(b) ? b[key] : undefined))[0]), resource.body);
          const role = target(stack, value, 'aws_iam_role');
          if (!value) continue;
          if (!role || typeof role.body.name !== 'string') throw new Error(`${resource.address}.${attribute} does not name one of the stack's roles`);
          const roles = byService.get(service) ?? new Set<string>();
          roles.add(`arn:aws:iam::${view.account}:role/${role.body.name}`);
          byService.set(service, roles);
        }
      }
    }
  }
  return [...byService.entries()].flatMap(([service, roles]) =>
    [...roles].map((resource) => ({ action: 'iam:PassRole', resource, condition: { StringEquals: { 'iam:PassedToService': service } } })),
  );
}

function serviceLinkedRoleGrants(view: AccountView, types: string[]): Grant[] {
  const services = [...new Set(types.flatMap((t) => SERVICE_LINKED_ROLES[t] ?? []))].sort();
  return services.map((service) => ({
    action: 'iam:CreateServiceLinkedRole',
    resource: `arn:aws:iam::${view.account}:role/aws-service-role/${service}/*`,
    condition: { StringEquals: { 'iam:AWSServiceName': service } },
  }));
}

/** Identical grants merge into statements: same condition and resource, then same condition and actions. */
function statements(grants: Grant[]): Statement[] {
  const byTarget = new Map<string, { read?: boolean; condition?: Grant['condition']; resource: string; actions: Set<string> }>();
  for (const g of grants) {
    const key = `${g.read ? 'read' : 'write'}|${JSON.stringify(g.condition ?? null)}|${g.resource}`;
    const entry = byTarget.get(key) ?? { read: g.read, condition: g.condition, resource: g.resource, actions: new Set<string>() };
    entry.actions.add(g.action);
    byTarget.set(key, entry);
  }
  const byActions = new Map<string, { read?: boolean; condition?: Grant['condition']; actions: string[]; resources: string[] }>();
  for (const t of byTarget.values()) {
    const actions = [...t.actions].sort();
    const key = `${t.read ? 'read' : 'write'}|${JSON.stringify(t.condition ?? null)}|${actions.join(',')}`;
    const entry = byActions.get(key) ?? { read: t.read, condition: t.condition, actions, resources: [] };
    entry.resources.push(t.resource);
    byActions.set(key, entry);
  }
  const named = new Map<string, number>();
  return [...byActions.values()]
    .map((s) => ({ ...s, resources: s.resources.sort() }))
    .sort((a, b) => a.actions[0].localeCompare(b.actions[0]) || a.resources[0].localeCompare(b.resources[0]))
    .map((s) => {
      const base = s.read ? (s.resources[0] === '*' ? 'ReadWhatTerraformRefreshes' : `${sid(s.actions)}ReadOwn`) : sid(s.actions, s.condition);
      const n = (named.get(base) ?? 0) + 1;
      named.set(base, n);
      return {
        Sid: n === 1 ? base : `${base}${n}`,
        Effect: 'Allow' as const,
        Action: s.actions,
        Resource: s.resources,
        ...(s.condition ? { Condition: s.condition } : {}),
      };
    });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/[^A-Za-z0-9]/g, '');

function sid(actions: string[], condition?: Grant['condition']): string {
  const services = [...new Set(actions.map((a) => a.split(':')[0]))].map(capital).join('');
  const keys = Object.values(condition ?? {}).flatMap((kv) => Object.keys(kv));
  const how = keys.some((k) => k.startsWith('aws:RequestTag/'))
    ? 'TaggedOnCreate'
    : keys.some((k) => k.startsWith('aws:ResourceTag/'))
      ? 'ZoneTagged'
      : keys.includes('iam:PassedToService')
        ? 'PassToService'
        : keys.includes('iam:AWSServiceName')
          ? 'ServiceLinkedRole'
          : keys.length > 0
            ? 'Conditioned'
            : 'Scoped';
  return `${services}${how}`;
}

/**
 * Guards no Allow may lift: roles keep the boundary, the boundary policy and the deploy role's own
 * policies stay as the bootstrap wrote them, and the deploy role cannot change itself.
 */
function guardStatements(view: AccountView, boundaryArn: string): Statement[] {
  const ownPolicies = `arn:aws:iam::${view.account}:policy/${view.roleName}-*`;
  return [
    {
      Sid: 'DenyRolesWithoutTheBoundary',
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:DeleteRolePolicy', 'iam:PutRolePermissionsBoundary'],
      Resource: ['*'],
      Condition: { StringNotEquals: { 'iam:PermissionsBoundary': boundaryArn } },
    },
    { Sid: 'DenyRemovingTheBoundary', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary'], Resource: ['*'] },
    {
      Sid: 'DenyEditingTheBoundaryAndOwnPolicies',
      Effect: 'Deny',
      Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:TagPolicy', 'iam:UntagPolicy'],
      Resource: [boundaryArn, ownPolicies],
    },
    {
      Sid: 'DenyChangingTheDeployRole',
      Effect: 'Deny',
      Action: [
        'iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePolicy',
        'iam:TagRole', 'iam:UntagRole', 'iam:UpdateAssumeRolePolicy', 'iam:UpdateRole', 'iam:UpdateRoleDescription',
      ],
      Resource: [view.roleArn],
    },
  ];
}

/**
 * The deploy role's trust. Pipeline: the pipeline's role assumes it for this landing zone's stack
 * sessions only. Terraform Cloud: the workspaces of these stacks, by their OIDC `sub`
 * (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration),
 * and the role itself, because the provider then assumes the deploy role from the run's session
 * and a role only assumes itself when its trust says so
 * (https://aws.amazon.com/blogs/security/announcing-an-update-to-iam-role-trust-policy-behavior/).
 */
function trustPolicy(view: AccountView, trust: ResolvedDeployTrust): PolicyDocument {
  const sessions = { StringEquals: { 'sts:RoleSessionName': view.sessionNames } };
  if (trust.type === 'pipeline') {
    return {
      Version: '2012-10-17',
      Statement: [{ Sid: 'PipelineDeploysTheseStacks', Effect: 'Allow', Principal: { AWS: trust.principalArn }, Action: ['sts:AssumeRole'], Condition: sessions }],
    };
  }
  const host = trust.hostname;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'TerraformCloudWorkspacesOfTheseStacks',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${view.account}:oidc-provider/${host}` },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: {
          StringEquals: { [`${host}:aud`]: trust.audience },
          StringLike: {
            [`${host}:sub`]: view.workspaces.map((w) => `organization:${trust.organization}:project:${trust.project}:workspace:${w}:run_phase:*`),
          },
        },
      },
      { Sid: 'ProviderAssumesFromTheRunSession', Effect: 'Allow', Principal: { AWS: view.roleArn }, Action: ['sts:AssumeRole'], Condition: sessions },
    ],
  };
}

/**
 * The boundary of the deploy role and of every role it creates: only the services the landing
 * zone uses (the deploy role's and its roles' actions), with the same guards, so a role created
 * under it cannot create a role that escapes it.
 */
function boundaryPolicy(view: AccountView, boundaryArn: string, permissions: Statement[], rolePolicyActions: string[]): PolicyDocument {
  const services = [...new Set([...permissions.flatMap((s) => s.Action), ...rolePolicyActions].map((a) => a.split(':')[0]))].sort();
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'OnlyTheLandingZoneServices', Effect: 'Allow', Action: services.map((s) => `${s}:*`), Resource: ['*'] },
      ...guardStatements(view, boundaryArn),
    ],
  };
}

/** Actions the stacks' own roles are given (inline policies), so the boundary leaves them room. */
function rolePolicyActions(stacks: SynthesizedStack[]): string[] {
  return stacks.flatMap((s) => resourcesOf(s, 'aws_iam_role_policy')).flatMap((r) => {
    try {
      const doc = JSON.parse(String(r.body.policy)) as { Statement?: unknown };
      return asArray(doc.Statement as unknown[]).filter(isRecord).filter((st) => st.Effect === 'Allow').flatMap((st) => strings(st.Action));
    } catch {
      throw new Error(`${r.address}: its policy is not plain JSON, so the boundary cannot be derived`);
    }
  });
}

export async function generateDeployRoles(stacks: Readonly<Record<string, SynthesizedStack>>, options: GenerateOptions): Promise<DeployRole[]> {
  const views = accountViews(stacks);
  const accounts = views.map((v) => v.account);
  return Promise.all(
    views.map(async (view) => {
      const own = view.stacks.map((s) => stacks[s]);
      const { resources } = typesUsed(own);
      const boundaryArn = `arn:aws:iam::${view.account}:policy/${options.permissionsBoundaryName}`;
      const others = accounts.filter((a) => a !== view.account);
      const grants = [
        ...(await grantsFor(view, own, resources, others, boundaryArn)),
        ...passRoleGrants(view, own),
        ...serviceLinkedRoleGrants(view, resources),
      ];
      const allows = statements(grants);
      const permissions = [...allows, ...guardStatements(view, boundaryArn)];
      const permissionsPolicy: PolicyDocument = { Version: '2012-10-17', Statement: permissions };
      return {
        name: view.stacks[0],
        account: view.account,
        region: view.region,
        stacks: view.stacks,
        roleName: view.roleName,
        roleArn: view.roleArn,
        trustPolicy: trustPolicy(view, options.trust),
        permissionsPolicy,
        managedPolicies: splitIntoManagedPolicies(permissions, `${view.roleName}-`),
        permissionsBoundaryName: options.permissionsBoundaryName,
        permissionsBoundaryArn: boundaryArn,
        permissionsBoundary: boundaryPolicy(view, boundaryArn, allows, rolePolicyActions(own)),
      };
    }),
  );
}
