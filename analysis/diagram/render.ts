/**
 * DOT to SVG and SVG to PNG without system packages: Graphviz compiled to WebAssembly
 * (@hpcc-js/wasm-graphviz) lays the graph out, resvg rasterizes it with the DejaVu Sans files
 * shipped by the `dejavu-fonts-ttf` package and never a system font, so the text is the same on a
 * machine without fonts and both outputs are byte-for-byte the same on every run.
 */
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from './style';

/** The font files the SVG's text is drawn with: DOT labels use `FONT_FAMILY`, regular and bold. */
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

/** Pixels per inch of the PNG; resvg reads the SVG's points as CSS pixels, 96 per inch. */
const PNG_DPI = 110;

export async function renderSvg(dot: string): Promise<string> {
  // The package ships only an ES module; a dynamic import loads it from this CommonJS bundle.
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}

export function renderPng(svg: string, fontFiles: readonly string[] = FONT_FILES): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_DPI / 96 },
    font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}
