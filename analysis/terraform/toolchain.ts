/**
 * Finds what the offline Terraform runs need on this machine: the Terraform CLI and a filesystem
 * mirror of the AWS provider. A missing piece is a `SetupError` that says what to install or
 * set: the checks are part of CI, so they must fail loudly rather than skip.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { AWS_PROVIDER } from './cli-config';
import { SetupError } from './errors';

/** Names the mirror directory (the one that contains `registry.terraform.io/`); skips discovery. */
export const MIRROR_ENV = 'TF_PROVIDER_MIRROR';

/** `override_during` in the generated test files (offline plan) needs Terraform 1.11. */
const MIN_TERRAFORM_VERSION = '1.11.0';

const PROVIDER_FILE_PREFIX = 'terraform-provider-aws_';

/** Terraform's name for a platform (`linux_amd64`, `darwin_arm64`), which names mirror directories. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const goArch: Record<string, string> = { x64: 'amd64', ia32: '386' };
  return `${os}_${goArch[arch] ?? arch}`;
}

/**
 * Where a mirror is likely to be: image-level locations first, then Terraform's own implied
 * per-user and system mirror directories (their parents, as the search descends).
 */
export function defaultMirrorRoots(home: string): string[] {
  return ['/opt', '/usr/local/share', '/usr/share', path.join(home, '.terraform.d'), path.join(home, '.local/share/terraform')];
}

/** Which provider builds the stacks need: exact versions (cdktf bindings pin one) for one platform. */
interface ProviderRequirement {
  versions: string[];
  platform: string;
}

/** The files a mirror must hold for one version, in the unpacked and the packed layout. */
function providerPaths(mirrorDir: string, version: string, platform: string): { unpackedDir: string; packedZip: string } {
  const base = path.join(mirrorDir, AWS_PROVIDER);
  return {
    unpackedDir: path.join(base, version, platform),
    packedZip: path.join(base, `${PROVIDER_FILE_PREFIX}${version}_${platform}.zip`),
  };
}

function listDir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    // Unreadable or vanished directories are simply not mirrors.
    return [];
  }
}

/** Whether `mirrorDir` serves every required version for the platform. */
export function mirrorHasProvider(mirrorDir: string, { versions, platform }: ProviderRequirement): boolean {
  return versions.every((version) => {
    const { unpackedDir, packedZip } = providerPaths(mirrorDir, version, platform);
    return fs.existsSync(packedZip) || listDir(unpackedDir).some((entry) => entry.name.startsWith(PROVIDER_FILE_PREFIX));
  });
}

/**
 * Mirror directories at most `maxDepth` levels below each root (the root included), breadth
 * first, in root order. The depth bound keeps the walk of `/usr/share` short and also ends
 * symlink cycles, which is why symlinked directories may be followed.
 */
export function findProviderMirrors(roots: string[], requirement: ProviderRequirement, maxDepth = 2): string[] {
  const found: string[] = [];
  for (const root of roots) {
    let level = [root];
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const dir of level) {
        if (mirrorHasProvider(dir, requirement)) {
          found.push(dir);
          continue;
        }
        for (const entry of listDir(dir).sort((a, b) => a.name.localeCompare(b.name))) {
          if (entry.isDirectory() || entry.isSymbolicLink()) next.push(path.join(dir, entry.name));
        }
      }
      level = next;
    }
  }
  return found;
}

function describe({ versions, platform }: ProviderRequirement): string {
  return `hashicorp/aws ${versions.join(', ')} (${platform})`;
}

/**
 * The mirror to use: `TF_PROVIDER_MIRROR` when set (and then it must be right: a wrong value is an
 * error, not a reason to search elsewhere), else the first one found under `roots`.
 */
export function resolveProviderMirror(env: NodeJS.ProcessEnv, roots: string[], requirement: ProviderRequirement): string {
  const { unpackedDir, packedZip } = providerPaths('<dir>', requirement.versions[0], requirement.platform);
  const layout = `${unpackedDir}/${PROVIDER_FILE_PREFIX}* (unpacked) or ${packedZip} (packed)`;
  const configured = env[MIRROR_ENV];
  if (configured) {
    if (mirrorHasProvider(configured, requirement)) return path.resolve(configured);
    throw new SetupError(`${MIRROR_ENV}=${configured} does not hold ${describe(requirement)}: expected ${layout}.`);
  }
  const [first] = findProviderMirrors(roots, requirement);
  if (first) return first;
  throw new SetupError(
    [
      `No filesystem mirror of the Terraform provider ${describe(requirement)} was found under ${roots.join(', ')}.`,
      `Install one (on a machine with registry access: \`terraform providers mirror <dir>\` in a stack directory, then copy <dir> here)`,
      `and set ${MIRROR_ENV}=<dir>, laid out as ${layout}.`,
    ].join('\n'),
  );
}

/** -1, 0 or 1 for `major.minor.patch` versions; a pre-release suffix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string): number[] => version.split('-')[0].split('.').map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** The Terraform CLI's version, checked against `MIN_TERRAFORM_VERSION`. */
export function requireTerraform(binary = 'terraform'): string {
  const result = spawnSync(binary, ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  const install = `Install Terraform >= ${MIN_TERRAFORM_VERSION} and put \`${binary}\` on PATH.`;
  if (result.error) throw new SetupError(`Cannot run \`${binary}\` (${result.error.message}). ${install}`);
  let version: string | undefined;
  try {
    version = (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    // Reported below together with the missing version.
  }
  if (!version) throw new SetupError(`\`${binary} version -json\` printed no version (${result.stderr.trim()}). ${install}`);
  if (compareVersions(version, MIN_TERRAFORM_VERSION) < 0) {
    throw new SetupError(`Terraform ${version} is too old. ${install}`);
  }
  return version;
}
