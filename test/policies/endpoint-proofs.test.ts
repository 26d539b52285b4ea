import { ProofRow, runPolicyProofs } from '../../analysis/policy-proofs/proofs';
import { verify } from '../../analysis/policy-proofs/verify';
import { Body, Doc, SERVICE, Stacks, all, editPolicy, example, org, threeServices, writeOutdir } from '../guardrails/support';
import { shippedStackId } from '../support/shared-synth';

/** Seconds of synth and a few hundred evaluations on a busy 2-core machine. */
const VERIFY_MS = 60_000;

const endpoints = (stacks: Stacks): { stack: string; address: string; service: string; body: Body }[] =>
  Object.entries(stacks).flatMap(([stack, s]) => all(s, 'aws_vpc_endpoint').map(([name, body]) => ({ stack, address: `aws_vpc_endpoint.${name}`, service: String(body.service_name), body })));

const rowsOf = (rows: readonly ProofRow[], stack: string, address: string) =>
  rows.filter((r) => r.resource === `${stack} ${address}` && r.check.startsWith('policy: endpoint: '));

describe.each([
  ['the example', 'example', example],
  ['three services', 'three-services', threeServices],
  ['an Organization', 'org', org],
])('endpoint perimeter proofs on %s', (_name, zone, synth) => {
  const stacks = synth();
  let rows: ProofRow[];
  beforeAll(async () => {
    rows = await runPolicyProofs(stacks);
  }, VERIFY_MS);

  it('prove every interface and gateway endpoint, the hub\'s Studio endpoint included, and pass', () => {
    const found = endpoints(stacks);
    expect(found.some((e) => e.stack === shippedStackId(zone, 'network') && e.service.endsWith('.studio'))).toBe(true);
    expect(found.filter((e) => e.body.vpc_endpoint_type === 'Gateway').length).toBeGreaterThan(0);
    for (const { stack, address, service } of found) {
      const proofs = rowsOf(rows, stack, address);
      const checks = proofs.map((r) => r.check).join('\n');
      expect(checks).toMatch(/by a landing-zone principal on a landing-zone resource/);
      expect(checks).toMatch(/on a resource of another account/);
      // execute-api is the one endpoint without a principal half: the portal's calls are anonymous.
      if (!service.endsWith('.execute-api')) expect(checks).toMatch(/by a principal of another account/);
      expect(proofs.filter((r) => r.result === 'FAIL')).toEqual([]);
    }
  });

  it('prove the JumpStart exception: its reads by the landing zone only', () => {
    const s3 = endpoints(stacks).filter((e) => e.service.endsWith('.s3'));
    expect(s3.length).toBeGreaterThan(0);
    for (const { stack, address } of s3) {
      expect(rowsOf(rows, stack, address).filter((r) => r.check.includes('StudioReadsJumpStartModels')).map((r) => `${r.check} ${r.result}`)).toEqual([
        'policy: endpoint: StudioReadsJumpStartModels: GetObject by a landing-zone principal PASS',
        'policy: endpoint: StudioReadsJumpStartModels: PutObject refused PASS',
        'policy: endpoint: StudioReadsJumpStartModels: GetObject by a principal of another account PASS',
      ]);
    }
  });
});

type Statement = Record<string, unknown> & { Condition?: Record<string, Record<string, unknown>> };

/** Edits every statement of every endpoint policy of the stacks whose service name satisfies `which`. */
function editEndpoints(stacks: Stacks, which: (service: string) => boolean, edit: (doc: Doc) => void): void {
  for (const e of endpoints(stacks).filter((x) => which(x.service))) editPolicy(e.body, edit);
}

const conditions = (doc: Doc) => doc.Statement.map((s) => (s as Statement).Condition?.StringEquals).filter((c): c is Record<string, unknown> => c !== undefined);

/** The endpoint proofs `npm run verify` reports failed on the damaged output, as `<service> <check>`. */
async function failedEndpointProofs(stacks: Stacks): Promise<string[]> {
  const { failures } = await verify(writeOutdir(stacks));
  const services = new Map(endpoints(stacks).map((e) => [`${e.stack} ${e.address}`, e.service.split('.').slice(3).join('.') || e.service]));
  return failures.filter((r) => r.check.startsWith('policy: endpoint: ')).map((r) => `${services.get(r.resource)} ${r.check.replace('policy: endpoint: ', '')}`);
}

