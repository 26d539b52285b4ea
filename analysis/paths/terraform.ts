/**
 * Reading a synthesized cdktf output: the stacks' `cdk.tf.json`, their resources and the references
 * between them, including cdktf's cross-stack references
 * (`data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<output>` in the
 * consumer, `output.<output>.value = "${<type>.<name>.<attribute>}"` in the producer).
 */
import * as fs from 'fs';
import * as path from 'path';

export type Attributes = Record<string, unknown>;

export interface StackJson {
  resource?: Record<string, Record<string, Attributes>>;
  data?: Record<string, Record<string, Attributes>>;
  output?: Record<string, { value?: unknown }>;
  provider?: Record<string, Attributes[]>;
}

export type Stacks = Record<string, StackJson>;

/** Every `<outdir>/stacks/<stack>/cdk.tf.json`, parsed, by stack name. */
export function loadStacks(outdir: string): Stacks {
  const dir = path.join(outdir, 'stacks');
  if (!fs.existsSync(dir)) throw new Error(`${dir} does not exist: synthesize first (npm run synth) or pass --out <dir>`);
  const stacks: Stacks = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'cdk.tf.json');
    if (fs.existsSync(file)) stacks[name] = JSON.parse(fs.readFileSync(file, 'utf8')) as StackJson;
  }
  return stacks;
}

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
export type Resolved =
  | { kind: 'resource'; resource: Resource; attribute: string }
  | { kind: 'literal'; value: string }
  /** A reference to something that is not declared (a removed resource, a missing output). */
  | { kind: 'missing'; text: string }
  /** A Terraform expression beyond a plain reference; its text, with references canonical. */
  | { kind: 'expression'; text: string };

const REMOTE_STATE = /^data\.terraform_remote_state\.cross-stack-reference-input-(.+)\.outputs\.([\w-]+)$/;
const RESOURCE_REF = /^((?:data\.)?[a-z][a-z0-9_]*)\.([\w-]+)\.([\w]+)$/;
/** A reference embedded anywhere in a string. */
const EMBEDDED_REF = /\$\{(data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+|[a-z][a-z0-9_]*\.[\w-]+\.[\w]+)\}/g;
/** A bare traversal inside an expression (`aws_vpc_endpoint.x.dns_entry`). */
const BARE_REF = /\b(aws_[a-z0-9_]+)\.([\w-]+)\.([\w]+)/g;

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
    const remote = REMOTE_STATE.exec(whole[1]);
    if (remote) {
      const [, producer, output] = remote;
      const produced = this.stacks[producer]?.output?.[output];
      return produced ? this.resolve(producer, produced.value) : { kind: 'missing', text: `output ${output} of stack ${producer}` };
    }
    const ref = RESOURCE_REF.exec(whole[1]);
    if (!ref) return { kind: 'expression', text: this.canonical(stack, value) };
    const [, type, name, attribute] = ref;
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
    return text.replace(EMBEDDED_REF, (_, ref: string) => whole(ref));
  }

  /** Resources a complex expression reads (`one([for e in aws_vpc_endpoint.x.dns_entry : ...])`). */
  traversals(stack: string, text: string): { resource: Resource; attribute: string }[] {
    return [...text.matchAll(BARE_REF)].flatMap(([, type, name, attribute]) => {
      const resource = this.index.get(`${stack}/${type}.${name}`);
      return resource ? [{ resource, attribute }] : [];
    });
  }

  /** The account a stack's default AWS provider is pinned to (`allowed_account_ids`). */
  stackAccount(stack: string): string | undefined {
    const provider = this.stacks[stack]?.provider?.aws?.find((p) => p.alias === undefined);
    const allowed = provider?.allowed_account_ids;
    return Array.isArray(allowed) && typeof allowed[0] === 'string' ? allowed[0] : undefined;
  }

  stackRegion(stack: string): string | undefined {
    const region = this.stacks[stack]?.provider?.aws?.find((p) => p.alias === undefined)?.region;
    return typeof region === 'string' ? region : undefined;
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
