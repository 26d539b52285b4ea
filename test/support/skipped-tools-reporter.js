/**
 * Ends the jest run with one line naming every check skipped for a missing system tool and the
 * `apt-get install` (and other steps) that enable them all (test/corporate-dns/support/tools.ts
 * records them).
 * Constructed in the jest process before any worker starts, so the workers inherit the record's
 * directory through the environment.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const SKIP_RECORD_ENV = 'LANDING_SKIPPED_TOOLS_DIR';

class SkippedToolsReporter {
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-skipped-tools-'));
    process.env[SKIP_RECORD_ENV] = this.dir;
  }

  onRunComplete() {
    const file = path.join(this.dir, 'skipped.jsonl');
    const records = fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
      : [];
    fs.rmSync(this.dir, { recursive: true, force: true });
    if (records.length === 0) return;
    const checks = [...new Set(records.map((r) => `${r.check} [${r.missing.join(', ')}]`))].sort();
    const packages = [...new Set(records.flatMap((r) => r.packages ?? []))].sort();
    const steps = [...new Set(records.flatMap((r) => (r.steps ? [r.steps] : [])))].sort();
    const enable = [...(packages.length > 0 ? [`apt-get install -y ${packages.join(' ')}`] : []), ...steps];
    const line = `Skipped ${checks.length} check(s), system tools not installed: ${checks.join('; ')}. Enable: ${enable.join('; ')}\n`;
    // jest runs its summary reporter after every custom one, so the line waits for the process
    // to end to be the run's last (writes to pipes, files and terminals are synchronous on Linux).
    process.once('exit', () => process.stderr.write(line));
  }
}

module.exports = SkippedToolsReporter;
