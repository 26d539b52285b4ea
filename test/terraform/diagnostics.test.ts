import { formatDiagnostic, parseTestStream, parseValidateOutput, streamErrors, unreadableOutput } from '../../analysis/terraform/diagnostics';

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

/** JSON lines as `terraform test -json` prints them for two test files. */
const testStream = [
  { type: 'version', terraform: '1.11.4' },
  {
    type: 'diagnostic',
    diagnostic: { severity: 'error', summary: 'Extraneous JSON object property', range: { ...range(743), filename: '../validate/x/stacks/network/cdk.tf.json' } },
  },
  { type: 'test_run', '@timestamp': '2026-12-01T19:35:27.000Z', test_run: { path: 'x.service.tftest.hcl', run: 'plan', progress: 'starting', elapsed: 0 } },
  { type: 'test_run', '@timestamp': '2026-12-01T19:35:28.500Z', test_run: { path: 'x.service.tftest.hcl', run: 'plan', progress: 'complete', status: 'fail' } },
  {
    type: 'diagnostic',
    '@testfile': 'x.service.tftest.hcl',
    '@testrun': 'plan',
    diagnostic: {
      severity: 'error',
      summary: 'Test assertion failed',
      detail: 'alias must be regional',
      range: { ...range(31), filename: 'x.service.tftest.hcl' },
      snippet: { context: 'run "plan"', code: '...', values: [{ traversal: 'aws_route53_record.r.alias[0].name', statement: 'is "vpce-1-a-eu-west-1b.x"' }] },
    },
  },
  { type: 'diagnostic', diagnostic: { severity: 'warning', summary: 'Backend configuration ignored' } },
  { type: 'test_run', '@timestamp': '2026-12-01T19:35:29.000Z', test_run: { path: 'x.other.tftest.hcl', run: 'plan', progress: 'starting', elapsed: 0 } },
  { type: 'test_run', '@timestamp': '2026-12-01T19:35:29.250Z', test_run: { path: 'x.other.tftest.hcl', run: 'plan', progress: 'complete', status: 'pass' } },
  { type: 'test_summary', test_summary: { status: 'fail', passed: 1, failed: 1, errored: 0, skipped: 0 } },
]
  .map((message) => JSON.stringify(message))
  .join('\n');

describe('parseTestStream', () => {
  const stream = parseTestStream(testStream);

  it('takes the final status and duration of each run of each test file', () => {
    expect(stream.runs).toEqual(
      new Map([
        ['x.service.tftest.hcl', new Map([['plan', { status: 'fail', seconds: 1.5 }]])],
        ['x.other.tftest.hcl', new Map([['plan', { status: 'pass', seconds: 0.25 }]])],
      ]),
    );
  });

  it('keeps every diagnostic with its location, the values involved and its test file', () => {
    expect(stream.diagnostics).toEqual([
      { severity: 'error', summary: 'Extraneous JSON object property', file: '../validate/x/stacks/network/cdk.tf.json', line: 743 },
      {
        severity: 'error',
        summary: 'Test assertion failed',
        detail: 'alias must be regional\naws_route53_record.r.alias[0].name is "vpce-1-a-eu-west-1b.x"',
        file: 'x.service.tftest.hcl',
        line: 31,
        testFile: 'x.service.tftest.hcl',
      },
      { severity: 'warning', summary: 'Backend configuration ignored' },
    ]);
  });

  it('streamErrors keeps the errors only', () => {
    expect(streamErrors(testStream).map((d) => d.summary)).toEqual(['Extraneous JSON object property', 'Test assertion failed']);
  });
});

describe('formatDiagnostic', () => {
  it('prints where, severity and summary, with the detail indented', () => {
    expect(formatDiagnostic({ severity: 'error', summary: 'Bad', detail: 'line 1\nline 2', file: 'cdk.tf.json', line: 7 }, 'out/stacks/network')).toBe(
      'out/stacks/network/cdk.tf.json:7: Error: Bad\n    line 1\n    line 2',
    );
    expect(formatDiagnostic({ severity: 'warning', summary: 'Meh' }, 'out')).toBe('out: Warning: Meh');
    // A file outside the stack's directory (a test file) is shown by its plain path.
    expect(formatDiagnostic({ severity: 'error', summary: 'Bad', file: '../../../plan/x.tftest.hcl', line: 3 }, 'out/z/stacks/network')).toBe(
      'out/plan/x.tftest.hcl:3: Error: Bad',
    );
  });

  it('keeps the end of unreadable output, where a crash explains itself', () => {
    const diagnostic = unreadableOutput('validate', `${'x'.repeat(5000)}panic: boom\n`);
    expect(diagnostic.summary).toBe('terraform validate printed no readable JSON');
    expect(diagnostic.detail).toHaveLength(2000);
    expect(diagnostic.detail).toMatch(/panic: boom$/);
  });
});
