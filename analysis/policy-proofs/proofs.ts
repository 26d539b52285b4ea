/**
 * Policy proofs: the synthesized policies (presign and authorizer roles, the API resource policy,
 * endpoint policies, trust policies, key policies), made concrete by `FakeWorld`, evaluated with a
 * real IAM evaluator against the requests the design must allow and the ones it must refuse.
 * Everything is found by following the synthesized wiring, so hand-edited output is judged as is.
 */
import { SynthResource, SynthesizedStack } from '../guardrails';
import { parsePolicy, coversAction, principalValues } from '../guardrails/policy';
import { block, refersTo, resourcesOf, strings, target } from '../guardrails/terraform';
import { endpointsFor, isExecuteApiService, isSageMakerApiService } from '../guardrails/resources';
import { PRESIGN_ACTION } from '../guardrails/rules/iam-004-presign-bound-to-endpoints';
import { FakeWorld, expandExecuteApi } from './fake-values';
import { Case, OTHER_DOMAIN, OTHER_ENDPOINT, PROOF_PROFILE, StackView, grantedStudioEndpoint, missing } from './proof-case';
import { Request, evaluate } from './simulate';
import { ENV } from '../../lambda-src/shared/env-names';
import { OUTSIDE_TYPE, presignIsolationCases, studioSessionCases } from './studio-proofs';
import { perimeterCases } from './endpoint-proofs';

export interface ProofRow {
  check: string;
  /** `<stack> <address>` of the policy under proof. */
  resource: string;
  result: 'PASS' | 'FAIL';
  reason: string;
}

/** The function a reference (`invoke_arn`, `role`...) points at, and the role it runs as. */
function functionRole(view: StackView, functionRef: unknown): SynthResource | undefined {
  const fn = target(view.stack, functionRef, 'aws_lambda_function');
  return fn ? target(view.stack, fn.body.role, 'aws_iam_role') : undefined;
}

/** `/studio` for a method on `aws_api_gateway_resource.studio`, following parents up to the root. */
function methodPath(view: StackView, method: SynthResource): string {
  const parts: string[] = [];
  let resource = target(view.stack, method.body.resource_id, 'aws_api_gateway_resource');
  while (resource) {
    parts.unshift(String(resource.body.path_part));
    resource = target(view.stack, resource.body.parent_id, 'aws_api_gateway_resource');
  }
  return parts.join('/');
}

