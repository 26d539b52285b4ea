import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, GuardrailViolationError, synthesizeLandingZone } from '../modules';
import { RULES } from '../analysis/guardrails';
import { landingZoneFiles } from '../analysis/terraform/landing-zones';
import { REPO_ROOT, rawAccountFile } from './support/configs';
import { exampleStack, shippedStackId } from './support/shared-synth';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'synthesize-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const quiet = { warn: () => undefined };
/** A stack of test/fixtures/accounts/three-services.yaml, by its name in the zone. */
const multi = (name: string) => shippedStackId('three-services', name);
const stacksIn = (outdir: string) => fs.readdirSync(path.join(outdir, 'stacks')).sort();
/** Everything under `dir`, relative, sorted: to prove a failed synth left it as it was. */
const tree = (dir: string): string[] => fs.existsSync(dir)
  ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()
  : [];

describe('synthesizeLandingZone', () => {
  it('writes the stacks, the corporate DNS files and a summary, with relative local state paths', () => {
    const outdir = path.join(root, 'out');
    const result = synthesizeLandingZone({ accountFile: path.join(REPO_ROOT, 'accounts/example.yaml'), outdir, ...quiet });
    expect(stacksIn(outdir)).toEqual(['example-eu-west-1-network', 'example-eu-west-1-network-link-analytics', 'example-eu-west-1-service-analytics']);
    expect(fs.existsSync(path.join(outdir, 'corporate-dns', 'named.conf'))).toBe(true);
    expect(result.outdir).toBe(outdir);
    expect(result.summary).toContain(`synthesized to ${outdir}`);
    expect(result.stacks.services.map((s) => s.node.id)).toEqual([exampleStack('service-analytics')]);
    const network = fs.readFileSync(path.join(outdir, 'stacks', exampleStack('network'), 'cdk.tf.json'), 'utf8');
    expect(network).not.toContain('.staging-');
    expect(JSON.parse(network).terraform.backend.local.path).toBe(path.relative(path.join(outdir, 'stacks', exampleStack('network')), path.resolve('terraform.example.eu-west-1.network.tfstate')));
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('removes stacks that are no longer part of the zone, keeping the Terraform working state of the others', () => {
    const outdir = path.join(root, 'out');
    synthesizeLandingZone({ accountFile: path.join(REPO_ROOT, 'test/fixtures/accounts/three-services.yaml'), outdir, ...quiet });
    expect(stacksIn(outdir)).toHaveLength(7);
    const network = path.join(outdir, 'stacks', multi('network'));
    fs.mkdirSync(path.join(network, '.terraform/providers'), { recursive: true });
    fs.writeFileSync(path.join(network, '.terraform.lock.hcl'), '# lock\n');
    fs.writeFileSync(path.join(outdir, 'stray.txt'), 'left by someone');

    const config = rawAccountFile(path.join(REPO_ROOT, 'test/fixtures/accounts/three-services.yaml'));
    config.services = config.services.slice(0, 1);
    synthesizeLandingZone({ config, outdir, ...quiet });
    expect(stacksIn(outdir)).toEqual([multi('network'), multi('network-link-analytics'), multi('service-analytics')]);
    expect(fs.existsSync(path.join(network, '.terraform/providers'))).toBe(true);
    expect(fs.readFileSync(path.join(network, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    expect(fs.existsSync(path.join(outdir, 'stray.txt'))).toBe(false);
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('writes nothing for a configuration that fails validation', () => {
    const outdir = path.join(root, 'out');
    const config = rawAccountFile();
    config.logs = { retentionDays: 90 };
    expect(() => synthesizeLandingZone({ config, outdir, ...quiet })).toThrow(ConfigError);
    expect(() => synthesizeLandingZone({ config, outdir, ...quiet })).toThrow(/^\(account config\): logs\.retentionDays: 90 days is refused by guardrail LZ-LOG-002/);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('leaves the previous output untouched when a guardrail ERROR refuses the synth', () => {
    const outdir = path.join(root, 'out');
    synthesizeLandingZone({ accountFile: path.join(REPO_ROOT, 'accounts/example.yaml'), outdir, ...quiet });
    const before = tree(outdir);
    const runtimeRule = RULES.find((rule) => rule.id === 'LZ-LMB-004')!;
    const check = jest.spyOn(runtimeRule, 'check').mockReturnValue({ status: 'non-compliant', reason: 'simulated defect' });
    try {
      const config = rawAccountFile();
      config.services[0].name = 'renamed';
      expect(() => synthesizeLandingZone({ config, outdir, ...quiet })).toThrow(GuardrailViolationError);
    } finally {
      check.mockRestore();
    }
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['out']);
  });

  it('reports guardrail warnings and goes on', () => {
    const warnings: string[] = [];
    const config = { ...rawAccountFile(), lambdaRuntime: 'nodejs20.x' };
    synthesizeLandingZone({ config, outdir: path.join(root, 'out'), synthDate: '2026-03-01', warn: (line) => warnings.push(line) });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^guardrail warning: LZ-LMB-004 \[WARNING\] example-eu-west-1-service-analytics .*nodejs20\.x is deprecated from 2026-04-30, in 60 days/);
  });

  // CI runs this: every account file of the repository goes through the whole pipeline, guardrails included.
  it.each(landingZoneFiles(REPO_ROOT).map(({ name, file }) => [name, file]))('%s synthesizes and passes the guardrails', (_name, file) => {
    const { findings } = synthesizeLandingZone({ accountFile: file, outdir: path.join(root, 'out'), ...quiet });
    expect(findings.filter((finding) => finding.status === 'non-compliant' && finding.severity === 'ERROR')).toEqual([]);
  });
});
