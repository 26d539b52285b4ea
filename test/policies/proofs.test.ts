import { ProofRow, runPolicyProofs } from '../../analysis/policy-proofs/proofs';
import {
  Body, SERVICE, NETWORK, Stacks, editPolicy, example, first, presignPolicy, statement, threeServices,
} from '../guardrails/support';
import { shippedStackId } from '../support/shared-synth';

/** The proofs each service stack must carry, by check name. */
const SERVICE_PROOFS = [
  'presign via the sagemaker.api endpoint',
  'presign re-checked via the Studio endpoint',
  'presign via another endpoint',
  'presign without an endpoint',
  'presign for another domain\'s profile',
  'presign reads the mapping table',
  'authorizer cannot presign',
  'authorizer cannot read the mapping table',
  'no direct invoke of the presign Lambda through the lambda endpoint',
  'the lambda endpoint still invokes other functions',
  'no direct invoke of the authorizer through the lambda endpoint',
  'API invoke via its execute-api endpoint',
  'API invoke via another endpoint',
  'API invoke without an endpoint',
  'Studio starts apps through the hub Studio endpoint',
  'Studio endpoint refuses another account\'s apps',
  'Studio endpoint refuses an instance type outside the list',
  'presign role cannot start apps',
  'presign role cannot stop apps',
  'presign role cannot create spaces',
  'presign role cannot change user profiles',
].map((c) => `policy: ${c}`);

/** The proofs of every user profile's execution role, in each service stack that creates a domain. */
const SESSION_PROOFS = [
  'the UI lists the domain\'s spaces',
  'Alice creates her private space',
  'Alice opens her space',
  'Alice starts an app in her space',
  'Alice stops her app',
  'Alice\'s app reads her space through the API endpoint',
  'Alice starts an app in Bob\'s space',
  'Alice stops Bob\'s app',
  'Alice deletes Bob\'s space',
  'Alice opens Bob\'s profile',
  'Alice shares a space',
  'Alice starts an instance type outside the list',
  'Alice starts an app without an endpoint',
  'Alice starts an app via another endpoint',
  'Alice opens her space from outside the endpoints',
  'Alice starts an app in another domain',
].map((c) => `policy: studio: ${c}`);

const failed = (rows: ProofRow[]) => rows.filter((r) => r.result === 'FAIL').map((r) => `${r.check} @ ${r.resource}: ${r.reason}`);

describe.each([
  ['the example', 'example', example],
  ['three services', 'three-services', threeServices],
])('policy proofs on %s', (_name, zone, synth) => {
  const stacks = synth();
  let rows: ProofRow[];
  beforeAll(async () => {
    rows = await runPolicyProofs(stacks);
  });

  it('every proof passes', () => {
    expect(failed(rows)).toEqual([]);
  });

  it('every service stack is proven for every case, and every Lambda role and key', () => {
    const services = Object.keys(stacks).filter((s) => s.startsWith(shippedStackId(zone, 'service-')));
    expect(services.length).toBeGreaterThan(0);
    for (const name of services) {
      const checks = rows.filter((r) => r.resource.startsWith(`${name} `)).map((r) => r.check);
      expect(checks).toEqual(expect.arrayContaining(SERVICE_PROOFS));
      expect(checks.filter((c) => c.startsWith('policy: trust:'))).toHaveLength(8);
      expect(checks).toEqual(expect.arrayContaining(['policy: key: CloudWatch Logs for another account', 'policy: key: another account cannot use it']));
    }
    expect(rows.some((r) => r.resource.startsWith(`${shippedStackId(zone, 'network')} `) && r.check === 'policy: key: CloudWatch Logs for another account')).toBe(true);
  });

  it('proves every user profile of every created domain', () => {
    const profiles = Object.entries(stacks).flatMap(([name, stack]) =>
      Object.values(stack.resource?.aws_sagemaker_user_profile ?? {}).map((p) => `${name} execution role ${String((p as Body).user_profile_name)}`));
    expect(profiles.length).toBeGreaterThan(0);
    for (const profile of profiles) {
      expect(rows.filter((r) => r.resource === profile).map((r) => r.check)).toEqual(SESSION_PROOFS);
    }
  });
});