describe('endpoint perimeter proofs fail on a planted opening (through verify, whatever the guardrails say)', () => {
  it('every endpoint policy back to Allow * on *', async () => {
    const stacks = example();
    for (const e of endpoints(stacks)) e.body.policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
    const failed = await failedEndpointProofs(stacks);
    for (const service of ['studio', 'sagemaker.api', 'sagemaker.runtime', 'lambda', 'sts', 'logs', 's3', 'dynamodb']) {
      expect(failed.some((f) => f.startsWith(`${service} `) && f.includes('by a principal of another account'))).toBe(true);
      expect(failed.some((f) => f.startsWith(`${service} `) && f.includes('on a resource of another account'))).toBe(true);
    }
    expect(failed).toContain('execute-api execute-api:Invoke on a resource of another account');
    expect(failed).toContain('s3 StudioReadsJumpStartModels: PutObject refused');
  }, VERIFY_MS);

  it('the aws:ResourceAccount condition dropped', async () => {
    const stacks = example();
    editEndpoints(stacks, () => true, (doc) => conditions(doc).forEach((c) => delete c['aws:ResourceAccount']));
    const failed = await failedEndpointProofs(stacks);
    // DynamoDB's Resource still names this account's tables, the Studio endpoint's the service
    // accounts' resources: a second bound holds there. Elsewhere the foreign resource passes, and
    // s3:* of the perimeter Allow now writes to the AWS-owned bucket too.
    expect(failed.sort()).toEqual([
      'lambda lambda:InvokeFunction on a resource of another account',
      'logs logs:PutLogEvents on a resource of another account',
      's3 StudioReadsJumpStartModels: PutObject refused',
      's3 s3:GetObject on a resource of another account',
      'sagemaker.api sagemaker:CreatePresignedDomainUrl on a resource of another account',
      'sagemaker.api sagemaker:DescribeDomain on a resource of another account',
      'sagemaker.runtime sagemaker:InvokeEndpoint on a resource of another account',
      'sts sts:AssumeRole on a resource of another account',
    ]);
  }, VERIFY_MS);

  it('an extra account id in aws:PrincipalAccount', async () => {
    const stacks = example();
    const add = (account: string) => (doc: Doc) => conditions(doc).forEach((c) => {
      if (c['aws:PrincipalAccount'] !== undefined) c['aws:PrincipalAccount'] = [c['aws:PrincipalAccount']].flat().concat(account);
    });
    editEndpoints(stacks, (s) => s.endsWith('.lambda'), add('999999999999'));
    editEndpoints(stacks, (s) => s.endsWith('.sts') || s.endsWith('.studio'), add('333333333333'));
    const failed = await failedEndpointProofs(stacks);
    expect(failed).toEqual(expect.arrayContaining([
      'lambda lambda:InvokeFunction by a principal of another account',
      'sts sts:AssumeRole by a principal of account 333333333333, which the policy names',
      'studio sagemaker:CreatePresignedDomainUrl by a principal of account 333333333333, which the policy names',
    ]));
    expect(failed.filter((f) => /^(s3|logs|dynamodb|sagemaker)/.test(f))).toEqual([]);
  }, VERIFY_MS);

  it('with an Organization: aws:PrincipalOrgID dropped from the S3 endpoint, or a second Organization named', async () => {
    const dropped = org();
    editEndpoints(dropped, (s) => s.endsWith('.s3'), (doc) => conditions(doc).forEach((c) => delete c['aws:PrincipalOrgID']));
    expect((await failedEndpointProofs(dropped)).sort()).toEqual([
      's3 StudioReadsJumpStartModels: GetObject by a principal of another account',
      's3 s3:GetObject by a principal of another account',
    ]);

    const widened = org();
    editEndpoints(widened, (s) => s.endsWith('.logs'), (doc) => conditions(doc).forEach((c) => { c['aws:ResourceOrgID'] = 'o-zzzzzzzzzz'; }));
    // The output then states two Organizations: no endpoint can be proven.
    const contradicted = await failedEndpointProofs(widened);
    expect(contradicted).toEqual(expect.arrayContaining([
      's3 s3:GetObject by a landing-zone principal on a landing-zone resource',
      'studio sagemaker:DescribeDomain by a landing-zone principal on a landing-zone resource',
      'lambda lambda:InvokeFunction by a principal of another account',
    ]));
  }, VERIFY_MS);
});

it('the example\'s service stack is the one the mutations damage', () => {
  expect(endpoints(example()).filter((e) => e.stack === SERVICE).length).toBeGreaterThan(5);
});
