/**
 * The diagram is derived from synthesized stacks: these tests synthesize real account files and
 * check what the drawing must show (a box per account with the id its provider is pinned to, one
 * VPC per service with its CIDR, the peerings, the RAM-shared rules, the numbered request flow),
 * then that the WebAssembly Graphviz and resvg render it with the packaged font, and that docs/
 * holds the example's current diagram, byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Diagram, DiagramEdge, buildDiagram } from '../../analysis/diagram/model';
import { renderDot } from '../../analysis/diagram/dot';
import { renderMermaid } from '../../analysis/diagram/mermaid';
import { readDiagramStacks } from '../../analysis/diagram/synthesized';
import { FONT_FILES, renderPng, renderSvg } from '../../analysis/diagram/render';
import { EXAMPLE_ACCOUNT_FILE, REPO_ROOT, fixtureAccountFile } from '../support/configs';
import { synthLandingZone } from '../support/synth';

jest.setTimeout(60_000);

interface Drawn {
  diagram: Diagram;
  mermaid: string;
  dot: string;
  landingZone: ReturnType<typeof synthLandingZone>['landingZone'];
}

function draw(accountFile: string): Drawn {
  const { outdir, landingZone } = synthLandingZone(accountFile);
  const diagram = buildDiagram(readDiagramStacks(outdir));
  fs.rmSync(outdir, { recursive: true });
  return { diagram, mermaid: renderMermaid(diagram), dot: renderDot(diagram), landingZone };
}

const clusterOf = (d: Diagram, kind: string) => d.clusters.filter((c) => c.kind === kind);
const flowSteps = (d: Diagram) => [...new Set(d.edges.filter((e) => e.kind === 'flow').map((e) => e.step))].sort();
const nodeLabel = (d: Diagram, id: string) => (d.nodes.find((n) => n.id === id) ?? d.clusters.find((c) => c.id === id))?.lines.join(' ') ?? '';
/** Flow edges whose ends carry these label fragments. */
const flowsBetween = (d: Diagram, from: string, to: string): DiagramEdge[] =>
  d.edges.filter((e) => e.kind === 'flow' && nodeLabel(d, e.from).includes(from) && nodeLabel(d, e.to).includes(to));

