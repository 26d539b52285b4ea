import {
  formatDiagnostic,
  missingFromPlan,
  parseTestOutput,
  parseValidateOutput,
  resourceBlockAddress,
  streamErrors,
  unreadableOutput,
} from '../../tools/terraform/diagnostics';

const range = (line: number) => ({ filename: 'cdk.tf.json', start: { line, column: 1, byte: 0 }, end: { line, column: 9, byte: 8 } });

describe('parseValidateOutput', () => {
  it('keeps severity, summary, detail, file and line', () => {
    const stdout = JSON.stringify({
      format_version: '1.0',
      valid: false,
      error_count: 1,
      warning_count: 1,
      diagnostics: [
        { severity: 'error', summary: 'Unsupported argument', detail: 'An argument named "foo" is not expected here.', range: range(42) },
        { severity: 'warning', summary: 'Deprecated attribute', detail: '' },
      ],
    });
    expect(parseValidateOutput(stdout)).toEqual({
      valid: false,
      diagnostics: [
        { severity: 'error', summary: 'Unsupported argument', detail: 'An argument named "foo" is not expected here.', file: 'cdk.tf.json', line: 42 },
        { severity: 'warning', summary: 'Deprecated attribute' },
      ],
    });
  });
});

/** JSON lines as `terraform test -json -verbose` prints them. */
const testStream = [
  { type: 'version', terraform: '1.11.4' },
  { type: 'test_run', test_run: { path: 'offline-plan.tftest.hcl', run: 'plan', progress: 'starting', elapsed: 0 } },
  { type: 'test_run', test_run: { path: 'offline-plan.tftest.hcl', run: 'plan', progress: 'complete', status: 'fail' } },
  {
    type: 'diagnostic',
    '@testrun': 'plan',
    diagnostic: {
      severity: 'error',
      summary: 'Test assertion failed',
      detail: 'alias must be regional',
      range: { ...range(31), filename: 'offline-plan.tftest.hcl' },
      snippet: { context: 'run "plan"', code: '...', values: [{ traversal: 'aws_route53_record.r.alias[0].name', statement: 'is "vpce-1-a-eu-west-1b.x"' }] },
    },
  },
  { type: 'diagnostic', diagnostic: { severity: 'warning', summary: 'Value for undeclared variable' } },
  {
    type: 'test_plan',
    test_plan: {
      resource_changes: [
        { address: 'aws_vpc.hub', mode: 'managed' },
        { address: 'aws_subnet.private[0]', mode: 'managed' },
        { address: 'data.aws_region.current', mode: 'data' },
      ],
    },
  },
  { type: 'test_summary', test_summary: { status: 'fail', passed: 0, failed: 1, errored: 0, skipped: 0 } },
]
  .map((message) => JSON.stringify(message))
  .join('\n');

describe('parseTestOutput', () => {
  const outcome = parseTestOutput(testStream);

  it('takes the final status of each run', () => {
    expect(outcome.runs).toEqual({ plan: 'fail' });
  });

  it('collects the managed resources of the plans', () => {
    expect(outcome.planned).toEqual(new Set(['aws_vpc.hub', 'aws_subnet.private[0]']));
  });

  it('keeps errors with their location and the values involved, and drops warnings', () => {
    expect(outcome.errors).toEqual([
      {
        severity: 'error',
        summary: 'Test assertion failed',
        detail: 'alias must be regional\naws_route53_record.r.alias[0].name is "vpce-1-a-eu-west-1b.x"',
        file: 'offline-plan.tftest.hcl',
        line: 31,
      },
    ]);
    expect(streamErrors(testStream)).toEqual(outcome.errors);
  });
});

describe('plan coverage', () => {
  it('maps instances to their resource block', () => {
    expect(resourceBlockAddress('aws_subnet.private[0]')).toBe('aws_subnet.private');
    expect(resourceBlockAddress('aws_subnet.private["a"]')).toBe('aws_subnet.private');
    expect(resourceBlockAddress('aws_vpc.hub')).toBe('aws_vpc.hub');
  });

  it('lists the declared blocks with no planned instance', () => {
    expect(missingFromPlan(['aws_vpc.hub', 'aws_subnet.private', 'aws_route.gone'], new Set(['aws_vpc.hub', 'aws_subnet.private[1]']))).toEqual([
      'aws_route.gone',
    ]);
  });
});

describe('formatDiagnostic', () => {
  it('prints where, severity and summary, with the detail indented', () => {
    expect(formatDiagnostic({ severity: 'error', summary: 'Bad', detail: 'line 1\nline 2', file: 'cdk.tf.json', line: 7 }, 'out/stacks/network')).toBe(
      'out/stacks/network/cdk.tf.json:7: Error: Bad\n    line 1\n    line 2',
    );
    expect(formatDiagnostic({ severity: 'warning', summary: 'Meh' }, 'out')).toBe('out: Warning: Meh');
  });

  it('keeps the end of unreadable output, where a crash explains itself', () => {
    const diagnostic = unreadableOutput('validate', `${'x'.repeat(5000)}panic: boom\n`);
    expect(diagnostic.summary).toBe('terraform validate printed no readable JSON');
    expect(diagnostic.detail).toHaveLength(2000);
    expect(diagnostic.detail).toMatch(/panic: boom$/);
  });
});
