import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { IConstruct } from 'constructs';
import { Aspects, DefaultTokenResolver, IAspect, StringConcat, TerraformElement, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import { isRecord } from '../../analysis/synthesized/reader';

/**
 * A stack that `app.synth()` resolves once instead of four times, with the same output.
 *
 * cdktf 0.21 resolves every element of every stack twice to prepare it (the first pass finds the
 * cross-stack references and adds their outputs and remote state, the second covers what the first
 * added), then once more for the element's fragment of `cdk.tf.json`, and once more over the
 * merged document. Resolving is most of a large synth (200 services: ~40,000 elements, 1 M values
 * per pass), and the passes give the same result: a reference resolves to the same expression
 * whether preparing or not, and the second preparation of a cross-stack reference finds the output
 * and remote state the first one made. So this stack keeps each element's fragment from its one
 * preparation and `toTerraform` merges those, as cdktf does, resolving only elements added since
 * (cross-stack outputs other stacks' preparation put here) and the merged document.
 *
 * A fragment is final once prepared only while nothing changes the element before synthesis. In
 * `app.synth()` the one thing between is aspects: the stack's own (`addPreparedAspect`) are applied
 * before the preparation as well; with any other aspect in the stack, and for any synthesis after
 * the first (a test changing constructs and synthesizing again), `toTerraform` is cdktf's own.
 */
export abstract class ResolvedOnceStack extends TerraformStack {
  private readonly preparedAspects: IAspect[] = [];
  private prepared?: PreparedFragments;
  /** What `addOverride` wrote, for `toTerraform` (cdktf keeps its copy private). */
  private readonly overrides: Record<string, unknown> = {};

  /** An aspect of this stack that is also applied before the stack is prepared: it must only set what is unset, as applying it twice must not matter. */
  protected addPreparedAspect(aspect: IAspect): void {
    this.preparedAspects.push(aspect);
    Aspects.of(this).add(aspect);
  }

  override addOverride(path: string, value: unknown): void {
    super.addOverride(path, value);
    setPath(this.overrides, path, value);
  }

  override prepareStack(): void {
    this.ensureBackendExists();
    for (const node of this.node.findAll()) for (const aspect of this.preparedAspects) aspect.visit(node);
    const positions = new Map<TerraformElement, number>();
    const fragments: unknown[] = [];
    const prepare = (element: TerraformElement) => {
      positions.set(element, fragments.length);
      fragments.push(resolveIn(this, withoutUnset(element.toTerraform()), true));
    };
    // cdktf's two passes; the second only over the elements the first added.
    terraformElements(this).forEach(prepare);
    for (const element of terraformElements(this)) if (!positions.has(element)) prepare(element);
    this.prepared = { positions, fragments: deflateRawSync(JSON.stringify(fragments), { level: 1 }) };
  }

  /** cdktf's `TerraformStack.toTerraform`, taking each prepared element's fragment from its preparation. */
  override toTerraform(): unknown {
    const prepared = this.prepared;
    this.prepared = undefined;
    if (prepared === undefined || this.hasOtherAspects()) return super.toTerraform();
    const fragments = JSON.parse(inflateRawSync(prepared.fragments).toString()) as Record<string, unknown>[];
    const elements = terraformElements(this);
    const metadata: Record<string, unknown> = {
      version: this.node.tryGetContext('cdktfVersion') as unknown,
      stackName: this.node.id,
      backend: 'local',
      cloud: undefined,
      ...(Object.keys(this.overrides).length > 0 ? { overrides: { stack: Object.keys(this.overrides) } } : {}),
    };
    for (const element of elements) deepMerge(metadata, resolveIn(this, element.toMetadata(), false) as Record<string, unknown>);
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      const nested = element.node.path.split('/').reduceRight<Record<string, unknown>>(
        (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }),
        {},
      );
      deepMerge(outputs, nested);
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const element of elements) {
      const position = prepared.positions.get(element);
      deepMerge(tf, (position === undefined ? resolveIn(this, withoutUnset(element.toTerraform()), false) : fragments[position]) as Record<string, unknown>);
    }
    deepMerge(tf, this.overrides);
    // cdktf resolves the merged document once more. Resolving what is resolved changes nothing (no
    // token is left, and a string without one is returned as it is), so only the parts that are not
    // resolved yet are: the "//" block and what the overrides wrote.
    for (const key of ['//', ...Object.keys(this.overrides)]) {
      if (!(key in tf)) continue;
      const value = resolveIn(this, tf[key], false);
      if (value === undefined) delete tf[key];
      else tf[key] = value;
    }
    return tf;
  }

  private hasOtherAspects(): boolean {
    return this.node.findAll().some((node) => Aspects.of(node).all.some((aspect) => !this.preparedAspects.includes(aspect)));
  }
}

/**
 * A stack's resolved fragments from its preparation to its synthesis: JSON (values only), deflated,
 * because every stack of the app is prepared before the first is synthesized; as objects they would
 * add ~100 MB to a 200-service synth, as JSON ~25 MB, deflated ~3 MB (for ~0.2 s).
 */
interface PreparedFragments {
  /** Where each prepared element's fragment is in `fragments`. */
  readonly positions: Map<TerraformElement, number>;
  readonly fragments: Buffer;
}

/** cdktf's resolution (`resolve` of its `_tokens`, not exported): the default resolver, strings concatenated. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());
const resolveIn = (scope: IConstruct, value: unknown, preparing: boolean): unknown => Tokenization.resolve(value, { scope, preparing, resolver: RESOLVER });

/**
 * The value without the object keys that are set to undefined, which resolving drops: almost half
 * the keys of a resource's fragment are attributes it leaves unset, and this walk costs a fraction
 * of what the resolver spends on each. Tokens (objects that resolve themselves, and keys holding a
 * token, which the resolver would resolve before dropping the value) are left as they are.
 */
function withoutUnset(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnset);
  if (!isRecord(value) || Object.getPrototypeOf(value) !== Object.prototype || typeof value.resolve === 'function') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined || key.includes('TfToken[')) kept[key] = withoutUnset(item);
  return kept;
}

/** The stack's elements in cdktf's order: depth first, not into nested stacks. */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, into);
  return into;
}

/** `TerraformStack.addOverride`'s nesting: each dot a level, a non-object on the way replaced by one. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  let current = target;
  for (const part of parts) {
    if (!isRecord(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[last] = value;
}

/** cdktf's `deepMerge` (not exported): objects merged, arrays appended, undefined deletes, tokens kept whole. */
function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    if (isRecord(value)) {
      if (typeof target[key] !== 'object') target[key] = {};
      if (Tokenization.isResolvable(value)) target[key] = value;
      else deepMerge(target[key] as Record<string, unknown>, value);
    } else if (Array.isArray(value)) {
      target[key] = Array.isArray(target[key]) ? [...(target[key] as unknown[]), ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}
