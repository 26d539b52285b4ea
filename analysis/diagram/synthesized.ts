/**
 * The synthesized stacks as the diagram reads them (read by analysis/synthesized): each with its
 * account, region and environment, and the resources a value refers to, across stacks too.
 */
import { SynthesizedStack, interpolations, readSynthesizedStacks, remoteOutputReads, resourceTraversals, stackProvider } from '../synthesized';

export type Body = Record<string, unknown>;

export interface DiagramStack {
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
  outputs: Record<string, { value?: unknown }>;
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

export function readDiagramStacks(outdir: string): DiagramStack[] {
  return Object.entries(readSynthesizedStacks(outdir)).map(([name, json]) => diagramStack(name, json));
}

function diagramStack(name: string, json: SynthesizedStack): DiagramStack {
  const { accountId, region, defaultTags } = stackProvider(json);
  if (!accountId || !region) throw new Error(`stack ${name}: the aws provider has no allowed_account_ids or region`);
  return { name, accountId, region, environment: defaultTags.LandingZone ?? '', resources: json.resource ?? {}, data: json.data ?? {}, outputs: json.output ?? {} };
}

export const addressKey = (a: Address): string => `${a.stack}/${a.type}.${a.name}`;

/** Every resource of one type, in the stacks given, in a stable order. */
export function resourcesOfType(stacks: readonly DiagramStack[], type: string): Resource[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.resources[type] ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, body]) => ({ stack: stack.name, type, name, body })),
  );
}

/** Strings inside a value, at any depth. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The resources a value refers to, following cross-stack outputs to the producing resource. */
export function referencesIn(stacks: readonly DiagramStack[], stack: string, value: unknown): Address[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const found: Address[] = [];
  for (const expression of strings(value).flatMap(interpolations)) {
    for (const { producer, output } of remoteOutputReads(expression)) {
      const produced = producer === undefined ? undefined : byName.get(producer)?.outputs[output];
      if (produced && producer) found.push(...referencesIn(stacks, producer, produced.value));
    }
    for (const { type, name } of resourceTraversals(expression)) found.push({ stack, type, name });
  }
  return found;
}

/** The first resource of `type` that a value refers to. */
export function referenceTo(stacks: readonly DiagramStack[], stack: string, value: unknown, type: string): Address | undefined {
  return referencesIn(stacks, stack, value).find((a) => a.type === type);
}
