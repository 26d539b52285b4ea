/**
 * Constructs are the module's public contract: each has a unit test of its own, and its props are
 * readonly and documented, each optional one with the default it gets.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { REPO, importsOf, resolveImport, sourceFile, tsFiles } from './source-files';

interface ConstructClass {
  readonly name: string;
  readonly file: string;
  readonly node: ts.ClassDeclaration;
}

const baseName = (node: ts.ClassDeclaration): string | undefined => {
  const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return heritage && ts.isIdentifier(heritage) ? heritage.text : undefined;
};

/** Classes under modules/ that are constructs: extending `Construct`, directly or through another of ours. */
function constructClasses(): ConstructClass[] {
  const classes = tsFiles('modules').flatMap((file) => sourceFile(file).statements
    .filter((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name !== undefined)
    .map((node) => ({ name: node.name!.text, file, node })));
  const byName = new Map(classes.map((c) => [c.name, c]));
  const isConstruct = (c: ConstructClass, seen = new Set<string>()): boolean => {
    const base = baseName(c.node);
    if (base === 'Construct') return true;
    const parent = base ? byName.get(base) : undefined;
    return parent !== undefined && !seen.has(parent.name) && isConstruct(parent, seen.add(c.name));
  };
  return classes.filter((c) => isConstruct(c));
}

const CONSTRUCTS = constructClasses();
const relative = (file: string) => path.relative(REPO, file);
/** `modules/<area>/...` is tested under `test/<area>/`. */
const areaOf = (file: string) => relative(file).split(path.sep)[1];

/** The test files of an area that import the class from its file and construct it. */
function unitTestsOf(c: ConstructClass): string[] {
  return tsFiles(path.join('test', areaOf(c.file)))
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => importsOf(file).some((imported) => imported.file === c.file && imported.name === c.name))
    .filter((file) => fs.readFileSync(file, 'utf8').includes(`new ${c.name}(`));
}

it('finds the constructs (guards the scan itself)', () => {
  const names = CONSTRUCTS.map((c) => c.name);
  expect(names).toEqual(expect.arrayContaining(['PrivateVpc', 'PresignedUrlApi', 'CorporatePeering', 'LogsKey', 'DeployRole']));
  expect(names.length).toBeGreaterThanOrEqual(26);
});

it.each(CONSTRUCTS.map((c) => [c.name, relative(c.file), c] as const))('%s (%s) has a unit test under test/<area>/ that constructs it', (_name, _file, c) => {
  expect(unitTestsOf(c)).not.toEqual([]);
});

// ---------------------------------------------------------------- props

interface PropsMember {
  readonly name: string;
  readonly readonly: boolean;
  readonly optional: boolean;
  readonly doc: string | undefined;
}

/** The JSDoc text of a node (comment and tags), or undefined when it has none. */
function jsDocOf(node: ts.Node): string | undefined {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  return docs && docs.length > 0 ? docs.map((doc) => doc.getText()).join('\n') : undefined;
}

/** Finds an interface or type alias by name in a file or, following its imports, where it is declared. */
function declaration(file: string, name: string): { file: string; node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration } | undefined {
  const source = sourceFile(file);
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name) return { file, node: statement };
  }
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    const imported = bindings && ts.isNamedImports(bindings) && bindings.elements.find((element) => element.name.text === name);
    const target = imported ? resolveImport(file, statement.moduleSpecifier.text) : undefined;
    if (imported && target) return declaration(target, (imported.propertyName ?? imported.name).text);
  }
  return undefined;
}

function membersOf(file: string, name: string): PropsMember[] {
  const found = declaration(file, name);
  if (!found) throw new Error(`${relative(file)}: cannot find the declaration of ${name}`);
  const { node } = found;
  const members: readonly ts.TypeElement[] = ts.isInterfaceDeclaration(node) ? node.members : ts.isTypeLiteralNode(node.type) ? node.type.members : [];
  const own = members.filter((member): member is ts.PropertySignature => ts.isPropertySignature(member)).map((member) => ({
    name: member.name.getText(),
    readonly: member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ReadonlyKeyword) === true,
    optional: member.questionToken !== undefined,
    doc: jsDocOf(member),
  }));
  const inherited = ts.isInterfaceDeclaration(node)
    ? (node.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => membersOf(found.file, type.expression.getText())).flat())
    : [];
  return [...inherited, ...own];
}

/** The props type of a construct: its constructor's third parameter (`scope, id, props`). */
function propsTypeOf(c: ConstructClass): string | undefined {
  const constructor = c.node.members.find(ts.isConstructorDeclaration);
  const type = constructor?.parameters[2]?.type;
  return type && ts.isTypeReferenceNode(type) ? type.typeName.getText() : undefined;
}

const WITH_PROPS = CONSTRUCTS.flatMap((c) => {
  const props = propsTypeOf(c);
  return props ? [[c.name, props, c] as const] : [];
});

it('reads the props of every construct (guards the scan itself)', () => {
  expect(WITH_PROPS.map(([name]) => name)).toEqual(CONSTRUCTS.map((c) => c.name));
});

it.each(WITH_PROPS)('%s: every member of %s is readonly and documented, each optional one with its @default', (_name, props, c) => {
  const faults = membersOf(c.file, props).flatMap((member) => [
    ...(member.readonly ? [] : [`${member.name} is not readonly`]),
    ...(member.doc ? [] : [`${member.name} has no doc comment`]),
    ...(member.optional && !member.doc?.includes('@default') ? [`${member.name} is optional without @default`] : []),
  ]);
  expect(faults).toEqual([]);
});
