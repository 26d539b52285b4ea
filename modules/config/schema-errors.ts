/**
 * The structural layer: Ajv against `schema.json` (the same schema editors use), each error
 * reworded as a problem with a fix drawn from the schema's descriptions and examples.
 */
import type { ErrorObject } from 'ajv';
import { childPath, closest, inline, plural, problem, ROOT, type ValidationProblem } from './problems';
import schema from './schema.json';
import { schemaValidator } from './schema-validator';

export function structuralProblems(raw: unknown): ValidationProblem[] {
  const validate = schemaValidator();
  validate(raw);
  return (validate.errors ?? []).map(problemFromAjvError);
}

interface SchemaNode {
  $ref?: string;
  type?: string;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  const?: unknown;
  enum?: unknown[];
  patternErrorMessage?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Follows a local `$ref`; sibling keywords (the property's own description) take precedence. */
function deref(node: SchemaNode | undefined): SchemaNode {
  if (!node?.$ref) return node ?? {};
  const { $ref, ...siblings } = node;
  const definitions: Record<string, SchemaNode> = schema.definitions;
  return { ...deref(definitions[$ref.replace('#/definitions/', '')]), ...siblings };
}

function problemFromAjvError(error: ErrorObject): ValidationProblem {
  const at = pointerToPath(error.instancePath);
  const node = deref(error.parentSchema as SchemaNode);
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const property = deref(node.properties?.[key]);
      return problem(childPath(at, key), 'is required', property.examples
        ? `add ${key}: ${inline(property.examples[0])}`
        : `add ${key} (${sentence(property.description ?? 'see modules/config/schema.json')})`);
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys(node.properties ?? {});
      const suggestion = closest(key, known);
      return problem(childPath(at, key), 'is not a known setting', suggestion
        ? `rename it to ${suggestion}`
        : `remove it (known settings here: ${known.join(', ')})`);
    }
    case 'type':
      return typeProblem(at, String(params.type), data, node);
    case 'discriminator':
      return discriminatorProblem(at, params, node);
    case 'enum': {
      const allowed = node.enum ?? [];
      const suggestion = typeof data === 'number' ? nearestNumber(data, allowed) : closest(String(data), allowed.map(String));
      return problem(at, `must be one of ${allowed.map(inline).join(', ')} (got ${inline(data)})`,
        suggestion === undefined ? 'use one of the listed values' : `use ${inline(suggestion)}`);
    }
    case 'pattern':
      return problem(at, node.patternErrorMessage ?? `must match ${String(params.pattern)}`,
        node.examples ? `use a value like ${inline(node.examples[0])}` : 'correct the value');
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const count = Array.isArray(data) ? data.length : 0;
      return error.keyword === 'minItems'
        ? problem(at, `must list at least ${plural(limit, 'entry', 'entries')} (has ${count})`,
          node.examples ? `list for example ${inline(node.examples[0])}` : 'add the missing entries')
        : problem(at, `must list at most ${plural(limit, 'entry', 'entries')} (has ${count})`, `remove ${plural(count - limit, 'entry', 'entries')}`);
    }
    case 'uniqueItems': {
      // Ajv's i and j come in either order depending on the item type: report the later one.
      const [earlier, later] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return problem(childPath(at, later), `repeats ${childPath(at, earlier)} (${inline((data as unknown[])[later])})`, 'remove the duplicate');
    }
    case 'minLength':
      return problem(at, Number(params.limit) === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`,
        node.examples ? `use a value like ${inline(node.examples[0])}` : 'set a value');
    case 'maxLength':
      return problem(at, `must be at most ${params.limit} characters long (has ${String(data).length})`, 'shorten it');
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const range = rangeText(node);
      return problem(at, `must be ${range} (got ${inline(data)})`, `use ${node.type === 'integer' ? 'a whole number' : 'a number'} ${range}`);
    }
    default:
      return problem(at, error.message ?? `fails ${error.keyword}`, 'see the description of this setting in modules/config/schema.json');
  }
}

function typeProblem(at: string, expected: string, data: unknown, node: SchemaNode): ValidationProblem {
  if (at === ROOT) {
    return problem(at, `the file must be a mapping of settings (got ${describeValue(data)})`, 'start from accounts/example.yaml');
  }
  const message = `must be ${article(expected)} (got ${describeValue(data)})`;
  if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
    return problem(at, message, 'put the value in quotes exactly as intended; unquoted digits are read as a number (losing leading zeros) and yes/no/true/false as booleans');
  }
  if (expected === 'integer' && typeof data === 'number') return problem(at, message, `use a whole number${node.examples ? `, e.g. ${inline(node.examples[0])}` : ''}`);
  return problem(at, message, node.examples ? `write ${article(expected)}, e.g. ${inline(node.examples[0])}` : `write ${article(expected)} (${sentence(node.description ?? '')})`);
}

function discriminatorProblem(at: string, params: Record<string, unknown>, node: SchemaNode): ValidationProblem {
  const tag = String(params.tag);
  const values = (node.oneOf ?? []).map((branch) => String(deref(deref(branch).properties?.[tag]).const));
  const tagPath = childPath(at, tag);
  if (params.error === 'tag') {
    return problem(tagPath, params.tagValue === undefined ? 'is required' : 'must be a string', `set ${tag} to one of: ${values.join(', ')}`);
  }
  const suggestion = closest(String(params.tagValue), values);
  return problem(tagPath, `must be one of ${values.join(', ')} (got ${inline(params.tagValue)})`, suggestion ? `use ${suggestion}` : `use one of: ${values.join(', ')}`);
}

function rangeText(node: SchemaNode): string {
  const lower = node.exclusiveMinimum !== undefined ? `greater than ${node.exclusiveMinimum}` : node.minimum !== undefined ? `${node.minimum}` : undefined;
  const upper = node.maximum ?? node.exclusiveMaximum;
  if (node.minimum !== undefined && node.maximum !== undefined) return `from ${node.minimum} to ${node.maximum}`;
  if (lower !== undefined && upper !== undefined) return `${lower} and at most ${upper}`;
  return lower !== undefined ? `at least ${lower}` : `at most ${upper}`;
}

/** `/services/1/vpcCidr` -> `services[1].vpcCidr`. */
function pointerToPath(pointer: string): string {
  if (pointer === '') return ROOT;
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((at, segment) => childPath(at, /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment), ROOT);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} ${inline(value)}`;
}

function article(type: string): string {
  const noun = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A description turned into a clause: first letter lowercased, final period dropped. */
function sentence(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

function nearestNumber(value: number, candidates: readonly unknown[]): number | undefined {
  const numbers = candidates.filter((candidate): candidate is number => typeof candidate === 'number');
  return numbers.reduce<number | undefined>((best, candidate) =>
    best === undefined || Math.abs(candidate - value) < Math.abs(best - value) ? candidate : best, undefined);
}
