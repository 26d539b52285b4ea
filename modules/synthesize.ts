/**
 * The whole synth of one landing zone, as `npm run synth` runs it: validate, bundle the Lambdas,
 * synthesize every stack, enforce the guardrails, write the corporate DNS files, summarize. A team
 * that composes the landing zone in its own app calls this rather than `addLandingZone` + `app.synth()`,
 * so the guardrail gate cannot be left out by accident.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { buildLambdaBundles } from '../lambda-src/build';
import type { LandingZoneConfig, ResolvedLandingZone } from './config/types';
import { configWarnings, loadAccountFile } from './config/load';
import { ConfigError } from './config/problems';
import { validateConfig } from './config/validate';
import { identityWarnings } from './config/identity';
import { resolveConfig } from './config/resolve';
import { corporateDnsDir, writeCorporateDnsArtifacts } from './corporate-dns';
import { contextFromConfig, enforceGuardrailsOn, type Finding } from '../analysis/guardrails';
import { readSynthesizedStacks } from '../analysis/synthesized';
import { synthDate } from '../analysis/guardrails/rules/lmb-004-supported-runtime';
import { addLandingZone, type LandingZoneStacks } from './landing-zone';
import type { LambdaBundles } from './stacks/service-stack';
import { landingZoneKey, stackId } from './shared/naming';
import { withQuietStackTraces } from './shared/quiet-stack-traces';
import { landingZoneSummary } from './summary';

/** Where the landing zone comes from: exactly one of `accountFile` and `config`. */
export type LandingZoneSource =
  | { /** An account file (YAML or JSON), loaded and validated. */ readonly accountFile: string; readonly config?: never }
  | { /** An account file's content as an object, validated like a file. */ readonly config: LandingZoneConfig; readonly accountFile?: never };

/** How the app is synthesized, whatever landing zones it holds. */
export interface SynthesisOptions {
  /**
   * The output directory; replaced as a whole, so stacks no longer in the app disappear (each
   * kept stack keeps its `.terraform/` and lock file).
   * @default the `CDKTF_OUTDIR` the cdktf CLI sets, else `cdktf.out`
   */
  readonly outdir?: string;
  /** `YYYY-MM-DD` the Lambda runtime's lifecycle is judged by. @default `LANDING_SYNTH_DATE`, else today */
  readonly synthDate?: string;
  /** Where warnings (account file, quotas, guardrails) go. @default console.warn */
  readonly warn?: (line: string) => void;
}

export type SynthesizeLandingZoneOptions = LandingZoneSource & SynthesisOptions;

export interface SynthesizeLandingZonesOptions extends SynthesisOptions {
  /**
   * The landing zones of the app, each with an environment and region of its own (its stack ids
   * start with them). With more than one, each zone's corporate DNS files go to
   * `corporate-dns/<environment>-<region>/`.
   */
  readonly landingZones: readonly LandingZoneSource[];
}

export interface SynthesizedLandingZone {
  readonly landingZone: ResolvedLandingZone;
  /** The synthesized stacks, for assertions (`Testing.synth(stacks.services[0])`). */
  readonly stacks: LandingZoneStacks;
  /** Absolute path of the output directory. */
  readonly outdir: string;
  /** Absolute path of the directory holding this zone's corporate DNS files. */
  readonly corporateDnsDir: string;
  /** Every guardrail finding of this zone's stacks (none is an unsuppressed ERROR). */
  readonly findings: Finding[];
  /** Deploy order and what the corporate DNS team configures, for the operator. */
  readonly summary: string;
}

/** Terraform's working state inside a stack directory, kept across synths (`terraform init` output). */
const KEPT_STACK_ENTRIES = ['.terraform', '.terraform.lock.hcl'];

/**
 * Validates and synthesizes one landing zone into `outdir`. Throws `ConfigError` (nothing written)
 * for a bad configuration and `GuardrailViolationError` (nothing written either: the synth goes to
 * a staging directory beside `outdir` and only replaces it once every ERROR rule passes).
 */
export function synthesizeLandingZone(options: SynthesizeLandingZoneOptions): SynthesizedLandingZone {
  const { accountFile, config, ...synthesis } = options;
  const source = accountFile !== undefined ? { accountFile } : { config: config as LandingZoneConfig };
  return synthesizeLandingZones({ ...synthesis, landingZones: [source] })[0];
}

/**
 * `synthesizeLandingZone` for an app holding several landing zones (say prod in two regions, or
 * prod and test): every zone is validated before anything is synthesized, all of them go into one
 * app and one `outdir`, and each zone's stacks are judged by the guardrails with its own settings.
 * Throws like `synthesizeLandingZone`, and `ConfigError` when two zones share an environment and a
 * region (their stack ids, state files and workspaces would collide).
 */
