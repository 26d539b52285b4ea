import * as fs from 'fs';
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
