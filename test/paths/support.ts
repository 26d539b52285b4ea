/**
 * Mutations of a synthesized landing zone for the reachability tests: each takes a deep copy of
 * the parsed stacks, changes what one resource says, and returns the copy.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PathsReport } from '../../analysis/paths/analyze';
import { Attributes, Stacks } from '../../analysis/paths/terraform';
import { writeSynthesized } from '../../analysis/synthesized';
import { shippedOutdir, shippedStacks } from '../support/shared-synth';

/** A shipped landing zone, synthesized once for the whole run; tests mutate copies of the parsed stacks. */
export function synthOutput(name: string): { outdir: string; stacks: Stacks } {
  return { get outdir() { return shippedOutdir(name); }, stacks: shippedStacks(name) as Stacks };
}

/** Writes stacks as a synth output directory and returns it. */
export const writeOutput = (stacks: Stacks): string => writeSynthesized(fs.mkdtempSync(path.join(os.tmpdir(), 'paths-out-')), stacks);

/** `<flow>:<scope>` of every failing flow, e.g. `3:analytics`, `1:landing zone`. */
export function failing(report: PathsReport): string[] {
  return report.results.filter((r) => !r.ok).map((r) => `${r.flow}:${r.scope}`).sort();
}

export function missingOf(report: PathsReport, key: string): string | undefined {
  return report.results.find((r) => `${r.flow}:${r.scope}` === key)?.missing;
}

export type Mutation = (stacks: Stacks) => void;

export function mutated(stacks: Stacks, mutation: Mutation): Stacks {
  const copy = structuredClone(stacks);
  mutation(copy);
  return copy;
}

/** The stack's resources of a type; `data.<type>` for its data sources. */
export function resourcesOf(stacks: Stacks, stack: string, type: string): Record<string, Attributes> {
  const resources = type.startsWith('data.') ? stacks[stack]?.data?.[type.slice('data.'.length)] : stacks[stack]?.resource?.[type];
  if (!resources) throw new Error(`stack ${stack} has no ${type}`);
  return resources;
}

/** Which resources a mutation touches; it sees the stacks to follow references. */
export type Match = (attrs: Attributes, stacks: Stacks) => boolean;

/** Logical ids of the stack's resources of a type that match; a mutation must touch something. */
export function find(stacks: Stacks, stack: string, type: string, match: Match = () => true): string[] {
  const names = Object.entries(resourcesOf(stacks, stack, type)).filter(([, attrs]) => match(attrs, stacks)).map(([name]) => name);
  if (names.length === 0) throw new Error(`no ${type} in ${stack} matches`);
  return names;
}

export const remove = (stack: string, type: string, match?: Match): Mutation => (stacks) => {
  for (const name of find(stacks, stack, type, match)) delete resourcesOf(stacks, stack, type)[name];
};

export const edit = (stack: string, type: string, match: Match, change: (attrs: Attributes, stacks: Stacks) => void): Mutation => (stacks) => {
  for (const name of find(stacks, stack, type, match)) change(resourcesOf(stacks, stack, type)[name], stacks);
};

export const add = (stack: string, type: string, name: string, attrs: (stacks: Stacks) => Attributes): Mutation => (stacks) => {
  const resources = (stacks[stack].resource ??= {});
  (resources[type] ??= {})[name] = attrs(stacks);
};

export const all = (...mutations: Mutation[]): Mutation => (stacks) => mutations.forEach((m) => m(stacks));

/** `${<type>.<name>.<attribute>}` of the stack's only resource of a type that matches. */
export function ref(stacks: Stacks, stack: string, type: string, attribute: string, match?: Match): string {
  const [name, ...others] = find(stacks, stack, type, match);
  if (others.length > 0) throw new Error(`several ${type} in ${stack} match`);
  return `\${${type}.${name}.${attribute}}`;
}

export const and = (...matches: Match[]): Match => (attrs, stacks) => matches.every((m) => m(attrs, stacks));

/** The attribute is the value, or (for references and lists) contains it. */
export const where = (key: string, value: string | boolean): Match => (attrs) => {
  const actual = attrs[key];
  return actual === value || (typeof value === 'string' && (typeof actual === 'string' || Array.isArray(actual)) && actual.includes(value));
};

export const named = (name: string): Match => (attrs) =>
  [attrs.name, attrs.function_name, (attrs.tags as Attributes | undefined)?.Name].includes(name);

/** The rules of the security group with this name. */
export const ofGroup = (stack: string, group: string): Match => (attrs, stacks) =>
  attrs.security_group_id === ref(stacks, stack, 'aws_security_group', 'id', named(group));

/** The routes of the route table with this Name tag, in whichever stack they are. */
export const inTable = (table: string): Match => (attrs, stacks) =>
  typeof attrs.route_table_id === 'string' && tableRefs(stacks, table).includes(attrs.route_table_id);

/** A route table is written as its own reference or, in another stack, through remote state. */
function tableRefs(stacks: Stacks, table: string): string[] {
  return Object.entries(stacks).flatMap(([stack, json]) =>
    Object.entries(json.resource?.aws_route_table ?? {})
      .filter(([, attrs]) => named(table)(attrs, stacks))
      .flatMap(([name]) => {
        const local = `\${aws_route_table.${name}.id}`;
        const outputs = Object.entries(json.output ?? {}).filter(([, o]) => o.value === local).map(([output]) => output);
        return [local, ...outputs.map((o) => `\${data.terraform_remote_state.cross-stack-reference-input-${stack}.outputs.${o}}`)];
      }),
  );
}
