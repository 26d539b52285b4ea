/** Settings of the landing zone as a whole: the state backend and the tags. */
import { parseIpv4 } from '../cidr';
import { childPath, inline, type Problems } from '../problems';
import { asObject, asString, type Json } from './json';
import { checkRegion } from './regions';

export function checkBackend(problems: Problems, backend: Json | undefined): void {
  if (backend?.type !== 's3') return;
  checkRegion(problems, 'backend.region', backend.region);
  const bucket = asString(backend.bucket);
  const reason = bucket === undefined ? undefined : bucketNameProblem(bucket);
  if (reason) {
    problems.add('backend.bucket', `"${bucket}" ${reason}`, 'use the name of an existing S3 bucket, e.g. acme-terraform-state');
  }
}

/** Settings that moved: refused with the new place, so an old file is fixed, not silently ignored. */
export function checkMovedSettings(problems: Problems, root: Json): void {
  const network = asObject(root.network);
  if (network && network.logRetentionDays !== undefined) {
    problems.add('network.logRetentionDays', "has moved to logs.retentionDays: it sets the retention of every account's log groups, not only the network account's",
      `remove it here and set logs: { retentionDays: ${inline(network.logRetentionDays)} } at the top level of the file`);
  }
}

/** S3 general purpose bucket naming rules. */
function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'is not a valid S3 bucket name: it must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'is not a valid S3 bucket name: only lowercase letters, digits, dots and hyphens are allowed';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'is not a valid S3 bucket name: it must start and end with a letter or digit';
  if (name.includes('..')) return 'is not a valid S3 bucket name: it must not contain two adjacent dots';
  if (parseIpv4(name) !== undefined) return 'is not a valid S3 bucket name: it must not be formatted as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((reserved) => name.startsWith(reserved));
  if (prefix) return `is not a valid S3 bucket name: the prefix ${prefix} is reserved`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((reserved) => name.endsWith(reserved));
  if (suffix) return `is not a valid S3 bucket name: the suffix ${suffix} is reserved`;
  return undefined;
}

/** AWS tag rules: keys 1..128 and values 0..256 of letters, digits, spaces and `_ . : / = + - @`. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function checkTags(problems: Problems, tags: Json | undefined): void {
  for (const [key, value] of Object.entries(tags ?? {})) {
    const at = childPath('tags', key);
    if (key.length === 0 || key.length > 128 || !TAG_TEXT.test(key)) {
      problems.add(at, `tag key ${inline(key)} is not a valid AWS tag key`, 'use 1 to 128 letters, digits, spaces and _ . : / = + - @');
    } else if (key.toLowerCase().startsWith('aws:')) {
      problems.add(at, `tag key ${inline(key)} uses the reserved prefix aws:`, 'rename the key without the aws: prefix');
    } else if (typeof value === 'string' && (value.length > 256 || !TAG_TEXT.test(value))) {
      problems.add(at, 'is not a valid AWS tag value', 'use at most 256 letters, digits, spaces and _ . : / = + - @');
    }
  }
}
