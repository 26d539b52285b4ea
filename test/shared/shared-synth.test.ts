/**
 * The shipped zones synthesized once for the run (test/support/shared-synth.ts) are what a test
 * file's own synth gives, and are synthesized again once anything they depend on changes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../support/configs';
import { SHIPPED_LANDING_ZONES, SOURCES, exampleStack, shippedOutdir, shippedStackId, shippedStacks, sourcesKey } from '../support/shared-synth';
import { synthLandingZone } from '../support/synth';

/** Each stack's JSON, local state paths cut to their file name: they are relative to the output directory, which is elsewhere for each. */
const byStack = (stacks: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(stacks).map(([name, json]) => [name, JSON.stringify(json).replace(/"[^"]*\/([^"/]+\.tfstate)"/g, '"$1"')]));

describe('the shared synth', () => {
  it('gives the stacks a test file\'s own synth of the account file gives', () => {
    const shared = byStack(shippedStacks('three-services'));
    const own = byStack(synthLandingZone(SHIPPED_LANDING_ZONES['three-services']).json);
    expect(Object.keys(shared).sort()).toEqual(Object.keys(own).sort());
    for (const name of Object.keys(own)) expect({ name, same: shared[name] === own[name] }).toEqual({ name, same: true });
  });

  it('gives each caller its own copy of the stacks and of the output directory', () => {
    const mine = shippedStacks('example');
    delete mine[exampleStack('network')];
    expect(Object.keys(shippedStacks('example'))).toContain(exampleStack('network'));
    const outdir = shippedOutdir('example');
    fs.rmSync(path.join(outdir, 'stacks', exampleStack('network')), { recursive: true });
    expect(fs.existsSync(path.join(shippedOutdir('example'), 'stacks', exampleStack('network'), 'cdk.tf.json'))).toBe(true);
  });

  it('names a shipped zone\'s stacks by their ids, its environment and region first', () => {
    expect(exampleStack('network')).toBe('example-eu-west-1-network');
    expect(Object.keys(shippedStacks('org'))).toContain(shippedStackId('org', 'service-analytics'));
    expect(shippedStackId('org', 'service-analytics')).toBe('org-ap-southeast-2-service-analytics');
  });

  describe('its key', () => {
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'shared-synth-key-'));
      for (const source of SOURCES) {
        if (fs.existsSync(path.join(REPO_ROOT, source))) fs.cpSync(path.join(REPO_ROOT, source), path.join(root, source), { recursive: true });
      }
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('is the working tree\'s for a copy of its sources', () => {
      expect(sourcesKey(root)).toBe(sourcesKey());
    });

    it.each(['modules/stacks/service-stack.ts', 'lambda-src/presign/index.ts', 'main.ts', 'package-lock.json', 'tools/synth.mjs'])('changes when %s changes', (file) => {
      const before = sourcesKey(root);
      fs.appendFileSync(path.join(root, file), '\n');
      expect(sourcesKey(root)).not.toBe(before);
    });

    it('changes with the synth date', () => {
      const before = sourcesKey(root);
      const saved = process.env.LANDING_SYNTH_DATE;
      process.env.LANDING_SYNTH_DATE = '2031-01-01';
      try {
        expect(sourcesKey(root)).not.toBe(before);
      } finally {
        if (saved === undefined) delete process.env.LANDING_SYNTH_DATE;
        else process.env.LANDING_SYNTH_DATE = saved;
      }
    });
  });
});
