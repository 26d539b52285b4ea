/**
 * `npm run bench:lambda`: sizes, cold require and warm latency of the two Lambda bundles, against
 * the same local stand-ins as the tests. A benchmark, not a test: it reports against the targets of
 * issue 3 and writes bench/lambda-results.json, but never fails on timing.
 *
 * The stand-ins run in a child process, as AWS services run outside the Lambda: their CPU work
 * (dynalite above all) then does not sit in the event loop being measured.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { buildLambdaBundles, type LambdaBundleName } from '../lambda-src/build';
import { presignStudioUrl } from '../lambda-src/presign/studio';
import { getMappingItem } from '../lambda-src/shared/mapping-table';
import { setEnv, useLocalAws } from '../tools/local-aws/aws-env';
import { startLocalDynamo } from '../tools/local-aws/dynamo';
import { AUDIENCE, startLocalIdp, USERNAME_CLAIM } from '../tools/local-aws/idp';
import { bearerEvent, lambdaContext, presignEvent } from '../tools/local-aws/lambda';
import { startLocalSageMaker } from '../tools/local-aws/sagemaker';

const COLD_RUNS = 11;
const WARM_REQUESTS = 2_000;
const WARMUP_REQUESTS = 50;
const USERS = 100;
const TARGETS = {
  bundleBytes: { authorizer: 150 * 1024, presign: 500 * 1024 } as Record<LambdaBundleName, number>,
  coldRequireMs: 150,
  warmP99Ms: 15,
};
const STAND_INS_FLAG = '--stand-ins';

/** What the stand-in process hands the benchmark. */
interface Fixture {
  endpoints: { dynamodb: string; sagemaker: string };
  lambdaEnv: Record<string, string>;
  usernames: string[];
  tokens: string[];
}

