import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AssetType, TerraformAsset, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { LinkedFileAsset } from '../../modules/shared/linked-file-asset';

const HASH = 'a'.repeat(64);

function sourceFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linked-asset-src-')), 'bundle-1234.zip');
  fs.writeFileSync(file, 'zip bytes');
  return file;
}

/** A stack with one asset under `fn/code`, and an output naming its path (a stack needs an element). */
function stackWith(app: App, id: string, asset: (scope: Construct) => { path: string }): TerraformStack {
  const stack = new TerraformStack(app, id);
  const fn = new Construct(stack, 'fn');
  new TerraformOutput(stack, 'path', { value: asset(fn).path });
  return stack;
}

const appIn = (outdir: string) => new App({ outdir, stackTraces: false, skipValidation: true });
const stackFile = (outdir: string, stack: string, relative: string) => path.join(outdir, 'stacks', stack, relative);

describe('LinkedFileAsset', () => {
  it('puts the file where TerraformAsset puts it, as a hard link to the source', () => {
    const file = sourceFile();
    const outdir = fs.mkdtempSync(path.join(path.dirname(file), 'out-'));
    const app = appIn(outdir);
    let copied = '';
    let linked = '';
    stackWith(app, 'copied', (fn) => {
      const asset = new TerraformAsset(fn, 'code', { path: file, type: AssetType.FILE, assetHash: HASH });
      copied = asset.path;
      return asset;
    });
    stackWith(app, 'linked', (fn) => {
      const asset = new LinkedFileAsset(fn, 'code', { file, hash: HASH });
      linked = asset.path;
      return asset;
    });
    app.synth();
    expect(linked).toBe(copied);
    expect(linked).toMatch(new RegExp(`^assets/fn_code_[0-9A-F]{8}/${HASH}/bundle-1234\\.zip$`));
    const target = stackFile(outdir, 'linked', linked);
    expect(fs.readFileSync(target)).toEqual(fs.readFileSync(stackFile(outdir, 'copied', copied)));
    expect(fs.statSync(target).ino).toBe(fs.statSync(file).ino);
  });

  it('copies the file where the output directory cannot link to the source', () => {
    const file = sourceFile();
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'linked-asset-out-'));
    const attempts: string[] = [];
    jest.isolateModules(() => {
      // A file system that refuses the link (the output on another device than the build cache).
      jest.doMock('fs', () => ({
        ...jest.requireActual<typeof fs>('fs'),
        linkSync: (source: string) => {
          attempts.push(source);
          throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
        },
      }));
      const { LinkedFileAsset: Refused } = jest.requireActual<typeof import('../../modules/shared/linked-file-asset')>('../../modules/shared/linked-file-asset');
      const app = appIn(outdir);
      let relative = '';
      stackWith(app, 'stack', (fn) => {
        const asset = new Refused(fn, 'code', { file, hash: HASH });
        relative = asset.path;
        return asset;
      });
      app.synth();
      const target = stackFile(outdir, 'stack', relative);
      expect(fs.readFileSync(target, 'utf8')).toBe('zip bytes');
      expect(fs.statSync(target).ino).not.toBe(fs.statSync(file).ino);
    });
    expect(attempts).toEqual([file]);
  });

  it('replaces the version an earlier synth left in the same output directory', () => {
    const file = sourceFile();
    const outdir = fs.mkdtempSync(path.join(path.dirname(file), 'out-'));
    const synth = (hash: string) => {
      const app = appIn(outdir);
      stackWith(app, 'stack', (fn) => new LinkedFileAsset(fn, 'code', { file, hash }));
      app.synth();
    };
    synth(HASH);
    synth('b'.repeat(64));
    const folders = fs.readdirSync(path.join(outdir, 'stacks', 'stack', 'assets'));
    expect(folders).toHaveLength(1);
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'stack', 'assets', folders[0]))).toEqual(['b'.repeat(64)]);
  });
});
