/**
 * Synthesized landing zones to judge, and small tools to damage them by hand: the defects are made
 * in the synthesized JSON, exactly where a hand edit (or a broken construct) would put them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Finding, GuardrailContext, SynthesizedStack, runGuardrails } from '../../analysis/guardrails';
import { writeSynthesized } from '../../analysis/synthesized';
import { exampleStack, shippedOutdir, shippedStacks } from '../support/shared-synth';

export type Stacks = Record<string, SynthesizedStack>;
export type Body = Record<string, unknown>;

/** Synthesized once for the whole run (test/support/shared-synth.ts); callers get their own copy. */
export const example = (): Stacks => shippedStacks('example');
export const exampleOutdir = (): string => shippedOutdir('example');
export const threeServices = (): Stacks => shippedStacks('three-services');
/** All accounts in one Organization, which is the endpoints' perimeter (organizationId). */
export const org = (): Stacks => shippedStacks('org');

/** The example's stacks, by id. */
export const SERVICE = exampleStack('service-analytics');
export const NETWORK = exampleStack('network');

/** `${type.name.attr}` */
export const ref = (type: string, name: string, attribute = 'id'): string => `\${${type}.${name}.${attribute}}`;

/** The resources of a type in a stack, as [name, body]. */
export function all(stack: SynthesizedStack, type: string): [string, Body][] {
  return Object.entries(stack.resource?.[type] ?? {});
}

/** The first resource of a type whose body satisfies `match`; fails loudly when there is none. */
export function first(stack: SynthesizedStack, type: string, match: (body: Body, name: string) => boolean = () => true): { name: string; body: Body; address: string } {
  const found = all(stack, type).find(([name, body]) => match(body, name));
  if (!found) throw new Error(`no ${type} matches in this stack`);
  return { name: found[0], body: found[1], address: `${type}.${found[0]}` };
}

export function add(stack: SynthesizedStack, type: string, name: string, body: Body): string {
  stack.resource = stack.resource ?? {};
  stack.resource[type] = { ...(stack.resource[type] ?? {}), [name]: body };
  return `${type}.${name}`;
}

export function remove(stack: SynthesizedStack, type: string): void {
  delete stack.resource?.[type];
}

export interface Doc {
  Version?: string;
  Statement: Record<string, unknown>[];
}

/** Edits the JSON policy held in `body[attribute]` in place. */
export function editPolicy(body: Body, edit: (doc: Doc) => void, attribute = 'policy'): void {
  const doc = JSON.parse(body[attribute] as string) as Doc;
  edit(doc);
  body[attribute] = JSON.stringify(doc);
}

export const statement = (doc: Doc, sid: string): Record<string, unknown> => {
  const found = doc.Statement.find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid}`);
  return found;
};

/** The presign Lambda's inline policy (the one granting CreatePresignedDomainUrl). */
export const presignPolicy = (stacks: Stacks) =>
  first(stacks[SERVICE], 'aws_iam_role_policy', (b) => String(b.policy).includes('CreatePresignedDomainUrl'));

export const findings = (stacks: Stacks, context?: GuardrailContext): Finding[] => runGuardrails(stacks, context);

export const failing = (list: Finding[], ruleId: string): Finding[] => list.filter((f) => f.ruleId === ruleId && f.status === 'non-compliant');

/** Writes parsed stacks back as an output directory. */
export const writeOutdir = (stacks: Stacks): string => writeSynthesized(fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-defect-')), stacks);
