import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { crc32, deflateRawSync } from 'zlib';

/** A deployment package ready for `aws_lambda_function.filename`. */
interface LambdaArchive {
  /** The zip, beside the bundle directory it was made from. */
  zipFile: string;
  /** base64(sha256(zip)): the value Lambda itself reports, so plans show no drift. */
  sha256Base64: string;
  /** The same digest in hex, for names and asset hashes. */
  sha256Hex: string;
}

const archives = new Map<string, LambdaArchive>();

/**
 * Zips a bundle directory once per process and once per bundle: bundle directories are named by
 * the hash of their content, so an existing zip beside one is already the right one. cdktf's own
 * ARCHIVE assets spawn a process per asset and stack (seconds per synth with many service stacks).
 */
export function lambdaArchive(bundleDir: string): LambdaArchive {
  const known = archives.get(bundleDir);
  if (known) return known;
  const zipFile = `${bundleDir.replace(/[/\\]+$/, '')}.zip`;
  if (!fs.existsSync(zipFile)) {
    const temporary = `${zipFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, zipDirectory(bundleDir));
    // Atomic: parallel synths (jest workers) never read a half-written zip.
    fs.renameSync(temporary, zipFile);
  }
  const digest = createHash('sha256').update(fs.readFileSync(zipFile)).digest();
  const archive = { zipFile, sha256Base64: digest.toString('base64'), sha256Hex: digest.toString('hex') };
  archives.set(bundleDir, archive);
  return archive;
}

/** DOS date/time of 1980-01-01 00:00: fixed, so the same files always give the same bytes. */
const FIXED_DOS_TIME = 0;
const FIXED_DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip of the directory's regular files (flat or nested), sorted by path, deflated, no timestamps. */
export function zipDirectory(dir: string): Buffer {
  const files = listFiles(dir).sort();
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const relative of files) {
    const data = fs.readFileSync(path.join(dir, relative));
    const compressed = deflateRawSync(data, { level: 9 });
    const name = Buffer.from(relative.split(path.sep).join('/'), 'utf8');
    const crc = crc32(data);

    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(FIXED_DOS_TIME, 10);
    header.writeUInt16LE(FIXED_DOS_DATE, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    local.push(header, name, compressed);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is honoured
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(FIXED_DOS_TIME, 12);
    entry.writeUInt16LE(FIXED_DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(0, 30); // extra
    entry.writeUInt16LE(0, 32); // comment
    entry.writeUInt16LE(0, 34); // disk
    entry.writeUInt16LE(0, 36); // internal attributes
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);

    offset += header.length + name.length + compressed.length;
  }
  const centralSize = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) return listFiles(dir, relative);
    return entry.isFile() ? [relative] : [];
  });
}
