/**
 * The compiled account-file schema. Compiling it with Ajv costs more than the rest of a small synth
 * (loading Ajv, then generating the validator), so the generated validator is cached as a module
 * keyed by the schema and the Ajv version, and loading it needs neither.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import schema from './schema.json';

const load = createRequire(__filename);

/** An Ajv instance that knows the schema's editor-only keywords. */
export function createSchemaAjv(options: { standalone?: boolean } = {}): Ajv {
  const AjvClass = (load('ajv') as { default: typeof Ajv }).default;
  const ajv = new AjvClass({ allErrors: true, verbose: true, discriminator: true, code: { source: options.standalone === true } });
  // An editor extension (VS Code, yaml-language-server): the message shown for a failed pattern.
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
  return ajv;
}

let validator: ValidateFunction | undefined;

export function schemaValidator(): ValidateFunction {
  validator ??= loadCachedValidator();
  return validator;
}

function loadCachedValidator(): ValidateFunction {
  // Beside node_modules/ajv, so the generated code's `require("ajv/dist/runtime/...")` resolves.
  const ajvDir = path.dirname(load.resolve('ajv/package.json'));
  const ajvVersion = (JSON.parse(fs.readFileSync(path.join(ajvDir, 'package.json'), 'utf8')) as { version: string }).version;
  const key = createHash('sha256').update(ajvVersion).update(JSON.stringify(schema)).digest('hex').slice(0, 16);
  const file = path.join(ajvDir, '..', '.cache', 'landing-zone', `account-schema-${key}.cjs`);
  if (!fs.existsSync(file)) {
    const ajv = createSchemaAjv({ standalone: true });
    const standaloneCode = (load('ajv/dist/standalone') as { default: (a: Ajv, v: ValidateFunction) => string }).default;
    const code = standaloneCode(ajv, ajv.compile(schema));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Atomic: parallel processes (jest workers) never load a half-written module.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, file);
  }
  return load(file) as ValidateFunction;
}
