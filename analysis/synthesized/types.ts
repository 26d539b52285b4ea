/**
 * The shapes of a directory cdktf synthesized into: `manifest.json` naming each stack, and each
 * stack's `cdk.tf.json` (Terraform JSON: snake_case attributes, `${...}` references kept).
 */

/** Attributes of one resource or data block as synthesized. */
export type ResourceBody = Record<string, unknown>;

/** One parsed `cdk.tf.json`. */
export interface SynthesizedStack {
  resource?: Record<string, Record<string, ResourceBody>>;
  data?: Record<string, Record<string, ResourceBody>>;
  output?: Record<string, { value?: unknown }>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A stack as `manifest.json` lists it. */
export interface ManifestStack {
  name: string;
  /** The stacks it reads outputs from: deployed before it. */
  dependencies: string[];
  /** Relative to the synthesized directory: where Terraform runs for this stack. */
  workingDirectory: string;
  /** Relative to the synthesized directory: the stack's `cdk.tf.json`. */
  synthesizedStackPath: string;
}

/** A synthesized directory, read. */
export interface Synthesized {
  outdir: string;
  /** By stack name, in name order. */
  manifest: Record<string, ManifestStack>;
  /** By stack name, in name order. */
  stacks: Record<string, SynthesizedStack>;
}

/** A resource (or a data source, `type` then `data.<type>`) located in its stack. */
export interface SynthResource {
  type: string;
  name: string;
  /** Terraform address within its stack, `aws_vpc.vpc_6776A399`. */
  address: string;
  body: ResourceBody;
}
