/**
 * The generated files, checked by the parsers of the products that load them (Debian packages
 * bind9-utils, unbound, dnsmasq-base). Each check also runs on a broken copy, to show it catches
 * what it is trusted to catch.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeCorporateDnsArtifacts } from '../../modules/corporate-dns';
import { describeWithTools, runTool } from './support/tools';
import { resolvedLandingZone } from './support/zone';

describe('generated resolver configuration passes the real tools', () => {
  let outdir: string;
  let dir: string;
  const broken = (name: string, from: string, to: string) => {
    const file = path.join(dir, `broken-${name}`);
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(file, text.replace(from, to));
    return file;
  };

  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-dns-tools-'));
    writeCorporateDnsArtifacts(resolvedLandingZone(3), outdir);
    dir = path.join(outdir, 'corporate-dns');
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true }));

  /** named.conf is a fragment: check it the way it is used, included from a minimal server config. */
  const namedMain = (stanzas: string) => {
    const main = path.join(dir, `main-${path.basename(stanzas)}`);
    fs.writeFileSync(main, `options { directory "${dir}"; };\ninclude "${stanzas}";\n`);
    return main;
  };

  describeWithTools(['named-checkconf'], 'named-checkconf (BIND 9)', () => {
    it('accepts the generated named.conf and refuses a broken one', () => {
      const ok = runTool('named-checkconf', [namedMain(path.join(dir, 'named.conf'))]);
      expect(ok).toEqual({ status: 0, output: '' });
      const bad = runTool('named-checkconf', [namedMain(broken('named.conf', 'forward only;', 'forward sometimes;'))]);
      expect(bad.status).not.toBe(0);
    });
  });

  describeWithTools(['unbound-checkconf'], 'unbound-checkconf', () => {
    it('accepts the generated unbound.conf and refuses a broken one', () => {
      const ok = runTool('unbound-checkconf', [path.join(dir, 'unbound.conf')]);
      expect(ok.output).toContain('no errors');
      expect(ok.status).toBe(0);
      const bad = runTool('unbound-checkconf', [broken('unbound.conf', 'forward-addr: 10.10.0.10', 'forward-adr: 10.10.0.10')]);
      expect(bad.status).not.toBe(0);
    });
  });

  describeWithTools(['dnsmasq'], 'dnsmasq --test', () => {
    it('accepts the generated dnsmasq.conf and refuses a broken one', () => {
      const ok = runTool('dnsmasq', ['--test', '-C', path.join(dir, 'dnsmasq.conf')]);
      expect(ok).toEqual({ status: 0, output: 'dnsmasq: syntax check OK.' });
      const bad = runTool('dnsmasq', ['--test', '-C', broken('dnsmasq.conf', 'server=/', 'server-/')]);
      expect(bad.status).not.toBe(0);
    });
  });
});
