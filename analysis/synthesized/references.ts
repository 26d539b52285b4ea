/**
 * The `${...}` references of Terraform JSON, one grammar for every analyzer: in-stack
 * (`${aws_vpc.x.id}`, `${data.aws_vpc.x.id}`) and cross-stack, which cdktf writes as a read of a
 * `terraform_remote_state` data source named after the producer
 * (`${data.terraform_remote_state.cross-stack-reference-input-<producer>.outputs.<output>}`) whose
 * output holds the original reference (`output.<output>.value = "${aws_vpc.x.id}"`).
 */
import { LANDING_ZONE_TAG, STACK_TAG } from '../../modules/shared/naming';
import { ResourceBody, SynthResource, SynthesizedStack } from './types';

/** An attribute of a managed resource (`aws_vpc`) or of a data source (`data.aws_vpc`). */
export interface ResourceReference {
  kind: 'resource';
  type: string;
  name: string;
  /** `id`, or a path into it (`dns_entry.0`). */
  attribute: string;
}

/** An output of another stack, read through a `terraform_remote_state` data source. */
export interface RemoteOutputReference {
  kind: 'remote-output';
  /** The data source's name, `cross-stack-reference-input-<producer>`. */
  dataName: string;
  /** The stack cdktf named the data source after; undefined for a remote state not written by cdktf. */
  producer?: string;
  output: string;
}

export type Reference = ResourceReference | RemoteOutputReference;

const CROSS_STACK_INPUT_PREFIX = 'cross-stack-reference-input-';
const NAME = '[A-Za-z0-9_-]+';
const REMOTE_OUTPUT = `data\\.terraform_remote_state\\.(${NAME})\\.outputs\\.(${NAME})`;
const RESOURCE = `((?:data\\.)?[a-z][a-z0-9_]*)\\.(${NAME})\\.([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)`;
const WHOLE_REMOTE_OUTPUT = new RegExp(`^${REMOTE_OUTPUT}$`);
const WHOLE_RESOURCE = new RegExp(`^${RESOURCE}$`);
/** A read of a remote-state output anywhere in a text, inside a larger expression too. */
const REMOTE_OUTPUT_READ = new RegExp(`\\b${REMOTE_OUTPUT}`, 'g');
/** `${<one reference>}` anywhere in a string. */
const EMBEDDED = new RegExp(`\\$\\{(${REMOTE_OUTPUT.replace(/\((?!\?)/g, '(?:')}|${RESOURCE.replace(/\((?!\?)/g, '(?:')})\\}`, 'g');
/** A managed AWS resource named inside an expression (`one([for e in aws_vpc_endpoint.x.dns_entry : ...])`), not `data.aws_...`. */
const TRAVERSAL = new RegExp(`(?<![\\w.-])(aws_[a-z0-9_]+)\\.(${NAME})(?:\\.([A-Za-z0-9_]+))?`, 'g');

/** The stack a cdktf cross-stack data source reads, from its name. */
export function producerStackName(dataName: string): string | undefined {
  return dataName.startsWith(CROSS_STACK_INPUT_PREFIX) ? dataName.slice(CROSS_STACK_INPUT_PREFIX.length) : undefined;
}

/** The reference an expression is (the text between `${` and `}`), when it is exactly one. */
export function parseReference(expression: string): Reference | undefined {
  const remote = WHOLE_REMOTE_OUTPUT.exec(expression);
  if (remote) return { kind: 'remote-output', dataName: remote[1], producer: producerStackName(remote[1]), output: remote[2] };
  const resource = WHOLE_RESOURCE.exec(expression);
  if (!resource || ['var', 'local', 'module', 'path', 'terraform', 'each', 'count', 'self'].includes(resource[1])) return undefined;
  return { kind: 'resource', type: resource[1], name: resource[2], attribute: resource[3] };
}

/** The reference a value is when it is exactly `"${<reference>}"`, not a template around one. */
export function wholeReference(value: unknown): Reference | undefined {
  if (typeof value !== 'string' || !value.startsWith('${') || !value.endsWith('}')) return undefined;
  return parseReference(value.slice(2, -1));
}

/** The value is exactly one reference to a managed resource (`"${aws_vpc.x.id}"`). */
export function resourceReference(value: unknown): ResourceReference | undefined {
  const reference = wholeReference(value);
  return reference?.kind === 'resource' && !reference.type.startsWith('data.') ? reference : undefined;
}

/** The value is exactly one read of another stack's output. */
export function remoteOutputReference(value: unknown): RemoteOutputReference | undefined {
  const reference = wholeReference(value);
  return reference?.kind === 'remote-output' ? reference : undefined;
}

/** Every `${<reference>}` inside a string rewritten by `replace` (given the expression between the braces). */
export function replaceReferences(text: string, replace: (expression: string, reference: Reference) => string): string {
  return text.replace(EMBEDDED, (match: string, expression: string) => {
    const reference = parseReference(expression);
    return reference ? replace(expression, reference) : match;
  });
}

/** The `${...}` interpolations of a string (without nesting), each a whole expression. */
export function interpolations(text: string): string[] {
  return text.match(/\$\{[^}]*\}/g) ?? [];
}

