/**
 * Proofs for each generated deploy role, evaluated with the IAM policy evaluator (as `npm run
 * verify` does): every action the table lists for every resource the role's stacks declare is
 * allowed on an ARN shaped like the synthesized one, and the escalations a deploy role is known for
 * are refused. The role's boundary is applied to every request, as AWS applies it.
 */
import { SynthesizedStack } from '../../analysis/guardrails';
import { FakeWorld } from '../../analysis/policy-proofs/fake-values';
import { Request, evaluate } from '../../analysis/policy-proofs/simulate';
import { ActionResource, actionInfo, supportsTag } from '../../analysis/policy-proofs/iam-data';
import { AccountView, DeployRole, CROSS_ACCOUNT, accountViews, arnPattern, creates, existingIds, namePatterns, namedArn, normalizedRecordName, scopeOf, typesUsed, untagged } from './generate';
import { LANDING_ZONE_TAG } from '../../modules/shared/naming';
import { DATA_SOURCE_ACTIONS, PHASES, RESOURCE_ACTIONS } from './table';

export interface RoleProof {
  role: string;
  check: string;
  expect: 'allow' | 'deny';
  /** N/A: the evaluator cannot place the ARN (its data lacks that shape); listed, never hidden. */
  result: 'PASS' | 'FAIL' | 'N/A';
  reason: string;
}

/**
 * The evaluator matches only the first ARN shape of a resource type, and for these API Gateway
 * types that is the HTTP-API one (`/apis/{id}/stages`), so a REST-API request on them is refused as
 * unplaceable, whatever the policy says.
 */
export const EVALUATOR_GAPS: readonly string[] = ['apigateway:Authorizers', 'apigateway:Deployments', 'apigateway:Stages', 'apigateway:Stage'];

interface Case {
  check: string;
  expect: 'allow' | 'deny';
  request: Omit<Request, 'principal' | 'identityPolicies' | 'resourceAccount'> & { resourceAccount?: string };
  /** The IAM resource type of the request, when it has one. */
  resourceType?: string;
}

/**
 * KMS consults the key policy first; IAM policies count only where it delegates to the account
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html). Requests on the
 * landing zone's keys carry their synthesized policy; a foreign key gets the default policy, the
 * one that trusts IAM the most.
 */
const defaultKeyPolicy = (account: string): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'EnableIamUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
});

function landingZoneKeyPolicy(stacks: Readonly<Record<string, SynthesizedStack>>, view: AccountView): Record<string, unknown> {
  const world = new FakeWorld(stacks);
  for (const name of view.stacks) {
    const key = Object.values(stacks[name].resource?.aws_kms_key ?? {}).find((b) => typeof b.policy === 'string');
    if (key) return world.document(name, key.policy);
  }
  return defaultKeyPolicy(view.account);
}

const GLOBAL = new Set(['iam', 'route53']);

/** A concrete ARN of the template: names from the stacks (e.g. `<env>-x`), ids shaped like AWS's. */
function concreteArn(rt: ActionResource, view: AccountView, stacks: SynthesizedStack[]): string {
  if (scopeOf(rt.key) === 'named') {
    const pattern = namePatterns(rt.key, view, stacks)[0];
    return namedArn(rt.key, rt.arn, view, pattern.endsWith('*') ? `${pattern.slice(0, -1)}proof` : pattern, 'proof0123456789abcdef');
  }
  return arnPattern(rt.arn, view, 'proof0123456789abcdef');
}

/** What AWS puts in the request: the zone's tags on the resource, or in the request on create. */
function tagContext(keys: readonly string[], actionKeys: readonly string[], onCreate: boolean, view: AccountView): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  const tags = view.tags;
  if (onCreate) {
    for (const [k, v] of Object.entries(tags)) context[`aws:RequestTag/${k}`] = v;
    if (keys.includes('aws:TagKeys') || actionKeys.includes('aws:TagKeys')) context['aws:TagKeys'] = Object.keys(tags);
  } else if (supportsTag(keys, 'ResourceTag')) {
    for (const [k, v] of Object.entries(tags)) context[`aws:ResourceTag/${k}`] = v;
  }
  return context;
}

