/**
 * Problems that stop an account file from being read at all (not a file, not YAML or JSON), worded
 * like every other problem: what is wrong and the fix, never the parser's own text or a stack.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValidationProblem } from './problems';

/** The YAML library's error codes (https://eemeli.org/yaml/#errors), in our words. */
const YAML_PROBLEMS: Record<string, { message: string; fix: string }> = {
  DUPLICATE_KEY: { message: 'a setting appears twice in the same mapping', fix: 'keep one of the duplicate keys' },
  MULTIPLE_DOCS: {
    message: 'the file holds more than one YAML document (a "---" line starts a second one)',
    fix: 'keep one landing zone per file: remove the "---" separator and what follows, or move it to its own file',
  },
  TAB_AS_INDENT: { message: 'a tab indents this line', fix: 'indent with spaces, not tabs' },
  BAD_INDENT: { message: 'this line is indented differently from the other settings at its level', fix: 'align it with the settings above it that belong to the same mapping or list' },
  MULTILINE_IMPLICIT_KEY: { message: 'a setting has no colon after its name', fix: 'write it as "name: value"' },
  MISSING_CHAR: { message: 'a quote or bracket opened here is never closed', fix: 'close the quote or bracket on the same line' },
  BLOCK_AS_IMPLICIT_KEY: { message: 'a value contains ": " that starts a nested mapping on the same line', fix: 'put the value in quotes, or move the nested mapping to its own indented lines' },
  BAD_SCALAR_START: { message: 'a value starts with a character YAML reserves (such as @, ` or %)', fix: 'put the value in quotes' },
  BAD_DQ_ESCAPE: { message: 'a double-quoted value contains an invalid escape sequence', fix: 'use single quotes, or escape the backslash as \\\\' },
};

const DEFAULT_YAML_PROBLEM = { message: 'this line is not valid YAML', fix: 'check the indentation, colons, quotes and brackets on and just before this line' };

interface YamlError {
  code: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}

export function yamlProblem(error: YamlError): ValidationProblem {
  const { message, fix } = YAML_PROBLEMS[error.code] ?? DEFAULT_YAML_PROBLEM;
  const at = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '(file)';
  return { path: at, message: `invalid YAML: ${message}`, fix };
}

/** An alias (`*name`) without its anchor: the document parses, but has no value. */
export function unresolvedAliasProblem(): ValidationProblem {
  return { path: '(file)', message: 'invalid YAML: an alias (*name) refers to an anchor (&name) the file does not define', fix: 'define the anchor before the alias, or write the value out' };
}

/** JSON.parse's message, reduced to the position and what was found there. */
export function jsonProblem(text: string, parserMessage: string): ValidationProblem {
  const position = /at position (\d+)/.exec(parserMessage);
  if (!position) return { path: '(file)', message: 'invalid JSON: the file ends before the document does', fix: 'close every brace, bracket and quote' };
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  return {
    path: `line ${before.length}, column ${before[before.length - 1].length + 1}`,
    message: `invalid JSON: unexpected ${JSON.stringify(text.charAt(offset))}`,
    fix: 'check the commas, quotes and brackets there (JSON allows no comments or trailing commas)',
  };
}

/** Why `file` cannot be read as an account file, for the errors other than "does not exist". */
export function unreadableFileProblem(file: string, error: NodeJS.ErrnoException): ValidationProblem | undefined {
  if (error.code === 'EISDIR') {
    const candidates = fs.readdirSync(file).filter((entry) => /\.(ya?ml|json)$/.test(entry)).sort();
    return {
      path: '(file)',
      message: 'is a directory, not an account file',
      fix: candidates.length > 0
        ? `give one of the account files in it, e.g. ${path.join(file, candidates[0])}`
        : 'give the path of a YAML or JSON account file',
    };
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return { path: '(file)', message: 'cannot be read (permission denied)', fix: 'make the file readable by this user, e.g. chmod u+r' };
  }
  return undefined;
}
