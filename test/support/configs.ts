import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { LandingZoneConfig } from '../../modules/config/types';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const EXAMPLE_ACCOUNT_FILE = path.join(REPO_ROOT, 'accounts/example.yaml');
export const fixtureAccountFile = (name: string): string =>
  path.join(REPO_ROOT, 'test/fixtures/accounts', `${name}.yaml`);

/** A fresh copy of an account file's raw configuration, for tests that vary one field. */
export function rawAccountFile(file: string = EXAMPLE_ACCOUNT_FILE): LandingZoneConfig {
  return parse(fs.readFileSync(file, 'utf8')) as LandingZoneConfig;
}

/**
 * Account files outside accounts/, as a platform team keeps them: the example copied into a fresh
 * temporary directory, once as it is and once with an environment name validation refuses.
 */
export function accountFilesOutsideRepo(): { good: string; bad: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'account-files-'));
  const text = fs.readFileSync(EXAMPLE_ACCOUNT_FILE, 'utf8');
  const good = path.join(dir, 'zone.yaml');
  const bad = path.join(dir, 'bad.yaml');
  fs.writeFileSync(good, text);
  fs.writeFileSync(bad, text.replace(/^environment: \S+/m, 'environment: Bad_Name'));
  return { good, bad, dir };
}

/** What validation says about the bad file of `accountFilesOutsideRepo`. */
export const BAD_ENVIRONMENT_MESSAGE = /bad\.yaml: environment: must be DNS-safe.*\. Fix: /;
