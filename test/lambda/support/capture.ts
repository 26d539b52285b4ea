/**
 * Captures what the Lambdas print: Powertools writes JSON lines to stdout (info, EMF metrics) and
 * stderr (warnings, errors), both of which Lambda ships to CloudWatch. Tests assert on logs and
 * metrics and prove secrets never reach them.
 */
export interface CapturedOutput {
  text(): string;
  records(): Record<string, unknown>[];
  /** EMF documents: records carrying `_aws.CloudWatchMetrics`. */
  metrics(): Record<string, unknown>[];
  clear(): void;
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  const records = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    text: () => chunks.join(''),
    records,
    metrics: () => records().filter((record) => (record._aws as { CloudWatchMetrics?: unknown } | undefined)?.CloudWatchMetrics),
    clear: () => {
      chunks.length = 0;
    },
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