/** Domain ids the presign grant names (`user-profile/<domain>/...`), concrete. */
function grantedDomains(documents: Record<string, unknown>[]): string[] {
  return documents.flatMap((doc) => {
    const parsed = parsePolicy(JSON.stringify(doc));
    if (!parsed.ok) return [];
    return parsed.policy.statements
      .filter((s) => s.effect === 'Allow' && coversAction(s, PRESIGN_ACTION))
      .flatMap((s) => s.resources)
      .map((r) => /:user-profile\/([^/]+)\//.exec(r)?.[1])
      .filter((d): d is string => d !== undefined);
  });
}

function apiCases(view: StackView, api: SynthResource): Case[] {
  const { stack } = view;
  const on = (type: string): SynthResource | undefined => resourcesOf(stack, type).find((r) => refersTo(r.body.rest_api_id, api));
  const presignRole = () => functionRole(view, on('aws_api_gateway_integration')?.body.uri) ?? missing(`the presign Lambda's role of ${api.address}`);
  const authorizerRole = () => functionRole(view, on('aws_api_gateway_authorizer')?.body.authorizer_uri) ?? missing(`the authorizer Lambda's role of ${api.address}`);
  const endpoint = (test: (n: string) => boolean, what: string) => () => endpointsFor(stack, test)[0] ?? missing(`the ${what} endpoint`);
  const sagemakerApi = endpoint(isSageMakerApiService, 'sagemaker.api');
  const studio = () => grantedStudioEndpoint(view, presignRole(), PRESIGN_ACTION) ?? missing(`the Studio endpoint named by the presign grant of ${api.address}`);
  const executeApi = () =>
    endpointsFor(stack, isExecuteApiService).find((e) => strings(block(api.body, 'endpoint_configuration')?.vpc_endpoint_ids).some((id) => refersTo(id, e)))
    ?? missing(`the execute-api endpoint bound to ${api.address}`);

  const presign = (context: Record<string, string>, endpointPolicies: Record<string, unknown>[] | undefined, domain?: string): Request => {
    const role = presignRole();
    const documents = view.roleDocuments(role);
    const profileDomain = domain ?? grantedDomains(documents)[0] ?? missing(`a domain in the ${PRESIGN_ACTION} grant of ${role.address}`);
    return {
      principal: view.attr(role, 'arn'),
      action: PRESIGN_ACTION,
      resource: `arn:aws:sagemaker:${view.world.region(view.name)}:${view.account}:user-profile/${profileDomain}/${PROOF_PROFILE}`,
      resourceAccount: view.account,
      context,
      identityPolicies: documents,
      endpointPolicies,
    };
  };
  const via = (e: SynthResource, owner: StackView = view) => ({ 'aws:SourceVpce': owner.attr(e, 'id') });
  const viaStudio = () => {
    const { owner, endpoint: studioEndpoint } = studio();
    return via(studioEndpoint, owner);
  };
  const invoke = (context: Record<string, string>, throughOwn: boolean): Request => {
    const method = on('aws_api_gateway_method') ?? missing(`a method of ${api.address}`);
    const stage = on('aws_api_gateway_stage') ?? missing(`a stage of ${api.address}`);
    const executionArn = view.attr(api, 'execution_arn');
    const raw = api.body.policy ?? resourcesOf(stack, 'aws_api_gateway_rest_api_policy').find((p) => refersTo(p.body.rest_api_id, api))?.body.policy;
    return {
      principal: 'anonymous',
      action: 'execute-api:Invoke',
      resource: `${executionArn}/${view.attr(stage, 'stage_name')}/${String(method.body.http_method)}/${methodPath(view, method)}`,
      resourceAccount: view.account,
      context,
      resourcePolicy: raw === undefined ? undefined : expandExecuteApi(view.document(raw), executionArn),
      endpointPolicies: throughOwn ? view.endpointDocument(executeApi()) : undefined,
    };
  };
  /** CreateApp by a principal on its own account's app, so only the endpoint policy can refuse it. */
  const startApp = (account: string, instanceTypes: string[] = []): Request => {
    const { owner, endpoint: studioEndpoint } = studio();
    const app = `arn:aws:sagemaker:${view.world.region(view.name)}:${account}:app/${OTHER_DOMAIN}/${PROOF_PROFILE}/jupyterlab/default`;
    return {
      principal: `arn:aws:iam::${account}:role/studio-user`, action: 'sagemaker:CreateApp', resource: app, resourceAccount: account,
      context: { ...via(studioEndpoint, owner), 'sagemaker:InstanceTypes': instanceTypes }, identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sagemaker:CreateApp', Resource: app }] }],
      endpointPolicies: owner.endpointDocument(studioEndpoint),
    };
  };
  const lambdaEndpoint = endpoint((name) => name.endsWith('.lambda'), 'lambda');
  const presignFunction = () => target(stack, on('aws_api_gateway_integration')?.body.uri, 'aws_lambda_function') ?? missing(`the presign Lambda of ${api.address}`);
  const authorizerFunction = () => target(stack, on('aws_api_gateway_authorizer')?.body.authorizer_uri, 'aws_lambda_function') ?? missing(`the authorizer Lambda of ${api.address}`);
  /** lambda:InvokeFunction through the VPC's lambda endpoint; `operator` is allowed every invoke by its own policy. */
  const invokeThroughEndpoint = (fn: string, caller: 'operator' | 'presign'): Request => {
    const principal = caller === 'operator' ? `arn:aws:iam::${view.account}:role/proof-operator` : view.attr(presignRole(), 'arn');
    return {
      principal,
      action: 'lambda:InvokeFunction',
      resource: fn,
      resourceAccount: view.account,
      context: { ...via(lambdaEndpoint()), 'aws:PrincipalArn': principal },
      identityPolicies: caller === 'operator'
        ? [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] }]
        : view.roleDocuments(presignRole()),
      endpointPolicies: view.endpointDocument(lambdaEndpoint()),
    };
  };
  const delegates = () => (block(presignFunction().body, 'environment')?.variables as Record<string, unknown> | undefined)?.[ENV.idpVerifierFunction] !== undefined;
  const table = () => resourcesOf(stack, 'aws_dynamodb_table')[0] ?? missing('the mapping table');
  const getItem = (role: SynthResource): Request => ({
    principal: view.attr(role, 'arn'),
    action: 'dynamodb:GetItem',
    resource: view.attr(table(), 'arn'),
    resourceAccount: view.account,
    identityPolicies: view.roleDocuments(role),
  });

  const base = { stack: view.name };
  const presignAt = { ...base, address: 'presign role' };
  const authorizerAt = { ...base, address: 'authorizer role' };
  const apiAt = { ...base, address: api.address };
  return [
    { ...presignAt, check: 'presign via the sagemaker.api endpoint', expect: 'allow', why: 'the Lambda creates URLs through its SageMaker API endpoint (identity and endpoint policy)', request: () => presign(via(sagemakerApi()), view.endpointDocument(sagemakerApi())) },
    { ...presignAt, check: 'presign re-checked via the Studio endpoint', expect: 'allow', why: 'SageMaker re-evaluates the grant for every request of the session, which arrives through the Studio endpoint', request: () => {
      const { owner, endpoint } = studio();
      return presign(viaStudio(), owner.endpointDocument(endpoint));
    } },
    { ...presignAt, check: 'presign via another endpoint', expect: 'deny', why: 'a URL created or used through anyone else\'s endpoint is refused', request: () => presign({ 'aws:SourceVpce': OTHER_ENDPOINT }, undefined) },
    { ...presignAt, check: 'presign without an endpoint', expect: 'deny', why: 'aws:SourceVpce is absent on public-endpoint calls; the grant must not match them', request: () => presign({}, undefined) },
    { ...presignAt, check: 'presign for another domain\'s profile', expect: 'deny', why: 'the role only serves the domains it is configured for', request: () => presign(via(sagemakerApi()), view.endpointDocument(sagemakerApi()), OTHER_DOMAIN) },
    { ...presignAt, check: 'presign reads the mapping table', expect: 'allow', why: 'the lookup username -> profile works', request: () => getItem(presignRole()) },
    { ...presignAt, check: 'no direct invoke of the presign Lambda through the lambda endpoint', expect: 'deny', why: 'a principal whose own policy allows every invoke still cannot call presign with an event of its own from the VPC (endpoint policy)', request: () => invokeThroughEndpoint(view.attr(presignFunction(), 'arn'), 'operator') },
    { ...presignAt, check: 'the lambda endpoint still invokes other functions', expect: 'allow', why: 'the deny names the Studio functions only; the endpoint serves the account\'s other Lambdas', request: () => invokeThroughEndpoint(`arn:aws:lambda:${view.world.region(view.name)}:${view.account}:function:proof-other-function`, 'operator') },
    { ...authorizerAt, check: 'no direct invoke of the authorizer through the lambda endpoint', expect: 'deny', why: 'nothing in the VPC but the presign role (when it delegates verification) calls the authorizer', request: () => invokeThroughEndpoint(view.attr(authorizerFunction(), 'arn'), 'operator') },
    ...(delegates() ? [{ ...presignAt, check: 'presign asks the authorizer to verify tokens through the lambda endpoint', expect: 'allow' as const, why: 'with the authorizer outside the VPC, the presign role is the one exception to the endpoint\'s deny', request: () => invokeThroughEndpoint(view.attr(authorizerFunction(), 'arn'), 'presign') }] : []),
    { ...authorizerAt, check: 'authorizer cannot presign', expect: 'deny', why: 'the JWT verifier never holds the power to mint sessions', request: () => ({ ...presign(via(sagemakerApi()), view.endpointDocument(sagemakerApi())), principal: view.attr(authorizerRole(), 'arn'), identityPolicies: view.roleDocuments(authorizerRole()) }) },
    { ...authorizerAt, check: 'authorizer cannot read the mapping table', expect: 'deny', why: 'the authorizer needs no user data', request: () => getItem(authorizerRole()) },
    { ...apiAt, check: 'API invoke via its execute-api endpoint', expect: 'allow', why: 'the portal reaches GET /studio through the service VPC endpoint (resource and endpoint policy)', request: () => invoke(via(executeApi()), true) },
    { ...apiAt, check: 'API invoke via another endpoint', expect: 'deny', why: 'the resource policy denies every other aws:SourceVpce', request: () => invoke({ 'aws:SourceVpce': OTHER_ENDPOINT }, false) },
    { ...apiAt, check: 'API invoke without an endpoint', expect: 'deny', why: 'Deny + StringNotEquals also refuses calls that carry no aws:SourceVpce', request: () => invoke({}, false) },
    ...presignIsolationCases(view, presignRole, () => grantedDomains(view.roleDocuments(presignRole()))[0] ?? missing(`a domain in the ${PRESIGN_ACTION} grant`)),
    {
      ...base, address: 'Studio endpoint', check: 'Studio starts apps through the hub Studio endpoint', expect: 'allow',
      why: 'the Studio endpoint policy lets the session start the user\'s apps in this service account (caller\'s own IAM allowing it)',
      request: () => startApp(view.account),
    },
    {
      ...base, address: 'Studio endpoint', check: 'Studio endpoint refuses another account\'s apps', expect: 'deny',
      why: 'the central endpoint serves the landing zone\'s service accounts only, not an account outside it',
      request: () => startApp(view.world.foreignAccount()),
    },
    {
      ...base, address: 'Studio endpoint', check: 'Studio endpoint refuses an instance type outside the list', expect: 'deny',
      why: 'even for a caller of this account whose IAM allows the CreateApp',
      request: () => startApp(view.account, [OUTSIDE_TYPE]),
    },
  ];
}