describe('diagram of the example landing zone', () => {
  let drawn: Drawn;
  beforeAll(() => {
    drawn = draw(EXAMPLE_ACCOUNT_FILE);
  });

  it('draws one box per account, labelled with the account the stacks are pinned to', () => {
    const accounts = clusterOf(drawn.diagram, 'account');
    expect(accounts.map((c) => c.lines[0])).toEqual([
      `Network account ${drawn.landingZone.network.accountId}`,
      `Service account ${drawn.landingZone.services[0].accountId}`,
    ]);
    expect(accounts[0].lines[1]).toBe('stacks: example-eu-west-1-network, example-eu-west-1-network-link-analytics');
    for (const c of accounts) {
      expect(drawn.mermaid).toContain(`subgraph ${c.id}["<b>${c.lines[0]}</b>`);
      expect(drawn.dot).toContain(`subgraph cluster_${c.id} {`);
    }
  });

  it('draws the VPCs with their CIDRs, the simulated corporate network among them', () => {
    const vpcs = drawn.diagram.clusters.filter((c) => c.lines[0].startsWith('VPC '));
    expect(vpcs.map((c) => c.lines.slice(0, 2))).toEqual([
      ['VPC example-hub', drawn.landingZone.network.hubVpcCidr],
      ['VPC example-corporate', '192.168.0.0/24'],
      ['VPC example-analytics', drawn.landingZone.services[0].vpcCidr],
    ]);
    expect(clusterOf(drawn.diagram, 'corporate')[0].lines).toContain('simulated corporate network');
  });

  it('shows the inbound resolver with its static IPs and the Studio endpoints', () => {
    const ips = drawn.landingZone.network.inboundResolverIps.join(' · ');
    expect(drawn.diagram.nodes.some((n) => n.lines.includes(`inbound endpoint ${ips}`))).toBe(true);
    const endpoints = drawn.diagram.nodes.filter((n) => n.kind === 'endpoint').map((n) => n.lines.join(' '));
    expect(endpoints.sort()).toEqual(['execute-api endpoint private DNS on', 'sagemaker.api endpoint private DNS on', 'studio endpoint private DNS on']);
    const studio = drawn.diagram.nodes.find((n) => n.lines[0] === 'studio endpoint');
    expect(drawn.diagram.clusters.find((c) => c.id === studio?.cluster)?.lines[0]).toBe('VPC example-hub');
  });

  it('numbers the request flow 1 to 7 along the synthesized resources', () => {
    const d = drawn.diagram;
    expect(flowSteps(d)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(flowsBetween(d, 'Corporate user', 'Corporate IdP').map((e) => e.step)).toEqual([1]);
    expect(flowsBetween(d, 'Corporate user', 'execute-api endpoint').map((e) => e.step)).toEqual([2]);
    expect(flowsBetween(d, 'execute-api endpoint', 'Private REST API').map((e) => e.step)).toEqual([3]);
    expect(flowsBetween(d, 'Private REST API', 'studio-authorizer').map((e) => e.step)).toEqual([4]);
    expect(flowsBetween(d, 'Private REST API', 'studio-presign').map((e) => e.step)).toEqual([5]);
    expect(flowsBetween(d, 'studio-presign', 'sagemaker.api endpoint').map((e) => e.step)).toEqual([5]);
    expect(flowsBetween(d, 'studio-presign', 'DynamoDB mapping table').map((e) => e.step)).toEqual([5]);
    expect(flowsBetween(d, 'Corporate DNS', 'Route 53 Resolver').map((e) => e.step)).toEqual([6]);
    expect(flowsBetween(d, 'Route 53 Resolver', 'studio endpoint').map((e) => [e.step, e.label])).toEqual([[6, '6 private DNS: *.studio.eu-west-1.sagemaker.aws']]);
    expect(flowsBetween(d, 'studio endpoint', 'Studio domain').map((e) => e.step)).toEqual([7]);
    expect(flowsBetween(d, 'Corporate user', 'studio endpoint').map((e) => e.step)).toEqual([7]);
    expect(drawn.mermaid).toMatch(/ -->\|"1 sign in"\| idp/);
    expect(drawn.dot).toContain('label="7 Studio (wss)"');
  });

  it('draws the peerings and the RAM-shared corporate rule', () => {
    const peerings = drawn.diagram.edges.filter((e) => e.kind === 'peering');
    expect(peerings.map((e) => [nodeLabel(drawn.diagram, e.from).split(' ').slice(0, 2).join(' '), e.label])).toEqual([
      ['VPC example-hub', 'VPC peering'],
      ['VPC example-analytics', 'VPC peering (example-eu-west-1-network-link-analytics)'],
    ]);
    expect(drawn.mermaid).toContain('<-.->|"VPC peering (example-eu-west-1-network-link-analytics)"|');
    const shared = drawn.diagram.edges.filter((e) => e.kind === 'share');
    expect(shared).toHaveLength(1);
    expect(nodeLabel(drawn.diagram, shared[0].to)).toContain('RAM-shared rule: FORWARD corp.example.com');
  });

  it('is the diagram committed in docs/, every format byte for byte (regenerate: npm run synth && npm run diagram -- --dest docs)', async () => {
    const docs = (file: string) => fs.readFileSync(path.join(REPO_ROOT, 'docs', file));
    expect(docs('architecture.mmd').toString()).toBe(drawn.mermaid);
    expect(docs('architecture.dot').toString()).toBe(drawn.dot);
    const svg = await renderSvg(drawn.dot);
    expect(svg).toContain(`>Network account ${drawn.landingZone.network.accountId}</text>`);
    expect(docs('architecture.svg').toString()).toBe(svg);
    expect(docs('architecture.png').equals(renderPng(svg))).toBe(true);
  });
});

describe('PNG text on a machine without fonts', () => {
  /** One line of text; a render with glyphs differs from the same SVG rendered without the text. */
  const text = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="30"><text x="5" y="20" font-family="DejaVu Sans" font-size="14">Network account</text></svg>`;

  it('draws the text with the packaged font and no system font', () => {
    const blank = renderPng(text.replace('Network account', ''));
    expect(renderPng(text).equals(blank)).toBe(false);
    expect(FONT_FILES.map((f) => path.basename(f))).toEqual(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']);
  });

  it('draws nothing without it (system fonts are never loaded)', () => {
    const blank = renderPng(text.replace('Network account', ''), []);
    expect(renderPng(text, []).equals(blank)).toBe(true);
  });
});

describe('diagram with three service accounts', () => {
  let drawn: Drawn;
  beforeAll(() => {
    drawn = draw(fixtureAccountFile('three-services'));
  });

  it('has a box per account and a VPC per service, each with its own flow', () => {
    const d = drawn.diagram;
    expect(clusterOf(d, 'account')).toHaveLength(1 + drawn.landingZone.services.length);
    for (const service of drawn.landingZone.services) {
      const vpc = d.clusters.find((c) => c.lines[1] === service.vpcCidr);
      expect(vpc?.parent).toBe(`acct_${service.accountId}`);
      const steps = d.edges.filter((e) => e.kind === 'flow' && [e.from, e.to].some((end) => d.nodes.find((n) => n.id === end)?.cluster === vpc?.id));
      expect([...new Set(steps.map((e) => e.step))].sort()).toEqual(service.studio.mode === 'create' ? [2, 3, 4, 5, 7] : [2, 3, 4, 5]);
    }
  });

  it('peers every service VPC with the corporate side and shares every corporate rule with it', () => {
    const d = drawn.diagram;
    const corporate = clusterOf(d, 'corporate')[0].id;
    expect(d.edges.filter((e) => e.kind === 'peering' && e.to === corporate)).toHaveLength(1 + drawn.landingZone.services.length);
    expect(d.edges.filter((e) => e.kind === 'share')).toHaveLength(drawn.landingZone.services.length);
    // One Studio endpoint, in the hub, carries the sessions of every created domain.
    expect(d.nodes.filter((n) => n.lines[0] === 'studio endpoint')).toHaveLength(1);
    const created = drawn.landingZone.services.filter((s) => s.studio.mode === 'create').length;
    expect(flowsBetween(d, 'studio endpoint', 'Studio domain')).toHaveLength(created);
  });
});

describe('diagram with an existing corporate network', () => {
  it('draws the corporate network outside the accounts, its DNS forwarding to the inbound resolver', () => {
    const { diagram, landingZone } = draw(fixtureAccountFile('existing-vpc'));
    const corporate = clusterOf(diagram, 'corporate')[0];
    expect(corporate.parent).toBeUndefined();
    expect(corporate.lines.join(' ')).toContain('vpc-0a1b2c3d4e5f60718');
    const dns = flowsBetween(diagram, 'Corporate DNS', 'Route 53 Resolver');
    expect(dns.map((e) => e.step)).toEqual([6]);
    expect(nodeLabel(diagram, dns[0].from)).toContain(landingZone.corporate.dnsServerIps.join(' · '));
  });
});

describe('diagram with a Transit Gateway', () => {
  it('draws the created Transit Gateway, an attachment from the hub, each service and the simulated corporate VPC', () => {
    const { diagram, landingZone } = draw(fixtureAccountFile('transit-gateway'));
    const tgw = diagram.nodes.filter((n) => n.kind === 'transit');
    expect(tgw.map((n) => n.lines.slice(0, 2))).toEqual([['Transit Gateway', 'tgw-tgw (created)']]);
    const attachments = diagram.edges.filter((e) => e.kind === 'attachment' && e.to === tgw[0].id);
    expect(attachments).toHaveLength(2 + landingZone.services.length);
    const labels = attachments.map((e) => `${nodeLabel(diagram, e.from).split(' ').slice(0, 2).join(' ')} ${e.label}`);
    expect(labels).toContain('VPC tgw-research attachment → tgw-tgw-services (accepted by tgw-eu-west-1-network-link-research)');
    expect(labels).toContain('VPC tgw-hub attachment → tgw-tgw-corporate');
    expect(clusterOf(diagram, 'corporate')[0].lines).toContain('simulated corporate network');
    expect(diagram.edges.filter((e) => e.kind === 'peering')).toEqual([]);
  });

  it('draws the on-premises network behind the VPN / Direct Connect attachment of an existing Transit Gateway', () => {
    const { diagram } = draw(fixtureAccountFile('existing-transit-gateway'));
    const corporate = clusterOf(diagram, 'corporate')[0];
    expect(corporate.lines).toEqual(['Corporate network (on premises)', 'behind VPN / Direct Connect attachment tgw-attach-0123456789abcdef0', '172.16.0.0/12 · 192.168.0.0/16']);
    expect(diagram.edges.filter((e) => e.kind === 'attachment' && e.from === corporate.id).map((e) => e.label)).toEqual(['VPN / Direct Connect attachment tgw-attach-0123456789abcdef0']);
    expect(diagram.nodes.find((n) => n.kind === 'transit')?.lines[1]).toBe('tgw-0a1b2c3d4e5f60718 (existing)');
  });
});