interface Defect {
  what: string;
  damage: (stacks: Stacks) => void;
  /** The proof that must now fail, and where. */
  check: string;
  stack?: string;
  address?: string;
}

const service = (s: Stacks) => s[SERVICE];
const role = (s: Stacks, kind: string) => first(service(s), 'aws_iam_role', (b) => String(b.name).endsWith(`${kind}-euw1`));
const authorizerPolicy = (s: Stacks) => first(service(s), 'aws_iam_role_policy', (b) => String(b.role).includes('authorizer'));

/** Alice's execution role policy (the first profile of the example). */
const sessionPolicy = (s: Stacks) => first(service(s), 'aws_iam_role_policy', (b) => b.name === 'studio-session' && String(b.role).includes('-alice_'));
const studioEndpoint = (s: Stacks) => first(s[NETWORK], 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.studio'));
const ALICE = 'execution role alice';

const DEFECTS: Defect[] = [
  {
    what: 'the execution role\'s app grant without the owner condition',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => { delete (statement(d, 'AppsInOwnPrivateSpaces').Condition as Record<string, unknown>).ArnEquals; }),
    check: 'studio: Alice starts an app in Bob\'s space',
    address: ALICE,
  },
  {
    what: 'the execution role\'s space grant for any owner',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => {
      const condition = statement(d, 'OwnPrivateSpaces').Condition as Record<string, unknown>;
      delete condition.ArnEquals;
      condition.ArnLike = { 'sagemaker:OwnerUserProfileArn': 'arn:aws:sagemaker:*:*:user-profile/*/*' };
    }),
    check: 'studio: Alice deletes Bob\'s space',
    address: ALICE,
  },
  {
    what: 'the execution role presigning every profile of the domain',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => {
      const grant = statement(d, 'PresignOwnProfileThroughEndpoints');
      grant.Resource = String(grant.Resource).replace(/\/alice$/, '/*');
    }),
    check: 'studio: Alice opens Bob\'s profile',
    address: ALICE,
  },
  {
    what: 'the execution role allowing shared spaces',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => {
      (statement(d, 'OwnPrivateSpaces').Condition as Record<string, Record<string, unknown>>).StringEquals['sagemaker:SpaceSharingType'] = ['Private', 'Shared'];
    }),
    check: 'studio: Alice shares a space',
    address: ALICE,
  },
  {
    what: 'the execution role\'s instance types widened (list and Deny)',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => {
      (statement(d, 'AppsInOwnPrivateSpaces').Condition as Record<string, Record<string, string[]>>)['ForAllValues:StringEquals']['sagemaker:InstanceTypes'].push('ml.p4d.24xlarge');
      d.Statement = d.Statement.filter((st) => st.Sid !== 'DenyInstanceTypesOutsideTheList');
    }),
    check: 'studio: Alice starts an instance type outside the list',
    address: ALICE,
  },
  {
    what: 'the execution role\'s app grant as StringEqualsIfExists without the endpoint Deny',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => {
      const condition = statement(d, 'AppsInOwnPrivateSpaces').Condition as Record<string, Record<string, unknown>>;
      condition.StringEqualsIfExists = { 'aws:SourceVpce': condition.StringEquals['aws:SourceVpce'] };
      delete condition.StringEquals['aws:SourceVpce'];
      d.Statement = d.Statement.filter((st) => st.Sid !== 'DenyStudioOutsideEndpoints');
    }),
    check: 'studio: Alice starts an app without an endpoint',
    address: ALICE,
  },
  {
    what: 'the execution role\'s apps in any domain',
    damage: (s) => editPolicy(sessionPolicy(s).body, (d) => {
      statement(d, 'AppsInOwnPrivateSpaces').Resource = 'arn:aws:sagemaker:*:*:app/*';
      const condition = statement(d, 'AppsInOwnPrivateSpaces').Condition as Record<string, Record<string, unknown>>;
      condition.ArnLike = { 'sagemaker:OwnerUserProfileArn': 'arn:aws:sagemaker:*:*:user-profile/*/alice' };
      delete condition.ArnEquals;
    }),
    check: 'studio: Alice starts an app in another domain',
    address: ALICE,
  },
  {
    what: 'the Studio endpoint without its instance-type Deny',
    damage: (s) => editPolicy(studioEndpoint(s).body, (d) => { d.Statement = d.Statement.filter((st) => st.Effect !== 'Deny'); }),
    check: 'Studio endpoint refuses an instance type outside the list',
  },
  {
    what: 'the Studio endpoint open to every account',
    damage: (s) => editPolicy(studioEndpoint(s).body, (d) => {
      const grant = statement(d, 'SpacesAndAppsOfLandingZoneAccounts');
      delete grant.Condition;
      grant.Resource = ['arn:aws:sagemaker:*:*:app/*', 'arn:aws:sagemaker:*:*:space/*'];
    }),
    check: 'Studio endpoint refuses another account\'s apps',
  },
  {
    what: 'the presign role granted CreateApp',
    damage: (s) => editPolicy(presignPolicy(s).body, (d) => { d.Statement.push({ Effect: 'Allow', Action: 'sagemaker:CreateApp', Resource: '*' }); }),
    check: 'presign role cannot start apps',
  },
  {
    what: 'the presign role granted UpdateUserProfile',
    damage: (s) => editPolicy(presignPolicy(s).body, (d) => { d.Statement.push({ Effect: 'Allow', Action: 'sagemaker:UpdateUserProfile', Resource: 'arn:aws:sagemaker:*:*:user-profile/*/*' }); }),
    check: 'presign role cannot change user profiles',
  },
  {
    what: 'the API policy without its SourceVpce Deny',
    damage: (s) => editPolicy(first(service(s), 'aws_api_gateway_rest_api_policy').body, (d) => { d.Statement = d.Statement.filter((st) => st.Effect !== 'Deny'); }),
    check: 'API invoke without an endpoint',
  },
  {
    what: 'the API Deny bound to another endpoint',
    damage: (s) => editPolicy(first(service(s), 'aws_api_gateway_rest_api_policy').body, (d) => { statement(d, 'DenyUnlessThroughOwnEndpoint').Condition = { StringNotEquals: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' } }; }),
    check: 'API invoke via its execute-api endpoint',
  },
  {
    what: 'the presign grant as StringEqualsIfExists without the Deny',
    damage: (s) => editPolicy(presignPolicy(s).body, (d) => {
      const grant = statement(d, 'PresignOnlyThroughOwnEndpoints');
      grant.Condition = { StringEqualsIfExists: (grant.Condition as Record<string, unknown>).StringEquals };
      d.Statement = d.Statement.filter((st) => st.Sid !== 'DenyPresignOutsideOwnEndpoints');
    }),
    check: 'presign without an endpoint',
  },
  {
    what: 'the presign grant on every domain',
    damage: (s) => editPolicy(presignPolicy(s).body, (d) => { statement(d, 'PresignOnlyThroughOwnEndpoints').Resource = 'arn:aws:sagemaker:*:*:user-profile/*/*'; }),
    check: 'presign for another domain\'s profile',
  },
  {
    what: 'the presign grant without the Studio endpoint',
    damage: (s) => editPolicy(presignPolicy(s).body, (d) => {
      for (const sid of ['PresignOnlyThroughOwnEndpoints', 'DenyPresignOutsideOwnEndpoints']) {
        const condition = statement(d, sid).Condition as Record<string, Record<string, string[]>>;
        for (const values of Object.values(condition)) values['aws:SourceVpce'] = values['aws:SourceVpce'].slice(0, 1);
      }
    }),
    check: 'presign re-checked via the Studio endpoint',
  },
  {
    what: 'the sagemaker.api endpoint open to another account only',
    damage: (s) => editPolicy(first(service(s), 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.sagemaker.api')).body, (d) => {
      d.Statement[0].Condition = { StringEquals: { 'aws:PrincipalAccount': '999999999999' } };
    }),
    check: 'presign via the sagemaker.api endpoint',
  },
  {
    what: 'the authorizer granted presigning',
    damage: (s) => editPolicy(authorizerPolicy(s).body, (d) => { d.Statement.push({ Effect: 'Allow', Action: 'sagemaker:CreatePresignedDomainUrl', Resource: '*' }); }),
    check: 'authorizer cannot presign',
  },
  {
    what: 'the authorizer granted the mapping table',
    damage: (s) => editPolicy(authorizerPolicy(s).body, (d) => { d.Statement.push({ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }); }),
    check: 'authorizer cannot read the mapping table',
  },
  {
    what: 'a Lambda trust policy without aws:SourceAccount',
    damage: (s) => editPolicy(role(s, 'presign-lambda').body, (d) => { delete d.Statement[0].Condition; }, 'assume_role_policy'),
    check: 'trust: Lambda for another account',
    address: 'presign_role',
  },
  {
    what: 'a Lambda trust policy for any AWS principal',
    damage: (s) => editPolicy(role(s, 'authorizer-lambda').body, (d) => { d.Statement[0].Principal = { AWS: '*' }; delete d.Statement[0].Condition; }, 'assume_role_policy'),
    check: 'trust: a role of this account',
    address: 'authorizer_role',
  },
  {
    what: 'the logs key statement without its encryption-context condition',
    damage: (s) => editPolicy(first(s[NETWORK], 'aws_kms_key').body, (d) => { delete statement(d, 'CloudWatchLogsOfThisAccount').Condition; }),
    check: 'key: CloudWatch Logs for another account',
    stack: NETWORK,
  },
  {
    what: 'a key policy open to everyone',
    damage: (s) => editPolicy(first(service(s), 'aws_kms_key', (b) => String(b.description).includes('DynamoDB')).body, (d) => { d.Statement.push({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }); }),
    check: 'key: another account cannot use it',
    address: 'mapping-table_key',
  },
  {
    what: 'the lambda endpoint policy without its deny on the presign Lambda',
    damage: (s) => editPolicy(first(service(s), 'aws_vpc_endpoint', (b) => String(b.service_name).endsWith('.lambda')).body, (d) => {
      d.Statement = d.Statement.filter((st) => !String(st.Sid).endsWith('studiopresign'));
    }),
    check: 'no direct invoke of the presign Lambda through the lambda endpoint',
    address: 'presign role',
  },
  {
    what: 'a presign policy hidden behind jsonencode',
    damage: (s) => { presignPolicy(s).body.policy = '${jsonencode({})}'; },
    check: 'presign via the sagemaker.api endpoint',
  },
];

describe('policy proofs catch hand-made defects', () => {
  const baseline = example();
  // The undamaged example's proofs, once for every defect: they take most of a second.
  let proven: Promise<ProofRow[]> | undefined;

  it.each(DEFECTS.map((d) => [d.what, d] as const))('%s', async (_what, defect) => {
    const stacks = structuredClone(baseline);
    defect.damage(stacks);
    const rows = await runPolicyProofs(stacks);
    proven ??= runPolicyProofs(structuredClone(baseline));
    const before = await proven;
    const at = (list: ProofRow[]) =>
      list.filter((r) => r.check === `policy: ${defect.check}` && r.resource.startsWith(`${defect.stack ?? SERVICE} `) && r.resource.includes(defect.address ?? ''));
    expect(at(before).map((r) => r.result)).not.toContain('FAIL');
    expect(at(rows).map((r) => r.result)).toContain('FAIL');
  });
});
