/**
 * Policy proofs of the data perimeter on every VPC endpoint of the output, interface and gateway,
 * the hub's Studio endpoint included: through it, a landing-zone principal acts on a landing-zone
 * resource; a principal, or a resource, of another account (or, with an Organization, outside it)
 * is refused; an AWS-owned exception serves exactly its reads, to the landing zone's principals.
 * Each request is one the caller's own IAM and the resource's policy both allow, so the endpoint
 * policy, read from the synthesized output, is the only thing that can refuse it
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
 */
import { SynthResource } from '../guardrails';
import { endpointPolicy, isStudioService } from '../guardrails/resources';
import { resourcesOf } from '../guardrails/terraform';
import { S3_AWS_OWNED_EXCEPTIONS } from '../../modules/perimeter/endpoint-policy';
import { StudioAccount, domainArn, userProfileArn } from '../../modules/studio/studio-arns';
import { PRESIGN_ACTION } from '../../modules/studio/studio-permissions';
import { Case, OTHER_DOMAIN, PROOF_PROFILE, StackView, missing } from './proof-case';
import { Request } from './simulate';

/** A call the VPC's code makes through an endpoint, on a resource of `account`. */
interface Probe {
  action: string;
  resource: (account: StudioAccount) => string;
  /** Made without credentials: execute-api's portal calls, which a Lambda authorizer checks. */
  anonymous?: boolean;
}

const sagemakerProbes: Probe[] = [
  { action: PRESIGN_ACTION, resource: (a) => userProfileArn(a, OTHER_DOMAIN, PROOF_PROFILE) },
  { action: 'sagemaker:DescribeDomain', resource: (a) => domainArn(a, OTHER_DOMAIN) },
];

/** One representative call per endpoint service, by the last part of the service name. */
const PROBES: Readonly<Record<string, Probe[]>> = {
  studio: sagemakerProbes,
  'sagemaker.api': sagemakerProbes,
  'sagemaker.runtime': [{ action: 'sagemaker:InvokeEndpoint', resource: (a) => `arn:aws:sagemaker:${a.region}:${a.accountId}:endpoint/proof-model` }],
  lambda: [{ action: 'lambda:InvokeFunction', resource: (a) => `arn:aws:lambda:${a.region}:${a.accountId}:function:proof-other-function` }],
  sts: [{ action: 'sts:AssumeRole', resource: (a) => `arn:aws:iam::${a.accountId}:role/proof-role` }],
  logs: [{ action: 'logs:PutLogEvents', resource: (a) => `arn:aws:logs:${a.region}:${a.accountId}:log-group:/proof/workload:log-stream:proof` }],
  s3: [{ action: 's3:GetObject', resource: (a) => `arn:aws:s3:::proof-bucket-${a.accountId}/proof-object` }],
  dynamodb: [{ action: 'dynamodb:GetItem', resource: (a) => `arn:aws:dynamodb:${a.region}:${a.accountId}:table/proof-table` }],
  'execute-api': [{ action: 'execute-api:Invoke', resource: (a) => `arn:aws:execute-api:${a.region}:${a.accountId}:proofapi01/prod/GET/studio`, anonymous: true }],
};

const serviceKind = (serviceName: string): string =>
  isStudioService(serviceName) ? 'studio' : serviceName.replace(/^com\.amazonaws\.[a-z0-9-]+\./, '');

const ACCOUNT_ID = /\b\d{12}\b/g;

/** Who is inside: every stack's account; the Studio endpoint serves the accounts with a presign API. */
interface Insiders {
  accounts: string[];
  serviceAccounts: string[];
}