export function synthesizeLandingZones(options: SynthesizeLandingZonesOptions): SynthesizedLandingZone[] {
  if (options.landingZones.length === 0) throw new RangeError('synthesizeLandingZones: landingZones lists no landing zone');
  const date = synthDate({ synthDate: options.synthDate });
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const loaded = options.landingZones.map((source) => ({ source: source.accountFile ?? CONFIG_SOURCE, ...loadLandingZone(source, date) }));
  refuseSharedKeys(loaded);
  for (const { source, landingZone, warnings } of loaded) {
    for (const warning of warnings) warn(warning);
    for (const warning of identityWarnings(landingZone)) warn(`warning: ${source}: ${warning}`);
  }
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const bundlesByRuntime = new Map<string, LambdaBundles>();
  const bundlesFor = ({ lambdaRuntime }: ResolvedLandingZone): LambdaBundles => {
    const bundles = bundlesByRuntime.get(lambdaRuntime) ?? buildLambdaBundles(lambdaRuntime);
    bundlesByRuntime.set(lambdaRuntime, bundles);
    return bundles;
  };

  // A sibling of outdir: same depth (the local backend's relative state paths stay right) and
  // same file system (the final rename is atomic).
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.staging-`));
  try {
    // Stack traces in construct metadata are for debugging cdktf itself; they cost time on every synth.
    const app = new App({ outdir: staging, stackTraces: false });
    const added = withQuietStackTraces(() => {
      const stacks = loaded.map(({ landingZone }) => addLandingZone(app, landingZone, bundlesFor(landingZone)));
      app.synth();
      return stacks;
    });
    const several = loaded.length > 1;
    const synthesized = readSynthesizedStacks(staging);
    const zones = loaded.map(({ landingZone }, i) => {
      writeCorporateDnsArtifacts(landingZone, staging, several);
      const stacks = added[i];
      const ids = [stacks.network, ...stacks.services, ...stacks.links].map((stack) => stack.node.id);
      const findings = enforceGuardrailsOn(Object.fromEntries(ids.map((id) => [id, synthesized[id]])), {
        context: { ...contextFromConfig(landingZone), synthDate: date },
        warn,
      });
      const dnsDir = corporateDnsDir(outdir, landingZone, several);
      return { landingZone, stacks, outdir, corporateDnsDir: dnsDir, findings, summary: landingZoneSummary(landingZone, outdir, dnsDir) };
    });
    replaceOutput(staging, outdir);
    return zones;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Two zones of one environment and region would write the same stack ids, state files and workspaces. */
function refuseSharedKeys(loaded: readonly { source: string; landingZone: ResolvedLandingZone }[]): void {
  const seen = new Map<string, string>();
  for (const { source, landingZone } of loaded) {
    const key = landingZoneKey(landingZone);
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ConfigError(source, [{
        path: 'environment',
        message: `landing zone "${landingZone.environment}" in ${landingZone.region} is already in this app (from ${first}): both would own the stacks ${stackId(landingZone, '*')}`,
        fix: 'give each landing zone of one app its own environment, or put them in different regions',
      }]);
    }
    seen.set(key, source);
  }
}

const CONFIG_SOURCE = '(account config)';

function loadLandingZone(options: LandingZoneSource, date: string): { landingZone: ResolvedLandingZone; warnings: string[] } {
  if (options.accountFile !== undefined) {
    const { config, warnings } = loadAccountFile(options.accountFile, { synthDate: date });
    return { landingZone: config, warnings };
  }
  const problems = validateConfig(options.config, { synthDate: date });
  if (problems.length > 0) throw new ConfigError(CONFIG_SOURCE, problems);
  const landingZone = resolveConfig(options.config);
  return { landingZone, warnings: configWarnings(CONFIG_SOURCE, landingZone) };
}

/** Moves `staging` to `outdir`, carrying over the Terraform working state of stacks that remain. */
function replaceOutput(staging: string, outdir: string): void {
  const stacksDir = path.join(outdir, 'stacks');
  for (const stack of fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : []) {
    const target = path.join(staging, 'stacks', stack);
    if (!fs.existsSync(target)) continue;
    for (const entry of KEPT_STACK_ENTRIES) {
      const kept = path.join(stacksDir, stack, entry);
      if (fs.existsSync(kept)) fs.renameSync(kept, path.join(target, entry));
    }
  }
  const previous = `${staging}.previous`;
  if (fs.existsSync(outdir)) fs.renameSync(outdir, previous);
  fs.renameSync(staging, outdir);
  fs.rmSync(previous, { recursive: true, force: true });
}