/** Only the Lambda service, on behalf of this account, assumes a function's role. */
function trustCases(view: StackView): Case[] {
  const roles = resourcesOf(view.stack, 'aws_lambda_function')
    .map((fn) => target(view.stack, fn.body.role, 'aws_iam_role'))
    .filter((r): r is SynthResource => r !== undefined);
  return roles.flatMap((role) => {
    const assume = (principal: string, context: Record<string, string>, identity = false): Request => ({
      principal, action: 'sts:AssumeRole', resource: view.attr(role, 'arn'), resourceAccount: view.account, context,
      resourcePolicy: view.document(role.body.assume_role_policy),
      identityPolicies: identity ? [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: view.attr(role, 'arn') }] }] : [],
    });
    const at = { stack: view.name, address: role.address };
    return [
      { ...at, check: 'trust: Lambda of this account assumes', expect: 'allow', why: 'the function can run', request: () => assume('lambda.amazonaws.com', { 'aws:SourceAccount': view.account }) },
      { ...at, check: 'trust: Lambda for another account', expect: 'deny', why: 'no confused deputy through the Lambda service', request: () => assume('lambda.amazonaws.com', { 'aws:SourceAccount': view.world.foreignAccount() }) },
      { ...at, check: 'trust: another service', expect: 'deny', why: 'only lambda.amazonaws.com is trusted', request: () => assume('ec2.amazonaws.com', { 'aws:SourceAccount': view.account }) },
      { ...at, check: 'trust: a role of this account', expect: 'deny', why: 'no user or role assumes a function role, even with IAM allowing it', request: () => assume(`arn:aws:iam::${view.account}:role/someone`, {}, true) },
    ] satisfies Case[];
  });
}

