import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIGatewayAuthorizerResult, APIGatewayProxyResult } from 'aws-lambda';
import { buildLambdaBundles, type LambdaBundleName, renderLambdaBundle } from '../../lambda-src/build';
import { setEnv, TEST_REGION, useLocalAws } from '../../tools/local-aws/aws-env';
import { invokeBundle } from './support/bundle-runner';
import { type LocalDynamo, startLocalDynamo } from '../../tools/local-aws/dynamo';
import { AUDIENCE, type LocalIdp, startLocalIdp, USERNAME_CLAIM } from '../../tools/local-aws/idp';
import { bearerEvent, lambdaContext, METHOD_ARN, presignEvent } from '../../tools/local-aws/lambda';
import { type LocalSageMaker, startLocalSageMaker } from '../../tools/local-aws/sagemaker';

// presign: three SDK clients (DynamoDB, SageMaker, and Lambda to ask an authorizer outside the VPC) and the token verifier.
const SIZE_BUDGETS: Record<LambdaBundleName, number> = { authorizer: 150 * 1024, presign: 500 * 1024 };
const NAMES = Object.keys(SIZE_BUDGETS) as LambdaBundleName[];

let bundles: Record<LambdaBundleName, string>;
beforeAll(() => {
  bundles = buildLambdaBundles();
});

describe('buildLambdaBundles', () => {
  it.each(NAMES)('writes the %s bundle and its source map into a cache directory under .build/lambda', (name) => {
    const dir = bundles[name];
    expect(path.isAbsolute(dir)).toBe(true);
    expect(path.relative(path.resolve(__dirname, '../..'), dir)).toMatch(new RegExp(`^\\.build/lambda/${name}-[0-9a-f]{16}$`));
    expect(fs.readdirSync(dir).sort()).toEqual(['index.js', 'index.js.map']);
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
  });

  it.each(NAMES)('keeps the %s bundle within its size budget', (name) => {
    expect(fs.statSync(path.join(bundles[name], 'index.js')).size).toBeLessThanOrEqual(SIZE_BUDGETS[name]);
  });

  it.each(NAMES)('bundles every dependency of %s, the AWS SDK included, leaving only Node built-ins', (name) => {
    const code = fs.readFileSync(path.join(bundles[name], 'index.js'), 'utf8');
    const required = new Set([...code.matchAll(/(?:require|import)\("([^"]+)"\)/g)].map((match) => match[1]));
    // The SDK probes for this optional native signer (SigV4a, S3 multi-region access points) in a try/catch.
    const builtins = new Set([...builtinModules, ...builtinModules.map((module) => `node:${module}`), '@aws-sdk/signature-v4-crt']);
    expect([...required].filter((module) => !builtins.has(module))).toEqual([]);
  });

  it('reuses the cached bundles when nothing changed', () => {
    const stamps = NAMES.map((name) => fs.statSync(path.join(bundles[name], 'index.js')).mtimeMs);
    expect(buildLambdaBundles()).toEqual(bundles);
    expect(NAMES.map((name) => fs.statSync(path.join(bundles[name], 'index.js')).mtimeMs)).toEqual(stamps);
  });

  it.each(NAMES)('rebuilds the %s bundle byte for byte', (name) => {
    const fresh = renderLambdaBundle(name, bundles[name]);
    for (const file of ['index.js', 'index.js.map'] as const) {
      expect(Buffer.from(fresh[file]).equals(fs.readFileSync(path.join(bundles[name], file)))).toBe(true);
    }
  });
});

describe('the built bundles, run as Lambda runs them', () => {
  let idp: LocalIdp;
  let dynamo: LocalDynamo;
  let sagemaker: LocalSageMaker;
  let restoreEnv: () => void;

  beforeAll(async () => {
    [idp, dynamo, sagemaker] = await Promise.all([startLocalIdp(), startLocalDynamo(), startLocalSageMaker()]);
    const table = await dynamo.createMappingTable();
    await dynamo.putMapping(table, { username: 'alice', domainId: 'd-abcdef123456', userProfileName: 'alice' });
    const restoreAws = useLocalAws({ dynamodb: dynamo.endpoint, sagemaker: sagemaker.endpoint });
    const restoreLambda = setEnv({
      IDP_ISSUER: idp.issuer,
      IDP_AUDIENCE: AUDIENCE,
      IDP_JWKS_URI: idp.jwksUri,
      IDP_MAX_AGE_SECONDS: '7200',
      USERNAME_CLAIM,
      MAPPING_TABLE_NAME: table,
      PRESIGNED_URL_EXPIRES_SECONDS: '30',
      STUDIO_SESSION_SECONDS: '1800',
      AWS_REGION: TEST_REGION,
    });
    restoreEnv = () => {
      restoreLambda();
      restoreAws();
    };
  });
  afterAll(async () => {
    restoreEnv();
    await Promise.all([idp.close(), dynamo.close(), sagemaker.close()]);
  });

  it('authorizer: allows a valid token and refuses a tampered one', async () => {
    const token = await idp.token();
    const allowed = await invokeBundle<APIGatewayAuthorizerResult>(bundles.authorizer, bearerEvent(token), lambdaContext());
    expect(allowed.result).toMatchObject({ principalId: 'alice', context: { username: 'alice' } });
    expect(allowed.result?.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }]);

    const denied = await invokeBundle(bundles.authorizer, bearerEvent(`${token.slice(0, -4)}AAAA`), lambdaContext());
    expect(denied.error).toBe('Unauthorized');
    expect(denied.output).not.toContain(token.split('.')[2]);
  });

  it('presign: redirects a mapped user to Studio', async () => {
    const { result, output } = await invokeBundle<APIGatewayProxyResult>(bundles.presign, presignEvent(await idp.token(), {}, 'alice'), lambdaContext());
    expect(result).toMatchObject({ statusCode: 302, headers: { Location: sagemaker.issuedUrls[0], 'Cache-Control': 'no-store' } });
    expect(sagemaker.problems).toEqual([]);
    expect(sagemaker.requests[0].body).toMatchObject({ ExpiresInSeconds: 30, SessionExpirationDurationInSeconds: 1800 });
    expect(output).toContain('Presigned Studio URL issued');
    expect(output).not.toContain(sagemaker.issuedUrls[0]);
  });

  it('presign: invoked directly with a forged authorizer context and no token, issues nothing', async () => {
    sagemaker.reset();
    const { result } = await invokeBundle<APIGatewayProxyResult>(bundles.presign, presignEvent(undefined, {}, 'alice'), lambdaContext());
    expect(result?.statusCode).toBe(401);
    expect(result?.headers).not.toHaveProperty('Location');
    expect(sagemaker.requests).toEqual([]);
  });
});
