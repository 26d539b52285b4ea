import * as fs from 'fs';
import * as path from 'path';
import { isSynthesizedDirectory } from '../synthesized';
import { SetupError } from './errors';

/** Every landing zone the Terraform checks cover: the environments and the test fixtures. */
const ACCOUNT_FILE_DIRS = ['accounts', 'test/fixtures/accounts'];

interface LandingZoneFile {
  /** The file's base name; names its output directory and its rows in the report. */
  name: string;
  file: string;
}

/** The account files under `dirs` (relative to `root`), sorted by directory then name. */
export function landingZoneFiles(root: string, dirs: string[] = ACCOUNT_FILE_DIRS): LandingZoneFile[] {
  const files = dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((entry) => /\.ya?ml$/.test(entry))
      .sort()
      .map((entry) => ({ name: entry.replace(/\.ya?ml$/, ''), file: path.join(root, dir, entry) })),
  );
  const seen = new Map<string, string>();
  for (const { name, file } of files) {
    const other = seen.get(name);
    if (other) throw new Error(`two account files are named ${name} (${other}, ${file}): rename one`);
    seen.set(name, file);
  }
  return files;
}

/** A landing zone to check: an account file to synthesize, or a directory cdktf already synthesized into. */
export type LandingZoneSource = LandingZoneFile | { name: string; synthesized: string };

/** One command-line argument: a landing zone's name, an account file's path or a synthesized directory. */
function sourceOf(arg: string, files: LandingZoneFile[], cwd: string): LandingZoneSource | undefined {
  const named = files.find((file) => file.name === arg);
  if (named) return named;
  const target = path.resolve(cwd, arg);
  if (!fs.existsSync(target)) return undefined;
  if (fs.statSync(target).isDirectory()) {
    if (!isSynthesizedDirectory(target)) {
      throw new SetupError(`${arg}: no stacks/<stack>/cdk.tf.json in this directory. Fix: pass a directory cdktf synthesized into (npm run synth writes cdktf.out) or an account file`);
    }
    return { name: path.basename(target), synthesized: target };
  }
  if (!/\.ya?ml$/.test(target)) throw new SetupError(`${arg}: not an account file (.yaml or .yml). Fix: pass an account file, a synthesized directory or a landing zone name`);
  return { name: path.basename(target).replace(/\.ya?ml$/, ''), file: target };
}

/**
 * What the arguments name (every file in `files` when there are none): a landing zone's name,
 * the path of any account file, or a synthesized directory (relative to `cwd`).
 */
export function selectLandingZones(files: LandingZoneFile[], args: string[], cwd = process.cwd()): LandingZoneSource[] {
  if (args.length === 0) return files;
  const sources = args.map((arg) => ({ arg, source: sourceOf(arg, files, cwd) }));
  const unknown = sources.filter(({ source }) => !source).map(({ arg }) => arg);
  if (unknown.length > 0) {
    throw new SetupError(
      `unknown landing zone ${unknown.join(', ')}; available: ${files.map((file) => file.name).join(', ')}, ` +
        'or the path of an account file or of a synthesized directory',
    );
  }
  const selected = sources.map(({ source }) => source!);
  const names = selected.map((source) => source.name);
  const twice = names.filter((name, index) => names.indexOf(name) !== index);
  if (twice.length > 0) {
    throw new SetupError(`two landing zones are named ${twice[0]} (the base name names their output and report rows). Fix: check them in separate runs`);
  }
  return selected;
}
