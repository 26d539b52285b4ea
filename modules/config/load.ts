/** Reading account files: which file, its text, and YAML or JSON parsing into a raw value. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, formatProblem } from './problems';
import { quotaWarnings } from './quotas';
import { resolveConfig } from './resolve';
import { jsonProblem, unreadableFileProblem, unresolvedAliasProblem, yamlProblem } from './syntax-problems';
import type { LandingZoneConfig, ResolvedLandingZone } from './types';
import { validateConfig, type ValidationOptions } from './validate';

const ACCOUNT_FILE_EXTENSIONS = ['.yaml', '.yml', '.json'];
const ENVIRONMENT_ARGUMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The account file to use, chosen without editing code. In order: the `env` argument (e.g. a cdktf
 * context value) -> `<accountsDir>/<env>.yaml`; `LANDING_ACCOUNT_FILE` (a path); `LANDING_ENV`;
 * `example`. `accountsDir` defaults to `accounts/` of the working directory, where cdktf runs the app.
 */
export function accountFilePath(env?: string, accountsDir: string = defaultAccountsDir()): string {
  const override = process.env.LANDING_ACCOUNT_FILE;
  if (env === undefined && override) return path.resolve(override);
  const name = env ?? process.env.LANDING_ENV ?? 'example';
  if (!ENVIRONMENT_ARGUMENT.test(name)) {
    throw new ConfigError(env === undefined ? 'LANDING_ENV' : 'environment', [{
      path: '(value)',
      message: `"${name}" is not an environment name`,
      fix: `use the name of a file in accounts/ without its extension (${listEnvironments(accountsDir).join(', ') || 'example'}), or set LANDING_ACCOUNT_FILE to the file's path`,
    }]);
  }
  const candidates = ACCOUNT_FILE_EXTENSIONS.map((extension) => path.join(accountsDir, `${name}${extension}`));
  return candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0];
}

/** Environment names (file names without extension) available in `accountsDir`. */
export function listEnvironments(accountsDir: string = defaultAccountsDir()): string[] {
  if (!fs.existsSync(accountsDir)) return [];
  const names = fs
    .readdirSync(accountsDir)
    .filter((file) => ACCOUNT_FILE_EXTENSIONS.includes(path.extname(file)))
    .map((file) => path.basename(file, path.extname(file)));
  return [...new Set(names)].sort();
}

/**
 * Reads, parses, validates and resolves an account file; throws `ConfigError` listing every problem.
 * `warnings` are formatted problems that do not stop the synth (a quota the zone exceeds unless raised).
 */
export function loadAccountFile(file: string, options: ValidationOptions = {}): { file: string; config: ResolvedLandingZone; warnings: string[] } {
  const absolute = path.resolve(file);
  const raw = parseAccountFile(readAccountFile(absolute), absolute);
  const problems = validateConfig(raw, options);
  if (problems.length > 0) throw new ConfigError(absolute, problems);
  const config = resolveConfig(raw as LandingZoneConfig);
  return { file: absolute, config, warnings: configWarnings(absolute, config) };
}

/** The warnings of a valid configuration, one formatted line each. */
export function configWarnings(source: string, landingZone: ResolvedLandingZone): string[] {
  return quotaWarnings(landingZone).map((warning) => `warning: ${formatProblem(source, warning)}`);
}

/** Parses YAML (or JSON for `.json` files); syntax errors become problems with line numbers. */
export function parseAccountFile(text: string, file: string): unknown {
  return path.extname(file) === '.json' ? parseJson(text, file) : parseYaml(text, file);
}

function defaultAccountsDir(): string {
  return path.resolve('accounts');
}

function readAccountFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const unreadable = unreadableFileProblem(file, error as NodeJS.ErrnoException);
    if (unreadable) throw new ConfigError(file, [unreadable]);
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const environments = listEnvironments();
    throw new ConfigError(file, [{
      path: '(file)',
      message: 'does not exist',
      fix: environments.length > 0
        ? `set LANDING_ENV to an environment in accounts/ (${environments.join(', ')}) or LANDING_ACCOUNT_FILE to an existing file, or create this file from accounts/example.yaml`
        : 'create it from the example in the README, or set LANDING_ACCOUNT_FILE to an existing file',
    }]);
  }
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) throw new ConfigError(file, document.errors.map(yamlProblem));
  try {
    return document.toJS();
  } catch {
    throw new ConfigError(file, [unresolvedAliasProblem()]);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [jsonProblem(text, (error as Error).message)]);
  }
}
