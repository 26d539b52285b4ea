/**
 * `npm run bench:profile [-- 10 25 50]`: CPU-profiles `npm run synth` (node tools/synth.mjs) of
 * generated landing zones and prints where the time goes at the largest size, then how the heaviest
 * functions grow with the number of stacks: a function whose cost per added stack rises with size
 * does work quadratic in stacks. Profiles are kept in bench/out/profiles/ for Chrome DevTools.
 * One run per size: read shares and growth, not absolute times, on a busy machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { generateLandingZone } from '../tools/generate-accounts';
import { type CpuProfile, type FunctionTime, functionTimes, packageTimes, profileMs } from './cpu-profile';
import { formatTable, milliseconds, times } from './report';
import { growth } from './stats';

const TOP = 20;
/**
 * Left out of the function tables: V8's pseudo-frames (the whole run, idle, GC) and Node's module
 * loader and native wrappers, which sit on every stack and would fill the total-time list.
 */
const NOT_NAMED = new Set(['(root)', '(program)', '(idle)', '(garbage collector)', 'node:', '(native)']);

interface SizeProfile {
  services: number;
  stacks: number;
  totalMs: number;
  functions: FunctionTime[];
}

const root = process.cwd();
const outDir = path.join(root, 'bench', 'out', 'profiles');

function main(): void {
  const sizes = sizesArgument(process.argv.slice(2));
  mkdirSync(outDir, { recursive: true });
  const profiles = sizes.map(profileSynth);
  const largest = profiles[profiles.length - 1];
  const share = (ms: number) => `${((100 * ms) / largest.totalMs).toFixed(1)}%`;
  const named = largest.functions.filter((time) => !NOT_NAMED.has(time.packageName));
  const lines = [
    `CPU profile of npm run synth, ${largest.services} services (${largest.stacks} stacks): ${milliseconds(largest.totalMs)} sampled`,
    '',
    formatTable(['package (self time)', 'ms', 'share'], packageTimes(largest.functions).slice(0, TOP).map((p) => [p.packageName, milliseconds(p.selfMs), share(p.selfMs)])),
    '',
    formatTable(['function (self time)', 'ms', 'share'], [...named].sort((a, b) => b.selfMs - a.selfMs).slice(0, TOP).map((f) => [f.key, milliseconds(f.selfMs), share(f.selfMs)])),
    '',
    formatTable(['function (total time)', 'ms', 'share'], named.slice(0, TOP).map((f) => [f.key, milliseconds(f.totalMs), share(f.totalMs)])),
  ];
  if (profiles.length >= 3) lines.push('', growthTable(profiles, named.slice(0, TOP)));
  lines.push('', `profiles: ${path.relative(root, outDir)}/ (open in Chrome DevTools > Performance, or speedscope)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function sizesArgument(args: readonly string[]): number[] {
  const sizes = (args.length > 0 ? args : ['10', '25', '50']).map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`sizes must be service counts (got ${args.join(' ')})`);
  return [...sizes].sort((a, b) => a - b);
}

function profileSynth(services: number): SizeProfile {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'landing-profile-'));
  try {
    const accountFile = path.join(scratch, 'services.yaml');
    writeFileSync(accountFile, stringify(generateLandingZone(services)));
    const name = `services-${services}.cpuprofile`;
    const outdir = path.join(scratch, 'out');
    const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${outDir}`, `--cpu-prof-name=${name}`, 'tools/synth.mjs'], {
      cwd: root,
      env: { ...process.env, LANDING_ACCOUNT_FILE: accountFile, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`synth of ${services} services failed:\n${run.stderr}`);
    const profile = JSON.parse(readFileSync(path.join(outDir, name), 'utf8')) as CpuProfile;
    const stacks = readdirSync(path.join(outdir, 'stacks')).length;
    process.stderr.write(`profiled ${services} services (${stacks} stacks)\n`);
    return { services, stacks, totalMs: profileMs(profile), functions: functionTimes(profile) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Total time of each function at each size, and its per-stack cost from the first to the last step. */
function growthTable(profiles: readonly SizeProfile[], heaviest: readonly FunctionTime[]): string {
  const at = (profile: SizeProfile, key: string) => profile.functions.find((time) => time.key === key)?.totalMs ?? 0;
  const rows = [{ key: 'whole synth (sampled)', of: (profile: SizeProfile) => profile.totalMs }, ...heaviest.map(({ key }) => ({ key, of: (profile: SizeProfile) => at(profile, key) }))].map(
    ({ key, of }) => {
      const { slopes, lastToFirst } = growth(profiles.map((profile) => ({ stacks: profile.stacks, value: of(profile) })));
      return [key, ...profiles.map((profile) => milliseconds(of(profile))), ...slopes.map((slope) => milliseconds(slope)), Number.isFinite(lastToFirst) ? times(lastToFirst) : 'n/a'];
    },
  );
  const steps = profiles.slice(1).map((profile, i) => `ms/stack ${profiles[i].stacks}->${profile.stacks}`);
  return formatTable(['function (total time)', ...profiles.map((profile) => `${profile.stacks} stacks`), ...steps, 'last/first'], rows);
}

main();
