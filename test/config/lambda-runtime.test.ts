import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LAMBDA_RUNTIMES, PROVIDER_LAMBDA_RUNTIMES, esbuildTarget } from '../../modules/config/lambda-runtime';
import { DEFAULTS, resolveConfig } from '../../modules/config/resolve';
import schema from '../../modules/config/schema.json';
import { validateConfig } from '../../modules/config/validate';
import { RUNTIME_LIFECYCLE, runtimeVerdict, synthDate, SYNTH_DATE_ENV } from '../../analysis/guardrails/rules/lmb-004-supported-runtime';
import { runGuardrails } from '../../analysis/guardrails';
import { renderCliConfig } from '../../analysis/terraform/cli-config';
import { terraformEnv } from '../../analysis/terraform/process';
import { defaultMirrorRoots, requireTerraform, resolveProviderMirror, terraformPlatform } from '../../analysis/terraform/toolchain';
import { rawAccountFile } from '../support/configs';
import { synthLandingZone } from '../support/synth';

describe('the runtimes an account file may choose', () => {
  it('are the Node.js 20+ runtimes of the provider, listed in the schema, with nodejs22.x the default', () => {
    expect(LAMBDA_RUNTIMES).toEqual(['nodejs20.x', 'nodejs22.x']);
    expect(schema.properties.lambdaRuntime.enum).toEqual(LAMBDA_RUNTIMES);
    expect(schema.properties.lambdaRuntime.default).toBe(DEFAULTS.lambdaRuntime);
    expect(DEFAULTS.lambdaRuntime).toBe('nodejs22.x');
    expect(PROVIDER_LAMBDA_RUNTIMES).not.toContain('nodejs24.x');
    expect(esbuildTarget('nodejs22.x')).toBe('node22');
    expect(() => esbuildTarget('python3.13')).toThrow(/not a Node\.js Lambda runtime/);
  });

  it('refuses nodejs24.x at the schema (the pinned provider rejects it)', () => {
    const problems = validateConfig({ ...rawAccountFile(), lambdaRuntime: 'nodejs24.x' });
    expect(problems).toEqual([{ path: 'lambdaRuntime', message: 'must be one of "nodejs20.x", "nodejs22.x" (got "nodejs24.x")', fix: 'use "nodejs20.x"' }]);
  });

  it('refuses a runtime AWS has deprecated or no longer lets us create on the synth date, naming the guardrail', () => {
    const file = { ...rawAccountFile(), lambdaRuntime: 'nodejs20.x' };
    expect(validateConfig(file, { synthDate: '2026-04-29' })).toEqual([]);
    expect(validateConfig(file, { synthDate: '2026-12-01' })).toEqual([{
      path: 'lambdaRuntime',
      message: 'is refused by guardrail LZ-LMB-004: nodejs20.x is deprecated since 2026-04-30: AWS no longer patches it (creation blocked from 2027-02-01)',
      fix: 'use nodejs22.x',
    }]);
    expect(validateConfig(file, { synthDate: '2027-02-01' })[0].message).toBe(
      'is refused by guardrail LZ-LMB-004: nodejs20.x can no longer be created since 2027-02-01 (updates blocked from 2027-03-03)',
    );
    expect(validateConfig(rawAccountFile(), { synthDate: '2027-06-01' })[0].fix).toMatch(/^no Node\.js runtime the pinned AWS provider accepts can still be created/);
  });
});

