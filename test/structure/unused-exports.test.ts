/**
 * Exports nobody imports: each is either dead code or a name that should not be exported. The
 * public API (what modules/index.ts re-exports) and the entry points whose exports are read from
 * outside TypeScript (Lambda handlers, CLI mains) are the allowlist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO, importsOf, sourceFile, tsFiles } from './source-files';

/** Folders whose exports must be used. */
const CHECKED = ['modules', 'lambda-src', 'tools', 'analysis'];
/** Folders whose imports count as uses. */
const IMPORTERS = ['modules', 'lambda-src', 'tools', 'test', 'bench', 'analysis', 'packages'];

/** The names a file exports, with the names it re-exports from elsewhere. */
function exportsOf(file: string): string[] {
  const names: string[] = [];
  for (const statement of sourceFile(file).statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
    const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (exported && isDefault) names.push('default');
    else if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
    } else if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement)
      || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      names.push(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    } else if (ts.isExportAssignment(statement)) names.push('default');
  }
  return names;
}

/**
 * `file#name` of every export another file imports or re-exports (a namespace import, `export *`
 * or a side-effect import uses them all).
 */
function usedExports(): Set<string> {
  const used = new Set<string>();
  const files = [...IMPORTERS.flatMap((dir) => tsFiles(dir)), ...['main.ts'].map((file) => path.join(REPO, file))];
  for (const file of files) {
    for (const { file: target, name } of importsOf(file)) {
      if (target === file) continue;
      if (name === '*') for (const exported of exportsOf(target)) used.add(`${target}#${exported}`);
      else used.add(`${target}#${name}`);
    }
  }
  return used;
}

/**
 * Files whose exports are read by something other than a TypeScript import: the public API of
 * the package, and the Lambda handlers (the runtime calls `index.handler`).
 */
// analysis/guardrails/index.ts is the guardrails' public API: a team's own rules are written against its types.
const ENTRY_POINTS = ['modules/index.ts', 'analysis/guardrails/index.ts', 'lambda-src/authorizer/index.ts', 'lambda-src/presign/index.ts'];

function unusedExports(): string[] {
  const used = usedExports();
  const entryPoints = new Set(ENTRY_POINTS.map((file) => path.join(REPO, file)));
  return CHECKED.flatMap((dir) => tsFiles(dir))
    .filter((file) => !entryPoints.has(file))
    .flatMap((file) => exportsOf(file).filter((name) => !used.has(`${file}#${name}`)).map((name) => `${path.relative(REPO, file)}: ${name}`));
}

it('every export under modules/, lambda-src/ and tools/ is imported by another file', () => {
  expect(unusedExports()).toEqual([]);
});

it('the scan sees exports, re-exports and imports (guards the scan itself)', () => {
  const used = usedExports();
  const file = (name: string) => path.join(REPO, name);
  expect(exportsOf(file('modules/index.ts'))).toEqual(expect.arrayContaining(['PrivateVpc', 'ConfigError']));
  expect(used.has(`${file('modules/network/private-vpc.ts')}#PrivateVpc`)).toBe(true);
  expect(used.has(`${file('modules/config/problems.ts')}#ConfigError`)).toBe(true);
  expect(fs.existsSync(file('lambda-src/presign/index.ts'))).toBe(true);
});
