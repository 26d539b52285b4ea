/** Colours shared by the Mermaid and Graphviz renderings, so both read the same way. */
import { ClusterKind, EdgeKind, NodeKind } from './model';

/** The DOT labels' font: Graphviz sizes the boxes with its metrics, render.ts draws with its files. */
export const FONT_FAMILY = 'DejaVu Sans';

export const NODE_COLORS: Record<NodeKind, { fill: string; stroke: string }> = {
  person: { fill: '#fef3c7', stroke: '#b45309' },
  dns: { fill: '#e0e7ff', stroke: '#4338ca' },
  endpoint: { fill: '#e0f2fe', stroke: '#0369a1' },
  api: { fill: '#fce7f3', stroke: '#be185d' },
  lambda: { fill: '#ffedd5', stroke: '#c2410c' },
  data: { fill: '#dcfce7', stroke: '#15803d' },
  studio: { fill: '#ede9fe', stroke: '#6d28d9' },
  transit: { fill: '#f1f5f9', stroke: '#0f766e' },
};

export const CLUSTER_COLORS: Record<ClusterKind, { fill: string; stroke: string }> = {
  account: { fill: '#f6f8fa', stroke: '#57606a' },
  vpc: { fill: '#ffffff', stroke: '#2da44e' },
  corporate: { fill: '#fffbeb', stroke: '#b45309' },
};

export const EDGE_COLORS: Record<EdgeKind, string> = {
  flow: '#cf222e',
  peering: '#57606a',
  dns: '#4338ca',
  share: '#8250df',
  attachment: '#0f766e',
};
