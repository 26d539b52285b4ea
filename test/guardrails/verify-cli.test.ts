import { main } from '../../analysis/policy-proofs/cli';
import * as fs from 'fs';
import { BAD_ENVIRONMENT_MESSAGE, accountFilesOutsideRepo } from '../support/configs';
import { SERVICE, example, exampleOutdir, first, writeOutdir } from './support';

/** Runs the CLI entry point; returns its exit code and everything it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (text) => lines.push(text));
  return { code, out: lines.join('\n') };
}

/** A synth and some 300 evaluated proofs: seconds on a busy 2-core machine, more than jest's 5 s default. */
const SYNTH_AND_VERIFY_MS = 60_000;

describe('npm run verify', () => {
  it('passes the example as synthesized', async () => {
    const { code, out } = await cli(['--out', exampleOutdir(), '--failures']);
    expect(out).toMatch(/0 failed/);
    expect(code).toBe(0);
  }, SYNTH_AND_VERIFY_MS);

  it('exits non-zero on a hand-edited defect and names it in the table', async () => {
    const stacks = example();
    const api = first(stacks[SERVICE], 'aws_api_gateway_rest_api');
    const attached = first(stacks[SERVICE], 'aws_api_gateway_rest_api_policy');
    const policy = JSON.parse(attached.body.policy as string) as { Statement: { Effect: string }[] };
    policy.Statement = policy.Statement.filter((s) => s.Effect !== 'Deny');
    attached.body.policy = JSON.stringify(policy);
    const { code, out } = await cli(['--out', writeOutdir(stacks)]);
    expect(code).toBe(1);
    expect(out).toMatch(/^check\s+resource\s+result\s+reason$/m);
    expect(out).toMatch(new RegExp(`LZ-API-001\\s+${SERVICE} ${api.address.replace('.', '\\.')}\\s+FAIL`));
    expect(out).toMatch(/policy: API invoke without an endpoint\s+\S+ \S+\s+FAIL\s+Allowed/);
  }, SYNTH_AND_VERIFY_MS);

  it('exits 2 on bad arguments or a directory without stacks', async () => {
    expect((await cli(['--bogus'])).code).toBe(2);
    const missing = await cli(['--out', '/nonexistent/output']);
    expect(missing.code).toBe(2);
    expect(missing.out).toMatch(/no such file or directory/);
  });

  it('synthesizes an account file kept outside accounts/ and verifies it; a bad one exits 2 naming the field', async () => {
    const files = accountFilesOutsideRepo();
    try {
      const good = await cli([files.good, '--failures']);
      expect(good.out).toMatch(/ 0 failed/);
      expect(good.code).toBe(0);
      const bad = await cli([files.bad]);
      expect(bad.code).toBe(2);
      expect(bad.out).toMatch(BAD_ENVIRONMENT_MESSAGE);
    } finally {
      fs.rmSync(files.dir, { recursive: true, force: true });
    }
  });
});