function endpointCases(view: StackView, endpoint: SynthResource, insiders: Insiders): Case[] {
  const serviceName = String(endpoint.body.service_name);
  const kind = serviceKind(serviceName);
  const region = view.world.region(view.name);
  const at = { stack: view.name, address: endpoint.address };
  const probes = PROBES[kind];
  if (!probes) {
    return [{ ...at, check: `endpoint: ${kind} has a probe`, expect: 'allow', why: 'every endpoint is proven', request: () => missing(`a probe for ${serviceName} (add it to PROBES)`) }];
  }
  const inside = kind === 'studio' ? insiders.serviceAccounts : insiders.accounts;
  const home = inside.includes(view.account) ? view.account : inside[0] ?? missing(`a service account for ${endpoint.address}`);
  /** Another landing-zone account when there is one: the perimeter spans accounts, not just this one. */
  const neighbour = inside.find((a) => a !== home) ?? home;
  const document = () => view.endpointDocument(endpoint);
  /** Accounts the policy names that are not the landing zone's: each proven refused, with a stranger. */
  const named = [...new Set(String(endpointPolicy(view.stack, endpoint) ?? '').match(ACCOUNT_ID) ?? [])].filter((a) => !insiders.accounts.includes(a) && a !== view.world.foreignAccount()).sort();
  const strangers = [{ account: view.world.foreignAccount(), label: 'another account' }, ...named.map((a) => ({ account: a, label: `account ${a}, which the policy names` }))];
  const request = (probe: Probe, caller: string, resource: string, resourceAccount: string, action = probe.action): Request => {
    const principal = probe.anonymous ? 'anonymous' : `arn:aws:iam::${caller}:role/proof-workload`;
    const grant = (who: unknown) => [{ Effect: 'Allow', Principal: who, Action: action, Resource: resource }];
    return {
      principal, action, resource, resourceAccount,
      context: { 'aws:SourceVpce': view.attr(endpoint, 'id') },
      identityPolicies: probe.anonymous ? [] : [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }],
      resourcePolicy: { Version: '2012-10-17', Statement: grant(probe.anonymous ? '*' : { AWS: principal }) },
      endpointPolicies: document(),
    };
  };

  const cases: Case[] = probes.flatMap((probe) => {
    const own = (account: string) => probe.resource({ region, accountId: account });
    const target = probe.action === 'sts:AssumeRole' ? neighbour : home;
    return [
      {
        ...at, check: `endpoint: ${probe.action} by a landing-zone principal on a landing-zone resource`, expect: 'allow',
        why: `a landing-zone principal reaches landing-zone ${kind} resources through the endpoint`,
        request: () => request(probe, home, own(target), target),
      },
      ...(probe.anonymous ? [] : strangers.map(({ account, label }): Case => ({
        ...at, check: `endpoint: ${probe.action} by a principal of ${label}`, expect: 'deny',
        why: `no credentials from outside the landing zone (its accounts, or its Organization) work through the endpoint, even on its own resources`,
        request: () => request(probe, account, own(home), home),
      }))),
      {
        ...at, check: `endpoint: ${probe.action} on a resource of another account`, expect: 'deny',
        why: `the endpoint is no path to another account's ${kind} resources outside the landing zone, whatever that account's policy allows`,
        request: () => request(probe, home, own(view.world.foreignAccount()), view.world.foreignAccount()),
      },
    ];
  });
  if (kind === 's3') cases.push(...awsOwnedCases(view, endpoint, home, request));
  return cases;
}

/** Each AWS-owned exception: its reads by a landing-zone principal, nothing else, no one else. */
function awsOwnedCases(view: StackView, endpoint: SynthResource, home: string, request: (probe: Probe, caller: string, resource: string, account: string, action?: string) => Request): Case[] {
  const region = view.world.region(view.name);
  const owner = view.world.foreignAccount();
  const at = { stack: view.name, address: endpoint.address };
  return S3_AWS_OWNED_EXCEPTIONS.flatMap((exception) => {
    const objects = exception.resources(region).find((r) => r.endsWith('/*')) ?? missing(`an object resource of ${exception.sid}`);
    const object = objects.replace(/\*$/, 'proof-object');
    const probe: Probe = { action: 's3:GetObject', resource: () => object };
    return [
      {
        ...at, check: `endpoint: ${exception.sid}: GetObject by a landing-zone principal`, expect: 'allow',
        why: `the AWS-owned bucket ${exception.doc} names is read from the VPC`, request: () => request(probe, home, object, owner),
      },
      {
        ...at, check: `endpoint: ${exception.sid}: PutObject refused`, expect: 'deny',
        why: 'the exception is a read: nothing is written to a bucket outside the landing zone', request: () => request(probe, home, object, owner, 's3:PutObject'),
      },
      {
        ...at, check: `endpoint: ${exception.sid}: GetObject by a principal of another account`, expect: 'deny',
        why: 'the exception lifts the resource half only: outside credentials still do not pass', request: () => request(probe, owner, object, owner),
      },
    ] satisfies Case[];
  });
}

/** The perimeter proofs of every endpoint of every stack. */
export function perimeterCases(views: readonly StackView[]): Case[] {
  const insiders: Insiders = {
    accounts: views[0]?.world.accounts() ?? [],
    serviceAccounts: [...new Set(views.filter((v) => resourcesOf(v.stack, 'aws_api_gateway_rest_api').length > 0).map((v) => v.account))].sort(),
  };
  return views.flatMap((view) => resourcesOf(view.stack, 'aws_vpc_endpoint').flatMap((endpoint) => endpointCases(view, endpoint, insiders)));
}
