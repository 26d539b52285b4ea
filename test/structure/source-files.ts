/** The repository's TypeScript sources, parsed (syntax only: no type-check, so it stays fast). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const REPO = path.resolve(__dirname, '../..');

/** Every `.ts` file under `dir` (relative to the repository), declaration files excluded. */
export function tsFiles(dir: string): string[] {
  const root = path.join(REPO, dir);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.split(path.sep).includes('node_modules'))
    .map((file) => path.join(root, file))
    .sort();
}

const parsed = new Map<string, ts.SourceFile>();

export function sourceFile(file: string): ts.SourceFile {
  let source = parsed.get(file);
  if (!source) {
    source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    parsed.set(file, source);
  }
  return source;
}

/** The file a relative module specifier names, or undefined for a package. */
export function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
}

export interface ImportedName {
  /** The file the name comes from. */
  readonly file: string;
  /** The name as exported there (`default` for a default import, `*` for a namespace import). */
  readonly name: string;
}

/** The relative imports of a file, and the re-exports (`export { x } from`), by the names they bring. */
export function importsOf(file: string): ImportedName[] {
  const names: ImportedName[] = [];
  for (const statement of sourceFile(file).statements) {
    const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
      ? statement.moduleSpecifier.text
      : undefined;
    const target = specifier && resolveImport(file, specifier);
    if (!target) continue;
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.push({ file: target, name: 'default' });
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push({ file: target, name: '*' });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.push({ file: target, name: (element.propertyName ?? element.name).text });
      }
      if (!clause) names.push({ file: target, name: '*' });
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause || ts.isNamespaceExport(clause)) names.push({ file: target, name: '*' });
      else for (const element of clause.elements) names.push({ file: target, name: (element.propertyName ?? element.name).text });
    }
  }
  return names;
}
