import { SynthesizedStack } from '../../analysis/synthesized';

export { synthLandingZone, type SynthResult } from '../../analysis/synthesized/synth';
export type { SynthesizedStack };

/** The resources of one type in a synthesized stack, by logical id. */
export function resourcesOfType(stack: SynthesizedStack, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}

/** The single resource of a type in a stack; fails the test when there is not exactly one. */
export function onlyResource(stack: SynthesizedStack, type: string): Record<string, unknown> {
  const all = Object.values(resourcesOfType(stack, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Every resource of a type whose properties include `match` (shallow equality per key). */
export function findResources(
  stack: SynthesizedStack,
  type: string,
  match: Record<string, unknown> = {},
): Record<string, unknown>[] {
  return Object.values(resourcesOfType(stack, type)).filter((r) =>
    Object.entries(match).every(([k, v]) => JSON.stringify(r[k]) === JSON.stringify(v)),
  );
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** A synthesized policy attribute, parsed: it must be plain JSON, not a Terraform function call. */
export function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== 'string') throw new Error(`policy is not a JSON string: ${JSON.stringify(policy)}`);
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement;
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
