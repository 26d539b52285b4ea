import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { corporateDnsFiles, forwardingPlan, writeCorporateDnsArtifacts } from '../../modules/corporate-dns';
import { renderWindowsDns } from '../../modules/corporate-dns/resolvers';
import { resolvedLandingZone } from './support/zone';

const FILES = ['named.conf', 'unbound.conf', 'dnsmasq.conf', 'windows-dns.ps1', 'proxy-allowlist.txt', 'README.md'];

describe('corporate DNS artifacts', () => {
  const landingZone = resolvedLandingZone(2);
  const files = corporateDnsFiles(forwardingPlan(landingZone));
  const file = (name: string) => files.get(name) ?? '';

  it('forwards the Studio zone of the region to every inbound resolver IP', () => {
    expect(landingZone.network.inboundResolverIps).toEqual(['10.10.0.10', '10.10.1.10']);
    expect(file('named.conf')).toContain('zone "studio.eu-west-1.sagemaker.aws" {');
    expect(file('named.conf')).toContain('forwarders { 10.10.0.10; 10.10.1.10; };');
    expect(file('named.conf')).toContain('forward only;');
    expect(file('unbound.conf')).toMatch(/forward-zone:\n {4}name: "studio\.eu-west-1\.sagemaker\.aws"\n {4}forward-addr: 10\.10\.0\.10\n {4}forward-addr: 10\.10\.1\.10\n {4}forward-first: no/);
    expect(file('dnsmasq.conf').split('\n').filter((l) => l.startsWith('server='))).toEqual([
      'server=/studio.eu-west-1.sagemaker.aws/10.10.0.10',
      'server=/studio.eu-west-1.sagemaker.aws/10.10.1.10',
    ]);
  });

  it('never forwards the execute-api zone: its invoke hosts resolve publicly to the endpoint', () => {
    for (const name of ['named.conf', 'unbound.conf', 'windows-dns.ps1']) {
      expect(file(name)).not.toMatch(/zone "execute-api|name: "execute-api|'execute-api/);
    }
    expect(file('dnsmasq.conf')).not.toMatch(/^server=\/execute-api/m);
    expect(file('README.md')).toContain('## Why only the Studio zone, and not `execute-api`');
    expect(file('README.md')).toContain('resolves to the private IPs of the execute-api endpoint');
  });

  it('keeps the private answers through DNS-rebinding filters', () => {
    expect(file('unbound.conf')).toContain('private-domain: "execute-api.eu-west-1.amazonaws.com"');
    expect(file('dnsmasq.conf')).toContain('rebind-domain-ok=/studio.eu-west-1.sagemaker.aws/execute-api.eu-west-1.amazonaws.com/');
  });

  it('adds the Windows forwarder or updates it when the zone exists, and refuses other zone types', () => {
    const script = file('windows-dns.ps1');
    expect(script).toContain("$zones = @('studio.eu-west-1.sagemaker.aws')");
    expect(script).toContain("$forwarders = @('10.10.0.10', '10.10.1.10')");
    expect(script).toMatch(/if \(\$null -eq \$existing\) \{[\s\S]*?Add-DnsServerConditionalForwarderZone -Name \$zone -MasterServers \$forwarders @scope\n\s+\} elseif/);
    expect(script).toMatch(/elseif \(\$existing\.ZoneType -eq 'Forwarder'\) \{\s+Write-Verbose [^\n]+\n\s+Set-DnsServerConditionalForwarderZone -Name \$zone -MasterServers \$forwarders/);
    expect(script).toMatch(/else \{[\s\S]*throw "Zone \$zone exists/);
    expect(script).toContain('[CmdletBinding(SupportsShouldProcess)]');
  });

  it('refuses a Windows forwarder on another port, which conditional forwarders cannot express', () => {
    const plan = { ...forwardingPlan(landingZone), forwarders: [{ ip: '127.0.0.2', port: 5353 }] };
    expect(() => renderWindowsDns(plan)).toThrow('Windows DNS forwards to port 53 only, not 127.0.0.2:5353');
  });

  it('lists the Studio and private API host patterns for the proxy', () => {
    const patterns = file('proxy-allowlist.txt').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(patterns).toEqual(['*.studio.eu-west-1.sagemaker.aws', '*-vpce-*.execute-api.eu-west-1.amazonaws.com']);
    const regexes = file('proxy-allowlist.txt').split('\n').filter((l) => l.startsWith('# regex: ')).map((l) => new RegExp(l.slice(9)));
    expect(regexes[0].test('d-abcdef123456.studio.eu-west-1.sagemaker.aws')).toBe(true);
    expect(regexes[0].test('d-abcdef123456.studio.eu-west-1.sagemaker.aws.evil.example')).toBe(false);
    expect(regexes[1].test('a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.eu-west-1.amazonaws.com')).toBe(true);
    expect(regexes[1].test('a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com')).toBe(false);
  });

  it('documents every file, its team and the one expected answer for every Studio host: the hub endpoint', () => {
    const readme = file('README.md');
    for (const name of FILES.slice(0, -1)) expect(readme).toContain(`| \`${name}\` |`);
    for (const host of ['<domain-id>', 'studio-<domain-id>', '<space-host>']) expect(readme).toContain(`nslookup ${host}.studio.eu-west-1.sagemaker.aws\n`);
    expect(readme).toContain('nslookup <domain-id>.studio.eu-west-1.sagemaker.aws 10.10.0.10');
    expect(readme).toContain('(output `studio_endpoint_id` of the `example-eu-west-1-network` stack), inside the hub VPC 10.10.0.0/22.');
    expect(readme).not.toContain('10.20.0.0/22');
  });

  it('refuses an inbound resolver IP that is not a dotted quad', () => {
    const bad = resolvedLandingZone(1, { network: { accountId: '111111111111', hubVpcCidr: '10.10.0.0/22', inboundResolverIps: ['10.10.0.10"; };', '10.10.1.10'] } });
    expect(() => forwardingPlan(bad)).toThrow('inbound resolver IP "10.10.0.10"; };" is not an IPv4 address');
  });

  it('writes the same bytes on every synth', () => {
    const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'corporate-dns-')));
    const written = dirs.map((dir) => writeCorporateDnsArtifacts(landingZone, dir));
    expect(written[0].map((f) => path.relative(dirs[0], f))).toEqual(FILES.map((f) => path.join('corporate-dns', f)));
    written[0].forEach((f, i) => expect(fs.readFileSync(f)).toEqual(fs.readFileSync(written[1][i])));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true });
  });
});
