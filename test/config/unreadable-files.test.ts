import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadAccountFile } from '../../modules/config/load';
import { ConfigError } from '../../modules/config/problems';
import { REPO_ROOT } from '../support/configs';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unreadable-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

function problemsOf(file: string): { path: string; message: string; fix: string }[] {
  try {
    loadAccountFile(file);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** Text the YAML and JSON parsers use, which must never reach the user. */
const LIBRARY_TEXT = /parseAllDocuments|Implicit keys|mapping items must|at position|Unexpected token|in JSON|Error:|    at /;

describe('files that cannot be read as an account file', () => {
  it('a directory: names it and suggests an account file inside', () => {
    write('prod.yaml', 'environment: prod\n');
    expect(problemsOf(dir)).toEqual([{ path: '(file)', message: 'is a directory, not an account file', fix: `give one of the account files in it, e.g. ${path.join(dir, 'prod.yaml')}` }]);
    fs.rmSync(path.join(dir, 'prod.yaml'));
    expect(problemsOf(dir)[0].fix).toBe('give the path of a YAML or JSON account file');
  });

  it.each([
    ['several YAML documents', 'environment: a\n---\nenvironment: b\n', 'line 2, column 1', 'invalid YAML: the file holds more than one YAML document (a "---" line starts a second one)'],
    ['a line indented off its mapping', 'environment: example\nnetwork:\n  accountId: "111111111111"\n hubVpcCidr: 10.10.0.0/24\n', 'line 4, column 1', 'invalid YAML: this line is indented differently from the other settings at its level'],
    ['a tab as indentation', 'network:\n\taccountId: "1"\n', 'line 2, column 1', 'invalid YAML: a tab indents this line'],
    ['a setting without colon', 'environment example\nregion: x\n', 'line 1, column 1', 'invalid YAML: a setting has no colon after its name'],
    ['an unclosed quote', 'environment: "abc\nregion: x\n', 'line 3, column 1', 'invalid YAML: a quote or bracket opened here is never closed'],
    ['an alias without anchor', 'environment: *nope\n', '(file)', 'invalid YAML: an alias (*name) refers to an anchor (&name) the file does not define'],
  ])('%s', (_what, text, at, message) => {
    const problems = problemsOf(write('zone.yaml', text));
    expect(problems[0]).toMatchObject({ path: at, message });
    for (const problem of problems) expect(`${problem.message} ${problem.fix}`).not.toMatch(LIBRARY_TEXT);
  });

  it('invalid JSON: the position and what was found there', () => {
    expect(problemsOf(write('zone.json', '{\n  "environment": "x",\n}\n'))).toEqual([{
      path: 'line 3, column 1', message: 'invalid JSON: unexpected "}"', fix: 'check the commas, quotes and brackets there (JSON allows no comments or trailing commas)',
    }]);
    expect(problemsOf(write('cut.json', '{"environment": '))[0].message).toMatch(/^invalid JSON: /);
  });

  it('npm run synth prints one line per problem and exits 2, without a stack trace', () => {
    for (const target of [dir, write('two.yaml', 'environment: a\n---\nenvironment: b\n')]) {
      const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools/synth.mjs')], {
        cwd: REPO_ROOT,
        env: { ...process.env, LANDING_ACCOUNT_FILE: target, CDKTF_OUTDIR: path.join(dir, 'out') },
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\(file\\)|line \\d+, column \\d+): .+\\. Fix: .+`));
      expect(result.stderr).not.toMatch(LIBRARY_TEXT);
      expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    }
  });
});
