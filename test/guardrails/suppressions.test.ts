import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { runGuardrails, suppressGuardrail } from '../../analysis/guardrails';
import { readSynthesizedStacks } from '../../analysis/synthesized';
import { SERVICE, Stacks, example, failing, findings, first } from './support';

const suppress = (body: Record<string, unknown>, suppressions: Record<string, unknown>) => {
  body['//'] = { ...(body['//'] as object), guardrail_suppressions: suppressions };
};

/** The mapping table and the flow log group, both damaged the same way. */
function twoDefects(): { stacks: Stacks; table: string; other: string } {
  const stacks = example();
  const table = first(stacks[SERVICE], 'aws_dynamodb_table');
  table.body.deletion_protection_enabled = false;
  table.body.point_in_time_recovery = { enabled: false };
  const other = 'aws_dynamodb_table.second';
  stacks[SERVICE].resource!.aws_dynamodb_table.second = { ...structuredClone(table.body), name: 'second' };
  return { stacks, table: table.address, other };
}

describe('suppressions in the synthesized JSON', () => {
  it('a suppression with a reason silences exactly that rule on exactly that resource', () => {
    const { stacks, table, other } = twoDefects();
    suppress(first(stacks[SERVICE], 'aws_dynamodb_table').body, { 'LZ-DDB-003': 'replaced by a backup plan in this test' });
    const results = findings(stacks);
    const on = (address: string, ruleId: string) => results.find((f) => f.address === address && f.ruleId === ruleId);
    expect(on(table, 'LZ-DDB-003')).toMatchObject({ status: 'suppressed', reason: expect.stringContaining('replaced by a backup plan') });
    expect(on(table, 'LZ-DDB-001')?.status).toBe('non-compliant');
    expect(on(other, 'LZ-DDB-003')?.status).toBe('non-compliant');
    expect(failing(results, 'LZ-GR-001')).toEqual([]);
  });

  it('a suppression without a reason is itself an error and silences nothing', () => {
    const { stacks, table } = twoDefects();
    suppress(first(stacks[SERVICE], 'aws_dynamodb_table').body, { 'LZ-DDB-003': '' });
    const results = findings(stacks);
    expect(failing(results, 'LZ-GR-001').map((f) => f.address)).toEqual([table]);
    expect(failing(results, 'LZ-DDB-003').map((f) => f.address)).toContain(table);
  });

  it('suppressing an unknown rule or LZ-GR-001 is an error', () => {
    const stacks = example();
    const table = first(stacks[SERVICE], 'aws_dynamodb_table');
    suppress(table.body, { 'LZ-DDB-999': 'typo', 'LZ-GR-001': 'no' });
    expect(failing(findings(stacks), 'LZ-GR-001')[0].reason).toMatch(/unknown rule LZ-DDB-999.*LZ-GR-001 cannot be suppressed/);
  });
});

describe('suppressGuardrail', () => {
  const tableIn = (): { stack: TerraformStack; table: DynamodbTable } => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    return { stack, table: new DynamodbTable(stack, 'table', { name: 't', hashKey: 'k', attribute: [{ name: 'k', type: 'S' }] }) };
  };

  it('records the rule and reason next to the resource, where the engine reads them', () => {
    const { stack, table } = tableIn();
    suppressGuardrail(table, 'LZ-DDB-003', 'a scratch table');
    suppressGuardrail(table, 'LZ-DDB-001', 'no data worth recovering');
    // The full synth keeps the `//` comments (Testing.synth strips them).
    const json = readSynthesizedStacks(Testing.fullSynth(stack)).stack;
    expect(json.resource!.aws_dynamodb_table.table['//']).toMatchObject({
      guardrail_suppressions: { 'LZ-DDB-003': 'a scratch table', 'LZ-DDB-001': 'no data worth recovering' },
    });
    const statuses = runGuardrails({ stack: json }).filter((f) => f.ruleId.startsWith('LZ-DDB-00')).map((f) => [f.ruleId, f.status]);
    expect(statuses).toEqual(expect.arrayContaining([['LZ-DDB-001', 'suppressed'], ['LZ-DDB-002', 'non-compliant'], ['LZ-DDB-003', 'suppressed']]));
  });

  it('refuses an empty reason, an unknown rule and the suppression rule itself', () => {
    const { table } = tableIn();
    expect(() => suppressGuardrail(table, 'LZ-DDB-003', '  ')).toThrow(/needs a written reason/);
    expect(() => suppressGuardrail(table, 'LZ-NOPE-001', 'x')).toThrow(/unknown rule/);
    expect(() => suppressGuardrail(table, 'LZ-GR-001', 'x')).toThrow(/cannot be suppressed/);
  });
});