type Handler = (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

interface Latency {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Wall time of a fresh `node -e <script>`, and the number the script printed (a duration in ms). */
function nodeRun(script: string): { wallMs: number; printedMs: number } {
  const start = performance.now();
  const printed = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return { wallMs: performance.now() - start, printedMs: Number(printed) };
}

function coldStart(bundleDir: string) {
  const file = JSON.stringify(path.join(bundleDir, 'index.js'));
  const runs = Array.from({ length: COLD_RUNS }, () =>
    nodeRun(`const t=process.hrtime.bigint();require(${file});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`),
  );
  const requireTimes = runs.map((run) => run.printedMs);
  return {
    requireMs: round(percentile(requireTimes, 0.5)),
    // The best run shows the cost without interference when the machine is busy.
    requireMinMs: round(Math.min(...requireTimes)),
    processWallMs: round(percentile(runs.map((run) => run.wallMs), 0.5)),
  };
}

/**
 * Sequential requests after a warm-up. Several calls are interleaved request by request, so that
 * they see the same machine load; what the code prints is discarded, but its cost stays measured.
 */
async function measure<K extends string>(calls: Record<K, (i: number) => Promise<void>>): Promise<Record<K, Latency>> {
  const names = Object.keys(calls) as K[];
  const latencies = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  const writes = [process.stdout.write, process.stderr.write];
  const discard = (() => true) as typeof process.stdout.write;
  process.stdout.write = discard;
  process.stderr.write = discard;
  try {
    for (let i = 0; i < WARMUP_REQUESTS + WARM_REQUESTS; i++) {
      for (const name of names) {
        const start = performance.now();
        await calls[name](i);
        if (i >= WARMUP_REQUESTS) latencies[name].push(performance.now() - start);
      }
    }
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
  const summary = (values: number[]): Latency => ({
    p50Ms: round(percentile(values, 0.5)),
    p99Ms: round(percentile(values, 0.99)),
    maxMs: round(Math.max(...values)),
  });
  return Object.fromEntries(names.map((name) => [name, summary(latencies[name])])) as Record<K, Latency>;
}

/** `index.handler`, loaded by Node's own require as the Lambda runtime does. */
function loadHandler(bundleDir: string): Handler {
  return (createRequire(__filename)(path.join(bundleDir, 'index.js')) as { handler: Handler }).handler;
}

async function warm(bundles: Record<LambdaBundleName, string>, fixture: Fixture) {
  const authorizer = loadHandler(bundles.authorizer);
  const presign = loadHandler(bundles.presign);
  const authorizerEvents = fixture.tokens.map(bearerEvent);
  const presignEvents = fixture.tokens.map((token, i) => presignEvent(token, {}, fixture.usernames[i]));

  // The floor: the two SDK calls the presign handler makes, without the handler around them.
  const dynamodb = new DynamoDBClient({});
  const sagemaker = new SageMakerClient({});
  const table = fixture.lambdaEnv.MAPPING_TABLE_NAME;
  const lifetimes = { tableName: table, urlExpiresSeconds: 60, sessionSeconds: 3600, region: 'eu-west-1' };

  const { authorizer: authorizerLatency } = await measure({
    authorizer: async (i) => {
      const result = (await authorizer(authorizerEvents[i % USERS], lambdaContext())) as { principalId?: string };
      if (result.principalId !== fixture.usernames[i % USERS]) throw new Error('the authorizer refused a valid token');
    },
  });
  const { presign: presignLatency, floor } = await measure({
    presign: async (i) => {
      const result = (await presign(presignEvents[i % USERS], lambdaContext())) as { statusCode: number; body: string };
      if (result.statusCode !== 302) throw new Error(`presign answered ${result.statusCode} ${result.body}`);
    },
    floor: async (i) => {
      const username = fixture.usernames[i % USERS];
      await getMappingItem(dynamodb, table, username);
      await presignStudioUrl(sagemaker, { username, domainId: 'd-abcdef123456', userProfileName: 'floor' }, lifetimes);
    },
  });
  dynamodb.destroy();
  sagemaker.destroy();
  return { handlers: { authorizer: authorizerLatency, presign: presignLatency }, floor };
}

async function benchmark(): Promise<void> {
  const bundles = buildLambdaBundles();
  const names = Object.keys(bundles) as LambdaBundleName[];
  const sizes = Object.fromEntries(
    names.map((name) => {
      const code = readFileSync(path.join(bundles[name], 'index.js'));
      return [name, { bytes: code.length, gzipBytes: gzipSync(code).length }];
    }),
  ) as Record<LambdaBundleName, { bytes: number; gzipBytes: number }>;

  const nodeBaselineWallMs = round(percentile(Array.from({ length: COLD_RUNS }, () => nodeRun('0').wallMs), 0.5));
  const cold = Object.fromEntries(names.map((name) => [name, coldStart(bundles[name])])) as Record<LambdaBundleName, ReturnType<typeof coldStart>>;

  const standIns = fork(process.argv[1], [STAND_INS_FLAG]);
  const [fixture] = (await once(standIns, 'message')) as [Fixture];
  const restoreEnv = [useLocalAws(fixture.endpoints), setEnv(fixture.lambdaEnv)];
  const loadBefore = os.loadavg()[0];
  const { handlers, floor } = await warm(bundles, fixture);
  restoreEnv.forEach((restore) => restore());
  standIns.send('finish');
  const [problems] = (await once(standIns, 'message')) as [string[]];
  if (problems.length > 0) throw new Error(`the SageMaker stand-in saw bad requests: ${problems.join('; ')}`);

  const checks = [
    ...names.map((name) => ({ target: `${name} bundle <= ${TARGETS.bundleBytes[name] / 1024} KB`, ok: sizes[name].bytes <= TARGETS.bundleBytes[name] })),
    ...names.map((name) => ({ target: `${name} cold require <= ${TARGETS.coldRequireMs} ms`, ok: cold[name].requireMs <= TARGETS.coldRequireMs })),
    ...names.map((name) => ({ target: `${name} warm p99 <= ${TARGETS.warmP99Ms} ms`, ok: handlers[name].p99Ms <= TARGETS.warmP99Ms })),
  ];
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model,
    cpus: os.cpus().length,
    loadAverage1m: round(Math.max(loadBefore, os.loadavg()[0])),
  };
  const results = {
    date: new Date().toISOString(),
    machine,
    bundles: Object.fromEntries(names.map((name) => [name, { dir: path.relative(process.cwd(), bundles[name]), ...sizes[name] }])),
    cold: { runs: COLD_RUNS, nodeBaselineWallMs, ...cold },
    warm: { requests: WARM_REQUESTS, warmup: WARMUP_REQUESTS, users: USERS, ...handlers, standInFloor: floor },
    checks,
  };
  writeFileSync(path.join(process.cwd(), 'bench', 'lambda-results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const ms = (value: number) => `${value} ms`;
  const row = (cells: string[], widths: number[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const widths = [24, 9, 9, 12, 11, 12, 9, 9, 9];
  const latencyCells = (latency: Latency) => [ms(latency.p50Ms), ms(latency.p99Ms), ms(latency.maxMs)];
  const lines = [
    `Lambda bundles: node ${machine.node}, ${machine.cpu}, ${machine.cpus} CPUs, load average ${machine.loadAverage1m}`,
    '',
    row(['', 'size', 'gzip', 'cold require', '(best run)', 'node process', 'warm p50', 'warm p99', 'warm max'], widths),
    ...names.map((name) =>
      row(
        [name, kb(sizes[name].bytes), kb(sizes[name].gzipBytes), ms(cold[name].requireMs), ms(cold[name].requireMinMs), ms(cold[name].processWallMs), ...latencyCells(handlers[name])],
        widths,
      ),
    ),
    row(['node -e 0', '', '', '', '', ms(nodeBaselineWallMs)], widths),
    row(['presign floor', '', '', '', '', '', ...latencyCells(floor)], widths),
    '',
    `cold: median of ${COLD_RUNS} fresh node processes (require time inside the process, wall time outside)`,
    `warm: ${WARM_REQUESTS} sequential requests after ${WARMUP_REQUESTS} warm-up, ${USERS} users, stand-ins in a child process`,
    'presign floor: GetItem + CreatePresignedDomainUrl through the SDK without the handler, interleaved with it',
    '',
    ...checks.map((check) => `${check.ok ? 'ok  ' : 'MISS'} ${check.target}`),
    '',
    'written to bench/lambda-results.json',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Child process: dynalite, the SageMaker stand-in and the IdP, seeded with USERS mappings and tokens. */
async function serveStandIns(): Promise<void> {
  const [idp, dynamo, sagemaker] = await Promise.all([startLocalIdp(), startLocalDynamo(), startLocalSageMaker()]);
  const table = await dynamo.createMappingTable();
  const usernames = Array.from({ length: USERS }, (_, i) => `user${i}@corp.example.com`);
  await Promise.all(
    usernames.map((username, i) => dynamo.putMapping(table, { username, domainId: 'd-abcdef123456', userProfileName: `user-${i}` })),
  );
  const fixture: Fixture = {
    endpoints: { dynamodb: dynamo.endpoint, sagemaker: sagemaker.endpoint },
    lambdaEnv: {
      IDP_ISSUER: idp.issuer,
      IDP_AUDIENCE: AUDIENCE,
      IDP_JWKS_URI: idp.jwksUri,
      IDP_MAX_AGE_SECONDS: '7200',
      USERNAME_CLAIM,
      MAPPING_TABLE_NAME: table,
      PRESIGNED_URL_EXPIRES_SECONDS: '60',
      STUDIO_SESSION_SECONDS: '3600',
    },
    usernames,
    // Half RSA, half EC, as IdPs differ.
    tokens: await Promise.all(usernames.map((username, i) => idp.token({ [USERNAME_CLAIM]: username }, i % 2 ? 'ec' : 'rsa'))),
  };
  process.send?.(fixture);
  await once(process, 'message');
  process.send?.(sagemaker.problems);
  await Promise.all([idp.close(), dynamo.close(), sagemaker.close()]);
  process.disconnect?.();
}

(process.argv.includes(STAND_INS_FLAG) ? serveStandIns() : benchmark()).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