describe('the runtime lifecycle table', () => {
  it('has every date ordered deprecation <= block create <= block update', () => {
    for (const [runtime, { deprecation, blockCreate, blockUpdate }] of Object.entries(RUNTIME_LIFECYCLE)) {
      expect([runtime, deprecation <= blockCreate && blockCreate <= blockUpdate]).toEqual([runtime, true]);
      for (const date of [deprecation, blockCreate, blockUpdate]) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
    }
    expect(RUNTIME_LIFECYCLE['nodejs22.x']).toEqual({ deprecation: '2027-04-30', blockCreate: '2027-06-01', blockUpdate: '2027-07-01' });
  });

  it('warns from 90 days before deprecation; fails once deprecated or once creation is blocked', () => {
    expect(runtimeVerdict('nodejs22.x', '2027-01-29')).toEqual({ level: 'ok' });
    expect(runtimeVerdict('nodejs22.x', '2027-01-30')).toEqual({ level: 'warning', message: 'nodejs22.x is deprecated from 2027-04-30, in 90 days, and refused from then (creation blocked from 2027-06-01)' });
    expect(runtimeVerdict('nodejs22.x', '2027-04-29').level).toBe('warning');
    expect(runtimeVerdict('nodejs22.x', '2027-04-30')).toEqual({ level: 'error', message: 'nodejs22.x is deprecated since 2027-04-30: AWS no longer patches it (creation blocked from 2027-06-01)' });
    expect(runtimeVerdict('nodejs22.x', '2027-06-01')).toEqual({ level: 'error', message: 'nodejs22.x can no longer be created since 2027-06-01 (updates blocked from 2027-07-01)' });
    expect(runtimeVerdict('nodejs20.x', '2026-12-01')).toEqual({ level: 'error', message: 'nodejs20.x is deprecated since 2026-04-30: AWS no longer patches it (creation blocked from 2027-02-01)' });
    expect(runtimeVerdict('nodejs14.x', '2020-01-01')).toEqual({ level: 'error', message: "nodejs14.x is not a runtime on AWS's Lambda deprecation schedule" });
  });

  it('judges by LANDING_SYNTH_DATE when set, else today', () => {
    const saved = process.env[SYNTH_DATE_ENV];
    try {
      process.env[SYNTH_DATE_ENV] = '2027-06-01';
      expect(synthDate()).toBe('2027-06-01');
      expect(synthDate({ synthDate: '2026-01-01' })).toBe('2026-01-01');
      process.env[SYNTH_DATE_ENV] = '1 June';
      expect(() => synthDate()).toThrow('LANDING_SYNTH_DATE=1 June is not a date: use YYYY-MM-DD');
      delete process.env[SYNTH_DATE_ENV];
      expect(synthDate()).toBe(new Date().toISOString().slice(0, 10));
    } finally {
      if (saved === undefined) delete process.env[SYNTH_DATE_ENV];
      else process.env[SYNTH_DATE_ENV] = saved;
    }
  });
});

describe('the synthesized functions', () => {
  it('use the configured runtime', () => {
    const { json, outdir } = synthLandingZone({ ...rawAccountFile(), lambdaRuntime: 'nodejs20.x' });
    const functions = Object.values(json['example-eu-west-1-service-analytics'].resource!.aws_lambda_function);
    expect(functions.map((fn) => fn.runtime)).toEqual(['nodejs20.x', 'nodejs20.x']);
    const runtimeFindings = (date: string) => runGuardrails(json, { synthDate: date })
      .filter((finding) => finding.ruleId === 'LZ-LMB-004')
      .map((finding) => [finding.status, finding.severity]);
    expect(runtimeFindings('2025-12-01')).toEqual([['compliant', 'ERROR'], ['compliant', 'ERROR']]);
    expect(runtimeFindings('2026-03-01')).toEqual([['non-compliant', 'WARNING'], ['non-compliant', 'WARNING']]);
    expect(runtimeFindings('2026-12-01')).toEqual([['non-compliant', 'ERROR'], ['non-compliant', 'ERROR']]);
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(resolveConfig(rawAccountFile()).lambdaRuntime).toBe('nodejs22.x');
  });
});

describe('AWS provider 5.100.0', () => {
  it('accepts exactly PROVIDER_LAMBDA_RUNTIMES (terraform validate with the real provider)', () => {
    requireTerraform();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-runtimes-'));
    try {
      const mirrorDir = resolveProviderMirror(process.env, defaultMirrorRoots(os.homedir()), { versions: ['5.100.0'], platform: terraformPlatform() });
      const cliConfig = path.join(dir, 'cli.tfrc');
      fs.writeFileSync(cliConfig, renderCliConfig({ mirrorDir, pluginCacheDir: fs.mkdtempSync(path.join(dir, 'cache-')) }));
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({
        terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
        provider: { aws: { region: 'eu-west-1' } },
        resource: {
          aws_lambda_function: {
            probe: { function_name: 'probe', role: 'arn:aws:iam::111111111111:role/probe', handler: 'index.handler', filename: 'probe.zip', runtime: 'nodejs24.x' },
          },
        },
      }));
      const env = terraformEnv(process.env, cliConfig);
      execFileSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
      let output = '';
      try {
        execFileSync('terraform', ['validate', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
      } catch (error) {
        output = String((error as { stderr: Buffer }).stderr);
      }
      const listed = /expected runtime to be one of \[([^\]]*)\], got nodejs24\.x/.exec(output.replace(/\s+/g, ' '))?.[1];
      expect(listed?.split(' ').map((quoted) => JSON.parse(quoted) as string)).toEqual(PROVIDER_LAMBDA_RUNTIMES);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
