import { createHash } from 'crypto';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lambdaArchive, zipDirectory } from '../../modules/service/lambda-archive';

function bundleDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

it('is a valid zip that unzip extracts to the same files', () => {
  const dir = bundleDir({ 'index.js': 'exports.handler = async () => 42;\n', 'index.js.map': '{}', 'lib/x.txt': 'x'.repeat(10_000) });
  const { zipFile } = lambdaArchive(dir);
  const listing = execFileSync('python3', ['-c', `import zipfile,sys;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(sorted((i.filename,i.file_size) for i in z.infolist()))`, zipFile], {
    encoding: 'utf8',
  });
  expect(listing.trim()).toBe("[('index.js', 34), ('index.js.map', 2), ('lib/x.txt', 10000)]");
});

it('gives the same bytes for the same files, whatever their timestamps', () => {
  const a = bundleDir({ 'index.js': 'a', 'b.js': 'b' });
  const b = bundleDir({ 'b.js': 'b', 'index.js': 'a' });
  fs.utimesSync(path.join(b, 'index.js'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  expect(zipDirectory(a).equals(zipDirectory(b))).toBe(true);
  expect(zipDirectory(a).equals(zipDirectory(bundleDir({ 'index.js': 'A', 'b.js': 'b' })))).toBe(false);
});

it('reports base64(sha256) of the zip, as Lambda does', () => {
  const dir = bundleDir({ 'index.js': 'x' });
  const archive = lambdaArchive(dir);
  const expected = createHash('sha256').update(fs.readFileSync(archive.zipFile)).digest('base64');
  expect(archive.sha256Base64).toBe(expected);
});