/** One allowed request per (type, action, resource type) of the role's stacks. */
async function deployCases(role: DeployRole, view: AccountView, stacks: SynthesizedStack[], requester: string): Promise<Case[]> {
  const { resources, dataSources } = typesUsed(stacks);
  const used = new Set(resources.flatMap((t) => RESOURCE_ACTIONS[t].resources ?? []));
  const existing = existingIds(stacks);
  const createActions = resources.flatMap((t) => RESOURCE_ACTIONS[t].create);
  const cases: Case[] = dataSources.flatMap((source) => DATA_SOURCE_ACTIONS[source].map((action): Case => ({
    check: `reads data.${source}: ${action}`, expect: 'allow', request: { action, resource: '*', context: { 'aws:RequestedRegion': view.region } },
  })));
  for (const type of resources) {
    const entry = RESOURCE_ACTIONS[type];
    for (const phase of PHASES) {
      for (const action of entry[phase]) {
        const info = await actionInfo(action);
        const region: Record<string, string> = GLOBAL.has(action.split(':')[0]) ? {} : { 'aws:RequestedRegion': view.region };
        if (info.resources.length === 0) {
          const onCreate = phase === 'create' && supportsTag(info.conditionKeys, 'RequestTag');
          cases.push({ check: `deploys ${type}: ${action}`, expect: 'allow', request: { action, resource: '*', context: { ...region, ...tagContext([], info.conditionKeys, onCreate, view) } } });
          continue;
        }
        if (phase === 'read' && info.accessLevel !== 'Write') {
          const rt = info.resources.find((r) => r.required) ?? info.resources.find((r) => used.has(r.key)) ?? info.resources[0];
          cases.push({ check: `deploys ${type}: ${action}`, expect: 'allow', request: { action, resource: concreteArn(rt, view, stacks), context: { ...region } } });
          continue;
        }
        for (const rt of info.resources.filter((r) => r.required || used.has(r.key))) {
          const own = entry.resources?.[0] === rt.key;
          const context: Record<string, string | string[]> = { ...region, ...(untagged(type, rt) ? {} : tagContext(rt.conditionKeys, info.conditionKeys, creates(info, rt, phase, entry.resources?.[0]), view)) };
          if (ADOPTED_BY_NAME.includes(type) && own) {
            for (const k of Object.keys(context)) if (k.startsWith('aws:ResourceTag/')) delete context[k];
            if (phase === 'tag') Object.assign(context, { 'aws:RequestTag/Name': nameTagOf(stacks, type), [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment });
          }
          if (type === 'aws_vpc_peering_connection_accepter' && own) {
            for (const k of Object.keys(context)) if (k.startsWith('aws:ResourceTag/')) delete context[k];
            context['ec2:RequesterVpc'] = `arn:aws:ec2:${view.region}:${requester}:vpc/vpc-0proof0123456789`;
            if (phase === 'tag') context[`aws:RequestTag/${LANDING_ZONE_TAG}`] = view.environment;
          }
          if (action === 'ec2:CreateTags' && phase === 'tag' && !context['aws:ResourceTag/' + LANDING_ZONE_TAG] && !context['aws:RequestTag/Name'] && !context['ec2:RequesterVpc']) {
            context['ec2:CreateAction'] = createActions.find((a) => a.startsWith('ec2:Create')) ?? 'ec2:CreateVpc';
          }
          if (rt.conditionKeys.includes('iam:PermissionsBoundary') || info.conditionKeys.includes('iam:PermissionsBoundary')) context['iam:PermissionsBoundary'] = role.permissionsBoundaryArn;
          if (action === 'route53:ChangeResourceRecordSets') context['route53:ChangeResourceRecordSetsNormalizedRecordNames'] = recordNames(stacks);
          cases.push({ check: `deploys ${type}: ${action} on ${rt.key}`, expect: 'allow', resourceType: rt.key, request: { action, resource: concreteArn(rt, view, stacks), context } });
          if (phase !== 'tag' && !creates(info, rt, phase, entry.resources?.[0])) {
            for (const id of existing.get(rt.key) ?? []) {
              // The id's account does not matter to the grant; the request is this account's.
              cases.push({ check: `deploys ${type}: ${action} on existing ${id}`, expect: 'allow', resourceType: rt.key, request: { action, resource: arnPattern(rt.arn, view, id), context: { ...region } } });
            }
          }
          if (CROSS_ACCOUNT[action]?.resource === rt.key && requester !== view.account) {
            cases.push({
              check: `deploys ${type}: ${action} on ${rt.key} of ${requester}`, expect: 'allow', resourceType: rt.key,
              // EC2 has no resource policies: the requester's IAM alone authorizes naming the other
              // account's resource, and the evaluator would otherwise look for that account's consent.
              request: { action, resource: arnPattern(rt.arn.replace('${Account}', requester), view, 'proof0123456789abcdef'), context: { ...region } },
            });
          }
        }
      }
    }
  }
  return cases;
}

/** Adopted resources whose tags are limited to the names the stacks give them. */
const ADOPTED_BY_NAME = ['aws_default_security_group', 'aws_ec2_transit_gateway_vpc_attachment_accepter'];

function nameTagOf(stacks: SynthesizedStack[], type: string): string {
  for (const s of stacks) for (const body of Object.values(s.resource?.[type] ?? {})) {
    const tags = body.tags as Record<string, string> | undefined;
    if (tags?.Name) return tags.Name;
  }
  return 'none';
}

function recordNames(stacks: SynthesizedStack[]): string[] {
  return stacks.flatMap((s) => Object.values(s.resource?.aws_route53_record ?? {}).map((r) => normalizedRecordName(String(r.name), 'd-proof0123456')));
}

/** Requests the role must never get allowed. */
function escalationCases(role: DeployRole, view: AccountView, stacks: SynthesizedStack[]): Case[] {
  const iam = (name: string) => `arn:aws:iam::${view.account}:role/${name}`;
  const ownRole = iam(`${view.environment}-proof`);
  // A role the stacks really hand to a service (a flow-log or Lambda role).
  const passedRole = iam(String(Object.values(stacks.find((s) => s.resource?.aws_iam_role)?.resource?.aws_iam_role ?? {})[0]?.name ?? `${view.environment}-proof`));
  const foreignRole = iam('payroll-admin');
  const region = { 'aws:RequestedRegion': view.region };
  const key = `arn:aws:kms:${view.region}:${view.account}:key/0b5c1a2e-1111-2222-3333-444455556666`;
  const sg = `arn:aws:ec2:${view.region}:${view.account}:security-group/sg-0f0f0f0f0f0f0f0f0`;
  const foreignTags = { 'aws:ResourceTag/LandingZone': `${view.environment}x`, 'aws:ResourceTag/owner': 'someone-else' };
  return [
    { check: 'cannot create a role without the boundary', expect: 'deny', request: { action: 'iam:CreateRole', resource: ownRole, context: {} } },
    { check: 'cannot create a role with another boundary', expect: 'deny', request: { action: 'iam:CreateRole', resource: ownRole, context: { 'iam:PermissionsBoundary': `arn:aws:iam::${view.account}:policy/wide-open` } } },
    { check: 'cannot attach AdministratorAccess', expect: 'deny', request: { action: 'iam:AttachRolePolicy', resource: ownRole, context: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess', 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot attach AdministratorAccess to itself', expect: 'deny', request: { action: 'iam:AttachRolePolicy', resource: role.roleArn, context: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess', 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot remove a role\'s boundary', expect: 'deny', request: { action: 'iam:DeleteRolePermissionsBoundary', resource: ownRole, context: { 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot swap a role\'s boundary', expect: 'deny', request: { action: 'iam:PutRolePermissionsBoundary', resource: ownRole, context: { 'iam:PermissionsBoundary': `arn:aws:iam::${view.account}:policy/wide-open` } } },
    { check: 'cannot edit the boundary policy', expect: 'deny', request: { action: 'iam:CreatePolicyVersion', resource: role.permissionsBoundaryArn, context: {} } },
    { check: 'cannot edit its own policies', expect: 'deny', request: { action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${view.account}:policy/${role.roleName}-1`, context: {} } },
    // The bootstrap gives the deploy role the boundary too, so requests on it carry that boundary.
    { check: 'cannot rewrite its own trust', expect: 'deny', request: { action: 'iam:UpdateAssumeRolePolicy', resource: role.roleArn, context: { 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot add an inline policy to itself', expect: 'deny', request: { action: 'iam:PutRolePolicy', resource: role.roleArn, context: { 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot modify a role outside its prefix', expect: 'deny', request: { action: 'iam:PutRolePolicy', resource: foreignRole, context: { 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot rewrite the trust of a role outside its prefix', expect: 'deny', request: { action: 'iam:UpdateAssumeRolePolicy', resource: foreignRole, context: { 'iam:PermissionsBoundary': role.permissionsBoundaryArn } } },
    { check: 'cannot pass a role outside its prefix', expect: 'deny', request: { action: 'iam:PassRole', resource: foreignRole, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
    { check: 'cannot pass its own roles to EC2', expect: 'deny', request: { action: 'iam:PassRole', resource: passedRole, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
    { check: 'cannot create service-linked roles of unused services', expect: 'deny', request: { action: 'iam:CreateServiceLinkedRole', resource: iam('aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMRCleanup'), context: { 'iam:AWSServiceName': 'elasticmapreduce.amazonaws.com' } } },
    { check: 'cannot set the policy of a key it did not create', expect: 'deny', request: { action: 'kms:PutKeyPolicy', resource: key, resourcePolicy: defaultKeyPolicy(view.account), context: { ...region, ...foreignTags } } },
    { check: 'cannot schedule deletion of a key it did not create', expect: 'deny', request: { action: 'kms:ScheduleKeyDeletion', resource: key, resourcePolicy: defaultKeyPolicy(view.account), context: { ...region } } },
    { check: 'cannot decrypt with a key it did not create', expect: 'deny', request: { action: 'kms:Decrypt', resource: key, resourcePolicy: defaultKeyPolicy(view.account), context: { ...region } } },
    { check: 'cannot open a security group outside the landing zone', expect: 'deny', request: { action: 'ec2:AuthorizeSecurityGroupIngress', resource: sg, context: { ...region, ...foreignTags } } },
    { check: 'cannot open an untagged security group', expect: 'deny', request: { action: 'ec2:AuthorizeSecurityGroupIngress', resource: sg, context: { ...region } } },
    { check: 'cannot tag a foreign security group into the landing zone', expect: 'deny', request: { action: 'ec2:CreateTags', resource: sg, context: { ...region, [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment, 'aws:TagKeys': [LANDING_ZONE_TAG] } } },
    { check: 'cannot change records of another zone', expect: 'deny', request: { action: 'route53:ChangeResourceRecordSets', resource: 'arn:aws:route53:::hostedzone/Z0PROOF0FOREIGN', context: { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['www.corp.example.com'] } } },
    { check: 'cannot act in another region', expect: 'deny', request: { action: 'ec2:CreateVpc', resource: `arn:aws:ec2:ap-south-2:${view.account}:vpc/vpc-0proof0123456789`, context: { 'aws:RequestedRegion': 'ap-south-2', [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment } } },
    { check: 'cannot create a VPC without the zone tag', expect: 'deny', request: { action: 'ec2:CreateVpc', resource: `arn:aws:ec2:${view.region}:${view.account}:vpc/vpc-0proof0123456789`, context: { ...region, [`aws:RequestTag/${LANDING_ZONE_TAG}`]: 'other' } } },
    { check: 'cannot launch instances', expect: 'deny', request: { action: 'ec2:RunInstances', resource: `arn:aws:ec2:${view.region}:${view.account}:instance/i-0proof0123456789`, context: { ...region, [`aws:RequestTag/${LANDING_ZONE_TAG}`]: view.environment } } },
    { check: 'cannot create IAM users', expect: 'deny', request: { action: 'iam:CreateUser', resource: `arn:aws:iam::${view.account}:user/${view.environment}-proof`, context: {} } },
  ];
}

async function run(role: DeployRole, c: Case, keyPolicy: Record<string, unknown>): Promise<RoleProof> {
  const row = { role: role.name, check: c.check, expect: c.expect };
  const onKey = c.request.action.startsWith('kms:') && c.request.resource.includes(':key/');
  try {
    const { verdict } = await evaluate({
      ...(onKey ? { resourcePolicy: keyPolicy } : {}),
      principal: role.roleArn,
      resourceAccount: role.account,
      identityPolicies: [role.permissionsPolicy as unknown as Record<string, unknown>],
      permissionBoundaries: [role.permissionsBoundary as unknown as Record<string, unknown>],
      ...c.request,
    });
    const pass = c.expect === 'allow' ? verdict === 'Allowed' : verdict !== 'Allowed';
    return { ...row, result: pass ? 'PASS' : 'FAIL', reason: `${verdict} (expected ${c.expect === 'allow' ? 'Allowed' : 'denied'})` };
  } catch (error) {
    const message = (error as Error).message;
    if (c.resourceType && EVALUATOR_GAPS.includes(c.resourceType) && message.includes('no.resource.types')) {
      return { ...row, result: 'N/A', reason: `the evaluator has no REST-API ARN shape for ${c.resourceType}` };
    }
    return { ...row, result: 'FAIL', reason: message };
  }
}

interface ProofOptions {
  /** Only the proofs whose check this accepts are evaluated and returned. @default every proof */
  readonly checks?: (check: string) => boolean;
}

/** Every proof of every role; a role whose stacks cannot be proven yields FAIL rows, not an exception. */
export async function proveDeployRoles(stacks: Readonly<Record<string, SynthesizedStack>>, roles: readonly DeployRole[], options: ProofOptions = {}): Promise<RoleProof[]> {
  const wanted = options.checks ?? (() => true);
  const views = accountViews(stacks);
  const rows: RoleProof[] = [];
  for (const role of roles) {
    const view = views.find((v) => v.account === role.account);
    if (!view) throw new Error(`no stacks deploy into ${role.account}`);
    const own = view.stacks.map((s) => stacks[s]);
    // A peering this account accepts was requested by another account of the landing zone.
    const requester = views.find((o) => o.account !== view.account)?.account ?? view.account;
    const cases = [...(await deployCases(role, view, own, requester)), ...escalationCases(role, view, own)].filter((c) => wanted(c.check));
    const keyPolicy = landingZoneKeyPolicy(stacks, view);
    // Many types share an action on the same resource type: each distinct request is evaluated once.
    const verdicts = new Map<string, Promise<RoleProof>>();
    rows.push(...(await Promise.all(cases.map(async (c) => {
      const key = JSON.stringify([c.expect, c.resourceType, c.request]);
      if (!verdicts.has(key)) verdicts.set(key, run(role, c, keyPolicy));
      return { ...(await verdicts.get(key)!), check: c.check };
    }))));
  }
  return rows;
}