/** Keys serve their account (through IAM) and, for log keys, CloudWatch Logs of this account only. */
function keyCases(view: StackView): Case[] {
  return resourcesOf(view.stack, 'aws_kms_key').filter((k) => k.body.policy !== undefined).flatMap((key) => {
    const parsed = parsePolicy(key.body.policy);
    const logsService = parsed.ok
      ? parsed.policy.statements.flatMap((s) => principalValues(s.principal)).find((p) => p.type === 'Service' && p.value.startsWith('logs.'))?.value
      : undefined;
    const use = (principal: string, context: Record<string, string>, action: string, withIam: boolean): Request => ({
      principal, action, resource: view.attr(key, 'arn'), resourceAccount: view.account, context,
      resourcePolicy: view.document(key.body.policy),
      identityPolicies: withIam ? [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: view.attr(key, 'arn') }] }] : [],
    });
    const logArn = (account: string) => ({ 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${view.world.region(view.name)}:${account}:log-group:/proof` });
    const at = { stack: view.name, address: key.address };
    const cases: Case[] = [
      { ...at, check: 'key: this account\'s IAM grants use', expect: 'allow', why: 'the key policy delegates use to IAM in its own account', request: () => use(`arn:aws:iam::${view.account}:role/someone`, {}, 'kms:Decrypt', true) },
      { ...at, check: 'key: another account cannot use it', expect: 'deny', why: 'even with its own IAM allowing it', request: () => use(`arn:aws:iam::${view.world.foreignAccount()}:role/intruder`, {}, 'kms:Decrypt', true) },
    ];
    if (logsService) {
      cases.push(
        { ...at, check: 'key: CloudWatch Logs of this account encrypts', expect: 'allow', why: 'log groups of this account can use the key', request: () => use(logsService, logArn(view.account), 'kms:GenerateDataKey', false) },
        { ...at, check: 'key: CloudWatch Logs for another account', expect: 'deny', why: 'the logs service cannot use the key for someone else\'s log group', request: () => use(logsService, logArn(view.world.foreignAccount()), 'kms:GenerateDataKey', false) },
      );
    }
    return cases;
  });
}

/** Names of the policy types the evaluator reports as refusing a request. */
const BLOCKERS: Record<string, string> = {
  identity: 'identity policy', resource: 'resource policy', vpce: 'VPC endpoint policy', scp: 'SCP', rcp: 'RCP', pb: 'permission boundary',
};

async function run(world: FakeWorld, c: Case): Promise<ProofRow> {
  const row = { check: `policy: ${c.check}`, resource: `${c.stack} ${c.address}` };
  try {
    const request = c.request();
    const { verdict, blockedBy } = await evaluate({ ...request, context: { ...world.organizationKeys(request.principal, request.resourceAccount), ...request.context } });
    const pass = c.expect === 'allow' ? verdict === 'Allowed' : verdict !== 'Allowed';
    const blockers = blockedBy.length > 0 ? ` by the ${blockedBy.map((b) => BLOCKERS[b] ?? b).join(' and ')}` : '';
    return {
      ...row,
      result: pass ? 'PASS' : 'FAIL',
      reason: `${verdict}${verdict === 'Allowed' ? '' : blockers} (expected ${c.expect === 'allow' ? 'Allowed' : 'denied'}): ${c.why}`,
    };
  } catch (error) {
    return { ...row, result: 'FAIL', reason: (error as Error).message };
  }
}

/** Every proof for every stack of the output, in stack order. */
export async function runPolicyProofs(stacks: Readonly<Record<string, SynthesizedStack>>): Promise<ProofRow[]> {
  const world = new FakeWorld(stacks);
  const views = Object.keys(stacks).sort().map((name) => new StackView(world, name, stacks[name]));
  const cases = views.flatMap((view) => {
    return [
      ...resourcesOf(view.stack, 'aws_api_gateway_rest_api').flatMap((api) => apiCases(view, api)),
      ...studioSessionCases(view),
      ...trustCases(view),
      ...keyCases(view),
    ];
  }).concat(perimeterCases(views));
  return Promise.all(cases.map((c) => run(world, c)));
}
