/** Mermaid flowchart: renders on GitHub and GitLab wherever the Markdown embeds it. */
import { Diagram, DiagramCluster, EdgeKind } from './model';
import { CLUSTER_COLORS, EDGE_COLORS, NODE_COLORS } from './style';

const ARROWS: Record<EdgeKind, string> = { flow: '-->', dns: '-.->', share: '-.->', peering: '<-.->', attachment: '<-.->' };

/** Mermaid labels are double-quoted strings holding HTML; a quote needs Mermaid's entity form. */
const escape = (line: string): string => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '#quot;');
/** A box label: the first line bold. */
const boxLabel = (lines: string[]): string => `"${lines.map((l, i) => (i === 0 ? `<b>${escape(l)}</b>` : escape(l))).join('<br/>')}"`;

export function renderMermaid(diagram: Diagram): string {
  const out = ['---', `title: ${diagram.title}`, '---', 'flowchart LR'];
  const children = (parent?: string) => diagram.clusters.filter((c) => c.parent === parent);
  const cluster = (c: DiagramCluster, indent: string): void => {
    out.push(`${indent}subgraph ${c.id}[${boxLabel(c.lines)}]`);
    for (const n of diagram.nodes.filter((n) => n.cluster === c.id)) out.push(`${indent}  ${n.id}[${boxLabel(n.lines)}]`);
    for (const child of children(c.id)) cluster(child, `${indent}  `);
    out.push(`${indent}end`);
  };
  for (const c of children(undefined)) cluster(c, '  ');
  out.push(`  legend[${boxLabel(['Request flow', ...diagram.steps.map((s, i) => `${i + 1} ${s}`)])}]`);

  diagram.edges.forEach((e) => out.push(`  ${e.from} ${ARROWS[e.kind]}|"${escape(e.label)}"| ${e.to}`));

  for (const [kind, color] of Object.entries(NODE_COLORS)) {
    const ids = diagram.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    out.push(`  classDef ${kind} fill:${color.fill},stroke:${color.stroke},color:#1f2328`);
    if (ids.length) out.push(`  class ${ids.join(',')} ${kind}`);
  }
  out.push('  classDef legend fill:#ffffff,stroke:#cf222e,color:#1f2328,text-align:left', '  class legend legend');
  for (const c of diagram.clusters) {
    const color = CLUSTER_COLORS[c.kind];
    out.push(`  style ${c.id} fill:${color.fill},stroke:${color.stroke},color:#1f2328`);
  }
  for (const [kind, color] of Object.entries(EDGE_COLORS)) {
    const indexes = diagram.edges.flatMap((e, i) => (e.kind === kind ? [i] : []));
    const width = kind === 'flow' ? '2px' : '1.5px';
    if (indexes.length) out.push(`  linkStyle ${indexes.join(',')} stroke:${color},stroke-width:${width},color:${color}`);
  }
  return `${out.join('\n')}\n`;
}
