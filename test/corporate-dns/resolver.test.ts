/**
 * The generated forwarding, run for real: unbound and dnsmasq on 127.0.0.1 load the generated file,
 * whose only forwarder is a tiny DNS server on 127.0.0.2 standing in for the Route 53 Resolver
 * inbound endpoint. A Studio name asked of the corporate resolver must reach the stand-in and come
 * back with its answer. Loopback only; every process stops within the test's bounds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { containsAddress, mustParseCidr, parseIpv4 } from '../../modules/config/cidr';
import { ForwardingPlan, forwardingPlan } from '../../modules/corporate-dns';
import { renderDnsmasq, renderUnbound } from '../../modules/corporate-dns/resolvers';
import { DnsAnswer, RCODE_NOERROR, Responder, freeUdpPort, query, startResponder } from './support/dns';
import { Daemon, startDaemon } from './support/daemon';
import { describeWithTools } from './support/tools';
import { resolvedLandingZone } from './support/zone';

jest.setTimeout(30_000);

const landingZone = resolvedLandingZone(1);
const studioDnsZone = forwardingPlan(landingZone).dnsZones[0];
const studioHost = `d-xxxxxxxxxxxx.${studioDnsZone}`;
/** What the stand-in answers: an address of the Studio endpoint in the service VPC. */
/** An address of the hub's Studio endpoint (hub 10.10.0.0/22). */
const ENDPOINT_IP = '10.10.0.37';

/** Asks until the daemon answers (it needs a moment to start) or the deadline passes. */
async function ask(daemon: Daemon, port: number, name: string): Promise<DnsAnswer> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const answer = await query('127.0.0.1', port, name, 200);
    if (answer) return answer;
  }
  throw new Error(`no answer for ${name} from 127.0.0.1:${port}; daemon output:\n${daemon.output()}`);
}

const resolvers = [
  {
    tool: 'unbound' as const,
    start: (plan: ForwardingPlan, dir: string, port: number) => {
      fs.writeFileSync(path.join(dir, 'generated.conf'), renderUnbound(plan));
      // The server settings of this test run; the forwarding comes from the generated file.
      fs.writeFileSync(
        path.join(dir, 'unbound.conf'),
        [
          'server:',
          '  interface: 127.0.0.1',
          `  port: ${port}`,
          '  do-ip6: no',
          '  chroot: ""',
          '  username: ""',
          `  directory: "${dir}"`,
          `  pidfile: "${path.join(dir, 'unbound.pid')}"`,
          '  use-syslog: no',
          '  logfile: ""',
          '  num-threads: 1',
          // No validator: no trust anchor to fetch, so nothing leaves the loopback interface.
          '  module-config: "iterator"',
          // The stand-in lives on loopback, which unbound refuses as an upstream by default.
          '  do-not-query-localhost: no',
          `include: "${path.join(dir, 'generated.conf')}"`,
          '',
        ].join('\n'),
      );
      return startDaemon('unbound', ['-d', '-c', path.join(dir, 'unbound.conf')]);
    },
  },
  {
    tool: 'dnsmasq' as const,
    start: (plan: ForwardingPlan, dir: string, port: number) => {
      fs.writeFileSync(path.join(dir, 'dnsmasq.conf'), renderDnsmasq(plan));
      return startDaemon('dnsmasq', [
        '--keep-in-foreground',
        `--conf-file=${path.join(dir, 'dnsmasq.conf')}`,
        // Only the generated servers: no /etc/resolv.conf upstreams, no hosts file.
        '--no-resolv',
        '--no-hosts',
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        `--port=${port}`,
        '--pid-file=',
        `--user=${os.userInfo().username}`,
        '--log-queries',
        '--log-facility=-',
      ]);
    },
  },
];

for (const { tool, start } of resolvers) describeWithTools([tool], `${tool} with the generated forwarding`, () => {
  let dir: string;
  let responder: Responder;
  let daemon: Daemon;
  let port: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `corporate-dns-${tool}-`));
    responder = await startResponder('127.0.0.2', studioDnsZone, ENDPOINT_IP);
    // The inbound resolver listens on 53; the stand-in cannot, so the plan names its port.
    const plan = { ...forwardingPlan(landingZone), forwarders: [{ ip: responder.address, port: responder.port }] };
    port = await freeUdpPort();
    daemon = start(plan, dir, port);
  });
  afterAll(async () => {
    await daemon?.stop();
    await responder?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`forwards ${studioHost} to the inbound resolver stand-in and returns its answer`, async () => {
    const answer = await ask(daemon, port, studioHost);
    expect(answer).toMatchObject({ rcode: RCODE_NOERROR, addresses: [ENDPOINT_IP] });
    expect(responder.queries).toContain(studioHost);
    const hubVpc = mustParseCidr(landingZone.network.hubVpcCidr);
    expect(containsAddress(hubVpc, parseIpv4(answer.addresses[0]) ?? -1)).toBe(true);
  });

  if (tool === 'dnsmasq') {
    // unbound would try the root servers for an unforwarded name; dnsmasq without upstreams refuses.
    it('does not forward the private API host', async () => {
      const apiHost = `a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.${landingZone.region}.amazonaws.com`;
      const answer = await ask(daemon, port, apiHost);
      expect(answer.rcode).not.toBe(RCODE_NOERROR);
      expect(responder.queries).not.toContain(apiHost);
    });
  }
});
