import * as fs from 'fs';
import * as path from 'path';
import { type QuotedResults, SECTIONS, replaceSection } from '../../bench/readme';
import { REPO_ROOT } from '../support/configs';

const results = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'bench/results.json'), 'utf8')) as QuotedResults;

describe('README figures', () => {
  it.each(SECTIONS.map((section) => [`${section.file} ${section.name}`, section]))('%s is what bench/results.json gives (npm run bench:readme)', (_label, { file, name, render }) => {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    expect(replaceSection(text, name, render(results), file)).toBe(text);
  });

  it('replaces only between the markers, and says where the markers are missing', () => {
    const text = 'before\n<!-- bench:x -->\nold\n<!-- /bench:x -->\nafter\n';
    expect(replaceSection(text, 'x', 'new', 'f.md')).toBe('before\n<!-- bench:x -->\nnew\n<!-- /bench:x -->\nafter\n');
    expect(() => replaceSection('no markers', 'x', 'new', 'f.md')).toThrow('f.md: no <!-- bench:x --> ... <!-- /bench:x --> section. Fix: ');
  });
});
