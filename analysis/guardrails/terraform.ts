/**
 * The rules' vocabulary over synthesized Terraform JSON: nested blocks and values, on top of the
 * references analysis/synthesized parses. Only plain references are followed; anything computed is
 * unknown here.
 */
import { ResourceBody, SynthResource, SynthesizedStack, allResources, isRecord, lookup, remoteOutput, remoteOutputReference, resourceReference, resourcesOf, stackProvider, wholeReference } from '../synthesized';

export { allResources, isRecord, lookup, remoteOutput, resourcesOf };

/** The value is exactly one reference (`"${aws_vpc.x.id}"`) to a managed resource, not a template around one. */
export const parseRef = resourceReference;

export const isRemoteOutputRef = (value: unknown): boolean => remoteOutputReference(value) !== undefined;

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

/** The value references (any attribute of) `resource`, a managed resource or a data source (`data.aws_vpc`). */
export function refersTo(value: unknown, resource: SynthResource): boolean {
  const ref = wholeReference(value);
  return ref?.kind === 'resource' && ref.type === resource.type && ref.name === resource.name;
}

/** The resource of `type` that a value references (`"${aws_subnet.x.id}"`), if it is in this stack. */
export function target(stack: SynthesizedStack, value: unknown, type: string): SynthResource | undefined {
  const ref = parseRef(value);
  return ref?.type === type ? lookup(stack, ref) : undefined;
}

const WHOLE_DATA_REF = /^\$\{data\.([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_.]+)\}$/;

/** The data source of `type` that a value references (`"${data.aws_subnet.x.id}"`), if it is in this stack. */
export function dataTarget(stack: SynthesizedStack, value: unknown, type: string): SynthResource | undefined {
  const match = typeof value === 'string' ? WHOLE_DATA_REF.exec(value) : null;
  const body = match?.[1] === type ? stack.data?.[type]?.[match[2]] : undefined;
  return body && match ? { type: `data.${type}`, name: match[2], address: `data.${type}.${match[2]}`, body } : undefined;
}

/** Resources of `type` whose attribute `key` references `resource` (e.g. flow logs of a VPC). */
export function referencing(stack: SynthesizedStack, type: string, key: string, resource: SynthResource): SynthResource[] {
  return resourcesOf(stack, type).filter((r) => asArray(r.body[key]).some((v) => refersTo(v, resource)));
}

/** The AWS provider of a stack: the account it may touch and its region. */
export function stackAccount(stack: SynthesizedStack): { accountId?: string; region?: string } {
  const { accountId, region } = stackProvider(stack);
  return { accountId, region };
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
