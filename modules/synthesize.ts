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
import { writeCorporateDnsArtifacts } from './corporate-dns';
import { contextFromConfig, enforceGuardrails, type Finding } from '../analysis/guardrails';
import { synthDate } from '../analysis/guardrails/rules/lmb-004-supported-runtime';
import { addLandingZone, type LandingZoneStacks } from './landing-zone';
import { withQuietStackTraces } from './shared/quiet-stack-traces';
import { landingZoneSummary } from './summary';

/** Where the landing zone comes from: exactly one of `accountFile` and `config`. */
export type LandingZoneSource =
  | { /** An account file (YAML or JSON), loaded and validated. */ readonly accountFile: string; readonly config?: never }
  | { /** An account file's content as an object, validated like a file. */ readonly config: LandingZoneConfig; readonly accountFile?: never };

export type SynthesizeLandingZoneOptions = LandingZoneSource & {
  /**
   * The output directory; replaced as a whole, so stacks no longer in the zone disappear (each
   * kept stack keeps its `.terraform/` and lock file).
   * @default the `CDKTF_OUTDIR` the cdktf CLI sets, else `cdktf.out`
   */
  readonly outdir?: string;
  /** `YYYY-MM-DD` the Lambda runtime's lifecycle is judged by. @default `LANDING_SYNTH_DATE`, else today */
  readonly synthDate?: string;
  /** Where warnings (account file, quotas, guardrails) go. @default console.warn */
  readonly warn?: (line: string) => void;
};

export interface SynthesizedLandingZone {
  readonly landingZone: ResolvedLandingZone;
  /** The synthesized stacks, for assertions (`Testing.synth(stacks.services[0])`). */
  readonly stacks: LandingZoneStacks;
  /** Absolute path of the output directory. */
  readonly outdir: string;
  /** Every guardrail finding (none is an unsuppressed ERROR). */
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
  const date = synthDate({ synthDate: options.synthDate });
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const { landingZone, warnings } = loadLandingZone(options, date);
  for (const warning of warnings) warn(warning);
  const source = options.accountFile ?? CONFIG_SOURCE;
  for (const warning of identityWarnings(landingZone)) warn(`warning: ${source}: ${warning}`);
  const outdir = path.resolve(options.outdir ?? process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const bundles = buildLambdaBundles(landingZone.lambdaRuntime);

  // A sibling of outdir: same depth (the local backend's relative state paths stay right) and
  // same file system (the final rename is atomic).
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}.staging-`));
  try {
    // Stack traces in construct metadata are for debugging cdktf itself; they cost time on every synth.
    const app = new App({ outdir: staging, stackTraces: false });
    const stacks = withQuietStackTraces(() => {
      const added = addLandingZone(app, landingZone, bundles);
      app.synth();
      return added;
    });
    writeCorporateDnsArtifacts(landingZone, staging);
    const findings = enforceGuardrails(staging, { context: { ...contextFromConfig(landingZone), synthDate: date }, warn });
    replaceOutput(staging, outdir);
    return { landingZone, stacks, outdir, findings, summary: landingZoneSummary(landingZone, outdir) };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

const CONFIG_SOURCE = '(account config)';

function loadLandingZone(options: SynthesizeLandingZoneOptions, date: string): { landingZone: ResolvedLandingZone; warnings: string[] } {
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
