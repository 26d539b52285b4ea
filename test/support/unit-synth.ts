/**
 * One construct on its own: synthesized in a bare stack with the AWS provider, so a unit test
 * asserts what the construct itself writes, from plain values.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { withQuietStackTraces } from '../../modules/shared/quiet-stack-traces';

export type Block = Record<string, unknown>;
/** Blocks by type, then by address (logical id). */
export type Blocks = Record<string, Record<string, Block>>;

export interface UnitSynth {
  readonly resource: Blocks;
  readonly data: Blocks;
}

export function synthUnit(build: (scope: Construct) => void): UnitSynth {
  // As every synth of ours: cdktf's per-token creation stacks are never read, so none is captured
  // (under jest they would otherwise be captured and formatted, see test/support/unmapped-captures.ts).
  const json = withQuietStackTraces(() => {
    const stack = new TerraformStack(Testing.app(), 'unit');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    build(stack);
    return JSON.parse(Testing.synth(stack)) as { resource?: Blocks; data?: Blocks };
  });
  return { resource: json.resource ?? {}, data: json.data ?? {} };
}

/** The blocks of one type, in synthesized order. */
export const blocksOf = (blocks: Blocks, type: string): Block[] => Object.values(blocks[type] ?? {});

/** The addresses of one type, sorted. */
export const addressesOf = (blocks: Blocks, type: string): string[] => Object.keys(blocks[type] ?? {}).sort();

/** The one block of a type; fails when there are none or several. */
export function onlyBlock(blocks: Blocks, type: string): Block {
  const all = blocksOf(blocks, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0];
}

/** The address of the one block of a type whose address starts with `prefix`. */
export function addressStartingWith(blocks: Blocks, type: string, prefix: string): string {
  const matches = addressesOf(blocks, type).filter((address) => address.startsWith(prefix));
  if (matches.length !== 1) throw new Error(`expected one ${type} address starting with ${prefix}, found ${matches.join(', ') || 'none'}`);
  return matches[0];
}

/** A Terraform reference as cdktf writes it: `${type.address.attribute}`. */
export const reference = (type: string, address: string, attribute: string): string => `\${${type}.${address}.${attribute}}`;

/** The parsed JSON policy of a block's attribute. */
export const policyOf = (block: Block, attribute = 'policy'): { Statement: Record<string, unknown>[] } =>
  JSON.parse(String(block[attribute])) as { Statement: Record<string, unknown>[] };
