/**
 * The synthesized stacks as the path analysis reads them: every resource and data source indexed
 * over the whole output, and values followed through references (cross-stack ones too) with the
 * grammar of analysis/synthesized.
 */
import { SynthesizedStack, parseReference, replaceReferences, resourceTraversals, landingZoneOf, stackProvider } from '../synthesized';

export type Attributes = Record<string, unknown>;

export type Stacks = Record<string, SynthesizedStack>;

export interface Resource {
  stack: string;
  /** `aws_vpc`, or `data.aws_vpc` for a data source. */
  type: string;
  /** Logical id within the stack. */
  name: string;
  /** `<stack>/<type>.<name>`: unique over the whole output. */
  address: string;
  attrs: Attributes;
}

/** What a value stands for once references are followed. */
type Resolved =
  | { kind: 'resource'; resource: Resource; attribute: string }
  | { kind: 'literal'; value: string }
  /** A reference to something that is not declared (a removed resource, a missing output). */
  | { kind: 'missing'; text: string }
  /** A Terraform expression beyond a plain reference; its text, with references canonical. */
  | { kind: 'expression'; text: string };

export class Output {
  private readonly index = new Map<string, Resource>();

  constructor(readonly stacks: Stacks) {
    for (const [stack, json] of Object.entries(stacks)) {
      for (const [type, byName] of Object.entries(json.resource ?? {})) {
        for (const [name, attrs] of Object.entries(byName)) {
          const address = `${stack}/${type}.${name}`;
          this.index.set(address, { stack, type, name, address, attrs });
        }
      }
      // Data sources the output looks up (an existing VPC by id and CIDR); remote state is followed instead.
      for (const [dataType, byName] of Object.entries(json.data ?? {})) {
        if (dataType === 'terraform_remote_state') continue;
        for (const [name, attrs] of Object.entries(byName)) {
          const type = `data.${dataType}`;
          const address = `${stack}/${type}.${name}`;
          this.index.set(address, { stack, type, name, address, attrs });
        }
      }
    }
  }

  all(): Resource[] {
    return [...this.index.values()];
  }

  resources(type: string): Resource[] {
    return this.all().filter((r) => r.type === type);
  }

  /** Follows a value written in `stack` back to the resource attribute or plain value it names. */
  resolve(stack: string, value: unknown): Resolved | undefined {
    if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'literal', value: String(value) };
    if (typeof value !== 'string') return undefined;
    const whole = /^\$\{([^{}]*)\}$/.exec(value);
    if (!whole) return value.includes('${') ? { kind: 'expression', text: this.canonical(stack, value) } : { kind: 'literal', value };
    const reference = parseReference(whole[1]);
    if (reference?.kind === 'remote-output' && reference.producer) {
      const { producer, output } = reference;
      const produced = this.stacks[producer]?.output?.[output];
      return produced ? this.resolve(producer, produced.value) : { kind: 'missing', text: `output ${output} of stack ${producer}` };
    }
    if (reference?.kind !== 'resource' || reference.attribute.includes('.')) return { kind: 'expression', text: this.canonical(stack, value) };
    const { type, name, attribute } = reference;
    const resource = this.index.get(`${stack}/${type}.${name}`);
    return resource ? { kind: 'resource', resource, attribute } : { kind: 'missing', text: `${stack}/${type}.${name}` };
  }

  /**
   * The string with every embedded reference rewritten to `${<stack>/<type>.<name>.<attribute>}`,
   * so that equal symbolic values compare equal across stacks (a zone name built from a domain id).
   */
  canonical(stack: string, text: string): string {
    const whole = (ref: string): string => {
      const resolved = this.resolve(stack, `\${${ref}}`);
      if (resolved?.kind === 'resource') return `\${${resolved.resource.address}.${resolved.attribute}}`;
      if (resolved?.kind === 'literal') return resolved.value;
      return `\${${ref}}`;
    };
    return replaceReferences(text, (ref) => whole(ref));
  }

  /** Resources a complex expression reads (`one([for e in aws_vpc_endpoint.x.dns_entry : ...])`). */
  traversals(stack: string, text: string): { resource: Resource; attribute: string }[] {
    return resourceTraversals(text).flatMap(({ type, name, attribute }) => {
      const resource = attribute ? this.index.get(`${stack}/${type}.${name}`) : undefined;
      return resource && attribute ? [{ resource, attribute }] : [];
    });
  }

  /** The account a stack's default AWS provider is pinned to (`allowed_account_ids`). */
  stackAccount(stack: string): string | undefined {
    const json = this.stacks[stack];
    return json && stackProvider(json).accountId;
  }

  /** A stack's name within its landing zone (`network`, `service-<name>`), from its provider's default tags. */
  stackNameInLandingZone(stack: string): string | undefined {
    const json = this.stacks[stack];
    return json && landingZoneOf(json)?.stackName;
  }

  stackRegion(stack: string): string | undefined {
    const json = this.stacks[stack];
    return json && stackProvider(json).region;
  }

  /** Outputs whose value is plain (no reference): what a stack publishes for people, not stacks. */
  plainOutputs(stack: string): Record<string, unknown> {
    const outputs = Object.entries(this.stacks[stack]?.output ?? {}).filter(([, o]) => !JSON.stringify(o.value ?? null).includes('${'));
    return Object.fromEntries(outputs.map(([name, o]) => [name, o.value]));
  }
}

/** A Terraform block that cdktf writes as an object or as a one-element list. */
export function block(value: unknown): Attributes | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Attributes) : undefined;
}

export function blocks(value: unknown): Attributes[] {
  if (Array.isArray(value)) return value.filter((v): v is Attributes => !!v && typeof v === 'object');
  return value && typeof value === 'object' ? [value as Attributes] : [];
}

export function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
