import { SynthesizedStack } from './synth';

/**
 * Terraform addresses of one synthesized stack with their bodies, as canonical JSON: resources and
 * data sources as `resource.<type>.<name>` / `data.<type>.<name>`, outputs, locals and variables as
 * `output.<name>` ..., and the `terraform` and `provider` blocks under their own names. cdktf's
 * `//` metadata (construct paths, stack version) is dropped: it is not what Terraform plans from.
 */
export function addressesOf(stack: SynthesizedStack): Map<string, string> {
  const addresses = new Map<string, string>();
  for (const [block, content] of Object.entries(stack)) {
    if (block === '//') continue;
    if (block === 'resource' || block === 'data') {
      for (const [type, byName] of Object.entries(content as Record<string, Record<string, unknown>>)) {
        for (const [name, body] of Object.entries(byName)) addresses.set(`${block}.${type}.${name}`, canonical(body));
      }
    } else if (block === 'output' || block === 'locals' || block === 'variable' || block === 'module') {
      for (const [name, body] of Object.entries(content as Record<string, unknown>)) addresses.set(`${block}.${name}`, canonical(body));
    } else {
      addresses.set(block, canonical(content));
    }
  }
  return addresses;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === '//' ? undefined : inner));
}

export interface StackDiff {
  /** Addresses only in the first synth. */
  removed: string[];
  /** Addresses only in the second synth. */
  added: string[];
  /** Addresses in both whose bodies differ. */
  changed: string[];
}

export interface SynthDiff {
  removedStacks: string[];
  addedStacks: string[];
  /** Stacks in both synths that differ, by name. */
  stacks: Record<string, StackDiff>;
}

/** What a second synth of a landing zone changes against a first one, per stack and address. */
export function diffSynths(before: Record<string, SynthesizedStack>, after: Record<string, SynthesizedStack>): SynthDiff {
  const diff: SynthDiff = {
    removedStacks: Object.keys(before).filter((name) => !(name in after)).sort(),
    addedStacks: Object.keys(after).filter((name) => !(name in before)).sort(),
    stacks: {},
  };
  for (const name of Object.keys(before).filter((n) => n in after).sort()) {
    const old = addressesOf(before[name]);
    const now = addressesOf(after[name]);
    const stack: StackDiff = {
      removed: [...old.keys()].filter((a) => !now.has(a)).sort(),
      added: [...now.keys()].filter((a) => !old.has(a)).sort(),
      changed: [...old.keys()].filter((a) => now.has(a) && now.get(a) !== old.get(a)).sort(),
    };
    if (stack.removed.length + stack.added.length + stack.changed.length > 0) diff.stacks[name] = stack;
  }
  return diff;
}

/** `resource.aws_subnet.x` -> the prefix other bodies use to reference it (`${aws_subnet.x.`). */
function referencePrefix(address: string): string | undefined {
  const [block, type, name] = address.split('.');
  if (block === 'resource') return `\${${type}.${name}.`;
  if (block === 'data') return `\${data.${type}.${name}.`;
  return undefined;
}

/**
 * The changes of `diff` that do not belong to the removed item: an item's resources are those
 * whose address or first-synth body names one of its `tokens` (its name, account id, domain, AZ
 * id, ...) or references a resource that was removed with it. Every other resource must be
 * byte-identical, and a removal adds nothing (an added address is a resource that moved).
 */
export function changesNotOf(
  diff: SynthDiff,
  before: Record<string, SynthesizedStack>,
  tokens: readonly string[],
): string[] {
  // cdktf drops characters Terraform names cannot hold (`corp.example.com` -> `corpexamplecom`).
  const forms = tokens.flatMap((token) => [token, token.replace(/[^A-Za-z0-9_-]/g, '')]);
  const mentions = (text: string) => forms.some((form) => text.includes(form));
  const unexpected: string[] = [];
  for (const stack of diff.removedStacks) if (!mentions(stack)) unexpected.push(`stack ${stack} removed`);
  for (const stack of diff.addedStacks) unexpected.push(`stack ${stack} added`);
  for (const [name, stack] of Object.entries(diff.stacks)) {
    const old = addressesOf(before[name]);
    const removedRefs = stack.removed.map(referencePrefix).filter((p): p is string => p !== undefined);
    const belongs = (address: string) => {
      const body = old.get(address) ?? '';
      return mentions(address) || mentions(body) || removedRefs.some((ref) => body.includes(ref));
    };
    for (const address of stack.removed) if (!belongs(address)) unexpected.push(`${name}: ${address} removed`);
    for (const address of stack.changed) if (!belongs(address)) unexpected.push(`${name}: ${address} changed`);
    for (const address of stack.added) unexpected.push(`${name}: ${address} added`);
  }
  return unexpected;
}

/** Every difference of `diff`, one line each (for a reordered list, which must change nothing). */
export function allChanges(diff: SynthDiff): string[] {
  return [
    ...diff.removedStacks.map((s) => `stack ${s} removed`),
    ...diff.addedStacks.map((s) => `stack ${s} added`),
    ...Object.entries(diff.stacks).flatMap(([name, s]) => [
      ...s.removed.map((a) => `${name}: ${a} removed`),
      ...s.added.map((a) => `${name}: ${a} added`),
      ...s.changed.map((a) => `${name}: ${a} changed`),
    ]),
  ];
}
