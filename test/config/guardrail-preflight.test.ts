import { validateConfig } from '../../modules/config/validate';
import { MIN_LOG_RETENTION_DAYS } from '../../analysis/guardrails/resources';
import { rawAccountFile } from '../support/configs';

const withRetention = (days: number) => {
  const file = rawAccountFile();
  file.logs = { retentionDays: days };
  return file;
};

describe('settings a guardrail would refuse', () => {
  it('refuses a log retention below the guardrail minimum, naming LZ-LOG-002', () => {
    expect(MIN_LOG_RETENTION_DAYS).toBe(365);
    expect(validateConfig(withRetention(90))).toEqual([{
      path: 'logs.retentionDays',
      message: '90 days is refused by guardrail LZ-LOG-002 (every log group keeps logs 90 days (< 365)): a year of logs covers incident investigations and audits; unbounded retention keeps personal data (usernames, queries) with no end date',
      fix: 'use 365 or a longer CloudWatch Logs retention (400, 545, 731, ...), or omit it for the default of 365',
    }]);
    expect(validateConfig(withRetention(180))).toHaveLength(1);
  });

  it('accepts the guardrail minimum and longer', () => {
    expect(validateConfig(withRetention(365))).toEqual([]);
    expect(validateConfig(withRetention(3653))).toEqual([]);
  });
});
