import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SetupError } from '../../analysis/terraform/errors';
import {
  MIRROR_ENV,
  compareVersions,
  defaultMirrorRoots,
  findProviderMirrors,
  mirrorHasProvider,
  requireTerraform,
  resolveProviderMirror,
  terraformPlatform,
} from '../../analysis/terraform/toolchain';

const requirement = { versions: ['5.100.0'], platform: 'linux_amd64' };
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-mirror-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A mirror at `dir` in the unpacked layout (`terraform providers mirror` writes the packed one). */
function unpackedMirror(dir: string, version = '5.100.0', platform = 'linux_amd64'): string {
  const pluginDir = path.join(dir, 'registry.terraform.io/hashicorp/aws', version, platform);
  fs.mkdirSync(pluginDir, { recursive: true });
  fs.writeFileSync(path.join(pluginDir, `terraform-provider-aws_v${version}_x5`), '');
  return dir;
}

function packedMirror(dir: string): string {
  const providerDir = path.join(dir, 'registry.terraform.io/hashicorp/aws');
  fs.mkdirSync(providerDir, { recursive: true });
  fs.writeFileSync(path.join(providerDir, 'terraform-provider-aws_5.100.0_linux_amd64.zip'), '');
  return dir;
}

describe('terraformPlatform', () => {
  it("uses Terraform's (Go's) names", () => {
    expect(terraformPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(terraformPlatform('darwin', 'arm64')).toBe('darwin_arm64');
    expect(terraformPlatform('win32', 'ia32')).toBe('windows_386');
  });
});

describe('mirror discovery', () => {
  it('recognizes the unpacked and the packed layout', () => {
    expect(mirrorHasProvider(unpackedMirror(path.join(root, 'a')), requirement)).toBe(true);
    expect(mirrorHasProvider(packedMirror(path.join(root, 'b')), requirement)).toBe(true);
    expect(mirrorHasProvider(root, requirement)).toBe(false);
  });

  it('needs the pinned version for this platform', () => {
    unpackedMirror(path.join(root, 'old'), '5.99.0');
    unpackedMirror(path.join(root, 'mac'), '5.100.0', 'darwin_arm64');
    expect(findProviderMirrors([root], requirement)).toEqual([]);
    expect(mirrorHasProvider(path.join(root, 'old'), { versions: ['5.99.0', '5.100.0'], platform: 'linux_amd64' })).toBe(false);
  });

  it('finds mirrors below the roots, in root order, down to the depth bound', () => {
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-mirror-'));
    try {
      unpackedMirror(path.join(second, 'tf-plugins'));
      unpackedMirror(path.join(root, 'terraform/plugins'));
      unpackedMirror(path.join(root, 'x/y/too-deep'));
      expect(findProviderMirrors([second, root, path.join(root, 'missing')], requirement)).toEqual([
        path.join(second, 'tf-plugins'),
        path.join(root, 'terraform/plugins'),
      ]);
    } finally {
      fs.rmSync(second, { recursive: true, force: true });
    }
  });

  it("searches the image's usual places and Terraform's implied mirror directories", () => {
    expect(defaultMirrorRoots('/home/dev')).toEqual(['/opt', '/usr/local/share', '/usr/share', '/home/dev/.terraform.d', '/home/dev/.local/share/terraform']);
  });
});

describe('resolveProviderMirror', () => {
  it(`takes ${MIRROR_ENV} over discovery`, () => {
    const configured = unpackedMirror(path.join(root, 'configured'));
    unpackedMirror(path.join(root, 'discovered'));
    expect(resolveProviderMirror({ [MIRROR_ENV]: configured }, [root], requirement)).toBe(configured);
  });

  it(`rejects a ${MIRROR_ENV} without the provider instead of searching elsewhere`, () => {
    unpackedMirror(path.join(root, 'discovered'));
    const call = () => resolveProviderMirror({ [MIRROR_ENV]: path.join(root, 'empty') }, [root], requirement);
    expect(call).toThrow(SetupError);
    expect(call).toThrow(`${MIRROR_ENV}=${path.join(root, 'empty')} does not hold hashicorp/aws 5.100.0 (linux_amd64)`);
    expect(call).toThrow('<dir>/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_*');
  });

  it('falls back to the first mirror discovered', () => {
    const found = unpackedMirror(path.join(root, 'tf-plugins'));
    expect(resolveProviderMirror({}, [root], requirement)).toBe(found);
  });

  it('says where it looked, what to install and what to set when there is no mirror', () => {
    const call = () => resolveProviderMirror({}, [root], requirement);
    expect(call).toThrow(SetupError);
    expect(call).toThrow(`No filesystem mirror of the Terraform provider hashicorp/aws 5.100.0 (linux_amd64) was found under ${root}.`);
    expect(call).toThrow('terraform providers mirror');
    expect(call).toThrow(`set ${MIRROR_ENV}=<dir>`);
  });
});

describe('requireTerraform', () => {
  function fakeTerraform(script: string): string {
    const file = path.join(root, 'terraform');
    fs.writeFileSync(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    return file;
  }

  it('says to install Terraform when the binary is missing', () => {
    expect(() => requireTerraform(path.join(root, 'no-terraform'))).toThrow(/Cannot run .*Install Terraform >= 1\.11\.0/);
  });

  it('refuses a Terraform without override_during (1.11)', () => {
    const binary = fakeTerraform(`echo '{"terraform_version":"1.10.5"}'`);
    expect(() => requireTerraform(binary)).toThrow('Terraform 1.10.5 is too old. Install Terraform >= 1.11.0');
  });

  it('reports output that is not a version', () => {
    const binary = fakeTerraform('echo oops >&2');
    expect(() => requireTerraform(binary)).toThrow('printed no version (oops)');
  });

  it('returns the version', () => {
    expect(requireTerraform(fakeTerraform(`echo '{"terraform_version":"1.11.4"}'`))).toBe('1.11.4');
  });
});

describe('compareVersions', () => {
  it('compares numerically, ignoring pre-release suffixes', () => {
    expect(compareVersions('1.11.0', '1.9.9')).toBe(1);
    expect(compareVersions('1.11.0-beta1', '1.11.0')).toBe(0);
    expect(compareVersions('1.2', '1.2.1')).toBe(-1);
  });
});
