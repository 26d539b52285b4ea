/**
 * Cross-stack inputs: which outputs a stack reads through `terraform_remote_state`, and fake
 * values for them taken from the producing stack's output expressions.
 */
import { SynthesizedStack, producerStackName as producerOf, remoteOutputReads, remoteOutputReference, wholeReference } from '../synthesized';
import { fakeAttribute } from './fake-values';
import { HclValue } from './hcl';
import { awsProviderContext } from './terraform-json';

/** The data source and output of a value that is exactly one remote-state output, as cdktf writes a cross-stack reference. */
export function wholeRemoteOutputReference(value: unknown): { dataName: string; output: string } | undefined {
  const reference = remoteOutputReference(value);
  return reference && { dataName: reference.dataName, output: reference.output };
}

/**
 * The outputs read from each `terraform_remote_state` data source of a stack, sorted. A declared
 * data source that nothing reads still appears (with no outputs): it must be overridden all the
 * same, or the plan would try to read its backend.
 */
export function remoteStateReads(stack: SynthesizedStack): Map<string, string[]> {
  const reads = new Map<string, Set<string>>(Object.keys(stack.data?.terraform_remote_state ?? {}).map((name) => [name, new Set()]));
  for (const { dataName, output } of remoteOutputReads(JSON.stringify(stack))) {
    const outputs = reads.get(dataName);
    if (!outputs) throw new Error(`data.terraform_remote_state.${dataName} is read but not declared`);
    outputs.add(output);
  }
  return new Map([...reads].map(([name, outputs]) => [name, [...outputs].sort()]));
}

/** The stack a cross-stack `terraform_remote_state` data source reads. */
export function producerStackName(dataName: string): string {
  const producer = producerOf(dataName);
  if (producer === undefined) throw new Error(`data.terraform_remote_state.${dataName} is not a cdktf cross-stack reference (cross-stack-reference-input-<stack>)`);
  return producer;
}

/**
 * A fake for a producer's output expression: a reference `${type.name.attribute}` becomes a value
 * of that attribute's shape; a literal stays as it is; lists and objects are faked element-wise.
 */
function fakeExpression(value: unknown, seed: string, producer: SynthesizedStack): HclValue {
  if (typeof value === 'string') {
    const reference = wholeReference(value);
    if (reference?.kind === 'resource') return fakeAttribute(reference.type, reference.attribute, { ...awsProviderContext(producer), seed });
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
  consumer: SynthesizedStack,
  stacks: Record<string, SynthesizedStack>,
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
