/**
 * `npm run bench:readme` (and `npm run bench` after each run): rewrites the measured figures in the READMEs from bench/results.json
 * (the README's scale notes, the offline plan's time in analysis/terraform/README.md), so no timing
 * figure in them is typed by hand or outlives the run it came from. Each generated part sits
 * between `<!-- bench:<name> -->` and `<!-- /bench:<name> -->`; test/bench/readme.test.ts fails
 * when a README differs from what the committed results give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TARGETS } from './report';

/** The parts of bench/results.json the READMEs quote. */
export interface QuotedResults {
  date: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; node: string };
  cases: Record<string, { stacks?: number; wallMs: { median: number }; cpuMs: { median: number }; peakRssMB: { median: number }; loadAverage: { median: number } }>;
  once: Record<'npmTest' | 'planOffline', { wallMs: number; cpuMs: number; passed: boolean; loadAverage: number; naive: { wallMs: number } }>;
  derived: {
    ratios: { wall: Record<'directSynthToNaive' | 'npmTestToNaive' | 'planOfflineToNaive', number> };
    perStack: { cpuMs: number; peakRssMB: number };
    growth: { cpu: { slopesMs: number[]; lastToFirst: number } };
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;

function measuredOn(results: QuotedResults): string {
  return `${results.date.slice(0, 10)}, commit ${results.commit}, ${results.machine.cpus} x ${results.machine.cpuModel}, node ${results.machine.node}`;
}

/** The README's paragraph on what one synth costs as the landing zone grows. */
export function scaleSection(results: QuotedResults): string {
  const sizes = ['services10', 'services25', 'services50', 'services200'] as const;
  const rows = sizes.map((id) => {
    const c = results.cases[id];
    const services = id.replace('services', '');
    return `| ${services} | ${c.stacks} | ${s(c.wallMs.median)} | ${s(c.cpuMs.median)} | ${c.peakRssMB.median.toFixed(0)} MB | ${c.loadAverage.median.toFixed(1)} |`;
  });
  const slopes = results.derived.growth.cpu.slopesMs.map((slope) => `${slope.toFixed(1)}`).join(', ');
  const example = results.cases.synthNoNpm;
  return [
    `Measured by \`npm run bench\` (${measuredOn(results)}; \`bench/results.json\` has every run), one`,
    'synth of the whole zone (`npm run synth`, medians; load is the 1-minute load average during the runs,',
    'above 2 the machine was shared and wall times are upper bounds):',
    '',
    '| services | stacks | wall | CPU | peak memory | load |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Each added stack costs about ${results.derived.perStack.cpuMs.toFixed(1)} ms of CPU and ${results.derived.perStack.peakRssMB.toFixed(2)} MB`,
    `(10 to 200 services); the cost per added stack from 10 to 25, 25 to 50 and 50 to 200 services is`,
    `${slopes} ms of CPU (the last over the first: ${x(results.derived.growth.cpu.lastToFirst)}; ${results.derived.growth.cpu.lastToFirst <= TARGETS.growthLastToFirst ? 'linear' : 'NOT linear'}). The example alone (\`node tools/synth.mjs\`) takes`,
    `${s(example.wallMs.median)}, ${x(results.derived.ratios.wall.directSynthToNaive)} of a bare \`require('@cdktf/provider-aws')\` in the same run.`,
  ].join('\n');
}

/** analysis/terraform/README.md: how long the offline plan of every fixture takes. */
export function planTimeSection(results: QuotedResults): string {
  const plan = results.once.planOffline;
  return [
    `Measured by \`npm run bench\` (${measuredOn(results)}), one run of \`npm run plan:offline\` over every`,
    `landing zone: ${s(plan.wallMs)} wall, ${s(plan.cpuMs)} of CPU, ${x(results.derived.ratios.wall.planOfflineToNaive)} a bare`,
    `\`require('@cdktf/provider-aws')\` run just before and after it (load average ${plan.loadAverage.toFixed(1)} at the start${plan.passed ? '' : '; the run FAILED'}).`,
    'Almost all of it is the two Terraform processes, each starting the provider and loading its schema once.',
  ].join('\n');
}

export const SECTIONS: { file: string; name: string; render: (results: QuotedResults) => string }[] = [
  { file: 'README.md', name: 'scale', render: scaleSection },
  { file: 'analysis/terraform/README.md', name: 'plan-time', render: planTimeSection },
];

/** `text` with the part between the markers of `name` replaced by `body`; a missing marker is an error. */
export function replaceSection(text: string, name: string, body: string, file: string): string {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`${file}: no ${start} ... ${end} section. Fix: put the two markers where the figures go`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** Rewrites every section from `root`/bench/results.json; one line per section says what happened. */
export function rewriteReadmes(root: string): string[] {
  const results = JSON.parse(readFileSync(path.join(root, 'bench/results.json'), 'utf8')) as QuotedResults;
  return SECTIONS.map(({ file, name, render }) => {
    const full = path.join(root, file);
    const before = readFileSync(full, 'utf8');
    const after = replaceSection(before, name, render(results), file);
    if (after !== before) writeFileSync(full, after);
    return `${file}: ${name} ${after === before ? 'unchanged' : 'rewritten'} from bench/results.json`;
  });
}