/** Every remote-state output read anywhere in `text`, inside larger expressions too. */
export function remoteOutputReads(text: string): RemoteOutputReference[] {
  return [...text.matchAll(REMOTE_OUTPUT_READ)].map(([, dataName, output]) => ({ kind: 'remote-output', dataName, producer: producerStackName(dataName), output }));
}

/** Managed AWS resources an expression names, with the attribute when one follows. */
export function resourceTraversals(text: string): { type: string; name: string; attribute?: string }[] {
  return [...text.matchAll(TRAVERSAL)].map(([, type, name, attribute]) => ({ type, name, attribute }));
}

/** The stacks `stack` reads outputs from, through cdktf's cross-stack data sources, sorted. */
export function producerStacks(stack: SynthesizedStack): string[] {
  const producers = Object.keys(stack.data?.terraform_remote_state ?? {}).map(producerStackName);
  return [...new Set(producers.filter((p): p is string => p !== undefined))].sort();
}

/** The output a cross-stack reference reads, in its producing stack. */
export function remoteOutput(
  stacks: Readonly<Record<string, SynthesizedStack>>,
  value: unknown,
): { stackName: string; output: string; value: unknown } | undefined {
  const reference = remoteOutputReference(value);
  const output = reference?.producer ? stacks[reference.producer]?.output?.[reference.output] : undefined;
  return output && reference?.producer ? { stackName: reference.producer, output: reference.output, value: output.value } : undefined;
}

/** `resource` or `data` blocks of one type in a stack, located; data sources typed `data.<type>`. */
export function resourcesOf(stack: SynthesizedStack, type: string): SynthResource[] {
  const [blockKind, blockType] = type.startsWith('data.') ? (['data', type.slice(5)] as const) : (['resource', type] as const);
  return Object.entries(stack[blockKind]?.[blockType] ?? {}).map(([name, body]) => ({ type, name, address: `${type}.${name}`, body }));
}

export function allResources(stack: SynthesizedStack): SynthResource[] {
  return Object.keys(stack.resource ?? {}).flatMap((type) => resourcesOf(stack, type));
}

/** The block a reference names, if this stack declares it. */
export function lookup(stack: SynthesizedStack, reference: { type: string; name: string } | undefined): SynthResource | undefined {
  if (!reference) return undefined;
  const body: ResourceBody | undefined = reference.type.startsWith('data.')
    ? stack.data?.[reference.type.slice(5)]?.[reference.name]
    : stack.resource?.[reference.type]?.[reference.name];
  return body ? { type: reference.type, name: reference.name, address: `${reference.type}.${reference.name}`, body } : undefined;
}

/** Where a value written in one stack leads once cross-stack outputs are followed. */
export interface ResolvedReference {
  /** The stack that declares the resource. */
  stack: string;
  resource: SynthResource;
  attribute: string;
  /** The cross-stack outputs passed through, consumer first. */
  through: { stack: string; output: string }[];
}

/**
 * The resource (or data source) a value that is exactly one reference names, following
 * `terraform_remote_state` reads to the producing stack's output and on to what that output holds.
 * Undefined for anything else: a literal, a computed expression, a reference to nothing declared.
 */
export function resolveReference(stacks: Readonly<Record<string, SynthesizedStack>>, stackName: string, value: unknown): ResolvedReference | undefined {
  const reference = wholeReference(value);
  if (reference?.kind === 'remote-output') {
    const produced = remoteOutput(stacks, value);
    if (!produced) return undefined;
    const resolved = resolveReference(stacks, produced.stackName, produced.value);
    return resolved && { ...resolved, through: [{ stack: produced.stackName, output: produced.output }, ...resolved.through] };
  }
  const stack = stacks[stackName];
  const resource = reference && stack ? lookup(stack, reference) : undefined;
  return resource && reference?.kind === 'resource' ? { stack: stackName, resource, attribute: reference.attribute, through: [] } : undefined;
}

/**
 * The landing zone a stack belongs to and its name there (`network`, `service-<name>`), as the
 * stack's provider records them (region, default tags); undefined for a stack that does not.
 */
export function landingZoneOf(stack: SynthesizedStack): { environment: string; region: string; stackName: string } | undefined {
  const { region, defaultTags } = stackProvider(stack);
  const environment = defaultTags[LANDING_ZONE_TAG];
  const stackName = defaultTags[STACK_TAG];
  return region && environment && stackName ? { environment, region, stackName } : undefined;
}

/** The default AWS provider of a stack (the one without an alias): the account it may touch, its region, its default tags. */
export function stackProvider(stack: SynthesizedStack): { accountId?: string; region?: string; defaultTags: Record<string, string> } {
  const provider = (stack.provider?.aws ?? []).find((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && !('alias' in p));
  const accounts = provider?.allowed_account_ids;
  const tags = (provider?.default_tags as { tags?: Record<string, string> }[] | undefined)?.[0]?.tags ?? {};
  return {
    accountId: Array.isArray(accounts) && typeof accounts[0] === 'string' ? accounts[0] : undefined,
    region: typeof provider?.region === 'string' ? provider.region : undefined,
    defaultTags: tags,
  };
}
