/**
 * Reading synthesized Terraform JSON: resources, nested blocks, and the `${...}` references that
 * wire resources together. Only plain references are followed; anything computed is unknown here.
 */
import { ResourceBody, SynthResource, SynthesizedStack } from './types';

/** `${aws_vpc.vpc_6776A399.id}`: a reference to one attribute of one managed resource. */
export interface ResourceRef {
  type: string;
  name: string;
  attribute: string;
}

const WHOLE_RESOURCE_REF = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_.]+)\}$/;
const REMOTE_OUTPUT_REF = /^\$\{data\.terraform_remote_state\.[A-Za-z0-9_-]+\.outputs\.([A-Za-z0-9_.-]+)\}$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function strings(value: unknown): string[] {
  return asArray(value as unknown[]).filter((v): v is string => typeof v === 'string');
}

/** A nested block: cdktf writes single blocks as objects and repeated ones as arrays. */
export function blocks(body: ResourceBody, key: string): ResourceBody[] {
  return asArray(body[key] as ResourceBody | ResourceBody[]).filter(isRecord);
}

export function block(body: ResourceBody, key: string): ResourceBody | undefined {
  return blocks(body, key)[0];
}

/** The value is exactly one reference (`"${aws_vpc.x.id}"`), not a template around one. */
export function parseRef(value: unknown): ResourceRef | undefined {
  if (typeof value !== 'string') return undefined;
  const match = WHOLE_RESOURCE_REF.exec(value);
  if (!match || match[1] === 'data' || match[1] === 'var' || match[1] === 'local') return undefined;
  return { type: match[1], name: match[2], attribute: match[3] };
}

/** The value references (any attribute of) `resource`. */
export function refersTo(value: unknown, resource: SynthResource): boolean {
  const ref = parseRef(value);
  return !!ref && ref.type === resource.type && ref.name === resource.name;
}

export function resourcesOf(stack: SynthesizedStack, type: string): SynthResource[] {
  return Object.entries(stack.resource?.[type] ?? {}).map(([name, body]) => ({
    type,
    name,
    address: `${type}.${name}`,
    body,
  }));
}

export function allResources(stack: SynthesizedStack): SynthResource[] {
  return Object.keys(stack.resource ?? {}).flatMap((type) => resourcesOf(stack, type));
}

/** The resource a reference points at, if it is in this stack. */
export function lookup(stack: SynthesizedStack, ref: ResourceRef | undefined): SynthResource | undefined {
  if (!ref) return undefined;
  const body = stack.resource?.[ref.type]?.[ref.name];
  return body ? { type: ref.type, name: ref.name, address: `${ref.type}.${ref.name}`, body } : undefined;
}

/** The resource of `type` that a value references (`"${aws_subnet.x.id}"`), if it is in this stack. */
export function target(stack: SynthesizedStack, value: unknown, type: string): SynthResource | undefined {
  const ref = parseRef(value);
  return ref?.type === type ? lookup(stack, ref) : undefined;
}

/** Resources of `type` whose attribute `key` references `resource` (e.g. flow logs of a VPC). */
export function referencing(stack: SynthesizedStack, type: string, key: string, resource: SynthResource): SynthResource[] {
  return resourcesOf(stack, type).filter((r) => asArray(r.body[key]).some((v) => refersTo(v, resource)));
}

/**
 * Follows `${data.terraform_remote_state.<input>.outputs.<name>}` to the stack that declares the
 * output and the value it exports there, so cross-stack wiring reads like local wiring.
 */
export function remoteOutput(
  stacks: Readonly<Record<string, SynthesizedStack>>,
  value: unknown,
): { stackName: string; value: unknown } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REMOTE_OUTPUT_REF.exec(value);
  if (!match) return undefined;
  for (const [stackName, stack] of Object.entries(stacks)) {
    const output = stack.output?.[match[1]];
    if (output) return { stackName, value: output.value };
  }
  return undefined;
}

export function isRemoteOutputRef(value: unknown): boolean {
  return typeof value === 'string' && REMOTE_OUTPUT_REF.test(value);
}

/** The AWS provider of a stack: the account it may touch and its region. */
export function stackAccount(stack: SynthesizedStack): { accountId?: string; region?: string } {
  const provider = asArray(stack.provider?.aws)[0];
  if (!isRecord(provider)) return {};
  return {
    accountId: strings(provider.allowed_account_ids)[0],
    region: typeof provider.region === 'string' ? provider.region : undefined,
  };
}

/** The construct path cdktf records in `//.metadata.path`. */
export function constructPath(body: ResourceBody): string | undefined {
  const comment = body['//'];
  const metadata = isRecord(comment) ? comment.metadata : undefined;
  return isRecord(metadata) && typeof metadata.path === 'string' ? metadata.path : undefined;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A number written as a number or a numeric string; undefined for anything else. */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}
