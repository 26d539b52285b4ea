import * as fs from 'fs';
import * as path from 'path';
import { SetupError } from './errors';

/** Every landing zone the Terraform checks cover: the environments and the test fixtures. */
export const ACCOUNT_FILE_DIRS = ['accounts', 'test/fixtures/accounts'];

export interface LandingZoneFile {
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

/** The files named in `names`, or all of them when `names` is empty. */
export function selectLandingZones(files: LandingZoneFile[], names: string[]): LandingZoneFile[] {
  const unknown = names.filter((name) => !files.some((file) => file.name === name));
  if (unknown.length > 0) {
    throw new SetupError(`unknown landing zone ${unknown.join(', ')}; available: ${files.map((file) => file.name).join(', ')}`);
  }
  return names.length === 0 ? files : files.filter((file) => names.includes(file.name));
}
