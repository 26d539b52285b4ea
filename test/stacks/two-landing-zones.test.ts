import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, GuardrailViolationError, addLandingZone, synthesizeLandingZones } from '../../modules';
import { RULES } from '../../analysis/guardrails';
import { readManifest, readSynthesizedStacks } from '../../analysis/synthesized';
import { resolveConfig } from '../../modules/config/resolve';
import { buildLambdaBundles } from '../../lambda-src/build';
import { rawAccountFile } from '../support/configs';
import type { LandingZoneConfig } from '../../modules/config/types';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'two-zones-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const quiet = { warn: () => undefined };
/** The example landing zone under another environment name and/or region (AZ ids follow the region). */
function exampleAs(environment: string, region = 'eu-west-1'): LandingZoneConfig {
  const text = JSON.stringify({ ...rawAccountFile(), environment, region });
  return JSON.parse(region === 'eu-west-1' ? text : text.replace(/euw1-az/g, 'euc1-az').replace(/eu-west-1/g, region)) as LandingZoneConfig;
}
const tree = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : []);

describe('two landing zones in one app', () => {
  it('keeps each zone in stacks of its own, wired only to each other, with its own state, DNS files and guardrail run', () => {
    const outdir = path.join(root, 'out');
    const zones = synthesizeLandingZones({ landingZones: [{ config: exampleAs('prod') }, { config: exampleAs('prod', 'eu-central-1') }], outdir, ...quiet });

    const ids = (key: string) => [`${key}-network`, `${key}-network-link-analytics`, `${key}-service-analytics`];
    expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual([...ids('prod-eu-central-1'), ...ids('prod-eu-west-1')].sort());
    const manifest = readManifest(outdir);
    for (const key of ['prod-eu-west-1', 'prod-eu-central-1']) {
      expect(manifest[`${key}-service-analytics`].dependencies).toEqual([`${key}-network`]);
      expect([...manifest[`${key}-network-link-analytics`].dependencies].sort()).toEqual([`${key}-network`, `${key}-service-analytics`]);
    }

    // Distinct local state files, named by environment, region and the stack's name in its zone.
    const stacks = readSynthesizedStacks(outdir);
    const statePath = (id: string) => path.resolve(outdir, 'stacks', id, (stacks[id].terraform as { backend: { local: { path: string } } }).backend.local.path);
    expect(statePath('prod-eu-west-1-network')).toBe(path.resolve('terraform.prod.eu-west-1.network.tfstate'));
    expect(statePath('prod-eu-central-1-network')).toBe(path.resolve('terraform.prod.eu-central-1.network.tfstate'));

    // Each zone's corporate DNS files in a directory of its own, and a summary naming its own stacks.
    expect(zones.map((z) => path.relative(outdir, z.corporateDnsDir))).toEqual([path.join('corporate-dns', 'prod-eu-west-1'), path.join('corporate-dns', 'prod-eu-central-1')]);
    expect(fs.readFileSync(path.join(zones[1].corporateDnsDir, 'named.conf'), 'utf8')).toContain('studio.eu-central-1.sagemaker.aws');
    expect(fs.readFileSync(path.join(zones[0].corporateDnsDir, 'named.conf'), 'utf8')).not.toContain('eu-central-1');
    expect(zones[1].summary).toContain('1. prod-eu-central-1-network');
    expect(zones[1].summary).not.toContain('prod-eu-west-1');

    // The guardrails judged each zone's stacks, and only those.
    expect(new Set(zones[0].findings.map((f) => f.stack))).toEqual(new Set(ids('prod-eu-west-1')));
    expect(new Set(zones[1].findings.map((f) => f.stack))).toEqual(new Set(ids('prod-eu-central-1')));
  });

  it('refuses two zones of one environment and region before writing anything', () => {
    const outdir = path.join(root, 'out');
    const run = () => synthesizeLandingZones({ landingZones: [{ config: exampleAs('prod') }, { config: exampleAs('prod') }], outdir, ...quiet });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/^\(account config\): environment: landing zone "prod" in eu-west-1 is already in this app .* Fix: give each landing zone of one app its own environment/);
    expect(tree(root)).toEqual([]);
  });

  it('writes nothing when any one zone is invalid, or when a guardrail refuses one of them', () => {
    const outdir = path.join(root, 'out');
    const bad = { ...exampleAs('test'), logs: { retentionDays: 90 } };
    expect(() => synthesizeLandingZones({ landingZones: [{ config: exampleAs('prod') }, { config: bad }], outdir, ...quiet })).toThrow(ConfigError);
    expect(tree(root)).toEqual([]);

    const runtimeRule = RULES.find((rule) => rule.id === 'LZ-LMB-004')!;
    const original = runtimeRule.check.bind(runtimeRule);
    const check = jest.spyOn(runtimeRule, 'check').mockImplementation((resource, scope) =>
      scope.stackName.startsWith('test-') ? { status: 'non-compliant', reason: 'simulated defect' } : original(resource, scope));
    try {
      expect(() => synthesizeLandingZones({ landingZones: [{ config: exampleAs('prod') }, { config: exampleAs('test') }], outdir, ...quiet })).toThrow(GuardrailViolationError);
    } finally {
      check.mockRestore();
    }
    expect(tree(root)).toEqual([]);
  });

  it('addLandingZone names the clash when an app already holds the zone', () => {
    const app = new App({ outdir: path.join(root, 'app') });
    const landingZone = resolveConfig(exampleAs('prod'));
    const bundles = buildLambdaBundles(landingZone.lambdaRuntime);
    addLandingZone(app, landingZone, bundles);
    addLandingZone(app, resolveConfig(exampleAs('test')), bundles);
    expect(() => addLandingZone(app, landingZone, bundles)).toThrow(
      'the app already holds landing zone "prod" in eu-west-1 (stack prod-eu-west-1-network). Fix: give each landing zone of one app its own environment, or put them in different regions.',
    );
  });
});
