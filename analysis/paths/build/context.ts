import { Id } from '../model';
import { Attributes, Output, Resource, list, str } from '../terraform';

/** Turns written values into model ids; shared by the builders of each part of the model. */
export class BuildContext {
  constructor(readonly out: Output) {}

  /**
   * The id of what a value names: the declared resource it references (whatever the attribute), or
   * `literal:<value>` for a plain id. Undefined for a dangling reference or an expression.
   */
  idOf(stack: string, value: unknown): Id | undefined {
    const resolved = this.out.resolve(stack, value);
    if (resolved?.kind === 'resource') return resolved.resource.address;
    if (resolved?.kind === 'literal') return `literal:${resolved.value}`;
    return undefined;
  }

  ids(stack: string, value: unknown): Id[] {
    return list(value).flatMap((v) => this.idOf(stack, v) ?? []);
  }

  /** The resource a value references, when it is declared and of the given type. */
  resourceOf(stack: string, value: unknown, type: string): Resource | undefined {
    const resolved = this.out.resolve(stack, value);
    return resolved?.kind === 'resource' && resolved.resource.type === type ? resolved.resource : undefined;
  }

  account(stack: string): string | undefined {
    return this.out.stackAccount(stack);
  }

  /** Plain strings of a list attribute (IPs, principals). */
  strings(value: unknown): string[] {
    return list(value).flatMap((v) => str(v) ?? []);
  }
}

/** Name tag, then the resource's own name attribute, then its logical id. */
export function displayName(resource: Resource): string {
  const attrs = resource.attrs;
  const tags = attrs.tags as Attributes | undefined;
  for (const candidate of [tags?.Name, attrs.name, attrs.function_name, attrs.domain_name]) {
    if (typeof candidate === 'string' && !candidate.includes('${')) return candidate;
  }
  return resource.name;
}

/** A literal id's value (`literal:vpc-0a1b` -> `vpc-0a1b`), for messages. */
export function literalName(id: Id): string {
  return id.startsWith('literal:') ? id.slice('literal:'.length) : id;
}

export function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : fallback;
}

export function num(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
}

/** DNS names compare in lower case without the trailing dot; references inside keep their case. */
export function fqdn(name: string): string {
  return name
    .replace(/\.$/, '')
    .split(/(\$\{[^}]*\})/)
    .map((part) => (part.startsWith('${') ? part : part.toLowerCase()))
    .join('');
}
