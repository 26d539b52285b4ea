/**
 * Cross-stack inputs: which outputs a stack reads through `terraform_remote_state`, and fake
 * values for them taken from the producing stack's output expressions. cdktf names the data
 * source of a cross-stack reference `cross-stack-reference-input-<producer stack>`.
 */
import { fakeAttribute } from './fake-values';
import { HclValue } from './hcl';
import { TerraformJson, awsProviderContext } from './terraform-json';

const CROSS_STACK_INPUT_PREFIX = 'cross-stack-reference-input-';

/** A read of a remote-state output (cdktf never indexes `outputs[...]`). */
const REMOTE_OUTPUT = String.raw`data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)`;
const REMOTE_OUTPUT_READ = new RegExp(String.raw`\b${REMOTE_OUTPUT}`, 'g');
const WHOLE_REMOTE_OUTPUT = new RegExp(String.raw`^\$\{${REMOTE_OUTPUT}\}$`);

/** The data source and output of a value that is exactly one remote-state output, as cdktf writes a cross-stack reference. */
export function wholeRemoteOutputReference(value: unknown): { dataName: string; output: string } | undefined {
  const match = typeof value === 'string' ? WHOLE_REMOTE_OUTPUT.exec(value) : null;
  return match ? { dataName: match[1], output: match[2] } : undefined;
}

/**
 * The outputs read from each `terraform_remote_state` data source of a stack, sorted. A declared
 * data source that nothing reads still appears (with no outputs): it must be overridden all the
 * same, or the plan would try to read its backend.
 */
export function remoteStateReads(stack: TerraformJson): Map<string, string[]> {
  const reads = new Map<string, Set<string>>(Object.keys(stack.data?.terraform_remote_state ?? {}).map((name) => [name, new Set()]));
  for (const [, dataName, output] of JSON.stringify(stack).matchAll(REMOTE_OUTPUT_READ)) {
    const outputs = reads.get(dataName);
    if (!outputs) throw new Error(`data.terraform_remote_state.${dataName} is read but not declared`);
    outputs.add(output);
  }
  return new Map([...reads].map(([name, outputs]) => [name, [...outputs].sort()]));
}

/** The stack a cross-stack `terraform_remote_state` data source reads. */
export function producerStackName(dataName: string): string {
  if (!dataName.startsWith(CROSS_STACK_INPUT_PREFIX)) {
    throw new Error(`data.terraform_remote_state.${dataName} is not a cdktf cross-stack reference (${CROSS_STACK_INPUT_PREFIX}<stack>)`);
  }
  return dataName.slice(CROSS_STACK_INPUT_PREFIX.length);
}

/** `${type.name.attribute}`, or `${data.type.name.attribute}` for a data source (an existing VPC looked up by id). */
const SINGLE_ATTRIBUTE_REFERENCE = /^\$\{((?:data\.)?[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/**
 * A fake for a producer's output expression: a reference `${type.name.attribute}` becomes a value
 * of that attribute's shape; a literal stays as it is; lists and objects are faked element-wise.
 */
function fakeExpression(value: unknown, seed: string, producer: TerraformJson): HclValue {
  if (typeof value === 'string') {
    const reference = SINGLE_ATTRIBUTE_REFERENCE.exec(value);
    if (reference) return fakeAttribute(reference[1], reference[3], { ...awsProviderContext(producer), seed });
    if (!value.includes('${')) return value;
    throw new Error(`cannot fake the output expression ${value} (${seed}): only \${type.name.attribute} references and literals are supported`);
  }
  if (Array.isArray(value)) return value.map((item, i) => fakeExpression(item, `${seed}[${i}]`, producer));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fakeExpression(item, `${seed}.${key}`, producer)]));
  }
  return value as HclValue;
}

/**
 * The `outputs` object to give each remote-state data source of `consumer`: every output it reads,
 * faked from the producer's own output expression. Fakes are seeded by producer and output, so the
 * hub VPC id is the same in every stack that reads it. A read of an output the producer does not
 * have is reported here, as `terraform apply` would only find it after the producer is deployed.
 */
export function fakeRemoteStateOutputs(
  consumer: TerraformJson,
  stacks: Record<string, TerraformJson>,
): Map<string, Record<string, HclValue>> {
  return new Map(
    [...remoteStateReads(consumer)].map(([dataName, outputs]) => {
      const producerName = producerStackName(dataName);
      const producer = stacks[producerName];
      if (!producer) throw new Error(`data.terraform_remote_state.${dataName} reads stack ${producerName}, which was not synthesized`);
      return [
        dataName,
        Object.fromEntries(
          outputs.map((output) => {
            const declared = producer.output?.[output];
            if (!declared) throw new Error(`data.terraform_remote_state.${dataName} reads output ${output}, which stack ${producerName} does not declare`);
            return [output, fakeExpression(declared.value, `${producerName}.${output}`, producer)];
          }),
        ),
      ];
    }),
  );
}
