import { GuardrailContext, Rule } from '../types';
import { compliant, notApplicable, violation, warning } from '../result';

/** An AWS Lambda runtime's end of life; dates are `YYYY-MM-DD` (UTC). */
interface RuntimeLifecycle {
  /** No more security patches or support. */
  readonly deprecation: string;
  /** `CreateFunction` with this runtime fails from this date. */
  readonly blockCreate: string;
  /** `UpdateFunctionCode` / `UpdateFunctionConfiguration` fail from this date. */
  readonly blockUpdate: string;
}

/**
 * AWS's deprecation schedule of the Lambda runtimes, from
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html ("Supported runtimes" and
 * "Deprecated runtimes", as updated 2026-06; the same dates as cfn-lint's LmbdRuntimeLifecycle.json
 * of that update). AWS has moved block dates later before (nodejs20.x: creation was to be blocked
 * from 2026-08-31, now 2027-02-01): update this table, and nothing else, when the page changes.
 * Runtimes AWS has not yet scheduled are absent: an unknown runtime is refused.
 */
export const RUNTIME_LIFECYCLE: Readonly<Record<string, RuntimeLifecycle>> = {
  'nodejs16.x': { deprecation: '2024-06-12', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'nodejs18.x': { deprecation: '2025-09-01', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'nodejs20.x': { deprecation: '2026-04-30', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'nodejs22.x': { deprecation: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01' },
  'nodejs24.x': { deprecation: '2028-04-30', blockCreate: '2028-06-01', blockUpdate: '2028-07-01' },
  'python3.9': { deprecation: '2025-12-15', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'python3.10': { deprecation: '2026-10-31', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'python3.11': { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  'python3.12': { deprecation: '2028-10-31', blockCreate: '2028-11-30', blockUpdate: '2029-01-10' },
  'python3.13': { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  'python3.14': { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  'java8.al2': { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  java11: { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  java17: { deprecation: '2027-06-30', blockCreate: '2027-07-31', blockUpdate: '2027-08-31' },
  java21: { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  java25: { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
  dotnet8: { deprecation: '2026-11-10', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  dotnet10: { deprecation: '2028-11-14', blockCreate: '2028-12-14', blockUpdate: '2029-01-15' },
  'ruby3.2': { deprecation: '2026-03-31', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'ruby3.3': { deprecation: '2027-03-31', blockCreate: '2027-04-30', blockUpdate: '2027-05-31' },
  'ruby3.4': { deprecation: '2028-03-31', blockCreate: '2028-04-30', blockUpdate: '2028-05-31' },
  'provided.al2': { deprecation: '2026-07-31', blockCreate: '2027-02-01', blockUpdate: '2027-03-03' },
  'provided.al2023': { deprecation: '2029-06-30', blockCreate: '2029-07-31', blockUpdate: '2029-08-31' },
};

/** How long before creation is blocked a synth starts warning. */
const RUNTIME_WARNING_DAYS = 90;

/** The date lifecycle checks judge by: `LANDING_SYNTH_DATE` (`YYYY-MM-DD`) when set, for reproducible runs; else today (UTC). */
export const SYNTH_DATE_ENV = 'LANDING_SYNTH_DATE';

export function synthDate(context: Pick<GuardrailContext, 'synthDate'> = {}): string {
  const given = context.synthDate ?? process.env[SYNTH_DATE_ENV];
  if (given === undefined || given === '') return new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given) || Number.isNaN(Date.parse(given))) {
    throw new Error(`${SYNTH_DATE_ENV}=${given} is not a date: use YYYY-MM-DD`);
  }
  return given;
}

type RuntimeVerdict =
  | { level: 'ok' }
  | { level: 'warning' | 'error'; message: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * The runtime judged on `date`: an error once it is deprecated or AWS blocks creating functions
 * with it (or when AWS does not list it), a warning from RUNTIME_WARNING_DAYS before the first of
 * those. A deprecated runtime is refused even while AWS still lets it be created: AWS "may no
 * longer apply security patches or updates" to it and it gets no technical support
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html), and Security Hub's
 * Lambda.2 fails it. So nodejs20.x (deprecated 2026-04-30) is refused although AWS has moved the
 * date it blocks creation to 2027-02-01. Account-file validation and this rule both use it, so a
 * file that validates passes the rule.
 */
export function runtimeVerdict(runtime: string, date: string): RuntimeVerdict {
  const lifecycle = RUNTIME_LIFECYCLE[runtime];
  if (!lifecycle) return { level: 'error', message: `${runtime || '(no runtime)'} is not a runtime on AWS's Lambda deprecation schedule` };
  const { deprecation, blockCreate, blockUpdate } = lifecycle;
  if (date >= blockCreate) {
    return { level: 'error', message: `${runtime} can no longer be created since ${blockCreate} (updates blocked from ${blockUpdate})` };
  }
  if (date >= deprecation) {
    return { level: 'error', message: `${runtime} is deprecated since ${deprecation}: AWS no longer patches it (creation blocked from ${blockCreate})` };
  }
  const daysLeft = daysBetween(date, deprecation);
  if (daysLeft <= RUNTIME_WARNING_DAYS) {
    return { level: 'warning', message: `${runtime} is deprecated from ${deprecation}, in ${daysLeft} days, and refused from then (creation blocked from ${blockCreate})` };
  }
  return { level: 'ok' };
}

export const rule: Rule = {
  id: 'LZ-LMB-004',
  severity: 'ERROR',
  invariant: `Every zip-packaged Lambda function uses a runtime AWS still patches and lets us create; a warning from ${RUNTIME_WARNING_DAYS} days before it does not.`,
  why: 'A function whose runtime AWS blocks cannot be created (a new service account fails its first apply), and soon after not updated: the fix for the next CVE could not be deployed. A deprecated runtime gets no security patches.',
  checkov: ['CKV_AWS_363'],
  securityHub: ['Lambda.2'],
  appliesTo: ['aws_lambda_function'],
  check(fn, scope) {
    if (fn.body.package_type === 'Image') return notApplicable('container image: the image pins its runtime');
    const verdict = runtimeVerdict(String(fn.body.runtime ?? ''), synthDate(scope.context));
    if (verdict.level === 'ok') return compliant();
    return verdict.level === 'error' ? violation(verdict.message) : warning(verdict.message);
  },
};
