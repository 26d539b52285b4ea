/**
 * Reads what `cdktf synth` wrote (`<outdir>/stacks/<stack>/cdk.tf.json`) and follows Terraform
 * references inside it, across stacks too: a consumer reads a producer's value through a
 * `terraform_remote_state` data source named by cdktf after the producer stack, whose output holds
 * the original reference.
 */
import * as fs from 'fs';
import * as path from 'path';

export type Body = Record<string, unknown>;

export interface SynthesizedStack {
  name: string;
  /** The one account the stack's provider may touch (`allowed_account_ids`). */
  accountId: string;
  region: string;
  /** The landing zone's environment, from the provider's default `LandingZone` tag. */
  environment: string;
  /** Resource type -> logical name -> arguments. */
  resources: Record<string, Record<string, Body>>;
  /** Data source type -> logical name -> arguments (an existing VPC looked up by id). */
  data: Record<string, Record<string, Body>>;
  outputs: Record<string, { value: unknown }>;
}

/** A resource of one stack. */
export interface Address {
  stack: string;
  type: string;
  name: string;
}

export interface Resource extends Address {
  body: Body;
}

interface CdkTfJson {
  provider?: { aws?: { allowed_account_ids?: string[]; region?: string; default_tags?: { tags?: Record<string, string> }[] }[] };
  resource?: Record<string, Record<string, Body>>;
  data?: Record<string, Record<string, Body>>;
  output?: Record<string, { value: unknown }>;
}

export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) throw new Error(`${stacksDir} does not exist: run \`npm run synth\` first`);
  return fs
    .readdirSync(stacksDir)
    .filter((name) => fs.existsSync(path.join(stacksDir, name, 'cdk.tf.json')))
    .sort()
    .map((name) => parseStack(name, JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8')) as CdkTfJson));
}

export function parseStack(name: string, json: CdkTfJson): SynthesizedStack {
  const provider = json.provider?.aws?.[0];
  const accountId = provider?.allowed_account_ids?.[0];
  if (!accountId || !provider?.region) throw new Error(`stack ${name}: the aws provider has no allowed_account_ids or region`);
  const environment = provider.default_tags?.[0]?.tags?.LandingZone ?? '';
  return { name, accountId, region: provider.region, environment, resources: json.resource ?? {}, data: json.data ?? {}, outputs: json.output ?? {} };
}

export const addressKey = (a: Address): string => `${a.stack}/${a.type}.${a.name}`;

/** Every resource of one type, in the stacks given, in a stable order. */
export function resourcesOfType(stacks: readonly SynthesizedStack[], type: string): Resource[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.resources[type] ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, body]) => ({ stack: stack.name, type, name, body })),
  );
}

/** cdktf's name of the data source through which a consumer reads one producer stack. */
const REMOTE_STATE = /data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_.-]+)/g;
const RESOURCE_REFERENCE = /(?<![\w.-])(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g;

/** Strings inside a value, at any depth. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The resources a value refers to, following cross-stack outputs to the producing resource. */
export function referencesIn(stacks: readonly SynthesizedStack[], stack: string, value: unknown): Address[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const found: Address[] = [];
  for (const text of strings(value)) {
    for (const expression of text.match(/\$\{[^}]*\}/g) ?? []) {
      for (const [, producer, output] of expression.matchAll(REMOTE_STATE)) {
        const produced = byName.get(producer)?.outputs[output];
        if (produced) found.push(...referencesIn(stacks, producer, produced.value));
      }
      const local = expression.replace(REMOTE_STATE, '');
      for (const [, type, name] of local.matchAll(RESOURCE_REFERENCE)) found.push({ stack, type, name });
    }
  }
  return found;
}

/** The first resource of `type` that a value refers to. */
export function referenceTo(stacks: readonly SynthesizedStack[], stack: string, value: unknown, type: string): Address | undefined {
  return referencesIn(stacks, stack, value).find((a) => a.type === type);
}
