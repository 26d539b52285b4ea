/**
 * The Lambda runtime of the landing zone's functions: what the pinned AWS provider accepts, what
 * our bundles can run on, and the esbuild target that matches it.
 */

/**
 * The `runtime` values AWS provider 5.100.0 accepts for `aws_lambda_function`, exactly as its
 * validation lists them (`terraform validate` with any other value: "expected runtime to be one of
 * [...]"; checked against the real provider by test/config/lambda-runtime.test.ts). It has no
 * nodejs24.x: a newer runtime needs a newer provider (and @cdktf/provider-aws) first.
 */
export const PROVIDER_LAMBDA_RUNTIMES: readonly string[] = [
  'nodejs', 'nodejs4.3', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x',
  'java8', 'java8.al2', 'java11', 'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9',
  'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet6', 'dotnet8', 'nodejs4.3-edge', 'go1.x',
  'ruby2.5', 'ruby2.7', 'provided', 'provided.al2', 'nodejs18.x', 'python3.10', 'java17', 'ruby3.2', 'ruby3.3',
  'ruby3.4', 'python3.11', 'nodejs20.x', 'provided.al2023', 'python3.12', 'java21', 'python3.13', 'nodejs22.x',
];

/** The bundled AWS SDK v3 clients declare `engines.node >= 20`: older Node runtimes cannot load them. */
const MIN_NODE_MAJOR = 20;

const nodeMajor = (runtime: string): number | undefined => {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
};

/** The runtimes an account file may choose (`lambdaRuntime` in schema.json lists the same). */
export const LAMBDA_RUNTIMES: readonly string[] = PROVIDER_LAMBDA_RUNTIMES
  .filter((runtime) => (nodeMajor(runtime) ?? 0) >= MIN_NODE_MAJOR)
  .sort((a, b) => nodeMajor(a)! - nodeMajor(b)!);

/** esbuild's `target` for a runtime: the bundle uses what that Node version supports, nothing newer. */
export function esbuildTarget(runtime: string): string {
  const major = nodeMajor(runtime);
  if (major === undefined) throw new RangeError(`${runtime} is not a Node.js Lambda runtime`);
  return `node${major}`;
}
