/** Graphviz DOT, laid out by render.ts. */
import { Diagram, DiagramCluster, DiagramEdge, EdgeKind } from './model';
import { CLUSTER_COLORS, EDGE_COLORS, FONT_FAMILY, NODE_COLORS } from './style';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** HTML-like label: the first line bold; `align` left for cluster labels, which sit in a corner. */
const html = (lines: string[], align?: 'left'): string => {
  const br = align ? `<br align="${align}"/>` : '<br/>';
  return `<${lines.map((l, i) => (i === 0 ? `<b>${escape(l)}</b>` : escape(l))).join(br)}${align ? br : ''}>`;
};

/** What the line styles mean; the drawing labels only the request flow (see `edge`). */
const EDGE_KEY: Record<EdgeKind, string> = {
  flow: 'request flow (numbered)',
  peering: '- - VPC peering',
  dns: '- - DNS forwarding rule',
  share: '- - resolver rule shared through RAM',
  attachment: '- - Transit Gateway attachment',
};

/** Title, the numbered steps and the key, above the drawing: a floating legend node would take a rank of its own. */
function heading(diagram: Diagram): string {
  const row = (mark: string, text: string) => `<tr><td align="right">${mark}</td><td align="left">${text}</td></tr>`;
  const steps = diagram.steps.map((s, i) => row(`<font color="${EDGE_COLORS.flow}"><b>${i + 1}</b></font>`, escape(s)));
  const key = Object.entries(EDGE_KEY).map(([kind, text]) => `<font color="${EDGE_COLORS[kind as EdgeKind]}"><b>${escape(text)}</b></font>`);
  return `<<table border="0" cellspacing="1"><tr><td colspan="2" align="left"><font point-size="16"><b>${escape(diagram.title)}</b></font></td></tr>${steps.join('')}${row('', key.join('   '))}</table>>`;
}

export function renderDot(diagram: Diagram): string {
  const out = [
    'digraph landing_zone {',
    `  graph [rankdir=LR, compound=true, newrank=true, nodesep=0.45, ranksep=0.6, fontname="${FONT_FAMILY}", fontsize=10, labelloc=t, labeljust=l, label=${heading(diagram)}];`,
    `  node [shape=box, style="rounded,filled", fontname="${FONT_FAMILY}", fontsize=10, margin="0.12,0.06"];`,
    `  edge [fontname="${FONT_FAMILY}", fontsize=9];`,
  ];
  const children = (parent?: string) => diagram.clusters.filter((c) => c.parent === parent);
  const cluster = (c: DiagramCluster, indent: string): void => {
    const color = CLUSTER_COLORS[c.kind];
    out.push(
      `${indent}subgraph cluster_${c.id} {`,
      `${indent}  label=${html(c.lines, 'left')}; fontsize=${c.kind === 'account' ? 12 : 10}; style="rounded,filled${c.kind === 'vpc' ? ',dashed' : ''}"; fillcolor="${color.fill}"; color="${color.stroke}"; penwidth=1.4;`,
    );
    for (const n of diagram.nodes.filter((n) => n.cluster === c.id)) {
      const nodeColor = NODE_COLORS[n.kind];
      out.push(`${indent}  ${n.id} [label=${html(n.lines)}, fillcolor="${nodeColor.fill}", color="${nodeColor.stroke}"];`);
    }
    for (const child of children(c.id)) cluster(child, `${indent}  `);
    out.push(`${indent}}`);
  };
  for (const c of children(undefined)) cluster(c, '  ');
  for (const e of diagram.edges) out.push(`  ${edge(diagram, e)}`);
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** An edge to or from a cluster is drawn to a node inside it, clipped at the cluster's border. */
function edge(diagram: Diagram, e: DiagramEdge): string {
  const end = (id: string) =>
    diagram.nodes.some((n) => n.id === id) ? { node: id } : { node: firstNodeIn(diagram, id), cluster: `cluster_${id}` };
  const from = end(e.from);
  const to = end(e.to);
  const color = EDGE_COLORS[e.kind];
  const attributes = [
    `color="${color}"`,
    `fontcolor="${color}"`,
    ...(from.cluster ? [`ltail=${from.cluster}`] : []),
    ...(to.cluster ? [`lhead=${to.cluster}`] : []),
    // Only the request flow ranks the nodes, so the picture reads in the order of the steps. The
    // other edges' labels would land far from their lines (Graphviz places them after routing
    // edges between clusters): the heading's key and the node labels say what they are.
    ...(e.kind === 'flow' ? [`label="${escape(e.label)}"`, 'penwidth=1.8'] : ['style=dashed', 'constraint=false']),
    ...(e.kind === 'peering' || e.kind === 'attachment' ? ['dir=both', 'arrowhead=none', 'arrowtail=none', 'penwidth=2.2'] : []),
  ];
  return `${from.node} -> ${to.node} [${attributes.join(', ')}];`;
}

function firstNodeIn(diagram: Diagram, clusterId: string): string {
  const direct = diagram.nodes.find((n) => n.cluster === clusterId);
  if (direct) return direct.id;
  for (const child of diagram.clusters.filter((c) => c.parent === clusterId)) {
    const nested = firstNodeIn(diagram, child.id);
    if (nested) return nested;
  }
  throw new Error(`cluster ${clusterId} has no node to attach an edge to`);
}
